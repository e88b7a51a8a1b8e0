"""Reading slot values out of what users type, in all five writing styles (pure functions).

Money (12,000 · MOP12000 · 澳門幣一萬 · 一萬二千 · 1.2萬) and counts (兩次 · twice · duas vezes),
their Chinese numerals read by cn2an; dates (2020年5月 · 5/2020 · 2020-05-15 · May 2020 · Maio de
2020), yes / no / don't know, and the hand-off's contact (e-mail or phone, checked by
email-validator and phonenumbers) and name.
No input makes them raise: numbers of any size or shape are read, capped at HUGE.
"""

from __future__ import annotations

import calendar
import datetime as dt
import enum
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import cn2an
import phonenumbers
from email_validator import EmailNotValidError, validate_email

from handoff.text import MAX_CONTACT_LENGTH, MAX_NAME_LENGTH, one_line
from knowledge.text import normalise

# No real amount or count comes near this; larger numbers are returned as HUGE (safe to compute
# with), for the caller's own bounds to refuse.
HUGE = 10**15
_HUGE = Decimal(HUGE)
_CN_DIGITS = "零〇一二两三四五六七八九"
# 廿 卅 卌 (20, 30, 40) too: 「仲有廿四期」 was 4 instalments (probe 7).
CN_NUMERAL = "[零〇一二两三四五六七八九十廿卅卌百千万亿]+"
_CN_NUMBER = re.compile(CN_NUMERAL)
# A written number: digits, thousands separators, decimals, an exponent (1e5).
NUMBER = r"\d[\d,]*(?:\.\d+)?(?:e[+-]?\d+)?"
_WORD_NUMBERS = {
    "zero": 0, "none": 0, "never": 0, "once": 1, "one": 1, "twice": 2, "two": 2, "three": 3,
    "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "nenhuma": 0, "nenhum": 0, "nunca": 0, "uma": 1, "um": 1, "duas": 2, "dois": 2, "três": 3, "tres": 3,
    "quatro": 4, "cinco": 5, "seis": 6, "sete": 7, "oito": 8, "nove": 9, "dez": 10,
}  # fmt: skip

# What users write that cn2an does not read (each checked against cn2an 0.5.24):
# - 亿 with a one-digit tail, 一亿二 = 120 million: cn2an raises KeyError (and refuses 亿二 and
#   一亿二千), so the parts on either side of 亿 are read apart;
# - a leading unit, 千五 = 1500, 万二 = 12000, 百五 = 150: cn2an wants 一千五;
# - digits side by side, read as the last one: a range by its upper end (一两次 = 2, 三四千 =
#   4000, 两三百 = 300) where cn2an reads 一两 as 12 and refuses 三四千; a 零 among them is kept
#   (一千零五 = 1005, not the colloquial 一千五). It also spares cn2an long runs, which it reads
#   digit by digit in time that grows with the square of their length (20,000 零: 2.4 s).
# cn2an reads the rest: standard forms (一千零五, 一十二), 两, and the colloquial next unit
# down (一万二 = 12000, 三千五 = 3500, 十一万三 = 113000). What it refuses (十十, 零十, 一万万)
# is None: the hand-written reader it replaced added such units up (十十 = 20).
_CN_LEADING_UNIT = "百千万"
_CN_DIGIT_RUN = re.compile(f"[{_CN_DIGITS}]{{2,}}")
# cn2an 0.5.24 reads 廿 (廿四 = 24) but refuses 卅 and 卌, which people write for 30 and 40
# (卅期, 卅六): spelt out before it reads them.
_CN_TENS = {"卅": "三十", "卌": "四十"}


def _last_digit(run: re.Match[str]) -> str:
    digits = run.group().replace("〇", "零")
    return ("零" if "零" in digits[:-1] else "") + digits[-1]


def chinese_number(text: str) -> int | None:
    """A Chinese numeral, read by cn2an: 一万二千 → 12000, 一万二 → 12000 (colloquial: the next
    unit down), 一千零五 → 1005, 三亿 → 300000000; None when `text` is not one."""
    if "亿" in text:
        head, _, tail = text.partition("亿")
        high = chinese_number(head) if head else 1
        if high is None or "亿" in tail:
            return None
        rest = tail.lstrip("零〇")  # 一亿零五: cn2an refuses a leading 零
        low = chinese_number(rest) if rest else 0
        if low is None:
            return None
        colloquial = len(tail) == 1 and tail in _CN_DIGITS  # 一亿二 = 120 million
        return high * 100_000_000 + low * (10_000_000 if colloquial else 1)
    if not _CN_NUMBER.fullmatch(text):
        return None  # cn2an would also read 点, 负, 壹 and Arabic digits
    if text == "廿":
        # a lone 廿 stays unread, as before 廿 was read (tests/unit/test_parsing.py pins it);
        # 廿四, 廿五 … are read
        return None
    for tens, spelt in _CN_TENS.items():
        text = text.replace(tens, spelt)
    numeral = _CN_DIGIT_RUN.sub(_last_digit, text)
    if numeral[0] in _CN_LEADING_UNIT:
        numeral = "一" + numeral
    try:
        return int(cn2an.cn2an(numeral, "normal"))
    except (ValueError, KeyError):  # not a numeral cn2an reads: 十十, 零十, 一万万
        return None


def number_value(text: str) -> Decimal | None:
    """A written number (12,000 · 1.5 · 1e400 · ９９), capped at HUGE; None if it is none."""
    try:
        value = Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None
    return min(value, _HUGE) if value.is_finite() else None


# A scale after digits: 1.2万, 12k, and in words «2 mil patacas», "2 thousand patacas" (which
# were MOP 2, a case ruled out as "not above MOP 1,000"; probe 7).
_MONEY = re.compile(
    rf"(?P<num>{NUMBER})\s*(?P<scale>亿|万|千|k|mil\b|thousand\b)?|(?P<cn>{CN_NUMERAL})"
)
_SCALES = {"亿": 100_000_000, "万": 10000, "千": 1000, "k": 1000, "mil": 1000, "thousand": 1000}
# Before a scale word a comma is the Portuguese decimal comma: «1,5 mil» is 1,500, not 15,000.
_DECIMAL_COMMA = re.compile(r"\d{1,3},\d{1,2}")


# Thousands in words: «oito mil patacas», "eight thousand".
_WORD_THOUSANDS = re.compile(r"\b([a-zà-ÿ]+)\s+(?:mil|thousand)\b")


# The numerals of formal writing (伍仟, 壹萬), as normalised; not 陆 (also "land": 大陆) or 参.
_FORMAL_NUMERALS = str.maketrans("壹贰叁肆伍柒捌玖拾佰仟", "一二三四五七八九十百千")
# 2.500 / 8.500,50: thousands points and a decimal comma, as Portuguese writes amounts.
_POINTED_THOUSANDS = re.compile(r"(?<![\d.,])(\d{1,3}(?:\.\d{3})+)(?:,(\d{1,2}))?(?![\d.,]*\d)")
# A number followed by one of these counts something else: 一期 ("one instalment"), 6期, 3次,
# «5 prestações de 3000 patacas» (an instalment of MOP 5; probe 7).
_NOT_MONEY_AFTER = re.compile(
    r"\s*(?:[期次个年月日号间家位名项宗成岁%]|(?:instalments|installments|payments|times|months|years"
    r"|prestações|prestacoes|parcelas|pagamentos|vezes|meses|anos)\b)"
)


def _plain_thousands(match: re.Match[str]) -> str:
    whole = match.group(1).replace(".", "")
    return f"{whole}.{match.group(2)}" if match.group(2) else whole


# Digits with Chinese units between them: 1萬2 (12,000), 1萬5千, 2萬3千5, 1萬零500. Only the
# digits before the first unit were read (1萬 = MOP 10,000: p10-003, p10-004, p10-009); they are
# spelt out (一萬二, 一萬五千…) for chinese_number, which reads the colloquial next unit down.
# (Not a decimal's tail: 1.2萬 is read as a number and its scale.)
_DIGITS_AND_UNITS = re.compile(
    r"(?<![\d.,])\d{1,4}[亿万千](?:零?(?:\d{1,4}|[一二两三四五六七八九])[亿万千百十]?)+"
)


def _spelt_out(match: re.Match[str]) -> str:
    return re.sub(r"\d+", lambda run: str(cn2an.an2cn(run.group())), match.group())


def parse_amount(text: str) -> Decimal | None:
    """The first amount of money in `text`, in MOP, to the cent; at most HUGE."""
    norm = _POINTED_THOUSANDS.sub(_plain_thousands, normalise(text).translate(_FORMAL_NUMERALS))
    norm = _DIGITS_AND_UNITS.sub(_spelt_out, norm)
    if (words := _WORD_THOUSANDS.search(norm)) and words.group(1) in _WORD_NUMBERS:
        return Decimal(_WORD_NUMBERS[words.group(1)] * 1000).quantize(Decimal("0.01"))
    for match in _MONEY.finditer(norm):
        if _NOT_MONEY_AFTER.match(norm, match.end()):
            continue
        if match.group("num"):
            written, scale = match.group("num"), match.group("scale") or ""
            if scale in ("mil", "thousand") and _DECIMAL_COMMA.fullmatch(written):
                written = written.replace(",", ".")
            value = number_value(written)
            if value is None:
                continue
            value = min(value * _SCALES.get(scale, 1), _HUGE)
            return value.quantize(Decimal("0.01"))
        number = chinese_number(match.group("cn"))
        if number:
            return Decimal(min(number, HUGE)).quantize(Decimal("0.01"))
    return None


_COUNT_NUMBER = re.compile(r"\d+(?:e\+?\d+)?")


def parse_count(text: str) -> int | None:
    """A small count: 兩次 · 一次 · 冇 · twice · 2 · duas vezes; at most HUGE."""
    norm = normalise(text)
    if digits := _COUNT_NUMBER.search(norm):
        written = number_value(digits.group())
        return None if written is None else int(written)
    if re.search(r"(没有?|冇|未|从未|从来没|唔曾)", norm):
        return 0
    for match in _CN_NUMBER.finditer(norm):
        value = chinese_number(match.group())
        if value is not None:
            return int(min(value, HUGE))
    for word in re.findall(r"[a-zà-ÿ]+", norm):
        if word in _WORD_NUMBERS:
            return _WORD_NUMBERS[word]
    return None


# A count given roughly (normalised): a range or a bound, 「十幾期」, 「成十幾期」, 「大概仲有十幾期」,
# 「一兩次」, "more than ten", "10 or so", «mais de dez». Never a number to compute with: 「成十幾期」
# became 10 instalments, and the increase of each was worked out from it (probe 9).
_WORD_NUMBER = "|".join(_WORD_NUMBERS)
_ANY_NUMBER = rf"(?:\d+|{CN_NUMERAL}|\b(?:{_WORD_NUMBER})\b)"
_VAGUE_COUNT = re.compile(
    # Chinese: 十幾 · 廿幾 · 10幾 · 十多 · 幾十 · 一兩 · 兩三 (two digits side by side: a range)
    rf"(?:[十廿卅卌百]|\d)\s*(?:几|多(?!少))|几\s*[十百]|[一二两三四五六七八九]{{2}}"
    r"|大概|大约|约|左右|上下|差唔多|差不多|估计|起码|最少|至少|超过|多过|多于|以上|以下|不到|唔够|少过|少于"
    rf"|(?<!完)成\s*{_ANY_NUMBER}"
    # English and Portuguese: a bound or a guess before a number, a range, or no number at all
    rf"|\b(?:more than|over|at least|about|around|approx(?:imately|\.)?|roughly|nearly|almost|some"
    rf"|under|less than|fewer than|up to|close to|maybe|perhaps|probably|mais de|menos de"
    rf"|pelo menos|cerca de|aproximadamente|uns|umas|quase|talvez|por volta de|à volta de)\s+{_ANY_NUMBER}"
    rf"|{_ANY_NUMBER}\s*(?:\+|or so\b|or more\b|or less\b|-?ish\b|odd\b|plus\b|ou mais\b"
    rf"|(?:-|–|to|or|ou|a|到|至|或)\s*{_ANY_NUMBER})"
    r"|\b(?:a few|several|a couple|dozens?|many|a lot|vários|várias|alguns|algumas|muitas|muitos)\b"
    r"|mais ou menos"
)
# 「what about 10 instalments」 asks about 10; 「第十一期」 names one.
_NOT_VAGUE = re.compile(r"\b(?:what|how) about\b|第")


def vague_count(text: str) -> bool:
    """Whether `text` gives a count only roughly (a range, a bound, a guess)."""
    norm = _NOT_VAGUE.sub(" ", normalise(text))
    return bool(_VAGUE_COUNT.search(norm))


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
# A month with a two-digit year: "6/20" (June 2020). Read only where a due date is expected (see
# parse_due_date), and only when the year cannot be a month: 6/10 may be 6 October.
_SHORT_YEAR = re.compile(r"(?<![\d/.,-])(\d{1,2})/(\d{2})(?![\d/.,-]*\d)")


def _short_year(norm: str) -> dt.date | None:
    if (m := _SHORT_YEAR.search(norm)) and int(m[2]) > 12:
        return _safe_date(2000 + int(m[2]), int(m[1]), None)
    return None


def _month_and_year_apart(norm: str) -> dt.date | None:
    months = {(m[1], m[2]) for m in _MONTH_APART.finditer(norm)}
    years = set(_YEAR_APART.findall(norm))
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


def due_date_options(text: str, today: dt.date | None = None) -> list[dt.date]:
    """The due dates `text` offers: one (parse_due_date's), none, or each of the alternatives it
    names, in order (「前年嘅三月尾 定四月初」 → March and April of the year before last, a month
    without its year taking its neighbour's). Whether they settle a case is the caller's to say."""
    whole = parse_due_date(text, today)
    parts = _ALTERNATIVE.split(_digits_in_dates(normalise(text)))
    if len(parts) < 2:
        return [whole] if whole else []
    dated = [parse_due_date(part, today) for part in parts]
    for i, part in enumerate(parts):
        month = _yearless_month(part) if dated[i] is None else None
        if month is None:
            continue
        nearest = [*reversed(dated[:i]), *dated[i + 1 :]]
        year = next((d.year for d in nearest if d is not None), None)
        dated[i] = None if year is None else _safe_date(year, month, None)
    options = list(dict.fromkeys(d for d in dated if d is not None))
    return options if len(options) >= 2 else [whole] if whole else []


class Answer(enum.Enum):
    """An answer to a yes/no question. "Don't know" is never yes or no."""

    YES = "yes"
    NO = "no"
    DONT_KNOW = "dont_know"


# The NLU intents that are answers (domain.yml), and what each one means.
ANSWER_INTENTS = {"affirm": Answer.YES, "deny": Answer.NO, "dont_know": Answer.DONT_KNOW}

# Patterns run on normalised text (Simplified, lower case; knowledge/text.py).
_DONT_KNOW = re.compile(
    r"(唔知|不知|唔清楚|不清楚|唔记得|不记得|忘记|唔肯定|不肯定|唔确定|不确定|冇印象|没印象|"
    r"(?:不|唔)太(?:确定|肯定|清楚|记得)|(?:没法|无法|未能|不能|冇办法|唔能够)(?:确定|肯定|确认)|"
    r"(?:才|先)(?:知道|知)|\bneed to check\b|\bhave to check\b|preciso de verificar|tenho de verificar|"
    r"\bdon'?t know\b|\bdo not know\b|\bdunno\b|\bidk\b|\bnot sure\b|\bno idea\b|\bunsure\b|"
    r"\bnot certain\b|can'?t remember|\bnão sei\b|\bnao sei\b|não tenho (?:a )?certeza|não me lembro|não estou cert[oa])"
)
# Words of politeness or approval that contain a negation character or word: 唔该 ("thanks",
# with 唔), 冇问题 / no problem ("no problem" = yes), 不错 ("not bad" = right).
_POLITE = re.compile(
    r"(唔该晒|唔该|麻烦晒|麻烦你|多谢|谢谢|thanks|thank you|please|por favor|obrigad[oa])"
)
_APPROVAL = re.compile(
    r"(冇问题|没问题|无问题|冇所谓|没关系|不错|唔错|冇错|没错|无错|\bno problem\b|\bno worries\b|"
    r"\bnot a problem\b|sem problema|não há problema|nao ha problema)"
)
_NO = re.compile(
    r"(不是|唔系|唔好|不好|不要|唔要|不用|唔使|不需要|唔需要|不同意|唔同意|唔啱|不对|否|没|冇|未|并非|并不|并无|"
    r"从无|无被|(?<!是)非(?!常)|"
    r"^不|^唔|\bno\b|\bnope\b|\bnah\b|\bnot\b|n['’]t\b|\bnão\b|\bnao\b|\bnem\b|\bnunca\b|"
    r"\bnever\b|"
    # typed without the apostrophe: "the grant wasnt cancelled" was a yes (p10-056)
    r"\b(?:is|was|were|are|do|does|did|have|has|had|ca|could|wo|would|should|ai)nt\b)"
)
_YES = re.compile(
    r"^(是|系|对|有|啱|好|得|可以|同意|确定|当然|yes|yeah|yep|yup|y|ok|okay|sure|correct|right|"
    r"agreed?|of course|go ahead|sim|claro|certo|pode ser|pode|está bem|esta bem|exato|exacto|"
    r"concordo|com certeza)(?![a-zà-ÿ])|是最后|系最后"
)


def parse_answer(text: str) -> Answer | None:
    """Yes, no or don't know from the words of a short answer, None when it is none of them.

    Don't know first (我唔知 is not "no"); politeness and approval phrases are set aside before
    the negations are looked for (好，唔该 and 冇问题 are yes); a negation beats a yes
    (唔系最后一期 is no)."""
    norm = normalise(text).strip()
    if _DONT_KNOW.search(norm):
        return Answer.DONT_KNOW
    approved = bool(_APPROVAL.search(norm))
    rest = _APPROVAL.sub(" ", _POLITE.sub(" ", norm)).strip().strip(",.!。~")
    if _NO.search(rest):
        return Answer.NO
    if approved or _YES.search(rest):
        return Answer.YES
    return None


# A message that asks something (on normalised text): inside a form it is answered from the
# knowledge base, not taken for an answer (「咁點算好」, "so what do I do?", is no yes).
_QUESTION = re.compile(
    r"[?？]|呢\W*$|点(?:还|做|计|算|申请|办|搞|揾|去|样|解|先)|咩|乜|怎么办|咋办|几时|边度|边个|边间|几多|什么|怎么|怎样|为什么|为何|哪|"
    r"吗|嘛|是否|可唔可以|系咪|系唔系|有冇|\b(?:what|how|when|where|why|who|which|can i|do i|is there|"
    r"are there)\b|\b(?:o que|como|quando|onde|qual|quais|quem|porque|porquê|posso)\b"
    # 「幾錢」 (NLU: yes) after an answer offering staff opened the hand-off (p10-018); 「係邊日開
    # 㗎」 (NLU: "are you a bot?") after the CITES meeting got "I am an automated assistant"
    # (p10-008); not 旁邊位 ("the seat beside")
    r"|几钱|多少钱|(?<![旁周这那两左右身岸海路外里前后上下东南西北])边(?:日|年|位)"
    # a verb and its negation: 「仲使唔使其他牌」, 要唔要, 是不是 (p10-006: no question, so the
    # NLU's reading began the repayment check on a Kimberley licence question)
    r"|(?![唔不])([\u4e00-\u9fff])[唔不]\1"
)


# The user's own case (normalised): "I", "my company", 「我間舖」, «a minha empresa».
_OWN_CASE = re.compile(
    r"我|本公司|本人|敝公司|\b(?:i|i'm|my|we|our|us)\b|\b(?:eu|minha|meu|nossa|nosso|nós)\b"
)


def about_own_case(text: str) -> bool:
    return bool(_OWN_CASE.search(normalise(text)))


# Wanting one's own repayment adjusted (normalised), which the eligibility check is for.
_ADJUSTMENT = re.compile(
    r"调整还款|调整(?:返)?(?:供款|还钱)|减供|调低(?:还款|供款)|\badjust(?:ing|ment of)? (?:my |our |the )?"
    r"(?:repayment|instalment)|\breduce (?:my |our |the )?(?:repayment|instalment)"
    r"|\bajust(?:ar|amento d)\w* (?:a |o |as |os |do |da )?(?:minha |meu |nossa |nosso )?(?:prestaç|reembols)"
)


# Asking for the check by name: "repayment adjustment check please", 「幫我查核調整還款」.
_CHECK_ASKED = re.compile(
    r"\b(?:repayment|adjustment|eligibility)\b[\w ]{0,20}\bcheck\b|\bcheck (?:my |our |the )?"
    r"(?:repayment|adjustment|eligibility)|(?:查核|检查|核查|check下?)[^。？?]{0,6}(?:调整还款|还款调整|资格)"
    r"|(?:调整还款|还款调整)[^。？?]{0,4}(?:查核|检查|核查)|verific\w* (?:o |a )?(?:meu |minha )?"
    r"(?:caso|elegibilidade|ajustamento)"
    # probe 7: 「想check下個還款可唔可以調」, 「我想查还款调整」, «Preciso de ajuda com o reembolso»
    r"|(?:想|要|帮我)查(?:一下|下)?[^。？?]{0,4}(?:调整还款|还款调整)|check下?[^。？?]{0,4}还款[^。？?]{0,6}调"
    r"|ajuda com (?:o |a )?(?:meu |minha )?(?:reembolso|prestação)"
)


def wants_own_adjustment(text: str) -> bool:
    norm = normalise(text)
    return (about_own_case(text) and bool(_ADJUSTMENT.search(norm))) or bool(
        _CHECK_ASKED.search(norm)
    )


def looks_like_question(text: str) -> bool:
    return bool(_QUESTION.search(normalise(text)))


def read_answer(text: str, intent: str | None) -> Answer | None:
    """The answer the NLU recognised (affirm / deny / dont_know), checked against the words: when
    the words say something else (the NLU's affirm for 唔同意), neither is trusted and the
    question is asked again. The words alone when the NLU saw another intent (a button label,
    an answer it was unsure of). "Don't know" in the words is don't know whatever the NLU read;
    a question with no no in it is none (the NLU's affirm for 「咁點算好」)."""
    heard = ANSWER_INTENTS.get(intent or "")
    said = parse_answer(text)
    if said is Answer.DONT_KNOW:
        return said  # 「…還沒法確定，要翻文件才知道」 read by the NLU as deny: never a no
    if said in (None, Answer.YES) and looks_like_question(text):
        return None  # "ok and can I apply online?" asks; its ok is no yes to what was asked
    if heard is None or said is None:
        return heard or said
    return heard if heard is said else None


# A message that is nothing but a yes or a no (normalised): no name and no question for staff
# ("yes" was taken as both; probe 5). Not parse_answer, which finds a no in a name (陳非, 林未來).
_BARE_ANSWER = re.compile(
    r"^(?:yes|yeah|yep|ok|okay|sure|no|nope|sim|não|nao|ok sim|是|是的|系|好|好的|可以|对|冇|无|没有"
    r"|不是|唔系|唔好|不好"
    # yes as people type it to the consent question, before their name (p10-017, p10-050)
    r"|得|好呀|好啊|系呀|可以呀|同意|sure thing|yes please|of course|agreed|go ahead|claro|pode ser)\W*$"
)


def is_bare_answer(text: str) -> bool:
    return bool(_BARE_ANSWER.match(normalise(text).strip()))


# The first clause of a message that goes on: up to a comma or full stop, or a space between
# Chinese words (「得 我叫黃小姐 電話62223333」, 「唔使住 我想知邊個部門搞…」, p10-017, p10-018).
_OPENING = re.compile(
    r"^\s*([^，,;；。.!！?？\n]+?)\s*(?:[，,;；。.!！\n]+\s*|(?<=[\u3400-\u9fff])\s+(?=[\u3400-\u9fff]))(?=\S)"
)
# A no that opens a message (normalised), besides the bare answers: not any clause with a no in
# it, which a name can be (陳非).
_NO_THANKS = re.compile(
    r"^(?:唔使|不用|唔要|不要|唔需要|不需要|唔好|不好)(?:住|喇|啦|了|啊|呀|嘞)?"
    r"|^(?:no|nope|nah)(?:,? thanks?| thank you)?|^não(?:,? obrigad[oa])?"
)


def opening_answer(text: str) -> tuple[Answer | None, str]:
    """The yes or no a message opens with before it says more, and what it says after it:
    「唔使住 我想知…」 → (no, 「我想知…」); (None, `text`) when it opens with neither or says
    nothing more."""
    found = _OPENING.match(text)
    head = normalise(found.group(1)).strip() if found else ""
    if not (is_bare_answer(head) or _NO_THANKS.fullmatch(head)) or found is None:
        return None, text
    answer = parse_answer(head)
    if answer not in (Answer.YES, Answer.NO):
        return None, text
    return answer, text[found.end() :].strip()


def parse_yes_no(text: str) -> bool | None:
    """Yes → True, no → False; None for "don't know" and for anything else."""
    answer = parse_answer(text)
    return None if answer in (None, Answer.DONT_KNOW) else answer is Answer.YES


# A message that only thanks (normalised: Simplified, lower case): «obrigado» and «ok obrigado»,
# which the NLU has read as out of scope, get thanks back, not the scope sentence.
_THANKS_ONLY = re.compile(
    r"^(?:(?:ok|okay|好|好的|咁|嗯)\W*)?(?:多谢晒?|唔该晒?|谢谢(?:你|您|晒)?|非常感谢|感谢|"
    r"thanks?(?: you)?(?: (?:so|very) much| a lot)?|thx|tks|thks|thnx|thanx|tq|ty|cheers"
    r"|(?:muito )?obrigad[oa]s?)"
    # (and a word for the one thanked: "tks bro", probe 9)
    r"(?:\W*(?:啦|喇|呀|你|您|晒|bro|man|mate|dude|buddy|pal|lah|la|ah))*[\W]*$"
)


def is_thanks(text: str) -> bool:
    return bool(_THANKS_ONLY.match(normalise(text).strip()))


# Small talk by its words (normalised), whatever the NLU read: a message of nothing but greetings,
# "how are you", thanks, goodbyes, "ok", "really?". Any other message that reads as a question is
# answered from the knowledge base when the NLU read small talk (actions/small_talk.py): "Who
# chaired it?" read as thanks, 「你好，请问CEPA是什么？」 as a greeting.
# Reactions ("cool", 「好嘢」): small talk, and no answer to an offer (`is_reaction`).
_REACTION_ZH, _REACTION_EN = r"好嘢|哈哈", r"cool|great|nice|haha"
_SOCIAL_WORD = (
    # acknowledgements and reactions first («哈哈好，明白» got "I still cannot answer", probe 5)
    rf"{_REACTION_ZH}|{_REACTION_EN}|明白|收到|了解|知道了|冇问题|没问题|got it|noted|i see|understood"
    r"|entendi|percebi|perfeito|ótimo|otimo|"
    r"你好|您好|哈[啰佬喽]|早晨|早安|午安|晚安|喂|拜拜|再见|谢谢|多谢晒?|唔该晒?|感谢|是吗|系咪|真的吗|真系|真的|真|好|好的|嗯|ok"
    r"|hi|hello|hey|good (?:morning|afternoon|evening)|how are you|bye|goodbye|thanks?|thank you"
    r"|okay|really|sure|olá|ola|bom dia|boa tarde|boa noite|tudo bem|como está|adeus|obrigad[oa]"
    r"|a sério|verdade|oi|you|呀|啊|啦|喇|吖|嘛|呢|吗|㗎|架|你|您"
)
_SOCIAL = re.compile(rf"^(?:\W|_|(?:{_SOCIAL_WORD})(?![a-z]))+$")


# Thanks or goodbye (normalised): "ok thanks bye" and 「好的，谢谢」 close the exchange, and are no
# yes to the offer of staff (唔該 is "please" there: 「好，唔該」 is a yes).
_CLOSING = re.compile(
    r"谢谢|多谢|感谢|拜拜|再见|\b(?:thanks?|thank you|thx|cheers|bye|goodbye|adeus|tchau)\b|obrigad"
)


# Asking what the assistant can do or which languages it speaks (normalised): 「你能做什么？」,
# 「你識唔識講廣東話」, "what can you help with?", «Olá, fala português?» (the fifth probe got
# "not sure" or the scope sentence's "sorry, that is outside what I can help with").
_CAPABILITIES = re.compile(
    r"(?:你|您)(?:到底|究竟)?(?:能|可以|会|识)?(?:做|干|帮|帮到|帮我|帮助|解答|回答|答)(?:些)?"
    r"(?:什么|咩|乜|啲咩|哪些|边啲|啥)"
    r"|(?:你|您)(?:有)?(?:什么|咩|乜)(?:功能|用)"
    r"|(?:(?:你|您)?(?:会唔会|识唔识|会不会|能不能|可唔可以|可不可以)|(?:你|您)(?:会|识|能))(?:讲|说|用|听)"
    r"(?:广东话|粤语|普通话|国语|英文|英语|葡文|葡语|葡萄牙语|中文)"
    r"|\bwhat (?:can|do) you (?:do|help)|\bhow can you help\b|\bwhat are you for\b"
    r"|\b(?:can|do) you (?:speak|understand|write|reply in|answer in) [a-z]+(?:ese|ish|ian|ch|ic|an)\b"
    r"|\b(?:can|do) you (?:speak|understand|write) (?:english|chinese|cantonese|portuguese|thai|hindi)"
    r"|¿?\bhabla(?:s)? (?:español|espanol|inglés|ingles|chino|portugués|portugues)"  # probe 7
    r"|o que (?:é que )?(?:pode|podes|sabe|consegue) fazer|em que (?:me )?(?:pode|podes) ajudar"
    # 「閣下能提供哪些服務？」 (probe 7)
    r"|(?:你|您|阁下|你哋|你们)(?:能|可以|会)?提供(?:哪些|什么|咩|啲咩|边啲|乜嘢)(?:服务|帮助|协助)"
    r"|\bfala(?:s)? (?:português|portugues|inglês|ingles|chinês|chines)"
    # "what languages do you speak?" opened the hand-off (probe 8)
    r"|\b(?:what|which) languages?\b|\bque (?:línguas|idiomas)\b|(?:哪些|咩|边啲|什么|乜嘢)(?:语言|语文)"
)


# Spoken to the assistant itself ("are you a real person?", 「你係咪機械人」, «você é um robô?»).
_YOU = re.compile(r"\b(?:you|u|ur|your)\b|你|您|阁下|\b(?:você|voce|tu|és)\b")


def addresses_the_assistant(text: str) -> bool:
    return bool(_YOU.search(normalise(text)))


def asks_what_you_can_do(text: str) -> bool:
    return bool(_CAPABILITIES.search(normalise(text)))


# What the assistant does with what users type (normalised): "do you store my data?", 「你哋會唔會
# 記錄我講嘢」, «quem pode ver esta conversa?» were called out of scope or "not sure" (probe 5).
_DATA = (
    r"(?:data|chats?|conversations?|messages?|information|info|details|personal details|e-?mail"
    r"|name|phone(?: number)?|number|ip(?: address(?:es)?)?|address(?:es)?|location|history)"
)
_PRIVACY = re.compile(
    r"(?:记录|记低|录低|保存|储存|存储|保留|存低|收集|删除|删走)(?:低|住|咗)?(?:我|我哋|我们|本人)?(?:的|嘅|啲)?"
    r"(?:讲嘢|讲的|说的|讲过|说过|对话|聊天|倾偈|讯息|信息|资料|数据|个人资料|记录)"
    r"|(?:边个|谁|哪些人|什么人|咩人)(?:可以|会|能|能够)?(?:睇|看)(?:到|得到)?(?:我|我哋|我们)?(?:的|嘅)?"
    r"(?:讲嘢|对话|聊天|讯息|信息|资料|记录)|(?:私隐|隐私)(?!公署|专员|办公室)|个人资料(?:点|怎么|如何|会)"
    r"|(?:点|怎样|怎么|如何)(?:样)?(?:用|使用|处理|保存|保护)(?:我|我哋|我们|本人)?(?:的|嘅|啲)?(?:资料|数据|个人资料)"
    r"|(?:资料|数据|对话|记录|纪录)(?:会)?(?:俾|畀|给|被)(?:边个|谁|什么人|第三方|其他人)"
    r"|(?:对话|聊天|记录|纪录|资料|数据)(?:会|将)?(?:保存|保留|储存|存|留)(?:多久|几耐|几长|几多日|多长时间)"
    r"|\b(?:do|did|will|does|can|could) (?:you|this bot|the bot|it) (?:\w+ )?(?:store|keep|save|record|log|collect"
    r"|delete|share) (?:my|our|this|the|any|users'?) (?:\w+ )?"
    + _DATA
    + r"|\bwho (?:(?:at|in|from) (?:the )?[\w-]+ )?(?:can|will|gets to|could) (?:see|read|access)"
    r" (?:this|my|our|the) (?:\w+ )?"
    + _DATA
    + r"|\b(?:is|are) (?:this|my|our|the) (?:\w+ )?"
    + _DATA
    + r" (?:private|recorded|saved|stored"
    r"|kept|confidential|logged)|\bprivacy\b|\bwhat (?:happens|do you do) (?:to|with) my\b"
    r"|\b(?:guarda|guardam|grava|gravam|regist(?:a|am)|apaga|apagam|recolhe|recolhem)\w* (?:os |as )?"
    r"(?:meus |minhas |nossos |nossas )?(?:dados|conversas?|mensagens)|\bquem (?:pode|vai|consegue)"
    r" (?:ver|ler) (?:esta|a|as|estas|minha|minhas) (?:conversa|mensagen)|privacidade"
    r"|(?<!protecção de )(?<!proteção de )dados pessoais"
    # probe 7: 「會唔會記住我個名」, 「啲資料會點處理」, 「點解要我電話」, "what data do you keep
    # about me?", "please delete everything I typed", «o que acontece aos meus dados»
    # (「個人資料將保存多久」 is the "how long is it kept" rule above, with 将)
    r"|(?:记住|记得|留住|保存|保留)(?:我|我哋|我们|本人)(?:个|的|嘅|啲)?(?:名|名字|姓名|电话|电邮|email|资料)"
    r"|(?:资料|数据)(?:你|你哋|你们)?(?:会|将)?(?:点|怎样|怎么|如何)(?:样)?(?:处理|用|使用|保存|保护)"
    r"|(?:点解|为什么|为何|做咩)(?:要|需要)(?:我|我哋|我们)?(?:个|的|嘅|啲)?(?:电话|名|名字|姓名|电邮|email|资料)"
    r"|\bwhat (?:data|information|info|details) (?:do|will|did) you (?:keep|store|have|hold|save|collect)"
    r"|\bdelete (?:everything|all|what) (?:i|we) (?:typed|wrote|said|sent)|\bdelete my\b"
    r"|\bwhy do you need my\b|o que acontece (?:aos|com os|às|com as) (?:meus |minhas )?(?:dados|mensagens)"
    # probe 9: 「你記住咗我電話未」, 「你頭先記低咗我個名」, 「你哋會唔會將我電話俾第三方㗎」,
    # 「我同你講嘢會唔會被記錄」, "what do you do with the stuff I type here?", "please delete
    # everything you know about me" (and "do you store my IP address?", "who at DSE can read my
    # chats?" in the rules above)
    r"|(?:记住|记得|记低|记录|留住|留低|存低)(?:咗|了|低|住)(?:我|我哋|我们|本人)(?:个|的|嘅|啲)?"
    r"(?:名|名字|姓名|电话|电邮|email|资料|号码)"
    r"|(?:电话|资料|个人资料|数据|电邮|名|号码)\w{0,4}(?:俾|畀|给|卖|交|转|提供)(?:俾|畀|给)?(?:第三方|其他人|别人)"
    r"|\bthird[- ]part(?:y|ies)\b"
    r"|(?:讲嘢|讲的|说的|讲过|说过|对话|聊天|倾偈|讯息|信息|打嘅|打的|输入的)(?:会|会唔会|会不会|系咪|是否|有冇|有没有)?"
    r"(?:被|俾人|给人)(?:记录|记低|录低|保存|储存|存低|保留|睇|看)"
    r"|\bwhat (?:do|will|did) you do with (?:the |all the )?(?:stuff|things|text|messages?|words|what)"
    r" (?:i|we) (?:type|write|send|say|tell|enter)"
    r"|\b(?:delete|erase|remove|forget|wipe) (?:everything|all|anything|whatever) (?:you (?:know|have|hold"
    r"|store|kept|keep|stored|saved|got)|about me)"
    # probe 10: 「本人於此對話中提供的資料會否被保存？」 (p10-031), "do you keep a record of what I
    # type here?", "what exactly will you do with my data?" (p10-058), 「你哋個自動回覆會唔會將我
    # 講嘅嘢俾其他部門」 (p10-016): the scope sentence, or "I am an automated assistant"
    r"|(?:资料|个人资料|数据|对话|讯息|聊天记录)(?:会否|会唔会|会不会|会|将|是否)?被?(?:保存|保留|储存)"
    r"|\b(?:do|did|will|does|would) (?:you|this bot|the bot|it|this (?:chat|service)) (?:\w+ )?(?:keep"
    r"|store|save|make|have|log) (?:a )?(?:records?|logs?|copy|copies|history|transcripts?) of\b"
    r"|\bwhat (?:\w+ )?(?:happens|will happen|do you do|will you do|are you going to do|would you do"
    r"|will they do|will staff do) (?:to|with) (?:my|our)\b"
    r"|(?:将|把)(?:我|我哋|我们|本人)\w{0,8}(?:俾|畀|给|交|转|卖|提供|透露|泄露)(?:俾|畀|给|到)?"
    r"(?:第三方|其他|别人|别的|外人)"
    r"|(?:资料|个人资料|数据|电话|电邮|号码|对话|讯息|讲嘅嘢|讲的话|说的话|讲嘢)\w{0,4}(?:俾|畀|给|卖|交|转"
    r"|提供|透露|泄露)(?:俾|畀|给|到)?(?:其他部门|其他政府部门|其他机构|别的部门|外人)"
    r"|\b(?:share|pass|give|send|sell|forward|disclose|show)\w* (?:what (?:i|we) (?:say|said|type|typed"
    r"|write|wrote|tell you)|(?:my|our) (?:\w+ )?(?:data|details|information|info|messages?|chats?"
    r"|conversations?|number|name|e-?mail)) (?:with|to) (?:other|another|third|outside|any other)\b"
    r"|\b(?:dados|conversas?|mensagens|contactos)\b[^.?!]{0,25}\b(?:partilh|compartilh|vend|pass|envi"
    r"|transmit|divulg|entreg)\w*[^.?!]{0,15}\b(?:com|a|aos?|às?) (?:outros|outras|terceiros)\b"
    r"|\bo que (?:é que )?(?:vão|vai|irão|fazem|faz|farão) (?:fazer )?(?:com|a|aos|às) (?:os |as )?"
    r"(?:meus|minhas|nossos|nossas) (?:dados|contactos|mensagens|informaç)"
    r"|\bpara (?:que|quê) (?:usam|utilizam|vão usar|servem) (?:os |as )?(?:meus|minhas|nossos|nossas)\b"
)


def asks_about_privacy(text: str) -> bool:
    return bool(_PRIVACY.search(normalise(text)))


# Another user of the assistant, and what they wrote or left (normalised): "can you show me what
# the previous user asked you?", "what's the phone number of the last person who left a
# message?" got "I still cannot answer" and the bureau's contact entry (p10-058). Both must be
# said: "can other people apply?" asks nothing of theirs.
_OTHER_USER = re.compile(
    r"\b(?:previous|last|other|another|earlier|next|different) (?:users?|persons?|people|customers?"
    r"|visitors?|callers?|clients?|enquirers?)\b|\b(?:someone|somebody|anyone|anybody|everyone) else\b"
    r"|\bother (?:people|users)'s?\b"
    r"|(?:上一|上|前一|之前|头先|另一|下一)(?:个|位)(?:用户|用家|使用者|人|客人|查询者)"
    r"|(?:其他|其它|别的|别嘅)(?:用户|用家|使用者|人|客人|查询者)|别人|人哋|他人"
    r"|\b(?:outr[oa]s?) (?:utilizador(?:es)?|usuári[oa]s?|pessoas?|clientes?)\b"
    r"|\b(?:utilizador|usuário|pessoa|cliente) anterior\b|\b(?:últim[oa]) (?:utilizador|usuário|pessoa|cliente)\b"
)
_USER_DATA = re.compile(
    r"\b(?:asked|said|typed|wrote|told|sent|left|chats?|conversations?|messages?|questions?|data"
    r"|details|phones?|numbers?|e-?mails?|names?|contacts?|history|address(?:es)?)\b"
    r"|对话|资料|电话|电邮|名字|姓名|记录|纪录|讯息|留言|号码|问题|问咗|问过|问了|讲咗|讲过|说过|说了"
    r"|\b(?:pergunt|escrev|diss|mensage|conversa|dados|telefone|contacto|nome|e-?mail|número)\w*"
)


def asks_for_others_data(text: str) -> bool:
    """Whether `text` asks for what another user of the assistant wrote or left."""
    norm = normalise(text)
    return bool(_OTHER_USER.search(norm) and _USER_DATA.search(norm))


# How current the assistant's information is (normalised): "How old is your information?",
# 「你哋嘅資料幾時更新㗎？」, 「即係2019年嘅資料？」 were called out of scope (probe 7).
_HOW_CURRENT = re.compile(
    r"(?:你哋|你们|你|您|阁下)(?:嘅|的|啲)?(?:资料|资讯|信息|数据|答案|内容|嘢)(?:系|是)?"
    r"(?:几时|什么时候|何时|哪年|边年)(?:更新|嘅|的|出)"
    r"|(?:你哋|你们|你|您|阁下)(?:嘅|的|啲)?(?:资料|资讯|信息|数据|嘢)(?:系咪|是不是|是否)?(?:好|很|太)?"
    r"(?:旧|过时|最新)|啲嘢(?:系咪|是不是)?(?:好|很|太)旧"
    r"|(?:即系|即是|所以)?(?:系|是)?2019年?(?:嘅|的)(?:资料|资讯|信息|数据)"
    r"|(?:仲|还)(?:啱|合|适)(?:唔|不)?(?:啱|合)?用|\bhow (?:old|recent|current|up to date|up-to-date) is"
    r"|\b(?:is|are) (?:your|the|this) (?:\w+ )?(?:information|info|data|answers?) (?:\w+ )?"
    r"(?:up to date|up-to-date|current|outdated|old)|\bwhen (?:was|were|is) (?:your|the) (?:\w+ )?"
    r"(?:information|info|data|knowledge) (?:last )?updated|\bhow (?:old|recent) (?:are|is) your"
    r"|(?:informação|informações|dados|respostas) (?:\w+ )?(?:actualizad|atualizad|desactualizad"
    r"|desatualizad)|de quando (?:é|são) (?:a|as|os) (?:\w+ )?(?:informaç|dados|respostas)"
    r"|até (?:que|quando|qual) (?:data )?(?:vai|é|são|chega|vão) (?:a |as )?(?:sua |suas )?(?:informaç|dados)"
)


def asks_how_current(text: str) -> bool:
    return bool(_HOW_CURRENT.search(normalise(text)))


# Newer aid than the newsletter knows (normalised): "my fren say got new round of help this year"
# after a decision began the check again (probe 9).
_AID = r"(?:help|aid|support|subsid(?:y|ies)|loans?|relief|funding)"
_NEWER_AID = re.compile(
    rf"\bnew (?:round|rounds|batch|wave|phase) of {_AID}\b|\b(?:new|another) {_AID}\b"
    r"|(?:新一轮|另一轮|新)(?:嘅|的)?(?:援助|资助|支援|补贴|贷款|纾困)"
    r"|\bnov[oa]s? (?:ronda|rondas) de (?:apoios?|ajuda|subsídios)|\bnovos? (?:apoios?|subsídios?)\b"
    # other aid than the newsletter's: 「貴局現時有何其他援助？」 began the check (p10-026); not
    # another scheme named ("其他援助計劃", "other aid schemes")
    r"|(?:其他|其它|别的|另外|另外的)(?:嘅|的)?(?:援助|资助|支援|补贴|纾困|帮助)(?!计划)"
    rf"|\b(?:what|which|any) other {_AID}\b(?! schemes?\b| programmes?\b| plans?\b)"
    r"|\b(?:outros|outras) (?:apoios|ajudas|subsídios)\b(?! (?:do|de) plano)"
)


def asks_about_newer_aid(text: str) -> bool:
    return bool(_NEWER_AID.search(normalise(text)))


# Taking back what one gave (normalised): "actually delete my data, I don't want to proceed",
# 「唔好跟進喇，刪咗我資料啦」, «apaguem os meus dados» (probe 8: the repayment check began).
_WITHDRAW = re.compile(
    r"\b(?:delete|remove|erase|withdraw|cancel|wipe) (?:all )?(?:of )?(?:my|our|the) (?:\w+ )?"
    r"(?:data|details|name|e-?mail|phone|number|information|info|question|ticket|enquiry|request)"
    r"|\bdon'?t want to (?:proceed|continue|go on)\b"
    r"|(?:删除|删咗|删走|删掉|删|取消|撤回|收回)(?:返|晒)?(?:我|我哋|我们|本人)?(?:所有|全部|一切|晒)?(?:的|嘅|啲)?"
    r"(?:资料|个人资料|名|电话|电邮|问题|查询|个案)"
    r"|(?:唔好|不要|不用|唔使|无需|毋须)(?:再)?跟进"
    r"|\b(?:apag|elimin|retir|remov)\w* (?:os |as )?(?:meus |minhas |nossos )?(?:dados|contactos|pergunta)"
    r"|\bnão (?:quero )?(?:continuar|prosseguir)\b"
)


def asks_to_withdraw(text: str) -> bool:
    return bool(_WITHDRAW.search(normalise(text)))


# A reaction, no answer to an offer (normalised): "cool" and 「好嘢👍」 after "I can pass your
# question to our staff" opened the privacy notice (probe 5); 「好，唔該」 and "ok sure" accept.
_REACTION = re.compile(
    # (👋 too: a wave is a greeting or goodbye, no yes to staff, probe 7)
    rf"{_REACTION_ZH}|\b(?:{_REACTION_EN}|wow|lol)\b|[\U0001F44B\U0001F44D\U0001F600-\U0001F64F]"
)


def is_reaction(text: str) -> bool:
    return bool(_REACTION.search(normalise(text)))


def is_closing(text: str) -> bool:
    return bool(_CLOSING.search(normalise(text)))


# Taking leave (normalised), not thanks alone: "thx bye" inside the check (NLU: goodbye, 0.80)
# got "could not understand that answer" and the question again (probe 7); 遲啲先 ("later"),
# which the NLU may read as goodbye, says none of these.
_GOODBYE = re.compile(
    r"拜拜|再见|\b(?:bye|byebye|bye-bye|goodbye|good bye|see you|cya|adeus|tchau|até logo|ate logo)\b"
)


def says_goodbye(text: str) -> bool:
    return bool(_GOODBYE.search(normalise(text)))


# Never mind (normalised), which with thanks or a goodbye and nothing else takes leave:
# 「算喇，唔該晒」 got "not sure" with topics and another offer of staff (probe 9).
_NEVER_MIND = re.compile(
    r"算(?:喇|啦|了|罢|吧)|唔使喇|不用了|never ?mind|forget it|deixa (?:estar|para lá)"
)
_LEAVING = re.compile(rf"^(?:\W|_|(?:{_NEVER_MIND.pattern}|{_SOCIAL_WORD}|tks|thx)(?![a-z]))+$")


def takes_leave(text: str) -> bool:
    """Whether `text` takes leave and says nothing else: a goodbye, or never mind with thanks."""
    norm = normalise(text).strip()
    if not _LEAVING.match(norm):
        return False
    thanked = _NEVER_MIND.search(norm) and (_CLOSING.search(norm) or _POLITE.search(norm))
    return bool(says_goodbye(norm) or thanked)


def is_social(text: str) -> bool:
    return bool(_SOCIAL.match(normalise(text).strip()))


# An insult or complaint about the assistant (normalised): 「你個廢柴」 (NLU: "are you a bot?")
# got "I am an automated assistant, not a person" (p10-020); no name either.
_COMPLAINT = re.compile(
    r"废柴|废物|白痴|弱智|智障|on9|戆居|戆鸠|低能|^\W*垃圾\W*$"
    r"|(?:你|你哋|你们|您|个bot|呢个bot|这个bot)\W{0,2}(?:真系|真是|真的|好|很|太|咁|都|系|是|成日|总是)*\W{0,2}"
    r"(?:垃圾|冇用|没用|无用|蠢|笨|傻|烦|差劲|废)"
    r"|\b(?:useless|stupid|idiot(?:ic)?|dumb|rubbish|garbage|pathetic|hopeless|ridiculous|annoying)\b"
    r"|\byou suck\b|\bsucks\b|\bwaste of (?:my )?time\b"
    r"|\b(?:inútil|inutil|estúpid[oa]|idiota|burr[oa]|péssim[oa]|ridícul[oa]|parv[oa])\b"
)


def complains(text: str) -> bool:
    return bool(_COMPLAINT.search(normalise(text)))


def is_dont_know(text: str) -> bool:
    return bool(_DONT_KNOW.search(normalise(text)))


# A candidate address: ASCII local part and domain (the address staff will write to), found in
# any text around it; email-validator decides whether it is one.
_LOCAL_CHAR = r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]"
_EMAIL = re.compile(rf"(?<!{_LOCAL_CHAR}){_LOCAL_CHAR}+@[A-Za-z0-9.-]+")  # linear: whole runs only
MAX_EMAIL_LENGTH = MAX_CONTACT_LENGTH  # the ticket's contact column holds any valid address
MAX_LOCAL_PART_LENGTH = 64
PHONE_REGION = "MO"  # numbers without a country code are Macao's


def parse_email(text: str) -> str | None:
    """The first valid e-mail address in `text`, normalised (and lower-cased)."""
    for match in _EMAIL.finditer(unicodedata.normalize("NFKC", text)):
        candidate = match.group().strip(".-")
        local, _, _domain = candidate.partition("@")
        if len(candidate) > MAX_EMAIL_LENGTH or len(local) > MAX_LOCAL_PART_LENGTH:
            continue
        try:
            address = validate_email(
                candidate, check_deliverability=False, allow_smtputf8=False, strict=True
            )
        except EmailNotValidError:
            continue
        return address.normalized.lower()
    return None


def parse_phone(text: str) -> str | None:
    """The first valid phone number in `text`: Macao's 8 digits with or without +853, any other
    place's with its + country code. Macao numbers come back as "+853 66123456", others in E.164
    ("+85291234567")."""
    matcher = phonenumbers.PhoneNumberMatcher(text, PHONE_REGION, phonenumbers.Leniency.VALID)
    for match in matcher:
        number = match.number
        if not phonenumbers.is_valid_number(number):
            continue
        if phonenumbers.region_code_for_number(number) == PHONE_REGION:
            return f"+{number.country_code} {phonenumbers.national_significant_number(number)}"
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    # A Macao fixed line of a range phonenumbers' metadata does not list (28123456, "+853 2812
    # 3456" were refused and a landline user could not finish the hand-off, probe 8): staff call it.
    if landline := _MACAO_LANDLINE.search(text):
        return f"+853 {landline.group(1)}{landline.group(2)}"
    return None


_MACAO_LANDLINE = re.compile(r"(?<![\d+])(?:\+?853[\s-]?)?(28\d{2})[\s-]?(\d{4})(?!\d)")


def parse_contact(text: str) -> str | None:
    """An e-mail address or, failing that, a phone number; None when `text` holds neither."""
    return parse_email(text) or parse_phone(text)


NAME_PREFIX = re.compile(
    r"^(?:我叫|我係|我是|叫我|我姓|我名叫|本人叫|我[嘅的個个]名(?:字)?(?:係|是|叫))\s*"
    r"|^(?:my name is|my name['’]s|i am|i['’]m|call me|chamo-me|me chamo|(?:o )?meu nome é|sou)\s+",
    re.I,
)
# What people put around a name once asked for it again: "I already told you, Maria Santos"
# (p10-050), 「黃小姐囉」 (p10-017), 「我頭先講咗喇，陳大文」.
_TOLD_ALREADY = (
    r"(?:i (?:already |just )?(?:told|gave) you(?: (?:already|before))?|(?:as |like )?i said"
    r"|já (?:te |lhe |vos )?disse|(?:我)?(?:都|已经|已經|头先|頭先|啱啱|之前)?(?:讲|講|话|話|说|說|俾|畀|给|給)"
    r"(?:咗|了|过|過)(?:你|你哋|你們|你们)?(?:知)?(?:㗎|啦|喇|囉|啰)*)"
)
_NAME_LEAD = re.compile(rf"^{_TOLD_ALREADY}[\s,，:：.。!！]*", re.I)
_NAME_TAIL = re.compile(
    rf"(?:[\s,，]*{_TOLD_ALREADY}|(?<=[\u3400-\u9fff])(?:囉|啰|啦|喇|呀|吖|咯|喎|㗎|嘛)+"
    r"|\s+(?:lor|lah|leh))[\s!！。.~]*$",
    re.I,
)
# Words no name holds (normalised): the user or the assistant spoken of ("actually no, I changed
# my mind…", 「你係咪真人嚟」), once the prefixes above are gone.
_PERSONS = re.compile(r"我|你|您|(?<![\w-])(?:i|me|my|you|your|eu|meu|minha|você|voce)(?![\w-])")


def _no_name(name: str) -> bool:
    """A sentence typed where a name was asked: a question, a complaint, the user or the
    assistant spoken of (p10-016, p10-058: stored as the name)."""
    return bool(_PERSONS.search(normalise(name))) or looks_like_question(name) or complains(name)


_TOLD_ONLY = re.compile(
    rf"\W*{_TOLD_ALREADY}(?:\s*(?:already|before|earlier|头先|頭先|之前))?[\s,，.。!！~]*", re.I
)


def says_already_told(text: str) -> bool:
    """Whether `text` only says it was said before (「頭先講咗」, "I already told you"): at the
    question for staff, the question given earlier, not a new one."""
    return bool(_TOLD_ONLY.fullmatch(one_line(text)))


# Asking for a person (normalised), whatever the NLU read: "please pass my question on" (NLU: the
# check), «Preciso de um humano» (unsure), 「算了，给我转人工」 at the privacy notice (probe 6).
_WANTS_STAFF = re.compile(
    r"有冇真人|有没有真人|有无真人|\bis there (?:a |any )?(?:real )?(?:human|person)\b"
    r"|há (?:alguém|alguma pessoa|uma pessoa|um humano)|转人工|转真人|揾真人|找真人|真人(?:客服|服务)|人工(?:客服|服务)|(?:揾|找|转|转交|转介|联络)(?:你哋|你们|贵局)?"
    r"(?:的|嘅)?(?:职员|工作人员|同事|负责人)|(?:同|和|跟)(?:你哋|你们|贵局)?(?:的|嘅)?(?:职员|工作人员|同事)"
    r"(?:直接)?(?:讲|倾|说|谈|联络|通电话)"
    # 「本人希望由貴局專人跟進…」 began the repayment check (probe 9)
    r"|(?:由|请|让|叫|派|安排)(?:你哋|你们|贵局|经济局)?(?:的|嘅)?(?:专人|职员|工作人员|同事|负责人)"
    r"(?:跟进|处理|联络|联系|回复|回覆|覆)|专人(?:跟进|处理)"
    r"|\b(?:someone|somebody|a person|staff|an officer) (?:from|at) (?:the |your )?(?:bureau|dse|dsedt|office)"
    r" (?:to )?(?:follow|contact|call|handle|look)"
    r"|\b(?:need|want|talk to|speak to|speak with|talk with|get me|connect me (?:to|with))"
    r" (?:a |an |the |your |some )?(?:real )?(?:human|person|officer|staff|agent|someone)\b"
    r"|\bpass (?:my|the|this) (?:question|enquiry|inquiry|case) (?:on|to (?:your |the )?staff)"
    r"|\b(?:preciso|quero|queria|gostaria) (?:de )?(?:falar com )?(?:um|uma) (?:humano|pessoa|funcionári[oa])"
    r"|\bencaminh\w* (?:a|esta|minha) (?:minha )?pergunta"
)


def wants_staff(text: str) -> bool:
    return bool(_WANTS_STAFF.search(normalise(text)))


# What a request for staff is about, in its own words (normalised): 「…專人跟進本公司關於CEPA原產地
# 證書之申請事宜」, "someone to follow up my question about certificates of origin" (p9-029: the
# hand-off then asked for the question the request had given).
_NAMES_ITS_SUBJECT = re.compile(
    r"(?:关于|有关|关乎|\b(?:about|regarding|concerning|sobre|acerca d[eo]|relativamente a)\b)"
    r"\s*[^\s，,。.!！?？；;]{4,}"
)


_ASKS_FOR_HELP = re.compile(r"help|assist|帮|协助|ajud")


def names_its_subject(text: str) -> bool:
    """Whether a request for staff says what it is about: that is the question to pass on. It
    may ask it after the request: 「咁我可唔可以搵職員傾下而家有冇新嘅還款安排」 (p10-017 was asked
    to write it again); "can I talk to a human?" or 「有冇真人可以幫我？」 asks nothing more."""
    norm = normalise(text)
    staff = _WANTS_STAFF.search(norm)
    if staff is None:
        return False
    after = norm[staff.end() :].strip().rstrip("?？ ")
    asked = (
        len(re.sub(r"\W", "", after)) >= 4
        and looks_like_question(after)
        and not _ASKS_FOR_HELP.search(after)
    )
    return asked or bool(_NAMES_ITS_SUBJECT.search(norm))


# Withdrawing one's details once asked (normalised): 「我唔想留名喇」, "I'd rather not give my
# details", «prefiro não dar os meus dados».
_WITHHOLDS_DETAILS = re.compile(
    r"(?:唔想|不想|唔愿意|不愿意|唔方便|不方便|唔会|不会)(?:再)?(?:留|俾|畀|给|提供|讲|说|话)(?:低)?(?:我|你)?(?:的|嘅)?"
    r"(?:名|姓名|名字|电话|联络|联系|资料|个人资料|电邮|email)"
    r"|\b(?:rather not|don'?t want to|do not want to|won'?t|not comfortable) (?:give|giving|share|sharing"
    r"|leave|leaving|provide|providing) (?:you )?(?:my|any)\b"
    r"|\b(?:prefiro não|não quero) (?:dar|deixar|fornecer|partilhar) (?:o meu|os meus|a minha|as minhas|nenhum)"
    # Refusing or withdrawing consent, at any step: 「唔同意 唔好記我嘢」 (p10-016) and "actually
    # no, I changed my mind, don't keep my name" (p10-058) at the name were stored as the name.
    # (「如果經濟局不同意…」 in a question for staff refuses nothing: the refusal opens the message.)
    r"|^\W*(?:我)?(?:都|真系|真的|是)?(?:话|说|讲)?(?:唔|不)(?:同意|答应)"
    r"|(?:唔好|不要|别|唔使|不用)(?:再)?(?:记|记录|记低|记住|保存|保留|留低|存低|储存)(?:低|住|下)?"
    r"(?:我|我哋|我们|本人)"
    r"|\b(?:don'?t|do not) (?:keep|store|save|record|log|collect|take|use|write down) (?:my|any of my|me)\b"
    r"|\bi (?:don'?t|do not) (?:agree|consent)\b|\bi disagree\b|\b(?:withdraw|revoke) (?:my )?consent\b"
    r"|\b(?:no|nah|nope)\b\W+(?:\w+\W+){0,2}?i(?:'ve| have)? changed my mind\b"
    r"|\bnão (?:concordo|aceito|autorizo|dou (?:o meu )?consentimento)\b"
    r"|\bnão (?:guardem|guarde|registem|registe|gravem|grave|recolham|recolha) (?:o meu|os meus|a minha"
    r"|as minhas|nada|nenhum)|\bnão\b\W+(?:\w+\W+){0,2}?mudei de ideias?\b"
    # not passed to staff: 「唔好轉交職員」 holds 轉交職員, which wants_staff reads as a yes
    r"|(?:唔好|不要|唔使|不用|别|毋须|无需|唔想|不想)(?:再)?(?:帮我)?(?:转|转交|转介|揾|找|联络)(?:你哋|你们|贵局)?"
    r"(?:的|嘅)?(?:职员|工作人员|同事|人工|真人)|\b(?:don'?t|do not|no need to) (?:pass|transfer|forward"
    r"|send) (?:it|this|my|me)\b|\bnão (?:encaminh|pass|transfer)\w*"
)


def withholds_details(text: str) -> bool:
    """Whether `text` refuses or withdraws the name, the contact or the consent to collect them."""
    return bool(_WITHHOLDS_DETAILS.search(normalise(text)))


# Consent said not to have been given, once the name or contact is asked for: 「我都未答應你 我問緊你
# 資料點處理」 got the privacy answer and then the name question again (p10-016).
_NOT_AGREED = re.compile(
    r"(?:^|我)\W{0,2}(?:都|仲|还|根本)?(?:未|没有?|冇|还没有?|仲未)(?:答应|同意|应承)"
    r"|\bi (?:haven'?t|have not|didn'?t|did not|never) (?:yet )?(?:agreed|agree|consented|consent"
    r"|said yes)\b|\b(?:ainda não|nunca|não) (?:concordei|aceitei|autorizei|disse que sim)\b"
)


def says_not_agreed(text: str) -> bool:
    return bool(_NOT_AGREED.search(normalise(text)))


# An aside before the question for staff: 「等等，先問你，金伯利制度幾時喺澳門實施？」, "wait, first
# tell me…" became the ticket (probe 7); it is answered, and the question asked for again.
_ASIDE = re.compile(
    r"^\W*(?:等等|等一等|等阵|等一下|且慢|先问|wait\b|hold on\b|one (?:moment|sec)\b|before that\b"
    r"|first,? (?:tell me|let me ask)\b|espere\b|espera\b|antes disso\b|primeiro,)"
)


def is_aside(text: str) -> bool:
    return bool(_ASIDE.match(normalise(text)))


# The parts of one message that gives a name, a contact and maybe the question at once:
# "My name is John Smith, phone +853 6688 1234", 「陳生，66889900，我想問毛坯鑽石准照要幾耐批」.
# (A space between Chinese words parts them too: 「得 我叫黃小姐 電話62223333」, p10-017.)
_PART_BREAK = re.compile(
    r"[，,;；。\n]|(?<=[A-Za-z\d])\.\s+(?=[A-Z])|(?<=[\u3400-\u9fff])\s+(?=[\u3400-\u9fff])"
)
_CONTACT_WORD = re.compile(
    r"^(?:and |e )?(?:my )?(?:phone|tel|telephone|mobile|email|e-mail|contact|telefone|telemóvel)"
    r"(?: (?:number|no\.?|is|é|:))*[:\s]*|^(?:电话|电邮|手机|联络|联系方式)[:：\s]*",
    re.I,
)
_QUESTION_LABEL = re.compile(
    r"^(?:and )?(?:my |the )?question(?: is)?[:\s]*|^(?:a minha )?pergunta(?: é)?[:\s]*"
    r"|^(?:我的|我嘅)?问题(?:是|系)?[:：\s]*",
    re.I,
)


@dataclass(frozen=True)
class ContactDetails:
    name: str | None
    contact: str
    question: str | None


def split_contact_message(text: str) -> ContactDetails | None:
    """A name, the contact and what else was asked, from one message holding a contact; None
    when it holds none. The name is the part before the contact that reads as one."""
    contact = parse_contact(text)
    if contact is None:
        return None
    name: str | None = None
    rest: list[str] = []
    for part in (p.strip() for p in _PART_BREAK.split(text)):
        if not part or parse_contact(part) or parse_contact(_CONTACT_WORD.sub("", part)):
            continue
        other = wants_staff(part) or is_bare_answer(part)
        introduced = NAME_PREFIX.sub("", part) != part
        short = len(part) <= 20 and not looks_like_question(part)
        could_be_name = name is None and not rest and (introduced or (short and not other))
        if could_be_name and (found := parse_name(part)):
            name = found
            continue
        if not other and (said := _QUESTION_LABEL.sub("", part).strip()):
            rest.append(said)
    joiner = ", " if all(ch.isascii() for ch in "".join(rest)) else "，"
    return ContactDetails(name, contact, joiner.join(rest) or None)


def introduced_name(text: str) -> str | None:
    """The name a message introduces (我叫 / my name is / chamo-me …) among other things, with
    no contact: 「好 我叫陳大文」 to the consent question → 陳大文."""
    for part in (p.strip() for p in _PART_BREAK.split(text)):
        if NAME_PREFIX.sub("", part) != part and (name := parse_name(part)):
            return name
    return None


# How to reach the bureau (normalised): 「咁我點搵你哋」 after declining the hand-off (NLU: a
# person) reopened the privacy notice; "who do I contact?" after an answer repeated it.
_ASKS_HOW_TO_REACH = re.compile(
    r"点(?:样)?(?:可以)?(?:揾|联络|联系|打俾|打畀)(?:到)?(?:你哋|你们|贵局|经济局)|(?:怎么|怎样|如何)(?:样)?(?:可以)?"
    r"(?:联系|联络|找)(?:到)?(?:你们|贵局|经济局)|(?:打去|打电话去|打电话到|打俾|打畀)(?:边|哪)"
    r"|\bhow (?:do|can) (?:i|we) (?:contact|reach|call|e-?mail) (?:you|the bureau|the economic bureau)"
    r"|^\W*(?:so,? |and |then,? )?who (?:do|should|can) (?:i|we) (?:contact|call|ask)(?: then)?\W*$"
    r"|\bcomo (?:vos |os |o )?"
    r"(?:posso )?(?:contacto|contactar|contacte|contactá-los)|qual é o (?:telefone|contacto|e-mail)"
    r" d[ao] (?:dse|dsedt|dsede|direcção|direção)"
)


def asks_how_to_reach(text: str) -> bool:
    return bool(_ASKS_HOW_TO_REACH.search(normalise(text)))


# When staff will answer (normalised): 「咁幾時會覆我？」, «Quando me vão responder?» after a
# ticket got the scope sentence and another offer of staff (probe 6).
_ASKS_WHEN_ANSWERED = re.compile(
    r"几时(?:会|先)?(?:有人)?(?:覆|回复|回覆|答复|联络|联系|打俾|打畀|搵)(?:返)?我"
    r"|(?:什么时候|何时)(?:会)?(?:有人)?(?:回复|答复|联系|联络)(?:我|本人)"
    r"|\bwhen will (?:you|they|staff|someone|somebody|anyone|the staff) (?:reply|answer|respond|get back"
    r"|contact|call)"
    r"|\bhow long (?:will|until) (?:it|they|staff) (?:take|reply)|\bquando (?:me )?(?:vão|irão|vai)"
    r" (?:responder|contactar|ligar|dar resposta)"
)


def asks_when_answered(text: str) -> bool:
    return bool(_ASKS_WHEN_ANSWERED.search(normalise(text)))


# One's ticket reference (normalised): "thanks, what's my reference again?" after a ticket got
# "not sure" (probe 9).
_ASKS_REFERENCE = re.compile(
    r"\b(?:what(?:'s| is| was)|which is|give me|tell me) (?:my|the|our) (?:ticket |case )?"
    r"(?:reference|ref)\b|\b(?:my|our) (?:ticket |case )?(?:reference|ref)(?: number| no\.?)?(?: again)?\W*$"
    r"|参考编号(?:系|是)?(?:咩|什么|几多|多少|乜)|(?:我|我哋|我们)(?:个|的|嘅)参考编号"
    r"|\b(?:qual (?:é|era) )?(?:a )?(?:minha|nossa) (?:referência|referencia)"
)


def asks_for_reference(text: str) -> bool:
    return bool(_ASKS_REFERENCE.search(normalise(text)))


def parse_name(text: str) -> str | None:
    """A person's name on one line (我叫陳大文 → 陳大文): line breaks, tabs and invisible
    characters (zero-width, bidi overrides) gone; None when it is empty, longer than
    MAX_NAME_LENGTH, has no letter, is or holds an e-mail address or phone number, or is a
    sentence (`_no_name`). "I already told you, …" and a closing 囉 are no part of it."""
    told = NAME_PREFIX.sub("", _NAME_LEAD.sub("", one_line(text)))
    name = _NAME_TAIL.sub("", told).strip(" ，,。.")
    if not name or len(name) > MAX_NAME_LENGTH or not any(ch.isalpha() for ch in name):
        return None
    return None if parse_contact(name) or _no_name(name) else name
