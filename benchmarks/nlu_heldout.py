"""Intent classification on held-out user messages (tests/data/nlu_heldout.yml), never trained on.

    .venv/bin/python benchmarks/nlu_heldout.py

Parses every held-out message with the current Rasa model (in .venv-rasa) and prints per-intent
precision/recall/F1, macro-F1, and accuracy per writing style (tests/data/nlu_heldout_styles.tsv).
Messages the FallbackClassifier turns into nlu_fallback count as wrong.
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.rasa_model import ensure_model, rasa_env  # noqa: E402

PARSE = r"""
import asyncio, json, sys
from rasa.core.agent import Agent
async def main():
    agent = Agent.load(sys.argv[1])
    out = []
    for text in json.load(sys.stdin):
        parsed = await agent.parse_message(text)
        out.append(parsed["intent"]["name"])
    print(json.dumps(out))
asyncio.run(main())
"""


def main() -> int:
    rows = list(
        csv.reader(
            (ROOT / "tests/data/nlu_heldout_styles.tsv").open(encoding="utf-8"), delimiter="\t"
        )
    )
    model = ensure_model()
    proc = subprocess.run(
        [str(ROOT / ".venv-rasa/bin/python"), "-c", PARSE, str(model)],
        input=json.dumps([r[2] for r in rows], ensure_ascii=False),
        capture_output=True, text=True, cwd=ROOT, env=rasa_env(), check=True,
    )  # fmt: skip
    predicted = json.loads(proc.stdout.strip().splitlines()[-1])
    gold = [r[0] for r in rows]
    intents = sorted(set(gold))
    tp, fp, fn = Counter(), Counter(), Counter()
    by_style: dict[str, list[bool]] = defaultdict(list)
    for (intent, style, _text), guess in zip(rows, predicted, strict=True):
        by_style[style].append(guess == intent)
        if guess == intent:
            tp[intent] += 1
        else:
            fn[intent] += 1
            fp[guess] += 1
    print(f"model {model.name}; {len(rows)} held-out messages\n")
    print("| intent | precision | recall | F1 | n |\n|---|---|---|---|---|")
    f1s = []
    for intent in intents:
        p = tp[intent] / max(tp[intent] + fp[intent], 1)
        r = tp[intent] / max(tp[intent] + fn[intent], 1)
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        f1s.append(f1)
        print(f"| {intent} | {p:.3f} | {r:.3f} | {f1:.3f} | {tp[intent] + fn[intent]} |")
    print(f"\nmacro-F1 {sum(f1s) / len(f1s):.3f}; accuracy {sum(tp.values()) / len(rows):.3f}")
    print("\n| style | accuracy | n |\n|---|---|---|")
    for style, hits in sorted(by_style.items()):
        print(f"| {style} | {sum(hits) / len(hits):.3f} | {len(hits)} |")
    if fp.get("nlu_fallback"):
        print(f"\n{fp['nlu_fallback']} messages fell back to nlu_fallback")
    return 0


if __name__ == "__main__":
    sys.exit(main())
