"""Three answer bands (issue 14, item 4): confident → answer; plausible → "is this what you
mean?" with the entry's title and answer, the next candidates and staff; weak → not sure."""

from __future__ import annotations

import datetime as dt

from knowledge.answer import HANDOFF_PAYLOAD, compose_plausible, entry_payload
from knowledge.retriever import ANSWER_THRESHOLD, PLAUSIBLE_THRESHOLD, Hit, band
from knowledge.schema import Entry


def hits(entries: list[Entry], *scores: float) -> list[Hit]:
    return [Hit(e, s, s, 0.0) for e, s in zip(entries, scores, strict=False)]


def test_bands_follow_the_calibrated_thresholds(entries: list[Entry]) -> None:
    assert PLAUSIBLE_THRESHOLD < ANSWER_THRESHOLD
    assert band(hits(entries, 0.9, 0.5)) == "confident"
    # A clear score without a lead over the next entry is only plausible.
    assert band(hits(entries, 0.9, 0.88)) == "plausible"
    assert band(hits(entries, PLAUSIBLE_THRESHOLD, 0.1)) == "plausible"
    assert band(hits(entries, PLAUSIBLE_THRESHOLD - 0.01, 0.1)) == "weak"
    assert band([]) == "weak"


def test_plausible_reply_asks_gives_the_answer_and_offers_the_rest(entries: list[Entry]) -> None:
    entry, *others = [e for e in entries if e.topic == "gba_measures"][6:9]
    reply = compose_plausible(entry, "en", dt.date(2026, 11, 29), others)
    assert reply.text.startswith(f"Is this what you mean: “{entry.title.en}”?")
    assert entry.answer.en in reply.text and "Source: " in reply.text.splitlines()[-1]
    assert reply.sources == [{"id": entry.id, "title": entry.title.en}]
    assert [b.payload for b in reply.buttons] == [
        *(entry_payload(o) for o in others),
        HANDOFF_PAYLOAD,
    ]
    assert reply.handoff_offered
