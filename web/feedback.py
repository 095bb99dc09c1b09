"""Thumbs up/down with an optional comment, kept in SQLite inside the assistant home.

SQLite because the home folder is the one place the product already owns and backs up;
one connection per call because Gradio and FastAPI call in from worker threads.
"""
from __future__ import annotations

import csv
import io
import json
import sqlite3
import threading
import time
from pathlib import Path

MAX_COMMENT_CHARS = 4000
COLUMNS = ["id", "created", "rating", "question", "answer", "citations", "comment", "source"]

SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created TEXT NOT NULL,
    rating INTEGER NOT NULL,          -- +1 thumbs up, -1 thumbs down
    question TEXT NOT NULL,
    answer TEXT NOT NULL,
    citations TEXT NOT NULL,          -- JSON list of "document — locator"
    comment TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL DEFAULT 'ui' -- ui | api
)
"""


class FeedbackStore:
    def __init__(self, path: Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()  # SQLite allows one writer; queue them here, not in a retry loop
        with self._connect() as db:
            db.execute(SCHEMA)

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(self.path, timeout=10)

    def add(self, rating: int, question: str, answer: str, citations: list[str] | None = None,
            comment: str = "", source: str = "ui") -> int:
        rating = 1 if rating > 0 else -1
        created = time.strftime("%Y-%m-%dT%H:%M:%S%z")
        with self._lock, self._connect() as db:
            cur = db.execute(
                "INSERT INTO feedback (created, rating, question, answer, citations, comment, source) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (created, rating, question or "", answer or "", json.dumps(citations or [], ensure_ascii=False),
                 (comment or "")[:MAX_COMMENT_CHARS], source))
            return int(cur.lastrowid)

    def comment(self, feedback_id: int, comment: str) -> bool:
        with self._lock, self._connect() as db:
            cur = db.execute("UPDATE feedback SET comment = ? WHERE id = ?",
                             ((comment or "")[:MAX_COMMENT_CHARS], int(feedback_id)))
            return cur.rowcount == 1

    def rows(self) -> list[dict]:
        with self._connect() as db:
            db.row_factory = sqlite3.Row
            return [dict(r) for r in db.execute(f"SELECT {', '.join(COLUMNS)} FROM feedback ORDER BY id")]

    def to_csv(self) -> str:
        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=COLUMNS)
        w.writeheader()
        for row in self.rows():
            w.writerow({k: _csv_safe(v) for k, v in row.items()})
        # The BOM makes Excel, which most offices open CSVs with, read Vietnamese as UTF-8.
        return "\ufeff" + buf.getvalue()


def _csv_safe(value):
    """Defuse spreadsheet formulas: a cell starting with = + - @ is run by Excel when opened."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value
