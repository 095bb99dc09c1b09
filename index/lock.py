"""One writer per index at a time, across processes.

Two processes adding documents to one index would each write the manifest from what they read
before the other's commit, and one side's documents would silently drop out of it. Every write
(ingest, remove, rebuild, re-parse) holds an exclusive ``flock`` on ``HOME/index.lock`` for its
duration; a second writer is refused at once, with the process that holds the lock named:

    with write_lock(Path("home/index")):    # a second process here → IndexBusyError
        ...

The lock file sits beside the index folder, not inside it, because a rebuild replaces the folder
by rename. The kernel drops the lock when its holder exits, killed or not: no stale lock to clear.
Readers take no lock (answering never writes).
"""
from __future__ import annotations

import contextlib
import fcntl
import os
from pathlib import Path

from assistant.errors import IndexBusyError


@contextlib.contextmanager
def write_lock(index_dir: Path):
    path = Path(index_dir).with_name(Path(index_dir).name + ".lock")
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+", encoding="utf-8") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            fh.seek(0)
            holder = fh.read().strip() or "?"
            raise IndexBusyError(
                f"chỉ mục {index_dir} đang được tiến trình khác ghi (pid {holder}); hãy chờ nó xong rồi chạy lại. "
                f"The index at {index_dir} is being written by another process (pid {holder}): wait for it to "
                "finish, then run this again (nothing was changed).") from None
        fh.seek(0)
        fh.truncate()
        fh.write(str(os.getpid()))
        fh.flush()
        try:
            yield
        finally:
            fh.seek(0)
            fh.truncate()
            fcntl.flock(fh, fcntl.LOCK_UN)
