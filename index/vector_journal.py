"""Which vectors were stored, in order, so that processes sharing a Chroma server keep theirs in memory.

Every process answering from one index holds the stored vectors in memory (``VectorMemory``: a
filtered search there takes a millisecond, over HTTP to a server 10–40 ms). Documents added or
removed by another process show in the manifest, but the vectors that process's embedding pass
stores afterwards do not: the manifest does not change for them. So every store of vectors
appends one line to ``HOME/index/vectors.log``:

    WRITER DOCID 0,1,2,7

``WRITER`` names the memory that stored them (a process skips its own lines: it put them in memory
as it stored them). A follower stats the file once per question; when it grew, it reads the new
lines and fetches those vectors from Chroma by id — one request for a batch, instead of reading
every vector again. The file belongs to one build of the index (a rebuild writes a new folder),
and lines are appended under the index's write lock, after Chroma has the vectors.
"""
from __future__ import annotations

import os
from pathlib import Path

from .vector_memory import VectorMemory

NAME = "vectors.log"
FETCH_PAGE = 5000  # ids per Chroma get while catching up: a bounded request


def committed(chunk_id: str, docs: dict) -> bool:
    """True when ``chunk_id`` ("DOCID:N") belongs to a document the manifest lists."""
    doc_id, _, n = chunk_id.rpartition(":")
    entry = docs.get(doc_id)
    return entry is not None and n.isdigit() and int(n) < entry["chunks"]


class VectorJournal:
    def __init__(self, folder: Path):
        self.path = Path(folder) / NAME

    def append(self, writer: str, doc_id: str, ordinals: list[int]) -> None:
        if not ordinals:
            return
        line = f"{writer} {doc_id} {','.join(map(str, ordinals))}\n".encode()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # one write(2) of a short line on an O_APPEND file: lines of two writers never interleave,
        # and a reader that meets a line not yet ended leaves it for its next read
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            os.write(fd, line)
        finally:
            os.close(fd)

    def size(self) -> int:
        try:
            return self.path.stat().st_size
        except OSError:
            return 0

    def read_from(self, offset: int) -> tuple[list[tuple[str, str, list[int]]], int]:
        """The complete lines after ``offset`` as (writer, doc_id, ordinals), and the offset after them;
        offset -1 when the file is shorter than ``offset`` (replaced: the caller reads every vector again)."""
        try:
            with open(self.path, "rb") as fh:
                fh.seek(0, os.SEEK_END)
                end = fh.tell()
                if end < offset:
                    return [], -1
                fh.seek(offset)
                data = fh.read(end - offset)
        except FileNotFoundError:
            return [], (0 if offset == 0 else -1)
        complete = data.rfind(b"\n") + 1
        out = []
        for raw in data[:complete].decode("utf-8", errors="replace").splitlines():
            parts = raw.split(" ")
            if len(parts) != 3:
                continue  # not a line of this format: skipped, never fatal to answering
            try:
                out.append((parts[0], parts[1], [int(n) for n in parts[2].split(",") if n]))
            except ValueError:
                continue
        return out, offset + complete


class FollowsVectors:
    """The part of ``IndexStore`` (index/store.py) that keeps its vector memory in step with other
    processes: after their commits (``take_memory_of``) and their embedding passes (``follow_vectors``)."""

    def take_memory_of(self, old: FollowsVectors) -> None:
        """Keep the vectors ``old`` (this index as opened before another process's commit) holds in
        memory, brought to this manifest: removed documents' vectors dropped, new documents' read
        from the store. Instead of every vector again (seconds at 18,000 over HTTP), a few requests."""
        if (not old.memory.ready or old.folder != self.folder or old.build_id != self.build_id
                or old.collection_name != self.collection_name):
            return  # another build (a rebuild, a re-parse): its vectors are read whole when first searched
        self.memory, self._writer, self._journal_read = old.memory, old._writer, old._journal_read
        self._loader, self._collection = old._loader, old._collection
        docs, before = self.manifest.get("documents", {}), old.manifest.get("documents", {})
        self.memory.drop([cid for cid in self.memory.ids() if not committed(cid, docs)])
        new = [f"{d}:{i}" for d, e in docs.items() if before.get(d, {}).get("chunks") != e["chunks"]
               for i in range(e["chunks"])]
        try:
            self._fetch_into_memory(new)
        except Exception:
            # the new documents' vectors could not be read (a server away): searches go to the store
            # until the memory, started afresh, has read every vector again
            self.memory, self._loader = VectorMemory(self.dim), None
            raise

    def vectors_behind(self) -> bool:
        """Whether another process stored vectors the memory does not hold yet (a stat)."""
        return self.memory.ready and self.journal.size() != self._journal_read

    def follow_vectors(self) -> int:
        """Read the vectors other processes stored since the memory last caught up; returns how many."""
        if not self.vectors_behind():
            return 0
        lines, offset = self.journal.read_from(self._journal_read)
        if offset < 0:  # the journal was replaced under us: read every vector again, behind
            self.memory.clear()
            self._loader = None
            self.start_memory()
            return 0
        docs = self.manifest.get("documents", {})
        ids = [f"{doc}:{n}" for writer, doc, ords in lines if writer != self._writer and doc in docs
               for n in ords]  # a document not listed yet is read whole when its commit is followed
        got = self._fetch_into_memory([cid for cid in ids if committed(cid, docs)])
        self._journal_read = offset
        return got

    def _fetch_into_memory(self, ids: list[str]) -> int:
        got = 0
        for i in range(0, len(ids), FETCH_PAGE):
            page = self._chroma("get", ids=ids[i:i + FETCH_PAGE], include=["embeddings"])
            if page["ids"]:
                self.memory.put(list(page["ids"]), page["embeddings"])
                got += len(page["ids"])
        return got
