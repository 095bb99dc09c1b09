"""What a Vietnamese official document says about itself: kind, number, date, issuer, signer.

Read from the text only, never from a file name. Two layouts are handled:

* text extracted from a PDF that starts straight at the kind heading, with the
  number and date only in the appendix caption (the shipped plans):
      " KẾ HOẠCH\\nTriển khai thực hiện Nghị quyết số 68/NQ-CP …\\n…
       (kèm theo Kế hoạch số  422 /KH-UBND ngày 15/ 4 /2025 của Ủy ban nhân dân tỉnh An Giang)"
      → kind "Kế hoạch", number "422/KH-UBND", date "2025-04-15", province "An Giang"
* the official layout (Nghị định 30/2020/NĐ-CP), body and motto side by side:
      "BỘ Y TẾ        CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
       Số: 08/2025/TT-BYT        Hà Nội, ngày 07 tháng 3 năm 2025
       THÔNG TƯ
       Quy định …"
      → kind "Thông tư", number "08/2025/TT-BYT", date "2025-03-07", issuer "Bộ Y tế"
  and laws: "LUẬT DU LỊCH" → kind "Luật", title "Du lịch", issuer "Quốc hội".

A blank number ("số:      /KH-UBND") gives None; a date with only the year
printed ("ngày   tháng   năm 2024") gives "2024".
"""
from __future__ import annotations

import re
from collections import Counter

from ground.normalize import fold, lines_with_offsets
from ground.provinces import find_provinces

from ..model import DocMeta
from .in_force import in_force
from .issuer import MOTTO, body_case, body_name, header_issuer, symbol_issuer
from .refs import DATE_WORDS as _DATE_WORDS
from .refs import (
    NUMBER,  # noqa: F401 - re-exported: other readers import it from here
    implements,
)
from .refs import iso as _iso
from .refs import parse_date as _parse_date
from .signature import SEGMENT, signature

_KINDS = {
    "KẾ HOẠCH": "Kế hoạch", "QUYẾT ĐỊNH": "Quyết định", "NGHỊ QUYẾT": "Nghị quyết",
    "NGHỊ QUYẾT LIÊN TỊCH": "Nghị quyết liên tịch", "NGHỊ ĐỊNH": "Nghị định", "THÔNG TƯ": "Thông tư",
    "THÔNG TƯ LIÊN TỊCH": "Thông tư liên tịch", "CHỈ THỊ": "Chỉ thị", "CÔNG VĂN": "Công văn",
    "THÔNG BÁO": "Thông báo", "BÁO CÁO": "Báo cáo", "CHƯƠNG TRÌNH": "Chương trình",
    "CHƯƠNG TRÌNH HÀNH ĐỘNG": "Chương trình", "TỜ TRÌNH": "Tờ trình", "HƯỚNG DẪN": "Hướng dẫn",
    "ĐỀ ÁN": "Đề án", "QUY ĐỊNH": "Quy định", "QUY CHẾ": "Quy chế", "KẾT LUẬN": "Kết luận",
    "CHIẾN LƯỢC": "Chiến lược", "HIẾN PHÁP": "Hiến pháp", "LỆNH": "Lệnh",
    "CÔNG ĐIỆN": "Công điện", "VĂN BẢN HỢP NHẤT": "Văn bản hợp nhất", "PHƯƠNG ÁN": "Phương án",
}
_NAMED_KINDS = {"BỘ LUẬT": "Bộ luật", "LUẬT": "Luật", "PHÁP LỆNH": "Pháp lệnh"}  # "LUẬT DU LỊCH"
_DEFAULT_ISSUER = {"Luật": "Quốc hội", "Bộ luật": "Quốc hội", "Hiến pháp": "Quốc hội",
                   "Pháp lệnh": "Ủy ban Thường vụ Quốc hội", "Nghị định": "Chính phủ"}
# First part of a number's symbol → kind, for documents without a heading (Công văn, excerpts).
_SYMBOL_KIND = {"CĐ": "Công điện", "KH": "Kế hoạch", "QĐ": "Quyết định", "NQ": "Nghị quyết", "NĐ": "Nghị định", "TT": "Thông tư",
                "TTLT": "Thông tư liên tịch", "CT": "Chỉ thị", "TB": "Thông báo", "BC": "Báo cáo",
                "TTr": "Tờ trình", "CTr": "Chương trình", "HD": "Hướng dẫn", "KL": "Kết luận", "ĐA": "Đề án"}
_CITIES = {"Hà Nội", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Huế", "Thành phố Hồ Chí Minh"}
_HEADER_NO = re.compile(rf"(?m)(?:(?:^|(?<=\s\s))\s*(?:(?:Luật|Bộ luật|Pháp lệnh)\s+số|Số)(?:\s+hiệu)?\s*:?"
                        rf"|(?<=\s)(?:Luật số|Số)\s*:"
                        # OCR misreads the mark of "Số:" ("Sõ:", "Sô:"): with its colon at a column's start
                        rf"|(?:^|(?<=\s\s))S[ôõóỗòồ]\s*:)\s*(?:(?P<num>{NUMBER})|(?P<blank>[ .…_]*/\s*[A-ZĐ]))")
_SPACE_RUN = re.compile(r"\s{3,}")


def _squeezed(text: str) -> str:
    """Runs of 3+ blanks as one line break (when they hold one) or two spaces: what ``_HEADER_NO``
    tells apart is kept, and a saved web page's header of blanked lines (thousands of spaces) no
    longer costs the pattern's lookbehind-then-blanks a scan to the run's end from every blank."""
    return _SPACE_RUN.sub(lambda m: "\n" if "\n" in m.group() else "  ", text)


# The authority line a decision prints under its title ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH BẮC NINH"): not title.
_AUTHORITY = re.compile(r"^(?:CHỦ TỊCH|THỦ TƯỚNG|BỘ TRƯỞNG|ỦY BAN|UỶ BAN|HỘI ĐỒNG|CHÍNH PHỦ|QUỐC HỘI|"
                        r"TỔNG GIÁM ĐỐC|GIÁM ĐỐC|THỐNG ĐỐC|TỔNG KIỂM TOÁN|CHÁNH ÁN|VIỆN TRƯỞNG|BAN THƯỜNG VỤ)\b")
_SEPARATOR = re.compile(r"[-_=*.…–—~\s]{3,}")

_OPENER = re.compile(r"(?:Căn cứ|Thực hiện|Triển khai|Theo đề nghị|Xét đề nghị|Trên cơ sở|Kính gửi|Thi hành"
                     r"|Chương\s+[IVXLC\d]+\b|Phần\s|Điều\s+\d+|Mục\s+\d+|[IVXLC]+\.\s|\d+\.\s)")


_CAPTION = re.compile(r"\(\s*(?:[Bb]an hành\s+)?[Kk]èm theo\s+(?P<kind>[^\W\d_]+(?:\s+[^\W\d_]+){0,3}?)"
                      r"\s+số\s*:?(?P<body>[^()]{0,400}?)\)")


def extract_metadata(text: str) -> DocMeta:
    """Metadata of one document; fields the text does not state stay None (or [])."""
    lines = lines_with_offsets(text)
    annex = _annex_title(lines)
    if annex:  # an annex file: its caption names the document it belongs to; a heading below is content
        head_at, kind, named, header = None, None, annex, []
    else:
        head_at, kind, named = _find_heading(lines)
        header = lines[:head_at] if head_at is not None else _headless_header(lines)
    body_at = head_at + 1 if head_at is not None else None
    if head_at is not None and _beside(lines[head_at][1]):  # the heading beside the number and date:
        body_at += _date_tail(lines, body_at)                 # they are header, and the date may wrap on
        header = lines[:body_at]
    meta = DocMeta(kind=kind)
    meta.title = named or (_title(lines, body_at, column=body_at != head_at + 1 or _beside(lines[head_at][1]))
                           if body_at is not None else None)

    header_text = _squeezed("\n".join(t for _, t in header))
    m = _HEADER_NO.search(header_text)
    meta.number, meta.date, meta.issuer = m and _wrapped_number(m, header_text), _header_date(header), \
        header_issuer(header)
    vv = _subject([t for _, t in lines if t.strip()][:15]) if header else None
    if meta.kind is None and vv:  # a letter has no heading, only "V/v <subject>" under its number
        meta.kind, meta.title = "Công văn", vv

    cap = _caption(text, meta.kind)
    for key, value in (cap or {}).items():  # the header wins; the caption fills what it left blank
        setattr(meta, key, getattr(meta, key) or value)
    if meta.kind is None and meta.number:
        meta.kind = _SYMBOL_KIND.get(_symbol_head(meta.number))
    if meta.date is None and meta.kind in ("Luật", "Bộ luật", "Pháp lệnh"):
        m = re.search(r"thông qua\s+" + _DATE_WORDS.pattern, text)
        meta.date = _iso(*m.groups()[-3:]) if m else None
    if meta.date is None and meta.kind == "Nghị quyết":  # a Standing Committee resolution printed without its header
        closing = list(PASSED.finditer(text))  # date: its closing line says when it was passed
        meta.date = _iso(*closing[-1].groups()[-3:]) if closing else None

    sig = signature(lines)
    behalf = ""  # "ỦY BAN NHÂN DÂN" of "TM. ỦY BAN NHÂN DÂN": the body the signer signs for
    if sig:
        meta.signer, meta.signer_title, meta.signer_span, behalf = sig
    if meta.issuer is None:
        meta.issuer = _DEFAULT_ISSUER.get(meta.kind or "") or symbol_issuer(meta.number)
    meta.province = _province(text, meta.issuer, cap, header_text, behalf)
    if meta.issuer is None and meta.province and re.fullmatch(r"(?:ỦY|UỶ) BAN NHÂN DÂN|HỘI ĐỒNG NHÂN DÂN", behalf):
        level = "thành phố" if meta.province in _CITIES else "tỉnh"
        meta.issuer = f"{body_name(behalf)} {level} {meta.province.removeprefix('Thành phố ')}"
    meta.implements = implements(text, lines, head_at, meta.number)
    meta.effective, meta.replaces, meta.repeals = in_force(text, meta.number)
    return meta



_ANNEX_HEAD = re.compile(r"\s*(?:PHỤ LỤC|Phụ lục)(?:\s+(?:số\s+)?[IVXLC\d]+[a-z]?)?\s*[.:]?\s*$")


def _annex_title(lines) -> str | None:
    """ "Phụ lục I: Thể thức, kỹ thuật trình bày văn bản hành chính" for a file that opens with an annex
    heading and, within the next lines, its "(Kèm theo Nghị định số 30/2020/NĐ-CP …)" caption; else None."""
    filled = [t.strip() for _, t in lines if t.strip()][:10]
    if not filled or not _ANNEX_HEAD.fullmatch(filled[0]):
        return None
    for k, line in enumerate(filled[1:], 1):
        if re.match(r"\(\s*(?:[Bb]an hành\s+)?[Kk]èm theo\b", line):
            name = _join([ln for ln in filled[1:k] if not _SEPARATOR.fullmatch(ln)])
            return f"{filled[0].rstrip(' .:')}: {name}" if name else filled[0].rstrip(" .:")
    return None


_SYMBOL_REST = re.compile(r"-[ \t]*\n\s*([A-ZĐ][A-Za-zĐđ0-9]*(?:[/-][A-ZĐ][A-Za-zĐđ0-9]*)*)(?![\w/-])")


def _wrapped_number(m: re.Match, header_text: str) -> str | None:
    """The number "Số:" opens, with the rest of its symbol a narrow column wrapped at the hyphen:
    "Số: 25/2025/NĐ-" / "CP" → "25/2025/NĐ-CP"."""
    num = m.group("num")
    rest = _SYMBOL_REST.match(header_text, m.end()) if num else None
    return num + "-" + rest.group(1) if rest else num


def _headless_header(lines) -> list:
    """Without a kind heading, a header exists only if the motto, "Số:" or a place-date shows it."""
    first = [i for i, (_, t) in enumerate(lines) if t.strip()][:15]  # blank (and blanked) lines do not count
    marks = [i for i in first if MOTTO.search(lines[i][1]) or _HEADER_NO.search(_squeezed(lines[i][1]))
             or re.search(r",\s*ngày(?:\s|$)", lines[i][1])]  # "Hà Nội, ngày" / "01 tháng 12 …" wrapped
    if not marks:
        return []
    header = lines[:marks[-1] + 3]  # + the wrapped rest of a place-date line
    # … but not the recipients: "Kính gửi: Thuế tỉnh Ninh Bình" names whom a letter goes to, not its place
    end = next((k for k, (_, t) in enumerate(header) if k > marks[0] and _RECIPIENTS.match(t)), len(header))
    return header[:end]


_RECIPIENTS = re.compile(r"(?i)\s*(?:đồng\s+)?kính\s+gửi\b")


def _symbol_head(number: str) -> str:
    """The kind part of a number: "08/2025/TT-BYT" → "TT", "42-NQ/TW" → "NQ", "422/KH-UBND" → "KH"."""
    symbol = number.split("-", 1)[1] if re.match(r"\d+-", number) else re.sub(r"^[\d/]+", "", number)
    return re.split(r"[-/]", symbol)[0]


_NUMBER_OR_DATE = re.compile(r"(?:^|\s)Số\s*:|,\s*ngày\s")


def _beside(line: str) -> bool:
    """The kind heading printed as the last column of the number-and-date line ("Số: 228/CĐ-TTg    Hà Nội,
    ngày 25 tháng 11 năm 2025    CÔNG ĐIỆN"): a letterhead table of three cells, the heading in the third."""
    segments = _SPACE_RUN.split(line.strip()) if "    " in line else []
    return len(segments) > 1 and segments[-1].strip("# ") in _KINDS and bool(_NUMBER_OR_DATE.search(line))


def _date_tail(lines, start: int) -> int:
    """How many lines from ``start`` go on with a place-date a narrow column wrapped ("Hà Nội, ngày 25" /
    "tháng 11 năm 2025"): beside a heading they are header, not the title under it."""
    n = 0
    for _, line in lines[start:start + DATE_WRAP_LINES]:
        if not re.fullmatch(r"(?:[^\W\d_][^,]{0,30},\s*)?(?:(?:ngày|tháng|năm)\s*\d{0,4}\s*)+", " ".join(line.split())):
            break
        n += 1
    return n


def _find_heading(lines) -> tuple[int | None, str | None, str | None]:
    """(line index, kind, title printed in the heading) of the kind heading, within the first lines."""
    seen = 0
    header_seen = -9  # where the number or the place-date was last seen (in lines that count)
    for i, (_, line) in enumerate(lines):
        s = " ".join(line.split()).lstrip("# ")  # "## QUYẾT ĐỊNH": a markdown heading's marks
        if not s:
            continue  # blank and blanked lines (site chrome) do not count towards the window
        seen += 1
        if seen > 80:
            break
        if _beside(line):
            return i, _KINDS[_SPACE_RUN.split(line.strip())[-1].strip("# ")], None
        if _NUMBER_OR_DATE.search(line):
            header_seen = seen
        if s != s.upper():
            continue
        if s in _KINDS:
            return i, _KINDS[s], None
        # a heading a saved page wrapped inside its bold ("**QUYẾT" / "ĐỊNH**"): the two lines are the kind
        k = next((k for k in range(i + 1, min(i + 3, len(lines))) if lines[k][1].strip()), None)
        if k is not None and f"{s} {' '.join(lines[k][1].split())}" in _KINDS:
            return k, _KINDS[f"{s} {' '.join(lines[k][1].split())}"], None
        # a file opening with its title line: "NGHỊ ĐỊNH VỀ CÔNG TÁC VĂN THƯ", then "Điều 1. …"; or the
        # heading run into its title in one paragraph right under the number and date ("QUYẾT ĐỊNH CÔNG BỐ …")
        if seen == 1 or seen - header_seen <= 2:
            word = next((w for w in sorted(_KINDS, key=len, reverse=True) if s.startswith(w + " ")), None)
            if word and re.search(r"[^\W\d_]{2}", s[len(word):]) and not s.endswith(":"):
                rest = [s[len(word):].strip()] + ([] if seen == 1 else _caps_lines(lines, i + 1))
                return i, _KINDS[word], _join(rest).capitalize() if seen == 1 else _join(rest)
        for word, kind in _NAMED_KINDS.items():
            if s == word or s.startswith(word + " "):
                name = s[len(word):].strip()
                if not name:  # "LUẬT" on its own line, the name on the next one
                    nxt = next((t.strip() for _, t in lines[i + 1:i + 4] if t.strip()), "")
                    name = nxt if nxt and nxt == nxt.upper() else ""
                return i, kind, name.capitalize() or None
    return None, None, None


def _caps_lines(lines, start: int) -> list[str]:
    """The capitals a title wrapped onto after its first line, up to the authority line or the body."""
    out = []
    for _, line in lines[start:start + 8]:
        s = " ".join(line.split())
        if not s or s != s.upper() or _AUTHORITY.match(s) or _OPENER.match(s) or _SEPARATOR.fullmatch(s):
            break
        out.append(s)
    return out


def _join(parts: list[str]) -> str:
    """Re-join wrapped lines: "42-" + "NQ/TW" → "42-NQ/TW", otherwise with one space."""
    out = ""
    for p in parts:
        out += p if re.search(r"\w[-/]$", out) else (" " + p if out else p)
    return " ".join(out.split())


def _title(lines, start: int, column: bool = False) -> str | None:
    """The trích yếu: lines after the heading up to a rule, an opening clause or a gap. With ``column`` (the
    heading is a letterhead's last column) the title is that column's: the last piece of a line with a gap."""
    parts: list[str] = []
    blanks = 0
    window = lines[start:start + 20]
    for k, (_, line) in enumerate(window):
        s = _SPACE_RUN.split(line.strip())[-1] if column else line.strip()
        # the authority line wrapped by a saved page: "BỘ" / "TRƯỞNG BỘ CÔNG THƯƠNG"
        nxt = next((" ".join(t.split()) for _, t in window[k + 1:k + 3] if t.strip()), "")
        if parts and len(s.split()) == 1 and _AUTHORITY.match(f"{s} {nxt}") and not _AUTHORITY.match(nxt):
            break
        if not s:
            blanks += 1
            if parts and blanks >= 2:
                break
            continue
        blanks = 0
        caps = s == s.upper() and re.search(r"[^\W\d_]{2}", s)
        if not parts and re.match(r"(?:Điều\s+\d|Chương\s+[IVXLC\d]+\b)", s):
            break  # "HIẾN PHÁP" then "Điều 1. …": the heading has no trích yếu under it
        # a line wrapped after "GIỮA" / "CỦA" / "VÀ" goes on ("… HÀNG KHÔNG GIỮA" / "CHÍNH PHỦ CÁC QUỐC GIA …")
        wrapped = bool(parts) and re.search(r"(?i)\b(?:giữa|của|và|với|về|cho|tại|trên|đối với)$", parts[-1])
        if _SEPARATOR.fullmatch(s) or parts and (_OPENER.match(s.lstrip("*_ ")) or caps and not parts[0].isupper()
                                                  or _AUTHORITY.match(s) and not wrapped):
            break
        parts.append(s)
        if sum(map(len, parts)) > 800:
            break
    return _join(parts) or None


_SUBJECT_END = re.compile(r"(?i)\s*(?:đồng\s+)?kính\s+gửi|\s*số\s*:|\s*[-_]{3,}")


def _subject(lines: list[str]) -> str | None:
    """The letter's "V/v <subject>". Beside the place-date (a PDF's letterhead, read as columns) it is
    the left column only, wrapped over the next lines' left column: "V/v nâng cao hiệu quả công    Hà Nội,
    ngày 25 …" / "tác chống buôn lậu, gian lận    2025" / "thương mại và hàng giả" → "V/v nâng cao hiệu
    quả công tác chống buôn lậu, gian lận thương mại và hàng giả"."""
    k = next((i for i, t in enumerate(lines) if re.match(r"\s*V/v\b", t)), None)
    if k is None:
        return None
    first = _SPACE_RUN.split(lines[k].strip())
    if len(first) == 1:  # alone on its line, it may wrap onto lines of its own: "… phải nộp bổ" / "sung."
        rest = [t.strip() for t in lines[k + 1:k + 1 + SUBJECT_WRAP_LINES]]
        more = next((n for n, t in enumerate(rest) if not t[:1].islower() or _SPACE_RUN.search(t)), len(rest))
        return " ".join(" ".join([lines[k], *rest[:more]]).split())
    parts = [first[0]]
    for t in lines[k + 1:k + 1 + SUBJECT_WRAP_LINES]:
        left = _SPACE_RUN.split(t.strip())[0]
        if t[:1].isspace() or _SUBJECT_END.match(left) or left.isupper():
            break  # the right column alone, "Kính gửi:", a heading: the subject has ended
        parts.append(left)
    return " ".join(" ".join(parts).split())


SUBJECT_WRAP_LINES = 4  # a subject wraps over a narrow column for a few lines, no more


def _header_date(header) -> str | None:
    """The place-date line: "Hà Nội, ngày 07 tháng 3 năm 2025" (a comma before "ngày"), also
    wrapped over two lines as saved web pages print it ("Cần Thơ, ngày 18\ntháng 11 năm 2025")."""
    for k, (_, line) in enumerate(header):
        m = re.search(r",\s*(ngày.*)$", line) or re.search(r"(?:^|\s)(ngày\s*\d{1,2}\b.*)$", line)
        if not m:
            continue
        if d := _unmarked_date(m.group(1)):
            return d
        nxt = next((t for _, t in header[k + 1:k + 3] if t.strip()), "")
        # beside the letterhead's left column the date goes on in the next line's right column:
        # "Số: 3257/TNI-QLDN1    Tây Ninh, ngày 01 tháng 12" / "V/v thuế suất thuế GTGT    năm 2025"
        for rest in dict.fromkeys([nxt, _SPACE_RUN.split(nxt.strip())[-1]]):
            if d := _unmarked_date(m.group(1) + " " + rest):
                return d
        # or over several lines of a narrow column, the day printed apart (in bold):
        # "Hà Nội, ngày" / "21" / "tháng 11 năm" / "2025"
        rest = m.group(1)
        for _, t in [x for x in header[k + 1:] if x[1].strip()][:DATE_WRAP_LINES]:
            rest += " " + _SPACE_RUN.split(t.strip())[-1]
            if d := _unmarked_date(rest):
                return d
    return None


# "Nghị quyết này được Ủy ban Thường vụ Quốc hội … thông qua ngày 16 tháng 6 năm 2025." (the answering side cites it)
PASSED = re.compile(r"(?:Nghị quyết|Luật|Bộ luật|Pháp lệnh) này (?:đã )?được[^.]{0,200}?thông qua\s+" + _DATE_WORDS.pattern)
_SPLIT_YEAR = re.compile(r"(năm\s*)(\d{1,3})\s+(\d{1,3})(?!\d)")


def _unmarked_date(text: str) -> str | None:
    """A date printed with a page's bold marks inside it ("ngày **24** tháng 11 năm" / "202**5*", read as
    "năm 202  5"): the year's digits joined again where they make four."""
    text = _SPLIT_YEAR.sub(lambda m: m.group(1) + m.group(2) + m.group(3) if len(m.group(2) + m.group(3)) == 4
                           else m.group(0), text.replace("*", ""))
    return _parse_date(text)


DATE_WRAP_LINES = 4  # the day, the month, the year and one more: a narrow column wraps the line no further


def _caption(text: str, kind: str | None) -> dict | None:
    """The appendix caption "(kèm theo Kế hoạch số 422 /KH-UBND ngày 15/ 4 /2025 của …)" of this kind."""
    for m in _CAPTION.finditer(text):
        cap_kind = next((k for k in _KINDS.values() if k.lower() == m.group("kind").lower()), None)
        if not cap_kind or kind and cap_kind != kind:
            continue
        body = " ".join(m.group("body").split())
        num = re.match(r"(\d+)?\s*((?:/\s*\d{4}\s*)?/\s*[A-ZĐ][\w\-/]*)", body)
        number = (num.group(1) + re.sub(r"\s", "", num.group(2))) if num and num.group(1) else None
        issuer = re.search(r"(?<!\w)của\s+(.+)$", body)
        return {"kind": cap_kind, "number": number, "date": _parse_date(body),
                "issuer": body_case(issuer.group(1)) if issuer else None}
    return None


def _province(text, issuer, cap, header_text, behalf) -> str | None:
    for source in (issuer or "", (cap or {}).get("issuer") or "", header_text):
        # The right column is not the issuer: the motto's "CỘNG HÒA …" is no place, and the
        # place in "Hà Nội, ngày …" is where a ministry sits, not a province the text is about.
        found = find_provinces("\n".join(seg for line in source.split("\n") for seg in SEGMENT.findall(line)
                                         if not MOTTO.search(seg) and ", ngày" not in seg
                                         and not re.search(r"\bngày\s*\d", seg)))
        if found:
            return found[0]
    # The issuer's own line names its place, so there a wrong tone mark does not hide it: OCR reads a
    # letterhead's "THÀNH PHỐ HỒ CHÍ MINH" as "HỐ CHÍ MINH", "TÂY NINH" as "TÂY NÍNH" (bench.format_questions'
    # scans). Folded, the line still matches the name, and nothing but a place can match there.
    for source in (issuer or "", (cap or {}).get("issuer") or ""):
        found = find_provinces(fold(source))
        if found:
            return found[0]
    local = re.search(r"NHÂN DÂN|TỈNH ỦY|THÀNH ỦY", behalf) or re.search(r"tỉnh|thành phố", issuer or "")
    if not local:
        return None
    # A provincial plan names its province all along ("trên địa bàn tỉnh Kon Tum"): take the commonest.
    counts = Counter()
    for m in re.finditer(r"(?:tỉnh|TỈNH|thành phố|Thành phố|THÀNH PHỐ)\s+((?:\S+\s+){0,3}\S+)", text):
        found = find_provinces(m.group(1))
        if found:
            counts[found[0]] += 1
    return counts.most_common(1)[0][0] if counts else None
