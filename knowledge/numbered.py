"""Items of a numbered list asked for by their number ("第4项惠澳措施是什么", "Qual é a medida
número 11 das 15?", "measure no. 10"): neither the encoder nor BM25 can tell one number from
another, so the item's entry is found by the number its answer gives it. The number comes from
the answer itself ("…中的第4项"), which the fidelity check holds to the newsletter's numbered list
(knowledge/fidelity.py), so it is written once."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

import cn2an

from knowledge.schema import Entry, Topic
from knowledge.text import normalise

# How an item's answer (Simplified) states its place in the list.
_PLACE_STATED = re.compile(r"中的第(\d+)项")

_HAN = r"[一二两三四五六七八九十]+"
_EN_ORDINALS = [
    *("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"),
    *("tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth"),
]
# Portuguese ordinals' stems, "primeira" to "décima"
_PT_WORDS = [
    "primeir",
    "segund",
    "terceir",
    "quart",
    "quint",
    "sext",
    "sétim",
    "oitav",
    "non",
    "décim",
]
# Where a question (normalised: Simplified, lower case) names an item by its number: 第4项,
# 第十五條, 4号措施 (not 第一个 or 第二点, which also count the user's own questions); "measure 4",
# "measure no. 10", "measures 3 and 5", "number 11", "the 4th measure", "the fourth measure";
# "medida número 11", "medida n.º 2" (NFKC reads º as o), "a 4.ª medida", "a quarta medida". Not
# "15项措施" or "the 15 measures": a count, not a place.
_ASKED = re.compile(
    r"\b(?:measures|items|medidas)\s+(?P<list>\d+(?:\s*(?:,|and|&|e|or|ou)\s*\d+)+)\b"
    rf"|第\s*(?P<han>\d+|{_HAN})\s*(?:项|条)"
    rf"|(?P<hao>\d+|{_HAN})\s*号(?:措施|政策)"
    r"|\b(?:measure|item|point|number|no\.|medida|ponto|número|numero|n\.?o\.?)\s*"
    r"(?:(?:no\.?|number|n\.?o\.?|número|numero|#)\s*)?(?P<digits>\d+)\b(?![/.,]?\d)"
    r"|\b(?P<th>\d+)(?:st|nd|rd|th|\.?[ªa])\s+(?:measure|item|medida)"
    rf"|\b(?P<en>{'|'.join(_EN_ORDINALS)})\s+(?:measure|item)\b"
    rf"|\b(?P<pt>{'|'.join(_PT_WORDS)})a\s+medida"
)


@cache
def list_place(entry: Entry) -> int | None:
    """The place in a numbered list that `entry`'s answer gives the item it is about."""
    stated = _PLACE_STATED.search(entry.answer.zh_hans)
    return int(stated.group(1)) if stated else None


def asked_places(question: str) -> list[int]:
    """The places in a list that `question` names, in the order named."""
    places: list[int] = []
    for match in _ASKED.finditer(normalise(question)):
        for place in _places(match):
            if place not in places:
                places.append(place)
    return places


def _places(match: re.Match[str]) -> list[int]:
    if listed := match.group("list"):
        return [int(n) for n in re.findall(r"\d+", listed)]
    if han := match.group("han") or match.group("hao"):
        return [int(han) if han.isdigit() else int(cn2an.cn2an(han, "smart"))]
    if digits := match.group("digits") or match.group("th"):
        return [int(digits)]
    if english := match.group("en"):
        return [_EN_ORDINALS.index(english) + 1]
    return [_PT_WORDS.index(match.group("pt")) + 1]


def named_items(entries: Iterable[Entry], question: str, topic: Topic | None) -> list[Entry]:
    """The entries of `topic` (the one the NLU reads the question as about) whose items
    `question` names by number, in the order named; [] unless every number names one, so that
    "measure 16" or a count is left to the ranking."""
    if topic is None:
        return []
    by_place = {
        place: entry
        for entry in entries
        if entry.topic == topic and (place := list_place(entry)) is not None
    }
    places = asked_places(question)
    if not by_place or not places or any(p not in by_place for p in places):
        return []
    return [by_place[p] for p in places]
