"""Every example and counterexample in rules/*.toml runs as its own test, as `extract rules --test` runs it."""

import pytest

from extract.ruleset import load_rules
from extract.ruletest import cases


def params():
    for case in cases(load_rules()):
        marks = [pytest.mark.xfail(reason=f"todo: {case.todo}", strict=False)] if case.todo else []
        yield pytest.param(case, id=case.id, marks=marks)


@pytest.mark.parametrize("case", list(params()))
def test_rule_case(case):
    problem = case.check()
    assert problem is None, f"{case.file}: {case.what}: {case.text!r}: {problem}"
