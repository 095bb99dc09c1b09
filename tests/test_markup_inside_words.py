"""A saved page's bold run that ends inside a word ("ng**ày", "C**ỤC THUẾ", "V/v ch**ính sách thu**ế", "Ho**àng
Long") no longer splits the word its metadata is read from (``page_view.words_joined``): the reading view blanks the
marks to spaces, which read as two words, so the tax letter 5664/CT-CS (``tests/data/markup/3eb6b0065020aac4.md``)
had no number, no date, the issuer "Bộ Tài chính c" and the title "V/v ch ính sách thu ế", and the Ministry of
Industry and Trade's circular (``c6718d0835ffaaad.md``) no signer and no date. Of the 421 real documents 22 read
better (4 dates and a number found, a signer, 5 issuers, 6 titles, 10 signing titles completed); none worse."""

from ingest.pipeline import load_document
from ingest.text.page_view import marked_words, words_joined

from .conftest import ROOT, at_once_fixture

LETTER = ROOT / "tests/data/markup/3eb6b0065020aac4.md"
CIRCULAR = ROOT / "tests/data/markup/c6718d0835ffaaad.md"


def test_a_word_split_by_markup_is_read_whole_and_its_offsets_kept():
    text = "Hà Nội, ng**ày 01 tháng 12 n**ă**m 2025 **Số:**"
    view = text.replace("*", " ")  # what the reading view makes of it
    joined, at = words_joined(marked_words(text, view))
    assert joined.startswith("Hà Nội, ngày 01 tháng 12 năm 2025")
    assert "  Số:  " in joined  # marks between words stay blanks
    assert len(at) == len(joined) + 1 and all(view[i] == c for i, c in zip(at[:-1], joined, strict=True))
    assert words_joined(marked_words("abc", "abc")) == ("abc", [0, 1, 2, 3])


def test_the_letter_is_read_with_its_number_date_and_subject():
    meta = load_document(LETTER).meta
    assert (meta.kind, meta.number, meta.date) == ("Công văn", "5664/CT-CS", "2025-12-01")
    assert meta.issuer == "Cục Thuế"
    assert meta.title == "V/v chính sách thuế"
    assert meta.signer == "Phạm Thị Minh Hiền"
    assert "CHÍNH SÁCH, THUẾ QUỐC TẾ" in meta.signer_title


def test_the_signature_span_still_slices_the_text():
    for path, name in ((LETTER, "Phạm Thị Minh Hiền"), (CIRCULAR, "Ho**àng Long")):
        doc = load_document(path)
        s, e = doc.meta.signer_span
        assert doc.text[s:e].rstrip().endswith(name)


def test_the_circular_is_signed_and_dated():
    meta = load_document(CIRCULAR).meta
    assert (meta.signer, meta.date, meta.issuer) == ("Nguyễn Hoàng Long", "2025-11-21", "Bộ Công Thương")


bot = at_once_fixture("markup", LETTER, CIRCULAR)


def test_who_signed_the_letter_and_when_is_answered(bot):
    ans = bot.ask("Công văn 5664/CT-CS của Cục Thuế về chính sách thuế do ai ký và ban hành ngày nào?")
    assert ans.found
    assert "Phạm Thị Minh Hiền" in ans.text and "ngày 01 tháng 12 năm 2025" in ans.text
    # the date is quoted from the place-date line its marks split ("Hà Nội, ng**ày" / "01 tháng 12 năm 2025")
    assert any("01 tháng 12 năm 2025" in c.text for c in ans.citations)
