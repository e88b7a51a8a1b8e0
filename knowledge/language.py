"""Which language and script a user wrote in, so replies come back the same way."""

from __future__ import annotations

import re
from typing import Literal

from knowledge.spelling import dictionary_language
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
# The words that tell English from Portuguese, in three groups: the grammar of a sentence (verbs,
# pronouns, question words, negation), the small words that names contain too (articles,
# prepositions: "Special Aid Scheme for SMEs affected by Typhoon Hato"), and topic words. Only a
# sentence switches a conversation from its language; a name or a few words do not (_switches).
_PT_GRAMMAR = frozenset(
    {"quantos", "quantas", "quanto", "foram", "passaram", "se", "porque", "foi", "tem", "ter",
     "isso", "esta", "esse", "essa", "que", "qual", "quais", "como", "quando", "onde", "não",
     "nao", "é", "são", "sao", "está", "estao", "quero", "posso", "pode", "preciso", "meu",
     "minha", "pedir", "fazer", "candidatar"}
)  # fmt: skip
_PT_LINKS = frozenset(
    {"mas", "ou", "ao", "aos", "pela", "pelo", "agora", "ainda", "muito", "mais", "também", "já",
     "até", "o", "os", "as", "um", "uma", "de", "da", "do", "das", "dos", "em", "no", "na", "nos",
     "nas", "para", "por", "com", "sobre", "sim"}
)  # fmt: skip
_PT_TOPIC = frozenset(
    {"sectores", "setores", "tratamento", "nacional", "pedidos", "aprovados", "acordo",
     "serviços", "ajustamento", "medida", "pedido", "prestações", "empresa", "empresas",
     "pagamento", "reembolso", "apoio", "plano", "prestação", "prestacao", "medidas",
     "obrigado", "obrigada", "olá", "ola", "bom", "dia", "boa", "tarde", "ajuda"}
)  # fmt: skip
_PT_WORDS = _PT_GRAMMAR | _PT_LINKS | _PT_TOPIC
_EN_GRAMMAR = frozenset(
    {"is", "are", "was", "were", "what", "how", "which", "who", "when", "where", "why", "can",
     "could", "should", "may", "must", "my", "our", "your", "its", "it", "we", "they", "please",
     "tell", "me", "there", "this", "that", "do", "does", "did", "you", "want", "need", "i", "am",
     "not", "don", "s", "will", "would", "have", "has", "been", "be", "get", "know", "if", "let"}
)  # fmt: skip
_EN_LINKS = frozenset(
    {"the", "a", "an", "of", "to", "in", "on", "for", "and", "about", "with", "but", "or", "from",
     "by", "at", "as", "all", "any", "just", "also", "still", "now", "t"}
)  # fmt: skip
_EN_TOPIC = frozenset(
    {"company", "repayment", "scheme", "instalment", "installment", "measures", "thanks",
     "thank", "hello", "hi", "help", "agree", "yes", "no", "due", "month", "year",
     "instalments", "remaining", "adjusted", "aid", "sme", "times", "twice", "once", "talk",
     "speak", "person", "human", "staff", "agreement", "services"}
)  # fmt: skip
_EN_WORDS = _EN_GRAMMAR | _EN_LINKS | _EN_TOPIC


_ADDRESSES = re.compile(r"\S+@\S+|https?://\S+|www\.\S+")
# A Portuguese verb with its pronoun attached (candidatar-me, inscrever-se): "me" is no English.
_PT_CLITIC = re.compile(r"[a-zà-ÿ]{3,}-(?:me|se|lhe|lhes|nos|vos)\b")
# «E a banca?», «E quem organizou?»: Portuguese "and" opening a follow-up (no English word is "e").
_PT_AND = re.compile(
    r"(?:^|[\s,])e (?:a|o|as|os|quem|qual|quais|quando|onde|se|para|sobre|no|na|nos|nas|do|da|com"
    r"|quanto|quantos|quantas|como|que)\b"
)


# Kana: a message with them is Japanese, which the assistant does not write; its kanji are no
# Chinese either (「日本語できますか」).
_KANA = re.compile(r"[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f]")


def _without_japanese(text: str) -> str:
    """`text` without its Japanese part, kana and the kanji written with them. One kana among
    Chinese characters (「我の公司」, web slang) leaves the Chinese as it is."""
    kana = len(_KANA.findall(text))
    if kana < 2 or 2 * kana < len(_HAN.findall(text)):
        return text
    return _HAN.sub(" ", _KANA.sub(" ", text))


# 喂 ("hello" on the phone): Traditional writes it too, but OpenCC's table reads 喂你 as "feed
# you" (餵你), so 「喂你好」 looked Simplified and was answered so (probe 9).
_BOTH_SCRIPTS = re.compile("喂")


def _plain(text: str) -> str:
    """What shows the writer's language: addresses, Japanese and 喂 left out."""
    return _BOTH_SCRIPTS.sub(" ", _without_japanese(_ADDRESSES.sub(" ", text)))


def _latin_lang(lowered: str) -> Lang:
    """English or Portuguese, for lower-case text written in Latin letters."""
    if (
        any(ch in lowered for ch in "ãõçâêôàá")
        or _PT_CLITIC.search(lowered)
        or _PT_AND.search(lowered)
    ):
        return "pt"
    words = _LATIN_WORD.findall(lowered)
    pt = sum(w in _PT_WORDS for w in words)
    en = sum(w in _EN_WORDS for w in words)
    if pt == en and (by_dictionary := dictionary_language(words)) is not None:
        # a tie of the telling words above: the dictionaries' whole vocabularies decide
        # («Pensando melhor, podem passar a minha pergunta» was English, p14-010)
        return "pt" if by_dictionary == "pt" else "en"
    return "pt" if pt > en else "en"


# Words as written, capitals kept: a name's words are capitalised ("Typhoon Hato").
_WRITTEN_WORD = re.compile(r"[A-Za-zÀ-ÿ]+")
# This many words outside names are written in that language, not typed among Chinese.
_SENTENCE_WORDS = 6


def _is_sentence(text: str, lang: Lang) -> bool:
    """Whether English or Portuguese `text` is a sentence, not a name or a few words: a question
    of three words or more, some grammar (a verb, a pronoun, a question word) beside more words
    ("it was not cancelled"), or many words outside names; "SME Aid Scheme" and "Special Aid
    Scheme for SMEs affected by Typhoon Hato" are none."""
    written = _WRITTEN_WORD.findall(text)
    words = [w.lower() for w in written]
    if len(words) >= 3 and text.rstrip().endswith("?"):
        return True
    if sum(w[0].islower() for w in written) >= _SENTENCE_WORDS:
        return True
    grammar, links = (_PT_GRAMMAR, _PT_LINKS) if lang == "pt" else (_EN_GRAMMAR, _EN_LINKS)
    core = sum(w in grammar for w in words)
    return core >= 1 and (core + sum(w in links for w in words) >= 2 or len(words) >= 4)


def detect_lang(text: str) -> Lang:
    """Best guess of the writer's language and script; Traditional Chinese when unsure."""
    text = _plain(text)
    han = "".join(_HAN.findall(text))
    lowered = text.lower()
    words = _LATIN_WORD.findall(lowered)
    if han:
        latin = _latin_lang(_HAN.sub(" ", lowered))
        if 2 * len(words) >= len(han) and _is_sentence(_HAN.sub(" ", text), latin):
            return latin  # an English sentence with a Chinese date or name in it
        if any(mark in text for mark in _CANTONESE):
            return "zh-Hant"
        is_traditional = to_simplified(han) != han
        is_simplified = to_traditional(han) != han
        if is_simplified and not is_traditional:
            return "zh-Hans"
        return "zh-Hant"
    if not words:
        return DEFAULT_LANG
    return _latin_lang(lowered)


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
    words neither language's list knows ("oito mil patacas" is no English), nor Japanese."""
    text = _plain(text)
    if _HAN.search(text):
        return True
    words = _LATIN_WORD.findall(text.lower())
    if any(w in _THANKS_AND_GOODBYES for w in words):
        return True  # «Muito obrigado», "thanks": short, yet one language's
    known = any(w in _PT_WORDS or w in _EN_WORDS for w in words)
    return len(words) >= 3 and (known or any(ch in text.lower() for ch in "ãõçâêôàá"))


def _shows_any(text: str) -> bool:
    """Whether `text` has any letter or Chinese character ("hi" has; "🙂🙂", "?", "5" have not)."""
    text = _plain(text)
    return bool(_HAN.search(text) or _LATIN_WORD.search(text.lower()))


def _switches(text: str) -> bool:
    """Whether English or Portuguese `text` switches a conversation in another language to its
    own: a sentence, or thanks and goodbyes, which tell their language; a scheme's name typed in
    a Chinese check ("SME Aid Scheme") or a few words do not."""
    plain = _plain(text)
    thanks = any(w in _THANKS_AND_GOODBYES for w in _LATIN_WORD.findall(plain.lower()))
    return thanks or _is_sentence(plain, detect_lang(text))


CHINESE: tuple[Lang, ...] = ("zh-Hant", "zh-Hans")


def shows_script(text: str) -> bool:
    """Whether Chinese `text` shows Traditional or Simplified: a Cantonese word, or a character
    written differently in the two (不是, 取消 and 2020年6月 show neither)."""
    han = "".join(_HAN.findall(_plain(text)))
    return (
        any(mark in text for mark in _CANTONESE)
        or to_simplified(han) != han
        or to_traditional(han) != han
    )


# The reply languages by the names users give them; a bare "Chinese" is Macao's Traditional
# (Simplified when the request itself is written in Simplified).
_LANGUAGE_NAMES: dict[str, Lang | None] = {
    "english": "en", "inglês": "en", "ingles": "en", "英文": "en", "英語": "en", "英语": "en",
    "portuguese": "pt", "português": "pt", "portugues": "pt", "葡文": "pt", "葡語": "pt",
    "葡语": "pt", "葡萄牙文": "pt", "葡萄牙語": "pt", "葡萄牙语": "pt",
    "simplified chinese": "zh-Hans", "chinês simplificado": "zh-Hans", "简体中文": "zh-Hans",
    "簡體中文": "zh-Hans", "简体字": "zh-Hans", "簡體字": "zh-Hans", "简体": "zh-Hans", "簡體": "zh-Hans",
    "traditional chinese": "zh-Hant", "chinês tradicional": "zh-Hant", "繁體中文": "zh-Hant",
    "繁体中文": "zh-Hant", "繁體字": "zh-Hant", "繁体字": "zh-Hant", "繁體": "zh-Hant", "繁体": "zh-Hant", "廣東話": "zh-Hant",
    "广东话": "zh-Hant", "粵語": "zh-Hant", "粤语": "zh-Hant", "cantonese": "zh-Hant",
    "cantonês": "zh-Hant",
    "chinese": None, "chinês": None, "chines": None, "中文": None,
}  # fmt: skip
_NAME = "(?P<name>{})".format(
    "|".join(re.escape(name) for name in sorted(_LANGUAGE_NAMES, key=len, reverse=True))
)
# Asking for replies in a language: "please reply in English", "English please", «muda para
# inglês por favor», «responda em português», 「請用中文」, 「轉做英文」. Not "is it available in
# English?", 「英文名」 or 「用英文點講」 (a document's language, a translation).
_ASKS = [
    re.compile(p)
    for p in (
        r"\b(?:reply|replies|answer|answers|respond|write|talk|chat|continue|switch|change"
        r"|translate)\b"
        r"(?:\s+\w+){0,3}?\s+(?:in|to|into)\s+" + _NAME + r"\b",
        r"^(?:in\s+|please\s+(?:use\s+|in\s+)?)?" + _NAME + r"\s*,?\s*(?:please|pls|plz)?\s*[.!]*$",
        r"\b(?:muda|mude|mudar|troca|troque|trocar|passa|passe|passar)\b(?:\s+\w+){0,2}?\s+"
        r"(?:para|pra|pro)\s+(?:o\s+)?" + _NAME,
        r"\b(?:responda|responde|responder|escreva|escreve|escrever|fale|continue|continua)\b"
        r"(?:[\s-]+\w+){0,2}?\s+em\s+" + _NAME,
        r"\bem\s+" + _NAME + r"\s*,?\s*por\s+favor",
        # «Volte ao português», 「請以簡體字回覆」 (probe 8)
        # «Voltando ao português: …» (p14-039 stayed in English, asked for before)
        r"\b(?:volte|volta|voltar|voltando|volto|voltamos|regresse|regressa|regressando)\s+"
        r"(?:ao|para\s+o)\s+" + _NAME,
        r"以\s*" + _NAME + r"\s*(?:回覆|回复|作答|回答|答覆|答复)",
        r"(?:用|轉|转|改|換|换|回覆|回复)\s*(?:做|成|為|为|返|用)?\s*" + _NAME + r"(?!\s*(?:點|点|怎|名|版|叫))",
    )
]  # fmt: skip
# Asking whether it speaks a language: a request only when written in another one (「可唔可以講英
# 文」); «Olá, fala português?» or "Do you speak English?" ask what it can do.
_ASKS_IF_SPOKEN = [
    re.compile(p)
    for p in (
        r"\b(?:speak|speaks|use|understand|fala|falas|falam|entende|percebe)\s+" + _NAME + r"\b",
        r"(?:講|讲|說|说|識|识|會|会)\s*" + _NAME + r"(?!\s*(?:點|点|怎|名|版|叫))",
    )
]


def _first_match(patterns: list[re.Pattern[str]], text: str) -> re.Match[str] | None:
    return next((m for p in patterns if (m := p.search(text)) is not None), None)


def requested_language(text: str) -> Lang | None:
    """The reply language `text` asks for ("please reply in English", «muda para inglês por
    favor», 「可唔可以講英文」), None when it asks for none; whether it speaks the language the
    question is itself written in is no request."""
    lowered = _plain(text).lower().strip()
    own = detect_lang(text)
    asked = _first_match(_ASKS, lowered)
    if asked is None and (asked := _first_match(_ASKS_IF_SPOKEN, lowered)) is not None:
        named = _LANGUAGE_NAMES[asked.group("name")]
        if named == own or (named in (*CHINESE, None) and own in CHINESE):
            return None
    if asked is None:
        return None
    named = _LANGUAGE_NAMES[asked.group("name")]
    if named is None:  # "Chinese": Traditional, unless the request is written in Simplified
        return "zh-Hans" if own == "zh-Hans" else "zh-Hant"
    return named


# A message's clauses, each with the punctuation that ends it.
# (a full stop before a space ends one too: "switch back to english pls. what did the trade
# committee agree…?" was one clause, the request's, and its question was dropped, p13-019)
_CLAUSE = re.compile(r"(?:[^：:，,。!！?？;；\n.]|\.(?!\s))+[：:，,。!！?？;；\n\s.]*")


def asked_besides_language(text: str) -> str:
    """What `text` asks besides another reply language: 「請用英文答我：CEPA修訂協議幾時生效」 →
    「CEPA修訂協議幾時生效」; "" when it asks nothing else, or when the request is not a clause
    of its own."""
    clauses = _CLAUSE.findall(text)
    kept = [clause for clause in clauses if requested_language(clause) is None]
    if len(kept) == len(clauses):
        return ""
    return "".join(kept).strip().rstrip("：:，,;；").strip()


def _after(text: str, before: Lang | None) -> Lang | None:
    """The conversation's language once the user has written `text`, `before` being the one
    until then (None while nothing has shown one), leaving any UI language aside."""
    if is_telling(text):
        lang = detect_lang(text)
        if lang in CHINESE and not shows_script(text):
            return before if before in CHINESE else lang  # 不是, 2020年5月
        if lang not in CHINESE and before is not None and not _switches(text):
            return before  # "SME Aid Scheme" in a Chinese check
        return lang
    if before is None and _shows_any(text):
        return detect_lang(text)  # "hi": a guess, until a message tells
    return before  # 🙂, ?, 5, a button


def _conversation(texts: list[str]) -> tuple[Lang | None, bool]:
    """The conversation's language after `texts` (None if none showed one), and whether the user
    asked for it; once asked for, it holds until the user asks for another."""
    lang: Lang | None = None
    asked = False
    for text in texts:
        if (requested := requested_language(text)) is not None:
            lang, asked = requested, True
        elif not asked:
            lang = _after(text, lang)
    return lang, asked


def reply_language(latest: str, ui: object, earlier: list[str]) -> Lang:
    """The language to reply to `latest` in: the one the user asked for, in it or before it;
    else its own when it shows one, though a name or a few words ("SME Aid Scheme") keep the
    conversation's (`earlier`, the user's texts before it); for Chinese that shows no script, the
    UI's Chinese (`ui`, the channel's language), else the conversation's; for a message that
    shows no language (a button, "5", "ok", "🙂", "?"), the UI's, else the conversation's."""
    if (requested := requested_language(latest)) is not None:
        return requested
    before, asked = _conversation(earlier)
    if asked and before is not None:
        return before
    hinted = next((code for code in LANGS if code == ui), None)
    # "ok thx" closing a Cantonese conversation in a widget set to Chinese
    closing = bool(earlier) and _only_english_thanks(latest)
    if hinted is not None and closing and {hinted, before} <= set(CHINESE):
        return hinted
    if is_telling(latest):
        lang = detect_lang(latest)
        if lang in CHINESE and not shows_script(latest):
            return hinted if hinted in CHINESE else before if before in CHINESE else lang
        return _after(latest, before) or lang
    if hinted is not None:
        return hinted
    return _after(latest, before) or DEFAULT_LANG


def conversation_language(texts: list[str]) -> Lang:
    """The language the user has been writing (or asked for): short answers, emoji, a name or a
    few words keep it; Traditional Chinese when nothing has shown one."""
    return _conversation(texts)[0] or DEFAULT_LANG
