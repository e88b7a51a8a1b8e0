"""Official names from the glossary, used by the answers (issue 14, item 2).

The glossary (knowledge/glossary.py) is the one place an English or Portuguese answer takes an
official name from: `[[key]]` in the data. Where the Chinese answer names something the glossary
knows, the English and Portuguese answers must carry its official name, and the paraphrases once
used instead must be gone.
"""

from __future__ import annotations

import re

import pytest

from knowledge.glossary import NAMES, expand_names, official_name
from knowledge.schema import Entry
from knowledge.store import DATA_DIR


def texts(entry: Entry, lang: str) -> list[str]:
    return [entry.answer.get(lang), entry.title.get(lang)]  # type: ignore[arg-type]


@pytest.mark.parametrize("key", [k for k, n in NAMES.items() if n.in_newsletter])
def test_every_answer_naming_it_uses_the_official_name(entries: list[Entry], key: str) -> None:
    name = NAMES[key]
    naming = [e for e in entries if name.zh_hans in e.answer.zh_hans]
    assert naming, f"no answer names {name.zh_hans}"
    for entry in naming:
        assert name.en in entry.answer.en, (entry.id, "en")
        assert name.pt in entry.answer.pt, (entry.id, "pt")


@pytest.mark.parametrize("key", list(NAMES))
def test_no_answer_uses_a_replaced_wording(entries: list[Entry], key: str) -> None:
    for entry in entries:
        for lang in ("en", "pt"):
            for text in texts(entry, lang):
                for wrong in NAMES[key].not_instead:
                    assert wrong not in text, (entry.id, lang, wrong)


def test_the_data_takes_names_from_the_glossary_not_typed_in() -> None:
    """The official English / Portuguese names appear in the data files only as [[key]]."""
    raw = "".join(p.read_text(encoding="utf-8") for p in DATA_DIR.glob("*.yml"))
    # Users' own phrasings (`questions:`) may say anything; titles and answers may not.
    flat = re.sub(r"\s+", " ", re.sub(r"(?m)^\s+- .*$", "", raw))
    for key, name in NAMES.items():
        for official in (name.en, name.pt):
            if not re.search(r"[\u4e00-\u9fff]", official):
                assert official not in flat, key
    assert "[[amending-agreement]]" in flat and "[[industrial-association]]" in flat


def test_the_issue_s_names() -> None:
    assert official_name("amending-agreement", "en") == (
        "Agreement Concerning Amendment to the CEPA Agreement on Trade in Services"
    )
    assert official_name("amending-agreement", "pt") == (
        "Acordo relativo à Alteração ao Acordo sobre Comércio de Serviços no âmbito do CEPA"
    )
    assert official_name("industrial-association", "en") == "Industrial Association of Macao"
    assert official_name("industrial-association", "pt") == "Associação Industrial de Macau"
    # No romanisation of 陈子慧 is certain: the Chinese name stays, in Macao's script.
    assert official_name("deputy-director-chan", "en") == "陳子慧"
    assert (
        official_name("amending-agreement", "zh-Hant") == "《關於修訂〈CEPA服務貿易協議〉的協議》"
    )


def test_unknown_names_fail_loudly() -> None:
    assert expand_names("the [[industrial-association]]", "pt") == (
        "the Associação Industrial de Macau"
    )
    with pytest.raises(ValueError, match="unknown glossary name"):
        expand_names("[[nonesuch]]", "en")


def test_portuguese_and_english_titles_of_measures_for_both_sars_name_both(
    entries: list[Entry],
) -> None:
    """A measure for 港澳 (Hong Kong and Macao) is not titled "de Macau" alone."""
    both = [
        e
        for e in entries
        if e.topic == "gba_measures" and re.search("(?<!粤)港澳", e.title.zh_hans)
    ]
    assert len(both) >= 7
    for entry in both:
        assert "Hong Kong" in entry.title.en, entry.id
        assert "Hong Kong" in entry.title.pt, entry.id


def test_website_menu_paths_are_quoted_not_presented_as_the_site_s_labels(
    entries: list[Entry],
) -> None:
    for entry in entries:
        for key in ("path-gba-measures", "path-cepa-express"):
            path = NAMES[key]
            if path.zh_hans in entry.answer.zh_hans:
                assert "our translation" in entry.answer.en, entry.id
                assert "tradução nossa" in entry.answer.pt, entry.id
