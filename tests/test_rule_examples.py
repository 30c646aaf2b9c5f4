"""Every example and counterexample in rules/*.toml runs as its own test, its rule alone."""

from decimal import Decimal

import pytest

from extract.models import plain_number
from extract.normalize import normalize
from extract.pipeline import Pipeline
from extract.read import Source
from extract.ruleset import load_rules

RULES = load_rules()


def facts_of(rule, text: str, published: str | None = None):
    source = Source("example", "example", text, text, "utf-8")
    return Pipeline(RULES.only(rule)).process(source, reference_date=published).facts


def comparable(value):
    return plain_number(value) if isinstance(value, Decimal) else value


def example_cases():
    for rule in RULES:
        for i, example in enumerate(rule.spec.examples):
            yield pytest.param(rule, example, id=f"{rule.id}[{i}]")


def counterexample_cases():
    for rule in RULES:
        for i, text in enumerate(rule.spec.counterexamples):
            yield pytest.param(rule, text, id=f"{rule.id}[not {i}]")


def signal_cases():
    for signal in RULES.signals.values():
        for i, text in enumerate(signal.spec.examples):
            yield pytest.param(signal, text, True, id=f"{signal.id}[{i}]")
        for i, text in enumerate(signal.spec.counterexamples):
            yield pytest.param(signal, text, False, id=f"{signal.id}[not {i}]")


@pytest.mark.parametrize(("signal", "text", "holds"), list(signal_cases()))
def test_signal_example(signal, text, holds):
    assert signal.holds(normalize(text).text) == holds


@pytest.mark.parametrize(("rule", "example"), list(example_cases()))
def test_example_matches(rule, example):
    facts = facts_of(rule, example.text, example.published)
    got = [(f.text, comparable(f.value), f.unit, f.qualifier, f.metric) for f in facts]
    assert len(facts) == len(example.expect), f"{rule.id} on {example.text!r} gave {got}"
    for fact, expected in zip(facts, example.expect):
        assert fact.text == expected.text, got
        assert example.text[fact.start : fact.end] == fact.text
        for field in ("value", "unit", "qualifier", "metric"):
            want = getattr(expected, field)
            if want is not None:
                assert comparable(getattr(fact, field)) == want, f"{field} of {fact.text!r}: {got}"


@pytest.mark.parametrize(("rule", "text"), list(counterexample_cases()))
def test_counterexample_does_not_match(rule, text):
    facts = facts_of(rule, text)
    assert facts == [], f"{rule.id} should not match {text!r}, got {[f.text for f in facts]}"
