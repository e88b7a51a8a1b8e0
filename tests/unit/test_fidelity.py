"""Every fact traceable to the newsletter (issue 14, item 3).

The checker (knowledge/fidelity.py) reads numbers with their unit and neighbouring words, keeps
decimals, folds 亿/万, reads Chinese numerals (两次, 九家, 六百多) with cn2an, requires English and
Portuguese numbers to be the Chinese original's, aligns each Chinese answer sentence with a span of
the newsletter and wants dated events told in the past. It must pass the real data and reject each
deliberately wrong edit in tests/data/fidelity_mutations.yml.
"""

from __future__ import annotations

import re
import shutil
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from knowledge import fidelity
from knowledge.bureau import BUREAU_PHONE
from knowledge.schema import Entry
from knowledge.store import DATA_DIR, load_entries
from tests.unit.catalogue import catalogue

MUTATIONS = Path(__file__).resolve().parent.parent / "data" / "fidelity_mutations.yml"


def load_mutations() -> list[dict[str, Any]]:
    return list(yaml.safe_load(MUTATIONS.read_text(encoding="utf-8")))


def test_every_entry_is_faithful_to_the_newsletter(entries: list[Entry], seed_text: str) -> None:
    problems = [p for entry in entries for p in fidelity.entry_problems(entry, seed_text)]
    assert problems == []


def test_the_message_catalogue_states_only_the_newsletter_s_facts(seed_text: str) -> None:
    zh = catalogue("zh-Hans")
    en, pt = dict(catalogue("en")), dict(catalogue("pt"))
    assert len(zh) > 60
    problems = [
        f"{label}: {p}"
        for label, text in zh
        for p in fidelity.message_problems(text, {"en": en[label], "pt": pt[label]}, seed_text)
    ]
    assert problems == []


def test_a_wrong_phone_number_in_a_message_is_caught(seed_text: str) -> None:
    assert BUREAU_PHONE in re.sub(r"\s+", "", seed_text)
    message = "如需协助，请致电经济局 85972344。"
    assert fidelity.message_problems(message, {}, seed_text)
    assert not fidelity.message_problems(message.replace("85972344", BUREAU_PHONE), {}, seed_text)


def test_there_are_thirteen_mutations() -> None:
    mutations = load_mutations()
    assert len(mutations) == 13
    assert len({m["name"] for m in mutations}) == 13


@pytest.mark.parametrize("mutation", load_mutations(), ids=lambda m: m["name"])
def test_each_wrong_edit_is_rejected(
    tmp_path: Path, seed_text: str, mutation: dict[str, Any]
) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    for edit in mutation["edits"]:
        path = data / edit["file"]
        text = path.read_text(encoding="utf-8")
        pattern = r"\s+".join(re.escape(word) for word in edit["old"].split())
        assert len(re.findall(pattern, text)) == 1, edit["old"]
        new = str(edit["new"])
        path.write_text(re.sub(pattern, lambda _m, new=new: new, text), encoding="utf-8")
    entry = next(e for e in load_entries(data) if e.id == mutation["entry"])
    problems = fidelity.entry_problems(entry, seed_text)
    assert problems, f"{mutation['name']} was not caught"


# The reading of numbers, one behaviour each.


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("贸易额31.6亿美元", Decimal("3160000000")),
        ("金额为6,772,418澳门元", Decimal("6772418")),
        ("最多可申请调整还款两次", Decimal(2)),
        ("已向九家企业签发", Decimal(9)),
        ("合共六百多克拉", Decimal(600)),
        ("增长20.3倍", Decimal("20.3")),
    ],
)
def test_numbers_are_read_with_decimals_multipliers_and_chinese_numerals(
    text: str, value: Decimal
) -> None:
    assert [m.key for m in fidelity.mentions(text)] == [("n", value)]


def test_english_and_portuguese_numbers_are_read_in_their_conventions() -> None:
    assert fidelity.latin_numbers("USD 3.16 billion and MOP 6,772,418, twice", "en")[0] == {
        Decimal("3160000000"),
        Decimal(6772418),
        Decimal(2),
    }
    values, dates = fidelity.latin_numbers(
        "USD 3,16 mil milhões, 1.000 patacas, 20 de Novembro", "pt"
    )
    assert values == {Decimal("3160000000"), Decimal(1000)}
    assert dates == {(2019, 11, 20)}


def test_a_number_moved_to_another_fact_is_caught(seed_text: str) -> None:
    faithful = (
        "截至2019年12月18日，三项援助计划合共收到256宗调整还款的申请，其中236宗申请已获得批准。"
    )
    assert fidelity.number_problems(faithful, seed_text) == []
    swapped = faithful.replace("256", "X").replace("236", "256").replace("X", "236")
    assert len(fidelity.number_problems(swapped, seed_text)) == 2


def test_an_invented_sentence_does_not_align(seed_text: str) -> None:
    assert fidelity.alignment_problems("经济局表示，措施亦适用于已完成还款的企业。", seed_text)


def test_dated_events_are_told_in_the_past() -> None:
    assert fidelity.tense_problems("It has been implemented since 1 October 2019.", "en")
    assert fidelity.tense_problems(
        "The measure covers repayments due up to 31 December 2020.", "en"
    )
    assert not fidelity.tense_problems("It was implemented on 1 October 2019.", "en")
    assert fidelity.tense_problems("Aplica-se aos reembolsos até 31 de Dezembro de 2020.", "pt")


def test_the_reviewed_lists_stay_short() -> None:
    assert len(fidelity.ALLOWED_PARAPHRASES) <= 5
    assert all(why for _phrase, why in fidelity.ALLOWED_PARAPHRASES)
