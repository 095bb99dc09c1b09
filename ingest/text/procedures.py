r"""The fields of each administrative procedure a decision publishes, named by their procedure.

A decision announcing procedures ("NỘI DUNG CỤ THỂ CỦA TỪNG THỦ TỤC HÀNH CHÍNH") prints every procedure
in the national disclosure form: its title, then the same fields in the same order — *Trình tự thực
hiện*, *Cách thức thực hiện*, *Thành phần, số lượng hồ sơ*, *Thời hạn giải quyết*, *Đối tượng thực
hiện*, *Cơ quan thực hiện*, *Kết quả*, *Phí, lệ phí*, *Mẫu đơn*, *Yêu cầu, điều kiện*, *Căn cứ pháp
lý*. Pages print that form as headings, as lettered points or as a layout table; read by their own
structure, a field far below its title ("**Thời hạn giải quyết:** 30 ngày.") carries nothing of the
procedure it belongs to, and a question naming the procedure cannot tell its field from the next
procedure's. Here every field becomes one unit whose heading is its procedure's title:

>>> view = ("2. Thủ tục\nCho phép mua thuốc gây nghiện\nTrình tự thực hiện\nBước 1: nộp hồ sơ.\n"
...         "Thời hạn giải quyết: 30 ngày.\nPhí, lệ phí (nếu có): Không.\n")
>>> for f in procedure_fields(view):
...     print(f.title, "›", f.label, "›", view[f.start:f.end].split(":")[-1].strip())
2. Thủ tục Cho phép mua thuốc gây nghiện › Trình tự thực hiện › nộp hồ sơ.
2. Thủ tục Cho phép mua thuốc gây nghiện › Thời hạn giải quyết › 30 ngày.
2. Thủ tục Cho phép mua thuốc gây nghiện › Phí, lệ phí › Không.

The field names are the form's (Decree 63/2010/NĐ-CP, Circular 02/2017/TT-VPCP), not any document's.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# (the field's name in a citation, how pages write it); a label starts its line and ends at a colon or
# at the line's end, so "Cơ quan thuế xác định …" in a field's text is no label.
_FIELDS = [
    ("Trình tự thực hiện", r"trình tự(?:,? (?:và )?cách thức)? thực hiện"),
    ("Cách thức thực hiện", r"cách thức thực hiện"),
    ("Thành phần, số lượng hồ sơ", r"thành phần,? (?:và )?(?:số lượng )?hồ sơ|số lượng hồ sơ"),
    ("Thời hạn giải quyết", r"thời (?:hạn|gian) (?:giải quyết|thực hiện)"),
    ("Đối tượng thực hiện", r"đối tượng thực hiện"),
    ("Cơ quan thực hiện", r"cơ quan (?:thực hiện|giải quyết|tiếp nhận hồ sơ|có thẩm quyền|trực tiếp thực hiện|phối hợp)"),
    ("Kết quả thực hiện", r"kết quả (?:thực hiện|của thủ tục|giải quyết)"),
    ("Phí, lệ phí", r"phí\s*,?\s*/?\s*lệ phí|lệ phí|phí"),
    ("Mẫu đơn, tờ khai", r"(?:tên )?(?:các )?mẫu đơn\s*,?\s*/?\s*(?:mẫu )?tờ (?:kê )?khai"),
    ("Yêu cầu, điều kiện", r"yêu cầu\s*,?\s*(?:và )?điều kiện"),
    ("Căn cứ pháp lý", r"căn cứ pháp lý"),
    ("Địa điểm thực hiện", r"địa điểm thực hiện"),
]
_MARK = r"[ \t]*(?:[-–+•][ \t]*|[a-zđ]\)[ \t]*|\d{1,2}(?:\.\d{1,2})*\.?[ \t]*)?"
_STEPS = 0  # "Trình tự thực hiện": a form without its steps is some other list of headings
_REPEATED = {2, 5, 8}  # a form may list several papers, bodies or forms; any other field seen twice is the next form
_WRAP = r"[^\S\n]*\n?[^\S\n]*"  # words of a label may wrap onto the next line ("Thành phần, số lượng hồ\nsơ")
_TAIL = r"(?:_thực_hiện)?(?:_(?:của_)?(?:thủ_tục|tthc)(?:_hành_chính)?)?[^\S\n]*(?:\([^()]{0,80}\)[^\S\n]*)?".replace(
    "_", _WRAP)
_NAMED = [f"(?P<f{i}>{pattern})" for i, (_, pattern) in enumerate(_FIELDS)]
_LABEL = re.compile(r"(?im)^" + _MARK + "(" + "|".join(n.replace(" ", _WRAP) for n in _NAMED)
                    + ")" + _TAIL + r"(?::|[^\S\n]*$)")
# A procedure's title: a numbered line ("2. Thủ tục …", "5. Thuê nhà ở …", "Điều 9. Công bố …") or one naming
# the procedure; a label's own line ("1. Trình tự thực hiện:") is none.
_TITLE_LINE = re.compile(r"(?im)^[ \t]*(?:(?:điều[ \t]+)?\d{1,3}(?:\.\d{1,3})*[ \t]*[.)]|thủ tục\b|tên thủ tục)")
_TITLE_BACK = 700  # how far above its steps a title is looked for
MAX_FIELD = 1600  # a field longer than this is cut at line ends into units of its own


@dataclass
class ProcedureField:
    title: str  # "2. Thủ tục Cho phép mua thuốc gây nghiện, …" (the page's words, joined)
    label: str  # the form's field name: "Thời hạn giải quyết"
    start: int
    end: int


def procedure_fields(view: str, start: int = 0, end: int | None = None) -> list[ProcedureField]:
    """Every titled procedure's fields in ``view[start:end]``; none where the text prints no procedure form
    (a form holds its steps, "Trình tự thực hiện", and at least one further field)."""
    end = len(view) if end is None else end
    labels = [(_lstrip(view, m.start()), m.end(), _which(m)) for m in _LABEL.finditer(view, start, end)]
    label_lines = {view.rfind("\n", 0, a) + 1 for a, _, _ in labels}
    heads = []  # (first label, title start, title) of each procedure, in order
    for i in (i for i, lab in enumerate(labels) if lab[2] == _STEPS):
        first, (at, title) = i, _title(view, labels[i][0], labels[i - 1][1] if i else start, label_lines)
        # a field printed before the steps ("1. Thời gian thực hiện: …", "2. Trình tự thực hiện") is the
        # procedure's own when its title stands right above it
        while title is None and first > 0 and labels[first - 1][2] != _STEPS \
                and labels[first][0] - labels[first - 1][0] < _TITLE_BACK \
                and (not heads or heads[-1][0] < first - 1):
            first -= 1
            at, title = _title(view, labels[first][0], labels[first - 1][1] if first else start, label_lines)
        heads.append((first, at, title))
    out: list[ProcedureField] = []
    for n, (first, _, title) in enumerate(heads):
        last, limit = (heads[n + 1][0], heads[n + 1][1]) if n + 1 < len(heads) else (len(labels), end)
        fields = _one_form(labels[first:last])
        if title is None or len({f for _, _, f in fields}) < 2:
            continue
        for k, (a, _, f) in enumerate(fields):
            bounded = k + 1 < len(fields) or n + 1 < len(heads)  # the very last field runs on to nothing that ends it
            b = fields[k + 1][0] if k + 1 < len(fields) else limit
            for a2, b2 in _pieces(view, a, b) if bounded else _pieces(view, a, b)[:1]:
                out.append(ProcedureField(title, _FIELDS[f][0], a2, b2))
    return out


def _one_form(fields: list) -> list:
    """A form's fields up to one that repeats (the next form, whose steps went unread)."""
    seen: set[int] = set()
    for k, (_, _, f) in enumerate(fields):
        if f in seen and f not in _REPEATED:
            return fields[:k]
        seen.add(f)
    return fields


def _lstrip(view: str, at: int) -> int:
    while view[at] in " \t":
        at += 1
    return at


def _which(m: re.Match) -> int:
    return next(i for i in range(len(_FIELDS)) if m.group(f"f{i}") is not None)


def _title(view: str, at: int, floor: int, label_lines: set[int]) -> tuple[int, str | None]:
    """The title line nearest above a procedure's first field and the lines down to it, joined."""
    lo = max(floor, at - _TITLE_BACK)
    found = None
    for m in _TITLE_LINE.finditer(view, lo, at):
        if view.rfind("\n", 0, m.start()) + 1 not in label_lines:
            found = m
    if found is None:
        return at, None
    line_start = view.rfind("\n", 0, found.start()) + 1
    text = " ".join(view[line_start:at].split())
    text = re.sub(r"(?i)^tên thủ tục(?: hành chính)?\s*:?\s*", "", text)
    return line_start, (text[:300] if len(text) > 3 else None)


def _pieces(view: str, a: int, b: int) -> list[tuple[int, int]]:
    """A field's span in pieces of at most ``MAX_FIELD`` characters cut at line ends, blank space trimmed."""
    out = []
    while a < b:
        stop = b
        if b - a > MAX_FIELD:
            cut = view.rfind("\n", a + MAX_FIELD // 2, a + MAX_FIELD)
            stop = cut if cut > a else a + MAX_FIELD
        end = stop
        while end > a and view[end - 1].isspace():
            end -= 1
        if end > a:
            out.append((a, end))
        a = stop
        while a < b and view[a].isspace():
            a += 1
    return out
