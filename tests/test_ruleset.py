"""The loader holds rules to what their resolvers need: the groups, and a value for every word a
looked-up group can capture; a rule folder's lexicons are what its resolvers read."""

from pathlib import Path

import pytest

from conftest import edit
from extract.pipeline import Pipeline
from extract.read import Source
from extract.ruleset import RulesError, load_rules

RATE_FILE = """kind = "rate"
description = "Rates."
{fragments}
[lexicons.rate_metric.rate_word]
"复工率" = "复工率"
"复产率" = "复产率"
{lexicons}
[[rules]]
id = "rate.test"
description = "A rate word, then its value."
resolver = "percent"
pattern = '''{pattern}'''
counterexamples = ["同比增长5%"]
  [[rules.examples]]
  text = "复工率9%"
  expect = [{{ text = "复工率9%", value = 9 }}]
"""
GOOD_PATTERN = "(?P<metric>{rate_word})(?P<num>[0-9]+)%"


def rate_folder(tmp_path: Path, pattern: str = GOOD_PATTERN, fragments: str = "", lexicons: str = "") -> Path:
    folder = tmp_path / "rules"
    folder.mkdir(exist_ok=True)
    text = RATE_FILE.format(pattern=pattern, fragments=fragments and "[fragments]\n" + fragments, lexicons=lexicons)
    (folder / "rate.toml").write_text(text, encoding="utf-8")
    return folder


def problems(folder: Path) -> list[str]:
    with pytest.raises(RulesError) as error:
        load_rules(folder)
    return error.value.problems


def test_a_well_formed_folder_loads(tmp_path):
    assert [r.id for r in load_rules(rate_folder(tmp_path))] == ["rate.test"]


def test_a_pattern_without_the_groups_its_resolver_needs_is_rejected(tmp_path):
    found = problems(rate_folder(tmp_path, "(?P<metric>{rate_word})(?P<value>[0-9]+)%"))
    assert found == [
        f"{tmp_path}/rules/rate.toml: rule rate.test: resolver 'percent' needs one of the groups "
        "'num', 'tenths', which the pattern lacks"
    ]


@pytest.mark.parametrize(
    ("pattern", "fragments"),
    [
        ("(?P<metric>{rate_word}|返岗率)(?P<num>[0-9]+)%", ""),
        ("(?P<metric>{more_words})(?P<num>[0-9]+)%", 'more_words = ["复工率", "返岗率"]\n'),
    ],
    ids=["literal-word", "word-of-a-plain-list"],
)
def test_a_word_without_a_value_in_the_lexicon_is_rejected(tmp_path, pattern, fragments):
    [found] = problems(rate_folder(tmp_path, pattern, fragments))
    assert "rule rate.test: group 'metric' can capture '返岗率', which lexicon rate_metric" in found


def test_a_looked_up_group_must_be_made_of_words(tmp_path):
    [found] = problems(rate_folder(tmp_path, "(?P<metric>复.率)(?P<num>[0-9]+)%"))
    assert "rule rate.test: group 'metric' is looked up in lexicon rate_metric, so it must be made of words" in found


def test_a_lexicon_the_resolver_reads_must_exist(tmp_path):
    folder = rate_folder(tmp_path)
    rate = folder / "rate.toml"
    rate.write_text(rate.read_text(encoding="utf-8").replace("rate_metric", "metric_names"), encoding="utf-8")
    [found] = problems(folder)
    assert "looks up group 'metric' in lexicon 'rate_metric', which no file declares" in found


def test_a_word_means_one_thing_in_its_lexicon(tmp_path):
    folder = rate_folder(tmp_path, lexicons='[lexicons.rate_metric.rate_word_short]\n"复工率" = "复产率"\n')
    [found] = problems(folder)
    assert "lexicon rate_metric: '复工率' is '复工率' in rate_word but '复产率' in rate_word_short" in found


def test_a_lexicon_set_cannot_take_a_fragments_name(tmp_path):
    [found] = problems(rate_folder(tmp_path, fragments='rate_word = ["复工率"]\n'))
    assert "lexicon rate_metric: set rate_word has the name of another fragment" in found


def test_a_currency_without_an_iso_code_fails_to_load_not_to_extract(rules_copy):
    """A currency word added to a pattern, not to the lexicon, is a load error naming every rule that uses it."""
    edit(rules_copy / "investment.toml", "(?P<currency>{currency_after})", "(?P<currency>{currency_after}|卢布)")
    found = problems(rules_copy)
    assert any("rule investment.amount-after-word: group 'currency' can capture '卢布'" in p for p in found)
    assert any("rule investment.listed: group 'currency' can capture '卢布'" in p for p in found)


def test_lexicon_values_are_checked_against_what_the_resolver_accepts(rules_copy):
    edit(rules_copy / "fragments.toml", '"英镑" = "GBP"', '"英镑" = "pound"')
    edit(rules_copy / "fragments.toml", '"左右" = "approx"', '"左右" = "roughly"')
    found = problems(rules_copy)
    assert any(
        p.endswith("lexicon currency: 英镑 = 'pound' is not an ISO 4217 code (three capital letters) or 'local'")
        for p in found
    )
    assert any("lexicon qualifier: 左右 = 'roughly' is not one of exact" in p for p in found)
    assert len(found) == len(set(found)) == 2  # all at once, each once however many rules read the lexicon


def test_a_rule_folder_carries_its_own_lexicons(rules_copy):
    edit(rules_copy / "fragments.toml", '"英镑" = "GBP"', '"英镑" = "XGB"')
    pipeline = Pipeline(load_rules(rules_copy))
    text = "园区总投资5亿英镑。"
    [fact] = [f for f in pipeline.process(Source("t", "t", text, text, "utf-8")).facts if f.kind == "investment"]
    assert (fact.value, fact.unit) == (500000000, "XGB")


def test_a_rule_may_only_require_a_signal_that_exists(rules_copy):
    edit(rules_copy / "park.toml", 'requires = "park.free-trade-document"', 'requires = "park.free-trade-doc"')
    assert any(
        "rule park.free-trade-area: requires unknown signal 'park.free-trade-doc'" in p for p in problems(rules_copy)
    )


def test_a_rule_applies_only_where_its_required_signal_holds():
    pipeline = Pipeline(load_rules())

    def parks(text: str) -> list[str]:
        return [f.value for f in pipeline.process(Source("t", "t", text, text, "utf-8")).facts if f.kind == "park"]

    assert "舟山片区" in parks("浙江自贸试验区挂牌三年。舟山片区签约项目21个。")
    assert "长福片区" not in parks("目前长福片区签约项目21个。")


def test_a_within_that_does_not_compile_is_named(rules_copy):
    edit(rules_copy / "rate.toml", 'within = { anchor = "{percent_sign}"', 'within = { anchor = "{percent_sign}(("', 1)
    edit(rules_copy / "park.toml", 'chars = "{name_run_char}"', 'chars = "{name_run_chars}"', 1)
    found = problems(rules_copy)
    assert any("rule rate.word-then-percent: within.anchor: pattern does not compile" in p for p in found)
    assert any("rule park.zone: within.chars: pattern: unknown fragment {name_run_chars}" in p for p in found)


def test_a_required_signal_is_tested_once_a_document(monkeypatch):
    from extract.match import find_candidates
    from extract.ruleset import Signal

    rules = load_rules()
    needing = [r for r in rules if r.spec.requires == "park.free-trade-document"]
    tested = []
    holds = Signal.holds
    monkeypatch.setattr(Signal, "holds", lambda self, text: tested.append(self.id) or holds(self, text))
    found = find_candidates(needing * 3, "浙江自贸试验区挂牌三年。舟山片区签约项目21个。", rules.signals)
    assert tested == ["park.free-trade-document"] and len(found) == 3
