"""The message catalogue: every sentence the assistant says to users, one file per reply language
(`zh-Hant.yml`, `zh-Hans.yml`, `en.yml`, `pt.yml` next to this module), read once.

`text(key, lang, **values)` is the sentence `key` in `lang` with its `{named}` placeholders
filled. The rule facts a sentence states — the bureau's phone and e-mail, the closing date of
the repayment measure, the instalment it lowers to, the two-adjustment limit, the form's input
bounds — are never typed into the catalogue: they are placeholders (FACTS) filled here from the
constants of knowledge/bureau.py and knowledge/repayment.py, formatted for the language. The
other placeholders are the caller's values (a ticket reference, an entry's title, …).
"""

from __future__ import annotations

import datetime as dt
import string
from collections.abc import Callable, Mapping
from decimal import Decimal
from functools import cache
from pathlib import Path

import yaml

from knowledge.bureau import BUREAU_EMAIL, BUREAU_PHONE
from knowledge.language import LANGS, Lang
from knowledge.repayment import (
    ADJUSTED_INSTALMENT,
    LAST_DUE_DATE,
    MAX_ADJUSTMENTS,
    MAX_ADJUSTMENTS_USED,
    MAX_INSTALMENT_AMOUNT,
    MAX_REMAINING_INSTALMENTS,
)

CATALOGUE_DIR = Path(__file__).resolve().parent
# The month keys of `date.month.<name>`, in calendar order.
MONTHS = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip


class MessageError(LookupError):
    """An unknown key, a missing or unexpected value, or a catalogue file out of shape."""


def catalogue_file(lang: Lang) -> Path:
    return CATALOGUE_DIR / f"{lang}.yml"


@cache
def catalogue() -> Mapping[Lang, Mapping[str, str]]:
    """Every language's templates by key; the four files must have the same keys."""
    found: dict[Lang, dict[str, str]] = {}
    for lang in LANGS:
        path = catalogue_file(lang)
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            raise MessageError(f"{path.name}: expected a mapping of keys to sentences")
        bad = [k for k, v in data.items() if not isinstance(k, str) or not isinstance(v, str)]
        if bad:
            raise MessageError(f"{path.name}: not a quoted sentence: {bad}")
        found[lang] = data
    keys = set(found[LANGS[0]])
    for lang in LANGS[1:]:
        if set(found[lang]) != keys:
            differ = sorted(keys ^ set(found[lang]))
            raise MessageError(f"{lang}.yml and {LANGS[0]}.yml differ in keys: {differ}")
    return found


@cache
def placeholders(template: str) -> frozenset[str]:
    """The `{names}` of a template (parsed once: every reply asks again)."""
    return frozenset(
        {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}
    )


def template(key: str, lang: Lang) -> str:
    """The sentence `key` in `lang`, placeholders unfilled."""
    try:
        return catalogue()[lang][key]
    except KeyError:
        raise MessageError(f"unknown message key {key!r} (language {lang!r})") from None


# --- Formatting of numbers, dates and counts --------------------------------------------------


def format_number(value: Decimal | int, lang: Lang, places: int = 0) -> str:
    """1,000 / 1,000.00; Portuguese groups with spaces and has a decimal comma (1 000,00)."""
    written = f"{Decimal(value):,.{places}f}"
    return written.replace(",", " ").replace(".", ",") if lang == "pt" else written


def month_names(lang: Lang) -> tuple[str, ...]:
    return tuple(text(f"date.month.{name}", lang) for name in MONTHS)


def format_date(day: dt.date, lang: Lang) -> str:
    """2020年12月31日 · 31 December 2020 · 31 de Dezembro de 2020."""
    month = month_names(lang)[day.month - 1]
    return text("date.long", lang, day=day.day, month=month, year=day.year)


def join_list(items: list[str], lang: Lang, last: str = "list.and") -> str:
    """A、B、C · A, B and C · A, B e C (`last="list.or"`: A, B or C)."""
    if len(items) < 2:
        return "".join(items)
    return text("list.separator", lang).join(items[:-1]) + text(last, lang) + items[-1]


# How many times, in words where a language says so (the two-adjustment limit: 兩次 · twice).
_TIMES: dict[int, dict[Lang, str]] = {
    1: {"zh-Hant": "一次", "zh-Hans": "一次", "en": "once", "pt": "uma vez"},
    2: {"zh-Hant": "兩次", "zh-Hans": "两次", "en": "twice", "pt": "duas vezes"},
}
_N_TIMES: dict[Lang, str] = {
    "zh-Hant": "{n}次",
    "zh-Hans": "{n}次",
    "en": "{n} times",
    "pt": "{n} vezes",
}


def times(n: int, lang: Lang) -> str:
    return _TIMES[n][lang] if n in _TIMES else _N_TIMES[lang].format(n=n)


# --- Rule facts ----------------------------------------------------------------------------------

FACTS: dict[str, Callable[[Lang], str]] = {
    "bureau_phone": lambda lang: BUREAU_PHONE,
    "bureau_email": lambda lang: BUREAU_EMAIL,
    "last_due_date": lambda lang: format_date(LAST_DUE_DATE, lang),
    "adjusted_instalment": lambda lang: format_number(ADJUSTED_INSTALMENT, lang),
    "max_adjustments_times": lambda lang: times(MAX_ADJUSTMENTS, lang),
    "adjustment_choices": lambda lang: join_list(
        [str(n) for n in range(MAX_ADJUSTMENTS + 1)], lang, last="list.or"
    ),
    "max_instalment_amount": lambda lang: format_number(MAX_INSTALMENT_AMOUNT, lang),
    "max_remaining_instalments": lambda lang: str(MAX_REMAINING_INSTALMENTS),
    "max_adjustments_used": lambda lang: str(MAX_ADJUSTMENTS_USED),
}


@cache
def fact(name: str, lang: Lang) -> str:
    """The fact `name` as `lang` writes it."""
    return FACTS[name](lang)


# --- Lookups ---------------------------------------------------------------------------------------


def text(key: str, lang: Lang, **values: object) -> str:
    """The sentence `key` in `lang`, its facts and the caller's `values` filled in.

    A value the sentence needs but did not get, or one that no language's sentence has (a typo),
    is an error, and so is a value for a fact."""
    found = template(key, lang)
    if clash := sorted(set(values) & set(FACTS)):
        raise MessageError(f"{key}: {clash} are facts, filled by the catalogue")
    if unused := sorted(set(values) - _names(key)):
        raise MessageError(f"{key}: no sentence has the placeholder(s) {unused}")
    needed = placeholders(found)
    if missing := sorted(needed - set(values) - set(FACTS)):
        raise MessageError(f"{key} ({lang}) needs a value for {missing}")
    return found.format_map({n: values[n] if n in values else fact(n, lang) for n in needed})


def with_facts(key: str, lang: Lang) -> str:
    """The sentence with its facts filled and the caller's placeholders left as `{name}` (for
    clients that fill them themselves, such as the widget's unread count)."""
    found = template(key, lang)
    return found.format_map(
        {n: fact(n, lang) if n in FACTS else f"{{{n}}}" for n in placeholders(found)}
    )


def group(prefix: str, lang: Lang) -> dict[str, str]:
    """`prefix.<name>` sentences by `<name>`, facts filled (the widget's labels)."""
    start = prefix + "."
    return {
        key[len(start) :]: with_facts(key, lang)
        for key in catalogue()[lang]
        if key.startswith(start)
    }


@cache
def _names(key: str) -> frozenset[str]:
    """The placeholders of `key` in any language."""
    return frozenset(n for lang in LANGS for n in placeholders(template(key, lang)))
