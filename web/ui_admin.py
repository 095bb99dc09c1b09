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

from assistant.errors import AssistantError

from .i18n import t
from .render import format_date
from .service import Service

log = logging.getLogger("web")

FILE_TYPES = [".txt", ".pdf", ".docx", ".md"]
COLUMN_KEYS = ["col_kind", "col_number", "col_date", "col_province", "col_chunks", "col_rows", "col_name", "col_id"]


def table(service: Service) -> list[list]:
    rows = []
    for d in service.documents():
        rows.append([d.get("kind") or "", d.get("number") or "", format_date(d.get("date")), d.get("province") or "",
                     d.get("chunks", 0), d.get("rows", 0), d.get("name") or "", d.get("doc_id")])
    return rows


def ingest_summary(res: dict, lang: str) -> str:
    """Markdown report of one ingest; names and messages come from files, so they are escaped."""
    esc = lambda s: html.escape(str(s), quote=False)  # noqa: E731
    en = lang == "en"
    lines = [f"**{'Documents' if en else 'Văn bản'}: {res.get('documents', 0)}** · "
             f"{'chunks' if en else 'đoạn'}: {res.get('chunks', 0)} · {'rows' if en else 'dòng'}: {res.get('rows', 0)}"]
    labels = {"added": ("added", "đã thêm"), "replaced": ("replaced", "đã thay"), "unchanged": ("unchanged", "không đổi")}
    if res.get("vectors_pending"):  # stage 2 runs behind: the documents already answer
        n = res["vectors_pending"]
        lines.append(f"{n} {'chunks get their vectors in the background; the documents answer already' if en else 'đoạn đang được tạo vector ở nền; văn bản đã tra cứu được'}")
    for key, (l_en, l_vi) in labels.items():
        for name in res.get(key) or []:
            lines.append(f"- {l_en if en else l_vi}: {esc(name)}")
    for name, warns in (res.get("warnings_by_document") or {}).items():
        for w in warns:
            lines.append(f"- ⚠️ {esc(name)}: {esc(w)}")
    for f in res.get("failed") or []:
        lines.append(f"- ❌ {esc(Path(str(f.get('path', ''))).name)}: {esc(f.get('message', ''))}")
    return "\n".join(lines)


@dataclass
class AdminTab:
    tab: gr.Tab
    outputs: list = field(default_factory=list)
    labels: list = field(default_factory=list)  # (kind, key) per output, for relabel

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
        refresh = gr.Button(t(lang, "refresh"), size="sm")
        with gr.Accordion(t(lang, "admin"), open=False) as admin_box:
            token = gr.Textbox(label=t(lang, "admin_token"), type="password", elem_id="admin-token")
            files = gr.File(label=t(lang, "upload"), file_count="multiple", file_types=FILE_TYPES, type="filepath",
                            elem_id="upload")
            ingest = gr.Button(t(lang, "ingest"), variant="primary", elem_id="ingest")
            pick = gr.Dropdown(_remove_choices(service), label=t(lang, "remove_pick"), elem_id="remove-pick")
            remove = gr.Button(t(lang, "remove"), variant="stop", elem_id="remove")
            export = gr.Button(t(lang, "export"), elem_id="export")
            exported = gr.File(label="CSV", interactive=False, visible=False)
            status = gr.Markdown("", elem_id="admin-status")

    after = [docs, pick, provinces, documents]
    refresh.click(lambda: refreshed(service), None, after, api_visibility="private")

    # Gradio injects progress trackers it finds as parameter defaults; hence the call in the signature.
    def do_ingest(paths, tok, lang, progress=gr.Progress(track_tqdm=True)):  # noqa: B008
        return ingest_files(service, paths, tok, lang, progress)

    ingest.click(do_ingest, [files, token, lang_radio], [status, *after], api_visibility="private",
                 concurrency_limit=1, concurrency_id="admin")
    remove.click(lambda d, tok, lang: remove_document(service, d, tok, lang), [pick, token, lang_radio],
                 [status, *after], api_visibility="private", concurrency_limit=1, concurrency_id="admin")
    export.click(lambda tok, lang: export_feedback(service, tok, lang), [token, lang_radio], [status, exported],
                 api_visibility="private")

    outputs = [tab, title, docs, refresh, admin_box, token, files, ingest, pick, remove, export]
    labels = [("label", "tab_docs"), ("md", "docs_list"), ("headers", ""), ("value", "refresh"),
              ("label", "admin"), ("label", "admin_token"), ("label", "upload"), ("value", "ingest"),
              ("label", "remove_pick"), ("value", "remove"), ("value", "export")]
    return AdminTab(tab, outputs, labels)


def _remove_choices(service: Service) -> list[tuple[str, str]]:
    return [(f"{d.get('name') or d['doc_id']} [{d['doc_id']}]", d["doc_id"]) for d in service.documents()]



# ---- actions: plain functions of the service, so tests can call them without a browser -------
def refreshed(service: Service) -> tuple:
    """New values for the table, the remove picker and the chat tab's two filters."""
    choices = [(d.get("name") or d["doc_id"], d["doc_id"]) for d in service.documents()]
    return (table(service), gr.update(choices=_remove_choices(service), value=None),
            gr.update(choices=service.provinces()), gr.update(choices=choices))


def ingest_files(service: Service, paths, token, lang, progress=None) -> tuple:
    if not service.is_admin(token):
        return (t(lang, "bad_token"), *[gr.skip()] * 4)
    if not paths:
        return (t(lang, "no_files"), *[gr.skip()] * 4)
    if progress is not None:
        progress(0, desc="…")
    try:
        res = service.ingest(list(paths))
    except AssistantError as err:
        return (f"⚠️ {html.escape(str(err), quote=False)}", *refreshed(service))
    except Exception:
        log.exception("ingest failed in the UI")
        return (f"⚠️ {t(lang, 'internal')}", *refreshed(service))
    return (ingest_summary(res, lang), *refreshed(service))


def remove_document(service: Service, doc_id, token, lang) -> tuple:
    if not service.is_admin(token):
        return (t(lang, "bad_token"), *[gr.skip()] * 4)
    if not doc_id:
        return (t(lang, "not_removed"), *[gr.skip()] * 4)
    ok = service.remove(doc_id)
    return (t(lang, "removed" if ok else "not_removed"), *refreshed(service))


def export_feedback(service: Service, token, lang) -> tuple:
    if not service.is_admin(token):
        return t(lang, "bad_token"), gr.update(visible=False, value=None)
    # Written under the temp dir, which Gradio may serve; a fresh file per export.
    path = Path(tempfile.mkdtemp(prefix="feedback-")) / f"feedback-{time.strftime('%Y%m%d-%H%M%S')}.csv"
    path.write_text(service.feedback.to_csv(), encoding="utf-8")
    return "", gr.update(visible=True, value=str(path))
