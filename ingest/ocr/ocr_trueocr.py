"""The trueocr engine (PyPI ``trueocr``, Apache-2.0): ONNX text-line detector and CTC recognizer, weights in
the wheel (~8 MB), CPU only.

The page is straightened first (trueocr's own deskew and quarter-turn check) and the lines are read on
that image, which is handed back so that tables are found on the same pixels. trueocr gives a box per
line; a word's box is its share of the line by characters, and its confidence the lowest CTC peak
probability of its own characters (not the line's), so one doubtful figure is flagged, not its line.

    Engine().read(gray) → OcrRead(image, [OcrLine([OcrWord("KẾ", box, 0.99), …]), …])
"""
from __future__ import annotations

import re
import unicodedata

import numpy as np

from .ocr_words import OcrLine, OcrRead, split_words

THREADS = 1  # one core per page, as tesseract: the machine is shared with the server


class Engine:
    name = "trueocr"

    def __init__(self):
        from pathlib import Path

        import trueocr
        from trueocr.page import PageEngine
        from trueocr.recognizer import Recognizer

        models = Path(trueocr.__file__).parent / "models"  # inside the wheel: nothing is downloaded
        self.page = PageEngine(models, threads=THREADS)
        self.rec = Recognizer(models, threads=THREADS)

    def read(self, gray: np.ndarray, name: str = "", page: int = 0) -> OcrRead:
        gray, _turns, _skew = self.page.upright(np.ascontiguousarray(gray))
        h, w = gray.shape
        boxes, crops = [], []
        for box in self.page.detect(gray):
            x0, y0 = (int(v) for v in np.floor(box[:2]))
            x1, y1 = (int(v) for v in np.ceil(box[2:4]))
            x0, y0, x1, y1 = max(0, x0), max(0, y0), min(w, x1), min(h, y1)
            if x1 > x0 and y1 > y0:
                boxes.append((x0, y0, x1, y1))
                crops.append(gray[y0:y1, x0:x1])
        lines = []
        for box, (text, confs) in zip(boxes, self._recognise(crops), strict=True):
            if text.strip():
                lines.append(OcrLine(split_words(text, box, confs)))
        return OcrRead(gray, lines)

    def _recognise(self, crops: list[np.ndarray]) -> list[tuple[str, list[float]]]:
        """Text and one confidence per character of it (trueocr's decode, keeping the per-step peaks)."""
        from trueocr.preprocess import pad_batch, prepare_image, width_batches

        r = self.rec
        prepared = [prepare_image(c, max_width=r.max_width, pad_y=r.pad_y, pad_x=r.pad_x) for c in crops]
        out: list[tuple[str, list[float]]] = [("", [])] * len(prepared)
        for selected in width_batches([p.shape[1] for p in prepared], max_batch=32):
            tensor, widths = pad_batch([prepared[i] for i in selected])
            ids, conf, lengths = r.session.run(["ids", "conf", "lengths"], {"x": tensor, "widths": widths})
            for j, index in enumerate(selected):
                seq = ids[j, : int(lengths[j])]
                keep = (seq != 0) & np.concatenate(([True], seq[1:] != seq[:-1]))  # greedy CTC, blank = 0
                chars = [r.chars[t - 1] for t in seq[keep]]
                peaks = [float(p) for p in conf[j, : int(lengths[j])][keep]]
                out[index] = _tidy(chars, peaks)
        return out


def _tidy(chars: list[str], peaks: list[float]) -> tuple[str, list[float]]:
    """NFC, runs of spaces made one, ends stripped — with the confidences kept in step."""
    text, confs = "", []
    for ch, p in zip(chars, peaks, strict=True):
        ch = unicodedata.normalize("NFC", ch)
        if ch.isspace() and (not text or text[-1] == " "):
            continue
        text += " " if ch.isspace() else ch
        confs += [p] * len(ch if not ch.isspace() else " ")
    while text.endswith(" "):
        text, confs = text[:-1], confs[:-1]
    assert len(text) == len(confs) and not re.search(r"\s\s", text)
    return text, confs
