"""Tuning / frozen-test split of the retrieval dev set and the NLU held-out set (issue 8, item 10).

    .venv/bin/python benchmarks/splits.py           # (re)write tests/data/splits/
    .venv/bin/python benchmarks/splits.py --check   # fail if the files differ from the script's

Deterministic: the same inputs and SEED always give the same files, so nobody re-splits by hand.
Inputs:
- `tests/data/dev_queries.jsonl` (origin `dev_queries`): half goes to the frozen test part,
  stratified by style and by expected entry (out of scope counting as one "entry").
- `tests/data/oos_extra.jsonl` (origin `oos_extra`): out-of-scope queries written after the
  retrieval weights and threshold were fixed; TEST_FRACTION_NEW of them go to the frozen part,
  stratified by style.
- `tests/data/nlu_heldout_styles.tsv` (intent, style, text): half to the frozen part, stratified
  by intent and style.
Outputs in `tests/data/splits/`: `retrieval_{tune,test}.jsonl` (the dev-set rows plus `id` and
`origin`) and `nlu_{tune,test}.tsv` (id, intent, style, text). An id is a hash of the row's text.
Editing an input file can move existing rows between the sides (the stratification is redone over
all rows), which would leak tuning queries into the frozen part: put new queries in a new input
file with its own stratified split instead, as `oos_extra.jsonl` is.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import random
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
OUT = DATA / "splits"
SEED = 20261129
TEST_FRACTION_OLD = 0.5
TEST_FRACTION_NEW = 0.8

Row = dict[str, Any]


def row_id(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:10]


def stratified(
    rows: Sequence[Row],
    keys: Sequence[Callable[[Row], str]],
    fraction: float,
    seed: int,
) -> set[str]:
    """Ids of the rows that go to the test part.

    Greedy iterative stratification: rows are visited in a seeded order (rarest stratum first),
    and each goes to the side whose quota, summed over the row's strata, is least filled.
    """
    rng = random.Random(seed)
    totals = [Counter(key(r) for r in rows) for key in keys]
    filled = {side: [Counter() for _ in keys] for side in ("test", "tune")}
    share = {"test": fraction, "tune": 1.0 - fraction}
    order = sorted(rows, key=lambda r: r["id"])
    rng.shuffle(order)
    order.sort(key=lambda r: min(t[key(r)] for t, key in zip(totals, keys, strict=True)))
    test: set[str] = set()
    for r in order:
        desire = {}
        for side in ("test", "tune"):
            desire[side] = sum(
                share[side] * t[key(r)] - f[key(r)]
                for t, f, key in zip(totals, filled[side], keys, strict=True)
            )
        if abs(desire["test"] - desire["tune"]) < 1e-9:
            side = "test" if rng.random() < fraction else "tune"
        else:
            side = max(desire, key=lambda s: desire[s])
        for f, key in zip(filled[side], keys, strict=True):
            f[key(r)] += 1
        if side == "test":
            test.add(r["id"])
    return test


def read_jsonl(path: Path, origin: str) -> list[Row]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            rows.append({"id": row_id(row["query"]), **row, "origin": origin})
    return rows


def retrieval_split() -> dict[str, str]:
    old = read_jsonl(DATA / "dev_queries.jsonl", "dev_queries")
    new = read_jsonl(DATA / "oos_extra.jsonl", "oos_extra")
    rows = old + new
    ids = [r["id"] for r in rows]
    duplicates = [i for i, n in Counter(ids).items() if n > 1]
    if duplicates:
        raise SystemExit(
            f"duplicate queries: {[r['query'] for r in rows if r['id'] in duplicates]}"
        )
    test = stratified(
        old,
        [lambda r: r["style"], lambda r: "|".join(sorted(r["expected"])) or "OOS"],
        TEST_FRACTION_OLD,
        SEED,
    )
    test |= stratified(new, [lambda r: r["style"]], TEST_FRACTION_NEW, SEED + 1)
    out = {}
    for side in ("tune", "test"):
        chosen = [r for r in rows if (r["id"] in test) == (side == "test")]
        out[f"retrieval_{side}.jsonl"] = "".join(
            json.dumps(r, ensure_ascii=False) + "\n" for r in chosen
        )
    return out


def nlu_split() -> dict[str, str]:
    with (DATA / "nlu_heldout_styles.tsv").open(encoding="utf-8", newline="") as f:
        rows = [
            {"id": row_id(intent, text), "intent": intent, "style": style, "text": text}
            for intent, style, text in csv.reader(f, delimiter="\t")
        ]
    test = stratified(
        rows,
        [lambda r: f"{r['intent']}|{r['style']}", lambda r: r["intent"], lambda r: r["style"]],
        TEST_FRACTION_OLD,
        SEED + 2,
    )
    out = {}
    for side in ("tune", "test"):
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter="\t", lineterminator="\n")
        for r in rows:
            if (r["id"] in test) == (side == "test"):
                writer.writerow([r["id"], r["intent"], r["style"], r["text"]])
        out[f"nlu_{side}.tsv"] = buffer.getvalue()
    return out


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--check", action="store_true", help="only compare with the files on disk")
    args = parser.parse_args()
    files = {**retrieval_split(), **nlu_split()}
    if args.check:
        stale = [
            name
            for name, text in files.items()
            if not (OUT / name).exists() or (OUT / name).read_text(encoding="utf-8") != text
        ]
        if stale:
            print(f"out of date: {', '.join(stale)} (run benchmarks/splits.py)", file=sys.stderr)
            return 1
        print("splits up to date")
        return 0
    OUT.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (OUT / name).write_text(text, encoding="utf-8")
        print(f"{name}: {text.count(chr(10))} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
