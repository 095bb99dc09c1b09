"""BM25 segments on disk (index/segments.py): today's format, the one before it, and damage."""
import json

import pytest

from index.lexical import BM25
from index.segments import Segment, load_segment, save_segment


@pytest.fixture(scope="module")
def kon_tum_counts(shipped_docs):
    chunks = shipped_docs["kon_tum"].chunks
    return [c.chunk_id for c in chunks], BM25().analyse([c.search_text for c in chunks])


def test_worked_example_of_the_docstring(tmp_path):
    save_segment(tmp_path / "d1.json", "syllable+bigram", ["d1:0", "d1:1"], [{"nhà": 2, "nhà_ở": 1}, {"nhà": 1}])
    data = json.loads((tmp_path / "d1.json").read_text(encoding="utf-8"))
    assert data == {"scheme": "syllable+bigram", "format": 2, "ids": ["d1:0", "d1:1"], "terms": ["nhà", "nhà_ở"],
                    "tids": [0, 1, 0], "tf": [2, 1, 1], "sizes": [2, 1]}
    seg = load_segment(tmp_path / "d1.json")
    assert seg.counts() == [{"nhà": 2, "nhà_ở": 1}, {"nhà": 1}] and seg.lengths() == [3, 1]


def test_both_formats_read_into_the_same_bm25(tmp_path, kon_tum_counts):
    ids, counts = kon_tum_counts
    save_segment(tmp_path / "new.json", "syllable+bigram", ids, counts)
    (tmp_path / "old.json").write_text(json.dumps({"scheme": "syllable+bigram", "ids": ids, "counts": counts},
                                                  ensure_ascii=False), encoding="utf-8")
    by_counts, new, old = BM25(), BM25(), BM25()
    by_counts.add_counts(ids, counts)
    new.add_segment(load_segment(tmp_path / "new.json"))
    old.add_segment(load_segment(tmp_path / "old.json"))
    assert load_segment(tmp_path / "new.json").counts() == counts
    assert new.lengths == old.lengths == by_counts.lengths and new._pos == by_counts._pos
    for q in ("nhà ở xã hội", "tỷ lệ hộ nghèo đa chiều", "Kon Tum đến năm 2030"):
        assert new.search(q, k=20) == old.search(q, k=20) == by_counts.search(q, k=20)
    assert new.document_frequencies() == by_counts.document_frequencies()


def test_a_chunk_without_terms_keeps_its_place(tmp_path):
    save_segment(tmp_path / "s.json", "syllable+bigram", ["d:0", "d:1", "d:2"], [{"a": 1}, {}, {"a": 2, "b": 1}])
    bm = BM25()
    bm.add_segment(load_segment(tmp_path / "s.json"))
    assert bm.lengths == [1, 0, 3] and bm.postings_of("a") == {0: 1, 2: 2}


@pytest.mark.parametrize("damage", [
    {"sizes": [2, 2]},  # more postings claimed than there are
    {"tids": [0, 5, 0]},  # a term outside the segment's list
    {"tf": [1]},  # counts and postings of different lengths
    {"format": 9},  # a format from a later version
])
def test_a_damaged_segment_is_refused(tmp_path, damage):
    save_segment(tmp_path / "d.json", "syllable+bigram", ["d:0", "d:1"], [{"x": 1, "y": 2}, {"x": 1}])
    data = {**json.loads((tmp_path / "d.json").read_text(encoding="utf-8")), **damage}
    (tmp_path / "d.json").write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ValueError):
        load_segment(tmp_path / "d.json")


def test_ids_and_counts_must_pair():
    with pytest.raises(ValueError, match="2 ids but 1 term counts"):
        Segment.of_counts("syllable+bigram", ["a:0", "a:1"], [{"x": 1}])
