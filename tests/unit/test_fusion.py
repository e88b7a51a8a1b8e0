from knowledge.fusion import TOPIC_BOOST, best_per_entry, fuse, saturate


def test_best_per_entry_keeps_the_maximum() -> None:
    assert best_per_entry([("a", 0.2), ("b", 0.5), ("a", 0.7), ("a", 0.1)]) == {"a": 0.7, "b": 0.5}


def test_saturation_is_bounded_and_monotonic() -> None:
    values = [saturate(x) for x in (0, 1, 5, 20, 1000)]
    assert values[0] == 0.0
    assert values == sorted(values)
    assert values[-1] < 1.0


def test_fusion_needs_both_signals_to_be_sure() -> None:
    scores = fuse({"a": 0.9, "b": 0.9}, {"a": 20.0})
    assert scores["a"] > scores["b"]
    assert 0.0 <= scores["b"] <= 1.0


def test_topic_boost_nudges_without_hiding_others() -> None:
    scores = fuse({"a": 0.8, "b": 0.5}, {}, boosted=frozenset({"b"}))
    assert scores["b"] == fuse({"b": 0.5}, {})["b"] + TOPIC_BOOST
    assert scores["a"] > scores["b"]
