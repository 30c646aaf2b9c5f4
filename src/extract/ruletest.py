"""A rule folder's own tests: every example must yield exactly its facts, its rule alone (alone among
its kind's rules when it states a park or a date, which attribution gives); every counterexample must
yield nothing; a rule that says where it can match (`within`) must match there what it matches over
the whole of every example and counterexample; a signal must hold on its examples and not on its
counterexamples. An example marked `todo` is a known miss: run and reported, never a failure. `extract rules --test` and
tests/test_rule_examples.py both check through `cases`."""

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import TextIO

from extract.anchors import window_problem
from extract.models import Fact, plain_number
from extract.normalize import normalize
from extract.pipeline import Pipeline
from extract.read import Source
from extract.ruleset import Example, Rule, RuleSet, Signal

CHECKED_FIELDS = ("value", "unit", "qualifier", "metric", "park", "date")


@dataclass(frozen=True)
class Case:
    id: str  # rate.word-then-percent[2], rate.word-then-percent[not 0]
    file: str
    what: str  # "rule rate.word-then-percent example 2"
    text: str
    check: Callable[[], str | None]  # what went wrong, None when the case holds
    todo: str | None = None


def cases(rules: RuleSet) -> list[Case]:
    out = []
    for rule in rules:
        for i, example in enumerate(rule.spec.examples):
            out.append(
                Case(
                    f"{rule.id}[{i}]",
                    rule.file,
                    f"rule {rule.id} example {i}",
                    example.text,
                    lambda rule=rule, example=example: example_problem(rules, rule, example),
                    example.todo,
                )
            )
        for i, text in enumerate(rule.spec.counterexamples):
            out.append(
                Case(
                    f"{rule.id}[not {i}]",
                    rule.file,
                    f"rule {rule.id} counterexample {i}",
                    text,
                    lambda rule=rule, text=text: counterexample_problem(rules, rule, text),
                )
            )
    every_text = [e.text for r in rules for e in r.spec.examples] + [t for r in rules for t in r.spec.counterexamples]
    for rule in rules:
        if rule.within is not None:
            out.append(
                Case(
                    f"{rule.id}[within]",
                    rule.file,
                    f"rule {rule.id} within",
                    f"every example and counterexample of {len(rules.rules)} rules",
                    lambda rule=rule: within_problem(rule, every_text),
                )
            )
    for signal in rules.signals.values():
        for holds, texts in ((True, signal.spec.examples), (False, signal.spec.counterexamples)):
            for i, text in enumerate(texts):
                label = f"{i}" if holds else f"not {i}"
                out.append(
                    Case(
                        f"{signal.id}[{label}]",
                        signal.file,
                        f"signal {signal.id} {'example' if holds else 'counterexample'} {i}",
                        text,
                        lambda signal=signal, text=text, holds=holds: signal_problem(signal, text, holds),
                    )
                )
    return out


def facts_of(rules: RuleSet, text: str, published: str | None = None) -> list[Fact]:
    source = Source("example", "example", text, text, "utf-8")
    return Pipeline(rules).process(source, reference_date=published).facts


def comparable(value):
    return plain_number(value) if isinstance(value, Decimal) else value


def described(facts: list[Fact]) -> str:
    return (
        "["
        + ", ".join(
            "("
            + ", ".join(repr(comparable(v)) for v in (f.text, f.value, f.unit, f.qualifier, f.metric, f.park, f.date))
            + ")"
            for f in facts
        )
        + "]"
    )


def example_problem(rules: RuleSet, rule: Rule, example: Example) -> str | None:
    attributed = any(e.park is not None or e.date is not None for e in example.expect)
    context = rules.alone_in_its_kind(rule) if attributed else rules.only(rule)
    facts = [f for f in facts_of(context, example.text, example.published) if f.kind == rule.kind]
    if len(facts) != len(example.expect):
        return f"expected {len(example.expect)} fact(s), got {len(facts)}: {described(facts)}"
    for fact, expected in zip(facts, example.expect):
        if fact.text != expected.text:
            return f"expected the fact {expected.text!r}, got {fact.text!r}: {described(facts)}"
        if example.text[fact.start : fact.end] != fact.text:
            return f"the offsets of {fact.text!r} point at {example.text[fact.start : fact.end]!r}"
        for field in CHECKED_FIELDS:
            want, got = getattr(expected, field), comparable(getattr(fact, field))
            if want is not None and got != want:
                return f"{field} of {fact.text!r} is {got!r}, expected {want!r}"
    return None


def counterexample_problem(rules: RuleSet, rule: Rule, text: str) -> str | None:
    facts = facts_of(rules.only(rule), text)
    return f"should yield nothing, got {described(facts)}" if facts else None


def within_problem(rule: Rule, texts: list[str]) -> str | None:
    """Whether the rule, tried where its `within` says it can match, matches what it does over whole texts."""
    for text in texts:
        if problem := window_problem(rule.regex, rule.within, normalize(text).text):
            return f"{problem}, in {text!r}"
    return None


def signal_problem(signal: Signal, text: str, holds: bool) -> str | None:
    if signal.holds(normalize(text).text) == holds:
        return None
    return "should hold" if holds else "should not hold"


def run(rules: RuleSet, out: TextIO) -> bool:
    """Check every case, write one line per failure and per todo, then a summary; True when none failed."""
    counts = {"passed": 0, "failed": 0, "todo": 0, "unexpectedly passing": 0}
    for case in cases(rules):
        problem = case.check()
        where = f"{case.file}: {case.what}: {case.text!r}"
        if case.todo is None and problem is None:
            counts["passed"] += 1
        elif case.todo is None:
            counts["failed"] += 1
            print(f"FAIL {where}: {problem}", file=out)
        elif problem is not None:
            counts["todo"] += 1
            print(f"TODO {where}: {problem} (todo: {case.todo})", file=out)
        else:
            counts["unexpectedly passing"] += 1
            print(f"XPASS {where}: passes although marked todo ({case.todo}); drop the todo", file=out)
    print(", ".join(f"{n} {label}" for label, n in counts.items()), file=out)
    return counts["failed"] == 0
