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
from knowledge.text import normalise, tokenize

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
# "décima segunda" … "décima quinta": 12 … 15 («e a décima segunda?» repeated the fifth, p10-064)
_PT_ORDINAL = rf"(?:décim[ao]\s+)?(?:{'|'.join(_PT_WORDS)})"


def _pt_place(ordinal: str) -> int:
    """The place a Portuguese ordinal's stem(s) name: "terceir" 3, "décima segund" 12."""
    *tens, unit = ordinal.split()
    return 10 * len(tens) + _PT_WORDS.index(unit) + 1


# The numbered lists by the names users give them (normalised).
_LIST_NAMES: dict[Topic, re.Pattern[str]] = {
    "gba_measures": re.compile(
        r"大湾区|greater bay area|grande baía|grande baia|惠澳(?:措施|政策)"
        # its count names it too: 「15項入面第一項係咩」 (blind23)
        r"|(?:15|十五)\s*项|\b15 (?:measures|medidas)\b"
    ),
}
_LIST_NAMED = re.compile("|".join(p.pattern for p in _LIST_NAMES.values()))
# The only numbered list of measures: 「第9項措施係咩」 with no list named and the NLU elsewhere
# (Kimberley, unsure) was refused (blind20). Not when another agreement is named ("CEPA").
_MEASURES_LIST: Topic = "gba_measures"
# What is left of a question asking for a place alone (normalised, the place taken out).
_ONLY_A_PLACE = re.compile(
    r"[\W_]*(?:(?:请问|想问|咁|那|噉|仲有)[\W_]*)?(?:(?:是什么|是甚么|系咩|系乜嘢?|系咩嚟|讲咩|讲什么|讲乜嘢?|讲紧咩|"
    r"内容|系|是|呢|啊|呀|吖|㗎|嘅|what is it|what'?s it about|about|o que é|qual é)[\W_]*)*"
)
_CALLED_MEASURES = re.compile(r"措施|政策|\bmeasures?\b|\bmedidas?\b")
_OTHER_LIST = re.compile(r"cepa|协议|agreement|acordo")
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
    # (a few words between: "the 11th GBA measure" got measure 10, probe 11)
    r"|\b(?P<th>\d+)(?:st|nd|rd|th|\.?[ªa])\s+(?:[a-zà-ÿ]+\s+){0,3}?(?:measure|item|medida)"
    rf"|\b(?P<en>{'|'.join(_EN_ORDINALS)})\s+(?:[a-z]+\s+){{0,3}}?(?:measure|item)\b"
    rf"|\b(?P<pt>{_PT_ORDINAL})a\s+medida"
    # 「十五項惠澳措施之首項為何？」 (p15-044: the list and measure 2)
    r"|(?P<first>首项)"
)


# A place named alone, as a follow-up of the list itself ("the second one", «a segunda»,
# 「第二个是什么意思」 after the 15 measures; probe 7 got "what would you like to know?" or the
# whole list again): 第二个 counts the user's own questions elsewhere, not right after a list.
_ALONE = re.compile(
    r"^\W*(?:and |what about |how about |tell me (?:more )?about |explain |what(?:'s| is) |whats |e |e quanto à |e a |"
    r"那|咁|噉|那么|想问|请问)?\s*"
    rf"(?:the |a |o )?(?:(?P<en>{'|'.join(_EN_ORDINALS)})|(?P<th>\d+)(?:st|nd|rd|th|\.?[ªºao])"
    rf"|(?P<pt>{_PT_ORDINAL})[ao]|第\s*(?P<han>\d+|{_HAN})\s*(?:个|項|项|条|點|点|樣|样)?)"
    r"(?: one| measure| item| medida)?(?:,? please)?\s*"
    r"(?:是什么(?:意思)?|是咩|系咩(?:意思)?|系乜(?:嘢)?|讲咩|讲什么|呢|啊|呀|吖|, pode explicar|, please)?"
    # ("the third one, is that for Macau kids in Zhuhai schools?": a question about it after)
    r"(?:\W*$|\s*[,，]\s*(?:is|does|what|how|and|which|是|系|有|e |é |o que|qual))"
)


# The item next to the one just given, or the list's last ("下一項呢", "and the one after?",
# «e a seguinte?», 「最尾嗰項呢」, "ok and the last one"; probe 9 got the same item again, "not
# sure", or a repayment verdict).
_NEIGHBOUR = re.compile(
    r"^\W*(?:(?:ok|okay|so|and|then|what about|how about|e|então|entao|e quanto à|那|咁|噉|那么|仲有|其)"
    r"[\s,，]*)*(?:the |a |o )?"
    r"(?:(?P<next>next(?: one)?|one after(?: that| it| this)?|following one|seguinte|próxima|proxima"
    r"|下一(?:个|项|条|点)?|后一(?:个|项)|再下一(?:个|项)"
    # 「跟住落嚟嗰項呢」 (p16-003: measure 4 again), 「接下来那项」, 「之后嗰个」
    r"|(?:跟住|跟着|接着|接住|接下来|之后|然后)(?:落嚟|落来|嚟|来)?(?:嗰|那|一|呢|这)?(?:个|项|条|点))"
    r"|(?P<previous>previous(?: one)?|one before(?: that| it| this)?|anterior|上一(?:个|项|条|点)?|前一(?:个|项))"
    r"|(?P<last>last(?: one)?|final one|última|ultima|最后(?:一)?(?:个|项|条|点)|最尾(?:嗰|那|一)?(?:个|项|条|点)"
    r"|末(?:一)?项))"
    r"(?: one| measure| item| medida)?\s*"
    # (formal: 「末項為何？」, 「其前一項為何？」, p15-044, p15-035)
    r"(?:是什么(?:意思)?|是咩|系咩|系乜(?:嘢)?|讲咩|讲什么|呢|啊|呀|吖|about|is|为何)?\W*$"
)


def neighbour_named(question: str, here: int | None, last: int) -> int | None:
    """The place `question` asks for by its neighbour to the item at `here` (None: the list
    itself, which has no next item) or as the last of `last`."""
    match = _NEIGHBOUR.match(normalise(question))
    if match is None:
        return None
    if match.group("last"):
        return last
    if here is None:
        return None
    return here + 1 if match.group("next") else here - 1


def place_named_alone(question: str) -> int | None:
    """The place in a list that `question` names with nothing else ("the second one")."""
    match = _ALONE.match(normalise(question))
    if match is None:
        return None
    if english := match.group("en"):
        return _EN_ORDINALS.index(english) + 1
    if digits := match.group("th"):
        return int(digits)
    if han := match.group("han"):
        return int(han) if han.isdigit() else int(cn2an.cn2an(han, "smart"))
    return _pt_place(match.group("pt"))


def listed_item(entries: Iterable[Entry], question: str, listed: Entry) -> Entry | None:
    """The item that `question` names alone by its place ("the second one") or as a neighbour
    ("the next one", "the last one"), right after `listed` was given: a list (an overview whose
    topic's items are numbered) or one of its items."""
    here = list_place(listed)
    if not listed.overview and here is None:
        return None
    items = {
        place: entry
        for entry in entries
        if entry.topic == listed.topic and (place := list_place(entry)) is not None
    }
    if not items:
        return None
    place = place_named_alone(question)
    if place is None:
        place = neighbour_named(question, here, max(items))
    return items.get(place) if place is not None else None


def place_past_the_end(entries: Iterable[Entry], question: str, listed: Entry) -> int | None:
    """The place past the list's end that `question` names right after `listed` (the list or one
    of its items) was given: 「第16项呢」 after measure 10 got measure 10 again (probe 12)."""
    here = list_place(listed)
    if not listed.overview and here is None:
        return None
    last = max(
        (p for e in entries if e.topic == listed.topic and (p := list_place(e)) is not None),
        default=None,
    )
    if last is None:
        return None
    place = place_named_alone(question)
    if place is None:
        place = neighbour_named(question, here, last)  # "next" after the last one
    places = [place] if place is not None else asked_places(question)
    return next((p for p in places if p > last), None)


# An item's name as its answer (Simplified) quotes it: “支持港澳保险公估机构在内地发展”是…第14项.
_NAME_QUOTED = re.compile(r"^“([^”]+)”")


def item_named_by_its_words(
    entries: Iterable[Entry], question: str, ranked: list[Entry]
) -> Entry | None:
    """The one list item among `ranked` (the ranking's first few) whose name alone holds a word
    of `question`: 「咁保險公估嗰個呢 大灣區有冇」
    ranked "insurance regulation" (13) above "insurance loss adjusters" (14), whose name alone
    says 公估 (probe 12). A word counts when no other item's name and no other entry but the
    list's overview has it."""
    distinctive = _distinctive_words(tuple(entries))
    asked = set(tokenize(question))
    named = [e for e in ranked if distinctive.get(e.id, frozenset()) & asked]
    return named[0] if len(named) == 1 else None


@cache
def _distinctive_words(entries: tuple[Entry, ...]) -> dict[str, frozenset[str]]:
    """Each list item's words (of its quoted name) that no other item's name has and that appear
    in no entry but the item and the list's overview."""
    spread: dict[str, int] = {}
    for entry in entries:
        for word in set(tokenize(entry.answer.zh_hans + entry.title.zh_hans)):
            spread[word] = spread.get(word, 0) + 1
    names = {
        e.id: set(tokenize(quoted.group(1)))
        for e in entries
        if list_place(e) is not None and (quoted := _NAME_QUOTED.match(e.answer.zh_hans))
    }
    return {
        item: frozenset(
            w
            for w in words
            if len(w) >= 2
            and spread.get(w, 0) <= 2
            and not any(w in other for o, other in names.items() if o != item)
        )
        for item, words in names.items()
    }


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
    if match.group("first"):
        return [1]
    return [_pt_place(match.group("pt"))]


def named_items(
    entries: Iterable[Entry], question: str, topic: Topic | None, any_list: bool = False
) -> list[Entry]:
    """The entries of `topic` (the one the NLU reads the question as about) whose items
    `question` names by number, in the order named; [] unless every number names one, so that
    "measure 16" or a count is left to the ranking. `any_list`: a question asked with no
    conversation before it, whose place alone («第5項») names an item of the one numbered list."""
    places = asked_places(question)
    if not places:
        return []
    if named := _LIST_NAMED.search(normalise(question)):
        # the list named in the question, whatever the NLU read («qual é a 7.ª medida da Grande
        # Baía?» read as the CEPA agreement got its opening measures, probe 11)
        topic = next(t for t, name in _LIST_NAMES.items() if name.search(named.group()))
    entries = list(entries)
    places_of = {entry.id: place for entry in entries if (place := list_place(entry)) is not None}
    norm = normalise(question)
    if (
        topic != _MEASURES_LIST
        and not any(e.topic == topic for e in entries if e.id in places_of)
        and _CALLED_MEASURES.search(norm)
        and not _OTHER_LIST.search(norm)
    ):
        topic = _MEASURES_LIST
    lists = {e.topic for e in entries if e.id in places_of}
    if (
        any_list
        and not any(e.topic == topic for e in entries if e.id in places_of)
        and len(lists) == 1
        and _ONLY_A_PLACE.fullmatch(_ASKED.sub(" ", norm))
    ):
        # 「第5項」, 「第2項係乜」 alone (the NLU read the diamonds or "no"; blind25): the one
        # numbered list there is (not after an answer on another topic, whose "second" it may be)
        topic = next(iter(lists))
    if topic is None:
        return []
    by_place = {places_of[e.id]: e for e in entries if e.topic == topic and e.id in places_of}
    if not by_place or any(p not in by_place for p in places):
        return []
    return [by_place[p] for p in places]
