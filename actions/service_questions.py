"""Questions about the assistant and its service, whatever the NLU read them as (small talk, a
topic, out of scope, the check, a person): what it can do, what it does with what users write, how
current its information is, a ticket just filed (when staff reply, how to withdraw it), how to
reach the bureau. Asked of every action that starts from a user's message, so that no form or
fallback swallows them ("please delete my name and email from the ticket you just made" began
the repayment check, probe 8)."""

from __future__ import annotations

import logging
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.conversation import conversation_lang, previous_turn, send_reply, unanswered_events
from actions.digression import contact_answer
from actions.knowledge_base import get_retriever
from actions.parsing import (
    EDIT,
    after_ticket_request,
    asks_about_newer_aid,
    asks_about_own_data,
    asks_about_privacy,
    asks_for_others_data,
    asks_for_reference,
    asks_how_current,
    asks_how_to_reach,
    asks_if_withdrawn,
    asks_to_withdraw,
    asks_what_you_can_do,
    asks_when_answered,
    comes_back,
    complains,
    looks_like_question,
    reproaches,
    wants_staff,
)
from actions.repayment_slots import wants_to_stop
from bot.settings import ActionServerSettings, RetentionSettings
from handoff.client import HandoffClient, HandoffUnavailable
from handoff.contract import REDACTED_TEXT
from handoff.privacy import declined_in, own_data_answer, withdrawn_in
from knowledge.answer import (
    HANDOFF_PAYLOAD,
    Button,
    Reply,
    compose_capabilities,
    compose_complaint,
    compose_how_current,
    compose_measure_closed,
    compose_privacy,
)
from knowledge.language import Lang
from knowledge.messages import text
from knowledge.repayment import OVERVIEW_ENTRY

logger = logging.getLogger(__name__)


def service_reply(tracker: Tracker, typed: str, lang: Lang) -> Reply | None:
    """The reply to a question about the assistant or its service; None for any other message."""
    if withdrawn := after_ticket_stop(tracker, typed):
        return withdrawn  # 「算了不用了」 right after a ticket, "delete my data" after one
    if privacy := privacy_reply(typed, lang):
        # (before what it can do: "what do you do with the stuff I type here?"); after a ticket,
        # 「我的资料你们会保存多久？」 (p12-014) and "how do I withdraw?" (p12-050) learn how
        if asks_about_own_data(typed):
            # 「會keep幾耐？」, 「仲有冇我個電話喺你哋度？」 (probe 14): how long, and the ticket
            reference = _latest_reference(tracker)
            gone = reference is not None and withdrawn_in(_bot_texts(tracker), reference)
            days = RetentionSettings.from_env().retention_days
            deleted = reference is None and handoff_redacted(tracker)
            answer = own_data_answer(privacy.text, lang, days, reference, gone, deleted)
            return Reply(answer, lang, privacy.buttons, privacy.sources)
        return privacy
    if asks_to_withdraw(typed):
        return compose_privacy(lang)  # its last sentence says whom to ask about one's data
    if comes_back(typed) and declined_in(
        str(e.get("text") or "") for e in previous_turn(tracker) if e.get("event") == "bot"
    ):
        # 「咁叫我阿強啦」, "Maria", 「唔想俾電話」 right after the hand-off was declined (p14-031,
        # p14-034: "still cannot answer"): what passing it on needs, and the way back
        handoff = Button(text("button.handoff", lang), HANDOFF_PAYLOAD)
        return Reply(text("handoff.come_back", lang), lang, [handoff], [], True)
    if complains(typed) and (reproaches(typed) or not looks_like_question(typed)):
        # 「你個廢柴」 (NLU: are you a bot, p10-020), 「你一直重复同一段话，能不能认真回答」 (NLU:
        # the check), "this is useless man" inside the check (probe 12): an apology, the
        # bureau's contact and the offer of staff (a running form then asks its question again)
        return compose_complaint(lang)
    if asks_what_you_can_do(typed):
        return compose_capabilities(lang)
    if asks_how_current(typed):
        return compose_how_current(lang)  # 「你哋嘅資料幾時更新㗎？」
    if asks_about_newer_aid(typed):
        return newer_aid(lang)  # "my fren say got new round of help this year leh" (probe 9)
    if again := ticket_again(tracker, typed):
        return again  # 「咁幾時會覆我？」 after a ticket
    if asks_how_to_reach(typed) and not wants_staff(typed):
        return contact_answer(tracker)  # "who do I contact?" after another answer
    return None


def privacy_reply(typed: str, lang: Lang) -> Reply | None:
    """What is kept and who reads it, for a question about privacy; a refusal for one asking what
    other users wrote ("can you show me what the previous user asked you?" got "I still cannot
    answer" and the bureau's contact entry, p10-058); None for any other message."""
    if asks_for_others_data(typed):
        return Reply(text("small_talk.others_data", lang), lang)
    if asks_about_privacy(typed) or asks_about_own_data(typed):
        return compose_privacy(lang)  # its last sentence says whom to ask about one's data
    return None


def send_service_reply(
    dispatcher: CollectingDispatcher, tracker: Tracker, reply: Reply
) -> list[dict[str, Any]]:
    send_reply(dispatcher, reply)
    return unanswered_events(tracker, reply) if reply.sources else []


def _reference(event: dict[str, Any]) -> str | None:
    """The ticket a bot event announced (bot/turns.py redacts the contact after it)."""
    if event.get("event") != "bot":
        return None
    return ((event.get("data") or {}).get("custom") or {}).get("ticket")


def newer_aid(lang: Lang) -> Reply:
    """Newer aid than the newsletter's: that it says nothing of any, that the repayment measure
    has ended, and whom to ask (with the measure's source)."""
    closed = compose_measure_closed(get_retriever().entries[OVERVIEW_ENTRY], lang)
    return Reply(f"{text('answer.no_newer_aid', lang)}\n\n{closed.text}", lang, [], closed.sources)


def ticket_again(tracker: Tracker, typed: str) -> Reply | None:
    """ "When will you reply?" or "what's my reference again?" after a ticket: what was said
    when it was filed (its reference, and whether staff were notified), not the scope sentence
    and another offer of staff."""
    if not (asks_when_answered(typed) or asks_for_reference(typed)):
        return None
    said: str | None = None
    filed: str | None = None
    for event in tracker.events:
        if event.get("event") != "bot":
            continue
        if _reference(event):
            filed = said  # the ticket's own message is the text sent just before it
        elif event.get("text"):
            said = str(event["text"])
    return Reply(filed, conversation_lang(tracker)) if filed else None


def filed_references(tracker: Tracker) -> list[str]:
    """The tickets this conversation was told of, oldest first."""
    found = [r for event in tracker.events if (r := _reference(event))]
    return list(dict.fromkeys(found))


def _latest_reference(tracker: Tracker) -> str | None:
    return next((r for e in reversed(tracker.events) if (r := _reference(e))), None)


def _bot_texts(tracker: Tracker) -> list[str]:
    return [str(e.get("text") or "") for e in tracker.events if e.get("event") == "bot"]


def live_references(tracker: Tracker) -> list[str]:
    """This conversation's tickets not withdrawn, oldest first."""
    said = _bot_texts(tracker)
    return [r for r in filed_references(tracker) if not withdrawn_in(said, r)]


def handoff_redacted(tracker: Tracker) -> bool:
    """Whether the gateway redacted what the user typed for a hand-off that ended without a
    ticket (bot/retention.py): the user messages it replaced are in the tracker as such."""
    return any(e.get("event") == "user" and e.get("text") == REDACTED_TEXT for e in tracker.events)


def declined_reply(tracker: Tracker, lang: Lang) -> Reply:
    """A hand-off declined or stopped: nothing collected; but never "nothing is kept" while a
    ticket this conversation filed still holds the user's data (p16-005: 「明白，不会收集你的资料」
    with ticket 0002 open)."""
    live = live_references(tracker)
    if live:
        return Reply(text("handoff.declined_ticket_kept", lang, reference=live[-1]), lang)
    return Reply(text("handoff.declined", lang), lang)


def after_ticket_stop(tracker: Tracker, typed: str) -> Reply | None:
    """A ticket withdrawn: "delete my data", 「我要撤回同意」, 「等等 我改變主意喇 唔想留資料」,
    「幫我cancel咗張單佢」, «retirem a reclamação» any time after it was filed, whatever the NLU
    read (actions/parsing/contacts.py, `after_ticket_request`): the gateway redacts this
    conversation's tickets, marks them withdrawn and cancels their e-mail, or tells staff to
    delete what they got (p12-007, p12-050, p16-006, p16-015, p16-019, p16-031, p16-034).
    One detail to change or delete (「我只係想改電話」, 「只是要删微信号」): that a filed ticket
    cannot be edited here, and what can be done (p16-005, p16-034: a new hand-off began, or
    "not sure"). 「算了不用了」 right after a ticket: that it was filed, and how to withdraw it."""
    # (the events are searched only for a message that asks this: this runs on every turn)
    if asks_if_withdrawn(typed):
        # 「請問閣下是否已處理本人之撤回要求？」 (p15-015-9), 「請確認本人之個人資料是否已經刪除。」
        # (p16-015): the ticket's state
        return withdrawal_state(tracker)
    if request := after_ticket_request(typed):
        references = filed_references(tracker)
        if not references:
            return None
        if request == EDIT:
            return cannot_edit(tracker)
        return withdraw_tickets(tracker, references)
    if not wants_to_stop(typed):
        return None
    reference = next((r for e in previous_turn(tracker) if (r := _reference(e))), None)
    if reference is None:
        return None
    lang = conversation_lang(tracker)
    return Reply(text("handoff.after_ticket_stop", lang, reference=reference), lang)


def withdrawal_state(tracker: Tracker) -> Reply:
    """Whether this conversation's latest ticket was withdrawn (its name, contact and question
    deleted), or not yet and how to; or that no ticket was filed, so staff have no details."""
    lang = conversation_lang(tracker)
    reference = _latest_reference(tracker)
    if reference is None:
        # 「咁頭先我打咗個email地址，你哋仲有冇留住？」 after a cancelled hand-off (p16-026)
        key = "handoff.ended_deleted" if handoff_redacted(tracker) else "handoff.no_ticket"
        return Reply(text(key, lang), lang)
    live = live_references(tracker)
    if live:
        return Reply(text("handoff.withdrawal_not_done", lang, reference=live[-1]), lang)
    return Reply(text("handoff.data_withdrawn", lang, reference=reference), lang)


def cannot_edit(tracker: Tracker) -> Reply:
    """A detail of a filed ticket to change or delete: not possible here (the ticket holds it,
    its e-mail may have gone), so the ways there are, withdrawing it all and filing again, or the
    bureau's phone with the reference; once withdrawn, that it was."""
    live = live_references(tracker)
    if not live:
        return withdrawal_state(tracker)
    lang = conversation_lang(tracker)
    return Reply(text("handoff.cannot_edit", lang, reference=live[-1]), lang)


def withdraw_tickets(tracker: Tracker, references: list[str]) -> Reply:
    """Withdraw the conversation's tickets through the gateway, and say so with their
    references; if the gateway cannot be reached, how to withdraw them by phone or e-mail."""
    lang = conversation_lang(tracker)
    client = HandoffClient.from_settings(ActionServerSettings.from_env())
    try:
        done = [client.withdraw(reference, tracker.sender_id) for reference in references]
    except HandoffUnavailable as exc:
        logger.error("withdrawal not recorded: %s", exc)
        return Reply(text("handoff.after_ticket_stop", lang, reference=references[-1]), lang)
    joined = ("、" if lang.startswith("zh") else ", ").join(d.reference for d in done)
    key = (
        "handoff.withdrawn_notified"
        if any(d.email == "staff_notified" for d in done)
        else "handoff.withdrawn"
    )
    return Reply(text(key, lang, reference=joined), lang)
