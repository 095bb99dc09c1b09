"""The UI as a person uses it, in headless Chromium driven by Playwright.

Needs Debian's chromium (/usr/bin/chromium, or CHROMIUM_PATH) and the playwright Python
package; ``tests/browser/install.sh`` installs both. Without them these tests skip and say why.
Screenshots go to docs/screenshots/ (or WEB_SCREENSHOTS_DIR) for docs/web.md.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.web_fixtures import ADMIN_TOKEN, TEST_PLAN, forget_province, small_eval_set

# The shared session fixtures (one real Assistant, the app, a live server): see tests/web_fixtures.py.
pytest_plugins = ["tests.web_fixtures"]
# Gradio's queue calls pandas APIs that pandas 3 deprecates; not ours to fix.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning", "ignore:.*:Warning:gradio.queueing")

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
if not Path(CHROMIUM).exists():
    pytest.skip(f"chromium is not installed ({CHROMIUM} missing): run tests/browser/install.sh",
                allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api",
                               reason="the playwright package is not installed: run tests/browser/install.sh")

ROOT = Path(__file__).resolve().parents[2]
SHOTS = Path(os.environ.get("WEB_SCREENSHOTS_DIR") or ROOT / "docs" / "screenshots")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]
ANSWER_WAIT = 90_000  # ms: the first answer also warms up the embedder on a 2-core machine
KON_TUM_EN = "Kon Tum's 2030 target for social housing"


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, request, tmp_path):
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="vi-VN")
    pg = ctx.new_page()
    pg.dialogs = []  # any alert() would mean document or user text ran as HTML
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    pg.console = []
    pg.on("console", lambda m: pg.console.append(f"{m.type}: {m.text}"))
    failed_before = request.session.testsfailed
    yield pg
    if request.session.testsfailed > failed_before:  # the call phase failed: keep what the page showed
        pg.screenshot(path=str(tmp_path / "failure.png"), full_page=True)
        print(f"\nscreenshot of the failure: {tmp_path / 'failure.png'}\nconsole:\n" + "\n".join(pg.console[-30:]))
    ctx.close()


def shot(target, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    target.screenshot(path=str(SHOTS / name))


def ask(ui, question: str) -> None:
    ui.locator("#question textarea").fill(question)
    ui.locator("#send").click()


def answered(ui, question: str) -> None:
    """Wait for the last update of an answer: the sources panel names its question then, and
    the streamed text is complete by that time."""
    ui.locator(f'#sources .sources[data-question="{question}"]').wait_for(timeout=ANSWER_WAIT)


def open_ui(page, url: str):
    page.goto(url, wait_until="load")
    page.locator("#question textarea").wait_for(timeout=60_000)
    return page


def test_embedded_assistant_on_the_intranet_demo_page(page, web_server):
    page.goto(web_server + "/embed/demo", wait_until="load")
    frame = page.frame_locator("#assistant-frame")
    frame.locator("#question textarea").wait_for(timeout=60_000)
    # the embedded UI is the chat alone: no documents/evaluation tabs, no admin token field
    assert frame.get_by_role("tab").count() == 0 and frame.locator("#admin-token").count() == 0
    ask(frame, KON_TUM_EN)
    answered(frame, KON_TUM_EN)
    assert frame.locator("#sources mark.fig", has_text="221.009").count() >= 1  # the cited figure, highlighted
    chat = frame.locator("#chatbot")
    assert chat.get_by_text("221.009").first.is_visible()
    assert chat.get_by_text("[1] ").first.is_visible()  # numbered citation under the answer
    sources = frame.locator("#sources")
    assert "Phụ lục" in sources.inner_text() and "[1]" in sources.inner_text()
    page.wait_for_timeout(500)
    shot(page, "embed-demo.png")
    assert page.dialogs == []


def test_web_component_mode_of_the_demo_page(page, web_server):
    # <gradio-app> renders inside the host page itself, loaded through /embed/gradio.js
    bad_types = []
    page.on("response", lambda r: bad_types.append(r.url) if r.url.endswith(".css")
            and not (r.headers.get("content-type") or "").startswith("text/css") else None)
    page.goto(web_server + "/embed/demo?mode=component", wait_until="load")
    app = page.locator("gradio-app#assistant-app")
    app.locator("#question textarea").wait_for(timeout=60_000)
    ask(app, KON_TUM_EN)
    answered(app, KON_TUM_EN)
    assert app.locator("#chatbot").get_by_text("221.009").first.is_visible()
    assert page.dialogs == []
    # every stylesheet came as text/css, and none was refused for its type
    assert bad_types == [] and not [c for c in page.console if "MIME type" in c or "preload CSS" in c]


def test_full_ui_example_follow_up_and_context(page, web_server):
    open_ui(page, web_server + "/")
    page.locator("#examples").get_by_text("Mục tiêu nhà ở xã hội của Kon Tum đến năm 2030?").click()
    page.locator("#sources mark.fig", has_text="221.009").first.wait_for(timeout=ANSWER_WAIT)
    ask(page, "Còn năm 2025 thì sao?")
    answered(page, "Còn năm 2025 thì sao?")
    assert page.locator("#chatbot").get_by_text("104.046").first.is_visible()
    first = page.locator("#sources details").first
    first.locator("summary").click()
    assert first.locator(".src-context-text .cited").is_visible()
    page.wait_for_timeout(300)
    shot(page, "ui-answer.png")
    shot(page.locator("#sources"), "sources-context.png")


def test_english_ui_renders_a_comparison_table(page, web_server):
    open_ui(page, web_server + "/?lang=en")
    page.get_by_role("button", name="Send").wait_for(timeout=30_000)
    assert page.locator("#question textarea").get_attribute("placeholder").startswith("Type a question")
    for tab in ("Ask", "Documents", "Evaluation"):  # every tab relabelled, not only the chat
        sync_api.expect(page.get_by_role("tab", name=tab)).to_be_visible(timeout=30_000)
    ask(page, "Compare the 2030 life expectancy targets of An Giang and Kon Tum")
    answered(page, "Compare the 2030 life expectancy targets of An Giang and Kon Tum")
    table = page.locator("#chatbot table").first
    sync_api.expect(table).to_contain_text("69,5", timeout=30_000)
    assert "Kon Tum" in table.inner_text() and "An Giang" in table.inner_text()
    page.wait_for_timeout(500)
    shot(page, "ui-english-compare.png")


def test_html_in_questions_is_shown_not_run(page, web_server):
    open_ui(page, web_server + "/")
    ask(page, "<img src=x onerror=alert(1)> Mục tiêu nhà ở xã hội của Kon Tum đến năm 2030?")
    page.locator("#sources .src-card").first.wait_for(timeout=ANSWER_WAIT)
    chat = page.locator("#chatbot")
    assert chat.get_by_text("<img src=x onerror=alert(1)>").first.is_visible()  # shown as text
    assert chat.locator("img[src='x']").count() == 0
    # and the tag did not change the answer: the cited figure is found as without it
    page.locator("#sources mark.fig", has_text="221.009").first.wait_for(timeout=30_000)
    page.wait_for_timeout(300)
    assert page.dialogs == []


def test_feedback_with_a_comment(page, web_server):
    import httpx

    open_ui(page, web_server + "/")
    ask(page, "Tỷ lệ thất nghiệp chung của An Giang năm 2025")
    page.locator("#sources mark.fig").first.wait_for(timeout=ANSWER_WAIT)
    page.locator("#chatbot").get_by_label("Dislike").first.click()
    page.locator("#feedback-status").get_by_text("Cảm ơn").first.wait_for(timeout=30_000)
    page.locator("#comment textarea").fill("Cần thêm chỉ tiêu năm 2030 — kiểm thử trình duyệt")
    page.get_by_role("button", name="Gửi nhận xét").click()
    sync_api.expect(page.locator("#comment textarea")).to_have_value("", timeout=30_000)  # cleared once stored
    csv_text = httpx.get(web_server + "/api/feedback.csv", headers={"X-Admin-Token": ADMIN_TOKEN}).text
    assert "kiểm thử trình duyệt" in csv_text and "Tỷ lệ thất nghiệp chung" in csv_text


def test_documents_tab_and_embed_page(page, web_server):
    open_ui(page, web_server + "/")
    page.get_by_role("tab", name="Văn bản").click()
    table = page.locator("#docs-table")
    table.get_by_text("422/KH-UBND").filter(visible=True).first.wait_for(timeout=30_000)
    assert table.get_by_text("Kon Tum").filter(visible=True).count() >= 1
    shot(page, "documents-tab.png")
    page.goto(web_server + "/embed", wait_until="load")
    assert page.get_by_text("<gradio-app src=").first.is_visible()
    shot(page, "embed-page.png")


def test_admin_uploads_a_plan_that_is_answerable_at_once_then_removes_it(page, web_server, web_bot, tmp_path):
    plan = tmp_path / "ke_hoach_gia_lai.txt"
    plan.write_text(TEST_PLAN, encoding="utf-8")
    try:
        open_ui(page, web_server + "/")
        page.get_by_role("tab", name="Văn bản").click()
        page.get_by_text("Quản trị (cần mã quản trị)").click()
        page.locator("#admin-token input").fill(ADMIN_TOKEN)
        upload = page.locator("#upload input[type=file]")
        upload.wait_for(state="attached", timeout=30_000)  # the accordion renders it as it opens
        upload.set_input_files(str(plan))
        page.locator("#upload").get_by_text("ke_hoach_gia_lai.txt").first.wait_for(timeout=ANSWER_WAIT)
        page.locator("#ingest").click()
        page.locator("#admin-status").get_by_text("đã thêm").first.wait_for(timeout=ANSWER_WAIT)
        page.locator("#docs-table").get_by_text("Gia Lai").filter(visible=True).first.wait_for(timeout=30_000)
        shot(page, "documents-admin.png")
        page.get_by_role("tab", name="Hỏi đáp").click()
        ask(page, "Mục tiêu nhà ở xã hội của Gia Lai đến năm 2030?")
        page.locator("#sources mark.fig", has_text="67.890").first.wait_for(timeout=ANSWER_WAIT)
        page.get_by_role("tab", name="Văn bản").click()
        assert page.locator("#remove-pick input").input_value() == ""  # no plan pre-selected for removal
        page.locator("#remove").click()
        page.locator("#admin-status").get_by_text("Hãy chọn văn bản cần xoá").first.wait_for(timeout=30_000)
        page.locator("#remove-pick input").click()
        page.get_by_role("option", name="77/KH-UBND").first.click()
        page.locator("#remove").click()
        # the first click only asks, naming the document
        page.locator("#admin-status").get_by_text("Xoá hẳn").first.wait_for(timeout=30_000)
        assert "77/KH-UBND" in page.locator("#admin-status").inner_text()
        assert any(d.get("province") == "Gia Lai" for d in web_bot.info()["documents"])
        page.locator("#remove-confirm").click()
        page.locator("#admin-status").get_by_text("Đã xoá văn bản").first.wait_for(timeout=60_000)
        assert all(d.get("province") != "Gia Lai" for d in web_bot.info()["documents"])
    finally:
        forget_province(web_bot, "Gia Lai")


def test_evaluation_tab_runs_a_set_and_shows_the_report(page, web_server, tmp_path):
    small = small_eval_set(tmp_path, 3)
    open_ui(page, web_server + "/")
    page.get_by_role("tab", name="Đánh giá").click()
    page.locator("#eval-token input").fill(ADMIN_TOKEN)
    page.locator("#eval-set input[type=file]").set_input_files(str(small))
    page.locator("#eval-set").get_by_text("nho.jsonl").first.wait_for(timeout=ANSWER_WAIT)
    page.locator("#eval-run").click()
    page.locator("#eval-summary").get_by_text("câu hỏi: 3").first.wait_for(timeout=ANSWER_WAIT)
    report = page.frame_locator("iframe.eval-report")
    report.get_by_text("Báo cáo đánh giá").first.wait_for(timeout=30_000)
    page.wait_for_timeout(300)
    shot(page, "evaluation-tab.png")
