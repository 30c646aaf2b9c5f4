"""`extract rules --test DIR` runs a rule folder's own examples without pytest: failures name the file,
the rule and the example; a todo example is reported, not failed; examples may state park and date."""

from pathlib import Path

import pytest

from conftest import edit as edit_rule_file
from extract.ruleset import Example, Expected, load_rules
from extract.ruletest import example_problem
from test_cli import extract

RULES = load_rules()
RATE_RULE = next(r for r in RULES if r.id == "rate.word-then-percent")
# Known misses the shipped rules record as todo examples.
SHIPPED_TODOS = sum(example.todo is not None for rule in RULES for example in rule.spec.examples)
ARTICLE = "苏州工业园区一季度新签约项目30个,复工率达到95%。"


def edit(path: Path, old: str, new: str) -> None:
    edit_rule_file(path, old, new, count=1)


def add_example(path: Path, rule_id: str, fields: str) -> None:
    """Append an example (TOML key lines) to a rule: before the next rule or signal, else at the end."""
    text = path.read_text(encoding="utf-8")
    start = text.index(f'id = "{rule_id}"')
    ends = [i for i in (text.find("\n[[rules]]", start), text.find("\n[[signals]]", start)) if i >= 0]
    end = min(ends, default=len(text))
    path.write_text(f"{text[:end]}\n  [[rules.examples]]\n  {fields}\n{text[end:]}", encoding="utf-8")


def test_a_copy_of_the_rules_passes(rules_copy):
    result = extract("rules", "--test", str(rules_copy))
    assert result.returncode == 0, result.stdout.decode()
    assert (
        result.stdout.decode()
        .splitlines()[-1]
        .endswith(f" passed, 0 failed, {SHIPPED_TODOS} todo, 0 unexpectedly passing")
    )


def test_a_wrong_example_names_file_rule_and_text_and_exits_1(rules_copy):
    edit(rules_copy / "rate.toml", 'value = 71.6, unit = "%"', 'value = 71.5, unit = "%"')
    edit(rules_copy / "project_count.toml", "counterexamples = [", 'counterexamples = [\n  "签约30个项目",')
    edit(rules_copy / "investment.toml", '"苏州工业园区总投资10亿元。",', '"行政院核定,经济部推动。",')
    result = extract("rules", "--test", str(rules_copy))
    assert result.returncode == 1
    out = result.stdout.decode().splitlines()
    assert (
        f"FAIL {rules_copy}/rate.toml: rule rate.word-then-percent example 0: '已开复工项目38个,项目开复工率为71.6%。': "
        "value of '开复工率为71.6%' is 71.6, expected 71.5"
    ) in out
    assert any(
        line.startswith(f"FAIL {rules_copy}/project_count.toml: rule project_count.")
        and "counterexample 0: '签约30个项目': should yield nothing" in line
        for line in out
    )
    assert (
        f"FAIL {rules_copy}/investment.toml: signal investment.taiwan-document counterexample 3: "
        "'行政院核定,经济部推动。': should not hold"
    ) in out
    assert ", 3 failed, " in out[-1]


def test_rules_that_do_not_load_exit_3(rules_copy):
    edit(rules_copy / "rate.toml", "(?P<metric>{rate_word})", "(?P<rate>{rate_word})")
    result = extract("rules", "--test", str(rules_copy))
    assert result.returncode == 3
    assert "rule rate.word-then-percent: resolver 'percent' needs group 'metric'" in result.stderr.decode()


def test_todo_examples_are_reported_not_failed(rules_copy):
    """A known miss is a todo; a todo that passes is reported so that its mark can go."""
    rate = rules_copy / "rate.toml"
    add_example(
        rate,
        "rate.word-then-percent",
        'text = "园区企业陆续复工。"\n  todo = "no number to read"\n  expect = [{ text = "陆续复工", value = 100 }]',
    )
    result = extract("rules", "--test", str(rules_copy))
    out = result.stdout.decode().splitlines()
    assert result.returncode == 0, out
    assert any(
        line.startswith(f"TODO {rules_copy}/rate.toml: rule rate.word-then-percent example ")
        and ": '园区企业陆续复工。': " in line
        and line.endswith("(todo: no number to read)")
        for line in out
    )
    assert out[-1].endswith(f" passed, 0 failed, {SHIPPED_TODOS + 1} todo, 0 unexpectedly passing")


def test_a_todo_that_passes_is_reported(rules_copy):
    add_example(
        rules_copy / "rate.toml",
        "rate.word-then-percent",
        'text = "复工率达到95%。"\n  todo = "fixed since"\n  expect = [{ text = "复工率达到95%" }]',
    )
    result = extract("rules", "--test", str(rules_copy))
    out = result.stdout.decode().splitlines()
    assert result.returncode == 0
    assert any(
        line.startswith(f"XPASS {rules_copy}/rate.toml: rule rate.word-then-percent example ")
        and line.endswith(": '复工率达到95%。': passes although marked todo (fixed since); drop the todo")
        for line in out
    )
    assert out[-1].endswith(f" 0 failed, {SHIPPED_TODOS} todo, 1 unexpectedly passing")


@pytest.mark.parametrize(
    ("park", "date", "problem"),
    [
        ("苏州工业园区", "2022-Q1", None),
        ("苏州工业园区", None, None),
        ("无锡高新区", None, "park of '复工率达到95%' is '苏州工业园区', expected '无锡高新区'"),
        (None, "2022-Q2", "date of '复工率达到95%' is '2022-Q1', expected '2022-Q2'"),
    ],
    ids=["both", "park-only", "wrong-park", "wrong-date"],
)
def test_an_example_may_state_the_park_and_date_attribution_gives(park, date, problem):
    example = Example(
        text=ARTICLE, published="2022-04-11", expect=[Expected(text="复工率达到95%", value=95, park=park, date=date)]
    )
    assert example_problem(RULES, RATE_RULE, example) == problem


def test_park_and_date_expectations_are_read_from_rule_files(rules_copy):
    add_example(
        rules_copy / "rate.toml",
        "rate.word-then-percent",
        f'text = "{ARTICLE}"\n  published = "2022-04-11"\n'
        '  expect = [{ text = "复工率达到95%", park = "无锡高新区", date = "2022-Q1" }]',
    )
    result = extract("rules", "--test", str(rules_copy))
    assert result.returncode == 1
    assert "park of '复工率达到95%' is '苏州工业园区', expected '无锡高新区'" in result.stdout.decode()
