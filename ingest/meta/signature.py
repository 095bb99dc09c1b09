"""The signature block: the signing title(s) and the signer's name, wherever the layout put them.

    "Nơi nhận: …  TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH / (Đã ký) / Nguyễn Văn An" (one a line)
        → ("Nguyễn Văn An", "KT. CHỦ TỊCH PHÓ CHỦ TỊCH", (start, end), "ỦY BAN NHÂN DÂN")
"""
from __future__ import annotations

import re

SEGMENT = re.compile(r"\S+(?: \S+)*")  # columns are set apart by two or more spaces
# a crawled page's table residue ends a cell with a pipe ("Nguyễn Hòa Bình |"): the pipe is no part of a name
_CELL_EDGE = re.compile(r"^(?:\|\s*)+|(?:\s*\|)+$")
_SIG_HEAD = re.compile(r"(?:TM|KT|TL|TUQ|Q|PP)\.\s*\S")
_SIG_TITLE = re.compile(
    r"(?:PHÓ |Q\. )?(?:CHỦ TỊCH|BỘ TRƯỞNG|THỨ TRƯỞNG|THỦ TƯỚNG|TỔNG GIÁM ĐỐC|GIÁM ĐỐC|CHÁNH VĂN PHÒNG"
    r"|TỔNG CỤC TRƯỞNG|CỤC TRƯỞNG|VỤ TRƯỞNG|TRƯỞNG BAN|BÍ THƯ|CHỦ NHIỆM|THỐNG ĐỐC|TỔNG KIỂM TOÁN"
    r"|CHÁNH ÁN|VIỆN TRƯỞNG|TRƯỞNG PHÒNG|CHÁNH THANH TRA|TỔNG THANH TRA|TỔNG THƯ KÝ|HIỆU TRƯỞNG"
    r"|CHI CỤC TRƯỞNG|TRƯỞNG)"  # "PHÓ TRƯỞNG THUẾ TỈNH": the head of a 2025 tax office, and any "TRƯỞNG …"
    r"(?: [^\W\d_]+)*")
# a military or police rank before a signer's name ("Thượng tướng Vũ Hải Sản" under "KT. BỘ TRƯỞNG / THỨ TRƯỞNG" of the
# Ministry of Defence): part of the signing line, not of the name
_RANK = re.compile(r"(?:Đại|Thượng|Trung|Thiếu)\s+(?:tướng|tá|úy|uý)\s+")
_SIG_SKIP = re.compile(r"[-+•]|Nơi nhận|\(?\s*(?:Đã ký|đã ký|Ký|ký)\b|\[", re.I)


def is_name(seg: str) -> bool:
    words = seg.split()
    return 2 <= len(words) <= 6 and all(w.isalpha() and w[0].isupper() and (w[1:] == "" or w[1:].islower())
                                        for w in words)


def signature(lines):
    """(signer, signer_title, span, body signed for) of the first title block followed by a name."""
    i = 0
    while i < len(lines):
        run = []
        while i < len(lines):
            pos, line = lines[i]
            seg = next((m for m in reversed(list(SEGMENT.finditer(line))) if _is_title(m.group(0))), None)
            if not seg:
                break
            run.append((pos + seg.start(), pos + seg.end(), seg.group(0), bool(line[:seg.start()].strip())))
            i += 1
        if not run:
            i += 1
            continue
        # a title block in the right column ("Nơi nhận: …    KT. CHỦ TỊCH"): the left column beside it
        # (the recipients, wrapped over lines) is no body text
        name = _name_after(lines, i, right=run[0][3])
        if name:
            if name[4]:
                a, b, text, right = run[-1]
                run[-1] = (a, b, " ".join([text, *name[4]]), right)
            run += [(0, 0, t, True) for t in name[3]]
            titles = [t for _, _, t, _ in run if not t.startswith("TM.")] or [run[-1][2]]
            behalf = next((t[3:].strip() for _, _, t, _ in run if t.startswith("TM.")), "")
            return name[2], " ".join(titles), (run[0][0], name[1]), behalf
    return _one_line(lines)


def _one_line(lines):
    """A signing block run into one line, as a flattened table cell prints it: "… (02b). | KT. THỦ TƯỚNG
    PHÓ THỦ TƯỚNG Nguyễn Hòa Bình |" → ("Nguyễn Hòa Bình", "KT. THỦ TƯỚNG PHÓ THỦ TƯỚNG", span, ""), also
    wrapped once by a PDF's narrow column ("… | KT. THỦ TƯỚNG PHÓ THỦ" / "TƯỚNG Nguyễn Hòa Bình |"). Only
    with its head mark ("KT.", "TM.", …): capitals and a name alone may be any heading over any name."""
    for k, (pos, line) in enumerate(lines):
        nxt = lines[k + 1] if k + 1 < len(lines) else (pos + len(line) + 1, "")
        for joined in (line, f"{line} {nxt[1]}"):
            found = _title_and_name(joined)
            if found:
                name, titles, behalf, (a, b) = found
                def at(x, pos=pos, line=line, nxt=nxt):  # an offset of ``joined`` → one of the text
                    return pos + x if x <= len(line) else nxt[0] + x - len(line) - 1
                return name, titles, (at(a), at(b)), behalf
    return None


def _title_and_name(line: str):
    """(name, titles, body signed for, (start, end)) of a column segment ending "KT. … TITLE Name"."""
    for m in SEGMENT.finditer(line):
        words = _CELL_EDGE.sub("", m.group(0)).split()
        k = len(words)
        while k and words[k - 1].isalpha() and words[k - 1][:1].isupper() and words[k - 1][1:].islower():
            k -= 1
        head = k
        while head and words[head - 1] == words[head - 1].upper():
            head -= 1
        name, title = " ".join(words[k:]), " ".join(words[head:k])
        start = next((h.start() for h in _SIG_HEAD.finditer(title)), None)
        if start is None or not is_name(name) or not _is_title(title[start:]):
            continue
        parts = re.split(r"\s(?=(?:TM|KT|TL|TUQ|Q|PP)\.)", title[start:])
        behalf = next((t[3:].strip() for t in parts if t.startswith("TM.")), "")
        titles = " ".join(t for t in parts if not t.startswith("TM.")) or parts[-1]
        first = line.find(parts[0], m.start())
        return name, titles, behalf, (first, line.rfind(name) + len(name))
    return None


def _is_title(seg: str) -> bool:
    return seg == seg.upper() and (_SIG_HEAD.match(seg) is not None or _SIG_TITLE.fullmatch(seg) is not None)


WRAPS = 2  # a title wraps over a narrow column for a line or two, no more
_WRAP = re.compile(r"[A-ZĐÀ-Ỹ][A-ZĐÀ-Ỹ,]*(?: [A-ZĐÀ-Ỹ][A-ZĐÀ-Ỹ,]*){0,5}")


def _title_wrap(seg: str) -> bool:
    """A line of capitals alone under a title: its wrapped end ("TỔNG KIỂM TOÁN NHÀ" / "NƯỚC")."""
    return seg == seg.upper() and _WRAP.fullmatch(seg) is not None


def _name_after(lines, i: int, right: bool = False):
    """The signer's name in the next lines, and title lines met before it ("PHÓ CHỦ NHIỆM" under a
    wrapped "KT. BỘ TRƯỞNG, CHỦ NHIỆM"); blank lines, "(Đã ký)" and "Nơi nhận" items are skipped, and
    with ``right`` the left column's lines."""
    more: list[str] = []
    lead: list[str] = []  # the wrapped end of the title line just above (``signature`` joins it there)
    wraps = 0
    surname = None  # "Trần" on a line of its own: a page wrapped "Trần / Chí Hùng"
    for k, (pos, line) in enumerate(lines[i:i + 15], start=i):
        for m in reversed(list(SEGMENT.finditer(line))):
            seg = _CELL_EDGE.sub("", m.group(0))
            start = pos + m.start() + m.group(0).find(seg)  # after a cell's pipe, if one opens it
            if surname and is_name(f"{surname[1]} {seg}"):
                return surname[0], start + len(seg), f"{surname[1]} {seg}", more, lead
            if is_name(seg):
                end = _wrapped_end(lines, k + 1, seg)
                if end:  # "Nguyễn Quỳnh" / "Thiện": a name wrapped before its last word
                    return start, end[0], f"{seg} {end[1]}", more, lead
                return start, start + len(seg), seg, more, lead
            rank = _RANK.match(seg)
            if rank and is_name(seg[rank.end():]):
                return start, start + len(seg), seg[rank.end():], more, lead
            if seg.isalpha() and seg[:1].isupper() and seg[1:].islower() and len(line.split()) == 1:
                surname = (pos + m.start(), seg)
                break
            if _is_title(seg):
                more.append(seg)
                break
            if _title_wrap(seg) and wraps < WRAPS:  # "KT. TRƯỞNG BAN BAN CHÍNH SÁCH," / "THUẾ QUỐC TẾ": the
                wraps += 1  # line above goes on ("TM. ỦY BAN" / "NHÂN DÂN" too: whom it is signed for)
                if more:
                    more[-1] += " " + seg
                else:
                    lead.append(seg)
                break
            if right and m.start() == 0:
                break  # the left column beside a right-column signature
            if not _SIG_SKIP.match(seg):
                return None  # body text again: this was not a signature
    return None


def _wrapped_end(lines, k: int, name: str):
    """(end offset, word) of a name's last word wrapped alone onto line ``k`` ("**Nguyễn Quỳnh" / "Thiện**"), where the
    name has two or three words and gains one; None otherwise."""
    if k >= len(lines) or not 2 <= len(name.split()) <= 3:
        return None
    pos, line = lines[k]
    word = _CELL_EDGE.sub("", line.strip())
    if not word or " " in word or not is_name(f"{name} {word}"):
        return None
    return pos + line.find(word) + len(word), word
