"""What each repayment-adjustment reason code means, in the four reply languages."""

from __future__ import annotations

from knowledge.language import Lang

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
        "en": "The measure only covers repayments due up to 31 December 2020.",
        "pt": "A medida abrange apenas os reembolsos até 31 de Dezembro de 2020.",
    },
    "installment_not_above_minimum": {
        "zh-Hant": "該期還款不高於1,000澳門元，無需下調。",
        "zh-Hans": "该期还款不高于1,000澳门元，无需下调。",
        "en": "The instalment is not above MOP 1,000, so there is nothing to reduce.",
        "pt": "A prestação não é superior a 1.000 patacas, pelo que não há nada a reduzir.",
    },
}
