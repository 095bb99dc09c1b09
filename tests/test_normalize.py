"""Normalisation, footnotes, symbols and tokens: one form for documents and questions."""
from ground.normalize import fold, join_wraps, search_form, syllables, tone_style
from ground.symbols import expand_symbols
from index.lexical import BM25, tokens
from ingest.text.footnotes import detach_markers, find_footnotes

from .conftest import KON_TUM


def test_tone_style_moves_marks_to_old_style_for_both_sides():
    assert tone_style("hoà thuỷ khoẻ") == "hòa thủy khỏe"
    assert tone_style("quý") == "quý"  # "qu" is a consonant: the mark stays on y
    assert search_form("Quan hệ lao động hài hoà") == search_form("quan hệ lao động hài hòa")


def test_tone_style_leaves_other_vowels_alone():
    # "ậ", "ặ": the dot below precedes the circumflex or breve in NFD; it is not a movable tone on "a"
    assert tone_style("Luật hoặc thuận, LUẬT") == "Luật hoặc thuận, LUẬT"
    assert tone_style("luật hoà") == "luật hòa"  # one word to move beside one to keep
    assert "hoặc" not in tokens("kế hoạch hoặc dự án")  # the stopword is read as the stopword


def test_spelling_variants_meet():
    assert search_form("Tỉ lệ bác sỹ") == search_form("tỷ lệ bác sĩ")


def test_fold_and_wraps():
    assert fold("Đắk Lắk") == "dak lak"
    assert join_wraps("Nghị quyết số 42-\nNQ/TW và Lao động -\nThương binh") == \
        "Nghị quyết số 42-NQ/TW và Lao động - Thương binh"
    assert syllables("Nhà ở xã hội 104.046 m2") == ["nhà", "ở", "xã", "hội", "104.046", "m", "2"]


def test_footnotes_of_kon_tum_are_found_and_spans_quote_them():
    text = KON_TUM.read_text(encoding="utf-8")
    notes = find_footnotes(text)
    assert [n.marker for n in notes] == ["1", "2", "3", "4", "5", "6"]
    for n in notes:
        assert " ".join(text[n.start:n.end].split()) == n.text
    assert notes[0].text.startswith("Thực hiện Chỉ thị số 14-CT/TW")
    assert notes[4].text == "Trong trường hợp Bộ Y tế triển khai đủ 12 loại vắc xin"


def test_glued_markers_detach_without_breaking_units():
    out = detach_markers("Tỉnh ủy1 và năm 20202. Thực vắc xin5) 104 m2 sàn, 3 km2", ["1", "2", "5"])
    assert out == "Tỉnh ủy và năm 2020. Thực vắc xin) 104 m2 sàn, 3 km2"


def test_symbols_spelled_out():
    assert expand_symbols("số 30-CTr/TU") == "chương trình tỉnh ủy"
    assert expand_symbols("Quyết định số 435/QĐ-\nUBND") == "quyết định ủy ban nhân dân"


def test_bm25_prefers_the_exact_indicator_and_survives_save(tmp_path):
    bm = BM25()
    bm.add(["a", "b", "c"], ["Tỷ lệ thất nghiệp chung", "Tỷ lệ thất nghiệp khu vực thành thị",
                             "Phấn đấu xây dựng sàn nhà ở xã hội"])
    assert bm.search("tỉ lệ thất nghiệp chung")[0][0] == "a"
    bm.save(tmp_path / "bm.json")
    again = BM25.load(tmp_path / "bm.json")
    assert again.search("nhà ở xã hội")[0][0] == "c"
    again.remove({"c"})
    assert again.search("nhà ở xã hội") == []
    assert "nhà_ở" in tokens("Nhà ở")


def test_bm25_filtered_search_equals_filtering_the_full_ranking(shipped_docs):
    """Only allowed chunks are scored (fast at 40,000 chunks); the ranking must be exactly what
    filtering the full ranking gives, ties included."""
    bm = BM25()
    chunks = [c for d in shipped_docs.values() for c in d.chunks]
    bm.add([c.chunk_id for c in chunks], [c.search_text for c in chunks])
    kon_tum = {c.chunk_id for c in shipped_docs["kon_tum"].chunks}
    for q in ("tỷ lệ thất nghiệp", "nhà ở xã hội", "bảo hiểm y tế", "Sở Y tế"):
        full = bm.search(q, k=len(chunks))
        assert bm.search(q, k=7, allowed=kon_tum) == [h for h in full if h[0] in kon_tum][:7]
        assert bm.search(q, k=7, allowed=set()) == []
    bm.remove(kon_tum)
    assert bm.search("nhà ở xã hội", k=5, allowed=kon_tum) == []


def test_tokens_split_phrases_as_each_phrases_own_search_form():
    """tokens() normalises the text once; its phrases must read as if each were normalised alone."""
    text = "Thuỷ lợi\nHoà Bình; tỉ lệ 10.000, - Qui hoạch (UBND tỉnh): Kĩ thuật"
    parts = [syllables(p) for p in ["Thuỷ lợi", "Hoà Bình", " tỉ lệ 10.000", " ", " Qui hoạch ", "UBND tỉnh", " Kĩ thuật"]]
    bigrams = [f"{a}_{b}" for ps in parts for a, b in zip(ps, ps[1:], strict=False)]
    assert tokens(text) == [s for ps in parts for s in ps] + bigrams
    assert "bình_tỷ" not in tokens(text) and "hòa_bình" in tokens(text) and "quy_hoạch" in tokens(text)
