"""Typing slips and chat shorthand in English and Portuguese questions, mended before retrieval.

"wen is cepa amendmnt efective" or "n wat sectors opend in gba first" share too few words with
any entry for either BM25 or the encoder (probes 8 and 9 refused them). Shorthand comes from a
short list; a slip is mended by pyspellchecker's dictionaries, one edit away, and only in a word
that neither dictionary nor the knowledge base knows (names such as Kimberley, CEPA or Hato stay
as typed). Chinese text is left alone, and so is any question whose words are all known.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from spellchecker import SpellChecker

from knowledge.text import has_han, unaccented

# Chat shorthand that dictionaries list as words of their own ("wen", "n", "r"), by language.
SHORTHAND: dict[str, dict[str, str]] = {
    "en": {
        "wat": "what",
        "wht": "what",
        "wen": "when",
        "whn": "when",
        "wer": "where",
        "hw": "how",
        "r": "are",
        "n": "and",
        "u": "you",
        "ur": "your",
        "abt": "about",
        "bout": "about",
        "pls": "please",
        "plz": "please",
        "teh": "the",
        "dat": "that",
        "govt": "government",
        "cert": "certificate",
    },
    "pt": {
        "qd": "quando",
        "qdo": "quando",
        "tb": "também",
        "tbm": "também",
        "pq": "porque",
        "q": "que",
        "n": "não",
        "vc": "você",
    },
}
# Shorter words have too many neighbours one edit away to mend safely ("hato" → "hate").
MIN_MENDED = 5
_WORD = re.compile(r"[a-zà-ÿ]+")
# A word cut short by a full stop inside a token ("n.º 9", read "n.o 9" after NFKC: "medida
# não.o 9" lost its number, blind20) is an abbreviation, not shorthand or a slip.
_ABBREVIATED = re.compile(r"\.\w")


@cache
def _checker(language: str) -> SpellChecker:
    return SpellChecker(language=language, distance=1)


def dictionary_language(words: Iterable[str]) -> str | None:
    """ "pt" or "en", whichever dictionary alone knows more of `words` (lower case); None on a
    tie: «Pensando melhor, podem passar a minha pergunta» (pensando, melhor, podem, passar)."""
    pt = sum(w in _checker("pt") and w not in _checker("en") for w in words)
    en = sum(w in _checker("en") and w not in _checker("pt") for w in words)
    return "pt" if pt > en else "en" if en > pt else None


@cache
def _accented_forms() -> dict[str, str]:
    """Portuguese words typed without their diacritics, each the most frequent dictionary word
    it stands for: «reuniao» → «reunião», «apreciacao» → «apreciação» (two edits away, which
    the dictionary's one-edit correction misses). Not a word of its own («esta», «pais»)."""
    frequency = _checker("pt").word_frequency
    forms: dict[str, str] = {}
    for word, count in frequency.items():
        bare = unaccented(word)
        if bare != word and bare not in frequency and count > frequency[forms.get(bare, bare)]:
            forms[bare] = word
    return forms


class Speller:
    """Mends English and Portuguese questions against the dictionaries and `vocabulary` (the
    knowledge base's own words, lower case)."""

    def __init__(self, vocabulary: Iterable[str]) -> None:
        self._vocabulary = frozenset(vocabulary)
        self._mended: dict[tuple[str, str], str] = {}
        _accented_forms()  # built once, at load rather than on the first question

    def mend(self, text: str) -> str:
        """`text` (normalised: lower case) with shorthand spelt out and slips mended."""
        if has_han(text):
            return text
        words = _WORD.findall(text)
        if not words:
            return text
        language = self._language(words)
        return _WORD.sub(
            lambda m: (
                m.group(0)
                if _ABBREVIATED.match(text, m.end())
                else self._word(m.group(0), language)
            ),
            text,
        )

    def _language(self, words: list[str]) -> str:
        english = sum(w in _checker("en") for w in words)
        portuguese = sum(w in _checker("pt") for w in words)
        return "pt" if portuguese > english else "en"

    def _word(self, word: str, language: str) -> str:
        if word in SHORTHAND[language]:
            return SHORTHAND[language][word]
        if len(word) < MIN_MENDED:
            return word
        if word in self._vocabulary and not (language == "pt" and word in _accented_forms()):
            # (the tuning sets' questions are in the vocabulary, typed without accents too)
            return word
        key = (word, language)
        if key not in self._mended:
            self._mended[key] = self._correction(word, language)
        return self._mended[key]

    def _correction(self, word: str, language: str) -> str:
        if word in _checker("en") or word in _checker("pt"):
            return word
        if language == "pt" and (accented := _accented_forms().get(word)):
            return accented
        return _checker(language).correction(word) or word


def vocabulary(texts: Iterable[str]) -> set[str]:
    """The lower-case Latin words of `texts`."""
    return {w for text in texts for w in _WORD.findall(text.lower())}
