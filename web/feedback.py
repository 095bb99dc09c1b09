"""Thumbs up/down with an optional comment, kept in SQLite inside the assistant home.

SQLite because the home folder is the one place the product already owns and backs up;
one connection per call because Gradio and FastAPI call in from worker threads.

Anyone who can ask can rate, so the store is bounded: every field is cut to its cap, and once
the table holds ``max_rows`` rows or the file ``max_bytes`` bytes a new rating is refused with
``FeedbackFullError`` (HTTP 507) until an administrator exports and clears it. The export is
written row by row (``csv_lines``), never built whole in memory.
"""
from __future__ import annotations

import csv
import io
import json
import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from ground.errors import AssistantError

MAX_COMMENT_CHARS = 4000
MAX_QUESTION_CHARS = 4000
MAX_ANSWER_CHARS = 20_000  # an answer with its sources is a few KB
MAX_CITATIONS = 50
MAX_CITATION_CHARS = 500  # "document — locator"
MAX_ROWS = 20_000
MAX_BYTES = 200_000_000
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


class FeedbackFullError(AssistantError):
    http_status = 507


class FeedbackStore:
    def __init__(self, path: Path, max_rows: int = MAX_ROWS, max_bytes: int = MAX_BYTES):
        self.path = Path(path)
        self.max_rows, self.max_bytes = max_rows, max_bytes
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
        cites = [str(c)[:MAX_CITATION_CHARS] for c in (citations or [])[:MAX_CITATIONS]]
        with self._lock, self._connect() as db:
            self._refuse_when_full(db)
            cur = db.execute(
                "INSERT INTO feedback (created, rating, question, answer, citations, comment, source) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (created, rating, (question or "")[:MAX_QUESTION_CHARS], (answer or "")[:MAX_ANSWER_CHARS],
                 json.dumps(cites, ensure_ascii=False), (comment or "")[:MAX_COMMENT_CHARS], source))
            return int(cur.lastrowid)

    def _refuse_when_full(self, db: sqlite3.Connection) -> None:
        rows = db.execute("SELECT COUNT(*) FROM feedback").fetchone()[0]
        size = db.execute("PRAGMA page_count").fetchone()[0] * db.execute("PRAGMA page_size").fetchone()[0]
        if rows >= self.max_rows or size >= self.max_bytes:
            raise FeedbackFullError(
                f"kho góp ý đã đầy ({rows:,} dòng, {size / 1e6:.1f} MB; giới hạn {self.max_rows:,} dòng, "
                f"{self.max_bytes / 1e6:.0f} MB): quản trị viên cần xuất và dọn góp ý cũ (the feedback store is "
                f"full: {rows:,} rows, {size / 1e6:.1f} MB of at most {self.max_rows:,} rows, "
                f"{self.max_bytes / 1e6:.0f} MB; an administrator must export and clear it — see "
                f"ASSISTANT_FEEDBACK_MAX_ROWS / ASSISTANT_FEEDBACK_MAX_MB)")

    def comment(self, feedback_id: int, comment: str) -> bool:
        with self._lock, self._connect() as db:
            cur = db.execute("UPDATE feedback SET comment = ? WHERE id = ?",
                             ((comment or "")[:MAX_COMMENT_CHARS], int(feedback_id)))
            return cur.rowcount == 1

    def rows(self) -> list[dict]:
        return list(self.iter_rows())

    def iter_rows(self) -> Iterator[dict]:
        """Row by row from the database cursor: the whole table is never held at once."""
        db = self._connect()
        try:
            db.row_factory = sqlite3.Row
            for r in db.execute(f"SELECT {', '.join(COLUMNS)} FROM feedback ORDER BY id"):
                yield dict(r)
        finally:
            db.close()

    def csv_lines(self) -> Iterator[str]:
        """The export as CSV text, one piece per row, for a streamed response or a file."""
        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=COLUMNS)
        w.writeheader()
        # The BOM makes Excel, which most offices open CSVs with, read Vietnamese as UTF-8.
        yield "\ufeff" + buf.getvalue()
        for row in self.iter_rows():
            buf.seek(0)
            buf.truncate()
            w.writerow({k: _csv_safe(v) for k, v in row.items()})
            yield buf.getvalue()

    def to_csv(self) -> str:
        return "".join(self.csv_lines())

    def write_csv(self, path: Path) -> None:
        with open(path, "w", encoding="utf-8", newline="") as out:
            out.writelines(self.csv_lines())


# What a spreadsheet runs as a formula when a cell starts with it: = + - @, and a leading tab or
# carriage return, which Excel and LibreOffice skip before looking for one of those.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _csv_safe(value):
    r"""Defuse spreadsheet formulas: such a cell is prefixed with ' so it is shown, not run.

    >>> [_csv_safe(v) for v in ("=1+1", "\t=cmd", "\r@x", "-2", "ok", 3)]
    ["'=1+1", "'\t=cmd", "'\r@x", "'-2", 'ok', 3]
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
