"""Numbers users type, in all five writing styles: money (12,000 · MOP12000 · 澳門幣一萬 · 一萬二千 ·
1.2萬 · 1萬2), counts (兩次 · twice · duas vezes) and counts given only roughly (十幾期 · more than
ten). Chinese numerals are read by cn2an. No input makes them raise: numbers of any size are read,
capped at HUGE.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

import cn2an

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


# Amounts in words (normalised), English and Portuguese: «quatro mil e quinhentas patacas» (p16-017:
# not read, and «oito mil» alone was), "two thousand seven hundred and fifty". Each word's value;
# the scales multiply what comes before them.
_UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "um": 1, "uma": 1, "dois": 2, "duas": 2, "três": 3, "tres": 3, "quatro": 4, "cinco": 5,
    "seis": 6, "sete": 7, "oito": 8, "nove": 9, "dez": 10, "onze": 11, "doze": 12, "treze": 13,
    "catorze": 14, "quatorze": 14, "quinze": 15, "dezasseis": 16, "dezesseis": 16,
    "dezassete": 17, "dezessete": 17, "dezoito": 18, "dezanove": 19, "dezenove": 19, "vinte": 20,
    "trinta": 30, "quarenta": 40, "cinquenta": 50, "sessenta": 60, "setenta": 70, "oitenta": 80,
    "noventa": 90, "cem": 100, "cento": 100, "duzentos": 200, "duzentas": 200, "trezentos": 300,
    "trezentas": 300, "quatrocentos": 400, "quatrocentas": 400, "quinhentos": 500,
    "quinhentas": 500, "seiscentos": 600, "seiscentas": 600, "setecentos": 700, "setecentas": 700,
    "oitocentos": 800, "oitocentas": 800, "novecentos": 900, "novecentas": 900,
}  # fmt: skip
# A count in words: none, once or twice, or a number word up to ten (the units' own).
_WORD_NUMBERS = {
    "zero": 0, "none": 0, "never": 0, "once": 1, "twice": 2,
    "nenhuma": 0, "nenhum": 0, "nunca": 0,
    **{word: value for word, value in _UNITS.items() if value <= 10},
}  # fmt: skip
_HUNDRED = frozenset({"hundred"})
_WORD_SCALES = {"thousand": 1000, "mil": 1000, "million": 1_000_000, "milhão": 1_000_000,
                "milhao": 1_000_000, "milhões": 1_000_000, "milhoes": 1_000_000}  # fmt: skip
_NUMBER_WORD = "|".join(sorted((*_UNITS, *_HUNDRED, *_WORD_SCALES), key=len, reverse=True))
# A run of number words ("a" only before a scale: "a thousand"), joined by spaces, hyphens and
# "and" / «e»; digits only before a scale (4 mil e quinhentas).
_WORD_RUN = re.compile(
    rf"(?<![\w.,])(?<!\d\s)(?:(?:{_NUMBER_WORD})|a(?=\s+(?:hundred|thousand|million))"
    rf"|\d{{1,3}}(?=\s+(?:mil|thousand|million|milh)))"
    rf"(?:(?:\s+(?:and|e)\s+|\s+|-)(?:{_NUMBER_WORD}|\d{{1,3}}(?![\d.,]?\d))(?![\w-]))*(?![\w-])"
)
_WORD_CURRENCY_AFTER = re.compile(r"\s*(?:patacas?|mop|dollars?|澳门元|澳门币)\b")


def _run_value(run: str) -> int | None:
    total, current = 0, 0
    for word in re.split(r"\s+|-", run):
        if word in ("and", "e", ""):
            continue
        if word == "a":
            current = 1
        elif word.isdigit():
            current += int(word)
        elif word in _HUNDRED:
            current = max(current, 1) * 100
        elif word in _WORD_SCALES:
            total += max(current, 1) * _WORD_SCALES[word]
            current = 0
        elif word in _UNITS:
            current += _UNITS[word]
        else:
            return None
    return total + current


def words_to_digits(norm: str) -> str:
    """`norm` (normalised) with amounts written in words as digits: «quatro mil e quinhentas
    patacas» → «4,500 patacas», "two thousand seven hundred and fifty" → "2,750". Only a run with a
    scale (hundred, thousand, mil, cem, quinhentos …) or followed by a currency: "one", «uma
    vez», "three instalments" stay words."""

    def spelt(match: re.Match[str]) -> str:
        run = match.group()
        words = [w for w in re.split(r"\s+|-", run) if w not in ("and", "e", "")]
        scaled = any(w in _HUNDRED or w in _WORD_SCALES or _UNITS.get(w, 0) >= 100 for w in words)
        priced = bool(_WORD_CURRENCY_AFTER.match(norm, match.end()))
        if not words or all(w.isdigit() or w == "a" for w in words) or not (scaled or priced):
            return run
        value = _run_value(run)
        # (grouped, so that «de dois mil» is no year: «de 2,000»)
        return run if value is None else f"{min(value, HUGE):,}"

    return _WORD_RUN.sub(spelt, norm)


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
# A decimal comma with no thousands before it: 4,50 · 12000,50 (Portuguese), not 2,750 (two
# thousand seven hundred and fifty) nor a count after a comma (「5000,3期」).
_COMMA_DECIMAL = re.compile(
    r"(?<![\d.,])(\d+),(\d{1,2})(?![\d.,]*\d)(?!\s*(?:[期次个年月日号]|instal|install|prest|vez|time))"
)


def _plain_thousands(match: re.Match[str]) -> str:
    whole = match.group(1).replace(".", "")
    return f"{whole}.{match.group(2)}" if match.group(2) else whole


# The two ways amounts are written: 4,500.50 (English, Chinese) and 4.500,50 (Portuguese); either
# way a bare decimal has one or two places (4.50 · 4,50) and three digits after the only separator
# are thousands (4.500 · 2,750: no sum of money has three decimal places).
_CLEAR_NUMBER = re.compile(
    r"\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?|\d{1,3}(?:\.\d{3})+(?:,\d{1,2})?|\d+(?:[.,]\d{1,2})?"
)
_WRITTEN_NUMBER = re.compile(r"(?<![\w.,])\d(?:[\d.,]*\d)?")


def unclear_number(text: str) -> bool:
    """Whether `text` writes a number that neither way of writing amounts reads (4.500.00 ·
    4,500,00 · 4.5000 · 12,34,567): which sum is meant is asked, never guessed. (Dates are the
    caller's to set aside first: 15.07.2020 is one.)"""
    return any(
        not _CLEAR_NUMBER.fullmatch(number.group())
        for number in _WRITTEN_NUMBER.finditer(normalise(text))
    )


# Digits with Chinese units between them: 1萬2 (12,000), 1萬5千, 2萬3千5, 1萬零500. Only the
# digits before the first unit were read (1萬 = MOP 10,000: p10-003, p10-004, p10-009); they are
# spelt out (一萬二, 一萬五千…) for chinese_number, which reads the colloquial next unit down.
# (Not a decimal's tail: 1.2萬 is read as a number and its scale.)
_DIGITS_AND_UNITS = re.compile(
    r"(?<![\d.,])\d{1,4}[亿万千](?:零?(?:\d{1,4}|[一二两三四五六七八九])[亿万千百十]?)+"
)


def _spelt_out(match: re.Match[str]) -> str:
    return re.sub(r"\d+", lambda run: str(cn2an.an2cn(run.group())), match.group())


def _amount_text(text: str) -> str:
    """`text` normalised with every amount in one shape: words as digits, thousands separators
    dropped, a decimal point, Chinese units between digits spelt out."""
    norm = words_to_digits(normalise(text).translate(_FORMAL_NUMERALS))
    norm = _POINTED_THOUSANDS.sub(_plain_thousands, norm)
    norm = _COMMA_DECIMAL.sub(r"\1.\2", norm)
    return _DIGITS_AND_UNITS.sub(_spelt_out, norm)


# A currency beside a number: MOP 4500 · 4500 patacas · 4500蚊 · 澳門幣4500 · $4500.
_CURRENCY_BEFORE = re.compile(r"(?:mop|澳门币|澳门元|patacas?|\$)\s*\$?\s*$")
_CURRENCY_AFTER = re.compile(r"\s*(?:mop\b|patacas?\b|澳门元|澳门币|蚊|元|块)")


def _amounts(norm: str) -> list[tuple[Decimal, bool]]:
    """Every amount of money in `norm` (from `_amount_text`), in order, each with whether a
    currency stands beside it."""
    found: list[tuple[Decimal, bool]] = []
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
        else:
            number = chinese_number(match.group("cn"))
            if not number:
                continue
            value = Decimal(min(number, HUGE))
        priced = bool(
            _CURRENCY_BEFORE.search(norm, 0, match.start())
            or _CURRENCY_AFTER.match(norm, match.end())
        )
        found.append((value.quantize(Decimal("0.01")), priced))
    return found


def parse_amount(text: str) -> Decimal | None:
    """The first amount of money in `text`, in MOP, to the cent; at most HUGE."""
    amounts = _amounts(_amount_text(text))
    return amounts[0][0] if amounts else None


def money_amount(text: str) -> Decimal | None:
    """The first amount in `text` written beside a currency («faltavam mais 3 … o valor era MOP
    4.500,00»: 4500, not the 3 instalments), or None."""
    return next((value for value, priced in _amounts(_amount_text(text)) if priced), None)


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
