"""The message catalogue (issue 8, item 8): every sentence users read lives in one file per
language (knowledge/messages/*.yml), the four files agree, no file types a rule fact, every
sentence is used, and no code keeps a copy of one."""

from __future__ import annotations

import datetime as dt
import json
import re
import string
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from bot.assets import UI_LABELS, assets, widget_labels
from knowledge import messages
from knowledge.bureau import BUREAU_EMAIL, BUREAU_PHONE
from knowledge.language import LANGS, Lang
from knowledge.messages import FACTS, MessageError, fact, placeholders, template, text
from knowledge.repayment_text import compose_decision

ROOT = Path(__file__).resolve().parents[2]
# Where code that sends sentences lives (tests may quote sentences; they are not copies).
CODE = [
    *(p for folder in ("actions", "bot", "knowledge", "handoff", "console") for p in (ROOT / folder).rglob("*.py")),
    *(ROOT / "bot" / "static").glob("*.js"),
    *(ROOT / "bot" / "static").glob("*.html"),
    *(ROOT / "console" / "templates").rglob("*.html"),
]  # fmt: skip
# The Chinese source line names the title as the reader sees it, which is the printed one;
# English and Portuguese add the printed (Chinese) title after their translation.
OPTIONAL_PLACEHOLDERS = {("answer.source", "printed"): {"zh-Hant", "zh-Hans"}}
# The rule facts as anyone might type them: none may be written into a sentence.
TYPED_FACTS = (
    "1,000", "1 000", "1.000 patacas", "2020年12月31日", "31 December 2020",
    "31 de Dezembro de 2020", BUREAU_PHONE, BUREAU_EMAIL, "兩次", "两次", "twice",
    "two adjustments", "duas vezes", "100,000,000", "100 000 000",
)  # fmt: skip


def keys() -> list[str]:
    return list(messages.catalogue()["en"])


def code_text() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in CODE)


def test_the_four_files_have_the_same_keys_in_the_same_order() -> None:
    order = {lang: list(messages.catalogue()[lang]) for lang in LANGS}
    assert len(order["en"]) > 100
    for lang in LANGS:
        assert order[lang] == order["zh-Hant"], lang


@pytest.mark.parametrize("key", keys())
def test_every_language_has_the_same_placeholders(key: str) -> None:
    names = {lang: placeholders(template(key, lang)) for lang in LANGS}
    every = set().union(*names.values())
    for lang in LANGS:
        allowed = {n for n in every if lang in OPTIONAL_PLACEHOLDERS.get((key, n), ())}
        assert names[lang] | allowed == every, (lang, names)


def test_placeholders_are_plain_names() -> None:
    for lang in LANGS:
        for key, sentence in messages.catalogue()[lang].items():
            for _, name, spec, conversion in string.Formatter().parse(sentence):
                if name is not None:
                    assert name.isidentifier() and not spec and conversion is None, (key, lang)


def _fact_forms() -> set[str]:
    return {fact(name, lang) for name in FACTS for lang in LANGS}


def test_no_sentence_types_a_rule_fact() -> None:
    forms = _fact_forms() | set(TYPED_FACTS)
    typed = []
    for lang in LANGS:
        path = messages.catalogue_file(lang)
        for line in path.read_text(encoding="utf-8").splitlines():
            for form in forms:
                pattern = (
                    rf"(?<!\d){re.escape(form)}(?!\d)" if form[0].isdigit() else re.escape(form)
                )
                if not line.startswith("#") and re.search(pattern, line, re.IGNORECASE):
                    typed.append(f"{path.name}: {form!r} in {line[:60]}")
    assert typed == []


def test_facts_come_from_the_constants(monkeypatch: pytest.MonkeyPatch) -> None:
    """Change a rule and every sentence stating it follows."""
    monkeypatch.setattr(messages, "LAST_DUE_DATE", dt.date(2021, 6, 30))
    monkeypatch.setattr(messages, "MAX_ADJUSTMENTS", 3)
    monkeypatch.setattr(messages, "ADJUSTED_INSTALMENT", Decimal(1500))
    monkeypatch.setattr(messages, "BUREAU_PHONE", "28000000")
    messages.fact.cache_clear()
    try:
        assert text("repayment.period_open_note", "en") == (
            "Please note: the measure only covers repayments due by 30 June 2021, "
            "at most 3 times per beneficiary."
        )
        assert "2021年6月30日" in text("repayment.reason.outside_period", "zh-Hant")
        assert "1 500 patacas" in text("repayment.reason.installment_not_above_minimum", "pt")
        assert "（0、1、2 或 3）" in text("form.question.adjustments_used", "zh-Hans")
        assert "28000000" in text("telegram.unavailable", "pt")
    finally:
        messages.fact.cache_clear()


def test_the_facts_read_as_before() -> None:
    assert text("repayment.reason.adjustment_limit_reached", "zh-Hant") == (
        "每間受惠企業最多可申請調整還款兩次。"
    )
    assert text("repayment.reason.installment_not_above_minimum", "en") == (
        "The instalment is not above MOP 1,000, so there is nothing to reduce."
    )
    assert text("form.question.adjustments_used", "pt") == (
        "Quantas vezes já pediu o ajustamento do reembolso? (0, 1 ou 2)"
    )
    assert text("form.too_large.installment_amount", "pt") == (
        "Desculpe, o valor da prestação não pode exceder 100 000 000 patacas."
    )


def test_text_names_what_is_wrong() -> None:
    with pytest.raises(MessageError, match=r"unknown message key 'answer\.nope'"):
        text("answer.nope", "en")
    with pytest.raises(MessageError, match=r"needs a value for \['reference'\]"):
        text("handoff.ticket_created", "en")
    with pytest.raises(MessageError, match=r"no sentence has the placeholder\(s\) \['referenc'\]"):
        text("handoff.ticket_created", "en", reference="CEPA-1", referenc="x")
    with pytest.raises(MessageError, match="are facts"):
        text("form.dont_know", "en", bureau_phone="1")
    # A value only English and Portuguese write is still a value of the sentence.
    assert "(original title" not in text("answer.source", "zh-Hant", n=1, title="t", printed="p")


def test_a_file_out_of_shape_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for lang in LANGS:
        (tmp_path / f"{lang}.yml").write_text('button.yes: "Yes"\nbutton.no: "No"\n')
    monkeypatch.setattr(messages, "CATALOGUE_DIR", tmp_path)
    messages.catalogue.cache_clear()
    try:
        assert messages.catalogue()["pt"]["button.no"] == "No"
        messages.catalogue.cache_clear()
        (tmp_path / "pt.yml").write_text("button.yes: Sim\nbutton.no: No\n")  # YAML reads a boolean
        with pytest.raises(MessageError, match=r"pt\.yml: not a quoted sentence"):
            messages.catalogue()
        (tmp_path / "pt.yml").write_text('button.yes: "Sim"\n')
        with pytest.raises(MessageError, match=r"differ in keys: \['button.no'\]"):
            messages.catalogue()
    finally:
        messages.catalogue.cache_clear()


# --- Every sentence is used; every key the code names exists ---------------------------------


def _used(key: str, source: str) -> bool:
    if re.search(rf"[\"']{re.escape(key)}[\"']", source):
        return True
    prefix, _, last = key.rpartition(".")
    dynamic = f"{prefix}.{{" in source or re.search(
        rf"group\([\"']{re.escape(prefix)}[\"']", source
    )
    return bool(dynamic) and re.search(rf"[\"']{re.escape(last)}[\"']", source) is not None


def test_every_sentence_is_used_by_code() -> None:
    source = code_text()
    assert [key for key in keys() if not _used(key, source)] == []


def _named_keys(source: str) -> Iterator[str]:
    for m in re.finditer(
        r"\b(?:text|message|_both|with_facts|template)\(\s*f?\"([a-z_.{}]+)\"", source
    ):
        yield m.group(1)
    for m in re.finditer(r"\bsay\(\s*\"([a-z_]+)\"", source):
        yield f"telegram.{m.group(1)}"


def test_every_key_the_code_names_exists() -> None:
    named = set(_named_keys(code_text()))
    assert len(named) > 50
    known = set(keys())
    missing = []
    for key in named:
        if "{" in key:
            if not any(k.startswith(key.split("{")[0]) for k in known):
                missing.append(key)
        elif key not in known:
            missing.append(key)
    assert missing == []


# --- No copy of a sentence outside the catalogue ---------------------------------------------


def _fragments(sentence: str) -> Iterator[str]:
    """The literal parts of a template that are sentences of their own (names and labels such as
    "CEPA enquiry assistant" may well be written elsewhere)."""
    for literal, *_ in string.Formatter().parse(sentence):
        if len(literal.strip()) >= 12 and re.search(r"[。？！，；：?!]|[.,;:](?:\s|$)", literal):
            yield literal.strip()


def test_no_code_keeps_a_copy_of_a_sentence() -> None:
    files = {p: p.read_text(encoding="utf-8") for p in CODE}
    copies = [
        f"{p.relative_to(ROOT)}: {fragment[:50]!r} ({key})"
        for lang in LANGS
        for key, sentence in messages.catalogue()[lang].items()
        for fragment in _fragments(sentence)
        for p, content in files.items()
        if fragment in content
    ]
    assert copies == []


def test_the_widget_is_served_with_the_catalogue_s_labels() -> None:
    raw = (ROOT / "bot" / "static" / "widget.js").read_text(encoding="utf-8")
    assert UI_LABELS in raw
    served = assets()["widget.js"].body.decode()
    assert UI_LABELS not in served and widget_labels() in served
    labels = json.loads(widget_labels())
    assert list(labels) == list(LANGS)
    assert labels["pt"]["send"] == "Enviar" and labels["zh-Hant"]["lang_name"] == "繁體"
    assert labels["en"]["unread"] == "{n} new messages"  # the widget fills in the count
    page = assets()["index.html"].body.decode()
    assert "<title>CEPA 查詢助手 · CEPA enquiry assistant</title>" in page


@pytest.mark.parametrize("lang", LANGS)
def test_a_decision_after_the_end_states_the_date_from_the_constant(lang: Lang) -> None:
    from knowledge.repayment import LAST_DUE_DATE, Case, decide

    case = Case("sme_aid", dt.date(2021, 5, 31), False, False, 0)
    answer = compose_decision(decide(case), lang, dt.date(2026, 1, 1))
    assert messages.format_date(LAST_DUE_DATE, lang) in answer.splitlines()[0]
