"""The overview's figures (console/stats.py) and the console's other pure parts: turn
classification, grouping, charts and CSV cells."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from bot.chat import ChatResponse, IntentOut, ReplyOut, SourceOut
from console.charts import bar_chart
from console.csvs import cell, to_csv
from console.grouping import cluster
from console.recording import answer_key, classify, conversation_key
from console.stats import TurnFact, overview, per_day, percentile, period_start

# 2026-11-29 12:00 UTC is 20:00 in Macao; Macao's 29 November began at 2026-11-28 16:00 UTC.
NOW = dt.datetime(2026, 11, 29, 12, 0)


def fact(
    hours_ago: float,
    outcome: str = "answered",
    conversation: str = "c1",
    channel: str = "web",
    lang: str = "zh-Hant",
    feedback: str | None = None,
    latency_ms: int = 20,
) -> TurnFact:
    return TurnFact(
        NOW - dt.timedelta(hours=hours_ago), conversation, channel, lang, outcome, feedback,
        latency_ms,
    )  # fmt: skip


def test_periods_are_macao_days() -> None:
    assert period_start(1, NOW) == dt.datetime(2026, 11, 28, 16, 0)
    assert period_start(7, NOW) == dt.datetime(2026, 11, 22, 16, 0)
    # 23:30 UTC is already the next day in Macao.
    assert period_start(1, dt.datetime(2026, 11, 29, 23, 30)) == dt.datetime(2026, 11, 29, 16, 0)
    with pytest.raises(ValueError):
        period_start(0, NOW)


def test_percentile_is_nearest_rank() -> None:
    assert percentile([], 0.95) is None
    assert percentile([7], 0.95) == 7
    assert percentile(list(range(1, 101)), 0.95) == 95
    assert percentile([30, 10, 20], 0.95) == 30
    assert percentile([10, 20, 30, 40], 0.5) == 20


def test_overview_counts_rates_feedback_and_breakdowns() -> None:
    facts = [
        fact(1, "answered", "c1", feedback="up", latency_ms=10),
        fact(2, "answered", "c1", feedback="down", latency_ms=20),
        fact(3, "unanswered", "c2", channel="tg", lang="en", latency_ms=30),
        fact(4, "out_of_scope", "c3", channel="api", lang="pt", latency_ms=40),
        fact(5, "handoff", "c2", channel="tg", lang="en", latency_ms=900),
        fact(6, "other", "c4", lang="zh-Hans", latency_ms=15),
        fact(30, "answered", "old"),  # yesterday in Macao: outside "today"
    ]
    today = overview(facts, 1, NOW)
    assert (today.conversations, today.messages, today.questions) == (4, 6, 4)
    assert (today.answered, today.unanswered, today.out_of_scope, today.handoffs) == (2, 1, 1, 1)
    assert today.answered_rate == 0.5 and today.out_of_scope_rate == 0.25
    assert (today.thumbs_up, today.thumbs_down) == (1, 1)
    assert today.p95_latency_ms == 900
    assert today.by_channel == {"web": 3, "tg": 2, "api": 1}
    assert list(today.by_channel) == ["web", "tg", "api"]  # most first
    assert today.by_lang == {"en": 2, "zh-Hant": 2, "pt": 1, "zh-Hans": 1}
    week = overview(facts, 7, NOW)
    assert week.messages == 7 and week.conversations == 5 and week.answered_rate == 0.6


def test_an_empty_period_has_no_rates() -> None:
    empty = overview([], 30, NOW)
    assert empty.messages == 0 and empty.answered_rate is None and empty.p95_latency_ms is None
    assert len(empty.per_day) == 30 and all(d.messages == 0 for d in empty.per_day)
    assert empty.as_json()["per_day"][-1] == {
        "day": "2026-11-29", "messages": 0, "answered": 0, "not_answered": 0,
    }  # fmt: skip


def test_per_day_puts_turns_on_their_macao_date() -> None:
    facts = [fact(1), fact(21, "unanswered"), fact(19, "out_of_scope")]  # 19 h ago: 01:00 Macao
    days = per_day(facts, dt.date(2026, 11, 28), dt.date(2026, 11, 29))
    assert [(d.day.day, d.messages, d.answered, d.not_answered) for d in days] == [
        (28, 1, 0, 1),
        (29, 2, 1, 1),
    ]


def reply(**changes: object) -> ChatResponse:
    base: dict[str, object] = {
        "sender": "s",
        "replies": [ReplyOut(text="t")],
        "intent": IntentOut(name="greet", confidence=0.99),
        "sources": [],
        "handoff_offered": False,
        "lang": "en",
    }
    return ChatResponse.model_validate({**base, **changes})


def test_a_turn_is_classified_from_its_reply() -> None:
    answer = ReplyOut(text="The answer", kind="answer")
    answered = classify(reply(replies=[answer], sources=[SourceOut(id="e1", title="E")]))
    assert (answered.outcome, answered.entry_id) == ("answered", "e1")
    assert answered.answer_key == answer_key("The answer")
    assert classify(reply(handoff_offered=True)).outcome == "unanswered"
    oos = reply(intent=IntentOut(name="out_of_scope", confidence=0.9), handoff_offered=True)
    assert classify(oos).outcome == "out_of_scope"
    ticket = reply(replies=[ReplyOut(text="CEPA-20261129-0001", kind="ticket", ticket="X")])
    assert classify(ticket).outcome == "handoff"
    assert classify(reply()).outcome == "other"
    assert conversation_key("web:a") != conversation_key("tg:a")
    assert "web:a" not in conversation_key("web:a")


def test_a_form_step_is_never_a_question() -> None:
    """The NLU reads a bare name as out_of_scope; the form takes it and asks for the contact,
    offering no staff: the turn is `other`, so its text (unmaskable) is not stored."""
    form_step = reply(
        replies=[ReplyOut(text="請留下電郵地址或電話號碼，方便職員聯絡你。")],
        intent=IntentOut(name="out_of_scope", confidence=1.0),
    )
    assert classify(form_step).outcome == "other"


def test_grouping_joins_rows_similar_to_a_group_s_first() -> None:
    vectors = np.array([[1, 0], [0.95, 0.05], [0, 1], [0.1, 0.9], [-1, 0]], dtype=np.float32)
    assert cluster(vectors, 0.9) == [[0, 1], [2, 3], [4]]
    assert cluster(vectors, 0.9999) == [[0], [1], [2], [3], [4]]
    assert cluster(np.zeros((0, 2), dtype=np.float32)) == []


def test_bar_chart_scales_to_the_largest_total() -> None:
    chart = bar_chart([("a", [(2, "x"), (2, "y")]), ("b", [(1, "x")]), ("c", [])], 300, 120)
    assert chart.top == 4 and len(chart.bars) == 3
    a, b, c = chart.bars
    assert a.segments[0][1] + a.segments[1][1] == pytest.approx(chart.plot_height)
    assert b.segments[0][1] == pytest.approx(chart.plot_height / 4)
    assert c.total == 0 and c.segments == ()
    assert a.segments[1][0] + a.segments[1][1] == pytest.approx(a.segments[0][0])  # stacked
    assert bar_chart([]).bars == ()


def test_csv_cells_cannot_become_formulas() -> None:
    assert cell("=HYPERLINK(1)") == "'=HYPERLINK(1)" and cell("@x") == "'@x"
    assert cell(None) == "" and cell(3) == "3" and cell("點樣申請？") == "點樣申請？"
    assert to_csv(["a", "b"], [["1", "+2"]]) == "a,b\r\n1,'+2\r\n"
