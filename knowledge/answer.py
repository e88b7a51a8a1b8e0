"""Turning retrieval results into what the user reads: text, buttons, sources (pure functions)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from knowledge.facets import Detail
from knowledge.language import Lang
from knowledge.messages import format_date, join_list, text
from knowledge.schema import TOPICS, Entry, Topic

HANDOFF_PAYLOAD = "/request_human"
# The topics the scope sentence names, each `scope.topic.<topic>` in the message catalogue: every
# topic of the knowledge schema but the trade committee's meeting and the bureau's contacts,
# which are news and an address rather than subjects a business asks about.
SCOPE_TOPICS: tuple[Topic, ...] = tuple(
    t for t in TOPICS if t not in ("trade_committee", "contact")
)
# Facts about the repayment measure come with a way into the user's own case; only that button
# (or a question about their own company) starts the eligibility check.
CHECK_MY_CASE_PAYLOAD = "/check_repayment_eligibility"


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
    # The questions of the message this reply names as unanswered (`with_unanswered`): the
    # question a hand-off to staff then offers back.
    unanswered: tuple[str, ...] = ()


def without_check_button(reply: Reply) -> Reply:
    """`reply` without "check my case", for an answer given while the check is already running
    (pressed there, it would only ask the same question again)."""
    buttons = [b for b in reply.buttons if b.payload != CHECK_MY_CASE_PAYLOAD]
    return replace(reply, buttons=buttons)


def entry_payload(entry: Entry) -> str:
    """A button payload that routes straight to `entry` (Rasa's `/intent{entities}` syntax)."""
    return f'/ask_{entry.topic}{{"kb_entry":"{entry.id}"}}'


def compose_answer(
    entries: list[Entry],
    lang: Lang,
    today: dt.date,
    related: list[Entry],
    end_noted: bool = False,
) -> Reply:
    """The answer of one entry, or of sibling entries answered together (each under its title),
    with the ended-period note (unless the reply has `end_noted` already) and the source lines
    once each."""
    if len(entries) == 1:
        parts = [entries[0].answer.get(lang).strip()]
    else:
        parts = [
            text("answer.heading", lang, title=e.title.get(lang))
            + "\n"
            + e.answer.get(lang).strip()
            for e in entries
        ]
    parts += unique(
        text("answer.expired", lang, date=format_date(e.valid_until, lang))
        for e in entries
        if e.valid_until is not None and today > e.valid_until and not end_noted
    )
    parts += unique(source_line(e, lang) for e in entries)
    buttons = [Button(r.title.get(lang), entry_payload(r)) for r in related[:3]]
    if any(e.topic == "sme_repayment" for e in entries):
        buttons.append(Button(text("button.check_my_case", lang), CHECK_MY_CASE_PAYLOAD))
    return Reply(
        text="\n\n".join(parts),
        lang=lang,
        buttons=buttons,
        sources=[{"id": e.id, "title": e.title.get(lang)} for e in entries],
    )


def with_unanswered(reply: Reply, questions: tuple[str, ...]) -> Reply:
    """`reply`, answering some of a message's questions, saying which of them it leaves
    unanswered (quoted as asked) and offering staff for those."""
    if not questions:
        return reply
    quoted = join_list([text("answer.quoted", reply.lang, text=q) for q in questions], reply.lang)
    note = text("answer.parts_unanswered", reply.lang, questions=quoted)
    handoff = Button(text("button.handoff", reply.lang), HANDOFF_PAYLOAD)
    return replace(
        reply,
        text=f"{reply.text}\n\n{note}",
        buttons=[*reply.buttons, handoff],
        handoff_offered=True,
        unanswered=questions,
    )


def unique(lines: Iterable[str]) -> list[str]:
    """`lines` without repeats, in order (siblings share a source article and an end date)."""
    return list(dict.fromkeys(lines))


def compose_plausible(entry: Entry, lang: Lang, today: dt.date, others: list[Entry]) -> Reply:
    """The right entry is likely but not sure: ask whether it is what the user means, give its
    title and its answer (with its source), and offer the next candidates and staff."""
    answered = compose_answer([entry], lang, today, [])
    intro = text("answer.plausible", lang, title=entry.title.get(lang))
    buttons = [Button(o.title.get(lang), entry_payload(o)) for o in others[:2]]
    # The entry's own way on ("check my case" for the repayment measure) stays offered.
    buttons += answered.buttons
    buttons.append(Button(text("button.handoff", lang), HANDOFF_PAYLOAD))
    return Reply(f"{intro}\n\n{answered.text}", lang, buttons, answered.sources, True)


def compose_not_sure(candidates: list[Entry], lang: Lang, missing: Detail | None = None) -> Reply:
    """Below confidence: no answer, the closest topics to choose from, and an offer of staff.
    `missing` names the detail the question asks for that no close entry states
    (knowledge/facets.py): the reply says so."""
    buttons = [Button(c.title.get(lang), entry_payload(c)) for c in candidates[:3]]
    buttons.append(Button(text("button.handoff", lang), HANDOFF_PAYLOAD))
    sentence = (
        text("answer.detail_missing", lang, detail=text(f"detail.{missing}", lang))
        if missing
        else text("answer.not_sure", lang)
    )
    return Reply(sentence, lang, buttons, [], handoff_offered=True)


def compose_nothing_more(lang: Lang) -> Reply:
    """The previous answer asked for again by a user it did not answer ("u just repeated urself",
    「答覆與前述相同」): that the information says no more, and an offer of staff, instead of the
    same answer a third time (probe 16)."""
    handoff = Button(text("button.handoff", lang), HANDOFF_PAYLOAD)
    return Reply(text("answer.nothing_more", lang), lang, [handoff], [], handoff_offered=True)


def compose_handoff(lang: Lang) -> Reply:
    """Second time unsure in a row: stop guessing and offer staff."""
    handoff = Button(text("button.handoff", lang), HANDOFF_PAYLOAD)
    return Reply(text("answer.still_not_sure", lang), lang, [handoff], [], True)


def compose_measure_closed(entry: Entry, lang: Lang, asked: Sequence[Entry] = ()) -> Reply:
    """ "Can I still apply?" of the repayment measure, which has ended: that it has, from the
    rule's own date, with the source of `entry` (an answer of the measure that states the date);
    then the answers of `asked`, entries of the measure stating what the question also asked
    (「依家想申請減少今期還款 最多可以減到剩幾多」: how low, blind23)."""
    parts = [text("answer.measure_closed", lang), *(e.answer.get(lang).strip() for e in asked)]
    parts += unique(source_line(e, lang) for e in [entry, *asked])
    sources = [{"id": e.id, "title": e.title.get(lang)} for e in [entry, *asked]]
    return Reply("\n\n".join(parts), lang, [], sources)


def compose_no_such_item(listed: Entry, count: int, place: int, lang: Lang) -> Reply:
    """A place past the end of a numbered list: that the list has only `count` items (from
    `listed`, the list's overview, which states its count), and the list offered."""
    said = text("answer.no_such_item", lang, count=count, place=place)
    said += "\n\n" + source_line(listed, lang)
    button = Button(listed.title.get(lang), entry_payload(listed))
    return Reply(said, lang, [button], [{"id": listed.id, "title": listed.title.get(lang)}])


def compose_complaint(lang: Lang) -> Reply:
    """A complaint about the assistant: an apology, what it answers, the bureau's contact, and
    the offer of staff (probe 12: "not sure", or the same answer again)."""
    handoff = Button(text("button.handoff", lang), HANDOFF_PAYLOAD)
    return Reply(text("small_talk.complaint", lang), lang, [handoff], [], True)


def compose_contact_offer(lang: Lang) -> Reply:
    """A phone number or e-mail given out of the blue: staff need consent and a question first."""
    handoff = Button(text("button.handoff", lang), HANDOFF_PAYLOAD)
    return Reply(text("answer.contact_given", lang), lang, [handoff], [], True)


def _scope_topics(lang: Lang) -> str:
    return join_list([text(f"scope.topic.{topic}", lang) for topic in SCOPE_TOPICS], lang)


def scope_sentence(lang: Lang) -> str:
    """What the assistant covers, every topic named, and the offer of staff."""
    return text("answer.out_of_scope", lang, topics=_scope_topics(lang))


def compose_capabilities(lang: Lang) -> Reply:
    """ "What can you do?", 「你識唔識講廣東話？」, «Fala português?»: what the assistant answers,
    in which languages, and what else it does."""
    return Reply(text("small_talk.capabilities", lang, topics=_scope_topics(lang)), lang)


def compose_privacy(lang: Lang) -> Reply:
    """ "Do you store my data?", 「你哋會唔會記錄我講嘢」: what is kept, who reads it, and when a
    name and contact are asked for (the hand-off's privacy notice says the same of those)."""
    return Reply(text("small_talk.privacy", lang), lang)


def compose_how_current(lang: Lang) -> Reply:
    """ "How old is your information?": the newsletter's date, that later changes are unknown,
    and where the latest is (the bureau, or staff: the button)."""
    return Reply(
        text("small_talk.how_current", lang),
        lang,
        [Button(text("button.handoff", lang), HANDOFF_PAYLOAD)],
        [],
        True,
    )


def compose_out_of_scope(lang: Lang) -> Reply:
    """Outside the assistant's topics: say what it covers and offer staff (the button). The
    staff consent form starts only when the user accepts."""
    return Reply(
        scope_sentence(lang),
        lang,
        [Button(text("button.handoff", lang), HANDOFF_PAYLOAD)],
        [],
        True,
    )


def source_line(entry: Entry, lang: Lang) -> str:
    """The newsletter article an answer comes from, in the reader's language and script."""
    return text("answer.source_label", lang) + text(
        "answer.source",
        lang,
        n=entry.source.article,
        title=entry.source.title_in(lang),
        printed=entry.source.title,
    )
