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
        # p14-010: as many telling words of each; the dictionaries know the rest as Portuguese
        ("Pensando melhor, podem passar a minha pergunta", "pt"),
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


# The probe of new users of 2026-12-07: the reply language flipped within a conversation.
@pytest.mark.parametrize(
    ("latest", "ui", "earlier", "lang"),
    [
        # «🙂🙂» and «👍» after "hi" and "human please" (no UI language) were answered in
        # Traditional Chinese: emoji and punctuation alone keep the conversation's language.
        ("🙂🙂", None, ["hi", "human please"], "en"),
        ("👍", None, ["hi", "human please", "🙂🙂"], "en"),
        ("?", None, ["hi"], "en"),
        ("?", None, ["Posso ajustar o reembolso?"], "pt"),
        # «不是», «不知道» in a Simplified check (the widget's UI following the replies) came in
        # Traditional: the earlier 「2020年5月」 shows no script, and it had counted as Traditional.
        ("不是", None, ["我想查一下能不能调整还款", "中小企业援助计划", "2020年5月"], "zh-Hans"),
        ("不知道", None, ["我们公司能不能申请调整还款？", "2020年5月", "不是", "0"], "zh-Hans"),
        # «SME Aid Scheme» typed in a Cantonese check switched the rest of it to English: a name
        # or a few words do not switch the conversation, a sentence does.
        ("SME Aid Scheme", "zh-Hant", ["我間公司可唔可以調整還款？"], "zh-Hant"),
        ("SME Aid Scheme", None, ["我間公司可唔可以調整還款？"], "zh-Hant"),
        ("young entrepreneurs aid scheme", "zh-Hans", ["我想调整还款"], "zh-Hans"),
        (
            "Special Aid Scheme for SMEs affected by Typhoon Hato",
            "zh-Hant",
            ["我間公司可唔可以調整還款？"],
            "zh-Hant",
        ),
        ("Plano de Apoio a Jovens Empreendedores", None, ["Can I adjust my repayment?"], "en"),
        ("SME Aid Scheme", None, ["A minha empresa pode ajustar o reembolso?"], "pt"),
        ("it was not cancelled", "zh-Hant", ["我間公司可唔可以調整還款？"], "en"),
        ("Can my company still adjust its repayment?", "zh-Hant", ["我想了解調整還款"], "en"),
        ("SME Aid Scheme", "zh-Hant", [], "en"),  # nothing written yet: the widget starts in 繁體
        # A message mostly in English with a Chinese date is English.
        (
            "hi want 2 check my case, young entrepreneurs scheme, instalment due 2021年1月, "
            "not last, not cancelled",
            None,
            [],
            "en",
        ),
        # Japanese kana are no Chinese: the English part decides.
        ("Do you speak Japanese? 日本語できますか", None, [], "en"),
        ("日本語できますか", None, ["Can I adjust my repayment?"], "en"),
        # Asked for another language: the reply, and the conversation after it, switch to it.
        ("muda para inglês por favor", None, ["Posso ajustar o reembolso?"], "en"),
        ("please reply in English", "zh-Hant", ["我想了解調整還款"], "en"),
        ("可唔可以講英文", "zh-Hant", ["我想了解調整還款"], "en"),
        ("可唔可以講英文", None, [], "en"),
        ("5", "zh-Hant", ["我想了解調整還款", "可唔可以講英文"], "en"),
        ("咁幾時開始？", "zh-Hant", ["我想了解調整還款", "可唔可以講英文"], "en"),
        ("obrigado", "pt", ["Posso ajustar o reembolso?", "muda para inglês por favor"], "en"),
        ("responda em português, por favor", "en", ["Can I adjust my repayment?"], "pt"),
        # ... until another request.
        ("請用中文", None, ["Can I adjust?", "please reply in English", "ok"], "zh-Hant"),
        # Unchanged: thanks closing a Portuguese chat, "ok thx" closing a Cantonese one in a
        # widget set to Chinese, a bare number or "ok" (the UI's language, else the conversation's).
        ("Obrigado", None, ["Posso ajustar o reembolso?", "sim"], "pt"),
        ("ok thx", "zh-Hant", ["我間公司可唔可以調整還款？", "唔係"], "zh-Hant"),
        ("3", "zh-Hans", ["Can my company adjust its repayment?"], "zh-Hans"),
        ("3", None, ["Can my company adjust its repayment?"], "en"),
        ("ok", None, ["我想调整还款", "2020年5月"], "zh-Hans"),
    ],
)
def test_the_reply_language_stays_until_the_user_clearly_switches(
    latest: str, ui: str | None, earlier: list[str], lang: str
) -> None:
    from knowledge.language import reply_language

    assert reply_language(latest, ui, earlier) == lang


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("muda para inglês por favor", "en"),
        ("please reply in English", "en"),
        ("可唔可以講英文", "en"),
        ("Can you answer in Portuguese?", "pt"),
        ("请用简体中文回复", "zh-Hans"),
        ("Can you reply in Chinese please", "zh-Hant"),
        ("English please", "en"),
        ("用葡文答我", "pt"),
        # probe 8: read as "are you a bot?", answered in English
        ("請以簡體字回覆。", "zh-Hans"),
        ("Volte ao português", "pt"),
        ("Obrigado! Voltando ao português: o que disseram os representantes das empresas?", "pt"),
        # A question whether it speaks the language the question is written in is no request
        # (capabilities answer it), nor is a document's language or a translation.
        ("Olá, fala português?", None),
        ("Do you speak English?", None),
        ("你識唔識講中文", None),
        ("Is the agreement available in English?", None),
        ("CEPA嘅英文名係咩？", None),
        ("「調整還款」用英文點講？", None),
        ("Do you speak Japanese?", None),  # no reply language
        ("I want to speak to a human", None),
    ],
)
def test_a_request_for_another_language_is_read(text: str, lang: str | None) -> None:
    from knowledge.language import requested_language

    assert requested_language(text) == lang


def test_the_conversation_language_ignores_what_shows_no_language() -> None:
    from knowledge.language import conversation_language

    assert conversation_language(["hi", "human please", "🙂🙂"]) == "en"
    assert conversation_language(["hi", "5"]) == "en"
    assert conversation_language(["我想查一下能不能调整还款", "2020年5月", "不是"]) == "zh-Hans"
    assert conversation_language(["🙂"]) == "zh-Hant"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("hi want 2 check my case, young entrepreneurs scheme, instalment due 2021年1月", "en"),
        ("Can I adjust the 中小企業援助計劃 repayment?", "en"),
        ("Do you speak Japanese? 日本語できますか", "en"),
        ("我想了解 CEPA Trade in Services Agreement", "zh-Hant"),
        ("我想check下我間公司可唔可以apply", "zh-Hant"),
        ("本公司想申請調整還款，請問 is it possible?", "zh-Hant"),
        ("我の公司想调整还款", "zh-Hans"),  # one kana in Chinese (Macao's web slang) stays Chinese
    ],
)
def test_mixed_scripts_are_read_by_what_most_of_the_message_is(text: str, lang: str) -> None:
    assert detect_lang(text) == lang


def test_a_payload_or_a_typed_command_shows_no_language() -> None:
    """A stale button pressed in a Portuguese conversation: the gateway passes a payload it never
    offered on as words without its '/' ('deny{"answer_to":"stop"}'), which had counted as
    English (the out-of-scope sentence in English followed)."""
    from rasa_sdk import Tracker

    from actions.conversation import conversation_lang
    from bot.turn_metadata import TYPED_COMMAND

    typed = {"text": 'deny{"answer_to":"stop"}', "metadata": {TYPED_COMMAND: True}}
    pressed = {"text": '/affirm{"answer_to":"is_last_installment"}', "metadata": {}}
    for latest in (typed, pressed):
        events = [
            {"event": "user", "text": "A minha empresa pode ajustar o reembolso?"},
            {"event": "bot", "text": "…"},
            {"event": "user", **typed},
            {"event": "bot", "text": "…"},
            {"event": "user", **latest},
        ]
        tracker = Tracker("web:t", {}, latest, events, False, None, {}, "action_listen")
        assert conversation_lang(tracker) == "pt"


# --- probe 9 (2026-12-07) ---------------------------------------------------------------------


@pytest.mark.parametrize("text", ["喂你好", "喂，你好", "喂你好呀", "喂你好，我想問CEPA"])
def test_a_hello_on_the_phone_is_no_simplified_chinese(text: str) -> None:
    """「喂你好」 was answered in Simplified Chinese: OpenCC writes 喂你 ("feed you") as 餵你,
    so the greeting looked Simplified; Macao's Traditional writes 喂 too."""
    from knowledge.language import reply_language

    assert detect_lang(text) == "zh-Hant"
    assert reply_language(text, None, []) == "zh-Hant"


def test_simplified_around_a_hello_is_still_simplified() -> None:
    assert detect_lang("喂，你好，我想问一下还款") == "zh-Hans"


@pytest.mark.parametrize(
    ("text", "rest"),
    [("請用英文答我：CEPA修訂協議幾時生效", "CEPA修訂協議幾時生效"),
     ("Please answer in English: when does the revised agreement take effect?",
      "when does the revised agreement take effect?"),
     ("用英文回答，CEPA修訂協議幾時生效？", "CEPA修訂協議幾時生效？"),
     ("CEPA修訂協議幾時生效？請用英文答我", "CEPA修訂協議幾時生效？"),
     ("please reply in English", ""), ("可唔可以講英文", ""), ("English please!", ""),
     ("muda para inglês por favor", ""),
     # p13-019: the question after "pls." was dropped with the request
     ("ok never mind, switch back to english pls. what did the trade committee agree on "
      "diversification?", "ok never mind, what did the trade committee agree on diversification?"),
     # p14-039: answered in English (asked for before), and from the wrong entry
     ("Obrigado! Voltando ao português: o que disseram os representantes das empresas?",
      "Obrigado! o que disseram os representantes das empresas?")],
)  # fmt: skip
def test_what_a_request_for_another_language_asks_besides(text: str, rest: str) -> None:
    """「請用英文答我：CEPA修訂協議幾時生效」 switched to English and dropped the question
    (probe 9)."""
    from knowledge.language import asked_besides_language

    assert asked_besides_language(text) == rest
