"""Read a question: language, provinces, years, intent, and chat follow-ups.

    analyse("Mục tiêu nhà ở xã hội của Kon Tum đến năm 2030?")
      → lang "vi", provinces ["Kon Tum"], years [2030], intent "target"
    analyse("Compare the 2030 social housing targets of An Giang and Kon Tum")
      → lang "en", provinces ["An Giang", "Kon Tum"], years [2030], intent "compare"
    analyse("Còn năm 2025 thì sao?", history=[...previous question...])
      → the previous topic and province with year 2025
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ground.admin_units import successor
from ground.normalize import fold
from ground.provinces import find_provinces, without_provinces

from . import legal, lexicon
from .asked import NOTHING, Asked, anchors_of, asked, figures_of
from .english import untranslated_words, vietnamese_phrases
from .glossary import expand, translate_terms
from .lexicon import EN_WORDS, FOLLOW_UP_FILLER, OFFICIAL_TERMS

_VI_CHARS = re.compile(r"[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]", re.I)
_YEAR = re.compile(r"(?<![\d.,/])(19\d\d|20\d\d)(?![\d.,]\d)")
# everyday words → the official words the plans use (the list: ``lexicon.OFFICIAL_TERMS``)
_OFFICIAL = re.compile("|".join(re.escape(k) for k in sorted(OFFICIAL_TERMS, key=len, reverse=True)), re.I)


_THOUSANDS = re.compile(r"\b(\d{1,3})\s*(nghìn|ngàn)\b", re.I)
_TEN_THOUSAND = re.compile(r"\b(0?1\s+)?vạn\b", re.I)


def official_terms(text: str) -> str:
    """`"tỷ lệ bao phủ bảo hiểm y tế"` → `"tỷ lệ tham gia bảo hiểm y tế"`;
    `"trên 10 nghìn dân"` / `"trên vạn dân"` → `"trên 10.000 dân"` (the tables' way of writing it)."""
    text = _OFFICIAL.sub(lambda m: OFFICIAL_TERMS[m.group(0).lower()], text)
    text = _THOUSANDS.sub(lambda m: f"{m.group(1)}.000", text)
    return _TEN_THOUSAND.sub("10.000", text)


@dataclass(frozen=True)
class Question:
    """A question read once: everything the answering reads of its words is here, never the raw text
    again (a changed filter makes a new value with ``dataclasses.replace``)."""
    text: str  # as asked
    effective: str  # with the previous turn's topic filled in for follow-ups
    lang: str
    provinces: list[str] = field(default_factory=list)
    years: list[int] = field(default_factory=list)
    intent: str = "target"
    follow_up: bool = False
    other_places: list[str] = field(default_factory=list)  # provinces named but not indexed
    asks: Asked = NOTHING  # the type of value asked for: a duration, a period, a year, a count (in what)
    facts: tuple[str, ...] = ()  # facts about a document asked for: "signer", "number", "date", …
    place: legal.Place | None = None  # "khoản 3 Điều 2": the legal place named
    which_article: bool = False  # "Điều nào quy định …"
    columns: tuple[str, ...] = ()  # kinds of table column asked for: "who", "partner", "when", "how_much"
    asks_total: bool = False  # "tổng cộng", "total number"
    figures: frozenset[str] = frozenset()  # figures quoted, years aside ("90–95%")
    anchors: frozenset[str] = frozenset()  # figures and acronyms a source may share ("WO3", "BIM")
    acronyms: frozenset[str] = frozenset()  # words written in capitals ("GDP", "FDI")
    glossed: str = ""  # folded, with the glossary's Vietnamese for its English words: which sub-row is named
    renderings: tuple[str, ...] = ()  # the glossary's Vietnamese for its English terms, in order ("nhà ở xã hội")
    # the same for its topic: a document it names by number ("Resolution 82/2025/NQ-HĐND") left out — which
    # document is the filter's business, not a topic word of a passage
    topic_renderings: tuple[str, ...] = ()
    search_words: str = ""  # ``effective`` with every rendering appended: the words BM25 is asked with
    vi_phrases: tuple[str, ...] = ()  # an English question's Vietnamese, quoted or written ("“Tỷ lệ hộ nghèo”")
    untranslated: tuple[str, ...] = ()  # an English question's content words the glossary does not read ("cows")
    # those of them the vectors match to a word the documents use (``read._aligned``): ("insurance", "bảo hiểm")
    aligned: tuple[tuple[str, str], ...] = ()
    # every province the question names, indexed or not, kept where the filters move it out of ``provinces``:
    # the row of a national table it asks about ("thành phố Hải Phòng" → "23. Tp Hải Phòng")
    places: tuple[str, ...] = ()
    documents: tuple[str, ...] = ()  # the indexed documents it names (``read.documents_named``): the search keeps to them

    @property
    def vector_text(self) -> str:
        """The text the vectors are asked with: ``effective`` without the names of the *former* units asked
        (merged into a successor in 2025; the search is filtered to both's documents already). Kept, the
        old name pulls the vectors towards the chunks that repeat it — the former unit's own plan — and away
        from the successor's later documents, which govern the territory under the new name (a Quảng Ngãi
        decision for Kon Tum): "Sở nào … đấu thầu ở Kon Tum?" → "Sở nào … đấu thầu ở?". A current unit's
        name stays: measured on qa2 (every vector), dropping every place's name lost 3 tune questions."""
        former = [p for p in self.provinces if successor(p) not in (None, p)]
        if not former:
            return self.effective
        return " ".join(without_provinces(self.effective, former).split())


EN_MAX_VI_SHARE = 0.12  # English function words carry it, and few letters bear Vietnamese marks (names, terms)
VI_MIN_SHARE = 0.03  # else Vietnamese as soon as a few letters bear its marks (a question typed without them is rare)
_QUOTED_TERM = re.compile(r"“[^”]*”|\"[^\"]*\"|«[^»]*»")  # not apostrophes: "An Giang's"


def language(text: str) -> str:
    """English when English function words carry the sentence, even around a quoted Vietnamese term.

    A quoted term is cited, not the language the question is written in, so it is left out:
    "What is An Giang's 2025 target for “Tỷ lệ lực lượng lao động … bảo hiểm xã hội”?" → "en";
    so are province names: "What is Bình Định's 2025 target for “Tỷ lệ hộ nghèo”?" → "en".
    """
    outside = _QUOTED_TERM.sub(" ", text)
    if sum(w in EN_WORDS for w in re.findall(r"[a-z]+", outside.lower())) >= 2:
        text = without_provinces(outside)  # "Bình Định's" is a name, not Vietnamese prose
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return "vi"
    words = re.findall(r"[a-z]+", text.lower())
    english = sum(w in EN_WORDS for w in words)
    vi = len(_VI_CHARS.findall(text)) / len(letters)
    if english >= 2 and vi < EN_MAX_VI_SHARE:
        return "en"
    return "vi" if vi > VI_MIN_SHARE else "en"


def years_in(text: str) -> list[int]:
    return [int(y) for y in _YEAR.findall(text)]


def fact_kind(question: str) -> str | None:
    kinds = fact_kinds(question)
    return kinds[0] if kinds else None


def fact_kinds(question: str) -> list[str]:
    """Every fact about a document the question asks for, in a fixed order: "số hiệu và ngày ban hành"
    → number, date; "số mấy, ai ký, ngày nào" → number, date, signer. ``fact_kind("Ai ký kế hoạch của
    An Giang?")`` → "signer"."""
    f = fold(question)
    found = [k for k, rx in PART_PATTERNS if rx.search(f)]
    if lexicon.ROW_BASIS.search(f):  # a procedure's legal basis, "số mấy" of the law it cites: a row's, not the
        found = [k for k in found if k not in ("implements", "number")]  # document's own number or grounds
    if lexicon.SUBMISSION_NUMBER.search(f):  # the submission's number, asked with its proposer
        found = [k for k in found if k != "number"]
    if lexicon.OTHER_LAW_EFFECT.search(f) or lexicon.EFFECT_AS_START.search(f):  # a law's date of effect named in the
        found = [k for k in found if k != "effective"]  # document asked, or a time limit counted from its own
    if not found and lexicon.WHICH_DOC.search(f):
        return ["which"]
    return found


# every part a document-facts question may ask, in the order the reply states them
PART_PATTERNS = (("number", lexicon.NUMBER), ("date", lexicon.DATE), ("issuer", lexicon.ISSUER),
                 ("signer", lexicon.SIGNER), ("effective", lexicon.EFFECTIVE), ("replaces", lexicon.REPLACES),
                 ("amends", lexicon.AMENDS),
                 ("implements", lexicon.IMPLEMENTS), ("reply", lexicon.REPLY), ("addressee", lexicon.ADDRESSEE),
                 ("session", lexicon.SESSION), ("proposer", lexicon.PROPOSER), ("verifier", lexicon.VERIFIER))
# parts that make a question about the document itself by themselves (a number or date may only name it)
_OWN_PARTS = ("implements", "which", "effective", "replaces", "amends", "issuer", "reply", "addressee", "session", "proposer",
              "verifier")


def columns_asked(question: str) -> tuple[str, ...]:
    """The kinds of table column a question asks for by its words: who leads, with whom, when, how much."""
    kinds = (("who", lexicon.ASK_WHO), ("partner", lexicon.ASK_PARTNER), ("when", lexicon.ASK_WHEN),
             ("how_much", lexicon.ASK_HOW_MUCH))
    return tuple(k for k, rx in kinds if rx.search(question))


def intent_of(folded: str, provinces: list[str], years: list[int]) -> str:
    kinds = fact_kinds(folded)
    if lexicon.SIGNER.search(folded) or lexicon.METADATA.search(folded) or any(k in _OWN_PARTS for k in kinds) \
            or len(kinds) > 1:
        return "metadata"
    if lexicon.COMPARE.search(folded) or len(provinces) > 1:
        return "compare"
    if lexicon.AGENCY.search(folded):
        return "agency"
    return "target"


def analyse(text: str, history: list[str] | None = None, known: list[str] | None = None,
            original: str | None = None) -> Question:
    """``history``: earlier questions of this chat, oldest first. ``known``: indexed provinces.
    ``original``: the question as typed, where ``text`` is it with accents restored (its figures and
    capitals are read from what was typed)."""
    folded = fold(text)
    found = find_provinces(text)
    known = known or []
    provinces = [p for p in found if p in known]
    others = [p for p in found if p not in known]
    years = years_in(text)
    effective = text
    follow = False
    if history and _looks_like_follow_up(text, folded, provinces, years):
        prev = analyse(history[-1], history[:-1], known)
        follow = True
        effective = _rewrite(prev, provinces, years, _new_phrase(text, provinces, years))
        if not provinces and not others:
            provinces = prev.provinces
        if not years:
            years = prev.years
        folded = fold(effective)
    lang = language(text)
    if lang == "vi":
        effective = official_terms(effective)
    typed = text if original is None else original
    renderings = tuple(translate_terms(effective))
    topic_renderings = tuple(translate_terms(lexicon.DOC_REF.sub(" , ", effective))) if lang == "en" else ()
    english = lang == "en"  # a Vietnamese question's words are matched as they are
    vi_phrases = tuple(vietnamese_phrases(effective)) if english else ()
    untranslated = tuple(untranslated_words(effective)) if english else ()
    return Question(text=typed, effective=effective, lang=lang, provinces=provinces, years=years,
                    intent=intent_of(folded, provinces, years), follow_up=follow, other_places=others,
                    asks=asked(effective, lang), facts=tuple(fact_kinds(effective)),
                    place=legal.named_place(effective), which_article=legal.asks_which_article(effective),
                    columns=columns_asked(effective), asks_total=bool(lexicon.ASK_TOTAL.search(effective)),
                    figures=frozenset(figures_of(typed)), anchors=anchors_of(typed),
                    glossed=fold(effective + " " + " ".join(renderings)), renderings=renderings, topic_renderings=topic_renderings,
                    search_words=expand(effective, renderings), vi_phrases=vi_phrases, untranslated=untranslated,
                    acronyms=frozenset(re.findall(r"\b[A-Z]{2,6}\b", typed)), places=tuple(found or provinces))


def _looks_like_follow_up(text: str, folded: str, provinces: list[str], years: list[int]) -> bool:
    """Short, and carries only a year or a place: "Còn năm 2025 thì sao?", "và An Giang?"."""
    words = re.findall(r"\w+", folded)
    if lexicon.FOLLOW_UP.match(folded) and len(words) <= 8:
        return True
    residue = folded
    for y in years:
        residue = residue.replace(str(y), " ")
    for p in provinces:
        residue = residue.replace(fold(p), " ")
    content = [w for w in re.findall(r"[a-z]+", residue)
               if w not in FOLLOW_UP_FILLER]
    return len(content) <= 1 and bool(provinces or years)


# A follow-up's opening and closing words, around what it names: "và cho nông thôn?", "còn cấp xã thì sao?", "and for
# each ward?", "what about rural areas?"
_FOLLOW_OPEN = re.compile(r"(?i)^\W*(?:thế còn|vậy còn|và|còn|and|what about|how about|same for)\s+")
_FOLLOW_CLOSE = re.compile(r"(?i)\s*(?:thì sao|thì thế nào|then)?\s*[?.!]*\s*$")
# the word leading the phrase a follow-up names instead of one of the question before ("for urban areas" → "for rural
# areas", "cho đô thị" → "cho nông thôn")
_PHRASE_LEAD = re.compile(r"(?i)^(đối với|for|in|at|of|under|with|when|cho|ở|tại|của|với|trong|khi)\s+(.+)$")


def _new_phrase(text: str, provinces: list[str], years: list[int]) -> str:
    """What a follow-up names besides a place and a year, or "" where it names nothing else.

    >>> _new_phrase("và cho nông thôn?", [], []), _new_phrase("and for each ward?", [], []), _new_phrase("Còn năm 2025 thì sao?", [], [2025])
    ('cho nông thôn', 'for each ward', '')
    """
    phrase = _FOLLOW_CLOSE.sub("", _FOLLOW_OPEN.sub("", text)).strip(" ,;")
    residue = without_provinces(phrase, provinces) if provinces else phrase
    for y in years:
        residue = residue.replace(str(y), " ")
    content = [w for w in re.findall(r"\w+", fold(residue)) if w not in FOLLOW_UP_FILLER]
    return phrase if content and not provinces and not years else ""


_LAST_PHRASE = re.compile(r"[^,;.?()]*\??\s*")
_VI_ASKS = re.compile(r"(?i)(?<!\w)(?:là|bao nhiêu|bao lâu|nào|gì|ai|đâu|thế nào)(?!\w)")


def _put_phrase(question: str, phrase: str) -> str:
    """``question`` with ``phrase`` in the place of the phrase it names with the same leading word and as many words
    after it (the last such); the phrase added at its end where no phrase leads so.

    >>> _put_phrase("what is the price of groundwater for urban areas", "for rural areas")
    'what is the price of groundwater for rural areas'
    >>> _put_phrase("giá nước dưới đất phục vụ cho đô thị là bao nhiêu?", "cho nông thôn")
    'giá nước dưới đất phục vụ cho nông thôn là bao nhiêu?'
    """
    m = _PHRASE_LEAD.match(phrase)
    if m:
        n = len(m.group(2).split())
        spots = list(re.finditer(rf"(?i)(?<!\w){re.escape(m.group(1))}((?:\s+[^\s,;?.]+){{{n}}})", question))
        if spots:
            at = spots[-1]
            # the question's last phrase is replaced whole ("… approve for the Department of Culture and Sports" →
            # "… for commune-level People's Committees"), however many words each has
            rest = question[at.end():]
            last = _LAST_PHRASE.fullmatch(rest) and not _VI_ASKS.search(rest)  # not "… cho đô thị là bao nhiêu?"
            end = len(question.rstrip(" ?")) if last else at.end()
            return question[:at.start()] + phrase + question[end:]
    return f"{question.rstrip(' ?')} {phrase}"


def _rewrite(prev: Question, provinces: list[str], years: list[int], phrase: str = "") -> str:
    """Previous question with its province(s) and year(s) replaced by the new ones, or the phrase it names instead of
    one of its own ("… for urban areas" → "… for rural areas" after "and for rural areas?", ``_put_phrase``)."""
    out = _put_phrase(prev.effective, phrase) if phrase else prev.effective
    if years:
        old = years_in(out)
        if old:
            out = _YEAR.sub(str(years[0]), out, count=1)
            for y in old[1:]:
                out = out.replace(str(y), "")
        else:
            out = f"{out} {'năm' if prev.lang == 'vi' else 'in'} {years[0]}"
    if provinces:
        replaced = False
        for p in prev.provinces:
            pattern = re.compile(re.escape(p), re.I)
            if pattern.search(out):
                out = pattern.sub(provinces[0], out, count=1)
                replaced = True
        if not replaced:
            out = f"{out} ({provinces[0]})"
    return out
