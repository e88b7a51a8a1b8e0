"""Intent classification on held-out user messages (tests/data/nlu_heldout.yml), never trained on.

    .venv/bin/python benchmarks/nlu_heldout.py [--split test] [--no-train]

Parses every held-out message with the current Rasa model (in .venv-rasa) and prints per-intent
precision/recall/F1, macro-F1, and accuracy per writing style (tests/data/nlu_heldout_styles.tsv).
Messages the FallbackClassifier turns into nlu_fallback count as wrong.

With `--split tune|test` only that side of tests/data/splits/nlu_{tune,test}.tsv (written by
benchmarks/splits.py) is parsed, and macro-F1 gets a 95% bootstrap interval (messages resampled,
2000 times) and accuracy a 95% Wilson interval, overall and per style. `--no-train` stops instead
of training when no model exists for the current inputs.
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.intervals import bootstrap, fmt, wilson  # noqa: E402
from bot.rasa_model import ensure_model, model_path, rasa_env  # noqa: E402

PARSE = r"""
import asyncio, json, sys
from rasa.core.agent import Agent
async def main():
    agent = Agent.load(sys.argv[1])
    out = []
    for text in json.load(sys.stdin):
        parsed = await agent.parse_message(text)
        out.append([parsed["intent"]["name"], parsed["intent"].get("confidence") or 0.0])
    print(json.dumps(out))
asyncio.run(main())
"""


def parse(model: Path, texts: list[str]) -> list[tuple[str, float]]:
    """(intent, confidence) of each text, parsed by the Rasa model in .venv-rasa."""
    proc = subprocess.run(
        [str(ROOT / ".venv-rasa/bin/python"), "-c", PARSE, str(model)],
        input=json.dumps(texts, ensure_ascii=False),
        capture_output=True, text=True, cwd=ROOT, env=rasa_env(), check=True,
    )  # fmt: skip
    return [(name, float(c)) for name, c in json.loads(proc.stdout.strip().splitlines()[-1])]


def f1_by_intent(pairs: list[tuple[str, str]]) -> dict[str, tuple[float, float, float, int]]:
    """Precision, recall, F1 and support of every gold intent."""
    tp, fp, fn = Counter(), Counter(), Counter()
    for gold, guess in pairs:
        if gold == guess:
            tp[gold] += 1
        else:
            fn[gold] += 1
            fp[guess] += 1
    scores = {}
    for intent in {g for g, _ in pairs}:
        p = tp[intent] / max(tp[intent] + fp[intent], 1)
        r = tp[intent] / max(tp[intent] + fn[intent], 1)
        scores[intent] = (p, r, 2 * p * r / (p + r) if p + r else 0.0, tp[intent] + fn[intent])
    return scores


def macro_f1(pairs: list[tuple[str, str]]) -> float:
    scores = f1_by_intent(pairs)
    return sum(f1 for _p, _r, f1, _n in scores.values()) / len(scores)


def with_intervals(pairs: list[tuple[str, str]]) -> tuple[str, str]:
    """Macro-F1 with its bootstrap interval and accuracy with its Wilson interval, as text."""
    right = sum(g == p for g, p in pairs)
    return (
        fmt(macro_f1(pairs), bootstrap(pairs, macro_f1)),
        fmt(right / len(pairs), wilson(right, len(pairs))),
    )


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--split", choices=["tune", "test"], help="parse this side only")
    parser.add_argument("--no-train", action="store_true", help="never train a model")
    parser.add_argument(
        "--errors",
        action="store_true",
        help="list the messages read wrong (leave it off on the test half: reading its errors "
        "makes it tuning data)",
    )
    args = parser.parse_args()
    if args.split:
        path = ROOT / f"tests/data/splits/nlu_{args.split}.tsv"
        with path.open(encoding="utf-8", newline="") as f:
            rows = [r[1:] for r in csv.reader(f, delimiter="\t")]
    else:
        with (ROOT / "tests/data/nlu_heldout_styles.tsv").open(encoding="utf-8") as f:
            rows = list(csv.reader(f, delimiter="\t"))
    if args.no_train and not model_path().exists():
        print(f"no model {model_path().name} for the current inputs", file=sys.stderr)
        return 1
    model = ensure_model()
    predicted = [name for name, _confidence in parse(model, [r[2] for r in rows])]
    pairs = [(r[0], guess) for r, guess in zip(rows, predicted, strict=True)]
    print(f"model {model.name}; {len(rows)} held-out messages\n")
    print("| intent | precision | recall | F1 | n |\n|---|---|---|---|---|")
    per_intent = f1_by_intent(pairs)
    for intent, (p, r, f1, n) in sorted(per_intent.items()):
        print(f"| {intent} | {p:.3f} | {r:.3f} | {f1:.3f} | {n} |")
    accuracy = sum(g == p for g, p in pairs) / len(pairs)
    print(f"\nmacro-F1 {macro_f1(pairs):.3f}; accuracy {accuracy:.3f}")
    print("\n| style | macro-F1 | accuracy | n |\n|---|---|---|---|")
    by_style: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for (intent, style, _text), guess in zip(rows, predicted, strict=True):
        by_style[style].append((intent, guess))
    for style, style_pairs in sorted(by_style.items()):
        acc = sum(g == p for g, p in style_pairs) / len(style_pairs)
        print(f"| {style} | {macro_f1(style_pairs):.3f} | {acc:.3f} | {len(style_pairs)} |")
    fp = Counter(p for g, p in pairs if g != p)
    if fp.get("nlu_fallback"):
        print(f"\n{fp['nlu_fallback']} messages fell back to nlu_fallback")
    if args.split:
        print(
            f"\nSplit `{args.split}`, 95% intervals (bootstrap for macro-F1, Wilson for accuracy):\n"
        )
        print("| style | n | macro-F1 [95% CI] | accuracy [95% CI] |\n|---|---|---|---|")
        for style, style_pairs in [*sorted(by_style.items()), ("all", pairs)]:
            f1_text, acc_text = with_intervals(style_pairs)
            print(f"| {style} | {len(style_pairs)} | {f1_text} | {acc_text} |")
    if args.errors:
        print("\nErrors:\n")
        for (intent, style, text), guess in zip(rows, predicted, strict=True):
            if guess != intent:
                print(f"- [{style}] {text} — {intent} read as {guess}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
