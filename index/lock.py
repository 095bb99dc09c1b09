"""Who may write an index, across processes: one writer at a time, and none beside an embedded reader.

Two processes adding documents to one index would each write the manifest from what they read
before the other's commit, and one side's documents would drop out of it. And embedded Chroma
keeps its HNSW graph in the memory of the process that opened it: another process's vectors,
written under it, are lost the next time that process saves its graph. So, with ``flock`` on
``HOME/index.lock`` (beside the index folder, which a rebuild replaces by rename):

    open_for_reading(index)   an Assistant on an embedded store holds a shared lock while it lives
    write_lock(index)         every write holds an exclusive lock for its duration

A writer in another process is refused at once (``IndexBusyError``, naming what holds the index);
the refused write changes nothing. Within one process all instances share one lock (one open file
per index), so an app's own uploads turn its shared lock exclusive and back. The kernel drops a
lock when its holder exits, killed or not: there is no stale lock to clear. With a Chroma server
readers take no lock (the server holds the graph), so a command-line ingest may run beside the app.
"""
from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import threading
import time
from pathlib import Path

from ground.errors import IndexBusyError

log = logging.getLogger(__name__)

_GUARD = threading.Lock()
_OPEN: dict[Path, list] = {}  # lock path → [file, readers in this process, writing]


def _lock_path(index_dir: Path) -> Path:
    index_dir = Path(index_dir).resolve()
    return index_dir.with_name(index_dir.name + ".lock")


def _entry(path: Path) -> list:
    if path not in _OPEN:
        path.parent.mkdir(parents=True, exist_ok=True)
        _OPEN[path] = [open(path, "a+", encoding="utf-8"), 0, False]  # noqa: SIM115 - lives with the lock
    return _OPEN[path]


def _busy(index_dir: Path, fh, writing: bool) -> IndexBusyError:
    fh.seek(0)
    holder = fh.read().strip() or "?"
    what = (f"đang được tiến trình khác ghi (pid {holder}) / is being written by another process (pid {holder})"
            if holder != "?" else
            "đang được một ứng dụng khác mở (dùng kho nhúng) / is open in another process that uses the "
            "embedded store (the web app?)")
    fix = ("wait for it to finish, then run this again" if holder != "?" else
           "add documents through that app's Documents tab, stop it first, or serve vectors from a Chroma "
           "server (ASSISTANT_CHROMA_URL, docs/scale.md)")
    return IndexBusyError(f"chỉ mục {index_dir} {what}: {fix} (nothing was changed)."
                          if writing else f"chỉ mục {index_dir} {what}: {fix}.")


def _flock(fh, mode: int) -> bool:
    try:
        fcntl.flock(fh, mode | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False


def open_for_reading(index_dir: Path) -> None:
    """Hold a shared lock while an embedded store is open here (released by ``close_reading``)."""
    path = _lock_path(index_dir)
    with _GUARD:
        entry = _entry(path)
        if entry[1] == 0 and not entry[2] and not _flock(entry[0], fcntl.LOCK_SH):
            raise _busy(index_dir, entry[0], writing=False)
        entry[1] += 1


def close_reading(index_dir: Path) -> None:
    path = _lock_path(index_dir)
    with _GUARD:
        entry = _OPEN.get(path)
        if not entry or entry[1] == 0:
            return
        entry[1] -= 1
        if entry[1] == 0 and not entry[2]:
            fcntl.flock(entry[0], fcntl.LOCK_UN)


@contextlib.contextmanager
def write_lock(index_dir: Path, wait: float = 0.0):
    """Exclusive for the duration of one write. Another writer (this process's or another's) is
    waited for up to ``wait`` seconds — app processes behind one proxy take turns on an upload
    instead of refusing it — and then, or at once with ``wait=0`` (the command line), refused."""
    path = _lock_path(index_dir)
    deadline = time.monotonic() + wait
    said = False
    while True:
        with _GUARD:
            entry = _entry(path)
            if not entry[2] and _flock(entry[0], fcntl.LOCK_EX):
                entry[2] = True
                fh = entry[0]
                fh.seek(0)
                fh.truncate()
                fh.write(str(os.getpid()))
                fh.flush()
                break
            if time.monotonic() >= deadline:
                if entry[2]:
                    raise IndexBusyError(f"chỉ mục {index_dir} đang được ghi trong tiến trình này / is already "
                                         "being written by this process: wait for that write to finish.")
                raise _busy(index_dir, entry[0], writing=True)
            if not said:
                entry[0].seek(0)
                log.info("index %s is being written by %s: this write waits its turn (up to %.0f s)", index_dir,
                         f"process {entry[0].read().strip() or '?'}" if not entry[2] else "this process", wait)
                said = True
        time.sleep(0.05)  # a commit holds the lock for milliseconds to seconds; flock has no timed wait
    try:
        yield
    finally:
        with _GUARD:
            fh.seek(0)
            fh.truncate()
            fh.flush()
            entry[2] = False
            # back to what this process still needs: shared for its open readers, else nothing
            fcntl.flock(fh, fcntl.LOCK_SH if entry[1] else fcntl.LOCK_UN)


@contextlib.contextmanager
def pass_turn(index_dir: Path, stop):
    """One embedding pass at a time over an index, across processes (``HOME/index.pass.lock``): two app
    processes behind a proxy would otherwise embed the same pending chunks side by side, each at half
    speed on shared cores. Waits for the pass in progress elsewhere (asking ``stop()`` between polls);
    yields True once it is this pass's turn — it then finds what the other left, usually nothing —
    or False when stopped first. A killed holder's turn ends with it (the kernel drops its lock)."""
    path = _lock_path(index_dir)
    path = path.with_name(path.name.removesuffix(".lock") + ".pass.lock")
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+", encoding="utf-8") as fh:  # its own open file: also excludes a second pass in this process
        while not _flock(fh, fcntl.LOCK_EX):
            if stop():
                yield False
                return
            time.sleep(0.2)
        try:
            yield True
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)
