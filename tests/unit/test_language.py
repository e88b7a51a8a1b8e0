import pytest

from knowledge.language import detect_lang


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("我想了解調整援助計劃還款嘅措施", "zh-Hant"),
        ("修訂協議幾時實施", "zh-Hant"),
        ("中小企可唔可以減還款", "zh-Hant"),  # Cantonese, no script-specific character
        ("我想了解调整援助计划还款的措施", "zh-Hans"),
        ("修订协议什么时候实施", "zh-Hans"),
        ("CEPA服务贸易协议", "zh-Hans"),
        ("When does the revised CEPA agreement take effect?", "en"),
        ("How can my company reduce its repayment", "en"),
        ("Quantas vezes posso ajustar o reembolso?", "pt"),
        ("Qual é o telefone da Direcção dos Serviços de Economia", "pt"),
        # the probes of 2026-12-06: answered in English
        ("E quantos sectores passaram a ter tratamento nacional?", "pt"),
        ("Posso candidatar-me agora?", "pt"),
        ("12345", "zh-Hant"),
    ],
)
def test_detects_language_and_script(text: str, lang: str) -> None:
    assert detect_lang(text) == lang


def test_short_answers_keep_the_conversation_language() -> None:
    from knowledge.language import conversation_language

    assert conversation_language(["Can my company adjust its repayment?", "no", "5"]) == "en"
    assert conversation_language(["我想查下調整還款", "2"]) == "zh-Hant"
    assert conversation_language(["Posso ajustar o reembolso da minha empresa?", "sim"]) == "pt"
    assert conversation_language([]) == "zh-Hant"
    assert conversation_language(["我想搵職員", "dawen.chan@example.com"]) == "zh-Hant"


@pytest.mark.parametrize(
    ("latest", "ui", "earlier", "lang"),
    [
        # The live probe of 2026-12-06: short Chinese answers that show no script were answered
        # in Traditional Chinese to a user writing Simplified with the widget set to 简体.
        ("2020年6月", "zh-Hans", [], "zh-Hans"),
        ("不是", "zh-Hans", ["我想调整还款"], "zh-Hans"),
        ("取消", None, ["我公司想调整还款"], "zh-Hans"),
        ("不知道", None, ["我想調整還款"], "zh-Hant"),
        ("好的", "en", ["我想调整还款"], "zh-Hans"),
        ("唔係", "zh-Hans", [], "zh-Hant"),  # Cantonese is written in Traditional
        ("我想了解调整援助计划还款的措施", "zh-Hant", [], "zh-Hans"),  # the message shows its own
        # Three words neither list knows are no English: «oito mil patacas» switched a
        # Portuguese check to English.
        ("oito mil patacas", "pt", [], "pt"),
        ("oito mil patacas", None, ["Posso ajustar o reembolso da minha empresa?"], "pt"),
        ("5", None, ["Can my company adjust its repayment?"], "en"),
        # The fifth probe: «Muito obrigado» got 「唔使客氣！」 (UI zh-Hant), "thanks" after a
        # Chinese question got Simplified: thanks and goodbyes tell their language.
        ("Muito obrigado", "zh-Hant", ["E a banca e os seguros?"], "pt"),
        ("obrigada", "zh-Hant", [], "pt"),
        ("thanks", None, ["那个数字以前是多少？"], "en"),
        ("bye", "zh-Hans", [], "en"),
        ("ok", "zh-Hant", ["Can my company adjust its repayment?"], "zh-Hant"),
        # The sixth probe: "ok thx", "bye bye", "thx 🙏" closing a Cantonese conversation in a
        # widget set to Chinese got English.
        ("ok thx", "zh-Hant", ["咁香港人可唔可以用？"], "zh-Hant"),
        ("bye bye", "zh-Hant", ["cepa 系咩黎架😅"], "zh-Hant"),
        ("thx 🙏", "zh-Hans", ["那个数字以前是多少？"], "zh-Hans"),
    ],
)
def test_the_reply_language_follows_the_message_then_the_ui_then_the_conversation(
    latest: str, ui: str | None, earlier: list[str], lang: str
) -> None:
    from knowledge.language import reply_language

    assert reply_language(latest, ui, earlier) == lang
