"""Text normalisation shared by indexing and querying.

Traditional and Cantonese input is folded to Simplified so that one index serves every script,
and jieba segments the result for BM25.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from functools import cache
from pathlib import Path

import jieba
import opencc

jieba.setLogLevel(logging.WARNING)
USER_DICT = Path(__file__).resolve().parent.parent / "nlu" / "jieba" / "userdict.txt"

_TOKEN_RE = re.compile(r"\w", re.UNICODE)
# Characters and words that carry no meaning for retrieval in any of the four languages.
STOPWORDS = frozenset(
    [
        "的",
        "了",
        "吗",
        "呢",
        "吧",
        "啊",
        "是",
        "我",
        "你",
        "他",
        "们",
        "这",
        "那",
        "有",
        "和",
        "与",
        "及",
        "在",
        "想",
        "要",
        "请",
        "问",
        "请问",
        "一下",
        "什么",
        "怎么",
        "怎样",
        "如何",
        "哪些",
        "嘅",
        "咩",
        "点",
        "点样",
        "系",
        "唔",
        "係",
        "佢",
        "我哋",
        "你哋",
        "啲",
        "咗",
        "喺",
        "冇",
        "乜",
        "嘢",
        "想问",
        "知道",
        "了解",
        "the",
        "a",
        "an",
        "of",
        "to",
        "in",
        "on",
        "for",
        "and",
        "or",
        "is",
        "are",
        "was",
        "were",
        "be",
        "do",
        "does",
        "did",
        "how",
        "what",
        "which",
        "who",
        "when",
        "where",
        "can",
        "could",
        "i",
        "we",
        "my",
        "our",
        "you",
        "your",
        "it",
        "its",
        "about",
        "please",
        "tell",
        "me",
        "there",
        "this",
        "that",
        "with",
        "by",
        "at",
        "as",
        "o",
        "a",
        "os",
        "as",
        "de",
        "da",
        "do",
        "das",
        "dos",
        "e",
        "é",
        "em",
        "no",
        "na",
        "nos",
        "nas",
        "um",
        "uma",
        "para",
        "por",
        "com",
        "que",
        "qual",
        "quais",
        "como",
        "quando",
        "onde",
        "se",
        "sobre",
        "eu",
        "meu",
        "minha",
    ]
)


@cache
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def to_simplified(text: str) -> str:
    return str(_converter("t2s").convert(text))


def to_traditional(text: str) -> str:
    """Simplified → Traditional with Hong Kong/Macao character forms."""
    return str(_converter("s2hk").convert(text))


def normalise(text: str) -> str:
    """NFKC (full-width digits and letters), Simplified script, lower case, single spaces."""
    text = unicodedata.normalize("NFKC", text)
    text = to_simplified(text).lower()
    return " ".join(text.split())


@cache
def _jieba() -> jieba.Tokenizer:
    tokenizer = jieba.Tokenizer()
    if USER_DICT.exists():
        tokenizer.load_userdict(str(USER_DICT))
    return tokenizer


def tokenize(text: str) -> list[str]:
    """Normalised jieba tokens without whitespace, punctuation or stopwords.

    Search-engine mode also yields the parts of long words (金伯利进程证书制度 → 金伯利进程, 证书, …),
    so a query naming part of a term still matches it.
    """
    tokens = []
    for token in _jieba().lcut_for_search(normalise(text)):
        token = token.strip()
        if token and _TOKEN_RE.search(token) and token not in STOPWORDS:
            tokens.append(token)
    return tokens
