"""Masking personal data in a user's question before the console stores it (pure functions).

Three kinds, in this order: e-mail addresses → `[email]`, phone numbers → `[phone]` (Macao's
8 digits with or without +853, in any grouping, full-width digits too; other places' with their
+ country code; read by `phonenumbers`, with a fallback for digit runs it would not call valid),
then names → `[name]`: what follows the ways people introduce themselves in the five styles
(我叫 / 我係 / 我是 / 我姓 / 本人 / 名字是; my name is / I am / this is; chamo-me / o meu nome é /
sou) and titles (陳先生, 黃小姐, 李太, 何女士, Mr Chan, Sr. Costa, Sra. Lei).

It errs on the side of masking: a word wrongly taken for a name costs a little of the question;
a name kept would be personal data in the database.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

import phonenumbers

EMAIL_MASK, PHONE_MASK, NAME_MASK = "[email]", "[phone]", "[name]"
PHONE_REGION = "MO"

# Anything shaped like an address: a local part, @, a domain (no validation: a mistyped
# address is still someone's).
_LOCAL = r"[\w.!#$%&'*+/=?^`{|}~-]"
# Starting only where a run of address characters starts keeps the search linear.
# The domain's dots may be typed as 。 or ．, or be missing (chan@gmail): still an address.
# Spaces around its parts stay on one line: "…info@cepa.gov.mo.\nuser: Maria" lost the
# transcript's next "user:" label to the domain (p14-031).
_SPACE = r"[^\S\n\r\v\f\x1c-\x1e\x85\u2028\u2029]*"
_EMAIL = re.compile(
    rf"(?<!{_LOCAL}){_LOCAL}+{_SPACE}[@＠]{_SPACE}[\w-]+(?:{_SPACE}[.。．]{_SPACE}[\w-]+)*",
    re.UNICODE,
)
# Digit runs phonenumbers may not accept (a number one digit short, an odd grouping): seven or
# more digits, possibly split by spaces, dots, hyphens or brackets, after an optional +country.
_DIGITS = re.compile(r"(?:\+\s*\d{1,3}[\s.-]*)?(?:\(?\d[\d\s().-]{5,}\d)")
_MIN_DIGITS = 7

# Common Chinese surnames (Macao, Hong Kong and mainland forms; Traditional and Simplified).
_SURNAMES = (
    "陳陈李張张黃黄何梁吳吴劉刘林周鄭郑王謝谢楊杨馮冯蔡曾許许盧卢朱郭羅罗葉叶鄧邓潘蘇苏"
    "余麥麦歐欧高彭孔崔區区譚谭鍾钟霍簡简湯汤袁莫姚胡趙赵孫孙徐馬马朗岑關关容甘伍方"
    "趙錢钱沈韓韩唐董杜程魏任萬万范石邱侯邵薛蔣蒋賴赖龍龙施江"
)
_SURNAME = f"[{_SURNAMES}]"
_HAN = r"[\u4e00-\u9fff]"
# 我叫 Peter Chan / 我係Peter Chan：a name in Latin letters after a Chinese introduction.
_LATIN_NAME = r"[A-Z][A-Za-z'’-]*(?:\s+[A-Z][A-Za-z'’-]*){0,3}"
# 我叫陳大文 / 我係陳大文 / 我是陈大文 / 我姓陳 / 本人陳大文 / 我嘅名係… / 我的名字是…
_ZH_INTRO = re.compile(
    rf"(?P<lead>(?:我叫|叫我|我姓|我嘅名係|我嘅名字係|我的名字是|我的名字叫|我名叫|名字是|名字係|本人|聯絡人|联络人|联系人|聯繫人)[:：\s]*)"
    rf"(?P<name>{_LATIN_NAME}|{_HAN}{{1,4}}?)(?=$|[\s,，。.!！?？;；、]|想|要|係|是|呢|啊|呀|喺|在|嘅|的|，|問|问|請|请|電話|电话|聯絡|联系|联络)"
)
# 我係陳大文 / 我是陈大文: only with a surname first (我係想問… is not a name).
_ZH_IS = re.compile(
    rf"(?P<lead>(?:我係|我是|我系|我就係|我就是)\s*)(?P<name>{_LATIN_NAME}|{_SURNAME}{_HAN}{{1,2}})"
    rf"(?=$|[\s,，。.!！?？;；、]|想|要|呢|啊|呀|，|問|问|請|请)"
)
# 陳先生 / 黄小姐 / 李太 / 何女士 / 陳生 (the surname, and a given name if written).
_ZH_TITLE = re.compile(rf"{_SURNAME}{_HAN}{{0,2}}?(?=先生|小姐|女士|太太|太|生(?![意產产活]))")
_WORD = r"[A-ZÀ-Ý][\w'’-]*"
_CAPITALISED = rf"{_WORD}(?:\s+(?:da|de|do|dos|das|{_WORD}))*"
# After these the next words are a name whatever their case: "my name is chan tai man".
_STRONG = re.compile(
    r"(?P<lead>\b(?i:my name is|my name's|my name’s|call me|chamo-me|me chamo|"
    r"o meu nome é|meu nome é|o meu nome e|meu nome e|name\s*:|nome\s*:)\s*)"
    r"(?P<name>[^\W\d_][\w'’.-]*(?:\s+[^\W\d_][\w'’.-]*){0,3})"
)
# After these only capitalised words are: "I am Ana Costa" but not "I am interested".
_WEAK = re.compile(
    r"(?P<lead>\b(?i:i am|i'm|i’m|this is|sou o|sou a|sou)\s+)(?P<name>" + _CAPITALISED + ")"
)
_TITLE = re.compile(
    r"(?P<lead>\b(?:Mr|Mrs|Ms|Miss|Dr|Sr|Sra|Srª|Snr|Dona|Senhor|Senhora|MR|MS|MRS|mr|ms|mrs)\.?\s+)"
    r"(?P<name>[^\W\d_][\w'’-]*(?:\s+" + _WORD + r")*)"
)
# Words that end a name: what the sentence goes on to say.
_STOP = {
    "and", "i", "i'm", "from", "of", "at", "with", "here", "want", "would", "like", "need",
    "please", "my", "the", "company", "e", "queria", "quero", "gostaria",
    "preciso", "tenho", "sou", "a", "o", "empresa", "com", "and,", "calling", "asking",
    "writing", "wondering",
}  # fmt: skip
# Capitalised words after "I am" / "sou" that say what, not who.
_NOT_NAMES = {
    "A", "An", "The", "Interested", "Looking", "Asking", "Writing", "From", "Not", "Sure",
    "Trying", "Wondering", "Going", "Here", "New", "Um", "Uma", "De", "Da", "Do", "Macao",
    "Macau", "Empresário", "Empresária", "Dono", "Dona", "Proprietário", "Sócio", "Calling",
    "I", "In", "On", "At", "Owner", "Director", "Manager", "Staff",
}  # fmt: skip


# Macao's numbers (mobile 6…, fixed 28…, 8…) and mainland mobiles (1[3-9] and 9 more digits),
# with or without their country codes: shapes no amount, date or HS code has.
_LOCAL_NUMBER = re.compile(r"(?:853)?(?:6\d{7}|28\d{6}|8\d{7})|(?:86)?1[3-9]\d{9}")
# Hong Kong's 8 digits overlap 8-digit HS codes, so only as people write numbers: 4 + 4.
_HK_NUMBER = re.compile(r"(?:\(?852\)?[\s-]*)?[235679]\d{3}[\s-]\d{4}")


def _is_phone_digits(text: str) -> bool:
    """A Macao number's or a mainland mobile's shape, a Hong Kong number written 4 + 4, or any
    run of seven or more digits written with a leading + (a country code)."""
    digits = "".join(ch for ch in text if ch.isdigit())
    if text.lstrip("( ").startswith("+"):
        return len(digits) >= _MIN_DIGITS
    return bool(_LOCAL_NUMBER.fullmatch(digits) or _HK_NUMBER.fullmatch(text.strip()))


def mask_emails(text: str) -> str:
    return _EMAIL.sub(EMAIL_MASK, text)


def mask_phones(text: str) -> str:
    spans = [
        (m.start, m.end)
        for m in phonenumbers.PhoneNumberMatcher(text, PHONE_REGION, phonenumbers.Leniency.VALID)
    ]
    spans += [(m.start(), m.end()) for m in _DIGITS.finditer(text) if _is_phone_digits(m.group())]
    return _replace_spans(text, spans, PHONE_MASK)


def _replace_spans(text: str, spans: list[tuple[int, int]], mask: str) -> str:
    if not spans:
        return text
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    out, last = [], 0
    for start, end in merged:
        out.append(text[last:start])
        out.append(mask)
        last = end
    out.append(text[last:])
    return "".join(out)


def _strong_name(match: re.Match[str]) -> str:
    words = match.group("name").split()
    kept: list[str] = []
    for word in words:
        if word.lower().strip(".,") in _STOP:
            break
        kept.append(word)
    if not kept:
        return match.group(0)
    rest = match.group("name")
    cut = rest.index(kept[-1]) + len(kept[-1])
    trail = kept[-1][len(kept[-1].rstrip(".,")) :]  # "I'm Ana." keeps its full stop
    return match.group("lead") + NAME_MASK + trail + rest[cut:]


def _weak_name(match: re.Match[str]) -> str:
    if match.group("name").split()[0] in _NOT_NAMES:
        return match.group(0)
    return match.group("lead") + NAME_MASK


def mask_names(text: str) -> str:
    text = _ZH_INTRO.sub(lambda m: m.group("lead") + NAME_MASK, text)
    text = _ZH_IS.sub(lambda m: m.group("lead") + NAME_MASK, text)
    text = _ZH_TITLE.sub(NAME_MASK, text)
    text = _TITLE.sub(lambda m: m.group("lead") + NAME_MASK, text)
    text = _STRONG.sub(_strong_name, text)
    return _WEAK.sub(_weak_name, text)


# Full-width digits, letters and the characters of addresses and numbers, as plain ASCII; the
# Chinese punctuation (，。？：) stays as the user wrote it.
_HALF_WIDTH = {
    ord(ch): unicodedata.normalize("NFKC", ch)
    for ch in map(chr, range(0xFF01, 0xFF5F))
    if unicodedata.normalize("NFKC", ch).isalnum() or ch in "＠＋－．（）＿"
}


def mask(text: str) -> str:
    """`text` with e-mail addresses, phone numbers and names replaced by placeholders."""
    return mask_names(mask_phones(mask_emails(text.translate(_HALF_WIDTH))))


# Whatever is typed where the name was asked is a name, unless it asks something.
_ASKS = re.compile(r"[?？]")
# A given value shorter than this would mask far too much (an initial).
_MIN_GIVEN = 2


def mask_turn(text: str, given: Sequence[str] = (), *, answers_name: bool = False) -> str:
    """`mask(text)`, and what the conversation tells: a message answering the hand-off's name
    question is `[name]` ("Maria" alone is no shape masking knows); a name or contact the
    conversation gave (`given`) is masked wherever it stands, in any case."""
    if answers_name and not _ASKS.search(text):
        return NAME_MASK
    for value in sorted({v.strip() for v in given}, key=len, reverse=True):
        if len(value) < _MIN_GIVEN:
            continue
        placeholder = (
            EMAIL_MASK if "@" in value else PHONE_MASK if _is_phone_digits(value) else NAME_MASK
        )
        text = re.sub(re.escape(value), placeholder, text, flags=re.IGNORECASE)
    return mask(text)
