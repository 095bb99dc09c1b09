"""The chat window's behaviours, called without a browser on the real assistant: removal that
asks first, lists that follow the catalogue, the ingest report, tags in questions, quotes that
keep a printed line together, [n] links, and the busy message."""
from __future__ import annotations

import pytest
from markdown_it import MarkdownIt

from tests.web_fixtures import ADMIN_TOKEN, TEST_PLAN, forget_province, make_settings
from web.i18n import t
from web.render import answer_markdown, question_markdown, reflow, sources_html, strip_tags
from web.service import Service
from web.ui import catalogue_update, chat_turn, header_md, sources_panel
from web.ui_admin import ask_to_remove, ingest_summary, remove_document

pytest_plugins = ["tests.web_fixtures"]

KON_TUM = "Mục tiêu nhà ở xã hội của Kon Tum đến năm 2030?"


@pytest.fixture(scope="module")
def service(web_bot, tmp_path_factory):
    return Service(web_bot, make_settings(), tmp_path_factory.mktemp("web-home"))


def test_removal_names_the_document_and_waits_for_confirmation(service, tmp_path):
    plan = tmp_path / "ke_hoach_gia_lai.txt"
    plan.write_text(TEST_PLAN, encoding="utf-8")
    service.ingest([str(plan)])
    try:
        doc = next(d for d in service.documents() if d.get("province") == "Gia Lai")
        status, confirm, pending = ask_to_remove(service, doc["doc_id"], ADMIN_TOKEN, "vi")
        assert "77/KH-UBND" in status and "Xác nhận xoá" in status
        assert confirm["visible"] is True and pending == doc["doc_id"]
        assert any(d["doc_id"] == doc["doc_id"] for d in service.documents())  # nothing removed yet
        assert ask_to_remove(service, None, ADMIN_TOKEN, "en")[0].startswith("Pick the document")
        out = remove_document(service, pending, ADMIN_TOKEN, "vi")
        assert "Đã xoá văn bản **Kế hoạch 77/KH-UBND" in out[0] and out[-2]["visible"] is False
        assert out[2]["value"] is None  # the picker is left empty again, never on a real plan
        assert all(d.get("province") != "Gia Lai" for d in service.documents())
    finally:
        forget_province(service.bot, "Gia Lai")


def test_lists_follow_a_change_made_elsewhere(service, tmp_path):
    seen, provs, docs, table, pick = catalogue_update(service, None, ["Kon Tum"], [], with_admin=True)
    assert "Gia Lai" not in provs["choices"] and provs["value"] == ["Kon Tum"] and pick["value"] is None
    unchanged = catalogue_update(service, seen, ["Kon Tum"], [], with_admin=True)
    assert all(isinstance(u, dict) and u.get("__type__") == "update" and len(u) == 1 for u in unchanged)  # skips
    plan = tmp_path / "ke_hoach_gia_lai.txt"
    plan.write_text(TEST_PLAN, encoding="utf-8")
    service.bot.ingest([str(plan)])  # another writer: not through this session's buttons
    try:
        now, provs, docs, table, pick = catalogue_update(service, seen, ["Kon Tum"], [], with_admin=True)
        assert now != seen and "Gia Lai" in provs["choices"] and any(r[3] == "Gia Lai" for r in table)
        assert any("77/KH-UBND" in label for label, _ in docs["choices"])
        # the admin picked a document after that change: a later tick keeps the choice (the confirm button
        # it showed stays), and drops it only once the document is gone
        kon_tum = next(i for label, i in pick["choices"] if "Kon Tum" in label)
        kept = catalogue_update(service, seen, ["Kon Tum"], [], with_admin=True, picked=kon_tum)[-1]
        assert kept["value"] == kon_tum
        gone = catalogue_update(service, seen, ["Kon Tum"], [], with_admin=True, picked="0123456789abcdef")[-1]
        assert gone["value"] is None
    finally:
        forget_province(service.bot, "Gia Lai")


def test_ingest_report_is_in_the_ui_language_and_names_files_only():
    res = {"documents": 1, "chunks": 3, "rows": 1, "added": ["Kế hoạch 77/KH-UBND ngày 10/6/2025 của UBND tỉnh Gia Lai"],
           "failed": [{"path": "/tmp/gradio/3f2a/anh.txt", "error": "BinaryFileError",
                       "message": "/tmp/gradio/3f2a/anh.txt: is a PNG image, not text"},
                      {"path": "/tmp/gradio/9c1d/bom.docx", "error": "DocumentTooLargeError",
                       "message": "/tmp/gradio/9c1d/bom.docx: unpacks to 300 MB; the limit is 50 MB"}]}
    vi, en = ingest_summary(res, "vi"), ingest_summary(res, "en")
    assert "/tmp" not in vi + en and "3f2a" not in vi + en
    assert "Văn bản: 1" in vi and "đã thêm: Kế hoạch 77/KH-UBND ngày 10/6/2025 của UBND tỉnh Gia Lai" in vi
    assert "❌ anh.txt — không nạp được: tệp nhị phân" in vi and "bom.docx — không nạp được: vượt giới hạn" in vi
    assert "❌ anh.txt — not added: a binary file" in en and "Documents: 1" in en


def test_tags_in_a_question_do_not_change_the_answer(service):
    plain = service.ask(KON_TUM).to_json()
    tagged = service.ask("<img src=x onerror=alert(1)> " + KON_TUM + " <b></b>").to_json()
    assert plain["found"] and tagged["found"] and "221.009" in tagged["answer"]
    assert tagged["citations"][0]["locator"] == plain["citations"][0]["locator"]
    # the chat still shows the question as typed (escaped), not stripped
    updates = list(chat_turn(service, "<img src=x> " + KON_TUM, [], [], "vi"))
    assert updates[-1][0][0]["content"].startswith("&lt;img src\\=x&gt;")


def test_a_table_row_quote_keeps_its_printed_line_together(service):
    data = service.ask("Diện tích nhà ở bình quân đầu người năm 2030 của Kon Tum").to_json()
    row = next(c for c in data["citations"] if c["kind"] == "row" and "Diện tích" in c["text"])
    assert "\n" in row["text"]  # the parser's text has one cell per line…
    shown = reflow(row["text"], "row")
    assert "\n" not in shown and "bình quân đầu người m2 sàn/người" in shown  # …the quote does not
    html = sources_html(data, "vi")
    quote = html.split('<blockquote class="src-quote">')[1].split("</blockquote>")[0]
    assert "\n" not in quote and '<mark class="fig">30</mark>' in quote


def test_citation_markers_link_to_their_cards(service):
    data = service.ask(KON_TUM).to_json()
    md = answer_markdown(data, "vi")
    html = sources_html(data, "vi")
    for i in range(1, len(data["citations"]) + 1):
        assert f"[\\[{i}\\]](#src-{i})" in md and f'id="src-{i}"' in html


def test_a_full_queue_gives_a_friendly_message_and_keeps_the_question(web_bot, tmp_path):
    busy = Service(web_bot, make_settings(workers=1, max_wait=0.1), tmp_path)
    ahead = busy.gate.admit(1000)  # a long question is in line; the next one would wait ~2 s > 0.1 s
    try:
        updates = list(chat_turn(busy, KON_TUM, [], [], "vi"))
    finally:
        busy.gate.leave(ahead)
    history, box, _, past = updates[-1]
    assert history[-1]["content"].startswith("⏳ Máy chủ đang bận") and "giây" in history[-1]["content"]
    assert box == KON_TUM and past == []
    assert "221.009" in list(chat_turn(busy, KON_TUM, [], [], "vi"))[-1][0][-1]["content"]  # free again


# ---- issue 22: the chat window as a new user reads it -------------------------------------------
HOUSING = "Kon Tum triển khai chương trình phát triển nhà ở như thế nào?"  # cites a clause with footnote markers


def test_title_names_every_kind_of_document_in_both_languages():
    vi, en = header_md("vi"), header_md("en")
    assert "kế hoạch của UBND tỉnh" not in vi and "Provincial plans" not in en
    assert t("vi", "title") == "Trợ lý tra cứu văn bản chính sách" and t("en", "title") == "Policy documents assistant"
    for word in ("nghị định", "thông tư", "quyết định", "công văn"):
        assert word in vi
    for word in ("decrees", "circulars", "decisions", "official letters"):
        assert word in en


def test_footnote_markers_are_raised_in_the_sources_panel_not_glued(service):
    data = service.ask(HOUSING).to_json()
    cite = next(c for c in data["citations"] if "phê duyệt4" in c["text"])
    doc = service.document(cite["doc_id"])
    assert cite["source"] == doc.text[cite["start"]:cite["end"]]  # the citation stays the source, markers and all
    assert {"3", "4"} <= {n.marker for n in doc.footnotes}  # ingest found both footnotes
    panel = sources_panel(service, data, "vi")
    assert "nhà ở³," in panel and "phê duyệt⁴," in panel
    assert "nhà ở3" not in panel and "phê duyệt4" not in panel  # the quote and its context alike


def test_a_question_is_shown_as_typed_never_as_markdown(service):
    typed = "**đậm** _nghiêng_ # `mã` [liên kết](http://x) <i>a</i> & 1. " + KON_TUM
    shown = MarkdownIt("commonmark").enable("table").render(question_markdown(typed))
    for tag in ("<strong", "<em", "<h1", "<code", "<a ", "<i>", "<ol"):
        assert tag not in shown, tag
    assert shown == f"<p>{typed.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;')}</p>\n"
    updates = list(chat_turn(service, typed, [], [], "vi"))
    assert updates[-1][0][0]["content"] == question_markdown(typed)


def test_tag_stripping_drops_whole_tags_and_script_content(service):
    assert strip_tags("<svg/onload=alert(1)>" + KON_TUM) == KON_TUM
    assert strip_tags("<script>alert(1)</script>" + KON_TUM + "<style>p{color:red}</style>") == KON_TUM
    assert strip_tags(KON_TUM + "<script>alert(1)") == KON_TUM  # left open: runs to the end, as in a page
    assert strip_tags("tỷ lệ <5% và a < b") == "tỷ lệ <5% và a < b"  # a threshold is no tag
    for tagged in ("<svg/onload=alert(1)> " + KON_TUM, "<script>alert(1)</script> " + KON_TUM):
        data = service.ask(tagged).to_json()
        assert data["found"] and data["lang"] == "vi" and "221.009" in data["answer"], (tagged, data["answer"])


def test_ingest_report_lines_stay_apart_when_rendered():
    res = {"documents": 1, "chunks": 11, "rows": 3, "vectors_pending": 11, "added": ["Kế hoạch 77/KH-UBND"]}
    shown = MarkdownIt("commonmark").render(ingest_summary(res, "vi"))
    assert "dòng bảng: 3</p>" in shown and "<p>11 đoạn đang được tạo vector" in shown
    assert "<li>đã thêm: Kế hoạch 77/KH-UBND</li>" in shown
