"""Copy a home's embedded vectors into a Chroma server, so one index is measured on both stores.

    python -m bench.to_server --home DIR --chroma-url http://127.0.0.1:8000 [--collection NAME]

Every stored vector (with its metadata and search text) goes to the server collection the home
uses when opened with ``--chroma-url`` (the same name as its embedded collection); the home's
documents and BM25 are not touched. Then ``ASSISTANT_CHROMA_URL=URL python -m bench.latency
--home DIR`` serves the same index from the server, with nothing embedded again (re-embedding
the 421 real documents takes hours on 2 cores). ``--collection``: fill that server collection instead
and record it in the home's manifest (a copy of a home then has its own vectors on the same server).
"""
from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from assistant.config import Settings
from index.embedders import get_embedder
from index.store import PAGE, IndexStore


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--home", required=True)
    ap.add_argument("--chroma-url", required=True)
    ap.add_argument("--embedder")
    ap.add_argument("--collection")
    args = ap.parse_args()
    settings = Settings.resolve(home=args.home, embedder=args.embedder)
    emb = get_embedder(settings.embedder)
    src = IndexStore(settings.index_dir, emb.name, emb.dim)
    dst = IndexStore(settings.index_dir, emb.name, emb.dim, args.chroma_url)
    src.check_embedder()
    if args.collection:  # recorded now, so the home opens this collection from here on
        manifest = settings.index_dir / "manifest.json"
        data = json.loads(manifest.read_text(encoding="utf-8"))
        data["chroma"] = {"url": args.chroma_url, "collection": args.collection}
        manifest.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        dst = IndexStore(settings.index_dir, emb.name, emb.dim, args.chroma_url)
    t0, offset, copied = time.perf_counter(), 0, 0
    while True:
        got = src.collection().get(include=["embeddings", "metadatas", "documents"], limit=PAGE, offset=offset)
        if len(got["ids"]):
            dst.collection().upsert(ids=list(got["ids"]), embeddings=[list(map(float, v)) for v in got["embeddings"]],
                                    metadatas=got["metadatas"], documents=got["documents"])
            copied += len(got["ids"])
        if len(got["ids"]) < PAGE:
            break
        offset += PAGE
    print(f"{copied} vectors copied to {args.chroma_url} collection {dst.collection_name} "
          f"in {time.perf_counter() - t0:.1f} s (server holds {dst.vector_count()}); home {Path(args.home)}")


if __name__ == "__main__":
    main()
