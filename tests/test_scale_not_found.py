"""The places a not-found reply names (``writing.covered``) are kept for one answering view's documents and
made again for any other list: another view (documents added, removed, re-parsed) never gets the old places.
Real shipped documents."""
from __future__ import annotations

import copy

from assistant import writing


def test_covered_places_follow_the_documents_asked_about(shipped_docs):
    ag, kt = shipped_docs["an_giang"], shipped_docs["kon_tum"]
    assert writing.covered([ag, kt]) == ["An Giang", "Kon Tum"]
    assert writing.covered([ag, kt]) == ["An Giang", "Kon Tum"]  # kept
    assert writing.covered([ag]) == ["An Giang"]  # a view without Kon Tum
    moved = copy.deepcopy(kt)  # the same document as another object (a re-parse): read again
    moved.meta.province = ""
    assert writing.covered([ag, moved]) == sorted(["An Giang", writing.compose.doc_label(moved)])
    got = writing.covered([ag, kt])
    got.append("x")  # a caller's list is its own
    assert writing.covered([ag, kt]) == ["An Giang", "Kon Tum"]
