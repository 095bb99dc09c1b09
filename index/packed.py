"""BM25 packed into flat arrays on disk, read through memory maps: opening reads a few lists, not every posting.

The per-document segments (``HOME/index/bm25/ID.json``) stay the record: a commit writes its own
segment and nothing else grows with the index. A pack is derived from them, for opening fast:

    HOME/index/packed/current.json   {"format": 1, "dir": "p-3f2a…", "build": …, "scheme": …,
                                      "docs": [[doc_id, chunks], …]}   (the documents, in position order)
    HOME/index/packed/p-3f2a…/       ids.txt, terms.txt (one a line), offsets.npy (per term id),
                                     pos.npy, tf.npy (postings ordered by term, then position), lengths.npy

``pos``/``tf`` are memory-mapped (``np.load(mmap_mode="r")``): a question pages in its own terms'
slices, and opening the ×10 index no longer reads and sorts ~40 M postings. A pack serves when its
documents are the first ones the manifest lists, in order, with the same chunk counts and the same
build; the documents after them are read from their segments. Any other pack (a document removed
since, an older index, a damaged file) is ignored, and the next open or commit writes a new one.
Packs are written to a fresh folder and named in ``current.json`` by an atomic replace, so a reader
never sees half of one; a folder no longer named is deleted by the next writer (a process that
mapped it keeps its mapping: unlinked files stay readable on Linux).
"""
from __future__ import annotations

import json
import logging
import shutil
import uuid
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)

FORMAT = 1
POINTER = "current.json"


def read_pack(folder: Path, manifest: dict, scheme: str):
    """([(document, chunks)] packed, ids, lengths, terms, offsets, pos, tf) of a pack that serves this manifest,
    or None (no pack, another build, documents changed, unreadable: the segments serve instead)."""
    packed = folder / "packed"
    try:
        meta = json.loads((packed / POINTER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    try:
        listed = manifest.get("documents", {})
        docs = [(d, n) for d, n in meta["docs"]]
        if (meta.get("format") != FORMAT or meta.get("scheme") != scheme or meta.get("build") != manifest.get("build")
                or [d for d, _ in docs] != list(listed)[:len(docs)]
                or any(listed[d]["chunks"] != n for d, n in docs)):
            return None
        where = packed / meta["dir"]
        ids = _lines(where / "ids.txt")
        terms = _lines(where / "terms.txt")
        offsets = np.load(where / "offsets.npy")
        pos = np.load(where / "pos.npy", mmap_mode="r")
        tf = np.load(where / "tf.npy", mmap_mode="r")
        lengths = np.load(where / "lengths.npy")
        if (len(ids) != sum(n for _, n in docs) or len(lengths) != len(ids) or len(offsets) != len(terms) + 1
                or len(pos) != len(tf) or int(offsets[-1]) != len(pos)):
            raise ValueError("array sizes do not fit together")
    except (OSError, ValueError, KeyError, TypeError) as err:
        log.warning("BM25 pack in %s not used (%s): reading the segments", packed, err)
        return None
    return docs, ids, lengths, terms, offsets, pos, tf


def write_pack(folder: Path, manifest: dict, bm25) -> bool:
    """Pack ``bm25`` (which must hold exactly the manifest's documents, in its order) for the next open.
    False when it does not, or the folder cannot be written (a read-only home stays as it is)."""
    listed = manifest.get("documents", {})
    docs = [(d, e["chunks"]) for d, e in listed.items()]
    spans = [bm25.span(d) for d, _ in docs]
    at = 0
    for (_, n), span in zip(docs, spans, strict=True):
        if n and span != (at, at + n):
            return False
        at += n
    if at != len(bm25.ids):
        return False
    terms, offsets, pos, tf = bm25.postings.packed()
    if any("\n" in t for t in terms):  # one term a line: a term with a line break cannot be packed
        return False
    packed = folder / "packed"
    name = f"p-{uuid.uuid4().hex[:12]}"
    where = packed / name
    try:
        where.mkdir(parents=True)
        (where / "ids.txt").write_text("\n".join(bm25.ids), encoding="utf-8")
        (where / "terms.txt").write_text("\n".join(terms), encoding="utf-8")
        np.save(where / "offsets.npy", offsets)
        np.save(where / "pos.npy", pos)
        np.save(where / "tf.npy", tf)
        np.save(where / "lengths.npy", np.asarray(bm25.lengths, dtype=np.int32))
        meta = {"format": FORMAT, "dir": name, "build": manifest.get("build"), "scheme": bm25.scheme, "docs": docs}
        tmp = packed / f"{POINTER}.{name}.tmp"
        tmp.write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
        tmp.replace(packed / POINTER)
    except OSError as err:
        log.warning("BM25 pack not written in %s (%s): the segments serve", packed, err)
        shutil.rmtree(where, ignore_errors=True)
        return False
    for old in packed.iterdir():  # packs no longer named, and pointers a killed writer left
        if old.name != name and old.name != POINTER:
            shutil.rmtree(old, ignore_errors=True) if old.is_dir() else old.unlink(missing_ok=True)
    return True


def _lines(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    return text.split("\n") if text else []
