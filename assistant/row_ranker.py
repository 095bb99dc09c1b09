"""Which of a question's candidate table rows answers: one fitted scorer over named features.

The hand order (``Scored.score``: coverage plus hand-set bonuses) finds the right table but often ranks a
sibling row first — the fee of "7.3" where "8.3" was asked, the time of the wrong procedure's block. Here
every candidate row carries the features below, measured once by ``table_scoring``; a softmax ranker over
them (weights fitted by ``bench/row_fit.py`` on the labelled sets, cross-validated by document) reorders
the best ``TOP`` rows. One set of weights per index state: ``WITH_VECTORS`` where the unit vectors are
made (``unit_sim`` is read), ``AT_ONCE`` where they are not; ``None`` keeps the hand order.

The features of one candidate row (question q), each with an example:

* ``hand``      the hand order's score (``Scored.score``: coverage, bonuses, precision, retrieval, unit_sim):
                the ranker learns what to correct in it, not to rebuild it
* ``own``       IDF-weighted coverage of q by the row's own words (groups, label, headers, cells):
                "phát điện … từ 200 kW đến dưới 1.000 kW" covers the row "8.3 … để phát điện với công suất
                lắp máy từ 200 kW đến dưới 1.000 kW" more than its sibling "8.2 … dưới 200 kW"
* ``caption``   what the table's caption adds to ``own`` (it names the table, not the row): "phụ lục mức
                thu phí" → every row of that table alike
* ``named``     coverage of q by the row's name alone (its label and group rows): the row q names
* ``header``    the best coverage of q by one column header ("điểm chuẩn", "Mức chi › Cấp xã")
* ``unit``      +1 where a column counts in the unit asked ("bao nhiêu mẫu" → "Tổng số (mẫu)"), -1
                where every unit the row prints is another
* ``total``     ±1 for a "tổng / total" question: the table's total row, or a named row's total column
* ``type``      the row states a value of the strongly typed kind asked (a duration for "bao nhiêu ngày")
* ``parts``     the share of the parts asked (amount, time, lead agency …) some cell answers (``cell_choice``)
* ``no_parts``  parts are asked and no cell of the row states any of them (a procedure row with no time)
* ``step``      ±1: a workflow step ("B5") for a question about one step / about the whole procedure
* ``figures``   ±1: the row holds / lacks every figure q quotes, where some candidate holds them
* ``period``    ±1: a year q asks is / is not in the row's headers or groups ("2035" → "2031 - 2050")
* ``precision`` the share of the row's own words that q asks about (fewer unasked words)
* ``retrieval`` the hybrid search's fused score of the row (0 for a row read from its whole document)
* ``cross``     the credit the vectors add to an English question's words the glossary cannot read
* ``unit_sim``  the row's best cell's cosine with q, centred on its document's mean (``unit_similarity``)
* ``unit_top``  1 / (1 + the rank of that cell among its document's units): its document's nearest → 1
* ``words``     IDF-weighted share of q's words the row's own words hold whole (``question_words``): "giấy phép
                khai thác nước dưới đất" as words, not its syllables scattered over a sibling's cells
"""
from __future__ import annotations

import numpy as np

from .evidence import Scored

FEATURES = ("hand", "own", "caption", "named", "header", "unit", "total", "type", "parts", "no_parts", "step", "figures",
            "period", "precision", "retrieval", "cross", "unit_sim", "unit_top", "words")
HAND = "hand"  # the order the ranker corrects: the fit leaves its weight free (``bench.row_fit``)
TOP = 12  # the hand order's best rows that the ranker reorders (the rest keep their place after them)
ALWAYS_READ = False  # read every feature even where no weights are set (``bench.row_fit`` records them)

# Fitted by ``python -m bench.row_fit`` (weights on the raw features, in FEATURES order); None: the hand order.
# Eleventh sitting, on qa2-tune (every vector, at once), qa.jsonl (both), plans and dev: the right row first by
# document 55 of 85 rankings without ``words``, 61 with it, the hand order 67; answers by document 114 / 119 of 154
# against the hand order's 122 (every vector): the hand order stays.
WITH_VECTORS: tuple[float, ...] | None = None
AT_ONCE: tuple[float, ...] | None = None


def reading() -> bool:
    """Whether the features that cost a read of every cell (``parts``) are wanted: weights set, or recording."""
    return ALWAYS_READ or WITH_VECTORS is not None or AT_ONCE is not None


def vector(feats: dict[str, float]) -> np.ndarray:
    """The features in ``FEATURES`` order (a missing one is 0)."""
    return np.array([feats.get(n, 0.0) for n in FEATURES], dtype=float)


def state(scored: list[Scored]) -> str:
    """``WITH_VECTORS`` where some candidate's unit similarity was read, else ``AT_ONCE``."""
    return "WITH_VECTORS" if any(s.unit_sim is not None for s in scored[:TOP]) else "AT_ONCE"


def rerank(scored: list[Scored], feats: dict[int, dict[str, float]]) -> list[Scored]:
    """``scored`` (best first by the hand order) with its best ``TOP`` reordered by the fitted weights of
    the index's state; unchanged where that state has none. ``feats``: by ``id`` of each Scored."""
    weights = globals()[state(scored)]
    if weights is None or len(scored) < 2:
        return scored
    w = np.asarray(weights, dtype=float)
    top = scored[:TOP]
    z = [float(vector(feats.get(id(s), {})) @ w) for s in top]
    order = sorted(range(len(top)), key=lambda i: (-z[i], i))  # ties keep the hand order
    return [top[i] for i in order] + scored[TOP:]
