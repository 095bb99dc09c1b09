"""A list of words and their vectors kept as two files in the index: an array and a sidecar naming the words.

    FOLDER/<stem>.npy    float16, one row per word, in the order of the sidecar's "words"
    FOLDER/<stem>.json   {"embedder", "dim", "words": [...], …}

The sidecar is the record, written after the array: an array longer than its words is an unfinished write
(its extra rows ignored), and a sidecar never lists words without rows. The embedder's name and dimension are
checked like the chunk vectors': the files of another embedder are refused, not mixed in. Used by the documents'
Vietnamese words (``term_vectors.py``) and the common English words (``english_words.py``).
"""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import numpy as np

from ground.errors import EmbedderMismatchError


class WordFiles:
    STEM = ""  # "vectors" / "english": the files' name
    SIDECAR = ""  # "terms.json" / "english.json"
    WHAT = ""  # what they hold, in the error a person reads

    def __init__(self, folder: Path, embedder_name: str, dim: int):
        self.folder, self.embedder_name, self.dim = Path(folder), embedder_name, dim

    @property
    def _sidecar(self) -> Path:
        return self.folder / self.SIDECAR

    @property
    def _array(self) -> Path:
        return self.folder / f"{self.STEM}.npy"

    def _stamp(self) -> tuple[int, int, int] | None:
        """The sidecar's (inode, mtime, size): another one after every write (a write renames a new file in)."""
        try:
            st = self._sidecar.stat()
        except OSError:
            return None
        return st.st_ino, st.st_mtime_ns, st.st_size

    def _read_sidecar(self) -> dict | None:
        try:
            meta = json.loads(self._sidecar.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if (meta.get("embedder"), meta.get("dim")) != (self.embedder_name, self.dim):
            raise EmbedderMismatchError(
                f"the {self.WHAT} in {self.folder} were made by {meta.get('embedder')} ({meta.get('dim')}-d), this "
                f"index uses {self.embedder_name} ({self.dim}-d): delete {self._sidecar} and run "
                "`python -m assistant index --embed` to make them again")
        return meta

    def _read_array(self, words: list[str]) -> np.ndarray | None:
        """The rows of ``words`` (float32), or None where the array holds fewer (a damaged pair of files)."""
        try:
            vectors = np.load(self._array).astype(np.float32)[: len(words)]
        except (OSError, ValueError):
            return None
        return vectors if len(vectors) == len(words) else None

    def _write(self, vectors: np.ndarray, meta: dict) -> None:
        """The array, then the sidecar (``meta`` with the embedder's name and dimension added)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        tmp = self.folder / f"{self.STEM}.tmp.npy"
        np.save(tmp, np.asarray(vectors, dtype=np.float16).reshape(-1, self.dim))
        os.replace(tmp, self._array)
        tmp = self._sidecar.with_suffix(".tmp.json")
        tmp.write_text(json.dumps({"embedder": self.embedder_name, "dim": self.dim, **meta}, ensure_ascii=False),
                       encoding="utf-8")
        os.replace(tmp, self._sidecar)

    def take_from(self, other: Path) -> None:
        """Keep the files of an index being re-parsed (``build.rebuild``); another embedder's are left behind."""
        try:
            meta = json.loads((Path(other) / self.SIDECAR).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        if (meta.get("embedder"), meta.get("dim")) != (self.embedder_name, self.dim):
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(Path(other) / self._array.name, self._array)  # the array first, as ``_write`` writes them
        shutil.copyfile(Path(other) / self.SIDECAR, self._sidecar)
