"""The asterocr engine (PyPI ``asterocr``, MIT): a CTC line recognizer, ONNX weights in the wheel (~41 MB).

asterocr reads one text line at a time and finds no lines itself: the page is straightened and its lines
found by trueocr's detector (so this engine needs both packages); each line crop is read by asterocr.
Its ``predict`` returns text only, so the network is run here to keep each character's peak probability
(softmax of the CTC output), from which a word's confidence is its lowest character's.

    Engine().read(gray) → OcrRead(image, [OcrLine([OcrWord("KẾ", box, 0.98), …]), …])
"""
from __future__ import annotations

import unicodedata

import numpy as np

from .ocr_words import OcrLine, OcrRead, split_words

MAX_STEPS = 240  # the network's positions (256), with room for rounding


class Engine:
    name = "asterocr"

    def __init__(self):
        from pathlib import Path

        import asterocr
        import trueocr
        from trueocr.page import PageEngine

        weights = Path(asterocr.__file__).parent / "assets" / "asternet.onnx"
        if not weights.is_file():  # else asterocr would fetch them from the network: never at run time
            raise ImportError(name=f"asterocr's bundled weights ({weights})")
        self.page = PageEngine(Path(trueocr.__file__).parent / "models", threads=1)
        self.model = asterocr.AsterOCR(model_path=str(weights), enable_telemetry=False)

    def read(self, gray: np.ndarray, name: str = "", page: int = 0) -> OcrRead:
        gray, _turns, _skew = self.page.upright(np.ascontiguousarray(gray))
        h, w = gray.shape
        lines = []
        for box in self.page.detect(gray):
            x0, y0 = (max(0, int(v)) for v in np.floor(box[:2]))
            x1, y1 = min(w, int(np.ceil(box[2]))), min(h, int(np.ceil(box[3])))
            if x1 - x0 < 2 or y1 - y0 < 2:
                continue
            text, confs = self._line(gray[y0:y1, x0:x1])
            if text.strip():
                lines.append(OcrLine(split_words(text, (x0, y0, x1, y1), confs)))
        return OcrRead(gray, lines)

    def _line(self, crop: np.ndarray) -> tuple[str, list[float]]:
        """A line, cut at its emptiest columns into pieces the network takes (≤ MAX_STEPS steps of 4 px at
        height 32: a longer input fails inside onnxruntime), read piece by piece."""
        h, w = crop.shape
        pieces = -(-w * 32 // h // (4 * MAX_STEPS))  # ceil
        if pieces <= 1:
            return self._piece(crop)
        ink = (255 - crop.astype(np.int32)).sum(0)
        cuts, step = [0], w / pieces
        for k in range(1, pieces):
            lo, hi = int(k * step - step / 4), int(k * step + step / 4)
            cuts.append(lo + int(np.argmin(ink[lo:hi])))
        cuts.append(w)
        text, confs = "", []
        for a, b in zip(cuts, cuts[1:], strict=False):
            t, c = self._piece(crop[:, a:b])
            if t:
                if text:
                    text, confs = text + " ", confs + [1.0]
                text, confs = text + t, confs + c
        return text, confs

    def _piece(self, crop: np.ndarray) -> tuple[str, list[float]]:
        m = self.model
        out = m.session.run([m.output_name], {m.input_name: m.preprocess_image(crop)})[0]
        steps = out[:, 0, :] if out.shape[1] == 1 else out[0]
        probs = np.exp(steps - steps.max(-1, keepdims=True))
        probs /= probs.sum(-1, keepdims=True)
        best = probs.argmax(-1)
        text, confs, prev = "", [], -1
        for t, idx in enumerate(best):
            idx = int(idx)
            if idx != prev and idx != m.vocab.blank_idx:
                ch = unicodedata.normalize("NFC", m.vocab.idx2char.get(idx, ""))
                if ch.isspace():
                    ch = " " if text and not text.endswith(" ") else ""
                text += ch
                confs += [float(probs[t, idx])] * len(ch)
            prev = idx
        while text.endswith(" "):
            text, confs = text[:-1], confs[:-1]
        return text, confs
