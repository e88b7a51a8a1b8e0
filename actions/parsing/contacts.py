"""The staff hand-off's readings: a contact (e-mail or phone, checked by email-validator and
phonenumbers) and a name, given alone or in one message with the question; asking for staff, what
a request is about, and withholding or withdrawing one's details.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import phonenumbers
from email_validator import EmailNotValidError, validate_email

from actions.parsing.answers import (
    REFUSAL_WORDS,
    is_bare_answer,
    looks_like_question,
    opening_answer,
)
from actions.parsing.talk import asks_to_withdraw, complains
from handoff.text import MAX_CONTACT_LENGTH, MAX_NAME_LENGTH, one_line
from knowledge.text import normalise, unaccented

# A candidate address: ASCII local part and domain (the address staff will write to), found in
# any text around it; email-validator decides whether it is one.
_LOCAL_CHAR = r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]"
_EMAIL = re.compile(rf"(?<!{_LOCAL_CHAR}){_LOCAL_CHAR}+@[A-Za-z0-9.-]+")  # linear: whole runs only
MAX_EMAIL_LENGTH = MAX_CONTACT_LENGTH  # the ticket's contact column holds any valid address
MAX_LOCAL_PART_LENGTH = 64
PHONE_REGION = "MO"  # numbers without a country code are Macao's


def parse_email(text: str) -> str | None:
    """The first valid e-mail address in `text`, normalised (and lower-cased)."""
    for match in _EMAIL.finditer(unicodedata.normalize("NFKC", text)):
        candidate = match.group().strip(".-")
        local, _, _domain = candidate.partition("@")
        if len(candidate) > MAX_EMAIL_LENGTH or len(local) > MAX_LOCAL_PART_LENGTH:
            continue
        try:
            address = validate_email(
                candidate, check_deliverability=False, allow_smtputf8=False, strict=True
            )
        except EmailNotValidError:
            continue
        return address.normalized.lower()
    return None


_MAINLAND_MOBILE = re.compile(r"(?<![\d+])1[3-9]\d(?:[\s-]?\d){8}(?![\s-]?\d)")
# A number typed in Chinese numerals, alone: 「六六 一二 三四五六」 (p14-006).
_CN_DIGITS_ONLY = re.compile(
    r"[\s\-]*[〇零一二三四五六七八九](?:[\s\-]*[〇零一二三四五六七八九]){6,}[\s\-]*"
)
_NUMERALS_ONLY = re.compile(r"[\d〇零一二三四五六七八九\s()+-]+")
_CN_TO_DIGITS = str.maketrans("〇零一二三四五六七八九", "00123456789")
# Seven or more Chinese numerals in a run (spaces or dashes between): a phone number's, no words'.
_CN_NUMBER = re.compile(r"[〇零一二三四五六七八九](?:[\s-]*[〇零一二三四五六七八九]){6,}")


def parse_phone(text: str) -> str | None:
    """The first valid phone number in `text`: Macao's 8 digits with or without +853, a mainland
    mobile's 11 digits with or without +86, any other place's with its + country code; a number
    typed in Chinese numerals alone too. Macao numbers come back as "+853 66123456", others in
    E.164 ("+85291234567")."""
    if _CN_DIGITS_ONLY.fullmatch(text):
        text = text.translate(_CN_TO_DIGITS)
    else:
        # 「電話係六二八八 七七一一」, 「聯絡電話：六六八八九九零零」 (p15-006, p15-015): the number's
        # numerals, beside words
        text = _CN_NUMBER.sub(lambda m: m.group().translate(_CN_TO_DIGITS), text)
    matcher = phonenumbers.PhoneNumberMatcher(text, PHONE_REGION, phonenumbers.Leniency.VALID)
    for match in matcher:
        number = match.number
        if not phonenumbers.is_valid_number(number):
            continue
        if phonenumbers.region_code_for_number(number) == PHONE_REGION:
            return f"+{number.country_code} {phonenumbers.national_significant_number(number)}"
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    # A mainland mobile written without +86 ("13812345678" was refused, p14-040): 11 digits
    # starting 1[3-9], standing alone, as phonenumbers reads it for China.
    for mobile in _MAINLAND_MOBILE.finditer(text):
        number = phonenumbers.parse(re.sub(r"\D", "", mobile.group()), "CN")
        if phonenumbers.is_valid_number(number):
            return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    # A Macao fixed line of a range phonenumbers' metadata does not list (28123456, "+853 2812
    # 3456" were refused and a landline user could not finish the hand-off, probe 8): staff call it.
    if landline := _MACAO_LANDLINE.search(text):
        return "+853 " + re.sub(r"\D", "", landline.group(1) + landline.group(2))
    return None


# (also grouped as people say it: "28 123 456", p12-022)
_MACAO_LANDLINE = re.compile(
    r"(?<![\d+])(?:\+?853[\s-]?)?(2[\s-]?8(?:[\s-]?\d){2})[\s-]?((?:[\s-]?\d){4})(?![\s-]?\d)"
)


def parse_contact(text: str) -> str | None:
    """An e-mail address or, failing that, a phone number; None when `text` holds neither."""
    return parse_email(text) or parse_phone(text)


NAME_PREFIX = re.compile(
    # 「咁叫我阿強啦」 (p14-034), "just call me J" (p14-013)
    r"^(?:我叫|我係|我是|(?:咁|噉|就|你可以|可以)?叫我|我姓|我名叫|本人叫|我[嘅的個个]名(?:字)?(?:係|是|叫))\s*"
    r"|^(?:my name is|my name['’]s|i am|i['’]m|(?:just |you can |please |pls )?call me|chamo-me|me chamo"
    r"|(?:pode )?chamar-me|(?:o )?meu nome é|sou)\s+"
    # labelled: "Name: Peter Ho" (p12-011), "name is Tom" (p12-031), «Nome: Rui Santos», 「姓名：陳大文」
    r"|^(?:(?:my |the )?name(?:\s+is\s+|\s*[:：]\s*)|(?:o )?nome(?:\s+é\s+|\s*[:：]\s*)"
    r"|(?:姓名|名字|名)\s*[:：]\s*)",
    re.I,
)
# What people put around a name once asked for it again: "I already told you, Maria Santos"
# (p10-050), 「黃小姐囉」 (p10-017), 「我頭先講咗喇，陳大文」.
_TOLD_ALREADY = (
    r"(?:i (?:already |just )?(?:told|gave) you(?: (?:already|before))?|(?:as |like )?i said"
    r"|já (?:te |lhe |vos )?disse|(?:我)?(?:都|已经|已經|头先|頭先|啱啱|之前)?(?:讲|講|话|話|说|說|俾|畀|给|給)"
    r"(?:咗|了|过|過)(?:你|你哋|你們|你们)?(?:知)?(?:㗎|啦|喇|囉|啰)*)"
)
_NAME_LEAD = re.compile(rf"^{_TOLD_ALREADY}[\s,，:：.。!！]*", re.I)
_NAME_TAIL = re.compile(
    rf"(?:\s*[(（]\s*{_TOLD_ALREADY}\s*[)）]|[\s,，]*{_TOLD_ALREADY}|(?<=[\u3400-\u9fff])(?:囉|啰|啦|喇|呀|吖|咯|喎|㗎|嘛)+"
    r"|\s+(?:lor|lah|leh))[\s!！。.~]*$",
    re.I,
)
# Words no name holds (normalised): the user or the assistant spoken of ("actually no, I changed
# my mind…", 「你係咪真人嚟」), once the prefixes above are gone.
_PERSONS = re.compile(r"我|你|您|(?<![\w-])(?:i|me|my|you|your|eu|meu|minha|você|voce)(?![\w-])")


_CONTACT_TALK = re.compile(
    r"微信|wechat|whatsapp|telegram|手机|电话|电邮|邮箱|email|e-mail|phone|mobile|telefone|telemóvel"
)
# Words of a contact or a question, which no name holds (normalised): 「微信号 zhangwei_88，或者手机
# 13812345678」 and "yes that question, the licence fee" were stored as names (p14-040, p14-013).
_NOT_IN_NAMES = re.compile(
    r"微信|wechat|whatsapp|telegram|手机|电话|电邮|邮箱|email|e-mail|phone|mobile|telefone|telemóvel"
    r"|问题|question|pergunta|(?<![\w-])(?:that|this|the|isso|essa|esse)(?![\w-])"
)


def _answers_first(text: str) -> bool:
    """A yes or no with more words after it ("yes that question, …"): an answer, no name."""
    opening, rest = opening_answer(text)
    return opening is not None and bool(rest.strip(" ,，.。!！"))


def _no_name(name: str) -> bool:
    """A sentence typed where a name was asked: a question, a complaint, the user or the
    assistant spoken of (p10-016, p10-058: stored as the name), a contact's or a question's
    words, a yes or no followed by more."""
    return (
        bool(_PERSONS.search(normalise(name)))
        or bool(_NOT_IN_NAMES.search(normalise(name)))
        or _answers_first(name)
        or looks_like_question(name)
        or complains(name)
        or declines_name(name)  # 「唔講得」 is no name (probe 11)
    )


_TOLD_ONLY = re.compile(
    rf"\W*{_TOLD_ALREADY}(?:\s*(?:already|before|earlier|头先|頭先|之前))?[\s,，.。!！~]*", re.I
)


def says_already_told(text: str) -> bool:
    """Whether `text` only says it was said before (「頭先講咗」, "I already told you"): at the
    question for staff, the question given earlier, not a new one."""
    return bool(_TOLD_ONLY.fullmatch(one_line(text)))


# Asking for a person (normalised), whatever the NLU read: "please pass my question on" (NLU: the
# check), «Preciso de um humano» (unsure), 「算了，给我转人工」 at the privacy notice (probe 6).
_WANTS_STAFF = re.compile(
    r"有冇真人|有没有真人|有无真人|\bis there (?:a |any )?(?:real )?(?:human|person)\b"
    r"|há (?:alguém|alguma pessoa|uma pessoa|um humano)|转人工|转真人|揾真人|找真人|真人(?:客服|服务)|人工(?:客服|服务)|(?:揾|找|转|转交|转介|联络)(?:你哋|你们|贵局)?"
    r"(?:的|嘅)?(?:职员|工作人员|同事|负责人)|(?:同|和|跟)(?:你哋|你们|贵局)?(?:的|嘅)?(?:职员|工作人员|同事)"
    r"(?:直接)?(?:讲|倾|说|谈|联络|通电话)"
    # 「本人希望由貴局專人跟進…」 began the repayment check (probe 9)
    r"|(?:由|请|让|叫|派|安排)(?:你哋|你们|贵局|经济局)?(?:的|嘅)?(?:专人|职员|工作人员|同事|负责人)"
    r"(?:跟进|处理|联络|联系|回复|回覆|覆)|专人(?:跟进|处理)"
    r"|\b(?:someone|somebody|a person|staff|an officer) (?:from|at) (?:the |your )?(?:bureau|dse|dsedt|office)"
    r" (?:to )?(?:follow|contact|call|handle|look)"
    r"|\b(?:need|want|talk to|speak to|speak with|talk with|get me|connect me (?:to|with))"
    r" (?:a |an |the |your |some )?(?:real )?(?:human|person|officer|staff|agent|someone)\b"
    r"|\bpass (?:my|the|this) (?:question|enquiry|inquiry|case) (?:on|to (?:your |the )?staff)"
    # "ok pass it to staff pls" (p12-031), "i want to make a complaint to a human" (p12-018)
    r"|\bpass (?:it|this|that|me) (?:on )?to (?:a |the |your )?(?:staff|human|person|officer)"
    r"|\bpass (?:it|this|that|my question|the question) (?:on|along)\b"
    r"|\b(?:complain\w*|complaint) to (?:a |an |the |your )?(?:real )?(?:human|person|staff|officer)\b"
    r"|\bto a (?:real )?(?:human|person)\b"
    r"|\b(?:preciso|quero|queria|gostaria) (?:de )?(?:falar com )?(?:um|uma) (?:humano|pessoa|funcionári[oa])"
    # «queria falar com alguém da DSE sobre…» (p14-010), «Preciso que um funcionário me contacte
    # sobre…» (p14-031), 「我想轉介俾職員問下…」 (p14-034)
    r"|\b(?:preciso|quero|queria|gostaria) (?:de )?falar com (?:alguém|alguem|uma pessoa|um funcionári[oa])"
    r"|\bque (?:um|uma|algum|alguma|alguém|alguem) (?:funcionári[oa] |pessoa )?(?:da dse |da direcção )?"
    r"me (?:contact|ligu|telefon|respond)\w*"
    r"|(?:揾|找)(?:个|一个|位|一位)(?:真人)?(?:职员|工作人员|同事|负责人)"  # 「我想搵個真人職員傾下」 (p14-006)
    r"|(?:转|转交|转介|交|问题交)(?:俾|畀|给|比)(?:你哋|你们|贵局)?(?:的|嘅)?(?:职员|工作人员|同事|负责人|人工)"
    r"|\bencaminh\w* (?:a|esta|minha) (?:minha )?pergunta"
)


def wants_staff(text: str) -> bool:
    return bool(_WANTS_STAFF.search(normalise(text)))


# What a request for staff is about, in its own words (normalised): 「…專人跟進本公司關於CEPA原產地
# 證書之申請事宜」, "someone to follow up my question about certificates of origin" (p9-029: the
# hand-off then asked for the question the request had given).
_NAMES_ITS_SUBJECT = re.compile(
    r"(?:关于|有关|关乎|\b(?:about|regarding|concerning|sobre|acerca d[eo]|relativamente a)\b)"
    r"\s*(?:(?:o|a|os|as|the|an|my|our|meu|minha)\s+)?[^\s，,。.!！?？；;]{4,}"
)


_ASKS_FOR_HELP = re.compile(r"help|assist|帮|协助|ajud")


def names_its_subject(text: str) -> bool:
    """Whether a request for staff says what it is about: that is the question to pass on. It
    may ask it after the request: 「咁我可唔可以搵職員傾下而家有冇新嘅還款安排」 (p10-017 was asked
    to write it again); "can I talk to a human?" or 「有冇真人可以幫我？」 asks nothing more."""
    norm = normalise(text)
    staff = _WANTS_STAFF.search(norm)
    if staff is None:
        return False
    after = norm[staff.end() :].strip().rstrip("?？ ")
    asked = (
        len(re.sub(r"\W", "", after)) >= 4
        and looks_like_question(after)
        and not _ASKS_FOR_HELP.search(after)
    )
    # or before it: "can a staff member tell me whether the 2021 instalments had any similar
    # relief? pass it on please" (p14-042), 「我想咨询一下内地企业能不能享受CEPA的优惠，能转人工吗」
    before = _FILLER.sub("", norm[: staff.start()]).strip(" ,，.。")
    asked_before = len(re.sub(r"\W", "", before)) >= _ASKED_BEFORE and looks_like_question(before)
    return asked or asked_before or bool(_NAMES_ITS_SUBJECT.search(norm))


_ASKED_BEFORE = 12  # letters: "can i talk to a human?" asks nothing before the request


# Declining only the name where it is asked (normalised, the whole message): 「唔講得」, 「匿名」,
# "I'd rather not say", «prefiro não dizer» were stored as the name, or looped, or cancelled the
# hand-off, each language its own way (probe 11). Withdrawing consent is `withholds_details`.
_DECLINES_NAME = re.compile(
    r"^\W*(?:(?:no|nah|sorry|不好意思|对不起|唔好意思|抱歉|desculpe|não)\W+)?(?:"
    # the words that decline anything asked (answers.REFUSAL_WORDS), then the name's own
    rf"{REFUSAL_WORDS}"
    r"|(?:本人|我)?(?:唔|不)(?:方便|便)(?:讲|说|透露|提供|留)(?:我的|我嘅|本人的)?(?:名|姓名|名字|全名)"
    # 「本人不便透露姓名」 (p12-005), 「名字就不留了」 (p12-045): stored as the name
    r"|(?:名|姓名|名字|全名)(?:就|都)?(?:唔|不)(?:留|讲|说|提供|透露|给|俾|畀)(?:了|喇|啦|住)?|匿名|无名氏|唔俾|不给|跳过|略过"
    r"|(?:我)?(?:唔|不)(?:想|愿意|方便|会)(?:留|俾|畀|给|提供|讲|说|话|透露)(?:低)?(?:你)?(?:我)?(?:的|嘅|个)?"
    r"(?:名|姓名|名字|全名)"
    r"|anonymous|no name|skip(?: it| this| the name)?|pass"
    r"|(?:i'?d |i would )?(?:rather|prefer) not(?: to)? (?:say|tell|give|share|give you|tell you) my name"
    r"|i (?:don'?t|do not) want to (?:give|say|share|tell you|leave) (?:you )?my name"
    r"|(?:prefiro não (?:dizer|dar|indicar|revelar)|não (?:digo|quero dizer|dou)) o (?:meu )?nome"
    r"|anónim[oa]|anonim[oa]|sem nome"
    r"|(?:i'?ll |i will )?(?:leave|skip) (?:out )?(?:my |the )?name|without (?:a |my )?name"
    r"|não (?:deixo|dou|indico) (?:o )?(?:meu )?nome"
    # 「不提供」, "none" (p13-021, p13-029: stored as the name)
    r"|(?:我)?(?:都)?(?:唔|不)(?:想|愿意|会)?(?:提供|透露|俾|畀|给)(?:你)?"
    r"|none|n/?a|nil|nobody|no one|nenhum|ninguém|冇|没有|无"
    r")\W*(?:啦|喇|呀|啊|嘅|咯|囉|了|lah|la|ok|thanks|please|pls|obrigad[oa])?\W*$"
)


def declines_name(text: str) -> bool:
    """Whether `text`, typed where the name is asked, only declines to give it."""
    return bool(_DECLINES_NAME.match(normalise(text)))


# Withdrawing one's details once asked (normalised): 「我唔想留名喇」, "I'd rather not give my
# details", «prefiro não dar os meus dados».
_WITHHOLDS_DETAILS = re.compile(
    r"(?:唔想|不想|唔愿意|不愿意|唔方便|不方便|唔会|不会)(?:再)?(?:留|俾|畀|给|提供|讲|说|话)(?:低)?(?:我|你)?(?:的|嘅)?"
    r"(?:名|姓名|名字|电话|联络|联系|资料|个人资料|电邮|email)"
    r"|\b(?:rather not|don'?t want to|do not want to|won'?t|not comfortable) (?:give|giving|share|sharing"
    r"|leave|leaving|provide|providing) (?:you )?(?:my|any)\b"
    r"|\b(?:prefiro não|não quero) (?:dar|deixar|fornecer|partilhar) (?:o meu|os meus|a minha|as minhas|nenhum)"
    # Refusing or withdrawing consent, at any step: 「唔同意 唔好記我嘢」 (p10-016) and "actually
    # no, I changed my mind, don't keep my name" (p10-058) at the name were stored as the name.
    # (「如果經濟局不同意…」 in a question for staff refuses nothing: the refusal opens the message.)
    r"|^\W*(?:我)?(?:都|真系|真的|是)?(?:话|说|讲)?(?:唔|不)(?:同意|答应)"
    r"|(?:唔好|不要|别|唔使|不用)(?:再)?(?:记|记录|记低|记住|保存|保留|留低|存低|储存)(?:低|住|下)?"
    r"(?:我|我哋|我们|本人)"
    r"|\b(?:don'?t|do not) (?:keep|store|save|record|log|collect|take|use|write down) (?:my|any of my|me)\b"
    r"|\bi (?:don'?t|do not) (?:agree|consent)\b|\bi disagree\b|\b(?:withdraw|revoke) (?:my )?consent\b"
    # 「本人撤回同意，請勿保留我的姓名及電郵」, 「我剛才已說撤回同意，不要轉交」 (p12-041: the second
    # became the ticket's question), «retiro o (meu) consentimento»
    r"|(?:撤回|撤销|收回|取消)(?:我的|我嘅|本人的)?(?:同意|授权|许可)"
    r"|(?:请勿|切勿)(?:再)?(?:记|记录|保存|保留|留存|储存|转交|转介|跟进)"
    r"|^\W*(?:唔好|不要|别)(?:再)?(?:帮我)?(?:转交|转介)|[，,。;；]\s*(?:唔好|不要|别)(?:再)?(?:帮我)?(?:转交|转介)"
    r"|\b(?:retiro|retirar|revogo|revogar) (?:o )?(?:meu )?consentimento\b|\bconsent(?:imento)? (?:is )?withdrawn\b"
    r"|\b(?:no|nah|nope)\b\W+(?:\w+\W+){0,2}?i(?:'ve| have)? changed my mind\b"
    r"|\bnão (?:concordo|aceito|autorizo|dou (?:o meu )?consentimento)\b"
    r"|\bnão (?:guardem|guarde|registem|registe|gravem|grave|recolham|recolha) (?:o meu|os meus|a minha"
    r"|as minhas|nada|nenhum)|\bnão\b\W+(?:\w+\W+){0,2}?mudei de ideias?\b"
    # not passed to staff: 「唔好轉交職員」 holds 轉交職員, which wants_staff reads as a yes
    r"|(?:唔好|不要|唔使|不用|别|毋须|无需|唔想|不想)(?:再)?(?:帮我)?(?:转|转交|转介|揾|找|联络)(?:你哋|你们|贵局)?"
    r"(?:的|嘅)?(?:职员|工作人员|同事|人工|真人)|\b(?:don'?t|do not|no need to) (?:pass|transfer|forward"
    r"|send) (?:it|this|my|me)\b|\bnão (?:encaminh|pass|transfer)\w*"
)


def withholds_details(text: str) -> bool:
    """Whether `text` refuses or withdraws the name, the contact or the consent to collect them."""
    return bool(_WITHHOLDS_DETAILS.search(normalise(text)))


# Consent said not to have been given, once the name or contact is asked for: 「我都未答應你 我問緊你
# 資料點處理」 got the privacy answer and then the name question again (p10-016).
_NOT_AGREED = re.compile(
    r"(?:^|我)\W{0,2}(?:都|仲|还|根本)?(?:未|没有?|冇|还没有?|仲未)(?:答应|同意|应承)"
    r"|\bi (?:haven'?t|have not|didn'?t|did not|never) (?:yet )?(?:agreed|agree|consented|consent"
    r"|said yes)\b|\b(?:ainda não|nunca|não) (?:concordei|aceitei|autorizei|disse que sim)\b"
)


def says_not_agreed(text: str) -> bool:
    return bool(_NOT_AGREED.search(normalise(text)))


# An aside before the question for staff: 「等等，先問你，金伯利制度幾時喺澳門實施？」, "wait, first
# tell me…" became the ticket (probe 7); it is answered, and the question asked for again.
_ASIDE = re.compile(
    r"^\W*(?:等等|等一等|等阵|等一下|且慢|先问|wait\b|hold on\b|one (?:moment|sec)\b|before that\b"
    r"|first,? (?:tell me|let me ask)\b|espere\b|espera\b|antes disso\b|primeiro,)"
)


def is_aside(text: str) -> bool:
    return bool(_ASIDE.match(normalise(text)))


# The parts of one message that gives a name, a contact and maybe the question at once:
# "My name is John Smith, phone +853 6688 1234", 「陳生，66889900，我想問毛坯鑽石准照要幾耐批」.
# (A space between Chinese words parts them too: 「得 我叫黃小姐 電話62223333」, p10-017.) A title's
# full stop parts nothing: "I'm Dr. Maria Lopes" was cut into the name "Dr" (p12-027).
_TITLES = ("Dr", "Mr", "Ms", "Mrs", "Sr", "Sra", "Dra", "Prof", "Eng", "St")
_NO_TITLE_BEFORE = "".join(rf"(?<!\b{title})" for title in _TITLES)
_PART_BREAK = re.compile(
    rf"[，,;；。\n]|(?<=[A-Za-z\d]){_NO_TITLE_BEFORE}\.\s+(?=[A-Z])"
    r"|(?<=[\u3400-\u9fff])\s+(?=[\u3400-\u9fff])|\s+[—–]\s+"
)
_CONTACT_WORD = re.compile(
    r"^(?:and |e )?(?:my )?(?:phone|tel|telephone|mobile|email|e-mail|contact|telefone|telemóvel)"
    r"(?: (?:number|no\.?|is|é|:))*[:\s]*|^(?:联络电话|聯絡電話|电话|電話|电邮|電郵|手机|手機|联络|聯絡|联系方式|邮箱|郵箱)"
    r"(?:是|係|系)?[:：\s]*",
    re.I,
)
_QUESTION_LABEL = re.compile(
    r"^(?:and )?(?:my |the )?question(?: is)?[:\s]*|^(?:a minha )?pergunta(?: é)?[:\s]*"
    r"|^(?:我的|我嘅)?(?:问题|問題)(?:是|系|係)?[:：\s]*",
    re.I,
)
# Where the question is said to begin, anywhere in the message: "— question: will there be…"
# (p12-027), 「問題係我仲有幾多期未還」 (p12-007), 「问题是现在能不能延期还款」, «pergunta: que…».
_QUESTION_MARK = re.compile(
    r"(?:^|(?<=[\s,，.。;；:：!！—–-]))(?:and )?(?:my |the )?question(?:\s+is\b\s*[:：]?|\s*[:：])"
    r"|(?:^|(?<=[\s,，.。;；:：!！—–-]))(?:e )?(?:a )?(?:minha )?pergunta(?:\s+é\b\s*[:：]?|\s*[:：])"
    r"|(?:^|(?<=[\s,，.。;；:：!！]))(?:我的|我嘅|我個|我个)?(?:问题|問題)(?:是|係|系|就是|就係|[:：])"
    r"(?!咪|唔係|不是|唔系)\s*[:：]?",
    re.I,
)
# A name introduced after other words in one part: "ok pass it to staff pls. name is Tom".
_NAME_INSIDE = re.compile(
    r"(?:^|(?<=[\s,，.。!！]))(?:(?:my |the )?name(?:\s+is\s+|\s*[:：]\s*)|my name['’]s\s+"
    r"|chamo-me\s+|(?:o )?meu nome é\s+|nome\s*[:：]\s*)|(?:我叫|我名叫|本人叫|姓名[:：]?)",
    re.I,
)


# Words around a request that ask nothing: "actually ok fine, pass it on" (p12-011).
_FILLER = re.compile(
    r"(?:(?:actually|ok(?:ay)?|fine|sure|well|alright|then|so|yes|yeah|hmm+|hi|hello|hey|dear \w+"
    r"|good (?:morning|afternoon|evening)|olá|ola|bom dia|boa tarde|你好|您好|哈囉|好|得|可以|好的|行)"
    r"[\s,!.！，]*)+",
    re.I,
)


@dataclass(frozen=True)
class ContactDetails:
    name: str | None
    contact: str
    question: str | None
    # the name declined in the same message: 「可以，名字就不留了，电话66778899…」 (p12-045)
    declined_name: bool = False


def _is_contact(part: str) -> bool:
    return bool(parse_contact(part) or parse_contact(_CONTACT_WORD.sub("", part)))


def _labelled_question(text: str) -> tuple[str, str | None]:
    """`text` without its labelled question, and that question (None without a label). The
    question runs from the label to the end, but for a name or contact given after it
    (「问题：…。我叫刘洋，邮箱…」, p12-050), which stays with the rest."""
    mark = _QUESTION_MARK.search(text)
    if mark is None:
        return text, None
    question: list[str] = []
    after: list[str] = []
    for part in (p.strip() for p in _PART_BREAK.split(text[mark.end() :])):
        if not part:
            continue
        if after or _is_contact(part) or _NAME_INSIDE.match(part):
            after.append(part)
        else:
            question.append(part)
    joiner = ", " if all(ch.isascii() for ch in "".join(question)) else "，"
    head = text[: mark.start()] + "，" + "，".join(after)
    return head, joiner.join(question).strip(" ，,") or None


def split_contact_message(text: str) -> ContactDetails | None:
    """A name, the contact and what else was asked, from one message holding a contact; None
    when it holds none. The name is the part before the contact that reads as one, or one
    introduced anywhere (我叫…, "name is …"); a labelled question ("question: …", 「問題係…」)
    is the question, and the request around it ("pass it to staff") no part of it."""
    contact = parse_contact(text)
    if contact is None:
        return None
    head, labelled = _labelled_question(text)
    parts = [p.strip() for p in _PART_BREAK.split(head)]
    name: str | None = None
    # A name introduced (我叫…, "Name: …", "… name is Tom") wins over a short part before it
    # ("actually ok fine, pass it on. Name: Peter Ho", p12-011).
    for i, part in enumerate(parts):
        inside = _NAME_INSIDE.search(part)
        if NAME_PREFIX.sub("", part) != part and (found := _introduced(part)):
            name, parts[i] = found, ""
        elif inside and inside.start() > 0 and (found := _introduced(part[inside.end() :])):
            name, parts[i] = found, part[: inside.start()].strip(" ,，.。")
        if name:
            break
    declined = False
    rest: list[str] = []
    for part in parts:
        if not part or _is_contact(part) or _NUMERALS_ONLY.fullmatch(part):
            continue  # (「六六 一二 三四五六」 is parted at its spaces: pieces of the number)
        if declines_name(part):
            declined = True
            continue
        if _CONTACT_TALK.search(normalise(part)) and not looks_like_question(part):
            continue  # 「微信号 zhangwei_88」 beside the phone: a contact staff cannot use, no question
        other = wants_staff(part) or is_bare_answer(part) or bool(_FILLER.fullmatch(part))
        short = len(part) <= 20 and not looks_like_question(part)
        if name is None and short and not other and not rest and (found := parse_name(part)):
            name = found
            continue
        if not other and (said := _QUESTION_LABEL.sub("", part).strip()):
            rest.append(said)
    joiner = ", " if all(ch.isascii() for ch in "".join(rest)) else "，"
    question = labelled or joiner.join(rest) or None
    return ContactDetails(None if declined else name, contact, question, declined)


def only_contact(text: str) -> str | None:
    """The contact in a message that holds nothing else but words saying it is one (「62887711」,
    「電話係六二八八 七七一一」, "my email is a@b.com"); None otherwise."""
    contact = parse_contact(text)
    if contact is None:
        return None
    rest = _EMAIL.sub(" ", _CONTACT_WORD.sub("", text.strip()))
    rest = _NOT_A_WORD.sub("", rest)
    return contact if not rest or _FILLER.fullmatch(rest) else None


_NOT_A_WORD = re.compile(r"[\d〇零一二三四五六七八九\s()+\-.,:;：，。；、!！]+")


def _introduced(text: str) -> str | None:
    """The name after 我叫 / "I'm" / "Name:", if it is short enough to be one: "I'm looking for
    someone from staff" introduces nobody."""
    name = parse_name(text)
    if name is None or wants_staff(name):
        return None
    if re.search(r"[\u3400-\u9fff]", name):
        return name if len(name.replace(" ", "")) <= 10 else None
    return name if len(name.split()) <= 5 else None


def introduced_name(text: str) -> str | None:
    """The name a message introduces (我叫 / my name is / chamo-me …) among other things, with
    no contact: 「好 我叫陳大文」 to the consent question → 陳大文."""
    for part in (p.strip() for p in _PART_BREAK.split(text)):
        if NAME_PREFIX.sub("", part) != part and (name := _introduced(part)):
            return name
    return None


def parse_name(text: str) -> str | None:
    """A person's name on one line (我叫陳大文 → 陳大文): line breaks, tabs and invisible
    characters (zero-width, bidi overrides) gone; None when it is empty, longer than
    MAX_NAME_LENGTH, has no letter, is or holds an e-mail address or phone number, or is a
    sentence (`_no_name`). "I already told you, …" and a closing 囉 are no part of it."""
    told = NAME_PREFIX.sub("", _NAME_LEAD.sub("", one_line(text)))
    name = _NAME_TAIL.sub("", told).strip(" ，,。.")
    if not name or len(name) > MAX_NAME_LENGTH or not any(ch.isalpha() for ch in name):
        return None
    return None if parse_contact(name) or _no_name(name) else name


# Asking whether one contact is enough, at a step of the hand-off: 「一定要留電話咩？我唔想俾電話
# 可唔可以淨係留email」 ended the hand-off as a refusal (p12-033). (Normalised.)
_ONE_CONTACT_ENOUGH = re.compile(
    r"(?:净系|淨係|只|只系|只是|仅|淨|净)(?:留|俾|畀|给|提供|写|填)(?:低)?(?:个|我的|我嘅)?"
    r"(?:email|e-mail|电邮|邮箱|电话|电话号码|手机)"
    r"|(?:一定|必须|必需|一定要|需要)(?:要)?(?:留|俾|畀|给|提供)(?:低)?(?:电话|电邮|email|邮箱)(?:咩|吗|嗎|呀|？|\?)"
    r"|\b(?:only|just) (?:give|leave|provide|share)? ?(?:you )?(?:my |an )?(?:e-?mail|phone)(?: address| number)?"
    r"(?: (?:ok|okay|enough|fine|instead))?\s*\?"
    r"|\b(?:is|would) (?:an |my )?(?:e-?mail|phone(?: number)?)(?: address)? (?:alone |only )?(?:be )?(?:ok|okay|enough|fine)\b"
    r"|\b(?:do i|must i) (?:have to |need to )?(?:give|leave|provide) (?:you )?(?:my |a )?(?:phone|e-?mail)"
    r"|\bs[óo] (?:o )?(?:e-?mail|telefone)\b|\bapenas (?:o )?(?:e-?mail|telefone)\b"
)


def asks_if_one_contact_enough(text: str) -> bool:
    """Whether `text` asks if a phone or an e-mail alone will do (either is enough)."""
    return bool(_ONE_CONTACT_ENOUGH.search(normalise(text)))


# Withdrawing after a ticket was filed (normalised), besides `asks_to_withdraw`: 「等等 我改變主意喇
# 唔想留資料 可唔可以刪咗佢」 (p12-007 got "not sure"), 「我要撤回刚才的转交」 (p12-050).
_WITHDRAWS = re.compile(
    r"(?:撤回|撤销|收回|取消)(?:我的|我嘅|本人的)?(?:同意|授权|许可)"
    r"|(?:撤回|撤销|收回|取消)(?:返|晒)?(?:刚才|头先|啱啱|之前)?(?:的|嘅)?(?:转交|转介|申请|请求|ticket)"
    r"|(?:唔想|不想|唔愿意|不愿意)(?:再)?(?:留|保留|提供)(?:低|下)?(?:我|我的|我嘅)?(?:个人)?资料"
    r"|改变主意|(?:删|删除|删咗|删掉)(?:咗|了|掉)?(?:佢|它|个ticket|张单)"
    r"|\b(?:i )?(?:withdraw|revoke) (?:my )?(?:consent|request|question|ticket)\b|\bchanged my mind\b"
    r"|\b(?:retiro|retirar|revogo|revogar|cancelo|cancelar) (?:o |a )?(?:meu |minha )?"
    r"(?:consentimento|pedido|pergunta)\b|\bmudei de ideias?\b"
)


def withdraws_consent(text: str) -> bool:
    """Whether `text` takes back the consent or the question given (after a ticket too)."""
    return bool(_WITHDRAWS.search(normalise(text)))


# About one's own data after giving it (normalised): 「我的资料你们会保存多久？」 (p12-014), 「我刚才提供
# 的邮箱会被用来发广告吗？如果我现在想撤回，怎么办？」 (p12-050): "out of scope" and "not sure".
_OWN_DATA = re.compile(
    r"(?:保存|保留|储存|存|留)(?:住|低)?(?:我的|我嘅|我)?(?:资料|数据|对话|记录)?(?:多久|几耐|几长时间|多长时间|几长)"
    r"|(?:资料|数据|邮箱|电邮|电话|email)\w{0,10}(?:发|寄|用作|用来|用嚟)?\w{0,2}(?:广告|推广|宣传)"
    r"|(?:想|要|点样|怎么|怎样|如何)(?:样)?(?:撤回|撤销)\w{0,4}(?:怎么办|点算|点做|点样|吗|呢|？|\?)"
    r"|\bhow long (?:do|will|would) you (?:keep|store|hold|retain)\b|\bhow (?:do|can) i withdraw\b"
    # 「我啲資料你哋會keep幾耐？」, 「會keep幾耐？」 (p14-006, p14-038: out of scope)
    r"|(?:keep|save|store|留|存|保存|保留)(?:住|低)?(?:我的|我啲|我嘅)?(?:资料)?(?:几耐|多久|几长时间|多长时间)"
    # 「之後想刪走點算」 (p14-038), 「仲有冇我個電話喺你哋度？」 (p14-019), 「你们刚才记下的名字删了
    # 没有？」 (p14-020), 「我叫什么名字你们记的是什么？」 (p14-040): "not sure"
    r"|(?:想|要)(?:删|删除|删走|删掉|剷|铲)(?:走|咗|掉|除)?(?:佢|它|资料|我的资料|我啲资料)?\w{0,2}(?:点算|点做|点样|怎么办|怎么做|怎样|如何|呢|吗)"
    r"|(?:仲有冇|还有没有|仲有没有|还有冇)(?:我的|我个|我嘅|我啲)?(?:电话|电邮|email|名|名字|姓名|资料|联络)"
    r"|(?:记|记下|记低|存|保存|留)(?:咗|了|低|下)?(?:的|嘅)?(?:名|名字|姓名|电话|电邮|资料)\w{0,3}(?:删|删除|剷)"
    r"|(?:我的|我个|我嘅)?(?:名字|姓名|电话|资料)(?:你们|你哋)?(?:记|记录|存)(?:的|嘅|咗|了)?(?:是|系|係)?(?:什么|咩|乜嘢|甚么)"
    r"|\b(?:do you still have|have you deleted|what do you (?:have|keep|store) (?:on|about) me)\b"
    r"|\bainda (?:têm|tem|guardam) (?:o meu|os meus|a minha)\b"
    r"|\bquanto tempo (?:guardam|ficam|vão guardar|mantêm)\b|\bcomo (?:posso )?retir\w* o (?:meu )?consentimento"
    # "will you delete my data after 90 days?", 「你哋會唔會刪除我嘅資料？」, «vão apagar os meus dados?»
    r"|\b(?:will|do|does|would|when will|when do) (?:you|they|staff) (?:\w+ )?(?:delete|erase|remove"
    r"|purge|wipe) (?:my|our|the|this|these|any|all|what)(?: \w+)? (?:data|details|information|info|chats?"
    r"|conversations?|messages?|records?|name|number|e-?mail|contacts?|i (?:typed?|write|wrote|said|sent))\b"
    r"|(?:会唔会|会不会|几时|什么时候|何时|多久)(?:会|先)?(?:删除|删|清除|销毁)(?:咗|掉|走)?"
    r"(?:我|本人|资料|个人资料|记录|对话|纪录|数据|信息)"
    r"|\b(?:dados|mensagens|conversas?|nome|e-?mail|numero|número|contactos?)\b[^.?!]{0,30}?"
    r"\b(?:vão|vao) (?:ser )?apagad|\bquando (?:é que )?(?:apagam|vão apagar|vao apagar)\b"
    # 「咁頭先我打咗個email地址，你哋仲有冇留住？」 after a cancelled hand-off (p16-026: "still cannot
    # answer"), "do you still keep my number?", «ainda guardam o meu email?»
    r"|(?:(?:仲有冇|还有没有|仲有没有|还有冇|系咪仲|是不是还|会唔会仲|会不会还)|(?:你哋|你们|贵局)(?:有冇|有没有))"
    r"(?:再)?(?:留住|保留|保存|记住|记低|记下|存住|存低|储存|keep住|keep|留低|留着|记录)"
    r"|\b(?:do|did|will) you (?:still )?(?:keep|store|hold|retain|have|save)(?:ing)? (?:my|the|that|it)\b"
    r"|\bainda (?:guardam|têm|tem|mantêm|ficaram com|conservam)\b"
)


def asks_about_own_data(text: str) -> bool:
    """Whether `text` asks how long one's details are kept, whether they are used to advertise,
    or how to take one's consent back."""
    return bool(_OWN_DATA.search(normalise(text)))


# A numbered question of an earlier message named for staff: 「第3个转给职员吧」, 「就是邮件里第3个
# 问题啊」 (p12-014: the sentence itself became the ticket), "number 3", «a pergunta 3».
_NUMBERED = re.compile(
    r"第\s*([1-9]|[一二三四五六七八九])\s*(?:个|条|题|项|点|部分|问题)"
    r"|\b(?:question|number|no\.?|item|point|part|pergunta|número|pergunta número) ?#?([1-9])\b"
    r"|\bthe (first|second|third|fourth|fifth|last) (?:one|question)\b"
)
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "last": -1}
_CN_DIGITS = "一二三四五六七八九"


def numbered_part(text: str) -> int | None:
    """The number of the question `text` names (1-based; -1 for "the last one"), or None."""
    match = _NUMBERED.search(normalise(text))
    if match is None:
        return None
    digit = match.group(1) or match.group(2)
    if digit:
        return int(digit) if digit.isdigit() else _CN_DIGITS.index(digit) + 1
    return _ORDINALS[match.group(3)]


# Only an acknowledgement (normalised): 「ok 明白」 after an answer is no yes to the offer of staff
# (p14-014 started the hand-off).
_ACKNOWLEDGES = re.compile(
    r"^\W*(?:(?:ok|okay|好|好的|嗯|哦|噢|oh|ah)\W*)*"
    r"(?:明白|收到|了解|知道了?|知道晒|懂了|got it|noted|i see|understood|entendi|percebi|compreendo|certo)"
    r"(?:\W*(?:了|啦|喇|嘞|晒|la|lah|thanks|thx|obrigad[oa]|谢谢|唔该(?:晒)?))*\W*$"
)


def only_acknowledges(text: str) -> bool:
    return bool(_ACKNOWLEDGES.match(normalise(text)))


# Declining one kind of contact where either is asked (normalised): 「唔想俾電話」 (p14-034) ended
# the hand-off; the other one is enough.
_ONE_CONTACT = r"(?:电话|电话号码|手机|phone|phone number|mobile|telefone|telemóvel)"
_OTHER_CONTACT = r"(?:电邮|邮箱|email|e-mail|mail)"
_DECLINES_KIND = (
    r"(?:唔想|不想|唔愿意|不愿意|唔方便|不方便|唔会|不会)(?:俾|畀|给|留|提供)(?:你)?(?:我的|我嘅|个)?{kind}"
    r"|\b(?:rather not|don'?t want to|do not want to|won'?t) (?:give|leave|share|provide) (?:you )?(?:my |a |an )?{kind}"
    r"|\b(?:prefiro não|não quero) (?:dar|deixar|indicar|fornecer) (?:o (?:meu )?)?{kind}"
)
_DECLINES_PHONE = re.compile(_DECLINES_KIND.format(kind=_ONE_CONTACT))
_DECLINES_EMAIL = re.compile(
    _DECLINES_KIND.format(kind=_OTHER_CONTACT)
    + rf"|{_OTHER_CONTACT}(?:都|也)(?:唔想|不想)(?:俾|畀|给|留)"
)


def declines_one_contact(text: str) -> bool:
    """Whether `text` declines a phone number or an e-mail address, not both."""
    norm = normalise(text)
    return bool(_DECLINES_PHONE.search(norm)) != bool(_DECLINES_EMAIL.search(norm))


# Asking to leave the question without any contact (normalised): 「email都唔想俾，可唔可以淨係留個
# 問題？」 (p14-034 got "still cannot answer"), "can I just leave the question?".
_QUESTION_ONLY = re.compile(
    r"(?:净系|淨係|只|只系|只是|仅|淨|净)(?:留|写|提供|问)(?:低|下)?(?:个|一个|条|一条)?(?:问题)"
    r"|\b(?:only|just) (?:leave|send|give|ask) (?:you )?(?:the |my |a )?question\b"
    r"|\bwithout (?:giving |leaving )?(?:a |any |my )?(?:contact|e-?mail|phone)"
    r"|\b(?:só|apenas) (?:deixar|enviar|fazer) (?:a )?pergunta\b|\bsem (?:dar |deixar )?(?:contacto|contato)"
)


def asks_question_only(text: str) -> bool:
    """Whether `text` asks to pass on the question with no contact, or declines both kinds."""
    norm = normalise(text)
    both = bool(_DECLINES_PHONE.search(norm)) and bool(_DECLINES_EMAIL.search(norm))
    return both or bool(_QUESTION_ONLY.search(norm))


# A bare name (as written): two to four Chinese characters after a common surname, or one to four
# capitalised words. 「张伟」 typed at the consent question was taken as its yes (p14-040).
_SURNAMES = (
    "陳陈李張张黃黄何梁吳吴劉刘林周鄭郑王謝谢楊杨馮冯蔡曾許许盧卢朱郭羅罗葉叶鄧邓潘蘇苏"
    "余麥麦歐欧高彭孔崔區区譚谭鍾钟霍簡简湯汤袁莫姚胡趙赵孫孙徐馬马岑關关容甘伍"
    "錢钱沈韓韩唐董杜程魏任萬万范石邱侯邵薛蔣蒋賴赖龍龙施江"
)
_BARE_NAME = re.compile(
    rf"[{_SURNAMES}][\u4e00-\u9fff]{{1,3}}|[A-Z][a-zà-ÿ'’-]+(?:\s+[A-Z][a-zà-ÿ'’-]+){{0,3}}"
)


def is_bare_name(text: str) -> bool:
    """Whether `text` is only a name, as people type theirs (a surname, then given names)."""
    typed = one_line(text).strip(" .。!！")
    return bool(_BARE_NAME.fullmatch(typed)) and parse_name(typed) is not None


def comes_back(text: str) -> bool:
    """After the hand-off was declined or stopped: a name given after all (「咁叫我阿強啦」, "Maria"), one
    contact declined (「唔想俾電話」) or a question left without contact: the way back is told."""
    return (
        introduced_name(text) is not None
        or is_bare_name(text)
        or declines_one_contact(text)
        or asks_question_only(text)
    )


# --- After a ticket: withdrawing it, or changing one of its details (probe 16) -----------------
#
# Lists of phrases kept letting wordings through (「幫我cancel咗張單佢，啲資料唔好留低」, 「撤銷上述
# 查詢，並要求貴局刪除本人所提交之姓名及電郵地址」, 「唔使你哋覆喇，唔好再搵我，我啲資料洗咗佢啦」,
# «retirem a reclamacao e nao guardem o meu email», «Apaguem o meu email e o meu nome!», 「成張單
# 撤回咗佢先」: each ticket stayed open, p16-006/015/019/031/034). So a message is read in parts
# (clauses): a verb that removes (cancel, delete, purge, 撤銷, 注銷, 洗咗, apaguem, retirem…) aimed
# at the ticket, the request or the enquiry, or at the user's data; a verb that keeps (留, keep,
# guardem…) said with a no; "don't contact me", "no need to reply"; in every style, Portuguese
# with and without accents. A clause that asks about it ("will you delete my data after 90
# days?", 「點樣撤回？」, «vão apagar os meus dados?») withdraws nothing. A correction of one detail
# (「打錯電話，應該係6612-3465，幫我改一改」), or one detail removed and the rest kept (「请把我的微信号
# 删掉，手机号可以留着，问题照样跟进」), is no withdrawal: a filed ticket cannot be edited here, and
# the user hears what can be done (actions/service_questions.py).

WITHDRAW, EDIT = "withdraw", "edit"
_L, _R = r"(?<![a-z])", r"(?![a-z])"  # a Latin word's edges (Chinese letters are \w too)
_CLAUSES = re.compile(r"[,.;!?:，。；！？：~…\n]+")
# Verbs that remove, in their forms that ask for it (not «apagaram?», "deleted?": asked whether
# it was done, `asks_if_withdrawn`).
_REMOVE = (
    r"(?:删|撤回|撤销|撤消|撤走|取消|收回|注销|作废|清除|清走|清掉|清空|消除|销毁|抹掉|抹走|洗咗|洗晒|洗走"
    r"|洗掉|洗左|铲(?:咗|走|掉|除|晒|左)|丢咗|丢掉"
    rf"|{_L}(?:delete|remove|erase|purge|wipe|withdraw|cancel|scrap|destroy|forget|discard|revoke|retract"
    r"|get rid of|take back|take down"
    r"|apague|apaguem|apagar|elimine|eliminem|eliminar|retire|retirem|retirar|retiro|remova|removam|remover"
    r"|cancele|cancelem|cancelar|cancelo|anule|anulem|anular|esqueca|esquecam|esquecer|descartem|descartar"
    rf"|destruam|destruir|deletem|deletar|revoguem|revogar|suprimam|suprimir|limpem|limpar|tirem){_R})"
)
_TICKET = (
    r"(?:(?<![清账帐菜名订保买])单(?![位独纯一程])|咨询|查询|问题|个案|投诉|转交|转介|请求|留言|参考编号"
    rf"|cepa-\d{{8}}-\d{{4}}|{_L}(?:ticket|request|enquiry|inquiry|question|case|complaint|submission"
    r"|referral|message|reference|pedido|reclamacao|queixa|pergunta|questao|caso|consulta|solicitacao"
    rf"|mensagem|referencia|encaminhamento|everything|it all|all of it|tudo){_R})"
)
# One detail: a contact or a name.
_DETAIL = (
    r"(?:电话|号码|电邮|邮箱|姓名|名字|称呼|联络|联系方式|微信|手机|地址"
    r"|(?<![报签申公司企业商排提点])名(?![单额称义次])"
    rf"|{_L}(?:e-?mail|mail|wechat|whatsapp|name|address|phone|number|contacts?|mobile|nome|numero"
    rf"|telefone|telemovel|contactos?|contatos?|morada|endereco){_R})"
)
# The user's data: all of it, or one detail.
_DATA = (
    rf"(?:{_DETAIL}|资料|资讯|信息|数据|联系|纪录|记录|嘢"
    rf"|{_L}(?:data|details?|info|information|records?|dados|informac[a-z]*|registos?){_R})"
)
_ALL = re.compile(r"全部|所有|晒|一切|通通|统统|\b(?:all|everything|every|tudo|todos|todas)\b")
# A no (or a passive) just before a verb: 「唔好刪」, 「被取消」, "don't cancel", «não apaguem».
_NO_BEFORE = re.compile(
    r"(?:唔好|不要|别|咪|勿|唔使|不用|无需|毋须|不必|唔想|不想|唔|不|没有?|冇|未|被)(?:再|帮我|同我|要|去|已经|已)?$"
    rf"|{_L}(?:don'?t|do not|dont|never|not|no need to|won'?t|nao|nunca|sem)(?:\s+\S+){{0,2}}\s+$"
)
_KEEP = (
    r"(?:留|保留|保存|储存|存低|存住|存放|记录|记住|记低|记下|持有|拎住"
    rf"|{_L}(?:keep|store|hold|retain|save|record|guardem|guarde|guardar|mantenham|mantenha|fiquem com"
    rf"|conservem|registem|arquivem|tenham){_R})"
)
_NO_KEEP = re.compile(
    r"(?:唔好|不要|别|勿|请勿|切勿|唔使|不用|无需|毋须|不必|唔想|不想|唔准|不准)(?:再)?"
    rf"(?:让|俾|畀|给)?(?:你哋|你们|贵局|阁下|你)?(?:再)?{_KEEP}"
    rf"|{_L}(?:don'?t|do not|dont|never|no longer|stop|no need to)\s+(?:{_KEEP}"
    rf"|want\s+(?:you|u|them|staff)\s+to\s+(?:{_KEEP}|have){_R})|{_L}nao\s+(?:quero\s+que\s+)?{_KEEP}"
)
# "Don't contact me", "no need to reply": the ticket is not wanted any more.
_NO_REPLY = re.compile(
    r"(?:唔好|不要|别|勿|请勿|唔使|不用|无需|毋须|不必|唔需要|不需要)(?:再)?(?:你哋|你们|贵局|职员|同事|佢哋|他们)?"
    r"(?:再|继续)?(?:(?:揾|找|联络|联系|打俾|打给|打电话俾|打电话给|致电)(?:返|翻)?(?:我|本人)|覆|回复|回覆"
    r"|答复|跟进|处理)"
    rf"|{_L}(?:don'?t|do not|dont|never|no need to|you don'?t need to|no longer need to|there'?s no need to)"
    r"\s+(?:\w+\s+)?(?:contact|call|email|e-mail|reach|reply to|get back to|phone|text|message|follow up with)"
    rf"\s+(?:me|us){_R}|{_L}no need (?:for|to) (?:a |an |any )?(?:reply|response|answer|follow[- ]?up|call back"
    rf"|respond|follow up){_R}|{_L}(?:don'?t|do not|no longer) need (?:a |an |any |the )?(?:reply|response"
    rf"|answer|follow[- ]?up|staff|it|this){_R}"
    rf"|{_L}nao (?:me |nos )?(?:contactem|contacte|liguem|ligue|telefonem|telefone|respondam|responda|procurem)"
    rf"{_R}|{_L}(?:ja )?nao (?:e preciso|precisam? de|preciso de|necessito de|quero) (?:\w+ )?(?:resposta"
    r"|responder|contactar|ligar|acompanhamento|seguimento)"
)
_CONSENT_BACK = re.compile(
    r"(?:撤回|撤销|收回|取消)[^,，。!?？！\s]{0,8}?(?:同意|授权|许可)"
    rf"|{_L}(?:withdraw|revoke|retract)[a-z]*\s+(?:my\s+|the\s+)?consent"
    rf"|{_L}(?:retir|revog)[a-z]*\s+(?:o\s+)?(?:meu\s+)?consentimento"
)
# A clause that asks about it rather than asks for it.
_ASKS_ABOUT = re.compile(
    r"会唔会|会不会|会否|是否会|会(?=删|保留|保存|储存|清除|记|留)|几耐|多久|多长时间|几长|几时|什么时候|何时"
    r"|几多日|点样|怎样|怎么|如何|点解|为什么|为何|点(?=删|取消|撤|改)|有冇|有没有|系咪|是不是|要唔要"
    r"|需唔需要|使唔使|需不需要|要不要|边啲|哪些|边个|谁|几多|多少|哪个|边度|哪里|(?:吗|未|没有|冇|嘛)\W*$"
    r"|(?:咩|什么|乜嘢|乜|啥)(?!都|也)"
    r"|^(?:(?:so|and|but|ok|okay|also|then|hey|hi|hmm+|wait|sorry|oh|um+)\W+)*(?:will|do|does|did|how|when"
    r"|why|what|which|is|are|was|were|has|have|can i|could i|may i|should i|am i|would it|is it)\b"
    r"|\b(?:vao|vai|irao|ira|quando|como|porque|por que|quanto tempo|sera|costumam|posso|devo)\b"
)
_ASKS_FOR_IT = re.compile(
    r"请(?!问)|麻烦|唔该|帮我|帮手|我要|要求|可以|可唔可以|可不可以|能不能|能否|可否|得唔得"
    r"|\b(?:please|pls|plz|kindly|can you|could you|can u|could u|i want|i'd like|i would like|i need you"
    r"|i ask|go ahead|por favor|podem|pode|queria que|quero que|gostaria que|peco|solicito|exijo)\b"
)
# Asking whatever else: "I want to know whether…", 「如果我取消咗…」.
_ONLY_ASKS = re.compile(
    r"想知|想问|想了解|如果|假如|假设|万一|要是|是否已|确认|\bconfirm"
    r"|\b(?:i (?:want|would like|'d like) to know|wondering|if|queria saber|quero saber|gostaria de saber)\b"
    r"|\bse (?:eu|cancelar|apagar|retirar|quiser)\b"
)
_MISTAKE = re.compile(
    r"打错|写错|填错|输错|打漏|写漏|搞错|弄错|留错|俾错|给错"
    rf"|{_L}(?:typo|mistyped|misspel[a-z]*|wrong (?:number|phone|e-?mail|name|address|contact)"
    rf"|engan[a-z]*|errad[oa]s?|trocad[oa]s?){_R}"
)
_SHOULD_BE = re.compile(
    r"应该(?:系|是|为)|\bshould (?:be|have been|read)\b|\bdeveria ser\b|\bcorrect one\b"
)
_CORRECT = (
    r"(?:改|更正|修正|更新|换成|换过|补充|"
    rf"{_L}(?:change|update|correct|fix|amend|edit|alterar|altere|alterem|corrigir|corrija|corrijam|mudar"
    rf"|mude|mudem|actualizar|atualizar|actualizem|atualizem|emendar|trocar|troquem|substituir|rectificar"
    rf"|retificar){_R})"
)
# What a correction may be about: a detail, or the question passed on (「我想改問題」).
_EDITABLE = rf"(?:{_DETAIL}|问题|{_L}(?:question|pergunta){_R})"
_KEEPS_THE_REST = re.compile(
    r"可以留|留(?:着|住|返|低)?(?:就|都)?(?:可以|得|ok|冇问题|没问题)|保留|照样|照常|照旧|继续跟进|继续处理"
    r"|仍然要|只是|只系|净系|只想|单单|其他(?:的|嘅)?(?:照|保留|可以)"
    r"|\b(?:only|just) (?:want(?:ed)? |need )?(?:to )?(?:delete|remove|change|erase|correct|update)"
    r"|\bkeep (?:the|my) (?:rest|phone|number|email|question|ticket|request)\b|\bstill (?:want|need)\b"
    r"|\b(?:continue|carry on|go ahead) with\b|\bbut keep\b|\bo resto\b|\bpode ficar\b|\bmantenham\b"
    r"|\bcontinuem\b|\b(?:so|apenas|somente) (?:quero |queria )?(?:apagar|alterar|mudar|remover|retirar|corrigir)"
)


def _said_with_no(clause: str, start: int) -> bool:
    return bool(_NO_BEFORE.search(clause[max(0, start - 12) : start]))


def _aimed(clause: str, verb: str, target: str, before: int, after: int) -> bool:
    """A `verb` said without a no before it, with `target` up to `after` characters after it or
    up to `before` characters before it (「啲資料洗咗佢」, 「成張單撤回咗佢」), in one clause."""
    for found in re.finditer(verb, clause):
        if _said_with_no(clause, found.start()):
            continue
        ahead = clause[found.end() : found.end() + after]
        behind = clause[max(0, found.start() - before) : found.start()]
        if re.search(target, ahead) or re.search(target, behind):
            return True
    return False


def _asks_about_it(clause: str) -> bool:
    return bool(
        _ONLY_ASKS.search(clause)
        or (_ASKS_ABOUT.search(clause) and not _ASKS_FOR_IT.search(clause))
    )


@dataclass(frozen=True)
class _Reading:
    whole: bool = False  # the ticket, the request, the consent; "don't contact me"
    data: bool = False  # the user's data, all or some
    detail: bool = False  # one detail removed
    edit: bool = False  # one detail changed


def _read_clause(raw: str) -> _Reading:
    """One clause (normalised), as asked of a filed ticket; nothing for a clause that asks."""
    clause = unaccented(raw)
    if _asks_about_it(clause):
        return _Reading()
    whole = (
        _aimed(clause, _REMOVE, _TICKET, 10, 16)
        or bool(re.search(rf"{_TICKET}\W{{0,3}}(?:唔要|不要了|不需要了|唔需要|唔使)", clause))
        or bool(
            re.search(
                rf"(?:唔要|不要|唔需要|不需要)(?:呢|嗰|这|那|成)?(?:张|个|份)?{_TICKET}", clause
            )
        )
        or bool(_NO_REPLY.search(clause) or _CONSENT_BACK.search(clause))
    )
    no_keep = any(
        re.search(_DATA, clause[max(0, m.start() - 10) : m.end() + 30])
        for m in _NO_KEEP.finditer(clause)
    )
    detail = _aimed(clause, _REMOVE, _DETAIL, 10, 30)
    data = detail or no_keep or _aimed(clause, _REMOVE, _DATA, 10, 30)
    # (the phrases read before this reading, «não quero que guardem os meus dados», with accents;
    # not where a removal is said with a no: "don't cancel my request")
    negated = any(_said_with_no(clause, m.start()) for m in re.finditer(_REMOVE, clause))
    data = data or (not negated and (asks_to_withdraw(raw) or withdraws_consent(raw)))
    edit = _aimed(clause, _CORRECT, _EDITABLE, 8, 24)
    return _Reading(whole, data, detail, edit)


def _keeps_the_rest(folded: str) -> bool:
    return any(not _said_with_no(folded, m.start()) for m in _KEEPS_THE_REST.finditer(folded))


def _clauses(norm: str) -> list[str]:
    return [c.strip() for c in _CLAUSES.split(norm) if c.strip()]


def withdraws_the_ticket(text: str) -> bool:
    """Whether `text` takes back the ticket itself: cancels or withdraws the request, the
    enquiry or the consent, or says no reply or contact is wanted (not only data not to keep,
    which inside a new hand-off may be about that one)."""
    return any(_read_clause(raw).whole for raw in _clauses(normalise(text)))


def after_ticket_request(text: str) -> str | None:
    """What a message asks of a ticket already filed: WITHDRAW it (the ticket, the consent, all
    or some of the data given: everything goes), EDIT one of its details (a correction, or one
    detail removed with the rest kept), or None (a question about it, anything else)."""
    norm = normalise(text)
    raws = _clauses(norm)
    readings = [_read_clause(raw) for raw in raws]
    if any(r.whole for r in readings):
        return WITHDRAW
    folded = unaccented(norm)
    asked = all(_asks_about_it(unaccented(raw)) for raw in raws)
    mistake = (_MISTAKE.search(folded) and re.search(rf"{_DETAIL}|{_CORRECT}", folded)) or (
        _SHOULD_BE.search(folded) and parse_contact(text)
    )
    one_removed = (
        any(r.detail for r in readings) and _keeps_the_rest(folded) and not _ALL.search(folded)
    )
    if not asked and (any(r.edit for r in readings) or mistake or one_removed):
        return EDIT
    return WITHDRAW if any(r.data for r in readings) else None
