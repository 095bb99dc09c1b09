"""The Gradio UI: chat with cited answers and a sources panel; documents and evaluation tabs
come from ``ui_admin`` and ``ui_eval``. An answer shows at once when it is ready (the
assistant composes it in one step; a "searching…" line stands in until then).

Document lists and filters follow changes made anywhere (another session's upload, the
CLI): every page load reads them fresh, and a light timer compares a stamp of the catalogue
and updates them only when it changed.

``?lang=en`` opens either UI in English. The chat-only variant (``build_ui(embed=True)``) is
mounted at /chat for iframes and <gradio-app> on intranet pages.
"""
from __future__ import annotations

import logging
from contextlib import nullcontext

import gradio as gr

from ground.errors import AssistantError

from . import ui_admin, ui_eval
from .i18n import EXAMPLES, t
from .layout import SHOW_LATEST_JS
from .overload import OverloadedError
from .render import answer_markdown, escape_markdown_html, file_names_only, question_markdown, sources_html
from .service import Service

log = logging.getLogger("web")

REFRESH_SECONDS = 5  # how soon another session's upload or removal shows in the lists


def message_text(content) -> str:
    """Text of a chat message whatever shape Gradio hands it in (str or content parts)."""
    if isinstance(content, str):
        return content
    if isinstance(content, dict):
        return str(content.get("text") or content.get("value") or "")
    if isinstance(content, (list, tuple)):
        return " ".join(message_text(c) for c in content)
    return ""


def header_md(lang: str) -> str:
    return f"### {t(lang, 'title')}\n{t(lang, 'subtitle')}"


def doc_choices(service: Service) -> list[tuple[str, str]]:
    return [(d.get("name") or d["doc_id"], d["doc_id"]) for d in service.documents()]


def build_ui(service: Service, embed: bool = False) -> gr.Blocks:
    """The full UI, or with ``embed`` the chat alone (no header, documents or evaluation tabs):
    a separate Blocks rather than hidden tabs, because Gradio's tab visibility updates have not
    been dependable across releases, and an embedded widget should not even load admin parts."""
    lang0 = service.web.lang

    def render_sources(data, lang):
        return sources_panel(service, data, lang)

    with gr.Blocks(title=t(lang0, "title"), fill_width=True) as demo:
        answers = gr.State([])  # [{"index": chat message index, "answer": Answer.to_json()}]
        feedback_id = gr.State(None)
        stamp = gr.State(None)  # the catalogue this session's lists show (Service.catalogue_stamp)
        with gr.Row(equal_height=True, elem_id="top-row"):
            header = gr.Markdown(header_md(lang0), elem_id="header", visible=not embed)
            # Compact (no box, no label): the two choices name themselves, and the chat needs the height.
            lang = gr.Radio([("Tiếng Việt", "vi"), ("English", "en")], value=lang0, label=t(lang0, "lang"),
                            elem_id="lang", scale=0, min_width=270, show_label=False, container=False)
        with nullcontext() if embed else gr.Tabs():
            with nullcontext() if embed else gr.Tab(t(lang0, "tab_chat"), id="chat") as tab_chat:
                with gr.Row(elem_id="main-row"):
                    # min_width makes the two columns stack in a narrow iframe instead of squeezing.
                    with gr.Column(scale=3, min_width=420, elem_id="chat-col"):
                        # Sized to the window by CSS (web/layout.py), so the input stays in view.
                        chatbot = gr.Chatbot(label=t(lang0, "chat"), elem_id="chatbot", height="100%",
                                             feedback_options=("Like", "Dislike"), latex_delimiters=[],
                                             buttons=["copy"], layout="bubble", autoscroll=False)
                        with gr.Row(elem_id="ask-row"):
                            msg = gr.Textbox(placeholder=t(lang0, "placeholder"), show_label=False, lines=1,
                                             max_lines=6, scale=5, elem_id="question",
                                             autofocus=not embed)  # in an iframe it would scroll the host page
                            send = gr.Button(t(lang0, "send"), variant="primary", scale=1, elem_id="send")
                        examples = gr.Dataset(components=[msg], samples=[[q] for q in EXAMPLES],
                                              label=t(lang0, "examples"), elem_id="examples")
                        with gr.Accordion(t(lang0, "filters"), open=False, elem_id="filters") as filters:
                            provinces = gr.Dropdown(service.provinces(), multiselect=True, value=[],
                                                    label=t(lang0, "provinces"), elem_id="provinces")
                            documents = gr.Dropdown(doc_choices(service), multiselect=True, value=[],
                                                    label=t(lang0, "documents"), elem_id="documents")
                        with gr.Accordion(t(lang0, "feedback"), open=False, elem_id="feedback-box") as fb_box:
                            fb_hint = gr.Markdown(t(lang0, "feedback_hint"))
                            comment = gr.Textbox(label=t(lang0, "comment"), lines=2, elem_id="comment")
                            send_comment = gr.Button(t(lang0, "send_comment"), size="sm")
                            fb_status = gr.Markdown("", elem_id="feedback-status")
                        clear = gr.Button(t(lang0, "clear"), size="sm", variant="secondary", elem_id="clear")
                    with gr.Column(scale=2, min_width=320, elem_id="sources-col"):
                        sources_title = gr.Markdown(f"### {t(lang0, 'sources')}")
                        sources = gr.HTML(render_sources(None, lang0), elem_id="sources")
            admin = None if embed else ui_admin.build(service, lang0, lang, provinces, documents)
            extras = [] if embed else [admin, ui_eval.build(service, lang0, lang)]

        # ---- asking --------------------------------------------------------
        def respond(question, history, past, lang, prov, docs):
            yield from chat_turn(service, question, history, past, lang, prov, docs)

        ask_inputs = [msg, chatbot, answers, lang, provinces, documents]
        ask_outputs = [chatbot, msg, sources, answers]
        # 16 at once reach the Service's Gate, which decides who waits and who is told "busy"; a lower
        # Gradio limit would line people up where the Gate cannot see them (and they never hear why).
        ev = dict(fn=respond, inputs=ask_inputs, outputs=ask_outputs, api_visibility="private",
                  concurrency_limit=16, concurrency_id="ask")
        shown = dict(fn=None, inputs=None, outputs=None, js=SHOW_LATEST_JS, api_visibility="private")
        # One listener for Enter and the button, "always_last": a question sent while an answer is still
        # streaming runs once that answer is done (Gradio's default, "once", drops it without a word), and
        # reads the box and the chat then, so the earlier answer is kept in the history it builds on.
        gr.on([msg.submit, send.click], **ev, trigger_mode="always_last").then(**shown)
        examples.click(lambda sample: sample[0], examples, msg, api_visibility="private").then(**ev).then(**shown)

        def show_sources(past, lang, evt: gr.SelectData):
            hit = next((p for p in reversed(past or []) if p["index"] == evt.index), None)
            return render_sources(hit["answer"], lang) if hit else gr.skip()

        chatbot.select(show_sources, [answers, lang], sources, api_visibility="private")

        def restart(lang):
            return [], [], render_sources(None, lang), None, "", ""

        clear.click(restart, lang, [chatbot, answers, sources, feedback_id, comment, fb_status],
                    api_visibility="private")
        # The chat's own trash icon empties the chat; the answers behind it must go too, or their
        # message indices would point at the next conversation's messages.
        chatbot.clear(lambda lang: ([], render_sources(None, lang), None), lang, [answers, sources, feedback_id],
                      api_visibility="private")

        # ---- feedback ------------------------------------------------------
        def on_like(past, lang, evt: gr.LikeData):
            fid = record_like(service, past, evt.index, evt.liked)
            return (gr.skip(), gr.skip(), gr.skip()) if fid is None else (fid, t(lang, "thanks"), gr.update(open=True))

        chatbot.like(on_like, [answers, lang], [feedback_id, fb_status, fb_box], api_visibility="private")

        def on_comment(fid, text, lang):
            if fid is None:
                return t(lang, "no_feedback_yet"), gr.skip()
            service.feedback.comment(fid, text)
            return t(lang, "thanks"), ""

        send_comment.click(on_comment, [feedback_id, comment, lang], [fb_status, comment], api_visibility="private")

        # ---- language, embedding -------------------------------------------
        # The language radio's own label is bilingual already, and updating it would re-fire .change.
        own = [header, *([] if embed else [tab_chat]), chatbot, msg, send, examples, filters, provinces, documents,
               fb_box, fb_hint, comment, send_comment, clear, sources_title, sources]

        def relabel(lang, past):
            last = past[-1]["answer"] if past else None
            mine = [header_md(lang), *([] if embed else [gr.update(label=t(lang, "tab_chat"))]),
                    gr.update(label=t(lang, "chat")), gr.update(placeholder=t(lang, "placeholder")),
                    gr.update(value=t(lang, "send")), gr.update(label=t(lang, "examples")),
                    gr.update(label=t(lang, "filters")), gr.update(label=t(lang, "provinces")),
                    gr.update(label=t(lang, "documents")), gr.update(label=t(lang, "feedback")),
                    t(lang, "feedback_hint"), gr.update(label=t(lang, "comment")),
                    gr.update(value=t(lang, "send_comment")), gr.update(value=t(lang, "clear")),
                    f"### {t(lang, 'sources')}", render_sources(last, lang)]
            return mine + [u for x in extras for u in x.relabel(lang)]

        lang.change(relabel, [lang, answers], own + [o for x in extras for o in x.outputs], api_visibility="private")

        # ---- lists that follow the catalogue ---------------------------------
        lists = [provinces, documents, *(admin.lists if admin else [])]

        def fresh_lists(seen, prov, docs, picked=None, force=False):
            return catalogue_update(service, seen, prov, docs, with_admin=admin is not None, force=force,
                                    picked=picked)

        def on_load(seen, prov, docs, request: gr.Request):
            q = dict(request.query_params) if request else {}
            # The Blocks were built at start; a page opened later must not show that day's lists.
            return (q["lang"] if q.get("lang") in ("vi", "en") else gr.skip(),
                    *fresh_lists(seen, prov, docs, force=True))

        demo.load(on_load, [stamp, provinces, documents], [lang, stamp, *lists], api_visibility="private")
        timer = gr.Timer(REFRESH_SECONDS)
        # Unqueued and unlimited: a tick only compares a stamp, and must not wait behind answers.
        picker = admin.lists[1:] if admin else []  # the remove picker: its choice survives a tick
        timer.tick(fresh_lists, [stamp, provinces, documents, *picker], [stamp, *lists], api_visibility="private",
                   queue=False, show_progress="hidden")

        # ---- API for gradio_client ----------------------------------------
        def ask(question: str, history: list[str] | None = None, provinces: list[str] | None = None) -> dict:
            """Answer a question; returns Answer.to_json() plus the chat Markdown."""
            try:
                data = service.ask(question, [h[:2000] for h in history or [] if isinstance(h, str)][-50:],
                                   provinces or None).to_json()
            except AssistantError as err:
                raise gr.Error(str(err), print_exception=False) from err  # the caller's mistake: no traceback
            return {**data, "markdown": answer_markdown(data, data.get("lang") or "vi")}

        gr.api(ask, api_name="ask", concurrency_limit=16, concurrency_id="ask")
    return demo


# ---- chat actions: plain functions of the service, testable without a browser ---------------
def chat_turn(service: Service, question, history, past, lang, provinces=None, doc_ids=None):
    """One question → updates of (chat, textbox, sources panel, answers state): the question
    with a "searching…" line at once, then the whole answer and its sources when ready.

    The follow-up history is the questions that got answers (from ``past``), not whatever
    the chat shows, so an error message or a refused question never becomes context. The
    question is shown as typed (its Markdown and HTML escaped, render.question_markdown);
    tags in it are stripped before it is analysed (Service, render.strip_tags).
    """
    history, past = list(history or []), list(past or [])
    question = (question or "").strip()
    if not question:
        yield gr.skip(), gr.skip(), gr.skip(), gr.skip()
        return
    prior = [p["answer"]["question"] for p in past]
    history += [{"role": "user", "content": question_markdown(question)},
                {"role": "assistant", "content": t(lang, "thinking")}]
    yield history, "", gr.skip(), past
    try:
        data = service.ask(question, prior, provinces, doc_ids).to_json()
    except OverloadedError as err:
        history[-1] = {"role": "assistant", "content": t(lang, "busy").format(waiting=err.waiting,
                                                                              seconds=err.retry_after)}
        yield history, question, gr.skip(), past  # the question goes back into the box, to resend
        return
    except AssistantError as err:
        history[-1] = {"role": "assistant", "content": "⚠️ " + escape_markdown_html(file_names_only(str(err)))}
        yield history, gr.skip(), gr.skip(), past
        return
    except Exception:
        log.exception("ask failed in the UI")
        history[-1] = {"role": "assistant", "content": "⚠️ " + t(lang, "internal")}
        yield history, gr.skip(), gr.skip(), past
        return
    history[-1] = {"role": "assistant", "content": answer_markdown(data, lang)}
    past.append({"index": len(history) - 1, "answer": data})
    yield history, gr.skip(), sources_panel(service, data, lang), past


def sources_panel(service: Service, data: dict | None, lang: str) -> str:
    """The sources panel of an answer, with each document's kind, number, date, text and footnote markers."""
    def markers(doc_id):
        return [n.marker for n in getattr(service.document(doc_id), "footnotes", None) or []]

    return sources_html(data, lang, service.meta, service.text, markers)


def catalogue_update(service: Service, seen, provinces, documents, with_admin: bool, force: bool = False,
                     picked: str | None = None) -> tuple:
    """(stamp, provinces, documents[, table, remove picker]) when the catalogue changed since
    ``seen`` (or ``force``), else skips. Selected values that no longer exist are dropped; the rest are kept —
    the remove picker's too (``picked``): this session's own upload changes the catalogue, and the tick that
    follows it must not empty a choice the admin made since (that would hide the confirm button under
    their click)."""
    now = service.catalogue_stamp()
    n = 4 if with_admin else 2
    if now == seen and not force:
        return (gr.skip(),) * (n + 1)
    docs = [(d.get("name") or d["doc_id"], d["doc_id"]) for d in service.documents()]
    provs = service.provinces()
    out = [now, gr.update(choices=provs, value=[p for p in provinces or [] if p in provs]),
           gr.update(choices=docs, value=[d for d in documents or [] if d in {i for _, i in docs}])]
    if with_admin:
        choices = ui_admin._remove_choices(service)
        out += [ui_admin.table(service),
                gr.update(choices=choices, value=picked if picked in {i for _, i in choices} else None)]
    return tuple(out)


def record_like(service: Service, past, index, liked) -> int | None:
    """Store a thumbs up/down on the answer at chat ``index``; None if there is nothing to store."""
    hit = next((p for p in reversed(past or []) if p["index"] == index), None)
    if hit is None or liked in (None, ""):
        return None
    a = hit["answer"]
    cites = [f"{c['document']} — {c['locator']}" for c in a.get("citations", [])]
    rating = 1 if liked is True or liked == "Like" else -1
    return service.feedback.add(rating, a["question"], a["answer"], cites)
