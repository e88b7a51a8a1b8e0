"""The topics live in the knowledge schema; the domain, the rules, the NLU data and the knowledge
files must agree with it, so that a topic added or renamed in one place fails here."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from knowledge.answer import SCOPE_TOPICS
from knowledge.schema import TOPICS, topic_for_intent
from knowledge.store import load_entries

ROOT = Path(__file__).resolve().parents[2]
TOPIC_INTENTS = {f"ask_{topic}" for topic in TOPICS}


def load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def rule_intents(*, in_form: bool) -> dict[str, list[str]]:
    """Intent → the actions its rule runs, for the rules outside (or inside) the form."""
    routes: dict[str, list[str]] = {}
    for rule in load(ROOT / "nlu" / "data" / "rules.yml")["rules"]:
        steps = rule["steps"]
        inside = any("active_loop" in c for c in rule.get("condition") or [])
        if inside == in_form and steps and "intent" in steps[0]:
            routes[steps[0]["intent"]] = [s["action"] for s in steps[1:] if "action" in s]
    return routes


def test_every_topic_has_its_intent_in_the_domain_and_the_nlu_data() -> None:
    domain = set(load(ROOT / "domain.yml")["intents"])
    nlu = {
        block["intent"]
        for path in (ROOT / "nlu" / "data").glob("*.yml")
        for block in load(path).get("nlu") or []
        if "intent" in block
    }
    assert domain >= TOPIC_INTENTS
    assert nlu >= TOPIC_INTENTS
    assert {i for i in domain if i.startswith("ask_")} == TOPIC_INTENTS


def test_every_topic_intent_is_answered_from_the_knowledge_base_in_and_out_of_the_form() -> None:
    outside, inside = rule_intents(in_form=False), rule_intents(in_form=True)
    for intent in TOPIC_INTENTS:
        assert outside.get(intent) == ["action_answer_question"], intent
        assert inside.get(intent, [])[:1] == ["action_answer_question"], intent
        assert topic_for_intent(intent) == intent.removeprefix("ask_")


def test_every_topic_has_entries_and_the_scope_sentence_names_the_covered_ones() -> None:
    used = {entry.topic for entry in load_entries()}
    assert used == set(TOPICS)
    assert set(SCOPE_TOPICS) <= set(TOPICS)
