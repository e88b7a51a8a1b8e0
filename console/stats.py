"""The overview's figures, computed from turn facts by pure, typed functions.

Definitions (shown on the page too):
- *conversations*: distinct conversations with at least one turn in the period; *messages*: turns.
- *questions*: turns that asked something of the knowledge base: answered, unanswered or out of
  scope. *Answered rate* = answered / questions; *out-of-scope rate* = out of scope / questions
  (None when there were no questions).
- *hand-offs*: turns that created a staff ticket.
- *p95 latency*: the nearest-rank 95th percentile of the turns' gateway latency.
- Periods are Macao days: `days=1` is today since Macao midnight, `days=7` today and the six
  days before it.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from console.models import ANSWERED, HANDOFF, OUT_OF_SCOPE, UNANSWERED
from knowledge.clock import MACAO, macao_today

PERIODS = (1, 7, 30)
MAX_DAYS = 366


@dataclass(frozen=True)
class TurnFact:
    created_at: dt.datetime  # naive UTC, as stored
    conversation: str
    channel: str
    lang: str
    outcome: str
    feedback: str | None
    latency_ms: int


@dataclass(frozen=True)
class Day:
    day: dt.date
    messages: int
    answered: int
    not_answered: int  # unanswered and out of scope


@dataclass(frozen=True)
class Overview:
    days: int
    since: dt.datetime  # naive UTC
    conversations: int
    messages: int
    questions: int
    answered: int
    unanswered: int
    out_of_scope: int
    handoffs: int
    answered_rate: float | None
    out_of_scope_rate: float | None
    thumbs_up: int
    thumbs_down: int
    p95_latency_ms: int | None
    by_lang: dict[str, int] = field(default_factory=dict)
    by_channel: dict[str, int] = field(default_factory=dict)
    per_day: list[Day] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["since"] = self.since.isoformat(timespec="seconds") + "Z"
        data["per_day"] = [{**asdict(d), "day": d.day.isoformat()} for d in self.per_day]
        return data


def period_start(days: int, now: dt.datetime) -> dt.datetime:
    """The start (naive UTC) of the last `days` Macao days including today's."""
    if not 1 <= days <= MAX_DAYS:
        raise ValueError(f"days must be 1..{MAX_DAYS}, got {days}")
    first = macao_today(now) - dt.timedelta(days=days - 1)
    start = dt.datetime.combine(first, dt.time(), MACAO)
    return start.astimezone(dt.UTC).replace(tzinfo=None)


def percentile(values: Sequence[int], share: float) -> int | None:
    """Nearest-rank percentile (`share` in (0, 1]); None for no values."""
    if not values:
        return None
    if not 0 < share <= 1:
        raise ValueError(f"share must be in (0, 1], got {share}")
    ordered = sorted(values)
    return ordered[max(math.ceil(share * len(ordered)) - 1, 0)]


def rate(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _sorted_counts(counter: Counter[str]) -> dict[str, int]:
    return dict(sorted(counter.items(), key=lambda item: (-item[1], item[0])))


def per_day(facts: Iterable[TurnFact], first: dt.date, last: dt.date) -> list[Day]:
    """One row per Macao day from `first` to `last`, days without turns included."""
    messages: Counter[dt.date] = Counter()
    answered: Counter[dt.date] = Counter()
    missed: Counter[dt.date] = Counter()
    for fact in facts:
        day = macao_today(fact.created_at)
        messages[day] += 1
        if fact.outcome == ANSWERED:
            answered[day] += 1
        elif fact.outcome in (UNANSWERED, OUT_OF_SCOPE):
            missed[day] += 1
    span = (last - first).days + 1
    days = [first + dt.timedelta(days=i) for i in range(max(span, 0))]
    return [Day(d, messages[d], answered[d], missed[d]) for d in days]


def overview(facts: Iterable[TurnFact], days: int, now: dt.datetime) -> Overview:
    """The figures of the last `days` Macao days up to `now` (naive UTC); facts outside the
    period are ignored."""
    since = period_start(days, now)
    kept = [f for f in facts if since <= f.created_at <= now]
    outcomes = Counter(f.outcome for f in kept)
    questions = outcomes[ANSWERED] + outcomes[UNANSWERED] + outcomes[OUT_OF_SCOPE]
    feedback = Counter(f.feedback for f in kept if f.feedback)
    return Overview(
        days=days,
        since=since,
        conversations=len({f.conversation for f in kept}),
        messages=len(kept),
        questions=questions,
        answered=outcomes[ANSWERED],
        unanswered=outcomes[UNANSWERED],
        out_of_scope=outcomes[OUT_OF_SCOPE],
        handoffs=outcomes[HANDOFF],
        answered_rate=rate(outcomes[ANSWERED], questions),
        out_of_scope_rate=rate(outcomes[OUT_OF_SCOPE], questions),
        thumbs_up=feedback["up"],
        thumbs_down=feedback["down"],
        p95_latency_ms=percentile([f.latency_ms for f in kept], 0.95),
        by_lang=_sorted_counts(Counter(f.lang for f in kept)),
        by_channel=_sorted_counts(Counter(f.channel for f in kept)),
        per_day=per_day(kept, macao_today(since), macao_today(now)),
    )
