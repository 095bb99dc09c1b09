"""A document and what it issues: a decision, then the plan, regulation or annex it attaches.

Each part is chunked by its own headings, so the plan's "I. MỤC ĐÍCH" is not read as a
continuation of the decision's Điều 3, and the decision's signature block closes only the
decision. A part starts at a title line in capitals ("KẾ HOẠCH", "QUY ĐỊNH", "PHỤ LỤC II")
followed within a few lines by "(Ban hành kèm theo …)" / "(Kèm theo …)":

    QUYẾT ĐỊNH … Điều 1 … Điều 3 … Nơi nhận … KT. CHỦ TỊCH …     → part 0: "Quyết định"
    KẾ HOẠCH / Triển khai … / (Ban hành kèm theo Quyết định số …)  → part 1: "Kế hoạch"
    PHỤ LỤC I / DANH MỤC … / (Kèm theo Kế hoạch số …)             → part 2: "Phụ lục I"

A title under the last one ("DANH MỤC …" under "PHỤ LỤC I") is that part's own title line; "DANH MỤC" may go on in
capitals on its line ("DANH MỤC VÀ QUY TRÌNH NỘI" / "BỘ THỦ TỤC …"); "Phụ lục" alone on its line is "PHỤ LỤC".
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_TITLE = re.compile(
    r"(?m)^[ \t]*(KẾ HOẠCH|QUY ĐỊNH|QUY CHẾ|ĐỀ ÁN|CHƯƠNG TRÌNH|HƯỚNG DẪN|PHƯƠNG ÁN|ĐIỀU LỆ|"
    r"DANH MỤC|"
    # ("Phụ lục" alone on its line too, above "DANH MỤC BIỂU MẪU"; not "Phụ lục 9", a form's label inside a procedure)
    r"Phụ lục|PHỤ LỤC(?:[ \t]+[IVXLC\d]+[a-z]?(?:\.\d+)?)?|BIỂU(?:[ \t]+(?:MẪU|SỐ))?[^\n]{0,12}|MẪU[ \t]+SỐ[^\n]{0,12})"
    # "DANH MỤC VÀ QUY TRÌNH NỘI" / "BỘ THỦ TỤC …": a list's title going on in capitals on its first line
    r"(?P<rest>(?<=DANH MỤC)[ \t]+[^\W\d][^\n]*)?[ \t]*$")
TITLE_BLOCK = 200  # characters: a part's title lines, before its text
_ATTACHED = re.compile(r"(?i)\(?\s*(ban hành )?kèm theo\b")


@dataclass
class Part:
    title: str  # "Kế hoạch", "Phụ lục I"
    start: int
    end: int
    annex: bool  # a Phụ lục / Biểu / Mẫu


def split_parts(view: str, start: int = 0, end: int | None = None) -> list[Part]:
    """The parts of ``view[start:end]``; a document that attaches nothing is one part."""
    end = len(view) if end is None else end
    cuts: list[tuple[int, str]] = []
    for m in _TITLE.finditer(view, start, end):
        after = view[m.end():m.end() + 700]
        # (a title under the last one, "PHỤ LỤC I" / "DANH MỤC THỦ TỤC …", is that part's own title line)
        if not _ATTACHED.search(after) or m.start() - (cuts[-1][0] if cuts else start) < TITLE_BLOCK:
            continue
        rest = m.group("rest") or ""
        if rest != rest.upper():  # "DANH MỤC các dự án …" is a line of text, not a title
            continue
        cuts.append((m.start(), _name(m.group(1).strip())))
    parts: list[Part] = []
    pos, title = start, "Văn bản"
    for at, name in cuts:
        if view[pos:at].strip():
            parts.append(Part(title, pos, at, _is_annex(title)))
        pos, title = at, name
    parts.append(Part(title, pos, end, _is_annex(title)))
    return parts


def _name(caps: str) -> str:
    """ "PHỤ LỤC II" → "Phụ lục II", "KẾ HOẠCH" → "Kế hoạch" """
    words = caps.split()
    out = []
    for i, w in enumerate(words):
        if re.fullmatch(r"[IVXLC]+[a-z]?|\d+(\.\d+)?[a-z]?", w):
            out.append(w)
        else:
            out.append(w.capitalize() if i == 0 else w.lower())
    return " ".join(out)


def _is_annex(title: str) -> bool:
    return bool(re.match(r"(?i)phụ lục|biểu|mẫu|danh mục", title))
