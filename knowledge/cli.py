"""`cepa-kb`: build the retrieval index and query it from the shell."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from knowledge.encoders import make_encoder
from knowledge.evaluation import evaluate, format_report, load_queries
from knowledge.index import build_index, default_encoder_spec, default_index_dir, index_state
from knowledge.retriever import HybridRetriever, as_outcome, confident
from knowledge.store import DATA_DIR, KnowledgeError


def _build(args: argparse.Namespace) -> int:
    state = index_state(args.index_dir, args.data_dir, args.encoder)
    if state == "ready" and not args.force:
        print(f"index up to date: {args.index_dir}")
        return 0
    started = time.perf_counter()
    count = build_index(make_encoder(args.encoder), args.index_dir, args.data_dir)
    print(
        f"index {state} -> built {count} vectors with {args.encoder} in "
        f"{time.perf_counter() - started:.1f}s: {args.index_dir}"
    )
    return 0


def _ready_retriever(args: argparse.Namespace) -> HybridRetriever | None:
    if index_state(args.index_dir, args.data_dir) != "ready":
        print("index missing or stale: run `cepa-kb build`", file=sys.stderr)
        return None
    return HybridRetriever.load(args.index_dir, args.data_dir)


def _search(args: argparse.Namespace) -> int:
    retriever = _ready_retriever(args)
    if retriever is None:
        return 1
    hits = retriever.search(args.query, k=args.k)
    if args.json:
        rows = [
            {
                "id": h.entry.id,
                "score": round(h.score, 4),
                "dense": round(h.dense, 4),
                "bm25": round(h.lexical, 4),
                "title": h.entry.title.en,
            }
            for h in hits
        ]
        print(json.dumps({"confident": confident(hits), "hits": rows}, ensure_ascii=False))
    else:
        for rank, h in enumerate(hits, 1):
            print(
                f"{rank}. {h.score:.3f} (dense {h.dense:.3f}, bm25 {h.lexical:.2f}) "
                f"{h.entry.id}: {h.entry.title.en}"
            )
        print("confident" if confident(hits) else "below threshold: no answer")
    return 0


def _eval(args: argparse.Namespace) -> int:
    retriever = _ready_retriever(args)
    if retriever is None:
        return 1
    queries = load_queries(args.file)
    unknown = sorted({e for q in queries for e in q.expected} - retriever.entries.keys())
    if unknown:
        print(f"{args.file.name}: unknown entry ids: {', '.join(unknown)}", file=sys.stderr)
        return 2

    print(format_report(evaluate(queries, as_outcome(retriever))))
    return 0


def _suggestions(args: argparse.Namespace) -> int:
    """Phrasings staff accepted in the console (console/suggestions.py), as YAML."""
    from bot.db import sessions
    from console.suggestions import suggestions_yaml

    sys.stdout.write(suggestions_yaml(sessions(args.database_url), args.data_dir))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="cepa-kb", description=__doc__)
    parser.add_argument("--index-dir", type=Path, default=default_index_dir())
    parser.add_argument("--data-dir", type=Path, default=DATA_DIR)
    sub = parser.add_subparsers(dest="command", required=True)
    build = sub.add_parser("build", help="(re)build the index when the knowledge files changed")
    build.add_argument("--encoder", default=default_encoder_spec())
    build.add_argument("--force", action="store_true", help="rebuild even when up to date")
    build.set_defaults(func=_build)
    search = sub.add_parser("search", help="show the best entries for a question")
    search.add_argument("query")
    search.add_argument("--k", type=int, default=3)
    search.add_argument("--json", action="store_true")
    search.set_defaults(func=_search)
    evaluation = sub.add_parser("eval", help="top-1, recall@3, MRR and rejection on a JSONL set")
    evaluation.add_argument("file", type=Path)
    evaluation.set_defaults(func=_eval)
    suggestions = sub.add_parser(
        "suggestions", help="phrasings staff accepted in the console, as YAML to review and merge"
    )
    suggestions.add_argument("--database-url", help="project database (default: DATABASE_URL)")
    suggestions.set_defaults(func=_suggestions)
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except KnowledgeError as exc:
        print(f"knowledge error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
