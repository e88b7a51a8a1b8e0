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
import jieba.posseg
import opencc

jieba.setLogLevel(logging.WARNING)
USER_DICT = Path(__file__).resolve().parent.parent / "nlu" / "jieba" / "userdict.txt"

_TOKEN_RE = re.compile(r"\w", re.UNICODE)
_HAN_RE = re.compile(r"[\u3400-\u9fff]")
# A run of Chinese characters, a number (1,000 / 6.5), or a word in any other script.
_SEGMENT_RE = re.compile(
    r"(?P<han>[\u3400-\u9fff]+)|(?P<number>\d+(?:[.,]\d+)*)|(?P<word>[^\W\d_\u3400-\u9fff]+)"
)
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
        # modal verbs, adverbs and Cantonese particles that every kind of question carries
        "可",
        "可以",
        "能",
        "能否",
        "能不能",
        "会",
        "是否",
        "有没有",
        "有冇",
        "系咪",
        "仲",
        "而家",
        "现在",
        "都",
        "还",
        "个",
        "些",
        "用",
        "呀",
        "㗎",
        "啦",
        "喇",
        "嘛",
        "咧",
        "噃",
        "咁",
        "嗰",
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


# Macao's standard Traditional forms where OpenCC's Hong Kong table (s2hk) writes otherwise: the
# one place that decides how the assistant writes Traditional Chinese. Keys are the forms s2hk
# produces (and that no zh-Hant text the bot sends may contain: tests/unit/test_zh_hant.py), values
# the forms Macao's government writes (回歸, 經營准照, 市場准入, 了解; 稅, 說, 著, 啟 as in the
# bot's own messages; 衛 as in 衛生局).
MACAO_FORMS: dict[str, str] = {
    # words
    "迴歸": "回歸",
    "準照": "准照",
    "準入": "准入",
    "瞭解": "了解",
    # characters
    "税": "稅",
    "説": "說",
    "着": "著",
    "啓": "啟",
    "衞": "衛",
    "羣": "群",
    "峯": "峰",
    "脱": "脫",
    "悦": "悅",
    "兑": "兌",
    "鋭": "銳",
    "閲": "閱",
    "蜕": "蛻",
}
_MACAO_RE = re.compile("|".join(sorted(map(re.escape, MACAO_FORMS), key=len, reverse=True)))


def to_traditional(text: str) -> str:
    """Simplified → Traditional in Macao's standard forms: OpenCC's Hong Kong table, then the
    project's Macao table."""
    hk = str(_converter("s2hk").convert(text))
    return _MACAO_RE.sub(lambda m: MACAO_FORMS[m.group(0)], hk)


def macao_form_violations(text: str) -> list[str]:
    """The non-Macao forms (keys of MACAO_FORMS) that `text` contains."""
    return sorted({m.group(0) for m in _MACAO_RE.finditer(text)})


# Misspellings users type of the names the knowledge base answers for (normalised form → the
# entries' own spelling): a sound-alike character or a dropped letter otherwise loses the one word
# that tells the topic (「金佰利係咩」 ranked the first diamond import above what the Kimberley
# Process is). Only misspellings that are no other word.
NAME_MISSPELLINGS: dict[str, str] = {
    "金佰利": "金伯利",
    "金百利": "金伯利",
    "金柏利": "金伯利",
    "金伯力": "金伯利",
    "毛胚": "毛坯",
    "kimberly": "kimberley",
    "kimberely": "kimberley",
}
_MISSPELLING_RE = re.compile(
    "|".join(
        rf"{re.escape(k)}(?![a-z])" if k.isascii() else re.escape(k)
        for k in sorted(NAME_MISSPELLINGS, key=len, reverse=True)
    )
)

# English words users type for a name or term the entries spell out (lower case → (in an English
# or Portuguese question, in a Chinese one)). The encoder does not know "GBA" ("list of the 15 GBA
# measures" ranked measure 10 above the list), and an English word inside a Cantonese sentence
# weakens its match (「WTO上年尾嚟澳門搞咗個workshop」 was refused; blind18). None: the word is
# kept in an English or Portuguese question.
SPELT_OUT: dict[str, tuple[str | None, str]] = {
    "gba": ("greater bay area", "大湾区"),
    "sme": (None, "中小企业"),
    "smes": (None, "中小企业"),
    "workshop": (None, "工作坊"),
    "apply": (None, "申请"),
    "import": (None, "进口"),
    "download": (None, "下载"),
    # Cantonese chat's "d" for 啲 (「進口d咩嘢要攞准照先」, 「你哋d資料」: probe 10)
    "d": (None, "啲"),
}
_SPELT_OUT_RE = re.compile(r"(?<![a-z])(?:" + "|".join(map(re.escape, SPELT_OUT)) + r")(?![a-z])")


def has_han(text: str) -> bool:
    """Whether `text` holds a Chinese character (its words are then Chinese)."""
    return _HAN_RE.search(text) is not None


def _spelt_out(text: str) -> str:
    """`text` (lower case) with the words in SPELT_OUT spelt out in its own script."""
    chinese = 1 if has_han(text) else 0
    return _SPELT_OUT_RE.sub(lambda m: SPELT_OUT[m.group(0)][chinese] or m.group(0), text)


# Words before the question that only keep the conversation going ("fine.", "ok English then.",
# 「轉個話題，」, «Está bem. Já agora,»): they dilute a short question's match, and "fine" read as a
# penalty (probe 7: "fine. how many people attended the WTO import licensing workshop" was
# refused). Only when punctuation closes them and a question follows.
_PREAMBLE = re.compile(
    r"^\W*(?:(?:fine|ok(?:ay)?|alright|all right|right|well|so|anyway|sure|cool|great|got it|i see"
    r"|hmm+|oh|ah|ok english then|english then|and|thanks|thank you|thx|"
    r"está bem|esta bem|ok então|certo|pronto|então|já agora|ja agora|obrigad[oa]|bom|"
    r"好的|好|咁|噉|哦|噢|喔|明白|明白了|知道了|唔该|多谢|谢谢|转个话题|换个话题|另外|顺便问下|顺便问一下|仲有|还有"
    r"|outra pergunta|mais uma pergunta|another question|one more question|另一个问题|另外一个问题"
    r"|仲有个问题|还有一个问题"
    # a reproach or a shrug before the next question ("you just repeated yourself. Forget it.
    # when is the diamond thing start in macau" got "not sure", probe 12)
    r"|you(?: just| have| 've)? repeated yourself|forget it|never ?mind|whatever|ok whatever|nvm"
    r"|算啦|算了|唔紧要|你又重复|你一直重复同一段话)"
    r"\s*[.,!;:，。！；、：]+\s*)+"
)


def without_preamble(text: str) -> str:
    """`text` without the words before its question that only keep the conversation going."""
    folded = to_simplified(text).lower()
    match = _PREAMBLE.match(folded) if len(folded) == len(text) else None
    if match is None:
        return text
    rest = text[match.end() :]
    return rest if len(rest.strip()) >= 4 else text


# A closing clause that says what the question is not about (「我问的是惠澳15项措施，不是CEPA协议」
# got the CEPA overview, p16-005; "the GBA list, not CEPA"): its words are no part of the question.
_DENIED_TAIL = re.compile(
    r"[，,;；]\s*(?:而)?(?:不是|唔系|唔係|并非|並非|(?:and )?not\b|rather than|instead of|e não|não)\s*"
    r"[^，,。？?!！]{1,24}[。.!！]?\s*$",
    re.I,
)


# A closing request for a short answer ("what is CEPA, one line pls" got "not sure", «o que é o
# Processo de Kimberley, em poucas palavras?» the laws; p16-030, p16-039): no words of the question.
_BREVITY_TAIL = re.compile(
    r"[，,;；:：\s]\s*(?:(?:in|with) )?(?:one|a|1) (?:line|sentence|word)s?(?: only)?(?: pl[sz]| please)?"
    r"|[，,;；:：\s]\s*(?:in short|briefly|in brief|in a few words|short answer|summari[sz]e)(?: pl[sz]| please)?"
    r"|[，,;；:：\s]\s*(?:em poucas palavras|resumidamente|em resumo|numa frase|em (?:uma|1) frase)"
    r"|[，,;；:：\s]?\s*(?:简单|簡單|简短|簡短)(?:啲|d|些|地|一点|一點)?(?:讲|講|说|說|解释|解釋|答)(?:下|吓|一下)?"
    r"|[，,;；:：\s]?\s*(?:一句|一句话|一句話)(?:讲|講|说|說)?(?:晒|完)?"
)
_TAIL_END = r"[\s?？!！.。]*$"
_ASIDE_TAILS = (
    re.compile(f"(?:{_BREVITY_TAIL.pattern}){_TAIL_END}", re.I),
    _DENIED_TAIL,
)


def without_denied_tail(text: str) -> str:
    """`text` without a closing clause saying what it is not about, or asking for a short
    answer; a question mark it closed with stays."""
    for tail in _ASIDE_TAILS:
        match = tail.search(text)
        if match is not None and len(text[: match.start()].strip()) >= 4:
            closing = "?" if match.group().rstrip().endswith(("?", "？")) else ""
            text = text[: match.start()] + closing
    return text


# Markup pasted or typed around a question ("<b>what</b> is the Kimberley law number?
# <script>alert(1)</script>" got the repayment rules; probe 9): its tags and scripts are no words.
_MARKUP = re.compile(
    r"<(script|style)\b[^>]{0,200}>.{0,2000}?</\1\s*>|</?[a-z][a-z0-9]{0,10}\b[^<>]{0,200}>",
    re.I | re.S,
)


def normalise(text: str) -> str:
    """NFKC (full-width digits and letters), no markup, Simplified script, lower case, single
    spaces, the names' misspellings mended and abbreviations spelt out."""
    text = _MARKUP.sub(" ", unicodedata.normalize("NFKC", text))
    # OpenCC's t2s writes Cantonese 嗰 ("that") as the rare 𠮶, which no pattern, stopword or
    # jieba word knows: 嗰 is kept.
    text = to_simplified(text).replace("𠮶", "嗰").lower()
    text = _MISSPELLING_RE.sub(lambda m: NAME_MISSPELLINGS[m.group(0)], text)
    return " ".join(_spelt_out(text).split())


# Colloquial Cantonese words (as `normalise` writes them) and the written Chinese the sentence
# encoder was trained on: it reads 「邊個簽㗎」 less like 「谁签的」 than a question in written
# Chinese is like the entries' texts. For the encoder's input only (queries, entries' texts and
# labelled questions alike); patterns, stopwords and BM25 keep the user's words. A word that is
# also written Chinese is left where it would be that word (关系, 体系: 系; 仲裁: 仲).
_CANTONESE_TO_WRITTEN: tuple[tuple[str, str], ...] = (
    (r"系唔系|是唔是|系咪|是咪", "是不是"),
    (r"有冇", "有没有"),
    (r"使唔使|驶唔驶|需唔需要", "需不需要"),
    (r"要唔要", "要不要"),
    (r"得唔得|可唔可以", "可不可以"),
    (r"会唔会", "会不会"),
    (r"点样|点么样", "怎样"),
    (r"点解", "为什么"),
    (r"啲(?:咩嘢|乜嘢|咩|乜)", "什么"),
    (r"点(?=[做办揾找申计算填写搞])", "怎么"),
    (r"(?:乜嘢|咩嘢|乜|咩)(?:[来黎嚟](?=$|[\s?？!！,，.。]))?", "什么"),
    (r"边个", "哪个"),
    (r"边度|边道", "哪里"),
    (r"边啲|边d", "哪些"),
    (r"边", "哪"),
    (r"几时", "什么时候"),
    (r"几多", "多少"),
    (r"而家|依家", "现在"),
    (r"琴日|寻日", "昨天"),
    (r"听日", "明天"),
    (r"头先", "刚才"),
    (r"上年", "去年"),
    (r"佢哋", "他们"),
    (r"我哋", "我们"),
    (r"你哋", "你们"),
    (r"佢", "他"),
    (r"嘅", "的"),
    (r"(?<![关体联维派直旁谱])系(?![统列])", "是"),
    (r"唔", "不"),
    (r"冇", "没有"),
    (r"咗", "了"),
    (r"喺", "在"),
    (r"嚟", "来"),
    (r"呢(?=[个啲次项])", "这"),
    (r"嗰", "那"),
    (r"啲", "些"),
    (r"睇", "看"),
    (r"揾", "找"),
    (r"攞", "拿"),
    (r"俾|畀", "给"),
    (r"谂", "想"),
    (r"仲(?!裁)", "还"),
    (r"先至", "才"),
    (r"啱", "对"),
    (r"嘢", "东西"),
    (r"屋企", "家"),
    (r"倾(?:偈)?(?![向斜销听倒])", "讨论"),
    (r"[㗎啩喎噃囉嘞啰]", ""),
)
_CANTONESE_RE = re.compile(
    "|".join(f"(?P<w{i}>{pattern})" for i, (pattern, _) in enumerate(_CANTONESE_TO_WRITTEN))
)


def written_chinese(text: str) -> str:
    """Normalised `text` with its colloquial Cantonese words in written Chinese (the sentence
    encoder's input)."""
    if not _HAN_RE.search(text):
        return text
    return _CANTONESE_RE.sub(lambda m: _CANTONESE_TO_WRITTEN[int(str(m.lastgroup)[1:])][1], text)


@cache
def _jieba() -> jieba.Tokenizer:
    tokenizer = jieba.Tokenizer()
    if USER_DICT.exists():
        tokenizer.load_userdict(str(USER_DICT))
    return tokenizer


@cache
def _tagger() -> jieba.posseg.POSTokenizer:
    return jieba.posseg.POSTokenizer(_jieba())


def chinese_nouns(text: str) -> list[tuple[str, bool]]:
    """jieba's words of (normalised) Chinese text, each with whether jieba tags it a noun."""
    return [(p.word, p.flag.startswith("n")) for p in _tagger().cut(text) if p.word.strip()]


# Thousands separators: 6,772,418 (English), 4.500 (Portuguese; a point before three digits and no
# more ends no decimal a user would write).
_THOUSANDS = re.compile(r"(?<=\d)[,.](?=\d{3}(?:[^\d]|$))")


def tokenize(text: str) -> list[str]:
    """Normalised jieba tokens without whitespace, punctuation or stopwords.

    Search-engine mode also yields the parts of long words (金伯利进程证书制度 → 金伯利进程, 证书, …),
    so a query naming part of a term still matches it.
    """
    tokens = []
    for match in _SEGMENT_RE.finditer(normalise(text)):
        # jieba only sees Chinese: it splits Latin words at every accented letter (prestação →
        # presta, ç, ã), so Latin words and numbers are taken whole.
        if match.lastgroup == "number":
            # 6,772,418 and 6772418, 1,000, 1.000 and 1000 are one figure (「6772418係咩數字」:
            # blind25)
            words = [_THOUSANDS.sub("", match.group())]
        elif match.lastgroup == "han":
            words = _jieba().lcut_for_search(match.group())
        else:
            words = [match.group()]
        for token in words:
            token = token.strip()
            if token and _TOKEN_RE.search(token) and token not in STOPWORDS:
                tokens.append(token)
    return tokens


def document_tokens(text: str) -> list[str]:
    """`tokenize` plus every Chinese character of the text that is not a stopword: what BM25
    indexes, so that a one-character query word (药) meets the words that contain it (药品)."""
    characters = [ch for ch in normalise(text) if _HAN_RE.match(ch) and ch not in STOPWORDS]
    return tokenize(text) + characters


def unaccented(word: str) -> str:
    """`word` without its diacritics: «licenças» and «licencas», «reunião» and «reuniao»."""
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))
