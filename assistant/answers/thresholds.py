"""The thresholds that decide between ways of answering, in one place, a sentence each on why.

The order the ways are tried in is ``assistant.answering.Answerer._route``; these are the numbers it
and the strategies compare coverage with (coverage: the IDF-weighted share of the question's content
terms a source holds, ``assistant.evidence``). The coverage that answers at all, ``FOUND_ROW`` and
``FOUND_CLAUSE``, is evidence's own: scoring decides with it before any way of answering is chosen.
"""
from __future__ import annotations

# A row is the exact figure; a clause that merely mentions it should not win unless it covers the
# question clearly better — by this much, per intent (an agency or target question wants the row most).
ROW_OVER_CLAUSE = {"agency": 0.4, "target": 0.25}
ROW_OVER_CLAUSE_OTHER = 0.1

SEARCH_K = 30  # hits of the general search a question's sources are scored from
# Found or not at all is one rule for every way and language: ``assistant.found`` (evidence ≥ FOUND).

NEAR_ROW = 0.3  # other rows and clauses cited beside a target row: they discuss the same topic
NEAR_TABLE_ROW = 0.4  # other table rows and clauses cited beside a table row
NEAR_ROW_OF_CLAUSE = 0.5  # target rows cited beside a clause: only those nearly found themselves

COMPARE_FIRST = 0.3  # two rows of one table: the first must be about the question at all
COMPARE_MATE = 0.25  # the second row's own coverage
COMPARE_BOTH = 0.6  # the two rows' names together cover this much of the question
COMPARE_MATE_EN = 0.4  # an English question whose names the glossary cannot read: the vectors' rank carries

PLACE_SOURCES = 4  # sentences quoted from a legal place named: the place is what was asked, whole
PLACE_RUNNERS = 2  # other chunks at the same place cited beside it
