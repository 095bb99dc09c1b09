"""Embedding: /embed (copy-paste snippets), /embed/demo (a sample intranet page with the
assistant inside it) and /embed/gradio.js (a stable loader for the <gradio-app> component).

Gradio's documented loader lives on a public CDN, which intranets often cannot reach; the
same bundle ships inside the gradio package and is served by the mounted UI under a hashed
name that changes with every release. /embed/gradio.js hides that name, so a snippet pasted
into an intranet page keeps working after an upgrade.
"""
from __future__ import annotations

import html
import re
from functools import lru_cache
from pathlib import Path

import gradio
from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, Response

router = APIRouter(tags=["embed"])

PAGE_CSS = """
body { font-family: system-ui, "Segoe UI", Roboto, Arial, sans-serif; margin: 0; color: #1f2937; background: #f4f6f9; }
main { max-width: 980px; margin: 0 auto; padding: 1.5em; }
pre { background: #0f172a; color: #e2e8f0; padding: 1em; border-radius: 8px; overflow-x: auto;
      font-family: Consolas, "DejaVu Sans Mono", "Noto Sans Mono", ui-monospace, monospace; }  /* with Vietnamese glyphs */
.snippet { position: relative; }
.snippet button { position: absolute; top: 0.5em; right: 0.5em; }
h1 { font-size: 1.6em; } h2 { font-size: 1.2em; margin-top: 1.6em; }
"""

DEMO_CSS = """
body { font-family: system-ui, "Segoe UI", Roboto, Arial, sans-serif; margin: 0; background: #eef2f7; color: #1f2937; }
header { background: #b91c1c; color: #fff; padding: 0.8em 1.5em; display: flex; align-items: center; gap: 1em; }
header .logo { font-weight: 700; font-size: 1.2em; }
nav { background: #7f1d1d; padding: 0.4em 1.5em; }
nav a { color: #fde68a; margin-right: 1.2em; text-decoration: none; }
.layout { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1.6fr); gap: 1.2em; padding: 1.2em 1.5em; }
.card { background: #fff; border-radius: 8px; padding: 1em 1.2em; box-shadow: 0 1px 3px rgba(0,0,0,.12); }
.card h2 { margin-top: 0; font-size: 1.1em; color: #7f1d1d; }
.assistant iframe { width: 100%; height: 900px; border: 0; }
footer { text-align: center; color: #6b7280; font-size: 0.85em; padding: 1em; }
@media (max-width: 900px) { .layout { grid-template-columns: 1fr; } }
"""

TEXT = {
    "vi": {
        "embed_title": "Nhúng trợ lý vào trang web nội bộ",
        "embed_intro": "Chép một trong các đoạn mã dưới đây vào trang của bạn. Trang nhúng phải nằm trong danh sách "
                       "ASSISTANT_ALLOWED_ORIGINS của máy chủ (CORS và CSP frame-ancestors), nếu không trình duyệt sẽ chặn.",
        "iframe": "1. Khung iframe (đơn giản nhất)",
        "component": "2. Thành phần web Gradio &lt;gradio-app&gt;",
        "api": "3. Gọi API (JSON hoặc tương thích OpenAI)",
        "demo": "Xem thử trên một trang nội bộ mẫu",
        "copy": "Chép",
        "portal": "Cổng thông tin nội bộ — UBND tỉnh (trang mẫu)",
        "news": "Thông báo nội bộ",
        "assistant": "Trợ lý tra cứu văn bản",
        "nav": ("Trang chủ", "Văn bản", "Lịch công tác", "Danh bạ"),
        "item1": "Lịch họp giao ban tuần: sáng thứ Hai, phòng họp số 2.",
        "item2": "Hạn gửi báo cáo sơ kết 6 tháng: ngày 15 hằng tháng cuối quý.",
        "item3": "Hỏi trợ lý bên cạnh để tra nghị định, thông tư, quyết định, công văn, kế hoạch…, "
                 "kèm trích dẫn điều khoản.",
        "footer": "Trang mẫu minh hoạ cách nhúng trợ lý; nội dung chỉ để thử.",
    },
    "en": {
        "embed_title": "Embed the assistant in an intranet page",
        "embed_intro": "Copy one of the snippets below into your page. The host page's origin must be listed in the "
                       "server's ASSISTANT_ALLOWED_ORIGINS (CORS and CSP frame-ancestors), or the browser will block it.",
        "iframe": "1. An iframe (simplest)",
        "component": "2. The Gradio web component &lt;gradio-app&gt;",
        "api": "3. The API (JSON, or OpenAI-compatible)",
        "demo": "Try it on a sample intranet page",
        "copy": "Copy",
        "portal": "Intranet portal — Provincial People's Committee (sample page)",
        "news": "Internal notices",
        "assistant": "Documents assistant",
        "nav": ("Home", "Documents", "Work calendar", "Directory"),
        "item1": "Weekly briefing: Monday morning, meeting room 2.",
        "item2": "Half-year reports are due on the 15th of the last month of the quarter.",
        "item3": "Ask the assistant alongside to look up decrees, circulars, decisions, official letters, plans…, "
                 "with clause citations.",
        "footer": "A sample page showing how the assistant embeds; the content is for trying it out.",
    },
}


def base_url(request: Request) -> str:
    """The public URL of this server, root path included (set behind a reverse proxy)."""
    return str(request.base_url).rstrip("/")


@lru_cache(maxsize=1)
def gradio_entry() -> tuple[str, str]:
    """The hashed names of the bundled frontend's entry script and stylesheet."""
    index = (Path(gradio.__file__).parent / "templates" / "frontend" / "index.html").read_text(encoding="utf-8")
    js = re.search(r'src="\./assets/(index-[^"]+\.js)"', index)
    css = re.search(r'href="\./assets/(index-[^"]+\.css)"', index)
    return (js.group(1) if js else ""), (css.group(1) if css else "")


def assets_dir() -> Path:
    return Path(gradio.__file__).parent / "templates" / "frontend" / "assets"


@router.get("/embed/assets/{name}", include_in_schema=False)
def embed_asset(name: str) -> FileResponse:
    """The frontend's files, for a <gradio-app> page under /embed/: the bundle preloads its
    stylesheet as "./assets/…" relative to the *host page*, so a page at /embed/demo asks for
    /embed/assets/index-….css. Served with the type its name says (text/css, text/javascript),
    which the browser checks before it applies a stylesheet."""
    folder = assets_dir()
    path = (folder / name).resolve()
    if path.parent != folder.resolve() or not path.is_file():  # one flat folder: no "..", no subpaths
        raise HTTPException(404, f"không có tệp này (no such asset): {name}")
    return FileResponse(path, headers={"Cache-Control": "public, max-age=86400"})


@router.get("/embed/gradio.js")
def gradio_loader() -> Response:
    js, css = gradio_entry()
    # Resolved against this script's own URL, so it works under any root path.
    code = 'const base = new URL("../assets/", import.meta.url);\n'
    if css:
        code += ('if (!document.querySelector("link[data-gradio-css]")) {\n'
                 '  const l = document.createElement("link"); l.rel = "stylesheet"; l.dataset.gradioCss = "1";\n'
                 f'  l.href = new URL({css!r}, base).href; document.head.appendChild(l);\n}}\n')
    code += f"import(new URL({js!r}, base).href);\n"
    return Response(code, media_type="text/javascript", headers={"Cache-Control": "no-cache"})


def snippets(base: str, lang: str) -> dict[str, str]:
    return {
        "iframe": (f'<iframe src="{base}/chat/?lang={lang}" title="{TEXT[_lang(lang)]["assistant"]}"\n'
                   f'        style="width:100%;height:760px;border:0" allow="clipboard-write"></iframe>'),
        "component": (f'<script type="module" src="{base}/embed/gradio.js"></script>\n'
                      f'<gradio-app src="{base}/chat/"></gradio-app>'),
        "api": (f"curl -s {base}/api/ask -H 'Content-Type: application/json' \\\n"
                f"  -H 'Authorization: Bearer $ASSISTANT_API_KEY' \\\n"
                f"  -d '{{\"question\": \"Mục tiêu nhà ở xã hội của Kon Tum đến năm 2030?\"}}'\n\n"
                f"# OpenAI-compatible (e.g. the openai Python package):\n"
                f"# OpenAI(base_url=\"{base}/v1\", api_key=\"$ASSISTANT_API_KEY\")\n"
                f"#   .chat.completions.create(model=\"vn-policy-assistant\", messages=[...], stream=True)"),
    }


def _lang(value: str | None) -> str:
    return value if value in TEXT else "vi"


@router.get("/embed", response_class=HTMLResponse)
def embed_page(request: Request, lang: str | None = Query(None)) -> HTMLResponse:
    lang = _lang(lang)
    tx, base = TEXT[lang], base_url(request)
    parts = [f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">',
             '<meta name="viewport" content="width=device-width, initial-scale=1">',
             f"<title>{tx['embed_title']}</title><style>{PAGE_CSS}</style></head><body><main>",
             f"<h1>{tx['embed_title']}</h1><p>{tx['embed_intro']}</p>",
             f'<p><a href="{html.escape(base)}/embed/demo?lang={lang}">{tx["demo"]} →</a> · '
             f'<a href="?lang={"en" if lang == "vi" else "vi"}">{"English" if lang == "vi" else "Tiếng Việt"}</a></p>']
    for key, code in snippets(base, lang).items():
        parts.append(f'<h2>{tx[key]}</h2><div class="snippet"><button type="button" data-copy>{tx["copy"]}</button>'
                     f"<pre><code>{html.escape(code)}</code></pre></div>")
    parts.append("<script>document.querySelectorAll('[data-copy]').forEach(b => b.addEventListener('click', () =>"
                 " navigator.clipboard.writeText(b.nextElementSibling.innerText)));</script></main></body></html>")
    return HTMLResponse("".join(parts))


@router.get("/embed/demo", response_class=HTMLResponse)
def embed_demo(request: Request, lang: str | None = Query(None), mode: str = Query("iframe")) -> HTMLResponse:
    lang = _lang(lang)
    tx, base = TEXT[lang], html.escape(base_url(request))
    if mode == "component":
        widget = (f'<script type="module" src="{base}/embed/gradio.js"></script>'
                  f'<gradio-app src="{base}/chat/?lang={lang}" id="assistant-app"></gradio-app>')
    else:
        widget = (f'<iframe id="assistant-frame" src="{base}/chat/?lang={lang}" '
                  f'title="{tx["assistant"]}" allow="clipboard-write"></iframe>')
    page = f"""<!doctype html><html lang="{lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{tx['portal']}</title><style>{DEMO_CSS}</style></head><body>
<header><span class="logo">★ {tx['portal']}</span></header>
<nav>{"".join(f'<a href="#">{item}</a>' for item in tx["nav"])}</nav>
<div class="layout">
  <section class="card"><h2>{tx['news']}</h2><ul><li>{tx['item1']}</li><li>{tx['item2']}</li>
  <li>{tx['item3']}</li></ul></section>
  <section class="card assistant"><h2>{tx['assistant']}</h2>{widget}</section>
</div>
<footer>{tx['footer']}</footer></body></html>"""
    return HTMLResponse(page)
