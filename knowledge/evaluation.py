"""Retrieval quality on a labelled query set (pure functions; the CLI and benchmarks print them).

A dev-set line is JSON: {"query": str, "expected": [entry ids], "style": str}; an empty `expected`
marks an out-of-scope query, which must be rejected (no confident answer).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

STYLES = ("zh-Hant", "cantonese", "zh-Hans", "en", "pt")


@dataclass(frozen=True)
class Query:
    query: str
    expected: frozenset[str]
    style: str

    @property
    def in_scope(self) -> bool:
        return bool(self.expected)


@dataclass(frozen=True)
class Outcome:
    """What a method returned for one query: ranked entry ids and whether it would answer."""

    ranked: list[str]
    answered: bool


def load_queries(path: Path) -> list[Query]:
    queries = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            queries.append(Query(row["query"], frozenset(row["expected"]), row["style"]))
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise ValueError(f"{path.name}:{number}: {exc}") from exc
    return queries


@dataclass
class Scores:
    in_scope: int = 0
    top1: int = 0
    recall3: int = 0
    rr: float = 0.0
    correct_answers: int = 0  # answered, and with a right entry
    out_of_scope: int = 0
    rejected: int = 0

    def add(self, query: Query, outcome: Outcome) -> None:
        if not query.in_scope:
            self.out_of_scope += 1
            self.rejected += not outcome.answered
            return
        self.in_scope += 1
        ranks = [i for i, e in enumerate(outcome.ranked, 1) if e in query.expected]
        first = ranks[0] if ranks else None
        self.top1 += first == 1
        self.recall3 += first is not None and first <= 3
        self.rr += 1 / first if first else 0.0
        self.correct_answers += outcome.answered and first == 1

    def as_row(self) -> dict[str, float]:
        n = max(self.in_scope, 1)
        return {
            "queries": self.in_scope,
            "top1": self.top1 / n,
            "recall@3": self.recall3 / n,
            "mrr": self.rr / n,
            "answered_right": self.correct_answers / n,
            "oos": self.out_of_scope,
            "oos_rejected": self.rejected / max(self.out_of_scope, 1),
        }


@dataclass
class Report:
    overall: Scores = field(default_factory=Scores)
    by_style: dict[str, Scores] = field(default_factory=lambda: defaultdict(Scores))


def evaluate(queries: Iterable[Query], method: Callable[[str], Outcome]) -> Report:
    report = Report()
    for query in queries:
        outcome = method(query.query)
        report.overall.add(query, outcome)
        report.by_style[query.style].add(query, outcome)
    return report


def format_report(report: Report) -> str:
    header = f"{'style':<10} {'n':>4} {'top1':>6} {'R@3':>6} {'MRR':>6} {'right':>6} {'oos':>4} {'reject':>7}"
    lines = [header]
    rows = [(s, report.by_style[s]) for s in STYLES if s in report.by_style]
    for style, scores in [*rows, ("all", report.overall)]:
        r = scores.as_row()
        lines.append(
            f"{style:<10} {r['queries']:>4} {r['top1']:>6.3f} {r['recall@3']:>6.3f} "
            f"{r['mrr']:>6.3f} {r['answered_right']:>6.3f} {r['oos']:>4} {r['oos_rejected']:>7.3f}"
        )
    return "\n".join(lines)
