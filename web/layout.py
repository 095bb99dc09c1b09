"""Page-level CSS and script for the Gradio UI: the sources panel's look, the laptop and phone
layouts, and the jump from a citation marker [n] to its card.

Layouts (checked in a browser at 1366×768 and 390×844, tests/browser):
- wide screens: chat and input in the left column sized to the window, so the input and the
  latest answer are on screen together; the sources panel scrolls on its own at the right;
- phones (≤ 700 px): the header stacks, the chat is sized so the input box shows on the first
  screen, and the sources panel comes right after the input, before examples and filters.
"""
from __future__ import annotations

import json

from .i18n import STRINGS

CSS = """
.sources { font-size: 0.95em; }
.sources.empty { color: var(--body-text-color-subdued); padding: 0.5em; }
.sources-title { font-weight: 600; margin-bottom: 0.4em; }
.src-card { border: 1px solid var(--border-color-primary); border-radius: 8px; padding: 0.6em 0.8em;
            margin-bottom: 0.6em; background: var(--background-fill-secondary); }
.src-n { font-weight: 700; color: var(--color-accent); }
.src-doc, .src-loc { color: var(--body-text-color-subdued); font-size: 0.9em; }
.src-quote { white-space: pre-wrap; margin: 0.4em 0; padding-left: 0.6em; max-height: 12em; overflow: auto;
             border-left: 3px solid var(--color-accent); }
.src-context-text { white-space: pre-wrap; font-size: 0.9em; max-height: 24em; overflow: auto;
                    padding: 0.4em; background: var(--background-fill-primary); }
.src-context-text .cited { background: rgba(255, 213, 79, 0.25); }
#docs-table table, #docs-table td, #docs-table th, #docs-table span { font-family: var(--font) !important; }
mark.fig { background: #ffd54f; color: #000; padding: 0 2px; border-radius: 2px; font-weight: 600; }
/* OCR: a figure the engine was unsure of is shown apart from a trusted one, never silently trusted */
mark.unsure { background: transparent; color: inherit; text-decoration: underline wavy #d84315; }
mark.fig.unsure { background: #ffccbc; color: #000; outline: 1px dashed #d84315; }
.src-ocr { font-size: 0.85em; color: #bf360c; margin: 0.2em 0; }

/* ---- layout ------------------------------------------------------------------------- */
#header h2, #header h3 { margin: 0 0 0.1em 0; }
#header p { margin: 0; color: var(--body-text-color-subdued); font-size: 0.92em; }
#top-row { align-items: center; }
#chatbot { height: calc(100vh - 235px) !important; min-height: 280px; }
/* The chat's label ("Hội thoại") floats over the messages by default, so a scrolled message runs
   under it; here it takes its own line and the messages scroll in the space below it. */
#chatbot > .wrapper { display: flex; flex-direction: column; }
#chatbot > .wrapper > label[data-testid="block-label"] { position: static; flex: none; align-self: flex-start; }
#chatbot > .wrapper > .bubble-wrap { flex: 1 1 0; min-height: 0; height: auto; }
#sources { max-height: calc(100vh - 190px); overflow-y: auto; }
.src-card.flash { animation: src-flash 1.6s ease-out; outline: 3px solid var(--color-accent); }
@keyframes src-flash { from { background: #fff3bf; } to { background: var(--background-fill-secondary); } }
@media (max-width: 700px) {
  #top-row { flex-direction: column; align-items: stretch; gap: 0.2em; }
  #header p { display: none; }
  #lang { min-width: 0 !important; }
  #main-row { flex-direction: column; flex-wrap: nowrap; }
  #chat-col { display: contents; }
  #chatbot { order: 1; height: calc(100svh - 290px) !important; min-height: 240px; }
  #ask-row { order: 2; flex-wrap: nowrap; }
  #ask-row > * { min-width: 0 !important; }
  #send { flex-grow: 0 !important; min-width: 4.5em !important; }
  #sources-col { order: 3; }
  #sources { max-height: none; overflow: visible; }
  #examples { order: 4; } #filters { order: 5; } #feedback-box { order: 6; } #clear { order: 7; }
}
"""

# A click on a marker link ("[2]" → #src-2) scrolls to card 2 of the sources panel and flashes
# it, instead of following the link as Markdown links in the chat do. Capture phase, so it runs
# before Gradio's own link handling; found from the link's root node, so it also works inside a
# <gradio-app> on another page. Run again shortly after, because a click on an earlier answer
# also re-renders the panel with that answer's sources.
JUMP_JS = """<script>
(() => {
  if (window.__srcJump) return; window.__srcJump = true;
  const jump = (root, n) => {
    const card = (root.querySelector ? root : document).querySelector("#src-" + n) || document.getElementById("src-" + n);
    if (!card) return;
    card.scrollIntoView({behavior: "smooth", block: "nearest"});
    card.classList.remove("flash"); void card.offsetWidth; card.classList.add("flash");
  };
  document.addEventListener("click", (e) => {
    const a = e.target.closest ? e.target.closest('a[href^="#src-"]') : null;
    if (!a) return;
    e.preventDefault(); e.stopPropagation();
    const n = a.getAttribute("href").slice(5), root = a.getRootNode();
    jump(root, n); setTimeout(() => jump(root, n), 700);
  }, true);
})();
</script>"""

# Full UI only (the chat widget has no admin parts at all). Two things Gradio's frontend says in
# its own words, which the UI's language radio cannot reach:
# - the drop zone of a file picker ("Drop File Here / - or - / Click to Upload") and the "Error" of
#   a toast or a failed component: Gradio translates them by the browser's locale only, and has no
#   Vietnamese; the words are swapped for the radio's;
# - a refused upload: the frontend shows the response raw, "HTTP 403: {"error": {…}}"; the toast
#   shows the message inside instead, in the radio's language (the routes answer "tiếng Việt
#   (English)"), as a sentence.
PAGE_TEXT_JS = """<script>
(() => {
  const WORDS = __WORDS__;  // [[vi, en], …]
  const lang = () => (document.querySelector("#lang input:checked") || {}).value === "en" ? 1 : 0;
  const sentence = (s) => { s = s.trim(); return s && (s[0].toUpperCase() + s.slice(1) + (/[.!?]$/.test(s) ? "" : ".")); };
  const readable = (raw) => {
    const m = /^HTTP \\d{3}: (\\{[\\s\\S]*\\})$/.exec(raw.trim());
    if (!m) return null;
    let body; try { body = JSON.parse(m[1]); } catch (e) { return null; }
    const err = body.error, msg = (err && (err.message || (typeof err === "string" && err))) || body.detail;
    if (typeof msg !== "string") return null;
    const both = /^([\\s\\S]*?) \\(([\\s\\S]*)\\)$/.exec(msg);
    return sentence(both ? both[1 + lang()] : msg);
  };
  const fix = () => {
    const i = lang();
    document.querySelectorAll(".upload-container, .toast-title, span.error").forEach((zone) => {
      const walk = document.createTreeWalker(zone, NodeFilter.SHOW_TEXT);
      for (let n = walk.nextNode(); n; n = walk.nextNode()) {
        const pair = WORDS.find((w) => w.includes(n.nodeValue.trim()));
        if (pair && n.nodeValue.trim() !== pair[i]) n.nodeValue = n.nodeValue.replace(n.nodeValue.trim(), pair[i]);
      }
    });
    document.querySelectorAll('[data-testid="toast-text"]').forEach((el) => {
      const text = readable(el.textContent || "");
      if (text) el.textContent = text;
    });
  };
  let queued = false;
  const later = () => { if (!queued) { queued = true; requestAnimationFrame(() => { queued = false; fix(); }); } };
  new MutationObserver(later).observe(document.documentElement, {childList: true, subtree: true, characterData: true});
  document.addEventListener("change", later, true);
})();
</script>""".replace("__WORDS__", json.dumps([[STRINGS["vi"][k], STRINGS["en"][k]] for k in ("drop_file", "drop_or", "click_upload", "error_word")],
                                           ensure_ascii=False))

# Full UI only (the chat widget has no admin parts at all): what the admin-token boxes hold is
# sent, on every keystroke and in order, to /api/admin-cookie, which answers with the HttpOnly
# cookie that Gradio's upload and file routes ask for (web/guards.py): script cannot read it,
# and it holds an HMAC of the token, never the token. Each keystroke, because the file picker
# uploads the moment a file is chosen, and a Gradio event (dispatched later) would be too late.
# Gradio's own requests (upload, calls) wait for the cookie requests sent before them, so a file
# picked right after the token was typed never goes out ahead of its cookie.
COOKIE_JS = """<script>
(() => {
  const url = location.pathname.replace(/[^/]*$/, "") + "api/admin-cookie";
  const plain = window.fetch.bind(window);
  let last = Promise.resolve();
  window.fetch = (input, init) => {
    const target = typeof input === "string" ? input : (input && input.url) || String(input);
    return target.includes("/gradio_api/") ? last.then(() => plain(input, init)) : plain(input, init);
  };
  const keep = (e) => {
    const box = e.target && e.target.closest ? e.target.closest("#admin-token, #eval-token") : null;
    if (!box) return;
    const body = JSON.stringify({token: e.target.value || ""});
    last = last.then(() => plain(url, {method: "POST", credentials: "same-origin",
                                       headers: {"Content-Type": "application/json"}, body})).catch(() => {});
  };
  document.addEventListener("input", keep, true);
  document.addEventListener("change", keep, true);
})();
</script>""" + PAGE_TEXT_JS  # server.py adds COOKIE_JS to the full UI's head

# After an answer: scroll the chat (not the page) so the latest question is at its top and the
# answer reads from its first line, rather than autoscrolling to the answer's last source line.
SHOW_LATEST_JS = """() => {
  const rows = document.querySelectorAll("#chatbot .user-row");
  const last = rows[rows.length - 1];
  if (!last) return;
  let box = last.parentElement;
  while (box && !(box.scrollHeight > box.clientHeight + 2 && /auto|scroll/.test(getComputedStyle(box).overflowY)))
    box = box.parentElement;
  if (box && box.closest("#chatbot"))
    box.scrollTop += last.getBoundingClientRect().top - box.getBoundingClientRect().top - 8;
}"""
