"""A section's heading after a table's last cell ends the table; a list's title going on in its line opens a part.

Real document: Hà Tĩnh's Quyết định 3005/QĐ-UBND (``tests/data/pipe_bounds/1ea5e769bcf16b99.md``, copied unchanged),
checked by hand. Its annex "DANH MỤC VÀ QUY TRÌNH NỘI" / "BỘ THỦ TỤC HÀNH CHÍNH …" lists 2 procedures ("A."), then
"**B. QUY TRÌNH NỘI BỘ THỦ TỤC HÀNH CHÍNH**" and "**1. Bổ nhiệm …**" follow the list's last cell with no empty segment,
and each procedure's form begins ("1 | KÝ HIỆU QUY TRÌNH | QT.GĐ.01", "2.3 Thành phần hồ sơ", "2.5 Thời hạn giải
quyết: 20 ngày"). Read as one table, the list's second row took the heading and the form's first cells as its own, the
first form's fields were no rows at all, and the annex was read as text of the decision's Điều 4.
"""
from ingest.pipeline import load_document
from ingest.tables.pipe_tables import _section_heading, find_pipe_tables
from ingest.text.page_view import chrome_spans, reading_view, without_chrome
from ingest.text.parts import split_parts

from .conftest import ROOT, at_once_fixture

DOC = ROOT / "tests/data/pipe_bounds/1ea5e769bcf16b99.md"
bot = at_once_fixture("section-after-table", DOC)


def test_the_list_ends_at_the_section_heading():
    text = DOC.read_text(encoding="utf-8")
    tables = find_pipe_tables(without_chrome(text, chrome_spans(text)))
    listed = next(t for t in tables if t.rows[0][0].text == "TT")
    assert [r[1].text for r in listed.rows[1:]] == ["Bổ nhiệm giám định viên pháp y và pháp y tâm thần",
                                                    "Miễn nhiệm giám định viên pháp y và pháp y tâm thần"]
    assert listed.rows[-1][-1].text == "Như trên"  # the row's own last cell: "Căn cứ pháp lý"
    form = next(t for t in tables if t.start > listed.end)
    assert [c.text for c in form.rows[0]] == ["1", "KÝ HIỆU QUY TRÌNH", "QT.GĐ.01"]


def test_a_section_heading_is_its_mark_and_a_title_in_capitals():
    assert _section_heading("**B. ****QUY TRÌNH NỘI BỘ THỦ TỤC HÀNH CHÍNH**\n**1. ****Bổ nhiệm …**")
    assert _section_heading("**II. DANH MỤC THỦ TỤC HÀNH CHÍNH BỊ BÃI BỎ**")
    assert not _section_heading("B. Hồ sơ nộp trực tiếp tại bộ phận một cửa")  # a cell's own sentence
    assert not _section_heading("**B. CẤP XÃ**")  # too short to be a section's title


def test_the_annex_is_a_part_of_its_own():
    text = DOC.read_text(encoding="utf-8")
    doc = load_document(DOC)
    titles = [p.title for p in split_parts(reading_view(text, chrome_spans(text)))]
    assert titles[-1] == "Danh mục", titles
    first = next(r for r in doc.rows if r.label.startswith("Bổ nhiệm"))
    assert first.caption.startswith("Danh mục › DANH MỤC VÀ QUY TRÌNH NỘI BỘ"), first.caption
    assert not any(c.kind == "article" and c.end > first.start for c in doc.chunks)  # no "Điều 4" over the annex


def test_the_first_procedures_form_is_read_field_by_field():
    doc = load_document(DOC)
    form = [r.label for r in doc.rows if r.caption.startswith("Danh mục › B. QUY TRÌNH NỘI BỘ")]
    papers = list(dict.fromkeys(form[form.index("Thành phần hồ sơ, bao gồm:") + 1:
                                     next(i for i, x in enumerate(form) if x.startswith("Thời hạn giải quyết"))]))
    assert len(papers) == 5 and papers[2] == "Sơ yếu lý lịch theo quy định.", papers
    assert any(x.startswith("Thời hạn giải quyết: 20 ngày") for x in form), form


def test_the_time_of_the_procedure_asked_is_answered(bot):
    ans = bot.ask("Under Hà Tĩnh Decision 3005/QĐ-UBND, how long does the provincial Department of Health take to "
                  "process a request to appoint a forensic medical and forensic psychiatric examiner?")
    assert ans.found and "20" in ans.text, ans.text
    assert any("20 ngày" in c.text for c in ans.citations), ans.citations


def test_parts_by_their_title_lines():
    lead = "QUYẾT ĐỊNH\n" + "Điều 1. Ban hành kèm theo Quyết định này danh mục.\n" * 8 + "Nơi nhận:\n- Như Điều 1.\n\n"
    attached = "\n(Kèm theo Quyết định số 1/QĐ-UBND)\n\n1. Mẫu số 01\n"
    assert [p.title for p in split_parts(lead + "Phụ lục\n\nDANH MỤC BIỂU MẪU\n" + attached)] == ["Văn bản", "Phụ lục"]
    assert [p.title for p in split_parts(lead + "DANH MỤC VÀ QUY TRÌNH NỘI\nBỘ THỦ TỤC" + attached)] == \
        ["Văn bản", "Danh mục"]
    assert [p.title for p in split_parts(lead + "DANH MỤC các dự án trọng điểm\n" + attached)] == ["Văn bản"]
    assert [p.title for p in split_parts(lead + "Phụ lục 9\n" + attached)] == ["Văn bản"]  # a form's label


def test_a_step_named_by_its_number_is_answered_in_each_procedures_workflow(bot):
    ans = bot.ask("In the internal workflows attached to Hà Tĩnh Decision 3005/QĐ-UBND, how many days does the handling"
                  " officer have to review the dossier (step B4) when appointing a forensic examiner, and how many when"
                  " dismissing one?")
    assert ans.found and "15 ngày" in ans.text and "07 ngày" in ans.text, ans.text
    steps = [c for c in ans.citations if c.locator.endswith("› B4")]
    assert len(steps) == 2 and {"15 ngày" in c.text for c in steps} == {True, False}, ans.citations
    assert any("07 ngày" in c.text and "miễn nhiệm" in c.text for c in steps), ans.citations
