"""Schema of the knowledge files: one YAML file per topic, each holding entries that answer one
kind of question. Validation fails loudly: a malformed entry must never reach a user."""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from knowledge.articles import articles
from knowledge.glossary import expand_names
from knowledge.language import Lang
from knowledge.text import to_traditional

Topic = Literal[
    "cepa_services",
    "trade_committee",
    "gba_measures",
    "sme_repayment",
    "kimberley_process",
    "import_licensing",
    "cites",
    "quality_certification",
    "contact",
]
TOPICS: tuple[Topic, ...] = Topic.__args__  # type: ignore[attr-defined]


def topic_for_intent(intent: str | None) -> Topic | None:
    """The knowledge topic an NLU intent asks about (`ask_<topic>`), if any."""
    if intent == "check_repayment_eligibility":
        return "sme_repayment"
    if intent and intent.startswith("ask_") and intent[4:] in TOPICS:
        return intent[4:]  # type: ignore[return-value]
    return None


# CJK characters and full-width punctuation: text between them needs no spaces.
_CJK_SPACE = re.compile(r"(?<=[\u3000-\u9fff\uff00-\uffef])\s+|\s+(?=[\u3000-\u9fff\uff00-\uffef])")


def join_cjk_lines(text: str) -> str:
    """Undo the spaces YAML's folded style leaves where a Chinese paragraph was wrapped."""
    return _CJK_SPACE.sub("", text.strip())


class LocalizedText(BaseModel):
    """The same text in each language. Traditional Chinese is derived from Simplified (Macao's
    standard forms, knowledge/text.py) unless an entry gives its own wording. `[[key]]` in the
    English and Portuguese texts is an official name from knowledge/glossary.py."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, frozen=True)

    zh_hans: str = Field(alias="zh-Hans", min_length=1)
    zh_hant: str | None = Field(default=None, alias="zh-Hant")
    en: str = Field(min_length=1)
    pt: str = Field(min_length=1)

    @field_validator("zh_hans", "zh_hant")
    @classmethod
    def _join_cjk(cls, value: str | None) -> str | None:
        return join_cjk_lines(value) if value is not None else None

    @field_validator("en")
    @classmethod
    def _names_en(cls, value: str) -> str:
        return expand_names(value, "en")

    @field_validator("pt")
    @classmethod
    def _names_pt(cls, value: str) -> str:
        return expand_names(value, "pt")

    def get(self, lang: Lang) -> str:
        if lang == "zh-Hans":
            return self.zh_hans
        if lang == "zh-Hant":
            return self.zh_hant or to_traditional(self.zh_hans)
        return self.en if lang == "en" else self.pt

    def all(self) -> list[str]:
        return [self.get(lang) for lang in ("zh-Hans", "zh-Hant", "en", "pt")]


class Source(BaseModel):
    """An article of the December 2019 newsletter; its title comes from the newsletter's own
    table of contents and its translations from knowledge/articles.py."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    article: int = Field(ge=1, le=10, description="article number in the December 2019 newsletter")
    date: dt.date = Field(description="date of the event the article reports")

    @property
    def title(self) -> str:
        """The article's title as printed (Simplified Chinese)."""
        return articles()[self.article].printed_title

    def title_in(self, lang: Lang) -> str:
        """The title in the reader's language (Chinese readers: as printed, in their script)."""
        title = articles()[self.article].title(lang)
        return to_traditional(title) if lang == "zh-Hant" else title


class Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
    topic: Topic
    title: LocalizedText
    answer: LocalizedText
    questions: tuple[str, ...] = Field(min_length=6)
    source: Source
    valid_until: dt.date | None = None
    related: tuple[str, ...] = ()
    # The entry about its topic as a whole (at most one per topic): what a question matching
    # several of the topic's entries about equally asks for (knowledge/service.py).
    overview: bool = False
    # The answer says what the item is and where its details are published, nothing more (each of
    # the 15 Greater Bay Area measures): a question asking for one of those details (when, how
    # many, which, on what conditions) is not answered by it (knowledge/facets.py).
    summary_only: bool = False

    @field_validator("questions")
    @classmethod
    def _questions_not_blank(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        if any(not q.strip() for q in value):
            raise ValueError("blank question phrasing")
        return value


class TopicFile(BaseModel):
    """One file: a topic, the default source of its entries, and the entries."""

    model_config = ConfigDict(extra="forbid")

    topic: Topic
    source: Source
    entries: list[dict[str, object]] = Field(min_length=1)

    @model_validator(mode="after")
    def _fill_defaults(self) -> TopicFile:
        for raw in self.entries:
            raw.setdefault("topic", self.topic)
            raw.setdefault("source", self.source.model_dump())
        return self
