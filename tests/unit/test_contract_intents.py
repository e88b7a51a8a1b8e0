"""The NLU model's labels are exactly the intents of the contract other systems rely on."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
DESIGN = ROOT.parent / "shared" / "DESIGN.md"
# Copied from DESIGN.md ("Intent names"); the test below also reads it when it lies beside us.
CONTRACT_INTENTS = {
    "greet", "goodbye", "thank", "affirm", "deny", "bot_challenge", "dont_know", "out_of_scope",
    "request_human", "check_repayment_eligibility", "inform", "ask_cepa_services",
    "ask_trade_committee", "ask_gba_measures", "ask_sme_repayment", "ask_kimberley_process",
    "ask_import_licensing", "ask_cites", "ask_quality_certification", "ask_contact",
}  # fmt: skip


def nlu_intents() -> set[str]:
    found = set()
    for path in (ROOT / "nlu" / "data").glob("*.yml"):
        for block in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("nlu") or []:
            if "intent" in block:
                found.add(block["intent"])
    return found


def test_domain_lists_exactly_the_contract_intents() -> None:
    domain = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
    assert set(domain["intents"]) == CONTRACT_INTENTS


def test_training_data_teaches_exactly_the_contract_intents() -> None:
    assert nlu_intents() == CONTRACT_INTENTS


def test_the_copied_list_matches_design_md() -> None:
    text = DESIGN.read_text(encoding="utf-8")
    section = text[text.index("Intent names") :]
    section = section[: section.index("\n\n")]
    assert set(re.findall(r"`([a-z_]+)`", section)) == CONTRACT_INTENTS
