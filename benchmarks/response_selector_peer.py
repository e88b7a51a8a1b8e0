"""Rasa ResponseSelector as a retrieval peer. Runs inside .venv-rasa (Python 3.10).

    python benchmarks/response_selector_peer.py WORKDIR < queries.json > results.json

WORKDIR holds `nlu.yml` (retrieval intent `faq/<entry id>` with the same phrasings the knowledge
base indexes) and `config.yml`; the trained model is cached there by the caller's fingerprint.
Prints, for every query, the ranked entry ids, the top confidence and the parse time.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from pathlib import Path


def train(workdir: Path) -> Path:
    from rasa.model_training import train_nlu

    model = workdir / "model.tar.gz"
    if not model.exists():
        out = train_nlu(
            config=str(workdir / "config.yml"),
            nlu_data=str(workdir / "nlu.yml"),
            output=str(workdir),
            fixed_model_name="model",
        )
        if out is None:
            raise SystemExit("ResponseSelector training failed")
    return model


async def predict(model: Path, queries: list[str]) -> list[dict[str, object]]:
    from rasa.core.agent import Agent

    agent = Agent.load(str(model))
    await agent.parse_message("warm up")
    results = []
    for query in queries:
        started = time.perf_counter()
        parsed = await agent.parse_message(query)
        elapsed = time.perf_counter() - started
        selector = (parsed.get("response_selector") or {}).get("faq") or {}
        ranking = selector.get("ranking") or []
        results.append(
            {
                "ranked": [r["intent_response_key"].split("/", 1)[1] for r in ranking],
                "confidence": float(ranking[0]["confidence"]) if ranking else 0.0,
                "seconds": elapsed,
            }
        )
    return results


def main() -> None:
    workdir = Path(sys.argv[1])
    queries = json.load(sys.stdin)
    model = train(workdir)
    print(json.dumps(asyncio.run(predict(model, queries)), ensure_ascii=False))


if __name__ == "__main__":
    main()
