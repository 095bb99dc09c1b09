"""Copy a home's embedded vectors into a Chroma server, so one index is measured on both stores.

    python -m bench.to_server --home DIR --chroma-url http://127.0.0.1:8000

Every stored vector (with its metadata and search text) goes to the server collection the home
uses when opened with ``--chroma-url`` (the same name as its embedded collection); the home's
documents and BM25 are not touched. Then ``ASSISTANT_CHROMA_URL=URL python -m bench.latency
--home DIR`` serves the same index from the server, with nothing embedded again (re-embedding
the 421 real documents takes hours on 2 cores).
"""
from __future__ import annotations

import argparse
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
    args = ap.parse_args()
    settings = Settings.resolve(home=args.home, embedder=args.embedder)
    emb = get_embedder(settings.embedder)
    src = IndexStore(settings.index_dir, emb.name, emb.dim)
    dst = IndexStore(settings.index_dir, emb.name, emb.dim, args.chroma_url)
    src.check_embedder()
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
