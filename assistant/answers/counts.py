"""How many entries a list table holds under one of its groups: counted, since nothing states it.

    q     "How many animal species are listed in group B (animals) of the invasive alien species
           list in Appendix II of Circular 69/2025/TT-BNNMT?"
    table Phụ lục II "DANH MỤC LOÀI NGOẠI LAI XÂM HẠI" (STT | Tên tiếng Việt | Tên khoa học):
          group "A Vi sinh vật" rows 1–3, group "B Động vật" rows 1–36, group "C Thực vật" …
      → 'In the table “DANH MỤC LOÀI NGOẠI LAI XÂM HẠI”, the group “Động vật” lists 36 entries
         (numbered 1–36).'   cited: row 36 "Xén tóc hại gỗ châu Á", row 1, the table header

Only where there is nothing to read instead: the question asks a count (``Asked("count")``), it names
the group in the group's own words ("animals" → "động vật"), and the table is a list of names —
no column holds an amount ("Số lượng", "Tổng số") that a row could answer with.
"""
from __future__ import annotations

import re
from dataclasses import replace

from ground.normalize import fold, syllables
from index.lexical import STOPWORDS
from ingest.model import TableRow

from .. import writing
from ..context import Context
from ..evidence import FOUND_ROW, flat_terms
from ..model import Answer
from ..passages import title_terms
from ..row_evidence import place_fit
from . import listed, row_matches

COUNT_CANDIDATES = 3  # the best rows found whose tables may be counted
NAMED_APART = 0.5  # share of a group's own words (those its siblings' names lack) a question must say to name it
_GROUP_MARK = re.compile(r"^\s*(?:[IVXLC]{1,6}|[A-ZĐ]|\d{1,3}(?:\.\d{1,3})*)[.)]?\s+")
_AMOUNT_HEAD = re.compile(r"(?i)số lượng|tổng số|\bsố\b|giá trị|mức|kinh phí|\((?!nếu có\))[^)]*\)")
# a column of identifiers ("Mã TTHC", "Mã số", "Số hiệu"): its "2.000913" is a code, not an amount a row could answer with
_CODE_HEAD = re.compile(r"(?i)\bmã\b|số hiệu|ký hiệu")


def group_words(group: str) -> set[str]:
    """ "B Động vật" → {"động", "vật"}: the group's name without its letter or number."""
    return {s for s in syllables(_GROUP_MARK.sub("", group)) if s not in STOPWORDS}


def named_groups(rows: list[TableRow], asked_words: set[str]) -> list[tuple[str, ...]]:
    """The groups of a table the question names — every word of a group's name asked, or enough of the words that set
    it apart from its siblings (``_named_apart``): one, or sibling groups named together ("tính cả cấp trung ương và cấp xã": groups "I THỦ TỤC HÀNH CHÍNH CẤP TRUNG ƯƠNG" and "II THỦ TỤC HÀNH
    CHÍNH CẤP XÃ"); none where the named ones are not one group or siblings."""
    groups = _groups_of(rows)
    named = [g for g in groups if group_words(g[-1])
             and (group_words(g[-1]) <= asked_words or _named_apart(g, groups, asked_words))]
    deepest = [g for g in named if not any(o != g and o[:len(g)] == g for o in named)]
    if len(deepest) > 1 and len({g[:-1] for g in deepest}) > 1:
        return []  # groups of different parents: no one set of rows is asked
    return deepest


def _own_words(group: tuple[str, ...], groups: list[tuple[str, ...]]) -> set[str]:
    """The words of a group's name that tell it from its sibling groups: "B Thủ tục hành chính thực hiện tại cấp xã"
    beside "A Thủ tục hành chính áp dụng chung" → {"thực", "hiện", "cấp", "xã"} (a question names the group by them:
    "nhóm thủ tục … thực hiện tại cấp xã"); all its words where it has no sibling, or they share every word."""
    words = group_words(group[-1])
    shared = [group_words(o[-1]) for o in _siblings(group, groups)]
    common = set.intersection(words, *shared) if shared else set()
    return (words - common) or words


def _siblings(group: tuple[str, ...], groups: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """The other groups under the same parent."""
    return [o for o in groups if o != group and len(o) == len(group) and o[:-1] == group[:-1]]


def _named_apart(group: tuple[str, ...], groups: list[tuple[str, ...]], asked: set[str]) -> bool:
    """The question says at least half of the words that tell the group from its siblings (``_own_words``), a
    larger share than of any sibling's: "commune-level" → {"cấp", "xã"} of "B Thủ tục hành chính thực hiện tại
    cấp xã" (own words "thực", "hiện", "cấp", "xã"), none of "A Thủ tục hành chính áp dụng chung"'s."""
    def share(g):
        own = _own_words(g, groups)
        return len(own & asked) / len(own)
    siblings = _siblings(group, groups)
    mine = share(group)
    return bool(siblings) and mine >= NAMED_APART and all(share(o) < mine for o in siblings)


def counted(row: TableRow, rows: list[TableRow], asked_words: set[str]) \
        -> tuple[list[tuple[str, ...]], list[TableRow]] | None:
    """The groups the question names and their rows, where the table lists names and states no amount."""
    table = [r for r in rows if r.table == row.table and r.doc_id == row.doc_id]
    if any(not _CODE_HEAD.search(c.header) and (_AMOUNT_HEAD.search(c.header) or re.fullmatch(r"[\d.,%\s]+", c.text))
           for r in table for c in r.cells):
        return None  # a figure in the table: the row's own cell answers, nothing is counted
    groups = named_groups(table, asked_words)
    members = [r for r in table if any(tuple(r.group[:len(g)]) == g for g in groups)]
    return (groups, members) if members else None


def _groups_of(rows: list[TableRow]) -> list[tuple[str, ...]]:
    return list(dict.fromkeys(tuple(r.group[:k + 1]) for r in rows for k in range(len(r.group))))


def _stated_of_group(doc, n: int, noun: str, words: set[str]):
    """A total of ``n`` the text states anywhere for the group named by ``words`` (its own words, ``_own_words``),
    naming what is counted: "- Danh mục thủ tục hành chính cấp xã: 07 TTHC." for group "B THỦ TỤC HÀNH CHÍNH CẤP XÃ"."""
    for listing in listed.listings(doc):
        if listing.total != n or not listing.total_span:
            continue
        said = doc.text[listing.total_span[0]:listing.total_span[1]]
        if words <= set(syllables(f"{listing.lead} {said}")) and listed.stated_names_noun(listing, said, noun):
            return listing
    return None


def count_text(groups: list[tuple[str, ...]], members: list[TableRow], caption: str, lang: str, stated: str = "") -> str:
    if len(groups) > 1:
        return _groups_text(groups, members, caption, lang)
    n = len(members)
    numbers = [m.number for m in members]
    numbered = numbers == [str(i) for i in range(1, n + 1)]
    name = _GROUP_MARK.sub("", groups[0][-1]).strip()
    caption = caption.strip(" *")  # "DANH MỤC … XÂM HẠI *": the star opened the italic line below it
    title = f" “{caption}”" if caption and not re.search(r"\d", caption) else ""
    if lang == "vi":
        tail = f" (văn bản ghi: “{stated}”)" if stated else f" (STT 1–{n})" if numbered else \
            " " + listed.counted_note(lang, "các dòng")
        return f"Theo bảng{title}, nhóm “{name}” có {n} mục{tail}, từ “{members[0].label}” đến “{members[-1].label}”."
    tail = f" (the document states: “{stated}”)" if stated else f" (numbered 1–{n})" if numbered else \
        " " + listed.counted_note(lang, "rows")
    return (f"In the table{title}, the group “{name}” lists {n} entries{tail}, from “{members[0].label}” "
            f"to “{members[-1].label}”.")


def _groups_text(groups: list[tuple[str, ...]], members: list[TableRow], caption: str, lang: str) -> str:
    """Sibling groups counted together: each group's count, then their sum."""
    caption = caption.strip(" *")
    title = f" “{caption}”" if caption and not re.search(r"\d", caption) else ""
    each = [(_GROUP_MARK.sub("", g[-1]).strip(), sum(tuple(m.group[:len(g)]) == g for m in members)) for g in groups]
    if lang == "vi":
        parts = "; ".join(f"nhóm “{name}”: {k} mục" for name, k in each)
        return f"Theo bảng{title}, tổng cộng {len(members)} mục — {parts} " + listed.counted_note(lang, "các dòng") + "."
    parts = "; ".join(f"group “{name}”: {k}" for name, k in each)
    return f"In the table{title}, {len(members)} entries in all — {parts} " + listed.counted_note(lang, "rows") + "."


def answer(ctx: Context) -> Answer | None:
    """The count answer from the table of one of the best rows found, or None where nothing is counted.

    The group is what the question is about, not any one row of it ("Kiến lửa đỏ" covers little of
    "how many animal species in group B"): the group's name with its table's caption must cover the
    question as a found row would (``FOUND_ROW``)."""
    q = ctx.q
    if any(s.row is not None and place_fit(q.places, s.row) > 0 and any(re.search(r"\d", c.text) for c in s.row.cells)
           for s in ctx.table[:COUNT_CANDIDATES]):
        return None  # the place asked has a row of figures ("Khánh Hòa còn bao nhiêu TTHC chưa tích hợp"): read, not counted
    qtoks = ctx.terms(keep_years=True)
    asked_words = set(flat_terms(qtoks))
    for best in ctx.table[:COUNT_CANDIDATES]:
        got = counted(best.row, best.doc.rows, asked_words)
        if got is None:
            continue
        groups, members = got
        if len(groups) > 1:  # a total the text states of them ("08 (tám) thủ tục …, trong đó: 02 … cấp tỉnh; 06 …")
            stated_list = listed.answer(ctx)
            if stated_list and stated_list[2]:
                return stated_list[1]
        caption = best.row.caption
        named = " ".join(dict.fromkeys(name for g in groups for name in g))
        if ctx.coverage(qtoks, f"{caption} {named}", title_terms(best.doc, frozenset(asked_words))) < FOUND_ROW:
            continue
        table = [r for r in best.doc.rows if r.table == best.row.table]
        lo = table[0].header_span[0] if table[0].header_span else table[0].start
        noun = listed.counted_noun(q.effective)
        stated = listed.stated_total(best.doc, len(members), noun, lo, table[-1].end)
        if stated is None and len(groups) == 1:  # the text may state the group's count ("- … cấp xã: 07 TTHC")
            stated = _stated_of_group(best.doc, len(members), noun, _own_words(groups[0], _groups_of(table)))
        said = listed.stated_words(best.doc, stated) if stated else ""
        by_row = {id(c.row): c for c in best.doc.chunks if c.row is not None}
        cites = [writing.cite(best.doc, by_row[id(r)]) for r in (members[-1], members[0]) if id(r) in by_row]
        if stated:
            cites.insert(0, listed.stated_citation(best.doc, stated))
        else:  # "B. LĨNH VỰC TRẺ EM (02 TTHC)" over the rows
            said, cites = row_matches.group_stating(best.doc, members, len(members), cites)
        if not said and len(groups) == 1 and cites:  # the group counted is cited by its own heading row
            cites[1:1] = writing.group_citations(best.doc, cites[0].locator, [groups[0][-1]], members[0].start)
        text = count_text(groups, members, caption.split(" › ")[-1], q.lang, said)
        if members[-1].header_span:
            cites += writing.header_citation(best.doc, cites[0].locator, members[-1].header_span)
        return writing.finish(q, text, True, cites, [], intent="row")
    # the rows of a table that match what is named, or a list or a stated total of the text: the one
    # that covers the question better
    rows, text_list = row_matches.answer(ctx), listed.answer(ctx)
    if rows and rows[2] == "condition":  # rows a condition on their cells picked ("Sở X chủ trì", "dưới 10 ngày")
        return rows[1]
    if rows and rows[2] == "numbered" and not (text_list and text_list[2]):
        return rows[1]  # a table the question names, numbered 1 … n: its own count, before a list counted in the text
    found = [got[:2] for got in (rows, text_list) if got]
    if not found:
        return None
    covered, got = max(found, key=lambda got: got[0])
    if listed.stated_elsewhere(ctx, covered):
        return None
    return _with_rows(ctx, got) if text_list and got is text_list[1] and text_list[2] else got


def _with_rows(ctx: Context, ans: Answer) -> Answer:
    """A total the text states on a table's group row, with the rows it counts: where exactly as many rows stand
    under that group as the figure it prints, the first and the last of them are named and cited ("VI Lĩnh vực đầu
    tư theo phương thức đối tác công tư (PPP) (06 TTHC)" over six procedures: "… — from “Thẩm định báo cáo …” to
    “…”"); before, the heading alone was quoted and the procedures counted were not to be seen."""
    stated = ans.citations[0]
    doc = ctx.search.docs.get(stated.doc_id)
    said = " ".join(fold(stated.text.replace("*", " ")).split())
    if doc is None or len(said) < MIN_GROUP_CHARS:
        return ans
    after = sorted((r for r in doc.rows if r.start >= stated.end), key=lambda r: r.start)
    if not after or not after[0].group or after[0].start - stated.end > HEADING_GAP:
        return ans  # no row right under the statement: it heads no group of a table
    members = []
    for r in after:
        if r.table != after[0].table or r.group != after[0].group:
            break
        members.append(r)
    n = len(members)
    if not re.search(rf"(?<![\d.,])0*{n}(?![\d]|[.,]\d)", said):
        return ans
    by_row = {id(c.row): c for c in doc.chunks if c.row is not None}
    cites = [writing.cite(doc, by_row[id(r)]) for r in (members[0], members[-1]) if id(r) in by_row]
    if len(cites) < (1 if n == 1 else 2):
        return ans
    first, last = members[0].label, members[-1].label
    if ctx.q.lang == "vi":
        rows = f" — {n} dòng của bảng, từ “{first}” đến “{last}”." if n > 1 else f" — dòng “{first}”."
    else:
        rows = f" — {n} rows of the table, from “{first}” to “{last}”." if n > 1 else f" — the row “{first}”."
    return replace(ans, text=ans.text.rstrip(".") + rows, citations=[*ans.citations, *cites[:2]])


MIN_GROUP_CHARS = 12  # characters: a stated group heading, not a bare "(06 TTHC)" any group might hold
HEADING_GAP = 40  # characters between the statement and the first row under it: the heading row's own cell marks
