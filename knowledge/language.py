"""Which language and script a user wrote in, so replies come back the same way."""

from __future__ import annotations

import re
from typing import Literal

from knowledge.text import to_simplified, to_traditional

Lang = Literal["zh-Hant", "zh-Hans", "en", "pt"]
LANGS: tuple[Lang, ...] = ("zh-Hant", "zh-Hans", "en", "pt")
DEFAULT_LANG: Lang = "zh-Hant"  # Macao writes Traditional Chinese


def lang_or_default(value: object) -> Lang:
    """`value` if it is one of the reply languages, else DEFAULT_LANG (a stored or requested
    language that may be missing or unknown)."""
    return next((code for code in LANGS if code == value), DEFAULT_LANG)


_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LATIN_WORD = re.compile(r"[a-zà-ÿ]+")
# Cantonese particles written in Macao; they imply Traditional script even when every
# character in the message happens to be shared by both scripts.
_CANTONESE = (
    "嘅",
    "咩",
    "點",
    "係唔係",
    "幾多",
    "唔",
    "佢",
    "咗",
    "喺",
    "冇",
    "乜",
    "嘢",
    "啲",
    "哋",
)
_PT_WORDS = frozenset(
    [
        "quantos",
        "quantas",
        "quanto",
        "foram",
        "passaram",
        "sectores",
        "setores",
        "tratamento",
        "nacional",
        "pedidos",
        "aprovados",
        "acordo",
        "serviços",
        "mas",
        "ou",
        "se",
        "ao",
        "aos",
        "pela",
        "pelo",
        "porque",
        "agora",
        "ainda",
        "candidatar",
        "pedir",
        "fazer",
        "foi",
        "tem",
        "ter",
        "muito",
        "mais",
        "isso",
        "esta",
        "esse",
        "essa",
        "também",
        "já",
        "até",
        "ajustamento",
        "medida",
        "pedido",
        "prestações",
        "o",
        "os",
        "as",
        "um",
        "uma",
        "de",
        "da",
        "do",
        "das",
        "dos",
        "em",
        "no",
        "na",
        "nos",
        "nas",
        "para",
        "por",
        "com",
        "que",
        "qual",
        "quais",
        "como",
        "quando",
        "onde",
        "não",
        "nao",
        "sim",
        "é",
        "são",
        "sao",
        "está",
        "estao",
        "empresa",
        "empresas",
        "pagamento",
        "reembolso",
        "apoio",
        "plano",
        "prestação",
        "prestacao",
        "medidas",
        "sobre",
        "obrigado",
        "obrigada",
        "olá",
        "ola",
        "bom",
        "dia",
        "boa",
        "tarde",
        "quero",
        "posso",
        "pode",
        "preciso",
        "ajuda",
        "meu",
        "minha",
    ]
)
_EN_WORDS = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "to",
        "in",
        "on",
        "for",
        "and",
        "is",
        "are",
        "what",
        "how",
        "which",
        "who",
        "when",
        "where",
        "can",
        "could",
        "my",
        "our",
        "your",
        "it",
        "about",
        "please",
        "tell",
        "me",
        "there",
        "this",
        "that",
        "with",
        "do",
        "does",
        "company",
        "repayment",
        "scheme",
        "instalment",
        "installment",
        "measures",
        "thanks",
        "thank",
        "you",
        "hello",
        "hi",
        "want",
        "need",
        "help",
        "i",
        "am",
        "not",
        "don",
        "t",
        "agree",
        "yes",
        "no",
        "will",
        "would",
        "have",
        "has",
        "be",
        "get",
        "know",
        "if",
        "but",
        "or",
        "from",
        "by",
        "at",
        "as",
        "all",
        "any",
        "just",
        "also",
        "still",
        "now",
        "due",
        "month",
        "year",
        "instalments",
        "remaining",
        "adjusted",
        "aid",
        "sme",
        "times",
        "twice",
        "once",
        "talk",
        "speak",
        "person",
        "human",
        "staff",
        "agreement",
        "services",
    ]
)


_ADDRESSES = re.compile(r"\S+@\S+|https?://\S+|www\.\S+")
# A Portuguese verb with its pronoun attached (candidatar-me, inscrever-se): "me" is no English.
_PT_CLITIC = re.compile(r"[a-zà-ÿ]{3,}-(?:me|se|lhe|lhes|nos|vos)\b")
# «E a banca?», «E quem organizou?»: Portuguese "and" opening a follow-up (no English word is "e").
_PT_AND = re.compile(
    r"(?:^|[\s,])e (?:a|o|as|os|quem|qual|quais|quando|onde|se|para|sobre|no|na|nos|nas|do|da|com"
    r"|quanto|quantos|quantas|como|que)\b"
)


def detect_lang(text: str) -> Lang:
    """Best guess of the writer's language and script; Traditional Chinese when unsure."""
    text = _ADDRESSES.sub(" ", text)
    han = "".join(_HAN.findall(text))
    if han:
        if any(mark in text for mark in _CANTONESE):
            return "zh-Hant"
        is_traditional = to_simplified(han) != han
        is_simplified = to_traditional(han) != han
        if is_simplified and not is_traditional:
            return "zh-Hans"
        return "zh-Hant"
    lowered = text.lower()
    if (
        any(ch in lowered for ch in "ãõçâêôàá")
        or _PT_CLITIC.search(lowered)
        or _PT_AND.search(lowered)
    ):
        return "pt"
    words = _LATIN_WORD.findall(lowered)
    if not words:
        return DEFAULT_LANG
    pt = sum(w in _PT_WORDS for w in words)
    en = sum(w in _EN_WORDS for w in words)
    return "pt" if pt > en else "en"


# Thanks and goodbyes, which only one of English and Portuguese writes ("ok" both do).
_THANKS_AND_GOODBYES = frozenset(
    {"thanks", "thank", "thx", "bye", "goodbye", "obrigado", "obrigada", "adeus"}
)


_ENGLISH_THANKS = frozenset(
    {
        "ok",
        "okay",
        "thanks",
        "thank",
        "you",
        "thx",
        "ty",
        "bye",
        "goodbye",
        "so",
        "much",
        "a",
        "lot",
    }
)


def _only_english_thanks(text: str) -> bool:
    words = _LATIN_WORD.findall(text.lower())
    return bool(words) and not _HAN.search(text) and all(w in _ENGLISH_THANKS for w in words)


def is_telling(text: str) -> bool:
    """Whether `text` says enough to tell its language: "5", "no" or "ok" do not, nor three
    words neither language's list knows ("oito mil patacas" is no English)."""
    text = _ADDRESSES.sub(" ", text)
    if _HAN.search(text):
        return True
    words = _LATIN_WORD.findall(text.lower())
    if any(w in _THANKS_AND_GOODBYES for w in words):
        return True  # «Muito obrigado», "thanks": short, yet one language's
    known = any(w in _PT_WORDS or w in _EN_WORDS for w in words)
    return len(words) >= 3 and (known or any(ch in text.lower() for ch in "ãõçâêôàá"))


CHINESE: tuple[Lang, ...] = ("zh-Hant", "zh-Hans")


def shows_script(text: str) -> bool:
    """Whether Chinese `text` shows Traditional or Simplified: a Cantonese word, or a character
    written differently in the two (不是, 取消 and 2020年6月 show neither)."""
    han = "".join(_HAN.findall(text))
    return (
        any(mark in text for mark in _CANTONESE)
        or to_simplified(han) != han
        or to_traditional(han) != han
    )


def reply_language(latest: str, ui: object, earlier: list[str]) -> Lang:
    """The language to reply to `latest` in: its own when it shows one; for Chinese that shows no
    script, the UI's Chinese (`ui`, the channel's language), else the conversation's (`earlier`,
    the user's texts before it); for a message that shows no language (a button, "5", "ok"),
    the UI's, else the conversation's."""
    hinted = next((code for code in LANGS if code == ui), None)
    # "ok thx" closing a Cantonese conversation in a widget set to Chinese
    closing = bool(earlier) and _only_english_thanks(latest)
    if hinted is not None and closing and {hinted, conversation_language(earlier)} <= set(CHINESE):
        return hinted
    if is_telling(latest):
        lang = detect_lang(latest)
        if lang not in CHINESE or shows_script(latest):
            return lang
        before = conversation_language(earlier) if earlier else None
        return hinted if hinted in CHINESE else before if before in CHINESE else lang
    if hinted is not None:
        return hinted
    return conversation_language([t for t in [*earlier, latest] if t.strip()])


def conversation_language(texts: list[str]) -> Lang:
    """The language of the latest message that tells it; short answers keep the language."""
    for text in reversed(texts):
        if is_telling(text):
            return detect_lang(text)
    return detect_lang(texts[-1]) if texts else DEFAULT_LANG
