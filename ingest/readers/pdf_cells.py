"""A PDF table cell's text, its lines joined as printed (used by ``ingest.readers.read_pdf``).

A PDF keeps each printed line, not the words: where a column is too narrow for a word, the word is cut
over two lines ("Bướ" / "c 1", "1.01342" / "1.H50"), and where a line broke at a space, most producers
print that space after the line's last character. The wrap is told from the character boxes
(pdfplumber): a printed space, whether the next line's first character would have had room, and what
the two pieces spell (one Vietnamese syllable, one code).
"""
from __future__ import annotations

import re
import unicodedata

CELL_PADDING = 5.5  # pt on each side: Word's and LibreOffice's default cell margins (0.19 cm)


def cell_text(page, chars: list[dict], box) -> str:
    """The text of the cell ``box``, its lines joined as printed: by a space where the line broke at a
    space, by nothing where a word, code or number was cut because it could not fit the column
    ("Bướ" / "c 4" → "Bước 4", "1.01342" / "1.H50" → "1.013421.H50", "ST" / "T" → "STT").
    "Tên" / "(viết tắt" and "2025" / "2030" keep their space (``_cut_at_wrap``)."""
    x0, top, x1, bottom = box
    if not any(x0 <= (c["x0"] + c["x1"]) / 2 <= x1 and top <= (c["top"] + c["bottom"]) / 2 <= bottom for c in chars):
        return ""
    cell = page.filter(lambda o: o.get("object_type") == "char" and x0 <= (o["x0"] + o["x1"]) / 2 <= x1
                       and top <= (o["top"] + o["bottom"]) / 2 <= bottom)
    lines = [ln for ln in cell.extract_text_lines(strip=True, return_chars=True) if ln["text"]]
    # a space that ends a full line may hang past the cell's right edge
    spaces = [c for c in chars if c["text"] == " " and x0 <= c["x0"] <= x1 + c["size"]
              and top <= (c["top"] + c["bottom"]) / 2 <= bottom]
    # the text's right edge: the cell's inner margin, as far in as the text sits from the left (≤ Word's
    # default: a centred line sits further in than the margin)
    pad = min([CELL_PADDING] + [ln["x0"] - x0 for ln in lines if ln["x0"] >= x0])
    ends = [_space_after(ln, spaces) for ln in lines]
    wraps = [s for s in spaces if any(_space_after(ln, [s]) for ln in lines)]  # spaces printed at a wrap
    cuts = [i > 0 and not ends[i - 1] and _cut_at_wrap(lines[i - 1], ln, x1 - pad, wraps) for i, ln in enumerate(lines)]
    for i in range(1, len(lines) - 1):
        # a lower-case piece cut from both sides goes with the side it makes a syllable with, the next
        # one first: "cá" / "nh" / "ân" → "cá nhân"; "du" / "ng" / "kiểm" → "dung kiểm"
        piece, after = lines[i]["text"], re.match(r"\w*", lines[i + 1]["text"]).group()
        before = re.search(r"\w*$", lines[i - 1]["text"]).group()
        if cuts[i] and cuts[i + 1] and piece.isalpha() and piece.islower() and after.isalpha() \
                and not _syllable(before + piece + after):  # "ki" / "ể" / "m" is one
            if _syllable(piece + after):
                cuts[i] = False
            elif _syllable(before + piece):
                cuts[i + 1] = False
    text = "".join(ln["text"] if cut else (" " if i else "") + ln["text"] for i, (ln, cut) in enumerate(zip(lines, cuts, strict=True)))
    return " ".join(text.split())


def _space_after(line: dict, spaces: list[dict]) -> bool:
    """Whether a space is printed after the line's last character (a wrap at a space, in most PDFs)."""
    height = max(line["bottom"] - line["top"], 1.0)
    return any(abs(s["top"] - line["top"]) < 0.3 * height and s["x0"] >= line["x1"] - 0.5 for s in spaces)


def _cut_at_wrap(prev: dict, line: dict, right: float, spaces: list[dict]) -> bool:
    """Whether ``line`` goes on with the word that ends ``prev`` (no space printed after it): the wrap
    fell inside a word because the word could not fit the column. Then not even the next line's first
    character would have fitted after ``prev`` (else the line ended by choice: a paragraph's end), and
    - a file that prints the space at each wrap (LibreOffice: ``spaces``, those printed) had room
      for one here, so none was there to print ("1.01342" / "1.H50", "nhậ" / "n");
    - or the pieces are one code or number ("09/12/" / "2022", "24/NĐ" / "-CP", "(1.004" / "228)");
    - or letters that make one Vietnamese syllable ("Bướ" / "c", "chuy" / "ển"; "hồ" / "sơ" keep their
      space), an acronym cut where a piece is no syllable ("HĐN" / "D", "CHÍN" / "H"; "ỦY" / "BAN" keep
      theirs), or one ASCII word cut into a stub ("ST" / "T", "ArrivalNumbe" / "r");
    - closing punctuation starting a line is never a word of its own ("định" / ", giải")."""
    size = prev["chars"][-1].get("size") or (prev["bottom"] - prev["top"])
    space = max((s["x1"] - s["x0"] for s in spaces), default=SPACE_WIDTH * size)  # as this file prints one
    first = line["chars"][0]
    room = right - prev["x1"]  # left after ``prev``
    if _GLUED.match(line["text"]):
        return room < 2 * size
    if room >= first["x1"] - first["x0"] + (0 if spaces else space):
        return False  # the next character had room: the line ended by choice
    tail, head = prev["text"].split()[-1], line["text"].split()[0]
    if _CODE.search(tail) and re.match(r"[\w(-]", head):
        # a sentence's end is not cut ("năm 2025." / "Điều"), nor a code from the word after it
        # ("44-TB/TGV" / "ngày"), unless a space had room to be printed
        return (not tail.endswith(".") or head[0].isdigit()) and (not head[0].islower() or spaces and room >= space)
    stub = " " not in prev["text"] and (prev["text"] + head).isascii() and (len(prev["text"]) <= 3 or len(head) <= 2)
    tail, head = re.search(r"\w*$", tail).group(), re.match(r"\w*", head).group()
    if not (tail.isalpha() and head.isalpha()):
        return stub  # "1" / "2.1" in a narrow column
    if spaces and room >= space:  # a space would have been printed
        return _syllable(tail + head) or not (_syllable(tail) and _syllable(head))
    return (_syllable(tail + head)
            or (tail + head).isupper() and not (_syllable(tail) and _syllable(head))
            or stub)


SPACE_WIDTH = 0.25  # of the font size: the narrowest space of common fonts (DejaVu 0.32, Times 0.25)
_SYLLABLE = re.compile(r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?[aeiouy]+(?:ch|ng|nh|[cmnpt])?")
_GLUED = re.compile(r"[,.;:!?)\]”%/]")  # closing punctuation: never the start of a word
_CODE = re.compile(r"\d.*[./-]|[./-]\d")  # "09/12/", "(1.004", "2025/N", "24/TT-": a number or code


def _syllable(word: str) -> bool:
    """Whether ``word`` spells one Vietnamese syllable: an initial consonant, one run of vowels, a final
    consonant, and one tone mark at most ("nguyễn", "bước"; not "hồsơ", "tgvngày", "nhàở")."""
    marks = unicodedata.normalize("NFD", word.lower())
    if sum(c in _TONES for c in marks) > 1:
        return False
    bare = "".join(c for c in marks if not unicodedata.combining(c))
    return _SYLLABLE.fullmatch(bare.replace("đ", "d")) is not None


_TONES = "\u0300\u0301\u0303\u0309\u0323"  # huyền, sắc, ngã, hỏi, nặng (not the circumflex, breve, horn)


def joined_over_break(before: str, after: str) -> str:
    """A cell's text cut by a page break, joined: by a space, except inside a number or code, which a
    narrow column cut where the page ended ("… ngày 12/6/202" + "5 của Chính phủ" → "12/6/2025 của")."""
    if re.search(r"\d[./-]\d+$", before) and after[:1].isdigit():
        return before + after
    return f"{before} {after}".strip()
