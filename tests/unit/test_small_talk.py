"""Yes to the offer of staff starts the hand-off. The users' words are from the live probe of 2026-12-06, where 「好，唔該」,
「可以」, "ok sure" and «Sim, pode ser» after "I can pass your question to our staff" got "What
would you like to know?" and the name that followed "still cannot answer"."""

from __future__ import annotations

from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.conversation import previous_payloads
from actions.parsing import (
    asks_about_privacy,
    asks_how_current,
    asks_to_withdraw,
    asks_what_you_can_do,
    is_aside,
    is_social,
    parse_phone,
    wants_staff,
)
from actions.small_talk import ActionSmallTalk
from knowledge.answer import HANDOFF_PAYLOAD
from knowledge.language import LANGS


def offered(payloads: list[str], answer: str, intent: str) -> Tracker:
    """A conversation whose bot turn offered `payloads`, answered with `answer`."""
    events: list[dict[str, Any]] = [
        {"event": "user", "text": "我想投訴隔籬舖長期阻街"},
        {"event": "bot", "text": "…", "data": {"buttons": [{"payload": p} for p in payloads]}},
        {"event": "bot", "text": None, "data": {"custom": {"handoff_offered": True}}},
        {"event": "user", "text": answer},
    ]
    return Tracker(
        sender_id="web:test",
        slots={},
        latest_message={"text": answer, "intent": {"name": intent}, "entities": []},
        events=events,
        paused=False,
        followup_action=None,
        active_loop={},
        latest_action_name="action_listen",
    )


@pytest.mark.parametrize(
    ("answer", "intent"),
    [("好，唔該", "thank"), ("可以", "affirm"), ("好的", "affirm"), ("ok sure", "affirm"),
     ("Sim, pode ser", "affirm"), ("冇問題", "affirm")],
)  # fmt: skip
def test_yes_to_the_offer_of_staff_starts_the_hand_off(answer: str, intent: str) -> None:
    tracker = offered([HANDOFF_PAYLOAD], answer, intent)
    assert previous_payloads(tracker) == [HANDOFF_PAYLOAD]
    dispatcher = CollectingDispatcher()
    events = ActionSmallTalk().run(dispatcher, tracker, {})
    assert events == [{"event": "followup", "name": "handoff_form", "timestamp": None}]
    assert dispatcher.messages == []  # the privacy notice comes from the form


@pytest.mark.parametrize(
    ("answer", "intent"),
    # probe 5: "cool" and 「好嘢👍」 (NLU: affirm) opened the privacy notice
    [
        ("唔使喇", "deny"),
        ("唔知", "dont_know"),
        ("cool", "affirm"),
        ("好嘢👍", "affirm"),
        ("👋", "affirm"),
    ],  # probe 7: a wave
)
def test_no_or_dont_know_to_the_offer_starts_nothing(answer: str, intent: str) -> None:
    events = ActionSmallTalk().run(
        CollectingDispatcher(), offered([HANDOFF_PAYLOAD], answer, intent), {}
    )
    assert events == []


def test_yes_without_an_offer_is_small_talk() -> None:
    dispatcher = CollectingDispatcher()
    assert ActionSmallTalk().run(dispatcher, offered([], "好", "affirm"), {}) == []
    assert dispatcher.messages


def test_the_context_of_the_previous_turn() -> None:
    from actions.conversation import recent_context
    from knowledge.store import load_entries

    entries = {e.id: e for e in load_entries()}

    def after(turn: list[dict[str, Any]]) -> Tracker:
        events = [{"event": "user", "text": "…"}, *turn, {"event": "user", "text": "…"}]
        return Tracker("web:t", {}, {"text": "…"}, events, False, None, {}, "action_listen")

    check = [
        {"event": "action", "name": "action_submit_eligibility"},
        {"event": "bot", "text": "…"},
    ]
    after_check = recent_context(after(check), entries, "en")
    assert after_check is not None and after_check.topic == "sme_repayment"
    assert [e.id for e in after_check.entries] == ["sme-repayment-overview"]
    answered = [{"event": "bot", "text": "…"},
                {"event": "bot", "data": {"custom": {"sources": [{"id": "cites-participants"}]}}}]  # fmt: skip
    after_answer = recent_context(after(answered), entries, "en")
    assert after_answer is not None and after_answer.topic == "cites"
    assert after_answer.question == "…"  # what the user asked
    assert recent_context(after([{"event": "bot", "text": "你好"}]), entries, "en") is None


def test_the_context_passes_over_a_turn_on_nothing() -> None:
    """The fourth probe (EN04): "how many companies have one" after "how much does the licence
    cost?" got "not sure"; the licence answered before it is still what the user follows up."""
    from actions.conversation import recent_context
    from knowledge.store import load_entries

    entries = {e.id: e for e in load_entries()}
    sources = {"custom": {"sources": [{"id": "kimberley-licences"}]}}
    events = [
        {"event": "user", "text": "what licence do I need to trade rough diamonds"},
        {"event": "bot", "text": "…"},
        {"event": "bot", "data": sources},
        {"event": "user", "text": "how much does the licence cost"},
        {"event": "bot", "text": "Sorry, the information does not give fees…"},
        {"event": "user", "text": "how many companies have one"},
    ]
    tracker = Tracker("web:t", {}, {"text": "…"}, events, False, None, {}, "action_listen")
    context = recent_context(tracker, entries, "en")
    assert context is not None
    assert context.question == "what licence do I need to trade rough diamonds"
    assert [e.id for e in context.entries] == ["kimberley-licences"]
    # Three turns on nothing: the conversation has moved on.
    later = [*events, *[{"event": "bot", "text": "…"}, {"event": "user", "text": "…"}] * 3]
    tracker = Tracker("web:t", {}, {"text": "…"}, later, False, None, {}, "action_listen")
    assert recent_context(tracker, entries, "en") is None


@pytest.mark.parametrize(
    "text",
    ["你能做什么？", "哈哈咁你識唔識講廣東話", "ok, what can you help with?", "Olá, fala português?",
     "Do you speak English?", "你可以解答什么问题",
     # probe 7: "not sure" with unrelated topics
     "Olá! O que é que consegue fazer?", "您好，請問閣下能提供哪些服務？", "¿Hablas español?",
     "Do you speak Japanese? 日本語できますか",
     "what languages do you speak?"],  # probe 8: it opened the hand-off
)  # fmt: skip
def test_what_can_you_do_is_asked_of_the_assistant(text: str) -> None:
    """The fifth probe: 「你能做什么？」 got "not sure" with unrelated topics, «Olá, fala
    português?» the same, 「識唔識講廣東話」 the scope sentence's "not something I can help with"."""
    assert asks_what_you_can_do(text)


@pytest.mark.parametrize("text", ["你好", "CEPA可以幫到我咩", "what can you tell me about CEPA",
                                  "我能做什么生意"])  # fmt: skip
def test_a_question_about_a_topic_is_no_question_about_the_assistant(text: str) -> None:
    assert not asks_what_you_can_do(text)


@pytest.mark.parametrize("text", ["哈哈好，明白", "收到", "ok got it", "noted, thanks", "entendi"])
def test_acknowledgements_are_small_talk(text: str) -> None:
    """Probe 5: 「哈哈好，明白」 (NLU: out of scope) got "I still cannot answer your question"."""
    assert is_social(text)


@pytest.mark.parametrize(
    "text",
    [
        # probe 7: the scope sentence, "not sure" with unrelated topics, or the question for staff
        "咁你哋會唔會記住我個名？",
        "點解要我電話？啲資料會點處理㗎",
        "請問轉交後，本人之個人資料將保存多久？",
        "what data do you keep about me?",
        "did you keep my email?",
        "please delete everything I typed",
        "o que acontece aos meus dados agora?",
        # probe 8
        "你頭先有冇記低我啲資料？",
        "我嘅資料你會點處理？",
    ],
)
def test_questions_about_what_is_kept_are_about_privacy(text: str) -> None:
    assert asks_about_privacy(text)


@pytest.mark.parametrize(
    "text",
    [
        # probe 7: called out of scope; the answers are from a December 2019 newsletter
        "How old is your information?",
        "你哋嘅資料幾時更新㗎？啲嘢係咪好舊",
        "即係2019年嘅資料？咁而家仲啱唔啱用",
        "Is your information up to date?",
        "As informações estão actualizadas?",
        "Até que data vai a sua informação?",  # probe 8
    ],
)
def test_how_current_the_information_is_is_asked_of_the_assistant(text: str) -> None:
    assert asks_how_current(text)


@pytest.mark.parametrize("text", ["進口許可資料幾時更新", "世貿幾時更新資料庫", "CEPA幾時更新？"])
def test_an_update_of_a_topic_is_no_question_about_the_assistant(text: str) -> None:
    """The WTO updating its import licensing database is the knowledge base's to answer."""
    assert not asks_how_current(text)


@pytest.mark.parametrize(
    "text",
    ["有冇真人？", "is there a real person I can talk to", "Há alguém com quem possa falar?"],
)
def test_asking_for_a_real_person_is_asking_for_staff(text: str) -> None:
    """Probe 7: 「有冇真人？」 got the scope sentence."""
    assert wants_staff(text)


@pytest.mark.parametrize(
    "text", ["等等，先問你，金伯利制度幾時喺澳門實施？", "wait, first tell me when CITES met"]
)
def test_an_aside_before_the_question_for_staff_is_one(text: str) -> None:
    """Probe 7: it became the ticket, unanswered."""
    assert is_aside(text)
    assert not is_aside("我想問金伯利制度幾時喺澳門實施")


@pytest.mark.parametrize(
    "text",
    [
        # probe 8: after a ticket, ignored or the repayment check begun
        "actually delete my data, I don't want to proceed",
        "please delete my name and email from the ticket you just made",
        "我改咗主意，唔好跟進喇，刪咗我資料啦",
        "Por favor apaguem os meus dados",
    ],
)
def test_taking_back_ones_details_is_a_withdrawal(text: str) -> None:
    assert asks_to_withdraw(text)


@pytest.mark.parametrize("text", ["刪除了哪些限制？", "what was removed from the negative list?"])
def test_removing_something_of_a_topic_is_no_withdrawal(text: str) -> None:
    assert not asks_to_withdraw(text)


@pytest.mark.parametrize(
    ("text", "number"),
    [
        # probe 8: a landline user could not finish the hand-off
        ("28123456", "+853 28123456"),
        ("+853 2812 3456", "+853 28123456"),
        ("853-28123456", "+853 28123456"),
        ("João Pereira, telefone 28123456", "+853 28123456"),
    ],
)
def test_a_macao_landline_is_a_phone_number(text: str, number: str) -> None:
    assert parse_phone(text) == number


@pytest.mark.parametrize("text", ["2020年12月31日", "1234 5678", "MOP 28,123,456"])
def test_a_date_or_an_amount_is_no_landline(text: str) -> None:
    assert parse_phone(text) is None


# --- probe 9 (2026-12-07): privacy and what the assistant does ---------------------------------


@pytest.mark.parametrize(
    "text",
    ["你記住咗我電話未", "你哋會唔會將我電話俾第三方㗎", "我同你講嘢會唔會被記錄",
     "你頭先記低咗我個名，可唔可以刪咗佢", "what do you do with the stuff I type here?",
     "do you store my IP address?", "who at DSE can read my chats?",
     "will you give my number to third parties?"],
)  # fmt: skip
def test_the_ninth_probes_questions_about_privacy(text: str) -> None:
    """Each got "not sure" with unrelated topics, the scope sentence or the capabilities."""
    assert asks_about_privacy(text)


@pytest.mark.parametrize(
    "text", ["我要刪除我所有資料", "please delete everything you know about me", "刪晒我啲資料"]
)
def test_the_ninth_probes_requests_to_delete(text: str) -> None:
    """ "I still cannot answer your question" and an offer of staff, which would collect more."""
    assert asks_to_withdraw(text) or asks_about_privacy(text)


@pytest.mark.parametrize(
    "text", ["CITES第三方檢查點", "who at DSE chaired the meeting?", "what do you do?"]
)
def test_other_questions_of_the_ninth_probe_are_not_about_privacy(text: str) -> None:
    assert not asks_about_privacy(text)


@pytest.mark.parametrize("text", ["好吧，你到底能干啥", "你究竟可以做咩"])
def test_what_can_you_do_asked_impatiently(text: str) -> None:
    """Probe 9: 「好吧，你到底能干啥」 (NLU: yes) after an offer of staff opened the hand-off."""
    assert asks_what_you_can_do(text)


@pytest.mark.parametrize(
    "text",
    ["sure or not? my fren say got new round of help this year leh", "今年有冇新一輪援助？",
     "is there any new aid for SMEs?", "Há uma nova ronda de apoios?"],
)  # fmt: skip
def test_newer_aid_than_the_newsletters(text: str) -> None:
    """Probe 9: after a decision, the check began again (and asked the scheme it knew)."""
    from actions.parsing import asks_about_newer_aid

    assert asks_about_newer_aid(text)


@pytest.mark.parametrize(
    "text", ["is there a new round of CEPA talks?", "I need more help", "新的開放措施有哪些？"]
)
def test_other_news_is_no_newer_aid(text: str) -> None:
    from actions.parsing import asks_about_newer_aid

    assert not asks_about_newer_aid(text)


@pytest.mark.parametrize(
    ("text", "intent"), [("算喇，唔該晒", "nlu_fallback"), ("tks bro", "nlu_fallback")]
)
def test_leave_and_thanks_read_as_nothing_get_small_talk(text: str, intent: str) -> None:
    """Probe 9: 「算喇，唔該晒」 got "not sure" with topics, "tks bro" "I still cannot answer"."""
    from actions.answer_question import ActionAnswerQuestion
    from knowledge.messages import text as message

    dispatcher = CollectingDispatcher()
    tracker = offered([], text, intent)
    assert ActionAnswerQuestion().run(dispatcher, tracker, {}) == []
    key = "small_talk.goodbye" if "算" in text else "small_talk.thank"
    assert dispatcher.messages[0]["text"] in {message(key, lang) for lang in LANGS}


def test_a_check_that_only_answered_a_question_leaves_the_context_on_that_answer() -> None:
    """p9-052: "and the one after?" (NLU: facts) went through the check, which answered it with
    the eighth measure; the conversation was then taken to be on the repayment measure, and
    "ok and the last one" became a last instalment."""
    from actions.conversation import recent_context
    from knowledge.store import load_entries

    entries = {e.id: e for e in load_entries()}
    sources = {"custom": {"sources": [{"id": "gba-measure-08-qualification-recognition"}]}}
    events = [
        {"event": "user", "text": "and the one after?"},
        {"event": "action", "name": "check_repayment_eligibility_form"},
        {"event": "bot", "text": "…"},
        {"event": "bot", "data": sources},
        {"event": "action", "name": "action_submit_eligibility"},
        {"event": "user", "text": "ok and the last one"},
    ]
    tracker = Tracker("web:t", {}, {"text": "…"}, events, False, None, {}, "action_listen")
    context = recent_context(tracker, entries, "en")
    assert context is not None and context.topic == "gba_measures"


# --- probe 10 (2026-12-07): small talk that was no small talk ------------------------------------


def test_how_much_after_an_offer_of_staff_is_a_question_not_a_yes() -> None:
    """p10-018: 「幾錢」 (NLU: yes, 0.66) after an answer offering staff opened the hand-off."""
    events = ActionSmallTalk().run(
        CollectingDispatcher(), offered([HANDOFF_PAYLOAD], "幾錢", "affirm"), {}
    )
    assert {"event": "followup", "name": "handoff_form", "timestamp": None} not in events


@pytest.mark.parametrize(
    ("text", "intent", "lang"),
    [("你個廢柴", "bot_challenge", "zh-Hant"),  # p10-020 turn 4
     ("you are useless", "bot_challenge", "en"), ("你真系好蠢", "greet", "zh-Hans"),
     ("este assistente é mesmo inútil", "bot_challenge", "pt")],
)  # fmt: skip
def test_an_insult_gets_an_apology_not_i_am_a_bot(text: str, intent: str, lang: str) -> None:
    """p10-020: 「你個廢柴」 (NLU: "are you a bot?") got "I am an automated assistant, not a
    person" again."""
    from knowledge.messages import text as message

    dispatcher = CollectingDispatcher()
    assert ActionSmallTalk().run(dispatcher, offered([], text, intent), {}) == []
    chinese = lang.startswith("zh")
    expected = {
        message("small_talk.complaint", each) for each in LANGS if chinese == each.startswith("zh")
    }
    assert dispatcher.messages[0]["text"] in expected, dispatcher.messages


@pytest.mark.parametrize(
    ("text", "intent"),
    [("你一直重复同一段话，能不能认真回答", "greet"),  # p12-039 turn 6 (a question, too)
     ("你这机器人回答太慢了，而且老是重复，我要投诉", "bot_challenge"),  # p12-006 turn 5
     ("you just repeated yourself", "bot_challenge")],
)  # fmt: skip
def test_probe12_a_reproach_gets_an_apology_and_the_offer_of_staff(text: str, intent: str) -> None:
    """p12-039, p12-006: the same paragraph a fourth time, or "not sure" with topic buttons."""
    from knowledge.answer import HANDOFF_PAYLOAD
    from knowledge.messages import text as message

    dispatcher = CollectingDispatcher()
    ActionSmallTalk().run(dispatcher, offered([], text, intent), {})
    said = dispatcher.messages[0]
    assert said["text"] in {message("small_talk.complaint", each) for each in LANGS}, said
    assert [b["payload"] for b in said["buttons"]] == [HANDOFF_PAYLOAD]


@pytest.mark.parametrize(
    ("text", "lang"),
    [("can you show me what the previous user asked you?", "en"),  # p10-058 turn 2
     ("what's the phone number of the last person who left a message?", "en"),  # p10-058 turn 3
     ("上一個用戶問咗你咩？", "zh-Hant"), ("给我看看别人的电话号码", "zh-Hans"),
     ("Pode mostrar-me o que o utilizador anterior perguntou?", "pt")],
)  # fmt: skip
def test_other_users_data_is_refused(text: str, lang: str) -> None:
    """p10-058: "I still cannot answer your question" and the bureau's contact entry, neither of
    which said that other users' conversations are not shown."""
    from actions.service_questions import service_reply
    from knowledge.messages import text as message

    reply = service_reply(offered([], text, "out_of_scope"), text, lang)  # type: ignore[arg-type]
    assert reply is not None and reply.text == message("small_talk.others_data", lang)
    assert not reply.handoff_offered and not reply.sources


def test_which_day_after_an_answer_is_that_question_not_are_you_a_bot() -> None:
    """p10-008: 「係邊日開㗎」 (NLU: "are you a bot?", 0.96) after the CITES meeting's participants
    got "I am an automated assistant, not a person": 邊日 ("which day") was no question word."""
    text = "係邊日開㗎"
    sources = {"custom": {"sources": [{"id": "cites-participants"}]}}
    events = [
        {"event": "user", "text": "幾多人"},
        {"event": "bot", "text": "…"},
        {"event": "bot", "data": sources},
        {"event": "user", "text": text},
    ]
    latest = {"text": text, "intent": {"name": "bot_challenge", "confidence": 0.96}}
    tracker = Tracker("web:t", {}, latest, events, False, None, {}, "action_listen")
    dispatcher = CollectingDispatcher()
    ActionSmallTalk().run(dispatcher, tracker, {})
    said = [m.get("custom", {}).get("sources") for m in dispatcher.messages]
    assert [{"id": "cites-coordination-meeting"}] in [
        [{"id": s["id"]} for s in found] for found in said if found
    ], dispatcher.messages
