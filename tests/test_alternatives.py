"""A signal with min_distinct > 1 rules documents out by its pattern's alternatives searched alone: it must
hold exactly where the whole pattern holds."""

from dataclasses import replace
from pathlib import Path

import pytest

from conftest import SEEDS, shared_dir
from extract.alternatives import alternatives
from extract.normalize import normalize
from extract.ruleset import load_rules

RULES = load_rules()
FIXTURES = Path(__file__).parent / "fixtures"


@pytest.mark.parametrize(
    "source, expected",
    [
        ("a|b", ["a", "b"]),
        ("a(?:b|c)|d", ["a(?:b|c)", "d"]),
        (r"[|]x|\|y|(?<=a|b)z", ["[|]x", r"\|y", "(?<=a|b)z"]),
        ("abc", ["abc"]),
    ],
)
def test_a_pattern_splits_at_its_top_level_bars_only(source, expected):
    assert alternatives(source) == expected


def texts(paths) -> list[str]:
    return [normalize(path.read_text(encoding="utf-8")).text for path in sorted(paths)]


def differences(found: list[str]) -> list[str]:
    signals = [s for s in RULES.signals.values() if s.alternatives]
    assert signals, "no signal is ruled out by its alternatives"
    examples = [normalize(t).text for s in signals for t in (*s.spec.examples, *s.spec.counterexamples)]
    return [
        f"{signal.id}: {text[:60]!r}"
        for signal in signals
        for text in [*found, *examples]
        if signal.holds(text) != replace(signal, alternatives=()).holds(text)
    ]


def test_on_the_seeds_the_fixtures_and_the_examples():
    assert differences(texts([*SEEDS.glob("*.txt"), *FIXTURES.glob("*/docs/*")])) == []


def test_on_the_dev_corpus():
    assert differences(texts(shared_dir("dev-corpus", "docs").glob("*"))) == []


def test_two_hits_of_one_alternative_are_not_ruled_out():
    taiwan = RULES.signals["investment.taiwan-document"]
    text = "彰化县政府与新竹县政府合办招商会。"  # one alternative, two different counties
    assert taiwan.holds(text) and not taiwan.matches_once_at_most(text)
