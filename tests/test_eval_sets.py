"""Question sets: JSONL, CSV and XLSX, malformed lines, and the shipped sets.

Fast: no index, no model. The XLSX test is skipped when openpyxl is missing.
"""
import doctest
import importlib
import json
from collections import Counter
from pathlib import Path

import pytest

from eval.match import has
from eval.sets import load_set, parse_gold, parse_groups

ROOT = Path(__file__).resolve().parent.parent
SETS = ROOT / "eval" / "sets"


def test_jsonl_reports_bad_lines_and_keeps_the_rest(tmp_path):
    lines = [
        '{"id":"a","q":"Tỷ lệ thất nghiệp An Giang 2025","province":"An Giang","kind":"target","expect":[["3,5"]],"cite":["thất nghiệp"]}',
        "",
        "# a comment line",
        '{"id":"b","q":"broken" ',                                    # 4: not JSON
        '{"id":"c","q":"","kind":"target","expect":[["1"]]}',        # 5: empty question
        '{"id":"d","q":"x?","kind":"a guess","expect":[["1"]]}',     # 6: not a one-word kind
        '{"id":"e","q":"x?","kind":"target","expect":["1","2"]}',    # 7: not a list of groups
        '{"id":"a","q":"again","kind":"unanswerable"}',              # 8: duplicate id
        '{"id":"f","q":"Gia Lai 2030?","kind":"unanswerable","expect":[["1"]]}',  # 9: contradiction
        '{"id":"g","q":"x?","kind":"target"}',                        # 10: nothing to check
        '["not", "an", "object"]',                                    # 11
        '{"id":"h","q":"Metro 2035?","lang":"en","kind":"unanswerable"}',
    ]
    path = tmp_path / "s.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items, problems = load_set(path)
    assert [i.id for i in items] == ["a", "h"]
    assert [p.line for p in problems] == [4, 5, 6, 7, 8, 9, 10, 11]
    assert all(str(p).startswith(f"s.jsonl:{p.line}: ") for p in problems)
    assert "kind" in problems[2].message and "unanswerable" in problems[2].message
    assert items[0].expect == [["3,5"]] and items[1].lang == "en"


def test_any_one_word_kind_is_a_label_the_report_groups_by(tmp_path):
    """The qa2 sets use ``count``; a new set may use a label of its own."""
    path = tmp_path / "k.jsonl"
    path.write_text('{"id":"c1","q":"Bao nhiêu thủ tục?","kind":"count","expect":[["12"]]}\n'
                    '{"id":"c2","q":"Liệt kê","kind":"List-Rows","expect":[["a"]]}\n', encoding="utf-8")
    items, problems = load_set(path)
    assert not problems and [i.kind for i in items] == ["count", "list-rows"]


def test_csv_with_spreadsheet_cells_and_semicolons(tmp_path):
    path = tmp_path / "officials.csv"
    path.write_text(
        "\ufeffid;q;lang;province;kind;expect;cite;gold\n"
        'c1;So sánh nhà ở xã hội 2030;vi;;compare;"6.300|6300;221.009";nhà ở xã hội;\n'
        'c2;Cơ quan theo dõi thất nghiệp?;vi;An Giang;agency;Sở Nội vụ;thất nghiệp;"422/KH-UBND @ Phụ lục › II › 1"\n'
        "c3;Bác sĩ Kon Tum;vi;Kon Tum;retrieval;;;Kon Tum @ Phụ lục › 7\n"
        "c4;;vi;;target;1;;\n"
        'c5;x;vi;;target;"[[""3,5""]";;\n',
        encoding="utf-8")
    items, problems = load_set(path)
    assert [i.id for i in items] == ["c1", "c2", "c3"]
    assert items[0].expect == [["6.300", "6300"], ["221.009"]] and items[0].province is None
    assert items[1].gold == [{"document": "422/KH-UBND", "locator": "Phụ lục › II › 1"}]
    assert items[2].retrieval_only and not items[1].retrieval_only
    assert [(p.line, "'q'" in p.message or "JSON" in p.message) for p in problems] == [(5, True), (6, True)]


def test_csv_stray_delimiter_is_reported(tmp_path):
    path = tmp_path / "s.csv"
    # an unquoted ";" inside a ";"-separated file makes one cell too many
    path.write_text("id;q;kind;expect\nk1;Câu hỏi;target;6.300;221.009\nk2;Câu khác;target;5\n", encoding="utf-8")
    items, problems = load_set(path)
    assert [i.id for i in items] == ["k2"]
    assert problems[0].line == 2 and "stray" in problems[0].message


def test_csv_without_question_column(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("câu hỏi,đáp án\nA,B\n", encoding="utf-8")
    items, problems = load_set(path)
    assert items == [] and problems[0].line == 1 and "'q'" in problems[0].message


def test_xlsx(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["id", "q", "lang", "province", "kind", "expect", "cite", "gold"])
    ws.append(["x1", "Tuổi thọ An Giang 2030", "vi", "An Giang", "target", 75, "tuổi thọ", None])
    ws.append(["x2", "Tỷ lệ BHXH An Giang 2030", "vi", "An Giang", "target", 20.83, "bảo hiểm", None])
    ws.append([None, None, None, None, None, None, None, None])  # blank rows are skipped silently
    ws.append(["x3", "Câu hỏi", "vi", None, "target", None, None, None])  # row 5: nothing to check
    ws.append(["x4", "Two groups", "en", None, "compare", '[["75"], ["69,5", "69.5"]]', "tuổi thọ", None])
    path = tmp_path / "set.xlsx"
    wb.save(path)
    items, problems = load_set(path)
    assert [i.id for i in items] == ["x1", "x2", "x4"]
    assert items[0].expect == [["75"]] and items[1].expect == [["20.83"]]
    assert items[2].expect == [["75"], ["69,5", "69.5"]]
    assert [p.line for p in problems] == [5]


def test_unreadable_files_are_problems_not_crashes(tmp_path):
    for name, content in (("a.txt", "q"), ("b.xlsx", "not a zip"), ("c.jsonl", "")):
        path = tmp_path / name
        path.write_text(content, encoding="utf-8")
        items, problems = load_set(path)
        assert items == [] and len(problems) == 1 and problems[0].line == 0
    items, problems = load_set(tmp_path / "missing.jsonl")
    assert items == [] and "cannot read" in problems[0].message


def test_cell_parsers():
    assert parse_groups("3,5|3.5;Sở Nội vụ") == [["3,5", "3.5"], ["Sở Nội vụ"]]
    assert parse_groups(52) == [["52"]] and parse_groups(None) == []
    assert parse_gold({"document": "Kon Tum"}) == [{"document": "Kon Tum", "locator": None}]


def test_docstring_examples_hold():
    for name in ("eval.match", "eval.sets", "eval.scoring", "eval.charts"):
        result = doctest.testmod(importlib.import_module(name))
        assert result.failed == 0, name


# ---- the shipped sets -------------------------------------------------------------
def test_dev_set_loads():
    items, problems = load_set(SETS / "dev.jsonl")
    assert len(items) == 30 and not problems


def test_plans_set_covers_what_it_must():
    items, problems = load_set(SETS / "plans.jsonl")
    assert not problems and len(items) >= 60
    assert set(Counter(i.kind for i in items)) >= {"target", "agency", "prose", "compare", "metadata", "unanswerable"}
    assert sum(i.kind == "unanswerable" for i in items) >= 8
    share_en = sum(i.lang == "en" for i in items) / len(items)
    assert 0.25 <= share_en <= 0.45
    assert {"An Giang", "Kon Tum"} <= {i.province for i in items}
    dev = {json.loads(line)["q"] for line in (SETS / "dev.jsonl").read_text(encoding="utf-8").splitlines() if line}
    assert not dev & {i.q for i in items}, "plans.jsonl must not repeat dev questions"
    # every appendix group of both plans is asked about
    ag = {g["locator"].split(" › ")[1] for i in items for g in i.gold
          if g["document"] == "422/KH-UBND" and (g["locator"] or "").startswith("Phụ lục")}
    kt = {g["locator"].split(" › ")[1] for i in items for g in i.gold
          if g["document"] == "Kon Tum" and (g["locator"] or "").startswith("Phụ lục")}
    assert ag == {"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI"}
    assert kt == {str(n) for n in range(1, 11)}


def test_plans_set_figures_are_in_the_source():
    """Every expected figure and cite text is printed in the plan it is asked about."""
    corpus = {"An Giang": (ROOT / "corpus" / "000_b12ca13682d2ba48.txt").read_text(encoding="utf-8"),
              "Kon Tum": (ROOT / "corpus" / "003_b0b2af87bc78f8d3.txt").read_text(encoding="utf-8")}
    items, _ = load_set(SETS / "plans.jsonl")
    for item in items:
        texts = [corpus[item.province]] if item.province else list(corpus.values())
        for group in item.expect:
            if item.kind == "metadata":
                continue  # the number and date are printed with stray spaces; the answer normalises them
            assert any(has(t, a) for t in texts for a in group), (item.id, group)
        assert not item.cite or any(has(t, c) for t in texts for c in item.cite), (item.id, item.cite)
