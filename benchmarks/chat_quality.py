"""Answered right end to end: the frozen test queries through `/api/chat`, as users send them.

    .venv/bin/python benchmarks/chat_quality.py [--split test|tune | --queries FILE.jsonl]

`benchmarks/retrieval.py` scores the retriever alone; this sends every query of the same split
to the real service (action server, Rasa with its NLU and dialogue, gateway), each in a fresh
conversation, and reads what the user gets back:

- answered: a reply with a source and no "is this what you mean?" / staff offer — right when
  one of its sources is an expected entry (sibling entries answered together are each answered
  in full, knowledge/retriever.py's answer_group; the table counts the answers right only
  through a sibling after the first);
- plausible: a source with the staff offer ("is this what you mean?");
- refused: no source (the scope sentence, "not sure", or a form question).

A row with a "context" (tests/data/followups_*.jsonl) is a follow-up: its context is sent first
in the same conversation, and only the reply to the query is scored ("Who chaired it?" after a
question on a meeting).

Per style it prints in-scope answered-right, the right answer given at all (answered, or shown
under "is this what you mean?") and out-of-scope refused with 95% Wilson intervals, so the
end-to-end figure sits beside the retrieval-only one in docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import uuid
from collections import Counter, defaultdict
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.intervals import fmt, wilson  # noqa: E402
from benchmarks.load import bench_stack  # noqa: E402
from knowledge.cli import main as kb_main  # noqa: E402

SPLITS = ROOT / "tests" / "data" / "splits"


def outcome(reply: dict[str, object], expected: list[str]) -> str:
    sources = [str(s["id"]) for s in reply.get("sources") or []]  # type: ignore[attr-defined]
    if not sources:
        return "refused"
    if reply.get("handoff_offered"):
        return "plausible-right" if sources[0] in expected else "plausible-wrong"
    if sources[0] in expected:
        return "right"
    # Siblings answered together (knowledge/retriever.py, answer_group) are each answered in full.
    return "right-sibling" if set(sources) & set(expected) else "wrong"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--split", choices=("test", "tune"), default="test")
    parser.add_argument("--queries", type=Path, help="a query file instead of a split")
    parser.add_argument(
        "--errors",
        action="store_true",
        help="list the queries not answered right (leave it off on held-out data: reading its "
        "errors makes it tuning data)",
    )
    args = parser.parse_args()
    if kb_main(["build"]) != 0:
        return 1
    path = (args.queries or SPLITS / f"retrieval_{args.split}.jsonl").resolve()
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    errors: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        stack = bench_stack(Path(tmp))
        stack.start()
        try:
            stack.wait_healthy()
            with httpx.Client(timeout=60) as client:
                for row in rows:
                    sender = uuid.uuid4().hex
                    for message in [*filter(None, [row.get("context")]), row["query"]]:
                        reply = client.post(
                            stack.gateway_url + "/api/chat",
                            json={"sender": sender, "message": message},
                        )
                        reply.raise_for_status()
                    scope = "in" if row["expected"] else "out"
                    result = outcome(reply.json(), row["expected"])
                    counts[f"{row['style']}:{scope}"][result] += 1
                    ok = result.startswith("right") if scope == "in" else result == "refused"
                    if not ok:
                        errors.append(f"{row['style']}\t{scope}\t{result}\t{row['query']}")
        finally:
            stack.stop()

    print(f"/api/chat on {path.relative_to(ROOT)}, fresh conversations")
    print(
        "| style | in scope | answered right [95% CI] | of them under a sibling "
        "| plausible, right entry | right answer given [95% CI] | confident wrong | out of scope "
        "| refused [95% CI] |\n|---|---|---|---|---|---|---|---|---|"
    )
    styles = sorted({key.split(":")[0] for key in counts})
    for style in [*styles, "all"]:
        inside = (
            sum((counts[f"{s}:in"] for s in styles), Counter())
            if style == "all"
            else counts[f"{style}:in"]
        )
        outside = (
            sum((counts[f"{s}:out"] for s in styles), Counter())
            if style == "all"
            else counts[f"{style}:out"]
        )
        n_in, n_out = sum(inside.values()), sum(outside.values())
        right, refused = inside["right"] + inside["right-sibling"], outside["refused"]
        given = right + inside["plausible-right"]
        print(
            f"| {style} | {n_in} | {fmt(right / max(n_in, 1), wilson(right, n_in))} "
            f"| {inside['right-sibling']} | {inside['plausible-right']} | {fmt(given / max(n_in, 1), wilson(given, n_in))} "
            f"| {inside['wrong']} | {n_out} "
            f"| {fmt(refused / max(n_out, 1), wilson(refused, n_out))} |"
        )
    if args.errors:
        print("\nin-scope queries not answered right, out-of-scope queries not refused:")
        for line in errors:
            print("  " + line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
