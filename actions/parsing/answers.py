"""Yes / no / don't know, in all five writing styles, from the words and the NLU's intent; and
whether a message asks something, or about the user's own case.
"""

from __future__ import annotations

import enum
import re

from knowledge.text import normalise


class Answer(enum.Enum):
    """An answer to a yes/no question. "Don't know" is never yes or no."""

    YES = "yes"
    NO = "no"
    DONT_KNOW = "dont_know"


# The NLU intents that are answers (domain.yml), and what each one means.
ANSWER_INTENTS = {"affirm": Answer.YES, "deny": Answer.NO, "dont_know": Answer.DONT_KNOW}

# Patterns run on normalised text (Simplified, lower case; knowledge/text.py).
_DONT_KNOW = re.compile(
    r"(唔知|不知|唔清楚|不清楚|唔记得|不记得|忘记|唔肯定|不肯定|唔确定|不确定|冇印象|没印象|"
    r"(?:不|唔)太(?:确定|肯定|清楚|记得)|(?:没法|无法|未能|不能|冇办法|唔能够)(?:确定|肯定|确认)|"
    r"(?:才|先)(?:知道|知)|\bneed to check\b|\bhave to check\b|preciso de verificar|tenho de verificar|"
    r"\bdon'?t know\b|\bdo not know\b|\bdunno\b|\bidk\b|\bnot sure\b|\bno idea\b|\bunsure\b|"
    r"\bnot certain\b|can'?t remember|\bnão sei\b|\bnao sei\b|não tenho (?:a )?certeza|não me lembro|não estou cert[oa])"
)
# Words of politeness or approval that contain a negation character or word: 唔该 ("thanks",
# with 唔), 冇问题 / no problem ("no problem" = yes), 不错 ("not bad" = right).
_POLITE = re.compile(
    r"(唔该晒|唔该|麻烦晒|麻烦你|多谢|谢谢|thanks|thank you|please|por favor|obrigad[oa])"
)
_APPROVAL = re.compile(
    r"(冇问题|没问题|无问题|冇所谓|没关系|不错|唔错|冇错|没错|无错|\bno problem\b|\bno worries\b|"
    r"\bnot a problem\b|sem problema|não há problema|nao ha problema)"
)
_NO = re.compile(
    r"(不是|唔系|唔好|不好|不要|唔要|不用|唔使|不需要|唔需要|不同意|唔同意|唔啱|不对|否|没|冇|未|并非|并不|并无|"
    r"从无|无被|(?<!是)非(?!常)|"
    r"^不|^唔|\bno\b|\bnope\b|\bnah\b|\bnot\b|n['’]t\b|\bnão\b|\bnao\b|\bnem\b|\bnunca\b|"
    r"\bnever\b|"
    # typed without the apostrophe: "the grant wasnt cancelled" was a yes (p10-056)
    r"\b(?:is|was|were|are|do|does|did|have|has|had|ca|could|wo|would|should|ai)nt\b)"
)
_YES = re.compile(
    r"^(是|系|对|有|啱|好|得|可以|同意|确定|当然|yes|yeah|yep|yup|y|ok|okay|sure|correct|right|"
    r"agreed?|of course|go ahead|sim|claro|certo|pode ser|pode|está bem|esta bem|exato|exacto|"
    r"concordo|com certeza)(?![a-zà-ÿ])|是最后|系最后"
)


def parse_answer(text: str) -> Answer | None:
    """Yes, no or don't know from the words of a short answer, None when it is none of them.

    Don't know first (我唔知 is not "no"); politeness and approval phrases are set aside before
    the negations are looked for (好，唔该 and 冇问题 are yes); a negation beats a yes
    (唔系最后一期 is no)."""
    norm = normalise(text).strip()
    if _DONT_KNOW.search(norm):
        return Answer.DONT_KNOW
    approved = bool(_APPROVAL.search(norm))
    rest = _APPROVAL.sub(" ", _POLITE.sub(" ", norm)).strip().strip(",.!。~")
    if _NO.search(rest):
        return Answer.NO
    if approved or _YES.search(rest):
        return Answer.YES
    return None


# A message that asks something (on normalised text): inside a form it is answered from the
# knowledge base, not taken for an answer (「咁點算好」, "so what do I do?", is no yes).
_QUESTION = re.compile(
    r"[?？]|呢\W*$|点(?:还|做|计|算|申请|办|搞|揾|去|样|解|先)|咩|乜|怎么办|咋办|几时|边度|边个|边间|几多|什么|怎么|怎样|为什么|为何|哪|"
    r"吗|嘛|是否|可唔可以|系咪|系唔系|有冇|\b(?:what|how|when|where|why|who|which|can i|do i|is there|"
    r"are there)\b|\b(?:o que|como|quando|onde|qual|quais|quem|porque|porquê|posso)\b"
    # 「幾錢」 (NLU: yes) after an answer offering staff opened the hand-off (p10-018); 「係邊日開
    # 㗎」 (NLU: "are you a bot?") after the CITES meeting got "I am an automated assistant"
    # (p10-008); not 旁邊位 ("the seat beside"); 「好的，你们的邮箱是多少」 (NLU: yes, probe 11)
    r"|几钱|多少|(?<![旁周这那两左右身岸海路外里前后上下东南西北])边(?:日|年|位)"
    # a verb and its negation: 「仲使唔使其他牌」, 要唔要, 是不是 (p10-006: no question, so the
    # NLU's reading began the repayment check on a Kimberley licence question)
    r"|(?![唔不])([\u4e00-\u9fff])[唔不]\1"
)


# The user's own case (normalised): "I", "my company", 「我間舖」, «a minha empresa».
_OWN_CASE = re.compile(
    r"我|本公司|本人|敝公司|\b(?:i|i'm|my|we|our|us)\b|\b(?:eu|minha|meu|nossa|nosso|nós)\b"
)


def about_own_case(text: str) -> bool:
    return bool(_OWN_CASE.search(normalise(text)))


# Wanting one's own repayment adjusted (normalised), which the eligibility check is for.
_ADJUSTMENT = re.compile(
    r"调整还款|调整(?:返)?(?:供款|还钱)|减供|调低(?:还款|供款)|\badjust(?:ing|ment of)? (?:my |our |the )?"
    r"(?:repayment|instalment)|\breduce (?:my |our |the )?(?:repayment|instalment)"
    r"|\bajust(?:ar|amento d)\w* (?:a |o |as |os |do |da )?(?:minha |meu |nossa |nosso )?(?:prestaç|reembols)"
)


# Asking for the check by name: "repayment adjustment check please", 「幫我查核調整還款」.
_CHECK_ASKED = re.compile(
    r"\b(?:repayment|adjustment|eligibility)\b[\w ]{0,20}\bcheck\b|\bcheck (?:my |our |the )?"
    r"(?:repayment|adjustment|eligibility)|(?:查核|检查|核查|check下?)[^。？?]{0,6}(?:调整还款|还款调整|资格)"
    r"|(?:调整还款|还款调整)[^。？?]{0,4}(?:查核|检查|核查)|verific\w* (?:o |a )?(?:meu |minha )?"
    r"(?:caso|elegibilidade|ajustamento)"
    # probe 7: 「想check下個還款可唔可以調」, 「我想查还款调整」, «Preciso de ajuda com o reembolso»
    r"|(?:想|要|帮我)查(?:一下|下)?[^。？?]{0,4}(?:调整还款|还款调整)|check下?[^。？?]{0,4}还款[^。？?]{0,6}调"
    r"|ajuda com (?:o |a )?(?:meu |minha )?(?:reembolso|prestação)"
)


def wants_own_adjustment(text: str) -> bool:
    norm = normalise(text)
    return (about_own_case(text) and bool(_ADJUSTMENT.search(norm))) or bool(
        _CHECK_ASKED.search(norm)
    )


def looks_like_question(text: str) -> bool:
    return bool(_QUESTION.search(normalise(text)))


# Declining to say (normalised), whatever was asked: 「唔講得」, 「不想说」, 「不方便透露」, 「保密」,
# "I'd rather not say", "none of your business", «prefiro não dizer», «não quero dizer». One source
# for the hand-off's name (`contacts.declines_name`, probe 11) and the repayment check's facts,
# where a refusal was read as "no" and decided the case (p15-012, p15-005): `declines_to_say`.
REFUSAL_WORDS = (
    r"(?:我)?(?:都)?(?:唔|不)(?:讲|说|话|告诉)(?:得|你知|你|)|讲唔得|话唔得|答唔得"
    r"|(?:我|本人)?(?:都)?(?:唔|不)(?:想|愿意?|方便|便)(?:讲|说|话|答|回答|透露|告诉你?|留|提供|俾|畀|给)"
    r"|(?:本人|我)?(?:唔|不)(?:方便|便)(?:讲|说|透露|提供|留)|(?:本人|我)?(?:唔|不)方便"
    r"|保密|秘密|无可奉告|私人(?:资料|嘢|事)"
    r"|none of (?:your|ur) business|not telling(?: you)?|not saying|no comment"
    r"|(?:i'?d |i would )?(?:rather|prefer) not(?: to)?(?: (?:say|tell|give|share|give you|tell you"
    r"|answer|disclose))?(?: (?:it|that))?"
    r"|i (?:don'?t|do not) want to (?:say|tell you|answer|disclose)(?: (?:it|that))?|i won'?t (?:say|tell)"
    r"|prefiro não (?:dizer|dar|indicar|revelar|responder)|não (?:digo|quero dizer|quero responder|dou)"
    r"|não interessa"
)
# A message, or a clause of one, that only declines: 「这个不方便透露」, 「呢樣唔講得」, "sorry, I'd
# rather not say".
_DECLINES_TO_SAY = re.compile(
    r"^\W*(?:(?:no|nah|sorry|不好意思|对不起|唔好意思|抱歉|desculpe|não)\W+)?"
    r"(?:这个|这样|这些|这|呢个|呢样|呢啲|呢|嗰个|那个|that|this|isso|essa|esse)?\W*"
    rf"(?:{REFUSAL_WORDS})"
    r"\W*(?:啦|喇|呀|啊|嘅|咯|囉|了|喔|哦|嘛|喎|lah|la|ok|thanks|please|pls|obrigad[oa])?\W*$"
)
_REFUSAL_CLAUSE_BREAK = re.compile(
    r"[,，。.!！?？;；\n]+|(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])"
)


def declines_to_say(text: str) -> bool:
    """Whether `text`, or one of its clauses, only declines to say (`_DECLINES_TO_SAY`): never a
    yes or a no to what was asked."""
    norm = normalise(text)
    return any(
        _DECLINES_TO_SAY.match(clause)
        for clause in _REFUSAL_CLAUSE_BREAK.split(norm)
        if clause.strip()
    ) or bool(_DECLINES_TO_SAY.match(norm))


_REFUSAL = re.compile(REFUSAL_WORDS)


def has_refusal(text: str) -> bool:
    """Whether refusal words occur anywhere in `text` (normalised): 「最后一期与否不方便讲」."""
    return bool(_REFUSAL.search(normalise(text)))


def read_answer(text: str, intent: str | None) -> Answer | None:
    """The answer the NLU recognised (affirm / deny / dont_know), checked against the words: when
    the words say something else (the NLU's affirm for 唔同意), neither is trusted and the
    question is asked again. The words alone when the NLU saw another intent (a button label,
    an answer it was unsure of). "Don't know" in the words is don't know whatever the NLU read;
    a question with no no in it is none (the NLU's affirm for 「咁點算好」)."""
    heard = ANSWER_INTENTS.get(intent or "")
    said = parse_answer(text)
    if said is Answer.DONT_KNOW:
        return said  # 「…還沒法確定，要翻文件才知道」 read by the NLU as deny: never a no
    if said in (None, Answer.YES) and looks_like_question(text):
        return None  # "ok and can I apply online?" asks; its ok is no yes to what was asked
    if heard is None or said is None:
        return heard or said
    return heard if heard is said else None


# A message that is nothing but a yes or a no (normalised): no name and no question for staff
# ("yes" was taken as both; probe 5). Not parse_answer, which finds a no in a name (陳非, 林未來).
_BARE_ANSWER = re.compile(
    r"^(?:yes|yeah|yep|ok|okay|sure|no|nope|sim|não|nao|ok sim|是|是的|系|好|好的|可以|对|冇|无|没有"
    r"|不是|唔系|唔好|不好"
    # yes as people type it to the consent question, before their name (p10-017, p10-050)
    r"|得|好呀|好啊|系呀|可以呀|同意|sure thing|yes please|of course|agreed|go ahead|claro|pode ser"
    # («Sim, concordo. Chamo-me João Pereira…» filed «concordo» as the name, probe 11)
    r"|concordo|aceito|de acordo|i agree|agree|i consent|alright|fine)\W*$"
)


def is_bare_answer(text: str) -> bool:
    return bool(_BARE_ANSWER.match(normalise(text).strip()))


# The first clause of a message that goes on: up to a comma or full stop, or a space between
# Chinese words (「得 我叫黃小姐 電話62223333」, 「唔使住 我想知邊個部門搞…」, p10-017, p10-018).
_OPENING = re.compile(
    r"^\s*([^，,;；。.!！?？\n]+?)\s*(?:[，,;；。.!！\n]+\s*|(?<=[\u3400-\u9fff])\s+(?=[\u3400-\u9fff]))(?=\S)"
)
# A no that opens a message (normalised), besides the bare answers: not any clause with a no in
# it, which a name can be (陳非).
_NO_THANKS = re.compile(
    r"^(?:唔使|不用|唔要|不要|唔需要|不需要|唔好|不好)(?:住|喇|啦|了|啊|呀|嘞)?"
    r"|^(?:no|nope|nah)(?:,? thanks?| thank you)?|^não(?:,? obrigad[oa])?"
)


def opening_answer(text: str) -> tuple[Answer | None, str]:
    """The yes or no a message opens with before it says more, and what it says after it:
    「唔使住 我想知…」 → (no, 「我想知…」); (None, `text`) when it opens with neither or says
    nothing more."""
    found = _OPENING.match(text)
    head = normalise(found.group(1)).strip() if found else ""
    if not (is_bare_answer(head) or _NO_THANKS.fullmatch(head)) or found is None:
        return None, text
    answer = parse_answer(head)
    if answer not in (Answer.YES, Answer.NO):
        return None, text
    return answer, text[found.end() :].strip()


def parse_yes_no(text: str) -> bool | None:
    """Yes → True, no → False; None for "don't know" and for anything else."""
    answer = parse_answer(text)
    return None if answer in (None, Answer.DONT_KNOW) else answer is Answer.YES


# A message that only thanks (normalised: Simplified, lower case): «obrigado» and «ok obrigado»,
# which the NLU has read as out of scope, get thanks back, not the scope sentence.
_THANKS_ONLY = re.compile(
    r"^(?:(?:ok|okay|好|好的|咁|嗯)\W*)?(?:多谢晒?|唔该晒?|谢谢(?:你|您|晒)?|非常感谢|感谢|"
    r"thanks?(?: you)?(?: (?:so|very) much| a lot)?|thx|tks|thks|thnx|thanx|tq|ty|cheers"
    r"|(?:muito )?obrigad[oa]s?)"
    # (and a word for the one thanked: "tks bro", probe 9)
    r"(?:\W*(?:啦|喇|呀|你|您|晒|bro|man|mate|dude|buddy|pal|lah|la|ah))*[\W]*$"
)


def is_thanks(text: str) -> bool:
    return bool(_THANKS_ONLY.match(normalise(text).strip()))


def is_dont_know(text: str) -> bool:
    return bool(_DONT_KNOW.search(normalise(text)))
