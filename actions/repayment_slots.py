"""Filling the eligibility form's slots from one free-text message (pure functions).

Values tied to a keyword (調整過兩次, 仲有十期, 每期12000, 係最後一期) fill their slot whatever the
form asked; a bare value (兩次, 係, 12000) only fills the slot the form asked for. A number beyond
its slot's bound (knowledge/repayment.py) fills nothing and is reported, for a hint naming it.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

from actions.parsing import (
    CN_NUMERAL,
    MONTH_NAMES,
    NUMBER,
    Answer,
    corrected_month,
    declines_to_say,
    due_date_options,
    has_refusal,
    is_bare_answer,
    is_dont_know,
    lone_year,
    looks_like_question,
    money_amount,
    parse_amount,
    parse_answer,
    parse_contact,
    parse_count,
    read_answer,
    unclear_number,
    vague_count,
    words_to_digits,
)
from knowledge.clock import macao_today
from knowledge.repayment import (
    ADJUSTED_INSTALMENT,
    LAST_DUE_DATE,
    MAX_ADJUSTMENTS_USED,
    MAX_INSTALMENT_AMOUNT,
    MAX_REMAINING_INSTALMENTS,
)
from knowledge.text import normalise

FORM = "check_repayment_eligibility_form"
REQUIRED = (
    "scheme",
    "installment_due_date",
    "is_last_installment",
    "grant_cancelled",
    "adjustments_used",
    "installment_amount",
    "remaining_installments_after",
)
OPTIONAL = frozenset({"installment_amount", "remaining_installments_after"})
MANDATORY = tuple(slot for slot in REQUIRED if slot not in OPTIONAL)
SKIPPED = "skipped"
# The largest value each numeric slot accepts (the same bounds as the HTTP API's).
BOUNDS: dict[str, Decimal | int] = {
    "installment_amount": MAX_INSTALMENT_AMOUNT,
    "remaining_installments_after": MAX_REMAINING_INSTALMENTS,
    "adjustments_used": MAX_ADJUSTMENTS_USED,
}

# Normalised (Simplified, lower-case) name variants of each covered scheme.
# (probe 14: "youth entrepreneurship aid loan" was asked for six times; "typhoon", 「颱風」, «jovem
# empreendedor» and "SME loan" are as plain)
SCHEME_NAMES = {
    "typhoon_hato_special_aid": ("天鸽", "hato", "tufão", "tufao", "风灾", "台风", "typhoon"),
    "young_entrepreneurs_aid": ("青年创业", "青创", "创业援助", "young entrepreneur",
                                "youth entrepreneur", "young entrepreneurship",
                                "entrepreneurship aid", "entrepreneurship loan", "entrepreneur aid",
                                "entrepreneurs aid", "entrepreneurs' aid", "jovens empreendedores",
                                "jovem empreendedor", "jovens empresários"),
    "sme_aid": ("中小企业援助", "中小企援助", "中小企业计划", "sme aid", "sme support",
                "sme scheme", "pequenas e médias empresas", "pme"),
}  # fmt: skip
# A Latin name starts a word ("pme" is no scheme inside "shipment"; "young entrepreneurs" is one).
_SCHEME_NAME = {
    canonical: re.compile(
        "|".join(rf"(?<![a-z]){re.escape(n)}" if n.isascii() else re.escape(n) for n in names)
    )
    for canonical, names in SCHEME_NAMES.items()
}
_OTHER_SCHEME = re.compile(r"(计划|scheme|plano)")
# The schemes the measure covers, in the order their buttons are offered (`scheme.<scheme>`).
SCHEME_BUTTONS = ("sme_aid", "young_entrepreneurs_aid", "typhoon_hato_special_aid")
# A button named by its place, read only as the answer to "which scheme?" (normalised, the whole
# message): 「第二個」 was "not understood", and every later answer with it (p15-028); "the 2nd
# one", «o segundo». (A bare number is none: "1" may be a count.)
_BUTTON_PLACE = re.compile(
    r"^\W*(?:(?:我)?(?:拣|选|揀|要|系|是|按)\s*)?第\s*(?P<zh>[1-3一二两三])\s*(?:个|项|种|款|个计划|项计划|个按钮|个掣)?"
    r"(?:\s*(?:啦|喇|吧|呀|啊|吖|啰|咯|嘛|lah?))?\W*$"
    r"|^\W*(?:(?:it'?s|it is|i choose|i pick|pick|choose)\s+)?(?:the\s+)?(?P<en>first|second|third|1st|2nd|3rd)"
    r"(?:\s+(?:one|scheme|option|button))?\W*$"
    r"|^\W*(?:(?:é|escolho)\s+)?(?:[oa]\s+)?(?P<pt>primeir|segund|terceir)[oa](?:\s+(?:opção|opcao|plano|botão|botao))?\W*$"
)
_PLACES = {"1": 1, "一": 1, "2": 2, "二": 2, "两": 2, "3": 3, "三": 3, "first": 1, "1st": 1,
           "second": 2, "2nd": 2, "third": 3, "3rd": 3, "primeir": 1, "segund": 2, "terceir": 3}  # fmt: skip


def scheme_by_place(text: str) -> str | None:
    """The scheme whose button `text` names by its place (「第二個」 → the second button's)."""
    match = _BUTTON_PLACE.match(normalise(text))
    if match is None:
        return None
    place = _PLACES[next(group for group in match.groups() if group)]
    return SCHEME_BUTTONS[place - 1]


# What users call a covered scheme in short, read only as the answer to "which scheme?": 「中小企」
# there was "not understood" (probe 9), but 「我哋係中小企」 elsewhere says what the company is.
# (「sme個個」, 「中小企嗰個啦」 too: p10-017)
SHORT_SCHEME_NAMES = {
    "sme_aid": re.compile(
        r"^\W*(?:the )?(?:中小企(?:业)?|smes?|pmes?)(?:\s*(?:嗰个|那个|个个|个|的|嘅|one|aid|loan))?"
        r"\s*(?:啦|喇|吧|呀|啊|吖|啰|咯|嘛|lah?)?\W*$"
    ),
}

_STOP = re.compile(
    r"(唔查|不查了|唔使查|唔做住|唔做喇|唔查住|不做了|算啦|算了|唔问喇|唔使喇|唔要喇|不要了|不用了|不需要了|唔使了|唔需要喇|停止|退出|"
    r"\bno need\b|não é preciso|\bstop\b|\bcancel\b|"
    r"\bquit\b|\bexit\b|never ?mind|\bparar\b|\bcancelar\b|\bdesistir\b|\bsair\b|\besquece\b"
    # probe 7: "nah forget it" at the contact, «Afinal não quero, desisto» at the question
    r"|\bforget (?:it|about it)\b|\bdesisto\b|(?:afinal|já) não quero"
    # starting over, typed (/restart reaches the form as text; probe 8: it was "not understood")
    r"|^\W*/?restart\W*$|\bstart (?:again|over)\b|\brecomeçar\b|重新开始|重新嚟过|重新来过)"
)
# 取消 alone is leaving; 被取消 / 已取消 / 冇取消 are facts about the grant.
_STOP_WHOLE = re.compile(
    r"^(?:我想|我要|请|麻烦)?取消(?:本次|这次|呢次|今次|个)?(?:查询|检查|查核|核查|佢|它)?"
    r"(?:啦|喇|吧|了|呀|啊|先)?[\s!.。~]*$"
)
# Skipping an optional question (the amounts), besides "don't know" (actions/parsing.py).
_SKIP = re.compile(r"(跳过|\bskip\b|\bsaltar\b)")
_MONEY_WORD = re.compile(r"(mop|澳门币|澳门元|蚊|元|pataca|\$|千|万|\bk\b|\bmil\b|thousand)")
_AMOUNT_CUE = re.compile(
    r"(每期|每月|供款|还款额|金额|mop|澳门币|澳门元|蚊|元|patacas|\$|instal|prestação|prestacao|amount)"
)
_ADJUST_CUE = re.compile(
    r"(调整过|调整了|调整咗|调咗|调过|已调整|已经调整|减过|次调整|调整\w{0,2}[0-9一二两三四五六七八九十]+次|"
    # 「冇調過」 (probe 7), and 「用過一次」 of the adjustments a decision was told
    r"(?:用|调)(?:过|咗|了)\w{0,2}[0-9一二两三四五六七八九十]+次|"
    r"(?:未曾|从未|从来没有?|没有?|冇|未)(?:申请)?(?:过)?调(?:整)?|"
    # the applications the limit counts: 「申請過兩次」, "applied twice" (p16-016)
    r"申请(?:过|咗|了)\w{0,2}[0-9一二两三四五六七八九十]+次|"
    r"\bapplied\b(?=[\w ]{0,30}\b(?:once|twice|times)\b)|"
    r"adjusted|adjustments?|ajust(?:ei|ámos|amos|ado|ada|ados|adas|ou|aram|amentos)\b|vezes)"
)
_REMAINING_CUE = re.compile(
    r"(还有|仲有|剩|余下|尚余|尚有|剩低|remain|left|more instal|instalments? (?:after|following)\b"
    r"|restam|faltam|falta(?:va|vam)?\b|restava|restavam|sobram)"  # «Faltavam 3» (probe 7)
)
# 「唔係尾期」 and "not last" too (probe 7); not "last" of a time ("last month") or of another
# thing ("my last payment was in March").
_LAST_CUE = re.compile(
    # 「唔係最後」 ending its clause (p10-003); not 「最後一次」 (the last time) or 「到最後」 (in the end)
    r"(最后一期|最尾一期|尾期|最后(?:嗰|那|个)期|最尾(?:嗰|那|个)期"
    r"|(?:系|是|唔系|不是|并非|非)最后(?=\s*(?:啦|喇|呀|啊|嘅|的)?\s*$)"
    r"|last instal|last one|\bthe last\b(?! (?:year|month|week|time))"
    r"|\b(?:not|is|it'?s|isn'?t|was|wasn'?t) last\b(?!\s*(?:year|month|week|time|day))"
    r"|última|ultima)"
)
# An instalment before the last (normalised): 「倒數第二期」 at "which scheme?" was "not understood"
# and lost (p15-028); «penúltima» holds «última», which alone is the last instalment.
_NOT_LAST = re.compile(
    r"倒数第\s*(?:[2-9]|[二两三四五六七八九十])\s*期|\b(?:second|third)[- ](?:to[- ]|from[- ])?last\b"
    r"|\bpen[uú]ltim|\bantepen[uú]ltim"
)
# Another instalment called "last" (normalised): the last one paid, and the one after it. "its the
# one after the last one i paid" was read as the last instalment and decided the case (p16-008);
# so would 「我最後還咗嗰期之後嗰期」 and «a seguinte à última que paguei». Only the instalment
# itself said to be the last one is (「最後一期」, "it's the last one i have to pay", «é a última»).
_PAID = r"(?:paid|made|settled|repaid|cleared|did)"
_PAID_PT = r"(?:paguei|pagámos|pagamos|pagou|pagaram|liquidei|foi paga|paga)"
_ONE_PAID = r"(?:\s+(?:one|instal\w*|install\w*|payment|repayment))?"
_OTHER_LAST = re.compile(
    rf"\b(?:after|following|since)\s+(?:the|my|our)\s+(?:very\s+)?last{_ONE_PAID}"
    rf"(?:\s+(?:that|which))?(?:\s+(?:i|we|you|they)(?:'ve|\s+have|\s+had)?\s+{_PAID}\b)?"
    rf"|\b(?:the|my|our)\s+(?:very\s+)?last{_ONE_PAID}(?:\s+(?:that|which))?"
    rf"\s+(?:i|we|you|they)(?:'ve|\s+have|\s+had)?\s+{_PAID}\b"
    rf"|\blast{_ONE_PAID}\s+(?:that\s+|which\s+)?(?:i|we)(?:'ve|\s+have|\s+had)?\s+{_PAID}\b"
    # a past one: "the last payment was in March", "my last instalment was paid"
    rf"|\b(?:the|my|our)\s+last{_ONE_PAID}\s+(?:was|were)\s+(?:in|on|back|{_PAID}|due\s+(?:in|on))\b"
    r"|最后(?:一次)?(?:还|供|交|俾|畀|缴付|缴|付|偿还)(?:咗|了|过|完)?(?:嘅|的|之)?(?:嗰|那|个)?(?:一)?期"
    r"|最后(?:一|嗰|那|个)期(?:我|我哋|我们)?(?:已经|已|都)?(?:还|供|交|俾|畀|缴|付|偿还)(?:咗|了|过|完)"
    r"|(?:最后|上)(?:一|嗰|那|个)期(?:之后|以后|后|嘅下一期|的下一期|下一期)"
    rf"|\b(?:depois d[ao]|a seguir [àa]|após a|apos a|seguinte [àa])\s+(?:minha\s+|nossa\s+)?"
    rf"[úu]ltima(?:\s+presta\w+)?(?:\s+(?:que\s+)?{_PAID_PT}\b)?"
    rf"|\b[úu]ltima(?:\s+presta\w+)?\s+(?:que\s+)?{_PAID_PT}\b"
    r"|\b[úu]ltima(?:\s+presta\w+)?\s+(?:que\s+)?(?:foi|venceu)\s+(?:em|no|na)\b"
)


def _without_other_last(norm: str) -> str:
    """`norm` without another instalment called last (`_OTHER_LAST`)."""
    return _OTHER_LAST.sub(" ", norm)


_CANCEL_CUE = re.compile(r"(取消|撤销|cancelled|canceled|revoked|cancelad|anulad)")
# A case supposed, not stated: 「如果係最後一期又點？」, 「倘該期為最後一期」, "what if…", «e se…».
_HYPOTHETICAL = re.compile(
    r"如果|假如|假设|假使|倘若?|若果|要是|万一|(?:^|[，,。\s])如(?=该|这|果|是|为|属|已|未|有)"
    r"|(?:^|[，,。\s])若(?=为|是|系|有|已|未)"  # 「若為澳門幣一千元正呢？」 (probe 7)
    r"|\bwhat if\b|\bsuppose\b|\bsupposing\b|\bif (?:it|i|we|my|our)\b"
    r"|\be se\b|\bse fosse\b|\bcaso (?:seja|fosse)\b"
)
# What asks the outcome of a case supposed (「…，結果是否不同？」, 「…呢？」, "…?"), not a fact.
_OUTCOME_ASKED = re.compile(
    r"(?:结果|情况|答案)?(?:是否|会否|会唔会|会不会)?(?:不同|一样|唔同|有变|改变)|又点|会点|会怎样|会如何"
    r"|(?:then|would it|would i|would we|would that)\b.*$|\bwhat then\b"
)
_TRAILING_ASK = re.compile(r"(?:呢|吗|嘛|啊|呀|[?？\s.。!！])+$")
# The due date named: "SME aid, due next month" (a month counted from today only then).
# (「如果是去年12月那期呢？」 names an instalment by its month, probe 8)
_DUE_CUE = re.compile(
    r"到期|期限|那期|嗰期|呢期|\bdue\b|\bvenc|\bprazo\b|\bthat instalment\b"
    # repaying since a month (「我上個月先開始還青創嘅錢」, p10-010): every instalment since is due
    # after it, so that month settles whether the measure covered any
    r"|开始(?:还|供|偿还)|\b(?:start|started|starting|began|begun) (?:to )?(?:re)?pay"
    r"|\bcome[cç]\w* a (?:pagar|reembolsar)"
)
# Another currency than the pataca: «HKD 3000» was taken as MOP 3,000 (probe 7); the form asks
# for the amount in patacas instead (it converts nothing).
_OTHER_CURRENCY = re.compile(
    r"hkd|hk\$|港币|港元|港纸|hong kong dollar|dólares? de hong kong|dolares? de hong kong"
    r"|\brmb\b|\bcny\b|人民币|\busd\b|us\$|美元|美金"
)


def in_other_currency(text: str) -> bool:
    """Whether `text` names a currency other than the pataca (HKD, HK$, 港幣, RMB, USD…)."""
    return bool(_OTHER_CURRENCY.search(normalise(text)))


# Never asked (most callers are still repaying), but heard when said: it rules the measure out.
_COMPLETED = re.compile(
    r"(还清|已完成还款|供完|还完|fully repaid|paid (?:it )?off|repaid in full|liquidad|pago na totalidade)"
)


# Words of a repayment or of one's eligibility (normalised): a message with none of them and no
# fact of the check ("15", a film distributor's question the NLU read as the check) starts none.
_ABOUT_REPAYMENT = re.compile(
    r"还款|还钱|还贷|供款|供|调整|调低|减|援助|资助|贷款|借|欠|分期|期|资格|符合|摊还|偿还|"
    + "|".join(name.pattern for name in _SCHEME_NAME.values())
    + r"|repay|instal|loan|\baid\b|adjust(?!er)|\bowe|debt|payment|lower|eligib|qualif"
    r"|prestaç|prestac|reembols|apoio|ajust|emprést|empresti|dívida|divida|pag|reduzir|elegív|elegiv"
)


def about_repayment(text: str) -> bool:
    """Words of a repayment, or a sum lowered to another (「想問下12000調到1000 剩返幾多要攤還」,
    whose instalment was lost when the check began at the next message: p10-005)."""
    norm = normalise(text)
    return bool(_ABOUT_REPAYMENT.search(norm)) or _lowered_from(norm) is not None


# When the measure ends, or where and how to apply (normalised), asked inside the check: answered
# by the measure's end, which says both that it has ended and whom to ask. 「咁幾時截止㗎」 got "not
# sure" (p10-010), "where do i submit it" (NLU: out of scope) the scope sentence (p10-046).
_WHEN_OR_WHERE_TO_APPLY = re.compile(
    r"(?:几时|什么时候|何时|边日|哪天|哪一天)(?:截止|结束|完结|完|停止|到期为止)"
    r"|截止(?:日期|时间|日)?(?:系|是|喺|在)?(?:几时|什么时候|何时|边日|哪天)"
    r"|(?:边度|哪里|哪儿|何处|边个部门|哪个部门)(?:可以)?(?:申请|交|递交|提交|报名|办理)"
    r"|(?:点|怎样|怎么|如何)(?:样)?(?:去)?(?:申请|递交|提交|报名)"
    r"|\bdeadline\b|\buntil when\b|\bwhen (?:does|did|will|is|was) (?:it|the measure|this|the scheme)"
    r" (?:end|close|expire|finish)"
    r"|\bwhere (?:do|can|should|could|would) (?:i|we) (?:submit|apply|send|file|hand in|go to apply)"
    r"|\bhow (?:do|can|could|should|would) (?:i|we) (?:apply|submit)"
    r"|\baté quando\b|\bqual (?:é|era) o prazo\b"
    r"|\bonde (?:entrego|submeto|me candidato|posso (?:entregar|submeter|pedir))"
    r"|\bcomo (?:me candidato|faço o pedido|posso pedir|(?:é que )?se pede)"
)


def asks_when_or_where_to_apply(text: str) -> bool:
    return bool(_WHEN_OR_WHERE_TO_APPLY.search(normalise(text)))


# The check's own question (normalised), which the check itself answers: 「可唔可以調整還款」,
# 「想申請調低還款得唔得」, 「能不能调整」, "can i still reduce my monthly repayment to 1000?", «Ainda
# posso pedir o ajustamento da prestação?», asking for the check by name. What a first message
# asks besides is answered as the check begins (`asks_besides_the_check`).
_CHECKS_OWN_QUESTION = re.compile(
    r"(?:而家|现在|现时|依家|仲|还|仍然?)?(?:可唔可以|可不可以|可以|可否|能否|能不能|能唔能够?|是否可以?"
    r"|系咪可以|有冇得|有没有得|想|要)?(?:申请)?(?:调整|调低|下调|减低|减少|减|调)(?:返)?"
    r"(?:还款|供款|个还款|每期还款|每期)?(?:得唔得|得不得|吗|嘛|呀|啊|未|啦|先)?[?？]*"
    r"|(?:帮我)?(?:check|查核|检查|核查|算)(?:一)?下?"
    r"|\b(?:can|could|may) (?:i|we) (?:still )?(?:apply (?:for|to) )?(?:get )?"
    r"(?:adjust|lower|reduce|cut|change)\w*(?: (?:my|our|the|its))?(?: (?:monthly|next|aid|loan))*"
    r"(?: (?:repayments?|instalments?|installments?|payments?))?(?: (?:adjusted|lowered|reduced))?"
    r"(?: to (?:mop\s*)?[\d,.]+k?)?\s*\??"
    r"|\bcheck (?:my|our|the) (?:repayment |adjustment |eligibility )?case\b|\bcheck (?:if|whether)\b"
    r"|\b(?:am i|are we) eligible\b|\bdo (?:i|we) qualify\b"
    r"|\b(?:ainda )?(?:posso|podemos) (?:ainda )?(?:pedir |solicitar |requerer )?(?:o |um )?"
    r"(?:ajust\w*|reduzir|redução)(?: d[aoe]s? (?:minha |nossa )?(?:prestaç\w+|reembols\w+))?\s*\??"
)
# A rule asked of the check's own question: how many times ("can i adjust … more than twice").
_RULE_ASKED = re.compile(
    r"多次|几次|次数|再申请|\btwice\b|\bmore than\b|\bagain\b|\bhow many times\b|quantas vezes"
    r"|\bvezes\b|de novo|novamente"
)


def asks_besides_the_check(text: str) -> bool:
    """Whether a message that begins the check asks something besides whether one's repayment
    can be adjusted (which the check answers): only then is a rule of the measure answered
    before its first question. 「check下我可唔可以調整還款」 got three articles nobody asked for,
    the application statistics among them (p10-004, p10-012, p10-062)."""
    norm = normalise(text)
    rest = _CHECKS_OWN_QUESTION.sub(" ", norm)
    return looks_like_question(rest) or bool(_RULE_ASKED.search(norm))


# No loan to check (normalised): 「我冇借錢呀 你搞錯咗」 inside a check the user never asked for
# was "not understood", and the scheme asked again (p10-006).
_NO_LOAN = re.compile(
    r"(?:我|我哋|我们|本公司)(?:都|根本|从来|从未|并)?(?:冇|没有?|未|无)(?:借|贷款"
    r"|(?:拎|攞|拿|收)过(?:任何)?(?:援助|钱|贷款|资助))"
    r"|\bi (?:don'?t|dont|do not|never|didn'?t|didnt) (?:have|had|take|took|borrow|borrowed|get|got)"
    r"(?: out)? (?:a |an |any )?(?:loan|aid|grant|money|debt)"
    r"|\b(?:i|we) (?:have|had) no (?:loan|aid|grant|debt)"
    r"|\bnão (?:tenho|temos|tive|pedi) (?:nenhum |nenhuma |qualquer |um |uma )?(?:empréstimo|apoio|dívida)"
)
# The check misread the user (normalised): "you got it wrong" (a check they asked for keeps on:
# such words there correct an answer).
_MISREAD = re.compile(
    r"你(?:哋|们)?(?:搞错|误会|理解错|睇错|听错|弄错|搞乱)"
    r"|\byou (?:got it wrong|misunderstood|misread|are wrong|'re wrong)"
    r"|\bthat'?s not what i (?:asked|meant|said)|\bi (?:didn'?t|didnt|did not|never) ask (?:for|about)"
    r"|(?:percebeu|entendeu|percebeste|entendeste) mal|não (?:foi|é) (?:isso|o) que (?:perguntei|pedi)"
)


# What the check is for (normalised): one's instalment lowered, whether one qualified, applying,
# a check or a calculation, the instalment or repayment itself. A message that starts the check
# with none of these and tells none of its facts asks something else: "where can I find the
# newsletter online?" (p12-035), "What happens if I can't pay? Will they cancel my grant?"
# (p12-043), 「唔係13呀 我問公估 loss adjuster」 (p12-040) each began it.
_ABOUT_THE_CHECK = re.compile(
    r"调整|调低|下调|减|调|申请|符合|资格|合资格|查|计|算|还款|供款|每期|分期|期数|摊还"
    r"|adjust(?!er)|reduc|lower|eligib|qualif|\bapply|applica|check|calculat|work out|instal|repay"
    r"|ajust|reduz|baix|eleg[ií]v|candidat|pedido|pedir|verific|calcul|prestaç|prestac|reembols"
    r"|\b1[,.]?000\b|一千|\bmil patacas\b"
)


def asks_about_the_check(text: str) -> bool:
    """Whether `text` speaks of what the check decides (`_ABOUT_THE_CHECK`)."""
    return bool(_ABOUT_THE_CHECK.search(normalise(text)))


# Refusing the check itself (normalised): "I don't want a check" was read as "don't know" and the
# question asked again (p12-043); 「唔使check」, «não quero verificar».
_NO_CHECK_WANTED = re.compile(
    r"(?:唔使|不用|唔要|不要|唔想|不想|唔需要|不需要|冇叫你|没叫你|无叫你)(?:帮我)?(?:check|查|检查|查核|核查|计|算)"
    r"|\b(?:i )?(?:don'?t|dont|do not) (?:want|need)(?: you to do)? (?:a |the |this |any |to )?(?:do )?"
    r"(?:a |the |this |any )?(?:check|calculation|eligibility check)\b"
    r"|\bno check\b|\bnot (?:asking )?(?:for )?a check\b|\bi (?:didn'?t|didnt|did not|never) ask(?:ed)? for a check\b"
    r"|não (?:quero|preciso de|pedi)(?: uma| a| nenhuma)? (?:verifica\w*|verificar)"
)


def declines_the_check(text: str) -> bool:
    return bool(_NO_CHECK_WANTED.search(normalise(text)))


def without_refusal(text: str) -> str:
    """What `text` says besides refusing the check or saying no: "I don't want a check. I'm
    asking what happens if I don't pay." → "I'm asking what happens if I don't pay."."""
    norm = _NO_CHECK_WANTED.sub(" ", normalise(text))
    clauses = [c.strip() for c in re.split(r"[,，。.!！?？;；\n]+", norm)]
    kept = [c for c in clauses if c and not (is_bare_answer(c) and parse_answer(c) is Answer.NO)]
    return "，".join(kept) if any("\u4e00" <= ch <= "\u9fff" for ch in norm) else ", ".join(kept)


def says_no(text: str) -> bool:
    """Whether a clause of `text` is a bare no ("what?? no, I asked where …", 「唔係呀」)."""
    norm = normalise(text)
    clauses = (c.strip() for c in re.split(r"[,，。.!！?？;；\n]+", norm))
    return any(
        is_bare_answer(bare) and parse_answer(bare) is Answer.NO
        for c in clauses
        if (bare := _PARTICLES.sub("", c).strip())
    )


_PARTICLES = re.compile(r"[呀啊喇啦嘛喎噃囉咯吖哦]+$")


def denies_a_loan(text: str) -> bool:
    return bool(_NO_LOAN.search(normalise(text)))


def says_misread(text: str) -> bool:
    return bool(_MISREAD.search(normalise(text)))


def states_a_case(text: str) -> bool:
    """Whether `text` states at least two of the check's facts (scheme, due date, amount…): a
    case described, whatever the NLU made of it."""
    return len(extract(text, None)) >= 2


# Facts enough to be nothing but one's own case, however well an article matches its words.
WHOLE_CASE = 4


def tells_a_whole_case(text: str) -> bool:
    """Whether `text` tells a case (WHOLE_CASE facts or more) and asks nothing: «Plano de Apoio
    a PME, Maio de 2020, não é a última, …, são 2 mil patacas» (NLU: unsure) got the measure's
    overview, not the check (probe 7)."""
    return not looks_like_question(text) and len(extract(text, None)) >= WHOLE_CASE


def parse_scheme(text: str, asked: bool = False) -> str | None:
    """Canonical scheme from its name; `other` for a scheme the measure does not cover. `asked`:
    `text` answers "which scheme?", where a short name (「中小企」) names one too."""
    norm = normalise(text)
    for canonical, name in _SCHEME_NAME.items():
        if name.search(norm):
            return canonical
    if asked:
        if (placed := scheme_by_place(text)) is not None:
            return placed
        short = (scheme for scheme, name in SHORT_SCHEME_NAMES.items() if name.match(norm))
        if (found := next(short, None)) is not None:
            return found
        # Only a scheme named, or a loan from elsewhere, is another scheme: 「唔知邊個計劃呀，有咩
        # 分別？」 and 「咁三個計劃有咩分別？」 were "not covered" verdicts (probe 14).
        return "other" if names_other_scheme(norm) else None
    return "other" if _OTHER_SCHEME.search(norm) else None


# A loan or aid from elsewhere than the three schemes (normalised): a bank's, a relative's.
_OTHER_LENDER = re.compile(
    r"银行|财务公司|按揭|信用卡|私人贷款|bank|mortgage|credit card|banco|hipoteca"
)
# Words before 计划 that name no scheme (which, those three, the aid's own name), 「邊個計劃」,
# 「三個計劃」, 「援助計劃」, 「呢項計劃」.
_NO_NAME_CHARS = frozenset(
    "个项种啲些边哪咩乜什么几三两一的嘅呢嗰这那该此本个援助资助贷款还款调整各个样"
)
_NAMED_BEFORE_PLAN = re.compile(r"([\u4e00-\u9fff]{2})计划")
_NAMED_ENGLISH_SCHEME = re.compile(
    r"\b(?!(?:the|this|that|my|our|a|an|same|aid|which|what|any|three|these|those|each|every|both"
    r"|all|other|another|different|your|its|their|loan|support|government|gov|govt|dse|bureau)\b)"
    r"[a-z][\w-]* (?:scheme|programme|program)\b"
)


def names_other_scheme(text: str) -> bool:
    """Whether `text` names a loan or scheme that is none of the three: a bank loan, 「電商資助
    計劃」, "the e-commerce subsidy scheme"; not 「邊個計劃」, "which scheme" or "the aid scheme"."""
    norm = normalise(text)
    if _OTHER_LENDER.search(norm) or _NAMED_ENGLISH_SCHEME.search(norm):
        return True
    return any(not set(name) & _NO_NAME_CHARS for name in _NAMED_BEFORE_PLAN.findall(norm)) or bool(
        re.search(r"\bplano (?:de |do |da )?(?!apoio\b)[a-zà-ÿ]{4,}", norm)
    )


# A question about the schemes themselves (normalised): which ones, what sets them apart.
_ASKS_ABOUT_SCHEMES = re.compile(
    r"(?:分别|区别|差别|差异|唔同|不同|边个|哪个|哪一|哪些|边啲|咩|什么|乜|几多个|多少个)\W{0,2}"
    r"(?:援助)?计划|计划\W{0,2}(?:有|系|是)?\W{0,2}(?:咩|什么|乜|边|哪|几)?\W{0,2}"
    r"(?:分别|区别|差别|差异|唔同|不同|包括|有边|有哪)"
    r"|\bdifferen(?:ce|t)\b|\bwhich (?:schemes?|ones?|aid)\b|\bwhat(?: are|'s| is) (?:the |these |those )?"
    r"(?:schemes?|options?|three)\b|\bwhat do (?:they|the schemes) mean\b"
    r"|\bdiferen[çc]a|\bquais (?:s[ãa]o )?(?:os )?(?:planos|op[çc][õo]es)|\bqual (?:é )?o plano"
)


def asks_about_schemes(text: str) -> bool:
    """Whether `text`, at "which scheme?", asks about the schemes (which there are, how they
    differ) rather than naming one: 「咁三個計劃有咩分別？」 (probe 14)."""
    return looks_like_question(text) and bool(_ASKS_ABOUT_SCHEMES.search(normalise(text)))


def scheme_told(texts: list[str]) -> str | None:
    """The covered scheme that the user's messages (`texts`, oldest first) named last, in a
    question or a case supposed too: the check does not ask for it again (p9-002, p9-033,
    p9-046). None when another company's case or a scheme not covered came after it."""
    for said in reversed(texts):
        scheme = parse_scheme(said)
        if scheme not in (None, "other"):
            return scheme
        norm = normalise(said)
        if _OTHER_COMPANY.search(norm) or _NAMED_OTHER_SCHEME.search(norm):
            return None
    return None


def opens_a_check(text: str, found: dict[str, Any], on_repayment: bool) -> bool:
    """Whether facts read from `text`, a message no check asked for, may begin one: it speaks
    of a repayment, tells two facts at once, or the conversation is on the measure
    (`on_repayment`). "ok and the last one" after the Greater Bay Area measures was a last
    instalment, and got a verdict on a check nobody had asked for (p9-052)."""
    if another_topic_only(text):
        return False  # 「CITES證書2020年5月到期」: a date of another topic's
    return on_repayment or about_repayment(text) or len(found) >= 2


# Another of the newsletter's topics (normalised): CITES, diamonds, import licences, quality
# certification, the Greater Bay Area, the services agreement.
_OTHER_TOPIC = re.compile(
    r"cites|濒危|野生动植物|钻石|金刚石|diamond|diamante|金伯利|kimberley|进口准照|进口许可|准照"
    r"|import licen|licen[çc]a de importa|质量认证|质量检测|质检|认证|certifica|大湾区|湾区"
    r"|bay area|\bgba\b|grande baía|grande baia|服务贸易|trade in services|com[ée]rcio de servi"
)
# Words of a repayment, a loan or an instalment (normalised): not 「期」 of 有效期 or 到期 alone.
_REPAYMENT_WORD = re.compile(
    r"还款|还钱|还贷|供款|贷款|借款|借钱|欠款|欠钱|分期|每期|最后一期|尾期|摊还|偿还|援助|资助"
    r"|repay|instal|install|\bloan|\baid\b|\bdebt|presta[çc]|reembols|empr[ée]st|d[íi]vida|\bapoio\b"
    r"|" + "|".join(name.pattern for name in _SCHEME_NAME.values())
)


def another_topic_only(text: str) -> bool:
    """Whether `text` names another of the newsletter's topics (CITES, diamonds, an import
    licence…) and no repayment, loan or instalment: it begins no check, whatever the NLU read
    (「hi，我想搵人跟進下我公司CITES證書嘅申請進度」, NLU: the check 0.52, p16-034)."""
    norm = normalise(text)
    return bool(_OTHER_TOPIC.search(norm)) and not _REPAYMENT_WORD.search(norm)


def wants_to_stop(text: str) -> bool:
    """A leaving word anywhere, or 取消 as a clause of its own (「唔好意思，唔做住，取消」)."""
    norm = normalise(text).strip()
    return bool(
        _STOP.search(norm) or any(_STOP_WHOLE.match(c.strip()) for c in _CLAUSE_BREAK.split(norm))
    )


def supposed_slots(text: str) -> dict[str, Any]:
    """The facts of a case supposed, not stated: 「如果係最後一期呢？」 → the last instalment;
    "what if it was not the last instalment?" → not; "what if it were 1,200" → that amount;
    none for a message supposing nothing."""
    norm = normalise(text)
    if not _HYPOTHETICAL.search(norm):
        return {}
    clauses = _CLAUSE_BREAK.split(_OUTCOME_ASKED.sub(" ", _HYPOTHETICAL.sub(" ", norm)))
    stated = "，".join(_TRAILING_ASK.sub("", clause).strip() for clause in clauses)
    return _told_again(stated)


# A correction (normalised): 「sorry 講錯，係卅期」, "sorry, it was 3 thousand", «desculpe, enganei-me».
_CORRECTION = re.compile(
    r"讲错|打错|写错|搞错|讲漏|更正|改正|应该(?:系|是|为)|唔好意思|不好意思|\bsorry\b|\bi meant?\b"
    r"|\bcorrection\b|\bmy (?:bad|mistake)\b|\bactually\b|desculp|engan|quis dizer"
)
# A count of instalments, not the 第N期 of one: 卅期 · 24期 · 30 instalments · 5 prestações.
_INSTALMENT_COUNT = re.compile(
    rf"(?<!第)(\d+|{CN_NUMERAL})\s*(?:期|instalments?\b|installments?\b|prestaç|prestac|parcelas)"
)
# How many times, without a word of adjusting: 「那如果只用过一次呢」 (probe 7); not 第一次 ("the
# first time").
_TIMES = re.compile(
    rf"(?<!第)(?:\d+|{CN_NUMERAL})\s*次|\b(?:once|twice|\w+ times|\w+ vez(?:es)?)\b"
)
# Another company's case is a case of its own: "what about my friend's company, …" (probe 7).
_OTHER_COMPANY = re.compile(
    r"朋友|亲戚|客户|另一间|另一家|另外一间|另外一家|其他公司|第二间|别间|别人|\bfriend|\bclient|\bcustomer"
    r"|\banother (?:company|business|firm|enterprise)|\bother (?:company|business|firm)"
    r"|\boutra empresa|\bamig[oa]|\bcliente"
)
# A scheme named but not one of the three: "the e-commerce subsidy scheme", 「電商資助計劃」 (not
# "the scheme", 「呢個計劃」, which name none).
_NAMED_OTHER_SCHEME = re.compile(
    r"(?<![这那该个此本])(?<!呢个|嗰个)[\u4e00-\u9fff]{2}计划"
    r"|\b(?!(?:the|this|that|my|our|a|an|same|aid|which|what|any)\b)[a-z][\w-]* (?:scheme|programme|program)\b"
    r"|\bplano (?:de |do |da )?(?!apoio a (?:pequenas|jovens)|de apoio especial)[a-zà-ÿ]+"
)


def another_case(text: str) -> bool:
    """Whether `text` speaks of another company's case or of a scheme the measure does not cover."""
    norm = normalise(text)
    return bool(_OTHER_COMPANY.search(norm) or _NAMED_OTHER_SCHEME.search(norm))


def _counted_instalments(norm: str) -> int | None:
    undated = _strip_dates(norm)
    if vague_count(undated):
        return None
    match = _INSTALMENT_COUNT.search(undated)
    count = parse_count(match.group(1)) if match else None
    return count if count is not None and count >= 1 else None


def _bare_values(norm: str) -> dict[str, Any]:
    """A value told with no word of its fact, in a case supposed or corrected after a decision,
    read as the fact it can only be: 十二期 → the instalments left, 一次 → the adjustments used,
    a sum → the instalment."""
    if parse_contact(norm):
        return {}  # "sorry, my phone is 66123456" is no instalment of MOP 66 million
    if (count := _counted_instalments(norm)) is not None:
        return {"remaining_installments_after": count}
    if _TIMES.search(norm) and (times := _nearest_count(norm, _TIMES)) is not None:
        return {"adjustments_used": times}
    found = read_slots(norm, "installment_amount")[0]
    return found if found.get("installment_amount") not in (None, SKIPPED) else {}


def _told_again(text: str, stated: dict[str, Any] | None = None) -> dict[str, Any]:
    """The facts a case supposed or a correction states, bare values and a scheme not covered
    included (at a question of the form they would be read as its answer). `stated`: the facts
    `read_slots` already found in `text`, when the caller has read them."""
    norm = normalise(text)
    found = (read_slots(text, None)[0] if stated is None else stated) or _bare_values(norm)
    if "scheme" not in found and _NAMED_OTHER_SCHEME.search(norm):
        found["scheme"] = "other"  # «and if it's the e-commerce subsidy scheme?»
    return found  # (read_slots has left out what is beyond its bound)


# After a decision (the slot DECIDED keeps its facts): asking again whether one qualifies, or
# can apply — 「咁即係點？我可唔可以申請？」, "ok so am I eligible or not?" — is answered by
# that decision again, not by a check begun from nothing (probe 6).
DECIDED = "decided_case"
MAX_OUTCOME_QUESTION = 40  # characters: a longer message asks something more than the outcome
_ASKS_OUTCOME = re.compile(
    r"符合|合资格|合乎|即系点|即是怎样|那是怎样|所以呢|可(?:唔|不)?可以申请|可以申请(?:吗|嘛|未)|能(?:不能)?申请"
    r"|\beligible\b|\bqualif|\bcan (?:i|we) (?:apply|submit|file|send)\b|\bso what\b|\bam i (?:ok|covered)\b"
    r"|\belegível|\belegivel|\bposso (?:candidatar|pedir)|\bpodemos (?:candidatar|pedir)"
    r"|是否可(?:以)?申请|可否(?:提出)?申请|能否申请"  # 「請問本公司是否可申請？」 (probe 7)
)
# Asking which facts a decision used: "what date did u use for my instalment?" began the check
# from nothing (probe 7); they are said back.
_FACTS_USED = re.compile(
    r"\b(?:what|which) (?:date|amount|facts?|details|info(?:rmation)?|numbers?|figures?|data)"
    r" (?:did|do|have) (?:you|u) (?:use|used|take|assume|go by|base)"
    r"|\bwhat did (?:you|u) (?:use|assume|go by|base (?:it|that|this) on)"
    r"|(?:用|根据|按|以)(?:咗|了|的|过)?(?:咩|什么|乜|哪个|边个|哪些|边啲)(?:日期|资料|数据|金额|数字|事实)"
    r"|\b(?:que|qual|quais) (?:data|dados|valor|valores|factos|fatos)"
    r" (?:usou|usaste|utilizou|considerou|usaram|foi usad)"
)


def asks_facts_used(text: str) -> bool:
    return bool(_FACTS_USED.search(normalise(text)))


# "And if …?" put as a fact: 「我们已经调过两次了呢？」 after a decision (probe 8).
_WHAT_ABOUT = re.compile(r"呢\W*$|^\W*(?:and |so )?what about\b|^\W*e (?:se|quanto)\b")


def revisited_case(decided: dict[str, Any] | None, text: str) -> dict[str, Any] | None:
    """The facts to decide again after a decision: the decided ones with what `text` states or
    supposes instead ("sorry, I meant 2019", 「如果係最後一期呢？」), or the same ones when it asks
    the outcome again; None when there was no decision or `text` does neither."""
    if not decided:
        return None
    norm = normalise(text)
    if _OTHER_COMPANY.search(norm):
        return None  # "what about my friend's company, …": a case of its own, from nothing
    if asks_facts_used(text) or asks_if_rejected_counts(text):
        return dict(decided)  # the facts themselves, to be said back; what the rule says
    # a question on something else names no fact of the case ("what were 2019's figures?"); a
    # sum in patacas other than the measure's own does: «como assim? 4.500 patacas e mais que
    # 1000!» after a verdict on MOP 4.50 got "not sure" (p16-017)
    sum_told = money_amount(text)
    stating = (
        not looks_like_question(text)
        or about_repayment(text)
        or _WHAT_ABOUT.search(norm)
        or (sum_told is not None and sum_told != ADJUSTED_INSTALMENT)
    )
    changed = supposed_slots(text) or (_stated_again(text, decided) if stating else {})
    if changed:
        return {**decided, **changed, **implied_facts(changed)}
    short = len(norm) <= MAX_OUTCOME_QUESTION
    return dict(decided) if short and _ASKS_OUTCOME.search(norm) else None


def _stated_again(text: str, decided: dict[str, Any] | None = None) -> dict[str, Any]:
    """What a message after a decision states: its facts, or for a correction ("sorry, it was 3
    thousand", 「sorry 講錯，係卅期」) or a sum or count told alone, the value it corrects. A month
    corrected alone keeps the year of the due date `decided` used."""
    found = read_slots(text, None, told_due=due_of(decided))[0]
    norm = normalise(text)
    told_alone = _MONEY_WORD.search(norm) or _TIMES.search(norm) or _INSTALMENT_COUNT.search(norm)
    if found or not (_CORRECTION.search(norm) or told_alone):
        return found
    return _told_again(text, found)


def due_of(facts: dict[str, Any] | None) -> dt.date | None:
    """The due date among `facts` (the slots' ISO string), or None."""
    due = (facts or {}).get("installment_due_date")
    try:
        return None if due is None else dt.date.fromisoformat(str(due))
    except ValueError:
        return None


def extract(text: str, requested: str | None) -> dict[str, Any]:
    """Slot values stated in `text`; dates as ISO strings, money as strings with two decimals."""
    return read_slots(text, requested)[0]


def read_slots(
    text: str,
    requested: str | None,
    intent: str | None = None,
    today: dt.date | None = None,
    told_due: dt.date | None = None,
) -> tuple[dict[str, Any], tuple[str, ...]]:
    """`_read_slots`, and the applications counted from the adjustments read (`_applications`,
    once, for the whole message)."""
    found, too_large = _read_slots(text, requested, intent, today, told_due)
    if isinstance(found.get("adjustments_used"), int):
        norm = words_to_digits(normalise(text))
        found["adjustments_used"] = _applications(norm, found["adjustments_used"])
    return found, too_large


def _read_slots(
    text: str,
    requested: str | None,
    intent: str | None = None,
    today: dt.date | None = None,
    told_due: dt.date | None = None,
) -> tuple[dict[str, Any], tuple[str, ...]]:
    """Slot values stated in `text` (as `extract`), and the slots whose stated number is beyond
    its bound in BOUNDS — those are left out of the values. `intent`, the NLU's, reads a bare
    yes or no (affirm / deny) to a yes/no question; "don't know" fills nothing there. A month
    counted from `today` (default: Macao's today), 「上個月」 · "next month", is the due date when
    the due date was asked or the message says "due". Two months told as alternatives are the
    due date only when either decides alike (`settled_due_date`); a value taken back
    (「兩次 啊唔係 係一次」) gives way to the one told after it. A month corrected (「九月唔係八月」)
    is the due date, in the year of the one it names or of `told_due` (the due date told before);
    a message correcting a value (a month, a count) answers no yes/no question (p16-028). A
    rejected application told beside the adjustments is counted: the limit is on applications
    (p16-016)."""
    norm = _without_other_last(words_to_digits(normalise(text)))
    if _HYPOTHETICAL.search(norm) or is_command_text(text):
        # "What if the due date had been January 2021?": a case supposed states no fact; nor
        # does a command typed or a button from elsewhere (`deny{"answer_to":"grant_cancelled"}`
        # had its "cancelled" read as a cancelled grant, p14-043).
        return {}, ()
    found: dict[str, Any] = {}
    scheme = parse_scheme(text, asked=requested == "scheme")
    if scheme and (scheme != "other" or requested == "scheme"):
        found["scheme"] = scheme
    due = settled_due_date(_due_options(_due_text(text), requested, today))
    correction = corrected_month(text)
    if correction is not None and correction[0] is not None:
        due = _month_meant(text, correction[0], due, told_due) or due
    if due:
        found["installment_due_date"] = due.isoformat()
    correcting = correction is not None or bool(_VALUE_TAKEN_BACK.search(norm))
    lowered = _lowered_from(norm)
    if lowered is not None:
        norm = _LOWERED_FROM.sub(" ", norm)  # 「12000調到1000」's sums are no count (剩返幾多)
    cued_any = False
    for slot, cue, parse in _CUED:
        # the first clause with the cue that states a value: 「現尚有欠款…其後尚餘十期」
        for clause in _clauses_with(norm, cue):
            cued_any = True
            # 「是最后一期吗？」, 「那剩下的7000怎么还？」: asked, not stated.
            if _asked(norm, clause):
                continue
            value = parse(clause, cue)
            if value is not None:
                found[slot] = value
                break
    not_last = [c for c in _clauses_with(norm, _NOT_LAST) if not _asked(norm, c)]
    if not_last:
        # 「倒數第二期」, "second to last", «penúltima»: not the last instalment (p15-028)
        found["is_last_installment"] = False
        cued_any = True
    corrected = _CORRECTION.search(norm) and "remaining_installments_after" not in found
    if corrected and (count := _counted_instalments(norm)) is not None:
        # 「sorry 講錯，係卅期」 asked "is it the last instalment?" corrects the count of
        # instalments told before; its 係 is no yes (probe 7: refused as a last instalment).
        found["remaining_installments_after"] = count
        cued_any = True
    # A bare answer ("係", "兩次", "12000") answers the question the form asked, if nothing in
    # the message is tied to another slot or states another fact (「更正：應為2020年9月，並非8月」
    # corrects the date; its 並非 is no answer to "is it the last instalment?").
    bare = {slot: parse for slot, _cue, parse in _CUED}
    # A value taken back (「九月唔係八月」, "not twice, once") is no yes or no (p16-028).
    answerable = requested in YES_NO and requested not in found and not correcting
    leading = _leading_answer(norm) if answerable and cued_any else None
    if leading is None and answerable and cued_any:
        leading = _closing_answer(norm)  # 「check咗 仲有3期 所以唔係」 (p12-024)
    if leading is not None and not found.keys() & _UNCUED:
        # 「唔係，仲有成十幾期」 to "is this the last instalment?": its first clause answers
        # (probe 9: the question was asked again)
        found[str(requested)] = leading
    if requested in found or cued_any:
        pass
    elif requested in YES_NO:
        value = None if found or correcting else answer_value(answer_to_fact(norm, intent))
        if value is not None:
            found[requested] = value
    elif requested in bare and not looks_like_question(norm.rstrip("?？ ")):
        # 「那剩下的7000怎么还？」 at "how many instalments remain?" asks; its 7000 is no count
        value = bare[requested](norm, None)
        if value is not None:
            found[requested] = value
    if "installment_amount" not in found and lowered is not None:
        found["installment_amount"] = lowered  # 「12000調到1000」: 12000 is the instalment
    if _COMPLETED.search(norm):
        found["repayment_completed"] = not re.search(r"(未|唔|not|não|nao)", norm)
    too_large = tuple(slot for slot, bound in BOUNDS.items() if found.get(slot, 0) > bound)
    for slot in too_large:
        del found[slot]
    if requested != "installment_amount" and found.get("installment_amount") == ADJUSTED_INSTALMENT:
        # The measure's own figure, unasked: "my cousin said govt lets u pay only 1000 mop" named
        # the sum an instalment was lowered to, and the case was ruled out as "not above MOP
        # 1,000" (p12-018). A user's instalment of that sum is asked for, and then taken.
        del found["installment_amount"]
    if isinstance(found.get("installment_amount"), Decimal):
        found["installment_amount"] = f"{found['installment_amount']:.2f}"
    retold, retold_too_large = _taken_back(norm, requested, today)
    found.update(retold)
    for slot in retold_too_large:
        found.pop(slot, None)  # the value taken back is no answer either: the bound is said
    for slot in _doubted(norm, requested):
        found.pop(slot, None)  # 「好似俾經濟局取消咗資助」: asked to confirm, never decided on
    too_large = tuple(dict.fromkeys((*too_large, *retold_too_large)))
    unanswered = requested in OPTIONAL and requested not in found and not too_large
    declined = declines_to_say(norm)
    if requested and unanswered and (is_dont_know(norm) or declined or _SKIP.search(norm)):
        found[requested] = SKIPPED
    return found, too_large


def _month_meant(
    text: str, month: int, due: dt.date | None, told_due: dt.date | None
) -> dt.date | None:
    """The due date a month corrected means: that month in the one year `text` names, else in
    the year of the date it names (「2020年8月唔係…」), else of `told_due`; None without a year."""
    if due is not None and due.month == month:
        return due
    year = lone_year(text) or (due.year if due else None) or (told_due.year if told_due else None)
    if year is None:
        return None
    last_day = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(year, month, last_day)


# A value taken back (normalised): a negation right before a month, a count or a sum — 「唔係八月」,
# 「唔係兩次」, "not twice", «não são duas». Such a message corrects; it is no "no" (p16-028).
_VALUE_TAKEN_BACK = re.compile(
    r"(?:唔系|不是|并非|而非|\bnot\b|\bisn'?t\b|\bwasn'?t\b|\bnão (?:é|e|são|sao|era|eram|foi|foram)\b"
    r"|\bnao (?:é|e|são|sao|era|eram|foi|foram)\b)\s*(?:系|是|为)?\s*"
    rf"(?:\d|[一二两三四五六七八九十廿卅]+\s*(?:次|期|月|年|千|万|蚊|元)|(?:{MONTH_NAMES})\b"
    r"|(?:once|twice|two|three|duas|dois|três|tres)\b)"
)

# An application not approved (normalised): 「另一次係俾人拒絕咗」 (p16-016), "one was rejected",
# «outro pedido foi recusado».
_REJECTED = re.compile(
    r"拒绝|驳回|被拒|唔批|不批|冇批|没批|未获批|不获批|未获批准|不获批准|唔获批"
    r"|\brejected\b|\brefused\b|\bturned down\b|\bdeclined\b|\bdenied\b|\bnot approved\b"
    r"|\b(?:wasn'?t|was not|weren'?t|were not) approved\b"
    r"|recusad|indeferid|rejeitad|negad|\bn[ãa]o (?:foi |foram )?aprovad"
)
_NOT_REJECTED = re.compile(
    r"(?:冇|没有?|未曾|从未|从来没有?|唔曾|\bnever\b|\bnot\b|\bwasn'?t\b|\bn[ãa]o\b|\bnunca\b)"
    r"\s*(?:(?:ever|been|foi|俾人|畀人|被|过)\s*){0,2}$"
)
# Words of applying: a count told with them counts the applications, the rejected one included.
_APPLIED = re.compile(r"申请|\bappl(?:y|ied|ication)|\bpedi(?:do|dos|u|mos)?\b|candidat|requer")


def _rejected_count(clause: str) -> int:
    """How many applications `clause` says were rejected: the count told beside the word (「兩次
    都被拒」), one when none is told, none when it says there was no rejection."""
    cue = _REJECTED.search(clause)
    if cue is None or _NOT_REJECTED.search(clause[: cue.start()]):
        return 0
    count = _nearest_count(_REJECTED.sub(" ", clause), None)
    return 1 if count is None else count


def _applications(norm: str, count: int) -> int:
    """The applications made, from the adjustments `count` read in `norm`: a rejected application
    told beside adjustments is one more (「調過…一次咋，另一次係俾人拒絕咗」: two), unless the
    count was of applications already (「申請過兩次，其中一次被拒」: two)."""
    clauses = [c for c in _CLAUSE_BREAK.split(norm) if c.strip()]
    refused = [c for c in clauses if _REJECTED.search(c)]
    if not refused:
        return count
    rejected = sum(_rejected_count(c) for c in refused)
    others = [c for c in clauses if not _REJECTED.search(c)]
    if not any(_COUNT_TOKEN.search(_strip_dates(c)) for c in others):
        return max(count, rejected)  # the count was the rejected one's own (「有一次俾人拒絕咗」)
    if any(_APPLIED.search(c) for c in others):
        return count
    return count + rejected


def mentions_rejected_application(text: str) -> bool:
    """Whether `text` tells of an application that was not approved."""
    norm = normalise(text)
    return any(_rejected_count(c) > 0 for c in _CLAUSE_BREAK.split(norm) if _REJECTED.search(c))


# Whether a rejected application counts towards the limit (normalised): 「俾人拒絕咗嗰次申請計唔計入
# 兩次入面㗎？」 got "not sure" (p16-016).
_COUNTS_TOWARDS = re.compile(
    r"计(?:唔|不)?计|计(?:算)?(?:入|在|进)|算(?:唔|不)算|算(?:入|在|进)|包括|包唔包|占"
    r"|\bcount|\binclud|\btowards?\b|\blimit|\bconta|inclu|\blimite|两次|twice|\btwo\b|duas"
)


def asks_if_rejected_counts(text: str) -> bool:
    """Whether `text` asks whether an application that was not approved counts towards the limit
    of applications; the newsletter does not say."""
    norm = normalise(text)
    return looks_like_question(text) and bool(
        _REJECTED.search(norm) and _COUNTS_TOWARDS.search(norm)
    )


def _due_options(text: str, requested: str | None, today: dt.date | None) -> list[dt.date]:
    """The due dates `text` offers; months counted from today only where a due date is asked
    for or named ("due", 到期, 「開始還」)."""
    options = due_date_options(text)
    if not options and (requested == "installment_due_date" or _DUE_CUE.search(normalise(text))):
        # (and a festival, part of a year or season: 「春節前後啦 2020年」, p12-002)
        options = due_date_options(text, today or macao_today(), periods=True)
    return options


# An adjustment told as past (normalised): 「2020年6月我調過一次」, 「曾於二〇二〇年三月調整一次」,
# "adjusted once in March 2020", «ajustei em março»: its date is no due date (p16-045, p16-001).
_PAST_ADJUSTMENT = re.compile(
    r"调整?(?:过|咗|了)|已(?:经)?调整|曾.{0,15}调|调整\w{0,2}[0-9一二两三四五六七八九十]+次"
    r"|\b(?:we|i|had|have|has)\b(?: \w+){0,2} adjusted\b|\badjusted\b(?: \w+){0,3} (?:once|twice|in|on)\b"
    r"|\bajust(?:ei|ámos|amos|ou|aram)\b"
)
# The instalment asked about (normalised): 「今次想問嘅係2021年2月到期嗰期」, "this one is due…",
# «a que quero saber…».
_ASKED_ABOUT = re.compile(
    r"今次|这次|呢次|想问|想查|\bthis one\b|\bthis time\b|\basking about\b|\bthe one i\b"
    r"|\ba que quero\b|\besta (?:vez|prestação|prestacao)\b|\bdesta vez\b"
)
# An instalment named by its month, the subject of its clause: 「如果我2020年11月那期已经调整过两次」
# (p12-034) speaks of that instalment, not of when an adjustment was made.
_NAMED_INSTALMENT = re.compile(r"^\D{0,6}\d{4}\s*年\s*\d{1,2}\s*月\s*(?:的)?(?:那|嗰|呢|该)期")
# A due date named as such (normalised; not 嗰期, which names the adjusted instalment as well).
_DUE_WORD = re.compile(r"到期|\bdue\b|\bvenc")


def _due_text(text: str) -> str:
    """The part of `text` that can tell the due date: all of it, unless it tells of a past
    adjustment, whose date (and that of the clause right after it that names no due date:
    「調過一次㗎喇，係2020年3月嗰期」) is no due date; then the clauses said of the instalment
    asked about (今次, "this one", «a que quero»), else the other clauses (none: asked)."""
    norm = normalise(text)
    if not _PAST_ADJUSTMENT.search(norm):
        return text
    clauses = [c for c in _CLAUSE_BREAK.split(norm) if c and c.strip()]
    asked_about = [c for c in clauses if _ASKED_ABOUT.search(c)]
    if asked_about:
        return ", ".join(asked_about)
    kept, after_adjustment = [], False
    for clause in clauses:
        if _PAST_ADJUSTMENT.search(clause) and not _NAMED_INSTALMENT.search(clause):
            after_adjustment = True
            continue
        if after_adjustment and not _DUE_WORD.search(clause):
            after_adjustment = False
            continue
        after_adjustment = False
        kept.append(clause)
    return ", ".join(kept)


def settled_due_date(options: list[dt.date]) -> dt.date | None:
    """The due date of the dates offered: the first, when all fall on one side of the measure's
    last due date (so that each would decide alike: 「前年嘅三月尾 定四月初」, p10-003); None for
    none, or when one falls before it and one after (the user is asked which)."""
    if options and len({day <= LAST_DUE_DATE for day in options}) == 1:
        return options[0]
    return None


# A value taken back in the same message (normalised): 「兩次 啊唔係 係一次」 was two adjustments,
# ruled out as "at most twice" (p10-009); "twice, no wait, once", «duas, quer dizer, uma». (Not
# the 不是 of 是不是, which asks; a no opening a message answers, `_leading_answer`.)
_TAKE_BACK = re.compile(
    r"(?<=\S)[\s,，]*(?:啊|呀|哦|噢|呃|咦|嗯)?\s*(?<![是系])(?:唔系|不是|唔啱|不对|讲错|说错|打错)(?:咗|了)?"
    r"[\s,，:：]*(?=\S)"
    r"|(?<=\S)[\s,，\-–—]*\b(?:no,? wait|wait,? no|no sorry|sorry,? no|i mean|i meant|sorry,? i meant?"
    r"|or rather|actually no)\b[\s,，:]*(?=\S)"
    r"|(?<=\S)[\s,，]*\b(?:quer dizer|aliás|alias|ou melhor|digo)\b[\s,，:]*(?=\S)"
)
# 「不是兩次，是一次」: what follows the 是 corrects what the 不是 denied.
_NOT_BUT = re.compile(r"^\W*(?:不是|唔系|并非)(?P<wrong>.+?)[,，\s]+(?:而)?(?:是|系)(?P<right>.+)$")


def _taken_back(
    norm: str, requested: str | None, today: dt.date | None
) -> tuple[dict[str, Any], tuple[str, ...]]:
    """The facts a message corrects within itself: each fact told both before the last word
    taking one back and after it, with the value told after it (and the slots whose value after
    it is beyond its bound). A fact told on one side only is no correction (「2020年5月，唔係最後
    一期」 is a date and a no)."""
    if not (split := _NOT_BUT.match(norm)):
        marks = list(_TAKE_BACK.finditer(norm))
        if not marks:
            return {}, ()
        before, after = norm[: marks[-1].start()], norm[marks[-1].end() :]
        # a value echoed as a question, then taken back: 「調過兩次？唔係，一次咋」 (p15-028)
        echoed = re.sub(r"[?？]+\s*$", "", before)
        if looks_like_question(after) or looks_like_question(echoed):
            return {}, ()
        before = echoed
    else:
        if looks_like_question(norm):
            return {}, ()
        before, after = split["wrong"], split["right"]
    earlier = _read_slots(before, requested, today=today)[0]
    later, too_large = _read_slots(after, requested, today=today)
    if len(earlier) == 1 and not later:
        # "we adjusted once before. sorry, I meant twice": the bare value after the mark
        # corrects the one fact told before it (p14-037 kept "once")
        (slot,) = earlier
        later, too_large = _read_slots(after, slot, today=today)
    corrected = {slot: later[slot] for slot in earlier.keys() & later.keys()}
    return corrected, tuple(slot for slot in too_large if slot in earlier)


# The sum an instalment is lowered from (normalised): 「12000調到1000」 in a first message, whose
# 1000 is the sum it is to be (p10-005: the check asked for the instalment again).
_LOWERED_FROM = re.compile(
    rf"(?P<zh>{NUMBER}\s*(?:k|千|万)?)\s*(?:mop|蚊|元|澳门元|澳门币|patacas)?\s*"
    rf"(?:调低|下调|减低|减少|调|减|降)(?:到|至|为|成)\s*(?:mop)?\s*\$?\s*{NUMBER}\s*(?:k|千|蚊|元)?"
    rf"|\bfrom (?:mop\s*\$?\s*)?(?P<en>{NUMBER}\s*k?)\s*(?:mop|patacas)?\s+(?:down )?to\s+"
    rf"(?:mop\s*\$?\s*)?{NUMBER}k?"
    r"|\bde (?:mop\s*)?(?P<pt>\d[\d.,]*)\s*(?:patacas)?\s+para\s+(?:mop\s*)?\d[\d.,]*"
)


def _lowered_from(norm: str) -> Decimal | None:
    """The instalment named as the sum lowered from; None when there is none, it is given roughly
    (`vague_values` asks again), or the words "from … to …" lower nothing (「from 2019 to 2020」)."""
    undated = _strip_dates(norm)
    match = _LOWERED_FROM.search(undated)
    if match is None or (not match["zh"] and not _LOWERING.search(undated)):
        return None
    if _told_roughly(undated, match) or _OTHER_CURRENCY.search(undated):
        return None
    amount = parse_amount(match["zh"] or match["en"] or match["pt"])
    return None if amount is None or amount <= 0 else amount


def lowered_roughly(text: str) -> bool:
    """Whether `text` names the instalment it lowers only roughly (「大概12000調到1000」)."""
    undated = _strip_dates(normalise(text))
    match = _LOWERED_FROM.search(undated)
    return match is not None and _told_roughly(undated, match)


def _told_roughly(undated: str, match: re.Match[str]) -> bool:
    """Whether the sum lowered from is given roughly, read up to that sum (its "12000 to 1000"
    is no range)."""
    name = next(group for group in ("zh", "en", "pt") if match[group])
    return vague_count(undated[: match.end(name)])


YES_NO = ("is_last_installment", "grant_cancelled")
# The facts read without a cue word (a scheme's name, a date).
_UNCUED = frozenset({"scheme", "installment_due_date"})


# A yes that is no mere "ok" (好，仲有3期 is no "yes, it is the last instalment").
_FIRM_YES = re.compile(r"^(?:是|系|是的|yes|yep|yeah|sim)\W*$")


# A yes or no closing a message after a word of consequence: 「仲有3期 所以唔係」, "3 more, so no".
_CLOSING_ANSWER = re.compile(
    r"(?:所以|即系|即是|咁即系|so|então|entao|logo)[\s,，]*(?P<answer>[^,，。.!?？]+?)\W*$"
)


def _closing_answer(norm: str) -> bool | None:
    """A bare no, or a firm yes, closing a message after 所以 / so (`_CLOSING_ANSWER`)."""
    clause = _CLAUSE_BREAK.split(norm)[-1].strip()
    if not (m := _CLOSING_ANSWER.fullmatch(clause)) or not is_bare_answer(m["answer"]):
        return None
    value = answer_value(parse_answer(m["answer"]))
    return None if value and not _FIRM_YES.match(m["answer"].strip()) else value


def implied_facts(found: dict[str, Any]) -> dict[str, Any]:
    """What facts told imply: two or more instalments left after this one (or with it) make it
    no last instalment (「仲有兩期」 after a verdict on a last instalment repeated that verdict,
    p12-047; 「check咗 仲有3期」 was asked again whether it was the last, p12-024). One left may
    be this one, and implies nothing."""
    remaining = found.get("remaining_installments_after")
    if "is_last_installment" in found or not isinstance(remaining, int) or remaining < 2:
        return {}
    return {"is_last_installment": False}


def _leading_answer(norm: str) -> bool | None:
    """A bare no, or a firm yes, opening a message whose other clauses state cued facts."""
    lead = _CLAUSE_BREAK.split(norm, maxsplit=1)[0]
    if not is_bare_answer(lead) or any(cue.search(lead) for _slot, cue, _parse in _CUED):
        return None
    value = answer_value(parse_answer(lead))
    return None if value and not _FIRM_YES.match(lead.strip()) else value


# The slots a number fills, with the words that tie a number to each.
_NUMBER_CUES = {
    "adjustments_used": _ADJUST_CUE,
    "remaining_installments_after": _REMAINING_CUE,
    "installment_amount": _AMOUNT_CUE,
}


def vague_values(text: str, requested: str | None, today: dt.date | None = None) -> tuple[str, ...]:
    """The slots that `text` gives only roughly (「仲有成十幾期」, "more than ten" asked how many
    remain, 「一兩次」 asked how many adjustments, 「大概兩萬」 asked the amount; two months either
    side of the measure's end asked the due date), which `read_slots` leaves out: the form asks
    for the exact value (probe 9: 10 instalments and MOP 20,000 were computed with)."""
    norm = normalise(text)
    if _HYPOTHETICAL.search(norm):
        return ()
    cued = tuple(
        slot
        for slot, cue in _NUMBER_CUES.items()
        if any(_rough(clause) for clause in _clauses_with(norm, cue))
    )
    if "installment_amount" not in cued and lowered_roughly(text):
        cued += ("installment_amount",)  # 「大概12000調到1000」
    options = _due_options(text, requested, today)
    if options and settled_due_date(options) is None:
        cued = ("installment_due_date", *cued)  # 「2020年12月定2021年1月」 (p10-003)
    if cued or requested not in _NUMBER_CUES:
        return cued
    uncued = not any(cue.search(norm) for _slot, cue, _parse in _CUED)
    return (requested,) if uncued and _rough(norm) else ()


def unclear_values(text: str, requested: str | None) -> tuple[str, ...]:
    """The amount, when `text` writes it as neither way of writing amounts reads (4.500.00 ·
    4,500,00): asked again, never guessed."""
    norm = normalise(text)
    if _HYPOTHETICAL.search(norm):
        return ()
    clauses = [norm] if requested == "installment_amount" else _clauses_with(norm, _AMOUNT_CUE)
    if any(unclear_number(_strip_dates(_TARGET.sub(" ", c))) for c in clauses):
        return ("installment_amount",)
    return ()


# The amount one wants to pay, after a word for lowering it anywhere before ("reduce my
# instalment of MOP 6500 to 1000" is no range from 6500 to 1000).
_LOWERING = re.compile(r"\b(?:reduc|lower|cut|bring|decreas|reduz|baix|diminu)\w*|减|调低|下调|降")
_TO_AMOUNT = re.compile(r"(?:\bto\b|\bpara\b|到|至)\s*(?:mop\s*)?\$?\s*[\d,.]+k?")


def _rough(clause: str) -> bool:
    """A number given roughly, other than in a date or as the amount one wants to pay."""
    clause = _TARGET.sub(" ", clause)
    if _LOWERING.search(clause):
        clause = _TO_AMOUNT.sub(" ", clause)
    return vague_count(_strip_dates(clause))


def answer_to_fact(text: str, intent: str | None) -> Answer | None:
    """The answer `text` gives to a question of the check: a refusal (「不想说」, "I'd rather not
    say", «prefiro não dizer») is none, whatever the NLU read (its deny was recorded as "not the
    last instalment" and decided the case, p15-012): it is taken as not knowing that fact."""
    if declines_to_say(text):
        return Answer.DONT_KNOW
    return read_answer(text, intent)


def answer_value(answer: Answer | None) -> bool | None:
    """True for yes, False for no; None for "don't know" and for no answer."""
    return None if answer in (None, Answer.DONT_KNOW) else answer is Answer.YES


# Not yet paid or due, which negates no fact of the check: 「得返最後一期未還」 is the last
# instalment (its 未 had made it "not the last instalment", probe 9), as 「最後一期仲未到期」 is.
_UNPAID = re.compile(
    # (not 俾 / 畀 of the passive: 「冇俾人取消過」 is "never cancelled", read as cancelled, p13-023)
    r"(?:未|冇|没有?|仲未|还未|尚未)(?:还|供|交|付|(?:俾|畀)(?!\w{0,4}(?:取消|撤销))|清|偿还|缴|到期)(?:款|钱)?"
    r"|\bnot (?:yet )?(?:re)?paid\b|\bnot (?:yet )?due\b|\bunpaid\b|\boutstanding\b|por pagar"
    r"|\bainda não (?:paga|pago|venceu)"
)


# A conjunction opening a clause (normalised), which negates nothing: the 不 of 「不過之前…取消咗
# 資助」 made it "not cancelled" (p14-032, p14-024).
_OPENING_CONJUNCTION = re.compile(
    r"^\s*(?:不过|但系|但是|但|可是|然而|只不过|不过呢|however|though|porém|contudo|todavia)[\s,，]*"
)


def _yes_or_cued(clause: str, cue: re.Pattern[str] | None) -> bool | None:
    """援助冇被取消 → False, 援助已被取消 → True (the cue alone is a yes), 唔知有冇被取消 → None;
    得返最後一期未還 → True; 不過之前俾經濟局取消咗資助 → True."""
    clause = _OPENING_CONJUNCTION.sub("", clause)
    if has_refusal(clause):
        return None  # 「最後一期與否不方便講」 declines to say (p15-012)
    answer = parse_answer(_UNPAID.sub(" ", clause))
    if answer is None and cue is not None and cue.search(clause):
        return True
    return answer_value(answer)


# (not an ordinal: "it was my 2nd adjustment - I had adjusted once before" read 2, probe 11)
_COUNT_TOKEN = re.compile(
    rf"(?<!\d)\d+(?:e\+?\d+)?(?!\d|st|nd|rd|th)|(?<!第){CN_NUMERAL}|没有?|冇|未|从未|"
    r"\b(?:zero|once|twice|one|two|three|four|five|six|seven|eight|nine|ten|none|never|nenhum|"
    r"nunca|nenhuma|uma|um|duas|dois|três|tres|quatro|cinco|seis|sete|oito|nove|dez)\b"
)


def _nearest_count(clause: str, cue: re.Pattern[str] | None) -> int | None:
    """The count written closest to the cue: 仲有十期 · 10 instalments remain · restam 5; None
    for a count given roughly (仲有十幾期 · more than ten: `vague_values`)."""
    clause = _strip_dates(clause)
    if vague_count(clause):
        return None
    tokens = list(_COUNT_TOKEN.finditer(clause))
    match = cue.search(clause) if cue else None
    if match:
        tokens.sort(key=lambda t: min(abs(t.start() - match.end()), abs(match.start() - t.end())))
    for token in tokens:
        value = parse_count(token.group())
        if value is not None:
            return value
    return None


def _positive_count(clause: str, cue: re.Pattern[str] | None) -> int | None:
    count = _nearest_count(clause, cue)
    return count if count is not None and count >= 1 else None


# The sum an instalment is to be lowered to (normalised), which is no instalment: 「減到1000蚊」,
# "reduce it to MOP 1,000", «reduzir para 1000 patacas» ruled cases out as "not above MOP 1,000".
_TARGET = re.compile(
    r"(?:减|调低|下调|降|减低|减少|调)(?:到|至|为|成)\s*(?:mop|澳门元|澳门币)?\s*\$?\s*[\d,.千一k]+"
    r"\s*(?:千|蚊|元|澳门元|澳门币|patacas|mop)?"
    r"|\b(?:reduc|lower|cut|bring|adjust|decreas)\w* (?:[a-z']+ ){0,5}?(?:down )?to (?:just |only )?"
    r"(?:mop\s*\$?\s*)?[\d,.]+k?(?:\s*(?:mop|patacas))?"
    r"|\b(?:reduz|baix|ajust|diminu)\w* (?:[a-zà-ÿ]+ ){0,5}?para (?:apenas |só )?(?:mop\s*)?[\d.,]+"
    r"(?:\s*(?:mop|patacas))?"
)


def _amount(clause: str, cue: re.Pattern[str] | None) -> Decimal | None:
    """The instalment's amount. Read beside a cue (instalment, 每期), a number under MOP 1,000
    needs a money word: "instalment due May '20" holds no amount of 20, whose ruling would rule
    the case out on a sum nobody gave."""
    if _OTHER_CURRENCY.search(clause):
        return None  # HKD 3000 is no MOP 3,000
    if _rough(clause):
        return None  # 「大概兩萬」: asked for exactly (`vague_values`)
    clause = _TARGET.sub(" ", clause)
    undated = _strip_dates(clause)
    if unclear_number(undated):
        return None  # 4.500.00: which sum is asked (`unclear_values`), never guessed
    # the sum beside a currency first: «faltavam mais 3 … MOP 4.500,00» is no instalment of 3
    priced = money_amount(undated)
    amount = priced if priced is not None else parse_amount(undated)
    if amount is None or amount <= 0:
        return None
    if cue is not None and amount < 1000 and not _MONEY_WORD.search(clause):
        return None
    return amount


_CUED: tuple[tuple[str, re.Pattern[str], Any], ...] = (
    ("is_last_installment", _LAST_CUE, _yes_or_cued),
    ("grant_cancelled", _CANCEL_CUE, _yes_or_cued),
    ("adjustments_used", _ADJUST_CUE, _nearest_count),
    ("remaining_installments_after", _REMAINING_CUE, _positive_count),
    ("installment_amount", _AMOUNT_CUE, _amount),
)
# Clause breaks: punctuation (a comma only when it is not a thousands separator), a space
# between Chinese phrases, and "and"/"but" ("e"/"mas").
_CLAUSE_BREAK = re.compile(
    r"(?<!\d),|,(?!\d)|[;。!?\n]|(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])|"
    # (not the "e" of «nao e a ultima», "is not the last", typed without accents)
    r"\s+and\s+|(?<!nao)(?<!não)\s+e\s+|\s+but\s+|\s+mas\s+|\s[-–—]\s"  # "11 left - am I eligible?"
)


def _asked(text: str, clause: str) -> bool:
    """Whether `clause` of `text` asks rather than states (a question word, or a "?" after it;
    not a "?" after digits: "hato scheme, adjusted once, 11 left?" tells a count)."""
    after = text[text.find(clause) + len(clause) :].lstrip()
    if looks_like_question(clause):
        return True
    return after.startswith(("?", "？")) and not re.search(r"\d", clause)


def _clauses_with(text: str, cue: re.Pattern[str]) -> list[str]:
    return [clause for clause in _CLAUSE_BREAK.split(text) if cue.search(clause)]


# The date shapes parse_due_date reads (and 2020-05), never part of a longer number: 8,500.50
# and 12000.5 are amounts.
_DATE = re.compile(
    r"\d{4}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号])?|(?:19|20)\d\d\s*年|"
    r"(?<![\d.,])\d{2}\s*年\s*\d{1,2}\s*月|"
    rf"(?:\b\d{{1,2}}\s*(?:de\s+)?)?\b(?:{MONTH_NAMES})\.?\s*(?:de\s+)?,?\s*(?:\d{{4}}|'\d{{2}}\b)|"
    r"(?<![\d.,])(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{4}|"
    r"\d{1,2}[-/]\d{4}|\d{4}[-/]\d{1,2})(?![\d.,]\d)|"
    r"\b(?:in|em|de|of|year|ano)\s+(?:19|20)\d\d\b(?![/.-]\d)|"
    # a month or a day without a year, never a count: 「二〇二〇年三月」, 「三月」, 「3月」, "March 3",
    # "3 March", «3 de março» (p16-044: 「曾於二〇二〇年三月調整一次」 was three adjustments)
    r"[〇零一二三四五六七八九]{4}\s*年|(?<![\d〇零一二两三四五六七八九十])(?:\d{1,2}|十[一二]?|[一二三四五六七八九])"
    r"\s*月(?:\s*(?:\d{1,2}|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])\s*[日号])?|"
    rf"\b(?:{MONTH_NAMES})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?![\d,.])|"
    rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+|de\s+)?(?:{MONTH_NAMES})\b"
)


def _strip_dates(text: str) -> str:
    return _DATE.sub(" ", text)


# A command typed, or a button's payload sent as text (the gateway strips the "/" of one it did
# not offer): `deny{"answer_to":"grant_cancelled"}`, `ask_gba_measures{"kb_entry":"…"}`.
_COMMAND_TEXT = re.compile(r"^\s*/?[a-z_]+\s*(?:\{.*\})?\s*$", re.DOTALL)


def is_command_text(text: str) -> bool:
    """Whether `text` is a command's words (an intent name, with or without its JSON), which
    state no fact."""
    return bool(_COMMAND_TEXT.match(text)) and ("_" in text or "{" in text)


# Words of doubt (normalised): 「好似」, "maybe", «acho que». Not 「唔可能」 (cannot be), nor 應該
# (「應該係9月」 corrects).
_HEDGE = re.compile(
    r"好似|好像|似乎|(?<![唔不])可能|大概|估计|或者系|或许|\bmaybe\b|\bperhaps\b|\bprobably\b"
    r"|\bi think\b|\bi guess\b|\bseems?\b|\bpossibly\b|\btalvez\b|\bacho que\b|\bparece\b"
    r"|\bse calhar\b|\bprovavelmente\b"
)
# A grant given back after it was cancelled (normalised): 「後來恢復咗」, "reinstated", «reposto».
_REINSTATED = re.compile(
    r"恢复|复效|重新批|\breinstat|\brestored\b|\breactivat|\brepost[oa]s?\b|\breativad"
    r"|\brestabelecid|\brestitu[ií]d"
)
# The facts that decide the case outright: told with doubt, they are asked again to confirm.
DOUBTABLE = ("is_last_installment", "grant_cancelled", "adjustments_used")
_DOUBT_CUES: dict[str, re.Pattern[str]] = {
    "is_last_installment": _LAST_CUE,
    "grant_cancelled": _CANCEL_CUE,
    "adjustments_used": re.compile(f"{_ADJUST_CUE.pattern}|{_TIMES.pattern}"),
}


def _doubted(norm: str, requested: str | None) -> tuple[str, ...]:
    """The deciding facts `norm` tells with doubt, or says it does not know: 「之前好似俾經濟局
    取消咗資助」 (p14-032: read as not cancelled, then eligible), "not sure, maybe once" (p14-037:
    the verdict used once), 「唔知算唔算取消」 at the adjustments question (p14-024: the
    adjustments question was said to decide the result). A bare doubtful answer (「好似係」) to the
    question asked is doubted too."""
    norm = _without_other_last(norm)
    doubted = [
        slot
        for slot, cue in _DOUBT_CUES.items()
        if any(
            (_HEDGE.search(clause) and not _asked(norm, clause)) or is_dont_know(clause)
            for clause in _clauses_with(norm, cue)
        )
    ]
    cancelling = _clauses_with(norm, _CANCEL_CUE)
    told_cancelled = any(_yes_or_cued(c, _CANCEL_CUE) for c in cancelling)
    if _REINSTATED.search(norm) and (
        told_cancelled or (not cancelling and requested == "grant_cancelled")
    ):
        # "cancelled once in 2019 but then DSE reinstated it" was "cancelled" (p16-037): not
        # cancelled now, it seems, but confirmed before it decides anything (「唔係取消，係暫停咗
        # 一排，而家已經恢復咗」 says it was not cancelled: p14-024)
        doubted.append("grant_cancelled")
    uncued = not any(cue.search(norm) for cue in _DOUBT_CUES.values())
    if requested in DOUBTABLE and uncued and _HEDGE.search(norm) and not looks_like_question(norm):
        doubted.append(requested)  # 「好似係」, "maybe" at "is it the last instalment?"
    return tuple(dict.fromkeys(doubted))


def doubted_facts(text: str, requested: str | None = None) -> tuple[str, ...]:
    """The deciding facts `text` tells with doubt or does not know (see `_doubted`): none is
    taken, each is asked for again, to be confirmed."""
    norm = normalise(text)
    if _HYPOTHETICAL.search(norm) or is_command_text(text):
        return ()
    return _doubted(norm, requested)


# Asking staff to do something for one (normalised): 「我想请工作人员帮我查一下…还款记录」 began the
# check (p14-020); the hand-off, with its consent, is what was asked for.
_STAFF_TO_ACT = re.compile(
    r"(?:请|让|叫|要|想|找|揾|希望|麻烦)(?:你哋|你们|贵局|经济局)?(?:的|嘅)?(?:专人|职员|工作人员|同事|负责人|人工)"
    r"(?:帮|同|替|为|去|查|睇|看|跟)"
    r"|\b(?:can|could|would) (?:a |one of )?(?:your )?(?:staff|officers?|staff member|someone from the"
    r" bureau) (?:please )?(?:check|look (?:at|into|up)|pull up|find)"
    r"|\b(?:um|uma) (?:funcionári[oa]|pessoa) (?:pode|podia|poderia) (?:verificar|ver|consultar)"
    # someone to follow something up: 「我想搵人跟進下我公司CITES證書嘅申請進度」 began the
    # repayment check (p16-034)
    r"|(?:揾|找)(?:个|一个|位)?(?:人|职员|工作人员|同事|专人)(?:帮(?:我|手)?|同我|嚟|来|去)?"
    r"(?:跟进|处理|跟|查|睇下|看看|看一下)"
    r"|\b(?:can|could|would) (?:someone|somebody|a person|anyone)(?: from [\w ]{2,20}?)?"
    r" (?:please )?(?:follow (?:it |this |that )?up|check|look into|handle)"
    r"|\bi (?:want|need|would like|'d like) (?:someone|somebody|a person|a staff member) to"
    r" (?:follow (?:it |this |that )?up|check|look into|handle)"
    r"|\b(?:alguém|alguem) (?:pode|podia|poderia|que possa) (?:acompanhar|verificar|tratar|ver)"
)


def asks_staff_to_act(text: str) -> bool:
    """Whether `text` asks the bureau's staff to do something (look up one's records): a request
    for staff, which the check cannot meet."""
    return bool(_STAFF_TO_ACT.search(normalise(text)))
