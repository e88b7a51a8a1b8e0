"""What the index searches: every entry's titles, phrasings, answers, and each answer's sentences."""

from __future__ import annotations

from knowledge.index import documents_for
from knowledge.schema import Entry
from knowledge.text import normalise


def test_each_sentence_of_a_long_answer_is_searched_on_its_own(entries: list[Entry]) -> None:
    """「Que consensos houve sobre as finanças verdes?」 (fourth blind set, tuning data now) asks
    about one clause of the consensus entry; in the whole answer it is diluted."""
    consensus = next(e for e in entries if e.id == "trade-committee-consensus")
    texts = [d.text for d in documents_for([consensus])]
    for answer in consensus.answer.all():
        assert normalise(answer) in texts
    green = [
        t for t in texts if "绿色金融" in t and t != normalise(consensus.answer.get("zh-Hans"))
    ]
    assert green and all(len(t) < len(normalise(consensus.answer.get("zh-Hans"))) for t in green)


def test_no_entry_indexes_a_text_twice(entries: list[Entry]) -> None:
    """A one-sentence answer is its own sentence: indexed once, not twice."""
    for entry in entries:
        texts = [d.text for d in documents_for([entry])]
        assert len(texts) == len(set(texts)), entry.id
