"""Dates users type: 2020年5月 · 5/2020 · 2020-05-15 · May 2020 · Maio de 2020 · 「前年嘅三月尾」 ·
"last month", and months given as alternatives.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from actions.parsing.numbers import chinese_number
from knowledge.text import normalise

_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_PT_MONTHS = ("janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto",
              "setembro", "outubro", "novembro", "dezembro")  # fmt: skip
_MONTHS.update({name: i for i, name in enumerate(_PT_MONTHS, 1)})
_MONTHS.update({name[:3]: i for i, name in enumerate(_PT_MONTHS, 1)})  # set. 2020, out 2020
_MONTHS["sept"] = 9
# Every month name read, longest first (a date that names its month is no amount or count).
MONTH_NAMES = "|".join(sorted(map(re.escape, _MONTHS), key=len, reverse=True))


def _safe_date(year: int, month: int, day: int | None) -> dt.date | None:
    if not (1900 <= year <= 2100 and 1 <= month <= 12):
        return None
    last = calendar.monthrange(year, month)[1]
    if day is None:
        day = last  # a month alone: its last day, the latest the instalment can fall due
    return dt.date(year, month, day) if 1 <= day <= last else None


_CN_YEAR = re.compile(r"([〇零一二三四五六七八九]{4})\s*年")
# A month in numerals after a year, or standing alone (「三月份嗰期，2020年」, probe 9); not part
# of a longer numeral (三十月) or a count of months (三個月 has 個).
_CN_MONTH = re.compile(
    r"(?:(?<=年)|(?<![零〇一二两三四五六七八九十廿百千万\d]))\s*(十[一二]?|[一二三四五六七八九])\s*月"
)


# Christmas names its month: 「19年聖誕節前嗰排」 was "not understood" (p10-020).
_CHRISTMAS = (
    (re.compile(r"圣诞(?:节)?"), "12月"),
    (re.compile(r"\b(?:christmas|xmas)\b"), "december"),
    (re.compile(r"\bnatal\b"), "dezembro"),
)


def _digits_in_dates(norm: str) -> str:
    """二〇二〇年五月 → 2020年5月 (a year digit by digit, a month as a number); 聖誕 → 12月."""
    for christmas, month in _CHRISTMAS:
        norm = christmas.sub(month, norm)
    year = _CN_YEAR.sub(
        lambda m: (
            "".join(str("〇一二三四五六七八九".index(c) if c != "零" else 0) for c in m[1]) + "年"
        ),
        norm,
    )
    return _CN_MONTH.sub(lambda m: f"{chinese_number(m[1])}月", year)


# Months counted from today (normalised; after _digits_in_dates): 「今年三月」, 「上個月」, "next
# month", «no próximo mês» were "not understood" at the due-date question (probe 7).
# (「前年嘅三月尾」, 上年, 下年 and 大前年 too: p10-003 was "don't know")
_YEAR_OFFSETS = {"大前": -3, "前": -2, "去": -1, "上": -1, "今": 0, "明": 1, "下": 1, "后": 2,
                 "大后": 3}  # fmt: skip
_RELATIVE_YEAR_MONTH = re.compile(
    r"(大前|大后|前|去|上|今|明|下|后)年\s*(?:嘅|的|个)?\s*(\d{1,2})\s*月"
)
# ... and in words: "March last year", "last year in june", «em março do ano passado».
_FULL_MONTHS = {
    **{name.lower(): i for i, name in enumerate(calendar.month_name) if name},
    **{name: i for i, name in enumerate(_PT_MONTHS, 1)},
}
_FULL_MONTH_NAMES = "|".join(_FULL_MONTHS)
_YEAR_WORDS = {"last year": -1, "next year": 1, "this year": 0, "ano passado": -1,
               "ano que vem": 1, "próximo ano": 1, "proximo ano": 1, "este ano": 0, "neste ano": 0}  # fmt: skip
_YEAR_WORD = "|".join(_YEAR_WORDS)
_RELATIVE_YEAR_NAMED = re.compile(
    rf"\b(?P<m1>{_FULL_MONTH_NAMES})\b.{{0,12}}?\b(?P<y1>{_YEAR_WORD})\b"
    rf"|\b(?P<y2>{_YEAR_WORD})\b.{{0,12}}?\b(?P<m2>{_FULL_MONTH_NAMES})\b"
)
_LAST_MONTH = re.compile(
    r"上个?月|\b(?:last|previous) month\b|\bm[eê]s passado\b|\búltimo m[eê]s\b"
)
_NEXT_MONTH = re.compile(
    r"下个?月|\bnext month\b|\bpr[oó]ximo m[eê]s\b|\bm[eê]s (?:que vem|seguinte)\b"
)
_THIS_MONTH = re.compile(r"(?:今|这|本|呢)个?月|\bthis month\b|\b(?:n?este|deste) m[eê]s\b")
_RELATIVE_MONTH = ((_LAST_MONTH, -1), (_NEXT_MONTH, 1), (_THIS_MONTH, 0))


def _month_from(today: dt.date, months: int, month: int | None = None) -> dt.date | None:
    """The last day of the month `months` after today's (or of `month` in the year `months` // 12
    after today's, when `month` is given)."""
    if month is not None:
        return _safe_date(today.year + months // 12, month, None)
    index = today.year * 12 + today.month - 1 + months
    return _safe_date(index // 12, index % 12 + 1, None)


def _relative_month(norm: str, today: dt.date) -> dt.date | None:
    if m := _RELATIVE_YEAR_MONTH.search(norm):
        return _month_from(today, _YEAR_OFFSETS[m[1]] * 12, int(m[2]))
    if m := _RELATIVE_YEAR_NAMED.search(norm):
        years, month = _YEAR_WORDS[m["y1"] or m["y2"]], _FULL_MONTHS[m["m1"] or m["m2"]]
        return _month_from(today, years * 12, month)
    for pattern, offset in _RELATIVE_MONTH:
        if pattern.search(norm):
            return _month_from(today, offset)
    return None


def parse_due_date(text: str, today: dt.date | None = None) -> dt.date | None:
    """A date or a month: 2020-05-15 · 15/5/2020 · 5/2020 · 2020年5月(15日) · 二〇二〇年五月 ·
    5月2020 · 3月份…2020年 · May 2020 · Aug 15th 2020 · May '20 · Maio de 2020; with `today`
    (where a due date is expected), also a month counted from it (今年三月 · 上個月 · next month
    · no próximo mês) and a month with a two-digit year (6/20)."""
    norm = _digits_in_dates(normalise(text))
    found = _absolute_date(norm)
    if found is None and today is not None:
        return _short_year(norm) or _relative_month(norm, today)
    return found


# A month and a year told apart: 「3月份嗰期，2020年」 (probe 9: "not understood").
_MONTH_APART = re.compile(r"(?<![\d年/.-])(\d{1,2})\s*月(?:份)?(?:\s*(\d{1,2})\s*[日号])?")
_YEAR_APART = re.compile(r"(?<!\d)(?<!\d[.,])((?:19|20)\d\d)\s*年(?!\s*\d)")
_SAFE_ABBREVIATIONS_APART = ("jan", "feb", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
                             "dec")  # fmt: skip
# A month with a two-digit year: "6/20" (June 2020). Read only where a due date is expected (see
# parse_due_date), and only when the year cannot be a month: 6/10 may be 6 October.
_SHORT_YEAR = re.compile(r"(?<![\d/.,-])(\d{1,2})/(\d{2})(?![\d/.,-]*\d)")


def _short_year(norm: str) -> dt.date | None:
    if (m := _SHORT_YEAR.search(norm)) and int(m[2]) > 12:
        return _safe_date(2000 + int(m[2]), int(m[1]), None)
    return None


# A month named in words and a year told apart from it: «no verão de 2020, julho acho» (p12-037:
# "not understood"). Not "may", which is also a verb.
_MONTH_WORD_APART = re.compile(
    rf"\b(?!may\b)({_FULL_MONTH_NAMES}|{'|'.join(_SAFE_ABBREVIATIONS_APART)})\b"
)
_YEAR_WORD_APART = re.compile(r"(?<![\d/.,-])((?:19|20)\d\d)(?![\d/.,-]*\d)(?!\s*年\s*\d)")


def _month_and_year_apart(norm: str) -> dt.date | None:
    months = {(m[1], m[2]) for m in _MONTH_APART.finditer(norm)}
    years = set(_YEAR_APART.findall(norm))
    if not months and not years:
        words = {_MONTHS[m[1]] for m in _MONTH_WORD_APART.finditer(norm)}
        numbers = set(_YEAR_WORD_APART.findall(norm))
        if len(words) == 1 and len(numbers) == 1:
            return _safe_date(int(numbers.pop()), words.pop(), None)
        return None
    if len(months) != 1 or len(years) != 1:
        return None  # two months or years: which goes with which is not known
    (month, day), year = months.pop(), years.pop()
    return _safe_date(int(year), int(month), int(day) if day else None)


def _absolute_date(norm: str) -> dt.date | None:
    if m := re.search(r"(?<!\d)(\d{1,2})\s*月\s*(\d{4})(?!\d)", norm):
        return _safe_date(int(m[2]), int(m[1]), None)
    if m := re.search(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})", norm):
        return _safe_date(int(m[1]), int(m[2]), int(m[3]))
    if m := re.search(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})", norm):
        return _safe_date(int(m[3]), int(m[2]), int(m[1]))  # day/month/year, as in Macao
    if m := re.search(r"(\d{4})\s*年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*[日号])?", norm):
        return _safe_date(int(m[1]), int(m[2]), int(m[3]) if m[3] else None)
    if m := re.search(r"(?<![\d.,])(\d{2})\s*年\s*(\d{1,2})\s*月", norm):
        return _safe_date(2000 + int(m[1]), int(m[2]), None)  # 20年9月, as people shorten 2020
    if m := re.search(r"(?<![\d/])(\d{1,2})[/-](\d{4})", norm):
        return _safe_date(int(m[2]), int(m[1]), None)
    # year and month: 2021-02 · 2020/11 · 2020.11 (not 2020.115 or 12000.50)
    if m := re.search(r"(?<![\d.,])((?:19|20)\d\d)[-/.](\d{1,2})(?![\d.,]?\d)", norm):
        return _safe_date(int(m[1]), int(m[2]), None)
    # 15 de Maio de 2020 · 15th (of) Aug 2020 · May 2020
    for m in re.finditer(
        r"(?:\b(\d{1,2})(?:st|nd|rd|th)?\s*(?:de\s+|of\s+)?)?\b([a-zç]+)\.?\s*(?:de\s+)?,?\s*(\d{4})",
        norm,
    ):
        month = _MONTHS.get(m[2])
        if month:
            return _safe_date(int(m[3]), month, int(m[1]) if m[1] else None)
    # Aug 15th 2020 · August 15, 2020 (probe 9: "not understood")
    for m in re.finditer(r"\b([a-zç]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b", norm):
        if month := _MONTHS.get(m[1]):
            return _safe_date(int(m[3]), month, int(m[2]))
    for m in re.finditer(r"\b([a-zç]+)\.?\s*'(\d{2})\b", norm):  # May '20
        if month := _MONTHS.get(m[1]):
            return _safe_date(2000 + int(m[2]), month, None)
    return _month_and_year_apart(norm)


# Dates told as alternatives (normalised): 「前年嘅三月尾 定四月初」, "May or June 2020", «Maio ou
# Junho de 2020» (p10-003). Not 一定, 肯定, 確定 …, 定期 or 或許, which offer no alternative.
_ALTERNATIVE = re.compile(
    r"(?<![一确肯决稳规约指否固设预])定(?:系|是)?(?!期|时|金|息|价|义)|还是|抑或|或者|或(?!许)"
    r"|\bor\b|\bou\b"
)
# A month named without its year, in one alternative (full names: "out" and "set" are words).
_SAFE_ABBREVIATIONS = ("jan", "feb", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec")
_YEARLESS_MONTH = re.compile(
    rf"(?<![\d/.-])(\d{{1,2}})\s*月|\b({_FULL_MONTH_NAMES}|{'|'.join(_SAFE_ABBREVIATIONS)})\b"
)


def _yearless_month(part: str) -> int | None:
    if not (m := _YEARLESS_MONTH.search(part)):
        return None
    return int(m[1]) if m[1] else _MONTHS.get(m[2])


def due_date_options(
    text: str, today: dt.date | None = None, *, periods: bool = False
) -> list[dt.date]:
    """The due dates `text` offers: one (parse_due_date's), none, or each of the alternatives it
    names, in order (「前年嘅三月尾 定四月初」 → March and April of the year before last, a month
    without its year taking its neighbour's); with `periods` (where a due date is asked for), the
    months a festival, part of the year or season names (`period_options`). Whether they settle a
    case is the caller's to say."""
    whole = parse_due_date(text, today)
    parts = _ALTERNATIVE.split(_digits_in_dates(normalise(text)))
    if len(parts) < 2:
        if whole is None and periods:
            return period_options(text)
        return [whole] if whole else []
    dated = [parse_due_date(part, today) for part in parts]
    if periods:  # 「2020年底定2021年初」: each part's nearest month
        dated = [
            d or next(iter(period_options(part)), None)
            for d, part in zip(dated, parts, strict=True)
        ]
    for i, part in enumerate(parts):
        month = _yearless_month(part) if dated[i] is None else None
        if month is None:
            continue
        nearest = [*reversed(dated[:i]), *dated[i + 1 :]]
        year = next((d.year for d in nearest if d is not None), None)
        dated[i] = None if year is None else _safe_date(year, month, None)
    options = list(dict.fromkeys(d for d in dated if d is not None))
    return options if len(options) >= 2 else [whole] if whole else []


# --- Months told vaguely (p12-002, p12-030, p12-037) ----------------------------------------------
# A festival, a part of the year or a season, with its year, names a few months. They are the due
# date only where one is asked for, and only when every one of them decides alike (the caller's
# `settled_due_date`): 「春節前後啦 2020年」, 「应该是2020年底吧」, "summer 2020" were "not understood".

# The month of the Spring Festival (Chinese New Year) in each year the measure's cases can name.
SPRING_FESTIVAL_MONTH = {2015: 2, 2016: 2, 2017: 1, 2018: 2, 2019: 2, 2020: 1, 2021: 2, 2022: 2,
                         2023: 1, 2024: 2, 2025: 1, 2026: 2, 2027: 2}  # fmt: skip
_FESTIVAL = re.compile(
    r"(?:春节|农历新年|农历年|过年|新春)(?P<zh_side>前后|之前|之后|前|后|左右)?"
    r"|\b(?P<en_side>before |after |around )?(?:the )?(?:chinese|lunar) new year"
    r"|\b(?P<pt_side>antes do |depois do |perto do )?ano novo (?:chinês|chines|lunar)"
)
# Parts of a year, with the months they name, nearest first.
_PARTS_OF_YEAR = (
    (re.compile(r"年(?:初|头)|\b(?:early|beginning of|start of|início de|inicio de|princípio de"
                r"|principio de|começo de|comeco de)\s+(?:(?:the )?year )?(?=(?:19|20)\d\d)"), (1, 2)),
    (re.compile(r"年中(?![\u4e00-\u9fff])|年中(?=左右|嗰|那|个|啦|吧|呀|啊|时)"
                r"|\b(?:mid|middle of|meados de)[\s-]+(?=(?:19|20)\d\d)"), (6, 7)),
    (re.compile(r"年(?:底|尾|末)|\b(?:end of|late|fim de|final de|finais de|finzinho de)\s+"
                r"(?=(?:19|20)\d\d)"), (12, 11)),
)  # fmt: skip
_SEASONS = (
    (re.compile(r"春(?:天|季)|\bspring\b|\bprimavera\b"), (4, 3, 5)),
    (re.compile(r"夏(?:天|季)|\bsummer\b|\bver[ãa]o\b"), (7, 6, 8)),
    (re.compile(r"秋(?:天|季)|\bautumn\b|\boutono\b"), (10, 9, 11)),
)
_ONE_YEAR = re.compile(r"(?<![\d/.,-])((?:19|20)\d\d)(?![\d/.,-]*\d)(?!\s*年\s*\d)")


def lone_year(text: str) -> int | None:
    """The one year `text` names (2020年 · in 2020 · 2020), None for none or several."""
    years = set(_ONE_YEAR.findall(_digits_in_dates(normalise(text))))
    return int(years.pop()) if len(years) == 1 else None


def _festival_months(norm: str, year: int) -> tuple[int, ...]:
    if not (m := _FESTIVAL.search(norm)) or year not in SPRING_FESTIVAL_MONTH:
        return ()
    month = SPRING_FESTIVAL_MONTH[year]
    side = (m["zh_side"] or m["en_side"] or m["pt_side"] or "").strip()
    before = side in ("前", "之前", "before", "antes do")
    after = side in ("后", "之后", "after", "depois do")
    around = side in ("前后", "左右", "around", "perto do")
    return (
        month,
        *((month - 1,) if before or around else ()),
        *((month + 1,) if after or around else ()),
    )


def period_options(text: str) -> list[dt.date]:
    """The months a festival, a part of the year or a season of a year names, festival's or
    nearest month first: 「春節前後啦 2020年」 → January, December 2019 and February 2020;
    「2020年底」 → December and November 2020; «no verão de 2020» → July, June and August 2020.
    None without exactly one year (a month a season might mean in another year decides nothing)."""
    norm = _digits_in_dates(normalise(text))
    if (year := lone_year(norm)) is None:
        return []
    months: tuple[int, ...] = _festival_months(norm, year)
    for pattern, named in (*_PARTS_OF_YEAR, *_SEASONS):
        if not months and pattern.search(norm):
            months = named
    dates = (_month_from(dt.date(year, 1, 1), month - 1) for month in months)
    return [d for d in dates if d is not None]


# A month without its year (「1月尾」, "end of january"), to be read with a year told just before.
_MONTH_WITHOUT_YEAR = re.compile(
    rf"(?<![\d/.-])\d{{1,2}}\s*月|\b(?!may\b)(?:{_FULL_MONTH_NAMES}|{'|'.join(_SAFE_ABBREVIATIONS)})\b"
)


_ANY_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)|\d{2}\s*年")


def with_year(text: str, year: int) -> str | None:
    """`text`, a month named without its year (「1月尾」 after 「2020年」 in the previous message:
    p12-002), with `year` added so that parse_due_date reads both; None when `text` names no
    month or names a year of its own."""
    norm = _digits_in_dates(normalise(text))
    if _ANY_YEAR.search(norm) or parse_due_date(norm) or not _MONTH_WITHOUT_YEAR.search(norm):
        return None
    return f"{year}年{norm}" if re.search(r"\d\s*月", norm) else f"{norm} {year}"


# --- A month corrected (p16-028) ------------------------------------------------------------------
# 「佢而家話係九月唔係八月」 at "is it the last instalment?": its 唔係 was taken as "no", and the
# due date kept as August. A month right after a negation is the month taken back; the one month
# named without one is the month meant ("not August, September", «não é agosto, é setembro»).
_NAMED_MONTH = re.compile(
    rf"(?<![\d/.-])(?P<digits>\d{{1,2}})\s*月(?:份)?"
    rf"|\b(?P<word>{_FULL_MONTH_NAMES}|{'|'.join(_SAFE_ABBREVIATIONS)})\b"
)
_NEGATION_BEFORE = re.compile(
    r"(?:唔系|不是|并非|而非|不系|唔好系|not|isn'?t|wasn'?t|instead of|rather than|não|nao|em vez de"
    r"|e não|e nao)"
    r"(?:\s*(?:系|是|为|in|é|e|era|foi|o mês de|o mes de|de|em|the month of))?\s*$"
)


def corrected_month(text: str) -> tuple[int | None, int] | None:
    """(the month meant, the month taken back) when `text` takes a month back: 「九月唔係八月」 →
    (9, 8), 「唔係八月」 → (None, 8); None when it takes none back."""
    norm = _digits_in_dates(normalise(text))
    meant: set[int] = set()
    taken_back: set[int] = set()
    for m in _NAMED_MONTH.finditer(norm):
        month = int(m["digits"]) if m["digits"] else _MONTHS.get(m["word"])
        if month is None or not 1 <= month <= 12:
            continue
        denied = _NEGATION_BEFORE.search(norm[max(0, m.start() - 20) : m.start()])
        (taken_back if denied else meant).add(month)
    meant -= taken_back
    if len(taken_back) != 1:
        return None
    return (meant.pop() if len(meant) == 1 else None), taken_back.pop()
