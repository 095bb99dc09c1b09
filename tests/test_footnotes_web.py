"""A saved page's footnotes: read as notes with their markers, quoted after the marked phrase an answer quotes.

Real documents, copied unchanged from ``../shared/real/docs``: Công điện 224/CĐ-TTg (``tests/data/prose/
1095764e502a89b8.md``), whose "còn 03 bộ, cơ quan[2] và 09 địa phương[3] chưa gửi báo cáo" names the bodies only in
its notes below the signature; Bắc Ninh's Quyết định 1486/QĐ-UBND (``tests/data/found/43ce594e2a648040.md``), whose
procedure list gives the issuing body as "Đơn vị sự nghiệp công lập … của UBND tỉnh[1]" and names the two centres in
note [1]; Hà Nội's Nghị quyết 55/2025/NQ-HĐND (``tests/data/cells/02b9be7711f88c70.md``), whose three tables number
their notes from [1] each. Measured with every vector: qa2-tune +1 (the centres asked in English), nothing lost on
qa2-check, qa3, qa4; a note found for the question itself quoted with the sentence marked by it: qa3 +1 (the nine
provinces beside the three bodies of note [2])."""
import re

import pytest

from ingest.model import Document
from ingest.pipeline import load_document, parse_text
from ingest.text.footnotes import find_bracket_footnotes
from ingest.text.page_view import chrome_spans, reading_view

from .conftest import ROOT, answering_at_once

DISPATCH = ROOT / "tests/data/prose/1095764e502a89b8.md"
PROCEDURES = ROOT / "tests/data/found/43ce594e2a648040.md"
RATES = ROOT / "tests/data/cells/02b9be7711f88c70.md"


def _view(path) -> str:
    text = path.read_text(encoding="utf-8")
    return reading_view(text, chrome_spans(text))


def test_a_pages_notes_are_read_with_the_markers_referring_to_them():
    view = _view(DISPATCH)
    notes = find_bracket_footnotes(view)
    assert [n.marker for n in notes] == ["[1]", "[2]", "[3]", "[4]", "[5]"]
    bodies = notes[1]
    assert bodies.text == "Bộ Giáo dục và Đào tạo, Bộ Ngoại giao, Ngân hàng Nhà nước Việt Nam."
    (at,) = bodies.refs
    assert view[at:at + 3] == "[2]" and view[at - 20:at].endswith("còn 03 bộ, cơ quan")
    assert view[bodies.start:bodies.end].startswith("Bộ\nGiáo dục")  # the span slices the page's text


def test_notes_numbered_anew_for_each_table_are_paired_by_order():
    notes = find_bracket_footnotes(_view(RATES))
    assert [n.marker for n in notes] == ["[1]", "[1]", "[2]", "[3]", "[1]", "[2]", "[3]", "[4]", "[5]"]
    firsts = [n.refs[0] for n in notes if n.marker == "[1]"]
    assert firsts == sorted(firsts) and len(set(firsts)) == 3  # each run's "[1]" refers to its own note
    assert all(max(n.refs) < notes[0].start for n in notes)


def test_notes_nothing_refers_to_are_not_notes():
    view = _view(DISPATCH)
    first_note = view.index("\n[1] Thông") + 1
    unmarked = re.sub(r"\[\d\]", "   ", view[:first_note]) + view[first_note:]  # the body's markers gone
    assert find_bracket_footnotes(unmarked) == []


def test_each_note_is_a_chunk_of_its_own_and_its_marker_leaves_the_search_text():
    doc = load_document(str(DISPATCH))
    notes = [c for c in doc.chunks if c.kind == "footnote"]
    assert [c.locator for c in notes] == [f"Chú thích [{i}]" for i in range(1, 6)]
    assert "Ngân hàng Nhà nước Việt Nam" in notes[1].text
    body = next(c for c in doc.chunks if "09 địa phương" in c.text)
    assert "cơ quan[2]" in body.text and "cơ quan[2]" not in body.search_text
    closing = next(c for c in doc.chunks if c.kind == "closing")
    assert "Bộ Ngoại giao, Ngân hàng" not in closing.text  # the notes no longer run on in the signature's chunk
    again = Document.from_dict(doc.to_dict())  # stored and read back, the markers' offsets kept
    assert again.footnotes == doc.footnotes
    assert parse_text(doc.text, doc.path, doc.format).footnotes == doc.footnotes


@pytest.fixture(scope="module")
def bot(tmp_path_factory):
    b = answering_at_once(tmp_path_factory, "footnotes-web", [PROCEDURES, DISPATCH])
    yield b
    b.close()


def test_the_note_of_a_quoted_phrase_answers_which_units_it_means(bot):
    a = bot.ask("Theo Quyết định 1486/QĐ-UBND của Bắc Ninh, đơn vị sự nghiệp công lập nào thực hiện cấp chứng chỉ "
                "nghiệp vụ chuyên môn về đấu thầu?")
    assert a.found and "Chú thích [1] của văn bản: “Bắc Ninh hiện có 02 đơn vị là: Trung tâm Xúc tiến đầu tư" in a.text
    note = next(c for c in a.citations if c.locator == "Chú thích [1]")
    doc = bot.document(note.doc_id)
    assert doc.text[note.start:note.end] == note.text and note.text.startswith("Bắc Ninh hiện có 02 đơn vị")
    en = bot.ask("Under Bắc Ninh's Decision 1486/QĐ-UBND, which public service units issue the professional "
                 "bidding certificate?")
    assert "The document's footnote [1] (quoted in Vietnamese): “Bắc Ninh hiện có 02 đơn vị" in en.text


def test_a_note_saying_nothing_asked_is_left_out(bot):
    a = bot.ask("Theo Quyết định 1486/QĐ-UBND của Bắc Ninh, thời hạn giải quyết thủ tục cấp chứng chỉ nghiệp vụ "
                "chuyên môn về đấu thầu là bao lâu?")
    assert a.found and "ngày làm việc" in a.text
    assert "Chú thích" not in a.text and not any(c.kind == "footnote" for c in a.citations)


def test_the_bodies_a_marker_stands_for_are_quoted(bot):
    a = bot.ask("Theo Công điện 224/CĐ-TTg, những bộ, cơ quan nào chưa gửi báo cáo?")
    assert a.found and "Bộ Giáo dục và Đào tạo, Bộ Ngoại giao, Ngân hàng Nhà nước Việt Nam" in a.text
    assert any(c.locator == "Chú thích [2]" for c in a.citations)


def test_a_note_found_for_the_question_is_quoted_with_the_sentence_marked_by_it(bot):
    a = bot.ask("Theo Công điện 224/CĐ-TTg, Bộ Giáo dục và Đào tạo, Bộ Ngoại giao và Ngân hàng Nhà nước Việt Nam bị nêu "
                "tên vì việc gì?")
    assert a.found and a.citations[0].locator == "Chú thích [2]"  # the note itself answers …
    assert "Câu văn dẫn chú thích [2]: “Tuy nhiên, hiện nay còn 03 bộ, cơ quan và 09 địa phương chưa gửi báo cáo.”" \
        in a.text  # … and the sentence its marker stands in says what the list is, cited next to it
    marked = a.citations[1]
    assert marked.locator.endswith("(câu dẫn [2] / sentence marked [2])")
    doc = bot.document(marked.doc_id)
    assert doc.text[marked.start:marked.end] == marked.text and "cơ quan[2]" in marked.text
