"""Whether a sentence states an asked part *as the answer*, for the sentence scorer (``sentence_choice``).

``wanted.held`` says whether a sentence holds a value of the asked kind anywhere. For an agency that
is too loose: most duty sentences name a body they report to, consult or act with, and that body is
not the one asked about. Here an agency counts where it acts — it opens the sentence or its
"Label: value" line, or stands as the subject of a clause — and not where it is the object of a
report, a request for comments or a cooperation ("báo cáo Phó Thủ tướng …", "lấy ý kiến góp ý của Sở
Quy hoạch - Kiến trúc", "phối hợp với Bộ Tài chính"). Where the question names the kind of body asked
("bộ nào", "which ministry", "sở nào", "which department"), an acting body of another kind ("Thủ
tướng Chính phủ yêu cầu …" for "bộ nào chủ trì …") does not state it either.

    acting_agency("Bộ Nội vụ theo chức năng, nhiệm vụ được giao chủ trì, phối hợp với Bộ Tài chính …")  → True
    acting_agency("báo cáo Phó Thủ tướng Chính phủ - Trưởng Ban Chỉ đạo 389 quốc gia trước ngày 30 …")  → False
    acting_agency("a) Cơ quan tổ chức lập quy hoạch: Ban Quản lý đường sắt đô thị Hà Nội;")              → True
    body_asked(analyse("… bộ nào chủ trì chỉ đạo giải quyết …?"))                                        → "Bộ"
"""
from __future__ import annotations

import re

from ground.normalize import fold

from .question.question import Question
from .question.wanted import Want, held, wants

# the word(s) just before a body that make it the object of the sentence, not its actor (folded) …
_OBJECT_BEFORE = re.compile(r"(?:\b(?:bao cao|gui|trinh|cua|voi|cho|den|tai|thuoc|theo|len|xin y kien|y kien)"
                            r"|\(|\bva)\s*$")
# … or earlier in its phrase, with only the title of another body between ("báo cáo Phó Thủ tướng Chính phủ -
# Trưởng Ban Chỉ đạo 389": the head of the Steering Committee is reported to as well)
_OBJECT_IN_PHRASE = re.compile(r"\b(?:bao cao|gui|trinh|cua|voi|xin y kien|y kien)\b")
# … but the body whose duties a heading lists is their actor: "Trách nhiệm của Sở Nông nghiệp và Môi trường"
_DUTIES_OF = re.compile(r"\b(?:trach nhiem|nhiem vu|quyen han|chuc nang)(?: va (?:trach nhiem|nhiem vu|quyen han))? cua\s*$")
PHRASE = 60  # characters before a body, back to the last punctuation, read for an object marker
_BODY = re.compile(r"\b(?:Phó\s+)?(?:Sở|Bộ|Cục|Tổng cục|Chi cục|Ban|Văn phòng|Trung tâm|Công an|Kho bạc|Ngân hàng|Thanh tra|"
                   r"Hội đồng|Phòng|Viện|Đài|Bảo hiểm xã hội|Bộ Chỉ huy|Ủy ban|UBND|Chủ tịch|Thủ tướng|Bộ trưởng|"
                   r"Giám đốc)\s+(?:[A-ZĐÀ-Ỹ]|nhân dân|các cấp)")
# the kind of body a question asks for by its question word (folded question → the body's first word)
_ASKED_BODY = ((re.compile(r"\b(bo nao|which ministry|what ministry|which minister|what minister)\b"), ("Bộ",)),
               (re.compile(r"\b(so nao|which (provincial )?department|what (provincial )?department)\b"), ("Sở",)))


def body_asked(q: Question) -> tuple[str, ...]:
    """The first words a body of the asked kind starts with ("Bộ", "Bộ trưởng"); () when any body answers."""
    f = fold(q.effective)
    return next((words for rx, words in _ASKED_BODY if rx.search(f)), ())


def acting_agency(text: str, kinds: tuple[str, ...] = ()) -> bool:
    """A body (of one of ``kinds``, when given) that acts in ``text``: the one an object marker does not
    precede ("báo cáo …", "của …", "phối hợp với …", "… và …" after another body)."""
    for m in _BODY.finditer(text):
        if kinds and not any(text.startswith(k, m.start()) for k in kinds):
            continue
        before = fold(text[max(0, m.start() - PHRASE):m.start()])
        phrase = re.split(r"[,;:.(]", before)[-1]
        if _DUTIES_OF.search(before) or not (_OBJECT_BEFORE.search(before) or _OBJECT_IN_PHRASE.search(phrase)):
            return True
    return False


def typed_wants(q: Question) -> list[Want]:
    """``wanted.wants``, an agency asked carrying the kind of body asked as its units (``body_asked``)."""
    kinds = body_asked(q)
    return [Want("agency", kinds) if w.kind == "agency" else w for w in wants(q)]


# a date's day and month: no level or amount, where a bare figure is asked ("Số: 229/CĐ-TTg Hà Nội, ngày 26
# tháng 11 năm 2025" states no growth rate)
_DATE_PARTS = re.compile(r"(?i)\bngày\s*\d{1,2}(?:\s*tháng\s*\d{1,2}(?:\s*năm\s*\d{4})?|\s*[/.-]\s*\d{1,2}(?:\s*[/.-]\s*\d{2,4})?)|"
                         r"\btháng\s*\d{1,2}(?:\s*(?:/|năm)\s*\d{4})?|\b\d{1,2}/\d{1,2}/\d{2,4}\b")


def states(w: Want, text: str) -> bool:
    """``wanted.held``, an agency only where it acts (and is of the asked kind of body, its units), a bare
    figure not in a date."""
    if w.kind == "agency":
        return held(w, text) and acting_agency(text, w.units)
    if w.kind == "count" and not w.units:
        return held(w, _DATE_PARTS.sub(" ", text))
    return held(w, text)
