"""What the UI shows and does, called without a browser: rendering and escaping, the chat turn
(answer at once, follow-ups, errors), feedback, the admin actions and the evaluation tab."""
from __future__ import annotations

import json
import shutil
import uuid
from pathlib import Path

import pytest

from tests.web_fixtures import ADMIN_TOKEN, TEST_PLAN, forget_province, make_settings, small_eval_set
from web.feedback import FeedbackStore
from web.render import answer_markdown, context_html, highlight_html, sources_html
from web.service import Service
from web.ui import chat_turn, record_like
from web.ui_admin import export_feedback, ingest_files, ingest_summary, remove_document
from web.ui_eval import run_evaluation

# The shared session fixtures (one real Assistant, the app, a live server): see tests/web_fixtures.py.
pytest_plugins = ["tests.web_fixtures"]



@pytest.fixture(scope="module")
def service(web_bot, tmp_path_factory):
    return Service(web_bot, make_settings(), tmp_path_factory.mktemp("web-home"))


def run_turn(service, question, past=None, history=None, lang="vi"):
    updates = list(chat_turn(service, question, history or [], past or [], lang))
    return updates, updates[-1]


# ---- rendering: escape first, then mark ---------------------------------------------------------
def test_document_text_is_escaped_and_figures_marked():
    out = highlight_html('Chỉ tiêu <script>alert("x")</script> & tỷ lệ <3,5 %', ["<3,5"])
    assert "<script>" not in out and "&lt;script&gt;" in out and "&amp;" in out
    assert '<mark class="fig">&lt;3,5</mark>' in out


def test_a_figure_is_not_marked_inside_a_longer_number():
    out = highlight_html("21.2345 và 1.234 và 1.234,5", ["1.234"])
    assert out.count("<mark") == 1 and 'và <mark class="fig">1.234</mark> và' in out


def test_sources_panel_escapes_every_field_and_offers_context():
    text = "Dòng trước\nPhấn đấu <b>sàn</b> nhà ở xã hội m2 sàn 104.046 221.009\nDòng sau"
    start = text.index("Phấn")
    end = text.index("\nDòng sau")
    cite = {"document": "Kế hoạch <i>x</i>", "doc_id": "d1", "province": "Kon Tum", "locator": "Phụ lục › 9 <Nhà ở>",
            "text": text[start:end], "start": start, "end": end, "kind": "row", "highlight": ["221.009"]}
    html_out = sources_html({"found": True, "citations": [cite]}, "vi",
                            meta_of=lambda d: {"kind": "Kế hoạch", "number": "12/KH-UBND", "date": "2024-05-02"},
                            text_of=lambda d: text)
    for raw in ("<b>sàn</b>", "<i>x</i>", "<Nhà ở>"):
        assert raw not in html_out
    assert '<mark class="fig">221.009</mark>' in html_out and "[1]" in html_out
    assert "số 12/KH-UBND" in html_out and "ngày 2/5/2024" in html_out and "dòng chỉ tiêu" in html_out
    assert "<details" in html_out and "Dòng trước" in html_out and '<span class="cited">' in html_out


def test_context_survives_offsets_at_the_edges():
    assert context_html("abc", 0, 3, []) == '<span class="cited">abc</span>'
    assert context_html("abc", 2, 9, []) == ""


def test_chat_markdown_keeps_tables_but_not_html():
    md = answer_markdown({"answer": "| Tỉnh | 2030 |\n|---|---|\n| An Giang | <3 |", "found": False,
                          "citations": [{"document": "KH", "locator": "Phụ lục › II › 1"}]}, "en")
    assert "| Tỉnh | 2030 |\n|---|---|" in md and "&lt;3" in md and "<3" not in md
    assert "**Closest sources (they do not contain the answer):**\n[\\[1\\]](#src-1) KH — Phụ lục › II › 1" in md


# ---- the chat turn ------------------------------------------------------------------------------
def test_chat_turn_shows_the_whole_cited_answer_at_once(service):
    updates, (history, box, sources, past) = run_turn(service, "Kon Tum's 2030 target for social housing")
    assert len(updates) == 2  # "searching…", then the answer: no replayed partial answers
    assert updates[0][1] == ""  # the textbox is cleared at once
    answer = history[-1]["content"]
    assert "221.009" in answer and "\n[\\[1\\]](#src-1) " in answer  # as the quote prints it
    assert '<mark class="fig">221.009</mark>' in sources
    assert len(past) == 1 and past[0]["index"] == 1


def test_a_question_sent_while_an_answer_streams_waits_its_turn(service):
    # Gradio's default for a click or Enter is "once": a second question sent before the first answer
    # is done would be dropped without a word (it happened in CI under load). Enter and the button are
    # one listener that defers such a question until the answer is done, then reads the box afresh.
    from web.ui import build_ui

    config = build_ui(service).config
    asking = [d for d in config["dependencies"] if {t[1] for t in d["targets"]} == {"submit", "click"}]
    assert len(asking) == 1 and asking[0]["trigger_mode"] == "always_last", asking


def test_follow_up_uses_earlier_answered_questions(service):
    _, (history, _, _, past) = run_turn(service, "Mục tiêu nhà ở xã hội của Kon Tum đến năm 2030?")
    _, (history, _, _, past) = run_turn(service, "Còn năm 2025 thì sao?", past, history)
    assert "104.046" in history[-1]["content"] and len(past) == 2 and past[1]["index"] == 3


def test_comparison_renders_a_table(service):
    _, (history, _, _, past) = run_turn(service, "So sánh mục tiêu tuổi thọ trung bình năm 2030 của An Giang và Kon Tum")
    answer = history[-1]["content"]
    assert past[0]["answer"]["table"] and "\n|---|---|---|\n| An Giang |" in answer and "| Kon Tum |" in answer


def test_refused_question_shows_the_reason_and_is_not_history(service):
    _, (history, _, _, past) = run_turn(service, "???")
    assert history[-1]["content"].startswith("⚠️") and past == []
    assert list(chat_turn(service, "  ", [], [], "vi"))[0][0] is not None  # blank: nothing happens


def test_likes_and_comments_are_stored(service):
    _, (_, _, _, past) = run_turn(service, "Tỷ lệ thất nghiệp chung của An Giang năm 2025")
    assert record_like(service, past, 99, True) is None
    fid = record_like(service, past, past[0]["index"], False)
    assert service.feedback.comment(fid, "Thiếu năm 2030")
    row = service.feedback.rows()[-1]
    assert (row["rating"], row["comment"]) == (-1, "Thiếu năm 2030") and "Phụ lục" in row["citations"]


def test_feedback_store_csv_is_excel_safe(tmp_path):
    store = FeedbackStore(tmp_path / "f.sqlite3")
    store.add(1, "=cmd|' /C calc'!A0", "ok", ["KH — Mục I"], comment="+tốt")
    csv_text = store.to_csv()
    assert csv_text.startswith("\ufeffid,") and "'=cmd" in csv_text and "'+tốt" in csv_text


# ---- admin: upload → ingest → ask → remove --------------------------------------------------------
def test_admin_actions_need_the_token(service, tmp_path):
    assert ingest_files(service, [str(tmp_path / "x.txt")], "wrong", "vi")[0] == "Mã quản trị không đúng."
    assert remove_document(service, "abc", "wrong", "en")[0] == "Wrong admin token."
    assert export_feedback(service, "wrong", "vi")[0] == "Mã quản trị không đúng."
    # an empty box is "missing", not "wrong"
    assert remove_document(service, "abc", "", "en")[0].startswith("No admin token")
    assert export_feedback(service, None, "vi")[0].startswith("Chưa nhập mã quản trị")


def test_upload_is_searchable_at_once_and_removable(service, tmp_path):
    from gradio.utils import get_upload_folder

    # where Gradio's upload route puts a file: ingest takes nothing from anywhere else
    tmp_path = Path(get_upload_folder()) / f"test-{uuid.uuid4().hex}"
    tmp_path.mkdir(parents=True)
    plan = tmp_path / "ke_hoach_gia_lai.txt"
    plan.write_text(TEST_PLAN, encoding="utf-8")
    bad = tmp_path / "anh.txt"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00binary")
    status, table, *_ = ingest_files(service, [str(plan), str(bad)], ADMIN_TOKEN, "vi")
    assert "đã thêm: Kế hoạch 77/KH-UBND" in status and "❌ anh.txt — không nạp được" in status
    assert str(tmp_path) not in status  # file names only, never the upload folder
    row = next(r for r in table if r[3] == "Gia Lai")
    assert row[:3] == ["Kế hoạch", "77/KH-UBND", "10/6/2025"]
    try:
        answer = service.ask("Mục tiêu nhà ở xã hội của Gia Lai đến năm 2030?").to_json()
        assert "67.890" in answer["answer"]
        status, table, *_ = remove_document(service, row[7], ADMIN_TOKEN, "en")
        assert status.startswith("Removed **Kế hoạch 77/KH-UBND") and all(r[3] != "Gia Lai" for r in table)
        assert remove_document(service, row[7], ADMIN_TOKEN, "en")[0] == "No such document."
    finally:
        forget_province(service.bot, "Gia Lai")
        shutil.rmtree(tmp_path, ignore_errors=True)


def test_the_upload_box_takes_every_format_a_reader_takes(service, tmp_path):
    """One list of accepted types (ingest.pipeline.SUPPORTED): Gradio's own check of the upload
    box lets each through and still refuses a type no reader takes."""
    import gradio as gr
    from gradio.data_classes import FileData, ListFiles

    from ingest.pipeline import SUPPORTED
    from web.ui import build_ui

    demo = build_ui(service)
    box = next(b for b in demo.blocks.values() if getattr(b, "elem_id", None) == "upload")
    assert {".html", ".xlsx", ".doc", ".rtf"} <= set(SUPPORTED)
    for ext in (*SUPPORTED, ".png"):
        path = tmp_path / f"file{ext}"
        path.write_bytes(b"x")
        if ext == ".png":
            with pytest.raises(gr.Error, match="Invalid file type"):
                box.preprocess(ListFiles(root=[FileData(path=str(path))]))
        else:
            assert box.preprocess(ListFiles(root=[FileData(path=str(path))])) == [str(path)]


def test_ingest_summary_escapes_file_names():
    md = ingest_summary({"documents": 0, "failed": [{"path": "/tmp/<img src=x>.txt", "message": "a <b>"}]}, "vi")
    assert "<img" not in md and "&lt;img src=x&gt;.txt" in md and "a &lt;b&gt;" in md


def test_feedback_export_gives_a_csv_file(service):
    status, update = export_feedback(service, ADMIN_TOKEN, "vi")
    path = Path(update["value"])
    assert status == "" and path.suffix == ".csv" and path.read_text(encoding="utf-8").startswith("\ufeffid,")


# ---- evaluation tab -------------------------------------------------------------------------------
def test_evaluation_runs_a_set_and_shows_the_report(service, tmp_path):
    small = small_eval_set(tmp_path, 3, ["{not json"])
    seen = []
    summary, download, frame = run_evaluation(service, str(small), ADMIN_TOKEN, "vi",
                                              lambda value, **k: seen.append(value))
    assert seen[0] == (0, 3) and seen[-1] == (3, 3)
    assert "câu hỏi: 3" in summary and "⚠️" in summary  # the malformed line is reported
    assert Path(download["value"]).name == "report.html"
    assert frame.startswith('<iframe class="eval-report" sandbox=""') and "<script" not in frame
    assert json.loads((Path(download["value"]).parent / "result.json").read_text(encoding="utf-8"))["items"]


def test_evaluation_refuses_without_token_or_file(service):
    assert run_evaluation(service, None, ADMIN_TOKEN, "en")[0] == "No file chosen."
    assert run_evaluation(service, "x.jsonl", "nope", "en")[0] == "Wrong admin token."
    assert run_evaluation(service, "x.jsonl", " ", "en")[0].startswith("No admin token")
