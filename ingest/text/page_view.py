"""A same-length reading view of a document: markup masked, table pipes and site chrome blanked.

Citations slice the document's own text, so nothing may be deleted from it. The later
stages (metadata, footnotes, headings) read ``view`` instead: a string of exactly the same
length in which what is not the document's wording is replaced by spaces, so every offset
found in the view is an offset into the text.

    text: "|\\n**I. MỤC ĐÍCH**\\n*Cần Thơ, ngày 18*\\n"
    view: " \\n  I. MỤC ĐÍCH  \\n Cần Thơ, ngày 18 \\n"

Masked: ``**`` runs and a single ``*`` that touches a word (italics), lone ``|`` lines of
saved web pages, Markdown ``#`` heading marks. A ``*`` between spaces stays (the Kon Tum
plan's "* Thực hiện:" lines; "b/a * 100%").

Site chrome (``chrome_spans``): what a legal-document website prints around the document —
its banner and the "Số hiệu / Loại văn bản / Người ký" box before the Quốc hiệu, and after
the document the "Văn bản liên quan" lists, notices and footer. The document begins with
the issuer cell beside "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"; it ends before the first
site marker that follows its last words.
"""
from __future__ import annotations

import re

_STARS = re.compile(r"(?m)\*{2,}|(?<=\S)\*|\*(?=\S)|\*(?=[ \t]*$)")
_PIPE_LINE = re.compile(r"(?m)^[ \t]*\|[ \t]*$")
_HASH = re.compile(r"(?m)^#{1,6}(?=\s|$)")
_QUOC_HIEU = re.compile(r"C[ỘO]NG\s+H[ÒOÀ]A\s+X[ÃA]\s+H[ỘO]I")  # the motto is printed in capitals; prose names the state in lower case
_SITE_BOX_END = re.compile(r"(?m)^\W*Tình trạng:\W*$")
# Markers a document never prints but legal-document sites do, after the document.
_TAIL = re.compile(
    r"(?im)^[ \t#*]*(văn bản này chưa cập nhật nội dung tiếng anh|văn bản liên quan\b|"
    r"nội dung sửa đổi, hướng dẫn\s*$|file được đính kèm theo văn bản|lược đồ\s*$|"
    r"bạn chưa đăng nhập|cảm ơn đã dùng|quý khách cần hỏi thêm thông tin|"
    r"mọi hành vi sao chép, đăng tải lại|tải văn bản gốc|văn bản gốc\s*$|"
    r"luật sư tư vấn|hỏi đáp pháp luật|bài viết liên quan|tin liên quan)")


def reading_view(text: str, chrome: list[tuple[int, int]] | None = None) -> str:
    """``text`` with markup, pipes and ``chrome`` spans turned into spaces (newlines kept)."""
    chars = list(text)
    for rx in (_STARS, _PIPE_LINE, _HASH):
        for m in rx.finditer(text):
            if rx is _STARS and m.group() == "*" and _bullet(text, m.start()):
                continue
            for i in range(m.start(), m.end()):
                if chars[i] != "\n":
                    chars[i] = " "
    for a, b in chrome or []:
        for i in range(a, b):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)


# markup a saved page prints inside a word: "ng**ày", "C**ỤC THUẾ", "n**ă**m", "202**5" (the bold run ends mid-word)
IN_WORD_MARK = re.compile(r"(?<=\w)\*+(?=\w)")
JOINER = "\x00"  # a mark inside a word, in ``marked_words``'s view: a string built from it drops them


def marked_words(text: str, view: str) -> str:
    """``view`` (same length) with the markup ``text`` prints inside a word set to ``JOINER`` instead of a blank:
    a search text cut from it and rid of them holds "ngày", not "ng" and "ày" ("ng**ày" of a saved page)."""
    gaps = list(IN_WORD_MARK.finditer(text))
    if not gaps:
        return view
    chars = list(view)
    for m in gaps:
        chars[m.start():m.end()] = JOINER * (m.end() - m.start())
    return "".join(chars)


def words_joined(marked: str) -> tuple[str, list[int]]:
    """``marked_words``'s view with its joiners dropped, and for each character of the result its offset in the
    view (one more at the end, for a span's end): metadata (a number, a date, a title are strings, not spans) reads
    the words whole.

        text "Hà Nội, ng**ày 01 tháng 12 n**ă**m 2025" → "Hà Nội, ngày 01 tháng 12 năm 2025"
    """
    if JOINER not in marked:
        return marked, list(range(len(marked) + 1))
    at = [i for i, c in enumerate(marked) if c != JOINER]
    return "".join(marked[i] for i in at), [*at, len(marked)]


def without_chrome(text: str, chrome: list[tuple[int, int]]) -> str:
    """``text`` with only the ``chrome`` spans turned into spaces (newlines kept): the pipes of the site's
    box then no longer run into the letterhead's, so the document's first table starts where it does."""
    if not chrome:
        return text
    chars = list(text)
    for a, b in chrome:
        for i in range(a, b):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)


def _bullet(text: str, at: int) -> bool:
    """A lone "*" opening a line with no closing "*" before the next blank line is a bullet
    ("*Thực hiện: Sở Y tế"), not italics ("*Cần Thơ, ngày 18\ntháng 11 năm 2025*")."""
    line_start = text.rfind("\n", 0, at) + 1
    if text[line_start:at].strip():
        return False
    stop = text.find("\n\n", at)
    stop = len(text) if stop < 0 else stop
    return re.search(r"(?<=\S)\*", text[at + 1:min(stop, at + 600)]) is None


def chrome_spans(text: str) -> list[tuple[int, int]]:
    """Spans of site chrome before and after the document (empty for a clean document)."""
    spans = []
    start = _body_start(text)
    if start > 0:
        spans.append((0, start))
    end = _body_end(text, start)
    if end < len(text):
        spans.append((end, len(text)))
    return spans


def _body_start(text: str) -> int:
    head = text[:20000]
    m = _QUOC_HIEU.search(head)
    if not m:
        box = _SITE_BOX_END.search(head)
        return _after_box(text, box.end()) if box else 0
    if m.start() < 400 and not _SITE_BOX_END.search(text[:m.start()]):
        return 0  # the document starts the file: nothing before the issuer's cell to drop
    pipes = [p.start() for p in _PIPE_LINE.finditer(text, max(0, m.start() - 600), m.start())]
    if len(pipes) >= 2:
        return pipes[-2]  # "|" issuer "|" CỘNG HÒA …
    # no table: the issuer's lines just before the Quốc hiệu (up to a blank line, at most 4 lines)
    pos = text.rfind("\n", 0, m.start())
    for _ in range(4):
        prev = text.rfind("\n", 0, max(pos, 0))
        line = text[prev + 1:pos]
        if pos <= 0 or not line.strip() or _SITE_BOX_END.search(line):
            break
        pos = prev
    return max(pos + 1, 0)


def _after_box(text: str, at: int) -> int:
    """After the site's metadata box: past its value line ("Đã biết") and the pipes."""
    m = re.compile(r"\n[ \t]*[^|\s][^\n]*\n").search(text, at)
    return m.end() if m else at


def _body_end(text: str, start: int) -> int:
    m = _TAIL.search(text, start + 200)
    if not m:
        return len(text)
    end = m.start()
    # The site repeats the document's title on the line above its first marker.
    prev = text.rfind("\n", 0, max(end - 1, 0))
    line = text[prev + 1:end].strip()
    if re.match(r"(?i)(quyết định|nghị quyết|nghị định|thông tư|kế hoạch|công văn|chỉ thị|thông báo|luật|"
                r"văn bản hợp nhất|công điện|hướng dẫn)\s+\S+", line) and len(line) < 400:
        end = prev + 1
    return end
