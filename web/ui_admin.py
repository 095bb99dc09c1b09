"""Documents tab: what is indexed for everyone; upload → ingest, remove and feedback export
for whoever holds the admin token.

The token is typed into the tab and checked on every action rather than kept in a session:
there is nothing to log out of, and a shared screen never stays "logged in".
"""
from __future__ import annotations

import html
import logging
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import gradio as gr

from ground.errors import AssistantError
from ingest.pipeline import SUPPORTED

from .guards import outside_uploads
from .i18n import t
from .render import file_names_only, format_date
from .service import Service

log = logging.getLogger("web")

NOT_UPLOADED_VI = "chỉ nhận tệp tải lên bằng nút tải lên; không nạp: "
NOT_UPLOADED_EN = "only files uploaded with the upload button are accepted; not ingested: "
COLUMN_KEYS = ["col_kind", "col_number", "col_date", "col_province", "col_chunks", "col_rows", "col_name", "col_id"]


def table(service: Service) -> list[list]:
    rows = []
    for d in service.documents():
        rows.append([d.get("kind") or "", d.get("number") or "", format_date(d.get("date")), d.get("province") or "",
                     d.get("chunks", 0), d.get("rows", 0), d.get("name") or "", d.get("doc_id")])
    return rows


def error_headline(kind: str, lang: str) -> str:
    key = f"err_{kind}"
    if t(lang, key) != key:
        return t(lang, key)
    if any(w in kind for w in ("Limit", "Large", "Bomb", "TooMany")):
        return t(lang, "err_limit")
    return t(lang, "err_other")


def ingest_summary(res: dict, lang: str) -> str:
    """Markdown report of one ingest in the UI's language: totals, then one line per file.

    File names only, never the upload folder; names and messages come from files, so they
    are escaped. A failure is said in the UI's language (by its kind); the reader's own
    message, which is technical, follows as the detail.
    """
    esc = lambda s: html.escape(file_names_only(s), quote=False)  # noqa: E731
    head = [f"**{t(lang, 'ingest_docs')}: {res.get('documents', 0)}** · "
            f"{t(lang, 'ingest_chunks')}: {res.get('chunks', 0)} · {t(lang, 'ingest_rows')}: {res.get('rows', 0)}"]
    if res.get("vectors_pending"):  # stage 2 runs behind: the documents already answer
        head.append(f"{res['vectors_pending']} {t(lang, 'ingest_vectors_pending')}.")
    lines = []
    for key in ("added", "replaced", "unchanged"):
        for name in res.get(key) or []:
            lines.append(f"- {t(lang, 'ingest_' + key)}: {esc(name)}")
    for name, warns in (res.get("warnings_by_document") or {}).items():
        for w in warns:
            lines.append(f"- ⚠️ {esc(name)} — {t(lang, 'ingest_warning')}: {esc(w)}")
    for f in res.get("failed") or []:
        name = Path(str(f.get("path", ""))).name
        detail = file_names_only(f.get("message", ""))
        if detail.startswith(name + ": "):  # IngestError puts the path first; the line names it already
            detail = detail[len(name) + 2:]
        lines.append(f"- ❌ {esc(name)} — {t(lang, 'ingest_failed')}: {error_headline(str(f.get('error', '')), lang)}"
                     f" ({t(lang, 'ingest_detail')}: {esc(detail)})")
    # Paragraphs apart, a blank line between: single line breaks in Markdown run lines together.
    return "\n\n".join(head + (["\n".join(lines)] if lines else []))


# Said here rather than in i18n.py: a line built from the pass's figures, not a label.
VECTOR_WORDS = {
    "vi": ("Vector", "đã có", "đang chờ", "đang tạo ở nền", "lỗi, thử lại sau {s} giây", "lỗi"),
    "en": ("Vectors", "stored", "pending", "being made in the background", "failing, retrying in {s} s", "failing"),
}


UNIT_WORDS = {"vi": "văn bản chờ vector đơn vị (ô, câu)", "en": "documents whose units (cells, sentences) wait for vectors"}


def vectors_line(info: dict, lang: str) -> str:
    """The background vector pass as the Documents tab shows it: the same figures and error
    as /healthz (stored, pending, error), so a failing pass is never shown as fine."""
    v = info.get("vectors") or {}
    name, stored, pending, running, retry, failing = VECTOR_WORDS.get(lang, VECTOR_WORDS["vi"])
    line = f"{name}: {v.get('stored', '?')} {stored} · {v.get('pending', '?')} {pending}"
    if v.get("units_pending"):  # documents whose evidence units still wait (made after every chunk's)
        line += f" · {v['units_pending']} {UNIT_WORDS.get(lang, UNIT_WORDS['vi'])}"
    if v.get("error"):
        state = retry.format(s=v["retry_in_s"]) if v.get("retry_in_s") is not None else failing
        return f"{line} · ⚠️ {state}: {html.escape(file_names_only(v['error']), quote=False)}"
    if v.get("pending") and v.get("running"):
        line += f" · {running}"
    return line


@dataclass
class AdminTab:
    tab: gr.Tab
    outputs: list = field(default_factory=list)
    labels: list = field(default_factory=list)  # (kind, key) per output, for relabel
    lists: list = field(default_factory=list)  # the documents table and the remove picker

    def relabel(self, lang: str) -> list:
        out = []
        for kind, key in self.labels:
            if kind == "headers":
                out.append(gr.update(headers=[t(lang, k) for k in COLUMN_KEYS]))
            elif kind == "md":
                out.append(f"### {t(lang, key)}")
            else:
                out.append(gr.update(**{kind: t(lang, key)}))
        return out


def build(service: Service, lang: str, lang_radio: gr.Radio, provinces: gr.Dropdown,
          documents: gr.Dropdown) -> AdminTab:
    with gr.Tab(t(lang, "tab_docs"), id="docs") as tab:
        title = gr.Markdown(f"### {t(lang, 'docs_list')}")
        docs = gr.Dataframe(value=table(service), headers=[t(lang, k) for k in COLUMN_KEYS], interactive=False,
                            wrap=True, elem_id="docs-table")
        vectors = gr.Markdown(vectors_line(service.bot.info(), lang), elem_id="vectors-state")
        refresh = gr.Button(t(lang, "refresh"), size="sm", elem_id="docs-refresh")
        with gr.Accordion(t(lang, "admin"), open=False) as admin_box:
            token = gr.Textbox(label=t(lang, "admin_token"), type="password", elem_id="admin-token")
            # every format a reader takes (ingest.pipeline.SUPPORTED), named once
            files = gr.File(label=t(lang, "upload"), file_count="multiple", file_types=list(SUPPORTED), type="filepath",
                            elem_id="upload")
            ingest = gr.Button(t(lang, "ingest"), variant="primary", elem_id="ingest")
            # No default: a pre-selected plan is one click away from being deleted by mistake.
            pick = gr.Dropdown(_remove_choices(service), value=None, label=t(lang, "remove_pick"),
                               elem_id="remove-pick")
            remove = gr.Button(t(lang, "remove"), variant="stop", elem_id="remove")
            confirm = gr.Button(t(lang, "remove_confirm"), variant="stop", elem_id="remove-confirm", visible=False)
            export = gr.Button(t(lang, "export"), elem_id="export")
            exported = gr.File(label="CSV", interactive=False, visible=False)
            status = gr.Markdown("", elem_id="admin-status")
    pending = gr.State(None)  # the doc_id the confirmation is about


    after = [docs, pick, provinces, documents]
    refresh.click(lambda: refreshed(service), None, after, api_visibility="private")
    # the pass's state follows a refresh, an ingest, a removal and a change of language
    for event in (refresh.click, lang_radio.change, tab.select):
        event(lambda lang: vectors_line(service.bot.info(), lang), [lang_radio], [vectors], api_visibility="private")

    # Gradio injects progress trackers it finds as parameter defaults; hence the call in the signature.
    def do_ingest(paths, tok, lang, progress=gr.Progress(track_tqdm=True)):  # noqa: B008
        return ingest_files(service, paths, tok, lang, progress)

    ingest.click(do_ingest, [files, token, lang_radio], [status, *after], api_visibility="private",
                 concurrency_limit=1, concurrency_id="admin").then(
        lambda lang: vectors_line(service.bot.info(), lang), [lang_radio], [vectors], api_visibility="private")
    remove.click(lambda d, tok, lang: ask_to_remove(service, d, tok, lang), [pick, token, lang_radio],
                 [status, confirm, pending], api_visibility="private")
    pick.change(lambda: (gr.update(visible=False), None), None, [confirm, pending], api_visibility="private")
    confirm.click(lambda d, tok, lang: remove_document(service, d, tok, lang), [pending, token, lang_radio],
                  [status, *after, confirm, pending], api_visibility="private", concurrency_limit=1,
                  concurrency_id="admin")
    export.click(lambda tok, lang: export_feedback(service, tok, lang), [token, lang_radio], [status, exported],
                 api_visibility="private")

    outputs = [tab, title, docs, refresh, admin_box, token, files, ingest, pick, remove, confirm, export]
    labels = [("label", "tab_docs"), ("md", "docs_list"), ("headers", ""), ("value", "refresh"),
              ("label", "admin"), ("label", "admin_token"), ("label", "upload"), ("value", "ingest"),
              ("label", "remove_pick"), ("value", "remove"), ("value", "remove_confirm"), ("value", "export")]
    return AdminTab(tab, outputs, labels, lists=[docs, pick])


def _remove_choices(service: Service) -> list[tuple[str, str]]:
    return [(f"{d.get('name') or d['doc_id']} [{d['doc_id']}]", d["doc_id"]) for d in service.documents()]


def document_name(service: Service, doc_id: str) -> str:
    return next((d.get("name") or doc_id for d in service.documents() if d["doc_id"] == doc_id), doc_id)


# ---- actions: plain functions of the service, so tests can call them without a browser -------
def token_problem(service: Service, token, lang) -> str | None:
    """The message for a missing or a wrong token, None when it is right."""
    if not (token or "").strip():
        return t(lang, "no_token")
    return None if service.is_admin(token) else t(lang, "bad_token")


def refreshed(service: Service) -> tuple:
    """New values for the table, the remove picker and the chat tab's two filters."""
    choices = [(d.get("name") or d["doc_id"], d["doc_id"]) for d in service.documents()]
    return (table(service), gr.update(choices=_remove_choices(service), value=None),
            gr.update(choices=service.provinces()), gr.update(choices=choices))


def ingest_files(service: Service, paths, token, lang, progress=None) -> tuple:
    problem = token_problem(service, token, lang)
    if problem:
        return (problem, *[gr.skip()] * 4)
    if not paths:
        return (t(lang, "no_files"), *[gr.skip()] * 4)
    # Only what came through the upload route: a path a client names is never read from disk
    # (the guard refuses such a call at the door; this holds for any other way in as well).
    strays = [Path(str(p)).name for p in paths if outside_uploads(p)]
    if strays:
        said = (NOT_UPLOADED_EN if lang == "en" else NOT_UPLOADED_VI) + html.escape(", ".join(strays), quote=False)
        return (f"⚠️ {said}", *[gr.skip()] * 4)
    if progress is not None:
        progress(0, desc="…")
    try:
        res = service.ingest(list(paths))
    except AssistantError as err:
        return (f"⚠️ {html.escape(file_names_only(err), quote=False)}", *refreshed(service))
    except Exception:
        log.exception("ingest failed in the UI")
        return (f"⚠️ {t(lang, 'internal')}", *refreshed(service))
    return (ingest_summary(res, lang), *refreshed(service))


def ask_to_remove(service: Service, doc_id, token, lang) -> tuple:
    """First click: name the document and show the confirmation button; nothing is removed yet."""
    hidden = gr.update(visible=False)
    problem = token_problem(service, token, lang)
    if problem:
        return problem, hidden, None
    if not doc_id:
        return t(lang, "pick_first"), hidden, None
    name = html.escape(document_name(service, doc_id), quote=False)
    return t(lang, "confirm_remove").format(name=name), gr.update(visible=True), doc_id


def remove_document(service: Service, doc_id, token, lang) -> tuple:
    """The confirmed removal: (status, table, picker, provinces, documents, confirm button, pending)."""
    hidden = gr.update(visible=False)
    problem = token_problem(service, token, lang)
    if problem:
        return (problem, *[gr.skip()] * 4, hidden, None)
    if not doc_id:
        return (t(lang, "pick_first"), *[gr.skip()] * 4, hidden, None)
    name = html.escape(document_name(service, doc_id), quote=False)
    ok = service.remove(doc_id)
    message = t(lang, "removed_named").format(name=name) if ok else t(lang, "not_removed")
    return (message, *refreshed(service), hidden, None)


def export_feedback(service: Service, token, lang) -> tuple:
    problem = token_problem(service, token, lang)
    if problem:
        return problem, gr.update(visible=False, value=None)
    # Written under the temp dir, which Gradio serves only to a holder of the admin token.
    path = Path(tempfile.mkdtemp(prefix="feedback-")) / f"feedback-{time.strftime('%Y%m%d-%H%M%S')}.csv"
    service.feedback.write_csv(path)  # row by row, never the whole export in memory
    return "", gr.update(visible=True, value=str(path))
