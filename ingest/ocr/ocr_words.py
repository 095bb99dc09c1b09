"""What every OCR engine hands back, and the splitting of a recognised line into words.

    split_words("Tỷ lệ 95,5", (100, 10, 300, 40), [0.99, …])
      → [OcrWord("Tỷ", (100, 10, ~129, 40), 0.99), OcrWord("lệ", …), OcrWord("95,5", …)]
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass
class OcrWord:
    text: str
    box: tuple[float, float, float, float]  # x0, top, x1, bottom in image pixels
    confidence: float | None = None  # 0..1; None where the engine gives none


@dataclass
class OcrLine:
    words: list[OcrWord]

    @property
    def box(self) -> tuple[float, float, float, float]:
        return (min(w.box[0] for w in self.words), min(w.box[1] for w in self.words),
                max(w.box[2] for w in self.words), max(w.box[3] for w in self.words))

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


@dataclass
class OcrRead:
    image: np.ndarray  # the page as the engine read it (straightened): boxes are in its pixels
    lines: list[OcrLine]


def split_words(text: str, box, confs: list[float] | None) -> list[OcrWord]:
    """A line's words, each with its share of the line's box by characters and the lowest confidence of its
    own characters (``confs``, one per character of ``text``; None: the engine gives none)."""
    x0, top, x1, bottom = (float(v) for v in box)
    per_char = (x1 - x0) / max(len(text), 1)
    words, pos = [], 0
    for part in text.split(" "):
        if part:
            c = confs[pos:pos + len(part)] if confs else None
            words.append(OcrWord(part, (x0 + pos * per_char, top, x0 + (pos + len(part)) * per_char, bottom),
                                 min(c) if c else None))
        pos += len(part) + 1
    return words
