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

(the two files as ``word_files.py`` writes them). A removed document's words stay: a word no document holds
any more is matched to nothing (the answering credits a rendering only where the source's own text holds it).
"""
from __future__ import annotations

import logging
import re
import threading
from pathlib import Path

import numpy as np

from ingest.model import Document

from .word_files import WordFiles

log = logging.getLogger(__name__)

# A Vietnamese word worth a vector: 2-4 syllables of letters, at least one with a Vietnamese letter
# (an English name in a customs notice, "samsung smart", is matched as it is written, not through a vector).
_SYLLABLE = re.compile(r"^[^\W\d_]+$")
_VIETNAMESE = re.compile(r"[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]")


def document_words(doc: Document) -> set[str]:
    """The words of two to four syllables of a document's text, lower-cased ("phỏng vấn", "bảo hiểm xã hội")."""
    from ground.segmenter import word_segmenter

    word_tokenize = word_segmenter()  # loaded by the vector pass only (3-4 s)

    out: set[str] = set()
    for line in doc.text.split("\n"):
        if not line.strip():
            continue
        for w in word_tokenize(line):
            parts = w.lower().split()
            if 2 <= len(parts) <= 4 and all(_SYLLABLE.match(p) for p in parts) and _VIETNAMESE.search(w.lower()):
                out.add(" ".join(parts))
    return out


class TermVectors(WordFiles):
    """The word vocabulary of one index and its vectors (read once per version of the sidecar)."""

    STEM, SIDECAR, WHAT = "vectors", "terms.json", "word vectors"

    def __init__(self, folder: Path, embedder_name: str, dim: int):
        super().__init__(folder, embedder_name, dim)
        self._lock = threading.Lock()
        self._seen: tuple | None = None  # (inode, mtime, size) of the sidecar last read
        self._kept: tuple[list[str], np.ndarray] | None = None

    def vocabulary(self) -> tuple[list[str], np.ndarray] | None:
        """The words and their vectors (float32, L2-normalised rows), or None before the first pass."""
        with self._lock:
            stamp = self._stamp()
            if stamp is None:
                return None
            if stamp != self._seen:
                meta = self._read_sidecar()
                if meta is None:
                    return None
                vectors = self._read_array(meta["words"])
                if vectors is None:  # a damaged pair of files: read as none until the next pass
                    log.warning("word vectors in %s do not match their %d words; ignored", self.folder,
                                len(meta["words"]))
                    return None
                self._kept, self._seen = (meta["words"], vectors), stamp
            return self._kept

    def missing(self, doc_ids) -> list[str]:
        """The documents whose words were not read yet (in the order given)."""
        read = self.known()[1]
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
        self._write(np.vstack([old, vectors]), {"words": old_words + list(words),
                                                "documents": sorted(read | set(doc_ids))})
