"""Reading the conversation from a rasa-sdk tracker, and sending composed replies."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.knowledge_base import get_retriever
from actions.repayment_slots import FORM as CHECK_FORM
from bot.turn_metadata import TYPED_COMMAND
from knowledge.answer import Reply
from knowledge.language import Lang, reply_language, requested_language
from knowledge.messages import text
from knowledge.schema import Entry, Topic
from knowledge.service import Context

# The repayment check's actions: a turn with one of them was on the repayment measure.
CHECK_ACTIONS = frozenset({CHECK_FORM, "action_submit_eligibility"})
CHECK_TOPIC: Topic = "sme_repayment"
# Questions in a row the assistant could not answer: the second one goes straight to staff.
UNANSWERED = "unanswered_turns"
LAST_UNANSWERED = "last_unanswered_question"  # the question a hand-off offers back
# How many of the bot's turns back a follow-up may lean on (past "not sure" or thanks).
CONTEXT_TURNS = 3


def _user_events(tracker: Tracker) -> list[dict[str, Any]]:
    return [e for e in tracker.events if e.get("event") == "user"]


def _typed_text(event: dict[str, Any]) -> str:
    """The words of a user event; "" for a button's payload ('/intent{...}') or a command typed
    as text, which the gateway passes on without its '/' ('deny{"answer_to":"stop"}' had counted
    as English): they show no language."""
    text = str(event.get("text") or "")
    typed_command = bool((event.get("metadata") or {}).get(TYPED_COMMAND))
    return "" if typed_command or text.startswith("/") else text


# Where a conversation starts afresh: what was said before is no longer its own.
_FRESH_START = frozenset({"restart", "session_started"})


def typed_texts(tracker: Tracker) -> list[str]:
    """What the user has typed since the conversation (re)started, oldest first, the latest
    message included; no button payloads or commands."""
    events = tracker.events
    start = max((i for i, e in enumerate(events) if e.get("event") in _FRESH_START), default=-1)
    return [t for e in events[start + 1 :] if e.get("event") == "user" and (t := _typed_text(e))]


def conversation_lang(tracker: Tracker) -> Lang:
    """The language the user asked for; else that of the latest message when it shows one (a
    name or a few words, and Chinese that shows no script, keep the conversation's); else the
    UI language the channel sent (for a button, a number, "ok"); else the conversation's
    language so far (knowledge/language.py, reply_language)."""
    metadata = tracker.latest_message.get("metadata") or {}
    latest = "" if is_typed_command(tracker) else tracker.latest_message.get("text") or ""
    # The user's texts before the latest message (its own event is the last user event).
    earlier = [t for e in _user_events(tracker)[:-1] if (t := _typed_text(e)).strip()]
    return reply_language("" if latest.startswith("/") else latest, metadata.get("lang"), earlier)


def language_request(tracker: Tracker) -> Lang | None:
    """The reply language the latest message asks for ("please reply in English"), if any; from
    then on conversation_lang follows it (knowledge/language.py, requested_language)."""
    latest = tracker.latest_message.get("text") or ""
    if is_typed_command(tracker) or latest.startswith("/"):
        return None
    return requested_language(latest)


def language_switched(lang: Lang, then: str = "") -> Reply:
    """The confirmation that replies now come in `lang`, and `then`, what is asked next."""
    return Reply(f"{text('language.switched', lang)} {then}".rstrip(), lang)


def is_typed_command(tracker: Tracker) -> bool:
    """A command typed as text, which the gateway's Rasa channel marks (bot/turn_metadata.py)."""
    return bool((tracker.latest_message.get("metadata") or {}).get(TYPED_COMMAND))


def previous_payloads(tracker: Tracker) -> list[str]:
    """The button payloads of the bot's turn before the latest message (what the user saw when
    they answered it)."""
    turn = previous_turn(tracker)
    return [
        str(button.get("payload"))
        for e in turn
        if e.get("event") == "bot"
        for button in (e.get("data") or {}).get("buttons") or []
    ]


def previous_turn(tracker: Tracker) -> list[dict[str, Any]]:
    """The events of the bot's turn before the latest message."""
    users = [i for i, e in enumerate(tracker.events) if e.get("event") == "user"]
    return tracker.events[users[-2] + 1 : users[-1]] if len(users) >= 2 else []


def check_context(entries: Mapping[str, Entry]) -> Context:
    """The repayment check's own context, for questions asked while it runs: its measure's
    overview, with no question of the user's."""
    return Context("", tuple(e for e in entries.values() if e.topic == CHECK_TOPIC and e.overview))


def recent_context(tracker: Tracker, entries: Mapping[str, Entry], lang: Lang) -> Context | None:
    """What the conversation was last on (knowledge/service.py, Context), over the bot's last
    CONTEXT_TURNS turns, newest first: the entries a turn answered from, with the question the
    user asked it, or for a button the title of the first entry; or the check's own context
    when the check spoke (a question, a decision, its stop) and answered from no other topic's
    entries (a check that only answered a question, "and the one after?" read as facts, spoke
    of the measures it answered: probe 9). A turn on nothing ("not sure", thanks) in between is
    passed over ("how much does the licence cost?" → "not sure" → "how many companies have
    one?"); None when none of them was on anything."""
    users = [i for i, e in enumerate(tracker.events) if e.get("event") == "user"]
    for back in range(2, min(CONTEXT_TURNS + 1, len(users)) + 1):
        asked_at, replied_until = users[-back], users[-back + 1]
        turn = tracker.events[asked_at + 1 : replied_until]
        answered = _answered_in(turn, entries)
        if _check_spoke(turn) and all(e.topic == CHECK_TOPIC for e in answered):
            return check_context(entries)
        if answered:
            asked = str(tracker.events[asked_at].get("text") or "")
            if not asked.strip() or asked.startswith("/"):
                asked = answered[0].title.get(lang)
            return Context(asked, tuple(answered))
    return None


def _check_spoke(turn: list[dict[str, Any]]) -> bool:
    return any(e.get("event") == "action" and e.get("name") in CHECK_ACTIONS for e in turn)


def _answered_in(turn: list[dict[str, Any]], entries: Mapping[str, Entry]) -> list[Entry]:
    answered: list[Entry] = []
    for event in turn:
        custom = (
            (event.get("data") or {}).get("custom") or {} if event.get("event") == "bot" else {}
        )
        for source in custom.get("sources") or []:
            if (entry := entries.get(str(source.get("id")))) is not None:
                answered.append(entry)
    return answered


def follow_up_context(tracker: Tracker) -> Context | None:
    """`recent_context` with the knowledge base's entries, in the conversation's language."""
    entries = get_retriever().entries
    return recent_context(tracker, entries, conversation_lang(tracker))


def latest_entity(tracker: Tracker, name: str) -> str | None:
    for entity in tracker.latest_message.get("entities") or []:
        if entity.get("entity") == name and isinstance(entity.get("value"), str):
            return str(entity["value"])
    return None


def intent_confidence(tracker: Tracker) -> float:
    """The NLU's confidence in the latest message's intent (0 when it gave none)."""
    intent = tracker.latest_message.get("intent") or {}
    try:
        return float(intent.get("confidence") or 0.0)
    except (TypeError, ValueError):
        return 0.0


def send_reply(dispatcher: CollectingDispatcher, reply: Reply) -> None:
    """The text and buttons, then the metadata the gateway needs as a custom message."""
    buttons: list[dict[str, Any]] = [
        {"title": b.title, "payload": b.payload} for b in reply.buttons
    ]
    dispatcher.utter_message(text=reply.text, buttons=buttons)
    dispatcher.utter_message(
        json_message={
            "sources": reply.sources,
            "handoff_offered": reply.handoff_offered,
            "lang": reply.lang,
        }
    )


def unanswered_before(tracker: Tracker) -> str:
    """The question the previous turn left unanswered ("" when it answered)."""
    if not int(tracker.get_slot(UNANSWERED) or 0):
        return ""
    return str(tracker.get_slot(LAST_UNANSWERED) or "")


def unanswered_events(tracker: Tracker, reply: Reply) -> list[dict[str, Any]]:
    """The count of questions in a row the assistant could not answer (the second one goes
    straight to staff), and the last one, which a hand-off to staff offers."""
    if reply.sources and reply.unanswered:
        # a pasted e-mail answered but for "(b) what is the licence fee?": the hand-off offers
        # that part back (p11-034 was asked to write it again)
        return [SlotSet(UNANSWERED, 0), SlotSet(LAST_UNANSWERED, "\n".join(reply.unanswered))]
    if reply.sources:
        return [SlotSet(UNANSWERED, 0)]
    return [
        SlotSet(UNANSWERED, int(tracker.get_slot(UNANSWERED) or 0) + 1),
        SlotSet(LAST_UNANSWERED, tracker.latest_message.get("text")),
    ]
