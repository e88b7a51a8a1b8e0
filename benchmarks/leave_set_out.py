"""The service's decisions on tuning sets whose own labelled questions are left out of the index.

    .venv/bin/python benchmarks/leave_set_out.py tests/data/blind17_queries.jsonl
    .venv/bin/python benchmarks/leave_set_out.py tests/data/blind13_queries.jsonl tests/data/blind14_queries.jsonl
    .venv/bin/python benchmarks/leave_set_out.py --errors tests/data/blind17_queries.jsonl   # lists misses

A tuning set's questions are labelled questions of the shipped index (knowledge/answerability.py),
so the service answers them as it was told to. To see what a change to the knowledge base or the
decision does on questions it has not been told about, this builds an index in a temporary
directory with the named sets left out of the labelled questions (everything else as shipped),
and decides their questions with the NLU's readings (knowledge/service.py, `decide`): per style,
in-scope questions answered right (confident or plausible with a right entry shown) and
out-of-scope ones refused. Only tuning sets are meant: a held-out set is never in the labelled
questions anyway (benchmarks/chat_quality.py measures it end to end).
"""

from __future__ import annotations

import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import knowledge.answerability as answerability  # noqa: E402
from benchmarks.retrieval import nlu_readings, topic_for_intent  # noqa: E402
from knowledge.encoders import make_encoder  # noqa: E402
from knowledge.evaluation import load_queries  # noqa: E402
from knowledge.index import build_index, default_encoder_spec  # noqa: E402
from knowledge.retriever import HybridRetriever  # noqa: E402
from knowledge.service import decide  # noqa: E402


def main(args: list[str]) -> int:
    show_errors = "--errors" in args
    sets = [a for a in args if a != "--errors"]
    unknown = [s for s in sets if s not in answerability.TRAINING_SETS]
    if not sets or unknown:
        print(f"name tuning sets of knowledge/answerability.py (not: {unknown})", file=sys.stderr)
        return 2
    # The index build reads the labelled questions from TRAINING_SETS: the named sets left out.
    answerability.TRAINING_SETS = tuple(t for t in answerability.TRAINING_SETS if t not in sets)
    misses: list[str] = []
    counts: Counter[tuple[str, bool]] = Counter()
    right: Counter[tuple[str, bool]] = Counter()
    with tempfile.TemporaryDirectory() as tmp:
        build_index(make_encoder(default_encoder_spec()), Path(tmp))
        retriever = HybridRetriever.load(Path(tmp))
        for name in sets:
            queries = load_queries(ROOT / name)
            for query, (intent, confidence) in zip(queries, nlu_readings(queries), strict=True):
                decision = decide(
                    retriever, query.query, topic_for_intent(intent), confidence,
                    intent == "out_of_scope",
                )  # fmt: skip
                if query.in_scope:
                    shown = {h.entry.id for h in decision.shown}
                    ok = decision.band != "weak" and bool(shown & query.expected)
                else:
                    ok = decision.band == "weak"
                counts[query.style, query.in_scope] += 1
                right[query.style, query.in_scope] += ok
                if show_errors and not ok:
                    misses.append(
                        f"{query.style}\t{'in' if query.in_scope else 'out'}\t{query.query}"
                    )
    print(f"{', '.join(sets)}, their labelled questions left out of the index\n")
    if misses:
        print("not answered right / not refused:\n" + "\n".join(misses) + "\n")
    print("| style | in scope | answered right | out of scope | refused |")
    print("|---|---|---|---|---|")
    for style in [*sorted({s for s, _ in counts}), "all"]:
        cells = []
        for inside in (True, False):
            keys = [k for k in counts if k[1] is inside and style in (k[0], "all")]
            n, ok = sum(counts[k] for k in keys), sum(right[k] for k in keys)
            cells += [str(n), f"{ok / max(n, 1):.3f} ({ok})"]
        print(f"| {style} | " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
