"""OCR'd syllables checked against a Vietnamese dictionary: a misread tone or vowel hat put back where the
dictionary confirms it.

The engines read the letters of a 200-dpi scan well and the marks above them less well: "đất đai" comes
out "đắt đai", "bản đồ" "bản đổ", "gắn liền" "gẫn liễn", "Ủy ban" "Úy ban", "HỒ CHÍ MINH" "HỐ CHÍ MINH"
(bench.format_questions' scans). Every one of those is a word of the dictionary once its marks are put
back, and none is as read. So, within one line or cell:

- two neighbouring syllables that make no dictionary word, while syllables with the same letters (marks
  aside) do, are that word — the reading with the fewest syllables changed, if only one is that close;
  a syllable that makes a word with its other neighbour is read right and never changed;
- a syllable no dictionary word holds ("tiển") is the reading of its letters this document uses most
  ("tiền"), when one is used more than the others; failing that, the one syllable a letter away that
  makes a word with a neighbour read right ("THỦ TUỨNG" → "THỦ TƯỚNG").

The dictionary is underthesea's word list (Viet74K, 74,000 words, in the wheel this project already
installs) and the province names. A syllable keeps its length (its marks change, or one
letter of one no dictionary word holds), so the spans of unsure words stay where they were.

    correct_line("giao đắt, cho thuê đắt theo bản đổ")  → "giao đất, cho thuê đất theo bản đồ"
    correct_line("HỐ CHÍ MINH")                        → "HỒ CHÍ MINH"
"""
from __future__ import annotations

import functools
import importlib.util
import re
from collections import Counter
from pathlib import Path

from ground.normalize import fold, nfc, tone_style
from ground.provinces import PROVINCES

# A word as OCR gives it: punctuation around letters ("(số", "đai,", "“Hồ"), or anything else (numbers,
# symbols such as "4085/UBND-ĐT"), which is left alone and breaks the run of neighbours.
_WORD = re.compile(r"^([^\w]*)([^\W\d_]+)([^\w]*)$")
_DICTIONARY = ("corpus", "data", "Viet74K.txt")  # inside the underthesea package
# Below this confidence a word may be misread: on the made scans (bench.format_questions, trueocr) 1 % of the
# syllables read with 0.9 or more are in no word of the printed text, 17-73 % of those read with less.
SURE = 0.9
MIN_USED = 2  # a spelling the document reads with confidence at least this often


# Running text inside the same wheel: the tagged VLSP 2013 test sentences the part-of-speech model was
# checked on (one word a line, a blank line between sentences). It gives the pairs a dictionary has no
# entry for ("về việc", "đối với") and how common a syllable is ("về" against "vế").
_RUNNING_TEXT = ("pipeline", "pos_tag", "models", "pos_crf_vlsp2013_20230303", "test_output.txt")
COMMONER = 20  # a reading this many times commoner in running text outweighs the document's own usage
# … and a confident reading that makes no word ("vế" for "về"): measured on the cached reads of the ten made
# scans (/work/s11/scan/ocr-cache), any reading commoner at all also turns "Bộ" into "Bố", "đã" into "đá"
CONFIDENT_COMMONER = 20
# … and only below this confidence: there the engine's confident misreads are ("vế" 0.90-0.94, "suắt" 0.98);
# at 1.0 it reads "bán ra" and "hàng than" right, and no dictionary pair holds them
CERTAIN = 0.99


class Lexicon:
    def __init__(self, words: list[str], running: list[str] = ()):
        self.syllables: set[str] = set()
        self.pairs: set[tuple[str, str]] = set()
        self.by_key: dict[tuple[str, str], set[tuple[str, str]]] = {}
        self.spellings: dict[str, set[str]] = {}
        self.words_with: Counter = Counter()  # how many words hold a syllable: the commoner of two readings
        self.named: set[tuple[str, str]] = set()  # pairs of a capitalised entry: a place's or a person's name
        for entry in words:
            for part in re.split(r"[,;()]", entry):
                sy = tone_style(nfc(part)).lower().split()
                if part.strip()[:1].isupper():
                    self.named.update(zip(sy, sy[1:], strict=False))
                if not sy or not all(s.isalpha() for s in sy):
                    continue
                for s in sy:
                    self.words_with[s] += 1
                    if s not in self.syllables:
                        self.syllables.add(s)
                        self.spellings.setdefault(fold(s), set()).add(s)
                self._pairs(sy)
        self.seen: Counter = Counter()  # syllables of the running text
        together: Counter = Counter()
        sentence: list[str] = []
        for line in list(running) + [""]:
            word = line.split("\t")[0].strip()
            sy = tone_style(nfc(word)).lower().split()
            if sy and all(x.isalpha() and x in self.syllables for x in sy):
                sentence += sy
                self.seen.update(sy)
                continue
            together.update(zip(sentence, sentence[1:], strict=False))  # a run between punctuation ends
            sentence = []
        # a pair of running text counts from its second time: once may be a slip ("ăn cắp chứng …")
        self._pairs([p for p, n in together.items() if n >= 2], flat=False)

    def _pairs(self, sy: list, flat: bool = True) -> None:
        for a, b in zip(sy, sy[1:], strict=False) if flat else sy:
            if (a, b) not in self.pairs:
                self.pairs.add((a, b))
                self.by_key.setdefault((fold(a), fold(b)), set()).add((a, b))


    @functools.cached_property
    def one_off(self) -> dict[str, set[str]]:
        """Syllables by their folded letters with one letter blanked ("tu*ng" → tướng, tưởng, tường, …)."""
        out: dict[str, set[str]] = {}
        for s in self.syllables:
            f = fold(s)
            for k in range(len(f)):
                out.setdefault(f[:k] + "*" + f[k + 1:], set()).add(s)
        return out

    def near(self, word: str) -> set[str]:
        """Syllables of ``word``'s length whose letters differ from its own in one place."""
        f = fold(word)
        return {s for k in range(len(f)) for s in self.one_off.get(f[:k] + "*" + f[k + 1:], ())
                if len(s) == len(word) and fold(s) != f}


def _dictionary_file(parts: tuple[str, ...] = _DICTIONARY) -> Path | None:
    spec = importlib.util.find_spec("underthesea")  # found, not imported: importing it loads its models
    for folder in (spec.submodule_search_locations or []) if spec else []:
        path = Path(folder).joinpath(*parts)
        if path.exists():
            return path
    return None


@functools.cache
def lexicon() -> Lexicon | None:
    """The dictionary, once a process; None without underthesea's word list (OCR text is then left as read)."""
    path = _dictionary_file()
    if path is None:
        return None
    text = _dictionary_file(_RUNNING_TEXT)
    return Lexicon(path.read_text(encoding="utf-8").splitlines() + PROVINCES,
                   text.read_text(encoding="utf-8").splitlines() if text else [])


def _cased(like: str, word: str) -> str:
    if len(like) > 1 and like.isupper():
        return word.upper()
    return word[0].upper() + word[1:] if like[0].isupper() else word


def _titled(word: str) -> bool:
    """Capitalised, not all capitals: how names are written in running text and signatures."""
    return word[0].isupper() and not word.isupper()


def _in_name(parts: list, i: int) -> bool:
    """Whether word ``i`` is one of two or more capitalised words in a row, as a person's name is written
    (a capitalised word alone opens a sentence or a cell: "Cắp chứng chỉ" is "Cấp")."""
    def titled(k: int) -> bool:
        return 0 <= k < len(parts) and parts[k] is not None and _titled(parts[k].group(2))
    return titled(i) and (titled(i - 1) or titled(i + 1))


def _marks(a: str, b: str) -> int:
    return sum(x != y for x, y in zip(a, b, strict=False))


def _may(read: str, new: str, sure: bool, used: Counter, lex: Lexicon) -> bool:
    """May the syllable ``read`` be taken for ``new``? Not when it was read right (``sure``), nor when this
    document reads it with confidence as often as ``new`` ("đang áp dụng" is no "đẳng áp") — unless ``new``
    is far the commoner in running text (an engine that reads every "thầu" as "thấu", "về" as "vế")."""
    if new == read:
        return True
    if sure or len(new) != len(read):
        return False
    return not (used[read] >= MIN_USED and used[read] >= used[new]) or lex.seen[new] >= COMMONER * (lex.seen[read] + 1)


def correct_line(text: str, used: Counter | None = None, doubtful: list[bool] | None = None,
                 lex: Lexicon | None = None, hedged: list[bool] | None = None) -> str:
    """``text`` with its misread marks put back (see the module's doc). ``used``: how often this document
    reads each syllable (lower case) with confidence; ``doubtful``: per space-separated word, whether the
    engine was unsure of it (None: every word may be changed); ``hedged``: whether it was short of
    certain (below ``CERTAIN``), so that a confident reading making no word may still change (None: none)."""
    lex = lex or lexicon()
    if lex is None or not text:
        return text
    used = used or Counter()
    words = text.split(" ")
    n = len(words)
    parts = [_WORD.match(w) for w in words]
    low = [m.group(2).lower() if m else None for m in parts]
    # may change: what the engine was unsure of, and what no dictionary word holds however sure it was
    free = [low[i] is not None and (doubtful is None or doubtful[i] or low[i] not in lex.syllables)
            for i in range(n)]

    def linked(i: int) -> bool:  # i and i+1 are neighbours: letters both, no punctuation between
        return i + 1 < n and low[i] is not None and low[i + 1] is not None \
            and not parts[i].group(3) and not parts[i + 1].group(1)

    sure = [not f for f in free]  # read confidently, or makes a dictionary word with a neighbour
    paired = [False] * n  # makes a dictionary word with a neighbour
    for i in range(n - 1):
        if linked(i) and (low[i], low[i + 1]) in lex.pairs:
            sure[i] = sure[i + 1] = paired[i] = paired[i + 1] = True
    fixes: dict[int, set[str]] = {}
    for i in range(n - 1):
        if not linked(i) or (sure[i] and sure[i + 1]):
            continue
        # two capitalised words may be a name ("Tống Thanh Hải"): only a name of the dictionary is read there
        name = _titled(parts[i].group(2)) and _titled(parts[i + 1].group(2))
        options = [(a, b) for a, b in lex.by_key.get((fold(low[i]), fold(low[i + 1])), ())
                   if _may(low[i], a, sure[i], used, lex) and _may(low[i + 1], b, sure[i + 1], used, lex)
                   and (not name or (a, b) in lex.named)]
        if not options:
            continue
        # the fewest syllables changed, then the fewest marks, then the word of commoner syllables
        ranked = sorted(((a != low[i]) + (b != low[i + 1]), _marks(a, low[i]) + _marks(b, low[i + 1]),
                         -min(lex.seen[a], lex.seen[b]), -min(lex.words_with[a], lex.words_with[b]), a, b)
                        for a, b in options)
        if len(ranked) > 1 and ranked[0][:4] == ranked[1][:4]:
            continue  # two words as close: the dictionary cannot say which was printed
        *_, a, b = ranked[0]
        fixes.setdefault(i, set()).add(a)
        fixes.setdefault(i + 1, set()).add(b)
    for i in range(n):
        if sure[i] or i in fixes or (low[i] in lex.syllables and (used[low[i]] or _in_name(parts, i))):
            continue  # (a capitalised run may be a name: "Tống Thanh Hải" is no "Tổng")
        # no word confirms it, and the document never reads it so with confidence: the spelling of its
        # letters that the document does read, if one is read more than the others
        counts = sorted(((used[s], s) for s in lex.spellings.get(fold(low[i]), ()) if len(s) == len(low[i])),
                        reverse=True)
        if counts and counts[0][0] >= MIN_USED and (len(counts) == 1 or counts[0][0] > counts[1][0]):
            fixes[i] = {counts[0][1]}
            continue
    for i in range(n):
        if low[i] is None or i in fixes or free[i] or paired[i] or _in_name(parts, i) \
                or hedged is None or not hedged[i]:
            continue
        # read with confidence, yet making no word with either neighbour: the engine misreads one mark
        # confidently and everywhere ("đấu thầu" as "đấu thấu", "về" as "vế", "điều" as "điểu"). Its letters
        # with the one mark that makes a word with a neighbour, if exactly one reading does
        if i > 0 and not linked(i - 1) or i + 1 < n and not linked(i):
            continue  # beside punctuation ("(gọi tắt là"): it may make a word with what the mark cuts off
        pairs = [(i - 1, True)] * (i > 0) + [(i + 1, False)] * (i + 1 < n)
        near = {a for a in lex.spellings.get(fold(low[i]), ()) if a != low[i] and len(a) == len(low[i])
                and lex.seen[a] >= CONFIDENT_COMMONER * (lex.seen[low[i]] + 1)
                for j, before in pairs if ((low[j], a) if before else (a, low[j])) in lex.pairs}
        if len(near) == 1:
            fixes[i] = near
    for i in range(n):
        if low[i] is None or i in fixes or low[i] in lex.syllables:
            continue
        # a syllable no word holds, one letter misread ("THỦ TUỨNG", read with confidence too): the syllable
        # a letter away that makes a word with a neighbour read right, if exactly one does
        if fold(low[i]) in lex.spellings:
            continue  # its letters are a syllable's: a mark was misread, not a letter ("Vể việc" is no "Vụ việc")
        near = {t for t in lex.near(low[i])
                if (i > 0 and linked(i - 1) and sure[i - 1] and (low[i - 1], t) in lex.pairs)
                or (linked(i) and sure[i + 1] and (t, low[i + 1]) in lex.pairs)}
        if len(near) == 1:
            fixes[i] = near
    out = list(words)
    for i, got in fixes.items():
        if len(got) != 1:
            continue  # the left and the right word disagree
        new = got.pop()
        if new != low[i]:
            pre, core, post = parts[i].groups()
            out[i] = pre + _cased(core, new) + post
    return " ".join(out)


def count_sure(words, counts: Counter) -> None:
    """Add to ``counts`` the syllables of ``words`` (OcrWord) read with confidence."""
    for w in words:
        m = _WORD.match(w.text)
        if m and (w.confidence is None or w.confidence >= SURE):
            counts[m.group(2).lower()] += 1


def correct_words(words, used: Counter) -> None:
    """Correct a recognised line's words (OcrWord, in reading order) in place; only those the engine
    was unsure of change."""
    texts = [w.text for w in words]
    if any(" " in t or not t for t in texts):
        return
    fixed = correct_line(" ".join(texts), used, [w.confidence is not None and w.confidence < SURE for w in words],
                         hedged=[w.confidence is not None and w.confidence < CERTAIN for w in words])
    for w, t in zip(words, fixed.split(" "), strict=True):
        w.text = t
