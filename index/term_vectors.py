"""The documents' Vietnamese words with their vectors: what an English word the glossary does not know is
matched against (``assistant/alignment.py``).

The glossary reads a few hundred English terms; a question's other words ("insurance", "dossier",
"interview") could only be judged by the vectors of whole passages. The multilingual embedder meets an
English word and its Vietnamese rendering at the granularity of a word ("interview" → "phỏng vấn",
"social security" → "bảo hiểm xã hội"), so the vector pass also embeds every word of two or more syllables
the documents use (underthesea's segmentation, 2,950 words over the 54 qa2 documents, 13 s), once per
word however many documents use it:

    HOME/index/terms/vectors.npy   float16, one row per word, in the order of the sidecar's "words"
    HOME/index/terms/terms.json    {"embedder", "dim", "words": [...], "documents": [ids read]}

The sidecar is the record (written after the array; an array longer than its words is an unfinished write,
its extra rows ignored). A removed document's words stay: a word no document holds any more is matched to
nothing (the answering credits a rendering only where the source's own text holds it). The embedder name
and dimension are checked like the chunk vectors': a file of another embedder is not read.
"""
from __future__ import annotations

import json
import logging
import os
import re
import shutil
import threading
from pathlib import Path

import numpy as np

from ground.errors import EmbedderMismatchError
from ingest.model import Document

log = logging.getLogger(__name__)

# A Vietnamese word worth a vector: 2-4 syllables of letters, at least one with a Vietnamese letter
# (an English name in a customs notice, "samsung smart", is matched as it is written, not through a vector).
_SYLLABLE = re.compile(r"^[^\W\d_]+$")
_VIETNAMESE = re.compile(r"[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]")


def document_words(doc: Document) -> set[str]:
    """The words of two to four syllables of a document's text, lower-cased ("phỏng vấn", "bảo hiểm xã hội")."""
    from underthesea import word_tokenize  # imported by the vector pass only (3-4 s)

    out: set[str] = set()
    for line in doc.text.split("\n"):
        if not line.strip():
            continue
        for w in word_tokenize(line):
            parts = w.lower().split()
            if 2 <= len(parts) <= 4 and all(_SYLLABLE.match(p) for p in parts) and _VIETNAMESE.search(w.lower()):
                out.add(" ".join(parts))
    return out


class TermVectors:
    """The word vocabulary of one index and its vectors (read once per version of the sidecar)."""

    def __init__(self, folder: Path, embedder_name: str, dim: int):
        self.folder, self.embedder_name, self.dim = Path(folder), embedder_name, dim
        self._lock = threading.Lock()
        self._seen: tuple | None = None  # (inode, mtime, size) of the sidecar last read
        self._kept: tuple[list[str], np.ndarray, set[str]] | None = None

    @property
    def _sidecar(self) -> Path:
        return self.folder / "terms.json"

    @property
    def _array(self) -> Path:
        return self.folder / "vectors.npy"

    def _read_sidecar(self) -> dict | None:
        try:
            meta = json.loads(self._sidecar.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if (meta.get("embedder"), meta.get("dim")) != (self.embedder_name, self.dim):
            raise EmbedderMismatchError(
                f"the word vectors in {self.folder} were made by {meta.get('embedder')} ({meta.get('dim')}-d), "
                f"this index uses {self.embedder_name} ({self.dim}-d): delete that folder and run "
                "`python -m assistant index --embed` to make them again")
        return meta

    def vocabulary(self) -> tuple[list[str], np.ndarray] | None:
        """The words and their vectors (float32, L2-normalised rows), or None before the first pass."""
        with self._lock:
            try:
                st = self._sidecar.stat()
            except OSError:
                return None
            stamp = (st.st_ino, st.st_mtime_ns, st.st_size)
            if stamp != self._seen:
                meta = self._read_sidecar()
                if meta is None:
                    return None
                words = meta["words"]
                vectors = np.load(self._array).astype(np.float32)[: len(words)]
                if len(vectors) < len(words):  # a damaged pair of files: read as none until the next pass
                    log.warning("word vectors in %s: %d rows for %d words; ignored", self.folder, len(vectors), len(words))
                    return None
                self._kept, self._seen = (words, vectors, set(meta.get("documents", []))), stamp
            words, vectors, _ = self._kept
            return words, vectors

    def missing(self, doc_ids) -> list[str]:
        """The documents whose words were not read yet (in the order given)."""
        try:
            meta = self._read_sidecar()
        except EmbedderMismatchError:
            raise
        read = set(meta.get("documents", [])) if meta else set()
        return [d for d in doc_ids if d not in read]

    def known(self) -> tuple[list[str], set[str]]:
        """The words that have vectors and the documents read (empty before the first pass)."""
        meta = self._read_sidecar()
        return (list(meta["words"]), set(meta.get("documents", []))) if meta else ([], set())

    def add(self, doc_ids: list[str], words: list[str], vectors: np.ndarray) -> None:
        """Append ``words`` (new ones, in order) with their ``vectors`` and mark ``doc_ids`` read."""
        old_words, read = self.known()
        vectors = np.asarray(vectors, dtype=np.float16).reshape(len(words), self.dim)
        old = np.load(self._array)[: len(old_words)] if old_words else np.zeros((0, self.dim), np.float16)
        self.folder.mkdir(parents=True, exist_ok=True)
        tmp = self.folder / "vectors.tmp.npy"
        np.save(tmp, np.vstack([old, vectors]))
        os.replace(tmp, self._array)  # the array first: a sidecar never lists words without rows
        meta = {"embedder": self.embedder_name, "dim": self.dim, "words": old_words + list(words),
                "documents": sorted(read | set(doc_ids))}
        tmp = self.folder / "terms.tmp.json"
        tmp.write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, self._sidecar)

    def take_from(self, other: Path) -> None:
        """Keep the words of an index being re-parsed (``build.rebuild``): a re-parse reads the same stored texts,
        so their words are the same; another embedder's files are left behind."""
        try:
            meta = json.loads((Path(other) / "terms.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        if (meta.get("embedder"), meta.get("dim")) != (self.embedder_name, self.dim):
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(Path(other) / "vectors.npy", self._array)  # the array first, as ``add`` writes them
        shutil.copyfile(Path(other) / "terms.json", self._sidecar)
