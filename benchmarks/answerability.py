"""Near misses turned away by the labelled questions, leave one tuning set out: how many the
ranking would have answered are turned away, and what it costs in scope.

    .venv/bin/python benchmarks/answerability.py

For each tuning set in knowledge/answerability.py's TRAINING_SETS, its questions are read against
the other sets' labelled questions (and the index's texts). Counted on what the ranking alone
would answer (no facet rules, no NLU), per band: out-of-scope questions turned away, and in-scope
questions whose right entry came first and that are turned away, for several margins, then per
style at NEAR_MISS_MARGIN. The held-out sets (the frozen split, the ninth blind set) are not read.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from knowledge.answerability import (  # noqa: E402
    NEAR_MISS_MARGIN,
    SAME_QUESTION_AT,
    TRAINING_SETS,
    LabelledQuestions,
    near_miss,
)
from knowledge.evaluation import load_queries  # noqa: E402
from knowledge.facets import missing_detail  # noqa: E402
from knowledge.index import default_index_dir, index_state, remembered  # noqa: E402
from knowledge.retriever import HybridRetriever, band  # noqa: E402
from knowledge.service import labelled_answers  # noqa: E402

MARGINS = (-0.04, -0.02, 0.0, 0.02, 0.04)
BANDS = ("confident", "plausible")


def main() -> int:
    index_dir = default_index_dir()
    if index_state(index_dir) != "ready":
        print("index missing or stale: run `cepa-kb build`", file=sys.stderr)
        return 1
    retriever = HybridRetriever.load(index_dir)
    rows = []  # (set, style, in scope, band, right entry first, best document)
    vectors = []
    queries = []
    rankings = []  # every entry, best first
    for name in TRAINING_SETS:
        for query in load_queries(ROOT / name):
            queries.append(query)
            hits = retriever.search(query.query, k=len(retriever.entries))
            rankings.append(hits)
            best_document = max(h.dense for h in hits)
            right = hits[0].entry.id in query.expected
            rows.append((name, query.style, query.in_scope, band(hits), right, best_document))
            vectors.append(retriever.query_vector(query.query)[0])
    matrix = np.vstack(vectors)
    sets = np.asarray([r[0] for r in rows])
    in_scope = np.asarray([r[2] for r in rows], dtype=bool)
    entry_ids = np.asarray([" ".join(sorted(q.expected)) for q in queries], dtype=str)
    kept = np.asarray([remembered(q) for q in queries], dtype=bool)
    turned: dict[float, list[bool]] = {m: [False] * len(rows) for m in MARGINS}
    # the same question again: (in scope, its entry right, the ranking confidently right already,
    # a detail the entry lacks)
    again = []
    for held in TRAINING_SETS:
        others = (sets != held) & kept
        labelled = LabelledQuestions(matrix[others], in_scope[others], entry_ids[others])
        for i in np.flatnonzero(sets == held):
            for margin in MARGINS:
                turned[margin][i] = near_miss(labelled, matrix[i], rows[i][5], margin)
            if again_ids := labelled.same_question(matrix[i]):
                twins = labelled_answers(rankings[i], frozenset(again_ids))
                query = queries[i]
                lacks = missing_detail(query.query, [h.entry for h in twins]) is not None
                ranked = rows[i][3] == "confident" and rows[i][4]
                again.append((query.in_scope, twins[0].entry.id in query.expected, ranked, lacks))
    print(f"leave one set out over {len(TRAINING_SETS)} tuning sets ({len(rows)} questions)\n")
    print("| margin | band | out of scope turned away | in scope (right entry first) lost |")
    print("|---|---|---|---|")
    for margin in MARGINS:
        mark = " (used)" if margin == NEAR_MISS_MARGIN else ""
        for name in BANDS:
            oos = [
                t for r, t in zip(rows, turned[margin], strict=True) if not r[2] and r[3] == name
            ]
            ins = [
                t
                for r, t in zip(rows, turned[margin], strict=True)
                if r[2] and r[4] and r[3] == name
            ]
            print(f"| {margin}{mark} | {name} | {sum(oos)}/{len(oos)} | {sum(ins)}/{len(ins)} |")
    print(f"\nper style at {NEAR_MISS_MARGIN}, confident and plausible bands together:")
    print("| style | out of scope turned away | in scope lost |")
    print("|---|---|---|")
    by_style: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for r, t in zip(rows, turned[NEAR_MISS_MARGIN], strict=True):
        if r[3] == "weak":
            continue
        counts = by_style[r[1]]
        if not r[2]:
            counts[0] += 1
            counts[1] += t
        elif r[4]:
            counts[2] += 1
            counts[3] += t
    for style, (n_oos, away, n_in, lost) in sorted(by_style.items()):
        print(f"| {style} | {away}/{n_oos} | {lost}/{n_in} |")
    answered = [a for a in again if not a[3]]
    print(f"\nthe same labelled question again (cosine >= {SAME_QUESTION_AT}), facets applied:")
    print(f"- in scope, answered with its entry: {sum(a[0] for a in answered)}")
    print(f"  - the right entry: {sum(a[0] and a[1] for a in answered)}")
    print(
        f"  - right where the ranking was not confidently right: "
        f"{sum(a[0] and a[1] and not a[2] for a in answered)}"
    )
    print(
        f"  - wrong where the ranking was confidently right: "
        f"{sum(a[0] and not a[1] and a[2] for a in answered)}"
    )
    print(f"- out of scope, answered: {sum(not a[0] for a in answered)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
