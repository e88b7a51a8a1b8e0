"""Does a text say what the newsletter says? Pure checks behind the fidelity tests.

Three checks, each returning the problems it found (an empty list means faithful):

- `number_problems(text, source)`: every number and date of a Simplified Chinese text must be one
  the newsletter states *in the same place*. Numbers are read with their decimals, 亿/万 folded in
  (31.6亿 = 3,160,000,000), and Chinese numerals read by `cn2an` (两次, 九家, 六百多). Each number is
  located in the newsletter by its neighbouring words (the number itself masked) and its unit (the
  character after it): the newsletter's number at the best-matching place must be the same. So a
  number moved to another sentence, two numbers swapped (256 ↔ 236, 3.3 ↔ 3.1), or a figure with
  a unit the newsletter never uses with it (三次) is caught.
- `translation_number_problems(text, lang, reference)`: an English or Portuguese text may state
  only numbers and dates its Simplified Chinese original states (USD 3.16 billion = 31.6亿美元;
  "USD 31.6 billion" is not).
- `alignment_problems(text, source)`: each sentence of a Simplified Chinese answer must be covered,
  mostly, by character trigrams of one span of the newsletter.

Fixed expressions that contain numerals but state no number (一国两制, 十三五) and the few reviewed
paraphrases an answer may add (framing such as 据2019年12月的《紧贸安排快讯》) are listed below.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache

import cn2an

from knowledge.messages import month_names
from knowledge.schema import Entry

# The newsletter reports events of 2019: a month and day without a year is in 2019.
SOURCE_YEAR = 2019
# Names that contain numerals but state no number, in each language.
FIXED_EXPRESSIONS: dict[str, tuple[str, ...]] = {
    "zh": (
        "一国两制",
        "一带一路",
        "十三五",
        "五年规划",
        "国际一流",
        "第一线",
        "一段时间",
        "一页",
        "之一",
    ),
    "en": ("One Country, Two Systems", "13th Five-Year Plan", "Five-Year Plan", "two sides"),
    "pt": ("Um País, Dois Sistemas", "Uma Faixa, Uma Rota", "13.º Plano Quinquenal", "duas partes"),
}
# Reviewed wording an answer may add to the newsletter's: each is removed before the checks.
# Keep this list short; every line says why it is not a new fact.
ALLOWED_PARAPHRASES: tuple[tuple[str, str], ...] = (
    ("据2019年12月的《紧贸安排快讯》，", "names the issue that states the fact (its date)"),
    ("以上只是例子，并非完整清单。", "says the newsletter's list is examples ('例如')"),
    ("据国家商务部副部长王炳南在2019年11月20日内地与澳门经贸合作委员会第二次会议上所述，",
     "attributes the quote to its speaker and meeting (article 2)"),
)  # fmt: skip
# Share of a sentence's characters that must lie in trigrams of one newsletter span.
ALIGNMENT_THRESHOLD = 0.7
# How many characters of neighbouring words locate a number (each side).
CONTEXT = 8

_CN_DIGITS = "零〇一二两三四五六七八九十百千万亿"
_DATE = re.compile(
    r"(?:(?P<y>\d{4})年)?(?P<m>\d{1,2})月(?P<d>\d{1,2})日?(?:至(?P<d2>\d{1,2})日)?"
    r"|(?P<y2>\d{4})年(?:度)?"
)
_ARABIC = re.compile(r"(?P<n>\d+(?:,\d{3})*(?:\.\d+)?)(?P<x>[亿万])?")
_CHINESE = re.compile(f"(?P<n>[{_CN_DIGITS}]+)(?P<more>多)?")
_SENTENCE_END = re.compile(r"[。！？]")
_KEEP = re.compile(r"[\w#]")
_MULTIPLIER = {"亿": Decimal(100_000_000), "万": Decimal(10_000)}


@dataclass(frozen=True)
class Mention:
    """A number or date in a text: what it says, its unit, and its neighbouring words."""

    key: tuple[object, ...]  # ("n", value) or ("d", month, day)
    unit: str  # the character after a number; "date" for dates
    left: str  # neighbouring words before (numbers masked as #, punctuation dropped)
    right: str
    text: str  # as written
    year: int | None = None


def compact(text: str) -> str:
    """Whitespace removed: the newsletter's text is broken across lines and letter-spaced."""
    return re.sub(r"\s+", "", text)


def strip_allowed(text: str) -> str:
    for phrase, _why in ALLOWED_PARAPHRASES:
        text = text.replace(phrase, "")
    return text


def _mask_fixed(text: str, lang: str) -> str:
    for expression in FIXED_EXPRESSIONS[lang]:
        text = text.replace(expression, "□" * len(expression))
    return text


def _chinese_value(numeral: str) -> Decimal | None:
    try:
        return Decimal(str(cn2an.cn2an(numeral, "smart")))
    except (ValueError, KeyError, InvalidOperation):
        return None


def mentions(text: str) -> list[Mention]:
    """Numbers and dates of a Simplified Chinese text, each with its unit and neighbours."""
    text = _mask_fixed(compact(text), "zh")
    spans: list[tuple[int, int, tuple[object, ...], str, int | None]] = []
    taken = [False] * len(text)

    def claim(start: int, end: int) -> bool:
        if any(taken[start:end]):
            return False
        taken[start:end] = [True] * (end - start)
        return True

    for m in _DATE.finditer(text):
        if m.group("m") is None and m.group("y2") is None:
            continue
        if not claim(m.start(), m.end()):
            continue
        if m.group("m"):
            year = int(m.group("y")) if m.group("y") else None
            days = [m.group("d")] + ([m.group("d2")] if m.group("d2") else [])
            key: tuple[object, ...] = ("d", int(m.group("m")), *(int(d) for d in days))
            spans.append((m.start(), m.end(), key, "date", year))
        else:
            spans.append((m.start(), m.end(), ("y", int(m.group("y2"))), "date", None))
    for pattern in (_ARABIC, _CHINESE):
        for m in pattern.finditer(text):
            if any(taken[m.start() : m.end()]):
                continue
            if pattern is _ARABIC:
                value: Decimal | None = Decimal(m.group("n").replace(",", "")) * _MULTIPLIER.get(
                    m.group("x") or "", Decimal(1)
                )
            else:
                value = _chinese_value(m.group("n"))
            if value is None:
                continue
            claim(m.start(), m.end())
            unit = text[m.end() : m.end() + 1]
            spans.append((m.start(), m.end(), ("n", value.normalize()), unit, None))
    spans.sort()
    skeleton = _skeleton(text, [(s, e) for s, e, *_ in spans])
    found = []
    for start, end, key, unit, year in spans:
        found.append(
            Mention(key, unit, skeleton.left(start), skeleton.right(end), text[start:end], year)
        )
    return found


@dataclass(frozen=True)
class _Skeleton:
    """The text with every mention replaced by '#', keeping a map of positions."""

    chars: str  # kept characters (letters, digits of nothing, '#') — punctuation dropped
    ends: tuple[int, ...]  # for each text position, how many kept chars precede it
    sentence_starts: tuple[int, ...]  # kept-char index where each text position's sentence starts
    sentence_ends: tuple[int, ...]

    def left(self, position: int) -> str:
        i = self.ends[position]
        return self.chars[max(self.sentence_starts[position], i - CONTEXT) : i]

    def right(self, position: int) -> str:
        i = self.ends[position]
        return self.chars[i : min(self.sentence_ends[position], i + CONTEXT)]


def _skeleton(text: str, spans: list[tuple[int, int]]) -> _Skeleton:
    masked = list(text)
    for start, end in spans:
        masked[start] = "#"
        for i in range(start + 1, end):
            masked[i] = ""
    chars: list[str] = []
    ends: list[int] = []
    starts: list[int] = []
    current_start = 0
    for ch in masked:
        ends.append(len(chars))
        starts.append(current_start)
        if ch and _SENTENCE_END.match(ch):
            current_start = len(chars)
        elif ch and _KEEP.match(ch):
            chars.append(ch)
    ends.append(len(chars))
    starts.append(current_start)
    # The end of each position's sentence, scanning backwards.
    sentence_ends = [0] * len(ends)
    current_end = len(chars)
    for i in range(len(masked), -1, -1):
        sentence_ends[i] = current_end
        if i > 0 and masked[i - 1] and _SENTENCE_END.match(masked[i - 1]):
            current_end = ends[i - 1]
    return _Skeleton("".join(chars), tuple(ends), tuple(starts), tuple(sentence_ends))


def _bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)} | set(text.replace("#", ""))


def _similarity(a: Mention, b: Mention) -> int:
    """Shared characters and character pairs of the neighbouring words, each side apart."""
    return len(_bigrams(a.left) & _bigrams(b.left)) + len(_bigrams(a.right) & _bigrams(b.right))


@cache
def _source_mentions(source: str) -> tuple[Mention, ...]:
    return tuple(mentions(source))


def _same_fact(said: Mention, printed: Mention) -> bool:
    if said.key[0] != printed.key[0] or said.key[0] == "y":
        return said.key == printed.key
    if said.key != printed.key:
        return False
    return said.key[0] != "d" or said.year in (None, printed.year or SOURCE_YEAR)


# “quoted title” … 第N项: the newsletter's list must number that title N ("N.title").
_LIST_ITEM = re.compile(r"“(?P<title>[^”]+)”[^。；“]*?第(?P<n>\d+)项")
_QUOTED = re.compile(r"“([^”]+)”|《([^》]+)》")


def list_item_problems(text: str, source: str) -> tuple[str, list[str]]:
    """Check list references ("“title”…第N项") against the newsletter's numbered list; return the
    text with each checked number removed, and the problems."""
    printed = compact_source(source)
    problems = []

    def check(m: re.Match[str]) -> str:
        title = "".join(ch for ch in m.group("title") if _KEEP.match(ch))
        if f"{m.group('n')}{title}" not in printed:
            problems.append(
                f"第{m.group('n')}项: the newsletter's item {m.group('n')} is not “{m.group('title')}”"
            )
        return m.group(0)[: -len(m.group("n")) - 2] + "该项"

    return _LIST_ITEM.sub(check, compact(text)), problems


def number_problems(text: str, source: str) -> list[str]:
    """Numbers and dates of `text` (Simplified Chinese) the newsletter does not state there."""
    printed = _source_mentions(source)
    text, problems = list_item_problems(strip_allowed(text), source)
    for said in mentions(text):
        if said.key[0] == "y":
            if not any(p.key == said.key or p.year == said.key[1] for p in printed):
                problems.append(f"{said.text}: the newsletter names no such year")
            continue
        candidates = [p for p in printed if p.unit == said.unit and p.key[0] == said.key[0]]
        if not candidates:
            problems.append(f"{said.text}{said.unit}: the newsletter never uses this unit")
            continue
        best = max(_similarity(said, p) for p in candidates)
        at_best = [p for p in candidates if _similarity(said, p) == best]
        if not any(_same_fact(said, p) for p in at_best):
            where = "".join(sorted({p.text for p in at_best}))
            problems.append(
                f"{said.text}{said.unit} (…{said.left}|{said.right}…): the newsletter says "
                f"{where} there"
            )
    return problems


# --- English and Portuguese: a subset of the Chinese original's numbers ---------------------

_WORDS: dict[str, dict[str, int]] = {
    "en": {"two": 2, "twice": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
           "eight": 8, "nine": 9, "ten": 10, "fifteen": 15, "twenty": 20, "hundred": 100},
    "pt": {"dois": 2, "duas": 2, "três": 3, "quatro": 4, "cinco": 5, "seis": 6, "sete": 7,
           "oito": 8, "nove": 9, "dez": 10, "quinze": 15, "vinte": 20, "cem": 100},
}  # fmt: skip
_SCALE = {
    "en": (("billion", Decimal(10) ** 9), ("million", Decimal(10) ** 6)),
    "pt": (("mil milhões", Decimal(10) ** 9), ("milhões", Decimal(10) ** 6)),
}
_LATIN_NUMBER = re.compile(
    r"(?<![\w.,])(\d{1,3}(?:\u00a0\d{3}| \d{3}(?!\d))+|\d+(?:[.,]\d+)*)(?:st|nd|rd|th|\.º|\.ª)?"
)


def _latin_dates(text: str, lang: str) -> tuple[str, set[tuple[int, ...]]]:
    names = month_names("en" if lang == "en" else "pt")
    months = "|".join(names)
    if lang == "en":
        pattern = rf"(\d{{1,2}})(?: to (\d{{1,2}}))? ({months})(?: (\d{{4}}))?"
    else:
        pattern = rf"(\d{{1,2}})(?: a (\d{{1,2}}))? de ({months})(?: de (\d{{4}}))?"
    dates: set[tuple[int, ...]] = set()

    def take(m: re.Match[str]) -> str:
        month = names.index(m.group(3)) + 1
        year = int(m.group(4)) if m.group(4) else SOURCE_YEAR
        for day in filter(None, (m.group(1), m.group(2))):
            dates.add((year, month, int(day)))
        return " "

    return re.sub(pattern, take, text), dates


def _latin_value(number: str, lang: str) -> Decimal:
    number = number.replace("\u00a0", "").replace(" ", "")
    thousands, decimal = (",", ".") if lang == "en" else (".", ",")
    # "1.000" in Portuguese and "1,000" in English are thousands; a lone separator followed by
    # one or two digits is a decimal point.
    if re.fullmatch(rf"\d{{1,3}}(?:{re.escape(thousands)}\d{{3}})+", number):
        return Decimal(number.replace(thousands, ""))
    return Decimal(number.replace(thousands, "").replace(decimal, "."))


def latin_numbers(text: str, lang: str) -> tuple[set[Decimal], set[tuple[int, ...]]]:
    """Numbers and dates of an English or Portuguese text."""
    text = _mask_fixed(text, lang)
    text, dates = _latin_dates(text, lang)
    values: set[Decimal] = set()
    for m in _LATIN_NUMBER.finditer(text):
        value = _latin_value(m.group(1), lang)
        after = text[m.end() : m.end() + 14].lstrip()
        for word, factor in _SCALE[lang]:
            if after.startswith(word):
                value *= factor
                break
        values.add(value.normalize())
    for word in re.findall(r"[a-zà-ú]+", text.lower()):
        if word in _WORDS[lang]:
            values.add(Decimal(_WORDS[lang][word]))
    return values, dates


def chinese_numbers(text: str) -> tuple[set[Decimal], set[tuple[int, ...]]]:
    values: set[Decimal] = set()
    dates: set[tuple[int, ...]] = set()
    for mention in mentions(text):
        if mention.key[0] == "n":
            values.add(mention.key[1])  # type: ignore[arg-type]
        elif mention.key[0] == "d":
            year = mention.year or SOURCE_YEAR
            for day in mention.key[2:]:
                dates.add((year, int(mention.key[1]), int(day)))  # type: ignore[call-overload]
        else:
            values.add(Decimal(int(mention.key[1])))  # type: ignore[call-overload]
    return values, dates


def translation_number_problems(text: str, lang: str, reference: str) -> list[str]:
    """Numbers and dates of an English or Portuguese `text` its Chinese `reference` lacks."""
    values, dates = latin_numbers(text, lang)
    zh_values, zh_dates = chinese_numbers(reference)
    zh_values |= latin_numbers(reference, "en")[0]  # "+852 91234567" in a Chinese message
    # A year the Chinese names inside a date counts as stated.
    zh_values |= {Decimal(d[0]) for d in zh_dates}
    problems = [f"{v}: not in the Chinese original" for v in sorted(values - zh_values)]
    problems += [f"date {d}: not in the Chinese original" for d in sorted(dates - zh_dates)]
    return problems


# --- Sentences aligned with the newsletter -------------------------------------------------


def sentences(text: str) -> list[str]:
    parts = re.split(r"(?<=[。；！？])", compact(text))
    return [p for p in parts if re.search(r"\w", p)]


@cache
def _trigram_positions(source: str) -> dict[str, tuple[int, ...]]:
    positions: dict[str, list[int]] = {}
    for i in range(len(source) - 2):
        positions.setdefault(source[i : i + 3], []).append(i)
    return {k: tuple(v) for k, v in positions.items()}


def alignment(sentence: str, source: str) -> float:
    """Share of the sentence's characters covered by trigrams found in one span of the source
    (at most three times the sentence's length plus 60 characters)."""
    clean = "".join(ch for ch in sentence if _KEEP.match(ch))
    if len(clean) < 3:
        return 1.0
    positions = _trigram_positions(compact_source(source))
    grams = [(i, positions.get(clean[i : i + 3], ())) for i in range(len(clean) - 2)]
    anchors = sorted({p for _, ps in grams for p in ps})
    width = 3 * len(clean) + 60
    best = 0
    for anchor in anchors:
        covered: set[int] = set()
        for i, ps in grams:
            if any(anchor <= p <= anchor + width for p in ps):
                covered.update((i, i + 1, i + 2))
        best = max(best, len(covered))
    return best / len(clean)


@cache
def compact_source(source: str) -> str:
    return "".join(ch for ch in compact(source) if _KEEP.match(ch))


def quote_problems(text: str, source: str) -> tuple[str, list[str]]:
    """Quoted words (“…”, 《…》) must be the newsletter's own; return the text without them."""
    printed = compact_source(source)
    problems = []

    def check(m: re.Match[str]) -> str:
        quoted = "".join(ch for ch in (m.group(1) or m.group(2)) if _KEEP.match(ch))
        if quoted not in printed:
            problems.append(f"{m.group(0)}: not quoted from the newsletter")
        return "“”"

    return _QUOTED.sub(check, compact(text)), problems


def alignment_problems(text: str, source: str) -> list[str]:
    """Quotes verbatim, and every sentence aligned with one span of the newsletter."""
    text, problems = quote_problems(strip_allowed(text), source)
    for sentence in sentences(text):
        score = alignment(sentence, source)
        if score < ALIGNMENT_THRESHOLD:
            problems.append(f"{score:.2f}: {sentence}")
    return problems


def all_problems(texts: Iterable[tuple[str, str]], source: str) -> list[str]:
    """Number and alignment problems of (label, Simplified Chinese text) pairs."""
    return [
        f"{label}: {problem}"
        for label, text in texts
        for problem in (*number_problems(text, source), *alignment_problems(text, source))
    ]


# --- Tense: what happened by a date is told as past --------------------------------------------

# Wordings that present a dated event as present or future, or that turn the newsletter's 前
# ("before") into "up to". Checked in every English / Portuguese sentence that names a date.
NOT_PAST: dict[str, re.Pattern[str]] = {
    # ("was to take effect on 1 June 2020" is what the newsletter said of a date then to come)
    "en": re.compile(r"\b(will|shall|takes effect|(?<!was to )take effect|comes? into force|has been \w+ since|"
                     r"is \w+ since|up to \d|covers repayments|may apply)\b"),
    "pt": re.compile(r"\b(entra|entrará|vai|vão|em vigor desde|desde \d|aplica-se|abrange apenas|"
                     r"reembolsos até|pode pedir)\b"),
}  # fmt: skip
_LATIN_SENTENCE = re.compile(r"(?<=[.;:])\s+(?=[A-Z])")


def tense_problems(text: str, lang: str) -> list[str]:
    """Sentences of an English or Portuguese text that name a date (or a year) and speak of it in
    the present or future."""
    problems = []
    for sentence in _LATIN_SENTENCE.split(text):
        if not re.search(r"\b(19|20)\d\d\b", sentence):
            continue
        if (found := NOT_PAST[lang].search(sentence)) is not None:
            problems.append(f"“{found.group(0)}” in: {sentence}")
    return problems


# --- The message catalogue ------------------------------------------------------------------

# Numbers the fixed messages may state that are not facts of the newsletter: input examples and
# the input bounds of the eligibility form (knowledge/messages/, knowledge/repayment.py).
REVIEWED_NON_FACTS: dict[Decimal, str] = {
    Decimal(0): "answer choice (0, 1 or 2 adjustments)",
    Decimal(5): "example date (2020年5月, 5/2020)",
    Decimal("0.01"): "rounding of the calculated schedule (MOP 0.01)",
    Decimal(600): "input bound: remaining instalments",
    Decimal(100): "input bound: adjustments used",
    Decimal(100_000_000): "input bound: instalment amount",
    Decimal(66123456): "example phone number",
    Decimal(852): "example country code",
    Decimal(91234567): "example phone number",
    Decimal(85291234567): "example phone number with country code",
}


def message_problems(zh_hans: str, translations: dict[str, str], source: str) -> list[str]:
    """A fixed message states only numbers the newsletter states (its phone, 1,000澳门元, two
    adjustments, 2020年12月31日) or reviewed non-facts, and its translations only the Chinese
    message's numbers."""
    printed_values, printed_dates = chinese_numbers(source)
    printed_values |= {Decimal(d[0]) for d in printed_dates}
    values, dates = chinese_numbers(zh_hans)
    problems = [
        f"{v}: neither in the newsletter nor a reviewed non-fact"
        for v in sorted(values - printed_values - set(REVIEWED_NON_FACTS))
    ]
    problems += [f"date {d}: not in the newsletter" for d in sorted(dates - printed_dates)]
    for lang, text in translations.items():
        problems += [f"{lang}: {p}" for p in translation_number_problems(text, lang, zh_hans)]
    return problems


def entry_problems(entry: Entry, source: str) -> list[str]:
    """Everything the fidelity test checks for one knowledge entry."""
    problems = [f"answer: {p}" for p in number_problems(entry.answer.zh_hans, source)]
    problems += [f"answer: {p}" for p in alignment_problems(entry.answer.zh_hans, source)]
    problems += [f"title: {p}" for p in number_problems(entry.title.zh_hans, source)]
    for lang in ("en", "pt"):
        for part, text in (("answer", entry.answer), ("title", entry.title)):
            translated = text.get(lang)
            problems += [
                f"{part} {lang}: {p}"
                for p in translation_number_problems(translated, lang, text.zh_hans)
            ]
            problems += [f"{part} {lang}: {p}" for p in tense_problems(translated, lang)]
    return [f"{entry.id}: {p}" for p in problems]
