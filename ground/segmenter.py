"""underthesea's Vietnamese word segmenter, loaded once and whole before any thread uses it.

``underthesea.word_tokenize`` loads its model on first call and publishes it *before* the load ends
(``word_tokenize_model`` is set, then filled): a second thread calling it meanwhile finds a model without
its featurizer (``AttributeError: 'NoneType' object has no attribute 'process'``). The app segments on several
threads at once — a question, the vector pass reading the documents' words, an upload — so every caller gets
the function from here, after one call under a lock has loaded it whole.
"""
from __future__ import annotations

import threading

_lock = threading.Lock()
_ready = None


def word_segmenter():
    """``underthesea.word_tokenize``, its model loaded (4–5 s on first use, then nothing).

    >>> word_segmenter()("Hồ sơ đề nghị cấp giấy phép")
    ['Hồ sơ', 'đề nghị', 'cấp', 'giấy phép']
    """
    global _ready
    if _ready is None:
        with _lock:
            if _ready is None:
                from underthesea import word_tokenize

                word_tokenize("khởi động")  # loads the model now, under the lock
                _ready = word_tokenize
    return _ready
