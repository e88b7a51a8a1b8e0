"""Turning retrieval results into what the user reads: text, buttons, sources (pure functions)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from knowledge.language import Lang
from knowledge.schema import Entry, Topic

HANDOFF_PAYLOAD = "/request_human"
# The bureau's contact line as printed in the newsletter.
BUREAU_PHONE = "85972343"
BUREAU_EMAIL = "info@cepa.gov.mo"

# The source line: the newsletter's article in the reader's language; English and Portuguese
# readers get our translation of the title and the title as printed (the newsletter is Chinese).
_SOURCE = {
    "zh-Hant": "資料來源：《緊貿安排快訊》2019年12月，第{n}篇〈{title}〉",
    "zh-Hans": "资料来源：《紧贸安排快讯》2019年12月，第{n}篇〈{title}〉",
    "en": "Source: CEPA Express (published in Chinese), December 2019, article {n}: “{title}” "
    "(original title: {printed})",
    "pt": "Fonte: boletim CEPA Express (publicado em chinês), Dezembro de 2019, artigo {n}: "
    "«{title}» (título original: {printed})",
}
_EXPIRED = {
    "zh-Hant": "注意：此措施只適用於{date}前的還款，該期限已經屆滿。如需了解現時安排，請聯絡經濟局。",
    "zh-Hans": "注意：此措施只适用于{date}前的还款，该期限已经届满。如需了解现时安排，请联络经济局。",
    "en": "Please note: this measure only covered repayments due before {date}; that period has "
    "ended. Please contact the Economic Bureau about current arrangements.",
    "pt": "Atenção: esta medida abrangia apenas os reembolsos devidos antes de {date}; esse prazo "
    "já terminou. Contacte a Direcção dos Serviços de Economia sobre as condições actuais.",
}
_NOT_SURE = {
    "zh-Hant": "抱歉，我未能確定答案。你是否想了解以下題目？亦可以將問題轉交職員跟進。",
    "zh-Hans": "抱歉，我未能确定答案。你是否想了解以下题目？也可以将问题转交职员跟进。",
    "en": "Sorry, I am not sure I can answer that. Did you mean one of these topics? I can also "
    "pass your question to our staff.",
    "pt": "Desculpe, não tenho a certeza da resposta. Refere-se a um destes temas? Também posso "
    "encaminhar a sua pergunta para os nossos funcionários.",
}
_PLAUSIBLE = {
    "zh-Hant": "你是否想問：「{title}」？以下是這個問題的答案；如果不是，可以選擇下面其他題目，或將問題轉交職員跟進。",
    "zh-Hans": "你是否想问：「{title}」？以下是这个问题的答案；如果不是，可以选择下面其他题目，或将问题转交职员跟进。",
    "en": "Is this what you mean: “{title}”? Here is its answer. If not, choose another topic "
    "below or pass your question to our staff.",
    "pt": "É isto que pretende saber: «{title}»? Segue a resposta. Se não for, escolha outro tema "
    "abaixo ou encaminhe a pergunta para os nossos funcionários.",
}
# The topics the assistant covers, as the scope sentence names them (the newsletter's topics).
SCOPE_TOPICS: dict[Topic, dict[Lang, str]] = {
    "cepa_services": {"zh-Hant": "CEPA服務貿易協議", "zh-Hans": "CEPA服务贸易协议",
                      "en": "the CEPA Agreement on Trade in Services",
                      "pt": "o Acordo sobre Comércio de Serviços do CEPA"},
    "gba_measures": {"zh-Hant": "粵港澳大灣區惠澳政策措施", "zh-Hans": "粤港澳大湾区惠澳政策措施",
                     "en": "the Greater Bay Area measures for Macao",
                     "pt": "as medidas da Grande Baía em benefício de Macau"},
    "sme_repayment": {"zh-Hant": "調整各項援助計劃的還款", "zh-Hans": "调整各项援助计划的还款",
                      "en": "the SME aid repayment adjustment",
                      "pt": "o ajustamento dos reembolsos dos planos de apoio às PME"},
    "kimberley_process": {"zh-Hant": "金伯利進程證書制度", "zh-Hans": "金伯利进程证书制度",
                          "en": "the Kimberley Process Certification Scheme",
                          "pt": "o Sistema de Certificação do Processo de Kimberley"},
    "import_licensing": {"zh-Hant": "進口許可", "zh-Hans": "进口许可",
                         "en": "import licensing", "pt": "o licenciamento de importação"},
    "cites": {"zh-Hant": "CITES履約", "zh-Hans": "CITES履约", "en": "CITES",
              "pt": "a CITES"},
    "quality_certification": {"zh-Hant": "粵澳質量檢測認證合作", "zh-Hans": "粤澳质量检测认证合作",
                              "en": "quality certification cooperation with Guangdong",
                              "pt": "a cooperação com Guangdong em testes de qualidade e certificação"},
}  # fmt: skip
_OUT_OF_SCOPE = {
    "zh-Hant": "抱歉，這個問題不在我的解答範圍。我只能解答CEPA及經濟局相關經貿措施的查詢，包括：{topics}。"
    "如有需要，我可以將問題轉交職員跟進。",
    "zh-Hans": "抱歉，这个问题不在我的解答范围。我只能解答CEPA及经济局相关经贸措施的查询，包括：{topics}。"
    "如有需要，我可以将问题转交职员跟进。",
    "en": "Sorry, that is outside what I can help with: I can only answer questions about CEPA and "
    "the Economic Bureau's trade measures, namely {topics}. If you like, I can pass your question "
    "to our staff.",
    "pt": "Desculpe, esse assunto está fora do meu âmbito: só posso responder a perguntas sobre o "
    "CEPA e as medidas comerciais da Direcção dos Serviços de Economia, a saber: {topics}. Se "
    "quiser, posso encaminhar a pergunta para os funcionários.",
}
_STILL_NOT_SURE = {
    "zh-Hant": "抱歉，我仍然未能解答你的問題。我可以將問題轉交職員跟進；你亦可致電經濟局 {phone} 或電郵至 {email}。",
    "zh-Hans": "抱歉，我仍然未能解答你的问题。我可以将问题转交职员跟进；你也可致电经济局 {phone} 或电邮至 {email}。",
    "en": "Sorry, I still cannot answer your question. I can pass it to our staff; you can also "
    "call the Economic Bureau on {phone} or e-mail {email}.",
    "pt": "Desculpe, continuo sem conseguir responder. Posso encaminhar a pergunta para os nossos "
    "funcionários; também pode ligar para a Direcção dos Serviços de Economia através do {phone} "
    "ou enviar um e-mail para {email}.",
}
# Facts about the repayment measure come with a way into the user's own case; only that button
# (or a question about their own company) starts the eligibility check.
CHECK_MY_CASE_PAYLOAD = "/check_repayment_eligibility"
CHECK_MY_CASE_BUTTON = {
    "zh-Hant": "查核我的情況",
    "zh-Hans": "查核我的情况",
    "en": "Check my case",
    "pt": "Verificar o meu caso",
}
HANDOFF_BUTTON = {
    "zh-Hant": "轉交職員跟進",
    "zh-Hans": "转交职员跟进",
    "en": "Pass to staff",
    "pt": "Falar com um funcionário",
}


@dataclass(frozen=True)
class Button:
    title: str
    payload: str


@dataclass(frozen=True)
class Reply:
    text: str
    lang: Lang
    buttons: list[Button] = field(default_factory=list)
    sources: list[dict[str, str]] = field(default_factory=list)
    handoff_offered: bool = False


MONTH_NAMES: dict[str, tuple[str, ...]] = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
    "pt": ("Janeiro", "Fevereiro", "Março", "Abril", "Maio", "Junho", "Julho", "Agosto",
           "Setembro", "Outubro", "Novembro", "Dezembro"),
}  # fmt: skip


def format_date(day: dt.date, lang: Lang) -> str:
    if lang in ("zh-Hant", "zh-Hans"):
        return f"{day.year}年{day.month}月{day.day}日"
    month = MONTH_NAMES[lang][day.month - 1]
    return (
        f"{day.day} {month} {day.year}" if lang == "en" else f"{day.day} de {month} de {day.year}"
    )


def entry_payload(entry: Entry) -> str:
    """A button payload that routes straight to `entry` (Rasa's `/intent{entities}` syntax)."""
    return f'/ask_{entry.topic}{{"kb_entry":"{entry.id}"}}'


def compose_answer(entry: Entry, lang: Lang, today: dt.date, related: list[Entry]) -> Reply:
    parts = [entry.answer.get(lang).strip()]
    if entry.valid_until is not None and today > entry.valid_until:
        parts.append(_EXPIRED[lang].format(date=format_date(entry.valid_until, lang)))
    parts.append(source_line(entry, lang))
    buttons = [Button(r.title.get(lang), entry_payload(r)) for r in related[:3]]
    if entry.topic == "sme_repayment":
        buttons.append(Button(CHECK_MY_CASE_BUTTON[lang], CHECK_MY_CASE_PAYLOAD))
    return Reply(
        text="\n\n".join(parts),
        lang=lang,
        buttons=buttons,
        sources=[{"id": entry.id, "title": entry.title.get(lang)}],
    )


def compose_plausible(entry: Entry, lang: Lang, today: dt.date, others: list[Entry]) -> Reply:
    """The right entry is likely but not sure: ask whether it is what the user means, give its
    title and its answer (with its source), and offer the next candidates and staff."""
    answered = compose_answer(entry, lang, today, [])
    intro = _PLAUSIBLE[lang].format(title=entry.title.get(lang))
    buttons = [Button(o.title.get(lang), entry_payload(o)) for o in others[:2]]
    # The entry's own way on ("check my case" for the repayment measure) stays offered.
    buttons += answered.buttons
    buttons.append(Button(HANDOFF_BUTTON[lang], HANDOFF_PAYLOAD))
    return Reply(f"{intro}\n\n{answered.text}", lang, buttons, answered.sources, True)


def compose_not_sure(candidates: list[Entry], lang: Lang) -> Reply:
    """Below confidence: no answer, the closest topics to choose from, and an offer of staff."""
    buttons = [Button(c.title.get(lang), entry_payload(c)) for c in candidates[:3]]
    buttons.append(Button(HANDOFF_BUTTON[lang], HANDOFF_PAYLOAD))
    return Reply(_NOT_SURE[lang], lang, buttons, [], handoff_offered=True)


def compose_handoff(lang: Lang) -> Reply:
    """Second time unsure in a row: stop guessing and offer staff."""
    text = _STILL_NOT_SURE[lang].format(phone=BUREAU_PHONE, email=BUREAU_EMAIL)
    return Reply(text, lang, [Button(HANDOFF_BUTTON[lang], HANDOFF_PAYLOAD)], [], True)


def scope_sentence(lang: Lang) -> str:
    """What the assistant covers, every topic named, and the offer of staff."""
    names = [SCOPE_TOPICS[topic][lang] for topic in SCOPE_TOPICS]
    if lang in ("zh-Hant", "zh-Hans"):
        topics = "、".join(names)
    else:
        conjunction = " and " if lang == "en" else " e "
        topics = ", ".join(names[:-1]) + conjunction + names[-1]
    return _OUT_OF_SCOPE[lang].format(topics=topics)


def compose_out_of_scope(lang: Lang) -> Reply:
    """Outside the assistant's topics: say what it covers and offer staff (the button). The
    staff consent form starts only when the user accepts."""
    return Reply(
        scope_sentence(lang), lang, [Button(HANDOFF_BUTTON[lang], HANDOFF_PAYLOAD)], [], True
    )


def source_line(entry: Entry, lang: Lang) -> str:
    """The newsletter article an answer comes from, in the reader's language and script."""
    return _SOURCE[lang].format(
        n=entry.source.article,
        title=entry.source.title_in(lang),
        printed=entry.source.title,
    )
