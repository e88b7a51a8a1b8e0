"""Reading slot values out of what users type, in all five writing styles (pure functions).

Money (12,000 · MOP12000 · 澳門幣一萬 · 一萬二千 · 1.2萬), counts (兩次 · twice · duas vezes),
dates (2020年5月 · 5/2020 · 2020-05-15 · May 2020 · Maio de 2020) and yes/no.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from knowledge.text import normalise

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
              "七": 7, "八": 8, "九": 9}  # fmt: skip
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
_CN_NUMBER = re.compile(r"[零〇一二两三四五六七八九十百千万]+")
_WORD_NUMBERS = {
    "zero": 0, "none": 0, "never": 0, "once": 1, "one": 1, "twice": 2, "two": 2, "three": 3,
    "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "nenhuma": 0, "nunca": 0, "uma": 1, "um": 1, "duas": 2, "dois": 2, "três": 3, "tres": 3,
    "quatro": 4, "cinco": 5, "seis": 6, "sete": 7, "oito": 8, "nove": 9, "dez": 10,
}  # fmt: skip


def chinese_number(text: str) -> int | None:
    """一万二千 → 12000, 一万二 → 12000 (colloquial: the next unit down), 一千零五 → 1005."""
    if not text or any(ch not in _CN_DIGITS and ch not in _CN_UNITS and ch != "万" for ch in text):
        return None
    total, section, digit, last_unit, zero_seen = 0, 0, None, 1, False
    for ch in text:
        if ch in _CN_DIGITS:
            digit = _CN_DIGITS[ch]
            zero_seen = zero_seen or digit == 0
        elif ch in _CN_UNITS:
            unit = _CN_UNITS[ch]
            section += (1 if digit is None else digit) * unit
            digit, last_unit, zero_seen = None, unit, False
        else:  # 万
            section += digit or 0
            total += (section or 1) * 10000
            section, digit, last_unit, zero_seen = 0, None, 10000, False
    if digit is not None:
        # A digit straight after a unit means "of the next unit down": 一万二 = 12000, 三千五 = 3500.
        colloquial = last_unit >= 10 and not zero_seen and len(text) > 1
        section += digit * (last_unit // 10 if colloquial else 1)
    return total + section


def _decimal(text: str) -> Decimal | None:
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None


_MONEY = re.compile(
    r"(?P<num>\d[\d,]*(?:\.\d+)?)\s*(?P<scale>万|千|k)?|(?P<cn>[零〇一二两三四五六七八九十百千万]+)"
)


def parse_amount(text: str) -> Decimal | None:
    """The first amount of money in `text`, in MOP."""
    norm = normalise(text)
    for match in _MONEY.finditer(norm):
        if match.group("num"):
            value = _decimal(match.group("num"))
            if value is None:
                continue
            scale = match.group("scale")
            value *= {"万": 10000, "千": 1000, "k": 1000}.get(scale or "", 1)
            return value.quantize(Decimal("0.01"))
        number = chinese_number(match.group("cn"))
        if number:
            return Decimal(number).quantize(Decimal("0.01"))
    return None


def parse_count(text: str) -> int | None:
    """A small count: 兩次 · 一次 · 冇 · twice · 2 · duas vezes."""
    norm = normalise(text)
    if re.search(r"\d+", norm):
        return int(re.search(r"\d+", norm).group())  # type: ignore[union-attr]
    if re.search(r"(没有|冇|未|从未|从来没|唔曾)", norm):
        return 0
    for match in _CN_NUMBER.finditer(norm):
        value = chinese_number(match.group())
        if value is not None:
            return value
    for word in re.findall(r"[a-zà-ÿ]+", norm):
        if word in _WORD_NUMBERS:
            return _WORD_NUMBERS[word]
    return None


_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_PT_MONTHS = ("janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto",
              "setembro", "outubro", "novembro", "dezembro")  # fmt: skip
_MONTHS.update({name: i for i, name in enumerate(_PT_MONTHS, 1)})


def _safe_date(year: int, month: int, day: int | None) -> dt.date | None:
    if not (1900 <= year <= 2100 and 1 <= month <= 12):
        return None
    last = calendar.monthrange(year, month)[1]
    if day is None:
        day = last  # a month alone: its last day, the latest the instalment can fall due
    return dt.date(year, month, day) if 1 <= day <= last else None


def parse_due_date(text: str) -> dt.date | None:
    """A date or a month: 2020-05-15 · 15/5/2020 · 5/2020 · 2020年5月(15日) · May 2020 · Maio de 2020."""
    norm = normalise(text)
    if m := re.search(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})", norm):
        return _safe_date(int(m[1]), int(m[2]), int(m[3]))
    if m := re.search(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})", norm):
        return _safe_date(int(m[3]), int(m[2]), int(m[1]))  # day/month/year, as in Macao
    if m := re.search(r"(\d{4})\s*年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*[日号])?", norm):
        return _safe_date(int(m[1]), int(m[2]), int(m[3]) if m[3] else None)
    if m := re.search(r"(?<![\d/])(\d{1,2})[/-](\d{4})", norm):
        return _safe_date(int(m[2]), int(m[1]), None)
    for m in re.finditer(r"(\d{1,2})?\s*(?:de\s+)?\b([a-zç]+)\.?\s*(?:de\s+)?,?\s*(\d{4})", norm):
        month = _MONTHS.get(m[2])
        if month:
            return _safe_date(int(m[3]), month, int(m[1]) if m[1] else None)
    return None


_YES = re.compile(
    r"^(是|是的|系|係|对|對|有|yes|yeah|yep|y|sim|correct|right|啱|冇错|没错|对的)\b|是最后|系最后|係最後"
)
_NO = re.compile(r"(不是|唔系|唔係|不|唔|没有|冇|否|\bno\b|\bnope\b|\bnot\b|\bnão\b|\bnao\b|未)")


def parse_yes_no(text: str) -> bool | None:
    """Yes → True, no → False; negation wins when both appear (唔係最後一期 → False)."""
    norm = normalise(text)
    if _NO.search(norm):
        return False
    if _YES.search(norm):
        return True
    return None


_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(
    r"(?:\+?853[\s-]?)?([2689]\d{3})[\s-]?(\d{4})\b|(\+\d{1,3}[\s-]?\d[\d\s-]{6,14}\d)"
)


def parse_contact(text: str) -> str | None:
    """An e-mail address or a phone number (Macao 8 digits, or international with +)."""
    if m := _EMAIL.search(text):
        return m.group().lower()
    if m := _PHONE.search(text):
        if m.group(1):
            return f"+853 {m.group(1)}{m.group(2)}"
        digits = re.sub(r"[\s-]", "", m.group(3))
        return digits if 8 <= len(digits) <= 16 else None
    return None
