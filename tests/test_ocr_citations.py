"""A citation of text read by OCR says so — in the answer's JSON (CLI --json, /api/ask), the CLI's text and
the chat's sources panel — and a figure of the answer that lies in a word the engine was unsure of is
named and marked apart from the trusted ones."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from assistant.citing import span_citation
from assistant.cli import OCR_NOTE, format_answer
from assistant.model import Answer
from assistant.writing import mark_ocr_figures
from ingest.model import OcrUnsure
from ingest.pipeline import load_document
from web.render import sources_html

from .conftest import AN_GIANG, ROOT
from .test_ocr import SCAN, needs_trueocr


def test_citation_fields_of_ocr_text_and_of_an_unsure_figure():
    """The plan's row as if OCR had read it, with its 2025 figure in doubt (the flags ingest sets on a
    scan, set here on a text file so the figures are known); the rest of the plan is not OCR text."""
    doc = load_document(str(AN_GIANG))
    chunk = next(c for c in doc.chunks if c.row is not None and c.row.label.startswith("Tỷ lệ thất nghiệp chung"))
    at = doc.text.index("<3,5", chunk.start)
    chunk.ocr, chunk.unsure = True, [OcrUnsure(at, at + 4, "<3,5", 0.41)]
    c = span_citation(doc, chunk.locator, chunk.start, chunk.end, "row")
    c.highlight = ["<3,5", "<3"]
    assert c.ocr and [(u.start, u.end, u.text, u.confidence) for u in c.unsure] == [(at, at + 4, "<3,5", 0.41)]
    assert c.unsure_figures == ["<3,5"]  # "<3" (2030) was read with confidence
    data = c.to_json()
    assert data["ocr"] is True and data["unsure_figures"] == ["<3,5"]
    assert data["unsure"] == [{"start": at, "end": at + 4, "text": "<3,5", "confidence": 0.41}]
    assert doc.text[data["unsure"][0]["start"]:data["unsure"][0]["end"]] == "<3,5"
    plain = next(x for x in doc.chunks if not x.ocr and x.kind == "clause")
    other = span_citation(doc, plain.locator, plain.start, plain.end, "clause").to_json()
    assert other["ocr"] is False and other["unsure"] == [] and other["unsure_figures"] == []

    ans = Answer(question="q", text="… là <3,5% (năm 2030: <3%).", found=True, citations=[c])
    text = format_answer(ans)
    assert OCR_NOTE in text and "unsure figures: “<3,5”" in text
    panel = sources_html(ans.to_json(), "vi")
    assert "Đọc bằng OCR" in panel and '<mark class="fig unsure">&lt;3,5</mark>' in panel
    assert '<mark class="fig">&lt;3</mark>' in panel  # the trusted figure keeps its own mark
    assert "Read by OCR" in sources_html(ans.to_json(), "en")
    assert "OCR" not in sources_html(Answer(question="q", text="x", found=True,
                                            citations=[span_citation(doc, "x", plain.start, plain.end, "clause")]
                                            ).to_json(), "vi")


def test_a_clause_figure_of_the_answer_is_highlighted_in_an_ocr_quote():
    doc = load_document(str(AN_GIANG))
    chunk = next(c for c in doc.chunks if c.kind == "clause" and "2045" in c.text)
    at = doc.text.index("2045", chunk.start)
    chunk.ocr, chunk.unsure = True, [OcrUnsure(at, at + 4, "2045", 0.5)]
    c = span_citation(doc, chunk.locator, chunk.start, chunk.end, "clause")
    mark_ocr_figures("Tầm nhìn đến năm 2045: …", [c])
    assert c.highlight == ["2045"] and c.unsure_figures == ["2045"]


@needs_trueocr
def test_answers_from_the_real_scan_cite_it_as_ocr(tmp_path):
    home = tmp_path / "home"
    added = subprocess.run([sys.executable, "-m", "assistant", "ingest", str(SCAN), "--home", str(home), "--quiet"],
                           capture_output=True, text=True, cwd=ROOT, timeout=900)
    assert added.returncode == 0, added.stderr[-2000:]
    question = "Kế hoạch khảo sát chỉ số hài lòng năm 2026 căn cứ những quyết định nào?"
    out = subprocess.run([sys.executable, "-m", "assistant", "ask", "--json", "--home", str(home), "--quiet", question],
                         capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    ans = json.loads(out.stdout)
    assert ans["found"] and ans["citations"]
    doc = load_document(str(SCAN))  # the same reading as the index's (the engine is deterministic)
    for c in ans["citations"]:
        assert c["ocr"] is True, c["locator"]
        for u in c["unsure"]:
            assert c["start"] <= u["start"] < u["end"] <= c["end"] and doc.text[u["start"]:u["end"]] == u["text"]
        for fig in c["highlight"]:  # a figure is called unsure exactly when it overlaps a doubtful word
            overlaps = any(fig in u["text"] for u in c["unsure"])
            assert fig in c["unsure_figures"] or not overlaps, (fig, c["unsure"])
    assert any(c["unsure"] for c in ans["citations"]), "a real scan has words the engine doubts"
    text = subprocess.run([sys.executable, "-m", "assistant", "ask", "--home", str(home), "--quiet", question],
                          capture_output=True, text=True, cwd=ROOT, timeout=300).stdout
    assert text.count(OCR_NOTE) == len(ans["citations"])


@pytest.mark.parametrize("lang, note", [("vi", "Đọc bằng OCR"), ("en", "Read by OCR")])
def test_the_sources_panel_names_ocr_only_where_it_is(lang, note):
    cite = {"document": "d", "doc_id": "x", "locator": "l", "text": "Số 4.820 và 12", "start": 0, "end": 14,
            "kind": "clause", "highlight": ["4.820", "12"], "ocr": True,
            "unsure": [{"start": 3, "end": 8, "text": "4.820", "confidence": 0.4}], "unsure_figures": ["4.820"]}
    html = sources_html({"found": True, "question": "q", "citations": [cite]}, lang)
    assert note in html and '<mark class="fig unsure">4.820</mark>' in html and '<mark class="fig">12</mark>' in html


@needs_trueocr
def test_the_documents_tab_shows_ocr_progress_per_page_and_the_answer_cites_it_as_ocr(tmp_path):
    """The real app, the Documents tab's ingest run as the page runs it (upload, then the click event
    through the queue): its progress messages carry the OCR bar, page by page."""
    import httpx

    from tests import gradio_queue
    from tests.test_web_vectors import app_process
    from tests.web_fixtures import ADMIN_TOKEN

    empty = tmp_path / "corpus"
    empty.mkdir()
    with app_process(tmp_path / "home", tmp_path / "app.log", corpus=empty) as url, \
            httpx.Client(timeout=120) as client:
        config = client.get(url + "/config").json()
        admin = {"X-Admin-Token": ADMIN_TOKEN}
        file = gradio_queue.upload(client, url, SCAN, admin)
        seen: list[dict] = []
        done = gradio_queue.call(client, url, gradio_queue.fn_index(config, "ingest", "click"),
                                 [[file], ADMIN_TOKEN, "vi"], seen=seen, headers=admin)
        assert done["success"], done
        bars = [p for m in seen if m.get("msg") == "progress" for p in m.get("progress_data") or []]
        pages = [p for p in bars if (p.get("desc") or "").startswith("OCR") and p.get("unit") == "trang"]
        assert pages and pages[-1]["length"] == 1, bars  # the scan's one page, counted as it is read
        ans = client.post(url + "/api/ask", json={"question": "Kế hoạch khảo sát chỉ số hài lòng năm 2026 "
                                                              "căn cứ những quyết định nào?"}).json()
        assert ans["found"] and all(c["ocr"] for c in ans["citations"]), ans
