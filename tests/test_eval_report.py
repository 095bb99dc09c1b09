"""Runner, report and compare on a fake assistant: no index, no model, fast.

The fake answers the way the real one does (``assistant.model.Answer`` with
``Citation``s), and exposes the retriever the way ``eval.runner.retrieve``
expects (``read(question)``, then ``_answerer.search.search(read question, k)`` → hits with chunk and doc).
"""
import json
from types import SimpleNamespace

import pytest

from assistant.model import Answer, Citation
from eval.cli import main
from eval.compare import compare, format_comparison, regressed
from eval.report import render, write_report
from eval.runner import RunResult, run_set
from eval.sets import Item

EVIL = '<script>alert("x")</script> & <b>'


def _cite(province, locator, text):
    number = "422/KH-UBND " if province == "An Giang" else ""
    return Citation(document=f"Kế hoạch {number}của UBND tỉnh {province}", doc_id="d", province=province,
                    locator=locator, text=text, start=0, end=len(text), kind="row")


class FakeBot:
    """Answers from a dict question → (text, found, citations); anything else raises."""

    def __init__(self, answers):
        self.answers = answers
        hits = [SimpleNamespace(chunk=SimpleNamespace(locator="Phụ lục › II Lao động › 1", text="Tỷ lệ thất nghiệp",
                                                      kind="row"),
                                doc=SimpleNamespace(name="Kế hoạch 422/KH-UBND", meta=SimpleNamespace(
                                    number="422/KH-UBND", province="An Giang")))]
        self._answerer = SimpleNamespace(search=SimpleNamespace(search=lambda q, k=10: hits))

    def read(self, question):
        return SimpleNamespace(effective=question, search_words=question)

    def ask(self, question):
        if question not in self.answers:
            raise RuntimeError("boom")
        text, found, cites = self.answers[question]
        return Answer(question=question, text=text, found=found, citations=cites, ms=5.0)


ITEMS = [
    Item(id="ok", q="Thất nghiệp An Giang 2025", province="An Giang", expect=[["3,5", "3.5"]], cite=["thất nghiệp"],
         gold=[{"document": "422/KH-UBND", "locator": "Phụ lục › II › 1"}]),
    Item(id="wrong", q="Tuổi thọ An Giang 2030", province="An Giang", expect=[["75"]], cite=["tuổi thọ"]),
    Item(id="none", q="Metro 2035?", kind="unanswerable", lang="en"),
    Item(id="crash", q="Câu làm lỗi", province="Kon Tum", expect=[["1"]], cite=["x"]),
    Item(id="ret", q="thất nghiệp", kind="retrieval", gold=[{"document": "An Giang", "locator": "Phụ lục › II"}]),
]
ANSWERS = {
    "Thất nghiệp An Giang 2025": ("Năm 2025 dưới 3,5% (2030: <3%).", True,
                                  [_cite("An Giang", "Phụ lục › II Lao động › 1", "Tỷ lệ thất nghiệp chung % <3,5 <3")]),
    "Tuổi thọ An Giang 2030": (f"Tuổi thọ 74,5 {EVIL} và 99", True,
                               [_cite("An Giang", "Phụ lục › VII Y tế › 3", f"Tuổi thọ trung bình 74,5 75 {EVIL}")]),
    "Metro 2035?": ("Not found.", False, []),
}


@pytest.fixture()
def result():
    seen = []
    res = run_set(FakeBot(ANSWERS), ITEMS, progress=lambda i, n: seen.append((i, n)), name="fake",
                  problems=[{"source": "s.jsonl", "line": 7, "message": f"bad {EVIL}"}], settings={"min": 0.9})
    assert seen == [(i, 5) for i in range(1, 6)]
    return res


def test_run_set_scores_each_question(result):
    by = {r.id: r for r in result.items}
    assert by["ok"].correct and by["ok"].rank == 1 and by["ok"].retriever_rank == 1
    assert not by["wrong"].correct and by["wrong"].missing == [["75"]] and by["wrong"].ungrounded == ["99"]
    assert by["none"].correct and by["none"].found is False
    assert not by["crash"].correct and by["crash"].error == "RuntimeError: boom"
    assert by["ret"].retrieval_only and by["ret"].rank == 1 and by["ret"].ok and by["ret"].correct is None
    m = result.metrics
    assert result.primary_metric == "accuracy" and m["accuracy"] == 0.5  # 2 of the 4 asked questions
    assert m["n"] == 5 and m["n_retrieval"] == 1 and m["errors"] == 1 and m["ungrounded_answers"] == 1
    assert m["not_found_recall"] == 1.0 and m["not_found_precision"] == 0.5  # the crash counts as "not found"
    assert m["hit@1"] == 1.0 and m["mrr@10"] == 1.0
    assert m["accuracy_kind_unanswerable"] == 1.0 and m["n_lang_en"] == 1
    assert not result.passed(0.9) and result.passed(0.5)
    assert [r.id for r in result.failures] == ["wrong", "crash"]


def test_report_escapes_and_lists_failures(result, tmp_path):
    path = write_report(result, tmp_path / "run")
    html = path.read_text(encoding="utf-8")
    assert path.name == "report.html" and (tmp_path / "run" / "result.json").exists()
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert html.count('class="q"') == 2  # the two failed questions, each with its own block
    assert "Tuổi thọ An Giang 2030" in html and "Câu làm lỗi" in html and "RuntimeError: boom" in html
    assert "Phụ lục › VII Y tế › 3" in html and "Tuổi thọ trung bình 74,5 75" in html  # the source cited
    assert "KHÔNG ĐẠT / FAIL" in html and "<svg" in html and "dòng / line 7" in html
    assert "Thất nghiệp An Giang 2025" in html  # in the table of all questions


def test_result_round_trips(result, tmp_path):
    result.save(tmp_path)
    back = RunResult.load(tmp_path)
    assert back.metrics == result.metrics and [r.ok for r in back.items] == [r.ok for r in result.items]
    assert render(back) == render(result)


def test_compare_lists_better_and_worse(result):
    better = dict(ANSWERS)
    better["Tuổi thọ An Giang 2030"] = ("Tuổi thọ 75 tuổi", True,
                                       [_cite("An Giang", "Phụ lục › VII Y tế › 3", "Tuổi thọ trung bình 74,5 75")])
    better.pop("Thất nghiệp An Giang 2025")  # now crashes: right before, wrong now
    after = run_set(FakeBot(better), ITEMS, name="fake")
    diff = compare(result, after)
    assert [q["id"] for q in diff["questions"]["fixed"]] == ["wrong"]
    assert [q["id"] for q in diff["questions"]["broken"]] == ["ok"]
    assert {e["metric"] for e in diff["metrics"]["better"]} >= {"ungrounded_answers"}
    assert {e["metric"] for e in diff["metrics"]["worse"]} >= {"hit@1", "errors"}
    assert diff["questions"]["rank_worse"] == [{"id": "ok", "q": ITEMS[0].q, "a": 1, "b": None}]
    assert regressed(diff) and not regressed(compare(result, result))
    text = format_comparison(diff)
    assert text.index("now wrong") < text.index("now right") and "ok [target/vi]" in text


def test_cli_score_and_compare(tmp_path, capsys):
    set_path = tmp_path / "mini.jsonl"
    set_path.write_text("\n".join(json.dumps(i.to_json(), ensure_ascii=False) for i in ITEMS[:3]) + "\n{oops\n",
                        encoding="utf-8")
    answers = tmp_path / "answers.jsonl"
    rows = [{"question": q, "answer": t, "found": f, "citations": [c.to_json() for c in cs], "ms": 3}
            for q, (t, f, cs) in ANSWERS.items()]
    answers.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    assert main(["score", str(set_path), str(answers), "--out", str(tmp_path / "a"), "--min", "0.9", "--json"]) == 1
    out = json.loads(capsys.readouterr().out)
    assert out["primary"] == pytest.approx(2 / 3, abs=1e-3) and out["failures"] == ["wrong"]
    assert out["problems"][0]["line"] == 4
    assert main(["score", str(set_path), str(answers), "--out", str(tmp_path / "b"), "--min", "0.6"]) == 0
    capsys.readouterr()
    assert main(["compare", str(tmp_path / "a"), str(tmp_path / "b" / "result.json"), "--fail-on-worse"]) == 0
    assert "questions now wrong (0)" in capsys.readouterr().out
    assert main(["check", str(set_path)]) == 2
    assert main(["compare", str(tmp_path / "nope"), str(tmp_path / "b")]) == 2
