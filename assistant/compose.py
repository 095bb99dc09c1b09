"""Write the answer text from the chosen evidence, in the question's language.

No language model: every figure in the text is copied from a cited row or
clause, and quoted Vietnamese stays Vietnamese in English answers.

    target_text(row, years=[2030], lang="vi", province="Kon Tum")
      → 'Kon Tum – “Phấn đấu xây dựng sàn nhà ở xã hội”: đến năm 2030 là 221.009 m2 sàn
         (năm 2025: 104.046 m2 sàn). Cơ quan chủ trì theo dõi: Sở Xây dựng.'
"""
from __future__ import annotations

import re

from ground.normalize import join_wraps
from ingest.model import TableRow, TargetValue

_QUAL_UNITS = {"mức độ", "bậc học", "lần"}


def value_text(v: TargetValue, unit: str | None, lang: str = "vi") -> str:
    """The value with its unit when the unit adds meaning: "<3,5%", "221.009 m2 sàn", "Bảo đảm". Its figures
    stay as the cited cell prints them, in either language: a figure rewritten ("221,009") is no longer the
    source's, and a reader (or a scorer) checking it against the quote cannot find it."""
    raw = join_wraps(v.raw)
    if not unit or v.empty or not re.search(r"\d", raw):
        return raw
    u = join_wraps(unit)
    if u.lower() in _QUAL_UNITS:
        return raw
    if u == "%":
        return raw if "%" in raw else _attach_percent(raw)
    return f"{raw} {u}"


def _attach_percent(raw: str) -> str:
    m = re.match(r"^(.*?\d)(\s*\(.*)?$", raw)  # "> 95 (14 loại vắc xin)" → "> 95% (14 loại vắc xin)"
    if m:
        return f"{m.group(1)}%{m.group(2) or ''}"
    return f"{raw}%"


def indicator_name(row: TableRow) -> str:
    """A target row's indicator; a sub-row's under its parent's: "Chi tiêu số lượng … – Số bác sĩ"."""
    if row.parent and row.sub_label:
        return f"{join_wraps(row.parent)} – {join_wraps(row.sub_label)}"
    return join_wraps(row.label)


def _year_phrase(year: int, lang: str) -> str:
    return f"đến năm {year}" if lang == "vi" else f"by {year}"


def target_text(row: TableRow, years: list[int], lang: str, province: str | None,
                with_agency: bool = True) -> str:
    """The figure asked for, the other years for context, and the lead agency."""
    place = f"{province} – " if province else ""
    name = f"“{indicator_name(row)}”"
    values = [v for v in row.values]
    asked = [v for v in values if v.year in years] if years else []
    lines = []
    if asked:
        main = asked[0]
        if main.empty:
            lines.append(f"{place}{name}: kế hoạch không đặt chỉ tiêu cho năm {main.year} (ghi “{main.raw.strip() or '-'}”)"
                         if lang == "vi" else
                         f"{place}{name}: the plan sets no target for {main.year} (cell reads “{main.raw.strip() or '-'}”)")
        else:
            lines.append(f"{place}{name}: {_year_phrase(main.year, lang)} "
                         f"{'là' if lang == 'vi' else 'the target is'} {value_text(main, row.unit, lang)}")
        others = [v for v in values if v is not main and not v.empty]
        if others:
            ctx = "; ".join(f"{'năm ' if lang == 'vi' else ''}{v.year}: {value_text(v, row.unit, lang)}" for v in others)
            lines[-1] += f" ({ctx})"
    else:
        shown = [v for v in values if not v.empty]
        if shown:
            parts = "; ".join(f"{_year_phrase(v.year, lang)}: {value_text(v, row.unit, lang)}" for v in shown)
            lines.append(f"{place}{name}: {parts}")
        else:
            lines.append(f"{place}{name}: " + ("không có giá trị chỉ tiêu" if lang == "vi" else "no target value"))
    text = lines[0] + "."
    if with_agency and row.agency:
        text += (f" Cơ quan chủ trì theo dõi: {join_wraps(row.agency)}." if lang == "vi"
                 else f" Lead agency (monitoring): {join_wraps(row.agency)}.")
    if lang == "en" and any(re.search(r"\d\.\d{3}(?!\d)", v.raw) for v in values if not v.empty):
        # the figures are quoted as printed: say how the Vietnamese way reads
        text += " (Vietnamese notation: “.” groups thousands, “,” marks decimals.)"
    return text


def agency_text(row: TableRow, lang: str, province: str | None) -> str:
    name = f"“{indicator_name(row)}”"
    place = f" của {province}" if province and lang == "vi" else (f" in {province}" if province else "")
    agency = join_wraps(row.agency or "")
    if not agency:
        return (f"Phụ lục không ghi cơ quan chủ trì cho chỉ tiêu {name}{place}." if lang == "vi"
                else f"The appendix names no lead agency for {name}{place}.")
    head = (f"Cơ quan chủ trì theo dõi chỉ tiêu {name}{place}: {agency}." if lang == "vi"
            else f"The lead agency for {name}{place} is {agency}.")
    shown = [v for v in row.values if not v.empty]
    if shown:
        head += " " + ("Chỉ tiêu: " if lang == "vi" else "Targets: ") + "; ".join(
            f"{v.year}: {value_text(v, row.unit, lang)}" for v in shown) + "."
    return head


def compare_text(entries: list[tuple[str, TableRow]], years: list[int], lang: str) -> tuple[str, list[list[str]]]:
    """A small table: one line per province (and indicator), one column per year."""
    all_years = sorted({v.year for _, r in entries for v in r.values})
    cols = [y for y in all_years if not years or y in years] or all_years
    header = ["Tỉnh" if lang == "vi" else "Province", "Chỉ tiêu" if lang == "vi" else "Indicator"] + [str(y) for y in cols]
    table = [header]
    for province, row in entries:
        cells = [province, indicator_name(row)]
        for y in cols:
            v = row.value_for(y)
            cells.append(value_text(v, row.unit, lang) if v and not v.empty else "–")
        table.append(cells)
    intro = "So sánh theo phụ lục chỉ tiêu của từng kế hoạch:" if lang == "vi" else \
        "Comparison from each plan's target appendix (indicator names quoted in Vietnamese):"
    md = "\n".join("| " + " | ".join(c.replace("|", "/") for c in r) + " |" for r in table[:1])
    md += "\n|" + "---|" * len(header) + "\n"
    md += "\n".join("| " + " | ".join(c.replace("|", "/") for c in r) + " |" for r in table[1:])
    return f"{intro}\n\n{md}", table


def prose_text(heading: str, sentences: list[str], lang: str, province: str | None, name: str | None = None) -> str:
    """The asked sentences of a clause, quoted. ``name``: the document, when it is not a province's plan."""
    if name:
        where = name
    else:
        where = f"kế hoạch của {province}" if province and lang == "vi" else (f"{province}'s plan" if province else "")
    if heading:  # a quoted line the section's name already says is not said twice
        sentences = [s for s in sentences if not _restates(s, heading)] or sentences
    quote = " … ".join(f"“{s}”" for s in sentences)
    if lang == "vi":
        head = f"Theo {where}" if where else "Theo văn bản"
        return f"{head}, phần “{heading}”: {quote}" if heading else f"{head}: {quote}"
    head = f"According to {where}" if where else "According to the document"
    return f"{head}, section “{heading}” (quoted in Vietnamese): {quote}" if heading else f"{head} (quoted): {quote}"


# How a reply names an asked part the quoted passage does not state (``wanted.Want`` kinds).
PART_NAMES_VI = {"date": "thời hạn (ngày, tháng)", "agency": "cơ quan thực hiện", "duration": "thời gian, thời hạn",
                 "period": "định kỳ", "year": "năm", "count": "số lượng", "money": "mức tiền",
                 "share": "tỷ lệ (%)", "form": "mẫu số",
                 "colour": "màu", "contact": "số điện thoại, thư điện tử",
                 "model": "ký, mã hiệu", "distance": "khoảng cách"}
PART_NAMES_EN = {"date": "date or deadline", "agency": "responsible body", "duration": "duration or time limit",
                 "period": "frequency", "year": "year", "count": "figure", "money": "amount of money",
                 "share": "percentage", "form": "form number",
                 "colour": "colour", "contact": "phone number or e-mail",
                 "model": "model", "distance": "distance"}


def unstated_text(kinds: list[str], lang: str) -> str:
    """The asked parts the quoted sentences do not state, said as such (a part is never left out unsaid):
    " Đoạn trích không ghi thời hạn (ngày, tháng)." / " The quoted passage states no date or deadline."."""
    names = PART_NAMES_VI if lang == "vi" else PART_NAMES_EN
    listed = "; ".join(dict.fromkeys(names[k] for k in kinds if k in names))
    if not listed:
        return ""
    return f" Đoạn trích không ghi {listed}." if lang == "vi" else f" The quoted passage states no {listed}."


def _restates(sentence: str, heading: str) -> bool:
    """``sentence`` says nothing the heading does not: "1. Sở Lao động - Thương binh và Xã hội" under
    the section “Sở Lao động - Thương binh và Xã hội” (its list number and marks aside)."""
    words = re.findall(r"[^\W\d_]+", sentence.lower())
    said = " ".join(re.findall(r"[^\W\d_]+", heading.lower()))
    return bool(words) and f" {' '.join(words)} " in f" {said} "


def doc_label(doc, with_number: bool = False) -> str:
    """How an answer names a document: kind and issuer, no date (an answer states no figure its
    citations do not hold; the citation card shows the full name). "Nghị quyết của Hội đồng nhân
    dân thành phố Hà Nội"; with_number: "Nghị quyết 79/2025/NQ-HĐND của …"."""
    m = doc.meta
    if m.kind in ("Luật", "Bộ luật") and m.title:
        return doc.name
    parts = [m.kind or "Văn bản"]
    if with_number and m.number:
        parts.append(m.number)
    if m.issuer:
        parts.append(f"của {m.issuer}")
    elif m.province:
        parts.append(f"của {m.province}")
    return " ".join(parts)


MAX_NAMED = 3  # a not-found reply names a few relevant documents, never the whole index


def not_found_text(lang: str, reason: str, covered: list[str], extra: str = "", nearest: list[str] | None = None,
                   total: int = 0) -> str:
    """Why nothing answers, and what comes closest: the nearest documents (at most three) or, with
    none near, how many documents and places the index holds (listed only when they are few)."""
    near = list(dict.fromkeys(nearest or []))[:MAX_NAMED]
    few = ", ".join(covered) if len(covered) <= MAX_NAMED + 2 else ""  # a small index is named whole
    cover = "; ".join(near)
    if lang == "vi":
        msgs = {
            "province": "Các văn bản đã nạp không có văn bản nào của địa phương được hỏi.",
            "year": "Văn bản không đặt chỉ tiêu cho năm được hỏi.",
            "figure": "Văn bản chỉ nêu các mục cùng tên với con số khác, không có mục được hỏi:",
            "topic": "Không tìm thấy nội dung trả lời câu hỏi này trong các văn bản đã nạp.",
            "kind": "Các văn bản đã nạp không có văn bản thuộc loại được hỏi về nội dung này.",
            "empty": "Chưa có văn bản nào trong kho. Hãy nạp văn bản trước.",
            "vague": "Câu hỏi chưa nêu chỉ tiêu hay nội dung nào — hãy hỏi cụ thể hơn, "
                     "ví dụ: “Tỷ lệ thất nghiệp chung của An Giang năm 2025?”.",
        }
        tail = (f" Gần nhất: {cover}." if near else "") + (f" Hiện có: {few}." if few else (
            f" Kho có {total} văn bản của {len(covered)} địa phương, cơ quan." if total else ""))
    else:
        msgs = {
            "province": "None of the indexed documents is from the place you asked about.",
            "year": "The document sets no target for the year you asked about.",
            "figure": "The document names entries of that name with other figures only, not the one asked:",
            "topic": "The indexed documents do not answer this question.",
            "kind": "No indexed document of the kind you asked about deals with this.",
            "empty": "No documents are indexed yet. Ingest some first.",
            "vague": "The question does not name an indicator or topic — please be more specific, "
                     "e.g. “An Giang's 2025 unemployment rate target”.",
        }
        tail = (f" Closest: {cover}." if near else "") + (f" Indexed: {few}." if few else (
            f" The index holds {total} documents from {len(covered)} places and bodies." if total else ""))
    return msgs[reason] + (f" {extra}" if extra else "") + tail
