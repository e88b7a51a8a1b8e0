"""Answerability model, leave one tuning set out: how many near misses it turns away, and what it
costs in scope.

    .venv/bin/python benchmarks/answerability.py

For each tuning set in knowledge/answerability.py's TRAINING_SETS, the model is fitted on the
others and read on that one. Counted on what the ranking alone would answer (confident or
plausible bands, no facet rules, no NLU): out-of-scope queries turned away, and in-scope queries
whose right entry would have been answered and no longer is, per threshold and per style. The
held-out sets (the frozen split, the sixth blind set) are not read. Exits 1 when ANSWERABLE_AT is
not the threshold with the best score (turned away − LOST_ANSWER_COST × lost).
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from benchmarks.intervals import fmt, wilson  # noqa: E402
from knowledge.answerability import (  # noqa: E402
    ANSWERABLE_AT,
    LOST_ANSWER_COST,
    REGULARISATION,
    TRAINING_SETS,
    fit,
)
from knowledge.evaluation import load_queries  # noqa: E402
from knowledge.index import default_index_dir, index_state  # noqa: E402
from knowledge.retriever import HybridRetriever, band  # noqa: E402

THRESHOLDS = (0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5)


def main() -> int:
    index_dir = default_index_dir()
    if index_state(index_dir) != "ready":
        print("index missing or stale: run `cepa-kb build`", file=sys.stderr)
        return 1
    retriever = HybridRetriever.load(index_dir)
    rows = []  # (set, style, in scope, answered right or answered at all, features)
    for name in TRAINING_SETS:
        for query in load_queries(ROOT / name):
            hits = retriever.search(query.query, k=len(retriever.entries))
            answered = band(hits) != "weak"
            right = answered and hits[0].entry.id in query.expected
            x = retriever.answerability_features(query.query, hits)
            rows.append((name, query.style, bool(query.expected), answered, right, x))
    probability = np.zeros(len(rows))
    for held in TRAINING_SETS:
        train = [r for r in rows if r[0] != held]
        model = fit([r[5] for r in train], [r[2] for r in train], REGULARISATION)
        for i, r in enumerate(rows):
            if r[0] == held:
                probability[i] = model.probability(r[5])
    print(f"leave one set out over {len(TRAINING_SETS)} tuning sets ({len(rows)} queries)")
    print(
        "| threshold | out of scope the ranking answers | turned away | in scope answered right "
        f"| lost | score (turned away − {LOST_ANSWER_COST} × lost) |"
    )
    print("|---|---|---|---|---|---|")
    scores = {}
    for at in THRESHOLDS:
        oos = [p < at for r, p in zip(rows, probability, strict=True) if not r[2] and r[3]]
        kept = [p < at for r, p in zip(rows, probability, strict=True) if r[2] and r[4]]
        mark = " (used)" if at == ANSWERABLE_AT else ""
        scores[at] = sum(oos) - LOST_ANSWER_COST * sum(kept)
        share = fmt(sum(oos) / max(len(oos), 1), wilson(sum(oos), len(oos)))
        print(
            f"| {at}{mark} | {len(oos)} | {sum(oos)}: {share} "
            f"| {len(kept)} | {sum(kept)} ({sum(kept) / max(len(kept), 1):.3f}) | {scores[at]} |"
        )
    print(f"\nper style at {ANSWERABLE_AT}:")
    print("| style | out of scope turned away | in scope lost |")
    print("|---|---|---|")
    by_style: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for r, p in zip(rows, probability, strict=True):
        counts = by_style[r[1]]
        if not r[2] and r[3]:
            counts[0] += 1
            counts[1] += p < ANSWERABLE_AT
        if r[2] and r[4]:
            counts[2] += 1
            counts[3] += p < ANSWERABLE_AT
    for style, (n_oos, away, n_in, lost) in sorted(by_style.items()):
        print(f"| {style} | {away}/{n_oos} | {lost}/{n_in} |")
    best = max(scores, key=lambda at: scores[at])
    if best != ANSWERABLE_AT:
        print(f"\nANSWERABLE_AT is {ANSWERABLE_AT}; the best threshold is {best}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
