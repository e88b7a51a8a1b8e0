"""What each repayment-adjustment reason code means, in the four reply languages."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from knowledge.answer import BUREAU_EMAIL, BUREAU_PHONE, format_date
from knowledge.language import Lang
from knowledge.repayment import LAST_DUE_DATE, Decision, measure_open

REASON_TEXT: dict[str, dict[Lang, str]] = {
    "scheme_not_covered": {
        "zh-Hant": "措施只適用於《中小企業援助計劃》、《青年創業援助計劃》及《受「天鴿」風災影響的中小企業特別援助計劃》。",
        "zh-Hans": "措施只适用于《中小企业援助计划》、《青年创业援助计划》及《受「天鸽」风灾影响的中小企业特别援助计划》。",
        "en": "The measure only covers the SME Aid Scheme, the Young Entrepreneurs Aid Scheme and "
        "the Special Aid Scheme for SMEs affected by Typhoon Hato.",
        "pt": "A medida abrange apenas o Plano de Apoio a Pequenas e Médias Empresas, o Plano de "
        "Apoio a Jovens Empreendedores e o Plano de Apoio Especial às PME afectadas pelo tufão Hato.",
    },
    "repayment_completed": {
        "zh-Hant": "措施只適用於尚未完成還款的受惠企業。",
        "zh-Hans": "措施只适用于尚未完成还款的受惠企业。",
        "en": "The measure only covers beneficiaries who have not finished repaying.",
        "pt": "A medida abrange apenas as empresas que ainda não concluíram o reembolso.",
    },
    "last_installment": {
        "zh-Hant": "處於最後一期還款的企業不適用。",
        "zh-Hans": "处于最后一期还款的企业不适用。",
        "en": "It does not apply to the last instalment.",
        "pt": "Não se aplica à última prestação.",
    },
    "grant_cancelled": {
        "zh-Hant": "已被取消援助批給的企業不適用。",
        "zh-Hans": "已被取消援助批给的企业不适用。",
        "en": "It does not apply to enterprises whose aid has been cancelled.",
        "pt": "Não se aplica a empresas cujo apoio foi cancelado.",
    },
    "adjustment_limit_reached": {
        "zh-Hant": "每間受惠企業最多可申請調整還款兩次。",
        "zh-Hans": "每间受惠企业最多可申请调整还款两次。",
        "en": "Each beneficiary may adjust its repayment at most twice.",
        "pt": "Cada empresa pode ajustar o reembolso no máximo duas vezes.",
    },
    "outside_period": {
        "zh-Hant": "措施只適用於調整2020年12月31日前的還款。",
        "zh-Hans": "措施只适用于调整2020年12月31日前的还款。",
        "en": "The measure only covers repayments due before 31 December 2020.",
        "pt": "A medida abrange apenas os reembolsos devidos antes de 31 de Dezembro de 2020.",
    },
    "installment_not_above_minimum": {
        "zh-Hant": "該期還款不高於1,000澳門元，無需下調。",
        "zh-Hans": "该期还款不高于1,000澳门元，无需下调。",
        "en": "The instalment is not above MOP 1,000, so there is nothing to reduce.",
        "pt": "A prestação não é superior a 1.000 patacas, pelo que não há nada a reduzir.",
    },
}

_VERDICT = {
    True: {
        "zh-Hant": "根據你提供的資料，你的企業符合申請調整還款的條件。",
        "zh-Hans": "根据你提供的资料，你的企业符合申请调整还款的条件。",
        "en": "Based on what you told me, your enterprise meets the conditions to apply for the repayment adjustment.",
        "pt": "Com base nos dados indicados, a sua empresa reúne as condições para pedir o ajustamento do reembolso.",
    },
    False: {
        "zh-Hant": "根據你提供的資料，你的企業不符合申請調整還款的條件：",
        "zh-Hans": "根据你提供的资料，你的企业不符合申请调整还款的条件：",
        "en": "Based on what you told me, your enterprise does not meet the conditions for the repayment adjustment:",
        "pt": "Com base nos dados indicados, a sua empresa não reúne as condições para o ajustamento do reembolso:",
    },
}
# After the measure ended the verdict is what the rules would have said, and the first sentence
# says the measure is over: no business may read "you qualify" for a scheme that closed.
_ENDED_VERDICT = {
    True: {
        "zh-Hant": "按當時的規定，你的情況符合調整還款的條件；但此措施只適用於{date}前的還款，現已結束，不能再申請。",
        "zh-Hans": "按当时的规定，你的情况符合调整还款的条件；但此措施只适用于{date}前的还款，现已结束，不能再申请。",
        "en": "Under the rules as they were, your case would have met the conditions for the repayment adjustment; but the measure only covered repayments due before {date}, it has ended, and no application can be made now.",
        "pt": "Segundo as regras então em vigor, o seu caso reuniria as condições para o ajustamento do reembolso; mas a medida abrangia apenas os reembolsos devidos antes de {date}, já terminou e não é possível candidatar-se agora.",
    },
    False: {
        "zh-Hant": "此措施只適用於{date}前的還款，現已結束，不能再申請。按當時的規定，你的情況亦不符合調整還款的條件：",
        "zh-Hans": "此措施只适用于{date}前的还款，现已结束，不能再申请。按当时的规定，你的情况亦不符合调整还款的条件：",
        "en": "The measure only covered repayments due before {date}; it has ended and no application can be made now. Under the rules as they were, your case would not have met the conditions either:",
        "pt": "A medida abrangia apenas os reembolsos devidos antes de {date}; já terminou e não é possível candidatar-se agora. Segundo as regras então em vigor, o seu caso também não reuniria as condições:",
    },
}
_ENDED_SCHEDULE_INTRO = {
    "zh-Hant": "按當時的計算方法：",
    "zh-Hans": "按当时的计算方法：",
    "en": "As it would have been calculated then: ",
    "pt": "Tal como teria sido calculado então: ",
}
_ENDED_CONTACT = {
    "zh-Hant": "如需了解現時安排，請聯絡經濟局（電話{phone}，電郵{email}）。",
    "zh-Hans": "如需了解现时安排，请联络经济局（电话{phone}，电邮{email}）。",
    "en": "For current arrangements contact the Economic Bureau (tel. {phone}, {email}).",
    "pt": "Para as condições actuais contacte a Direcção dos Serviços de Economia (tel. {phone}, {email}).",
}
# The rule (the newsletter's words) first; then, apart, what this assistant calculates from it.
_SCHEDULE = {
    "zh-Hant": "該期還款可下調至{new}；按措施規定，餘下的{deferred}在餘下的還款期內平均攤還",
    "zh-Hans": "该期还款可下调至{new}；按措施规定，余下的{deferred}在余下的还款期内平均摊还",
    "en": "The instalment can be lowered to {new}; under the measure, the remaining {deferred} is spread evenly over the remaining repayment period",
    "pt": "A prestação pode ser reduzida para {new}; nos termos da medida, os restantes {deferred} são repartidos em partes iguais pelo restante período de reembolso",
}
_INCREASE = {
    "zh-Hant": "。按「平均攤還」推算（這是本助手的計算，不是措施的條文）：之後{count}期每期約增加{increase}（各期相差不超過0.01澳門元，合計正好是{deferred}）。",
    "zh-Hans": "。按“平均摊还”推算（这是本助手的计算，不是措施的条文）：之后{count}期每期约增加{increase}（各期相差不超过0.01澳门元，合计正好是{deferred}）。",
    "en": ". Calculated from “spread evenly” (this assistant's arithmetic, not part of the measure's rule): each of the next {count} instalments would go up by about {increase} (they differ by at most MOP 0.01 and add up to exactly {deferred}).",
    "pt": ". Calculado a partir de “partes iguais” (cálculo deste assistente, não parte da regra da medida): cada uma das {count} prestações seguintes aumentaria cerca de {increase} (diferem no máximo 0,01 patacas e somam exactamente {deferred}).",
}
_END = {"zh-Hant": "。", "zh-Hans": "。", "en": ".", "pt": "."}
PERIOD_OPEN_NOTE = {
    "zh-Hant": "請注意：此措施只適用於2020年12月31日前的還款，每間受惠企業最多可申請調整兩次。",
    "zh-Hans": "请注意：此措施只适用于2020年12月31日前的还款，每间受惠企业最多可申请调整两次。",
    "en": "Please note: the measure only covers repayments due before 31 December 2020, at most twice per beneficiary.",
    "pt": "Atenção: a medida abrange apenas os reembolsos devidos antes de 31 de Dezembro de 2020, no máximo duas vezes por empresa.",
}


def format_mop(amount: Decimal, lang: Lang) -> str:
    if lang in ("zh-Hant", "zh-Hans"):
        return f"{amount:,.2f}" + ("澳門元" if lang == "zh-Hant" else "澳门元")
    if lang == "en":
        return f"MOP {amount:,.2f}"
    return f"{amount:,.2f}".replace(",", " ").replace(".", ",") + " patacas"


def compose_decision(decision: Decision, lang: Lang, today: dt.date) -> str:
    """The officer's answer: the verdict, every reason, the new schedule, and the period.

    Once the measure has ended, the answer opens with that fact, before any amount."""
    if not measure_open(today):
        return _compose_after_end(decision, lang)
    parts = [_VERDICT[decision.eligible][lang]]
    parts.extend(f"• {REASON_TEXT[code][lang]}" for code in decision.reason_codes)
    if (schedule := _schedule_text(decision, lang)) is not None:
        parts.append(schedule)
    parts.append(PERIOD_OPEN_NOTE[lang])
    return "\n".join(parts)


def _schedule_text(decision: Decision, lang: Lang) -> str | None:
    if decision.adjusted_installment is None or decision.deferred_amount is None:
        return None
    schedule = _SCHEDULE[lang].format(
        new=format_mop(decision.adjusted_installment, lang),
        deferred=format_mop(decision.deferred_amount, lang),
    )
    spread = decision.spread
    if spread is None:
        return schedule + _END[lang]
    return schedule + _INCREASE[lang].format(
        count=spread.parts,
        increase=format_mop(spread.first, lang),
        deferred=format_mop(decision.deferred_amount, lang),
    )


def _compose_after_end(decision: Decision, lang: Lang) -> str:
    parts = [_ENDED_VERDICT[decision.eligible][lang].format(date=format_date(LAST_DUE_DATE, lang))]
    parts.extend(f"• {REASON_TEXT[code][lang]}" for code in decision.reason_codes)
    if (schedule := _schedule_text(decision, lang)) is not None:
        lead = schedule if lang.startswith("zh") else schedule[0].lower() + schedule[1:]
        parts.append(_ENDED_SCHEDULE_INTRO[lang] + lead)
    parts.append(_ENDED_CONTACT[lang].format(phone=BUREAU_PHONE, email=BUREAU_EMAIL))
    return "\n".join(parts)
