"""An indicator row × the year asked: the figure, the other years for context, the lead agency.

    "Mục tiêu nhà ở xã hội của Kon Tum đến năm 2030?" → row "Phấn đấu xây dựng sàn nhà ở xã hội"
      → "Kon Tum – “Phấn đấu …”: đến năm 2030 là 221.009 m2 sàn (năm 2025: 104.046 m2 sàn). …"
A year the row has no target for is answered not found, naming the years it has.
"""
from __future__ import annotations

from ground.admin_units import label as place_label

from .. import compose, writing
from ..context import Context
from ..evidence import Scored
from ..model import Answer
from .thresholds import NEAR_ROW


def answer(ctx: Context, best: Scored) -> Answer:
    q, row = ctx.q, best.row
    province = place_label(best.doc.meta.province, q.lang)  # "Kon Tum (nay thuộc tỉnh Quảng Ngãi)"
    if q.years and not any(v.year in q.years for v in row.values):
        years = sorted({v.year for v in row.values})
        extra = (f"Chỉ tiêu “{compose.indicator_name(row)}” chỉ có các năm {', '.join(map(str, years))}."
                 if q.lang == "vi" else
                 f"The indicator “{compose.indicator_name(row)}” has targets for {', '.join(map(str, years))} only.")
        return writing.not_found(q, ctx.docs, "year", extra=extra, runners=[best])
    if q.intent == "agency":
        text = compose.agency_text(row, q.lang, province)
    else:
        text = compose.target_text(row, q.years, q.lang, province)
    cites = writing.row_citations(best)
    # runners-up: the nearest other rows and the clauses that discuss the same topic
    rows, clauses = ctx.rows, ctx.clauses
    near_rows = [s for s in rows[1:] if s.coverage >= NEAR_ROW][:2]
    near_clauses = [s for s in clauses if s.coverage >= NEAR_ROW][:2]
    runners = near_rows + near_clauses + [s for s in rows[3:] if s.coverage >= NEAR_ROW]
    return writing.finish(q, text, True, cites, runners, intent=q.intent)
