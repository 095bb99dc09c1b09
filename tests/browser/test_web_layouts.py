"""The chat window on a laptop (1366×768) and a phone (390×844), [n] markers that jump to their
card, lists that follow another session's upload, and the upload route behind the token — in
headless Debian chromium. Screenshots go to docs/screenshots/ (or WEB_SCREENSHOTS_DIR).
"""
from __future__ import annotations

import re

import pytest

from tests.browser.test_web_browser import (
    ANSWER_WAIT,
    ARGS,
    CHROMIUM,
    SHOTS,
    answered,
    ask,
    open_ui,
    sync_api,
)
from tests.web_fixtures import ADMIN_TOKEN, TEST_PLAN, forget_province
from web.i18n import t

pytest_plugins = ["tests.web_fixtures"]
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning", "ignore:.*:Warning:gradio.queueing")

LONG = "Diện tích nhà ở bình quân đầu người năm 2030 của Kon Tum"  # four sources: a long answer
LAPTOP, PHONE = {"width": 1366, "height": 768}, {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


def new_page(browser, viewport, phone=False):
    ctx = browser.new_context(viewport=viewport, locale="vi-VN", is_mobile=phone, has_touch=phone,
                              device_scale_factor=1)
    return ctx, ctx.new_page()


def box(page, selector):
    return page.locator(selector).first.bounding_box()


def on_screen(b, viewport) -> bool:
    return b is not None and b["y"] >= 0 and b["y"] + b["height"] <= viewport["height"] + 1


def check_chat_label_clear_of_messages(page):
    """The chat's label ("Hội thoại") sits above the scrolling messages, never over one, wherever the
    chat is scrolled: the box the messages scroll in (and are clipped to) starts below the label."""
    label = box(page, '#chatbot label[data-testid="block-label"]')
    scroller = box(page, "#chatbot .bubble-wrap")
    assert page.evaluate("(() => { const w = document.querySelector('#chatbot .bubble-wrap');"
                         " return w.scrollHeight > w.clientHeight; })()")  # the chat does scroll
    assert label["y"] + label["height"] <= scroller["y"] + 1, (label, scroller)


def placeholder_fits(page) -> tuple[float, float]:
    """(width of the question box's placeholder in its own font, room for it in the box)."""
    return tuple(page.evaluate("""() => {
      const ta = document.querySelector("#question textarea"), cs = getComputedStyle(ta);
      const ctx = document.createElement("canvas").getContext("2d"); ctx.font = cs.font;
      return [ctx.measureText(ta.placeholder).width,
              ta.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight)];
    }"""))


def check_input_and_answer_together(page, viewport):
    """The input box, the question just asked and the first line of its answer are all in view."""
    assert on_screen(box(page, "#question textarea"), viewport), box(page, "#question textarea")
    question = page.locator("#chatbot .user-row").last.bounding_box()
    answer = page.locator("#chatbot .bot-row").last.bounding_box()
    assert question["y"] >= 0 and question["y"] + question["height"] <= viewport["height"], question
    assert 0 <= answer["y"] < viewport["height"] - 60, answer  # at least its first lines show
    assert page.evaluate("window.scrollY") == 0  # the page itself did not scroll away


@pytest.mark.parametrize("size, phone, name", [(LAPTOP, False, "laptop-1366x768.png"),
                                               (PHONE, True, "phone-390x844.png")])
def test_input_and_answer_are_on_screen_together(browser, web_server, size, phone, name):
    ctx, page = new_page(browser, size, phone)
    try:
        open_ui(page, web_server + "/")
        assert on_screen(box(page, "#question textarea"), size)  # first screen: the input is there
        ask(page, "Mục tiêu nhà ở xã hội của Kon Tum đến năm 2030?")
        answered(page, "Mục tiêu nhà ở xã hội của Kon Tum đến năm 2030?")
        ask(page, LONG)
        answered(page, LONG)
        page.wait_for_timeout(800)
        check_input_and_answer_together(page, size)
        if phone:
            head, lang = box(page, "#header"), box(page, "#lang")
            assert lang["y"] >= head["y"] + head["height"] - 1  # the header stacks
            # the sources come right after the input, before the examples
            ask_row, sources, examples = box(page, "#ask-row"), box(page, "#sources-col"), box(page, "#examples")
            assert ask_row["y"] < sources["y"] < examples["y"]
            assert sources["y"] - (ask_row["y"] + ask_row["height"]) < 60
        else:
            assert on_screen(box(page, "#sources .src-card"), size)  # the first source is beside the answer
        quote = page.locator("#sources .src-quote").first.inner_text()
        assert "\n" not in quote.strip() and "bình quân đầu người" in quote  # the row on one line
        check_chat_label_clear_of_messages(page)
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / name))
    finally:
        ctx.close()


def test_citation_markers_jump_to_and_highlight_their_card(browser, web_server):
    ctx, page = new_page(browser, PHONE, phone=True)
    try:
        open_ui(page, web_server + "/")
        ask(page, LONG)
        answered(page, LONG)
        link = page.locator('#chatbot a[href="#src-3"]').last
        assert link.inner_text() == "[3]"
        pages_before = len(ctx.pages)
        link.click()
        card = page.locator("#src-3")
        sync_api.expect(card).to_have_class("src-card flash", timeout=5_000)
        page.wait_for_timeout(900)  # the smooth scroll
        b = card.bounding_box()
        assert b["y"] < PHONE["height"] and b["y"] + b["height"] > 0  # scrolled into view
        assert len(ctx.pages) == pages_before  # no new tab
    finally:
        ctx.close()


def test_lists_follow_an_upload_in_another_session(browser, web_server, web_bot, tmp_path):
    ctx, page = new_page(browser, LAPTOP)
    plan = tmp_path / "ke_hoach_gia_lai.txt"
    plan.write_text(TEST_PLAN, encoding="utf-8")
    try:
        open_ui(page, web_server + "/")
        page.locator("#filters").get_by_text("Bộ lọc").click()
        web_bot.ingest([str(plan)])  # another session (or the CLI) adds a plan of a new province
        page.locator("#provinces input").click()
        # no "Làm mới": the timer notices the change within a few seconds (45 s: on a 2-core box with
        # both cores embedding, 20 s was once too short)
        sync_api.expect(page.get_by_role("option", name="Gia Lai")).to_be_visible(timeout=45_000)
        page.keyboard.press("Escape")
        page.get_by_role("tab", name="Văn bản").click()
        page.locator("#docs-table").get_by_text("Gia Lai").filter(visible=True).first.wait_for(timeout=45_000)
    finally:
        forget_province(web_bot, "Gia Lai")
        ctx.close()


def test_upload_needs_the_token_typed_first(browser, web_server, web_bot, tmp_path):
    ctx, page = new_page(browser, LAPTOP)
    plan = tmp_path / "ke_hoach_gia_lai.txt"
    plan.write_text(TEST_PLAN, encoding="utf-8")

    def is_upload(r):
        return "/gradio_api/upload" in r.url and "progress" not in r.url

    def admin_tab():
        open_ui(page, web_server + "/")
        page.get_by_role("tab", name="Văn bản").click()
        page.get_by_text("Quản trị (cần mã quản trị)").click()
        box = page.locator("#upload input[type=file]")
        box.wait_for(state="attached", timeout=30_000)
        return box

    try:
        upload = admin_tab()
        # Gradio's own drop-zone words, in the UI's language: swapped by the page's script once Gradio has
        # drawn the box (a frame later), so wait for the swap rather than read the box at once
        for words in ("Thả tệp vào đây", "Bấm để chọn tệp"):
            sync_api.expect(page.locator("#upload")).to_contain_text(words, timeout=30_000)
        zone = page.locator("#upload").inner_text()
        assert "Drop File" not in zone, zone
        with page.expect_response(is_upload, timeout=ANSWER_WAIT) as refused:
            upload.set_input_files(str(plan))  # no token typed yet
        assert refused.value.status == 403
        toast = page.locator('[data-testid="toast-text"]').first
        sync_api.expect(toast).to_have_text(re.compile(r"^Thiếu mã quản trị: nhập mã .*\.$"), timeout=30_000)
        assert "HTTP" not in toast.inner_text() and "{" not in toast.inner_text()  # a sentence, not the raw reply
        sync_api.expect(page.locator(".toast-title").first).to_have_text("Lỗi", timeout=30_000)
        page.wait_for_function("() => getComputedStyle(document.querySelector('[data-testid=toast-body]')).opacity"
                               " === '1'", timeout=30_000)  # faded in: the screenshot shows it
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "upload-refused.png"))
        page.get_by_text("English", exact=True).click()
        sync_api.expect(page.locator("#upload")).to_contain_text("Drop File Here", timeout=30_000)
        page.reload()  # a fresh page: the file box is empty again
        upload = admin_tab()
        page.locator("#admin-token input").fill(ADMIN_TOKEN)
        with page.expect_response(is_upload, timeout=ANSWER_WAIT) as accepted:
            upload.set_input_files(str(plan))
        assert accepted.value.status == 200
        # the name may be shown as stem and extension in two elements: match the stem
        sync_api.expect(page.locator("#upload")).to_contain_text("ke_hoach_gia_lai", timeout=ANSWER_WAIT)
        page.locator("#ingest").click()
        page.locator("#admin-status").get_by_text("đã thêm").first.wait_for(timeout=ANSWER_WAIT)
        status = page.locator("#admin-status").inner_text()
        assert "/tmp" not in status and "gradio" not in status  # file names only
        # the counts end their own line: "dòng bảng: 1" is not run into "… đoạn đang được tạo vector"
        assert re.search(r"dòng bảng: \d+$", page.locator("#admin-status p").first.inner_text()), status
        assert "77/KH-UBND ngày 10/6/2025" in status  # …and a date in a name is not taken for a path
    finally:
        forget_province(web_bot, "Gia Lai")
        ctx.close()


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_phone_placeholder_fits_its_box(browser, web_server, lang):
    ctx, page = new_page(browser, PHONE, phone=True)
    try:
        open_ui(page, web_server + f"/?lang={lang}")
        page.wait_for_function("p => document.querySelector('#question textarea').placeholder === p",
                               arg=t(lang, "placeholder"), timeout=30_000)  # relabelled to the language asked
        width, room = placeholder_fits(page)
        assert width <= room, (lang, width, room)  # one line, nothing cut off
    finally:
        ctx.close()


HOUSING = "Kon Tum triển khai chương trình phát triển nhà ở như thế nào?"  # a clause with footnote markers


def test_questions_show_as_typed_and_quotes_raise_footnote_markers(browser, web_server):
    ctx, page = new_page(browser, LAPTOP)
    typed = "**Mục tiêu** nhà ở _xã hội_ của `Kon Tum` đến năm 2030?\n# 1. [x](#y)"
    try:
        open_ui(page, web_server + "/")
        ask(page, typed)
        page.locator("#chatbot .user-row").last.wait_for(timeout=30_000)
        user = page.locator("#chatbot .user-row").last
        sync_api.expect(user).to_contain_text("**Mục tiêu**", timeout=30_000)
        assert user.inner_text().strip() == typed, user.inner_text()
        assert user.locator("strong, em, code, h1, ol, a").count() == 0  # no Markdown read into it
        ask(page, HOUSING)  # sent while the first answer may still stream: it waits its turn, not dropped
        answered(page, HOUSING)
        assert page.locator("#chatbot .user-row").count() == 2  # both questions, the first one's answer kept
        assert page.locator("#chatbot .bot-row").count() == 2
        quote = page.locator("#sources .src-quote", has_text="Về nhà ở").first.inner_text()
        assert "nhà ở³," in quote and "phê duyệt⁴," in quote and "phê duyệt4" not in quote, quote
        page.wait_for_timeout(500)
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "sources-footnotes.png"))
    finally:
        ctx.close()


def test_the_demo_page_in_english_is_english_throughout(browser, web_server):
    ctx, page = new_page(browser, LAPTOP)
    try:
        page.goto(web_server + "/embed/demo?lang=en", wait_until="load")
        assert page.locator("nav a").all_inner_texts() == ["Home", "Documents", "Work calendar", "Directory"]
        frame = page.frame_locator("#assistant-frame")
        sync_api.expect(frame.locator("#question textarea")).to_have_attribute("placeholder", t("en", "placeholder"),
                                                                             timeout=60_000)
        assert "Documents assistant" in page.locator(".assistant h2").inner_text()
        assert page.evaluate("window.scrollY") == 0  # the widget does not pull the host page down to itself
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "embed-demo-en.png"))
    finally:
        ctx.close()
