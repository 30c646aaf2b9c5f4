"""A group made optional with `?` is compiled as a branch that may match nothing, and matches as written."""

from pathlib import Path

import pytest
import regex

import extract.ruleset
from conftest import SEEDS
from extract.normalize import normalize
from extract.optional_groups import as_branches
from extract.ruleset import load_rules

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.mark.parametrize(
    ("written", "compiled"),
    [
        ("(?P<hedge>近|约)?亿", "(?:(?P<hedge>近|约)|)亿"),
        ("(?:万|亿)?元", "(?:万|亿|)元"),
        ("a(?:b(?:c)?)?d", "a(?:b(?:c|)|)d"),
        ("((a)?)?b", "(?:((?:(a)|))|)b"),
        # left as written: lazy and possessive ?, a lookaround's, a ? after a class or an escaped bracket
        ("(x)??(y)?+", "(x)??(y)?+"),
        ("(?<=a)?(?=b)?", "(?<=a)?(?=b)?"),
        ("[(]?\\(a\\)?", "[(]?\\(a\\)?"),
    ],
)
def test_an_optional_group_becomes_a_branch(written, compiled):
    assert as_branches(written) == compiled
    text = "近亿约亿亿万元元abcdadabd(a)ab(a"
    assert [(m.span(), m.groups()) for m in regex.finditer(compiled, text)] == [
        (m.span(), m.groups()) for m in regex.finditer(written, text)
    ]


def test_every_rule_matches_what_it_matches_as_written(monkeypatch):
    """On the seeds and the fixtures, each rule and signal finds the same spans and groups either way."""
    compiled = load_rules()
    monkeypatch.setattr(extract.ruleset, "as_branches", lambda source: source)
    written = load_rules()
    texts = [normalize(path.read_text(encoding="utf-8")).text for path in [*SEEDS.glob("*.txt"), *FIXTURES.glob("*/docs/*")]]
    pairs = list(zip(written.rules, compiled.rules)) + [(written.signals[k], compiled.signals[k]) for k in written.signals]
    assert sum(a.regex.pattern != b.regex.pattern for a, b in pairs) > len(pairs) // 2
    for a, b in pairs:
        for text in texts:
            assert [(m.span(), m.groups()) for m in a.regex.finditer(text)] == [
                (m.span(), m.groups()) for m in b.regex.finditer(text)
            ], a.id


def test_a_broken_pattern_is_reported_as_written(tmp_path):
    (tmp_path / "date.toml").write_text(
        'kind = "date"\ndescription = "d"\n[[rules]]\nid = "date.broken"\ndescription = "d"\nresolver = "calendar"\n'
        "pattern = \'\'\'(?P<year>[0-9]{4})?年(?P<month>\'\'\'\ncounterexamples = [\"a\"]\n"
        '[[rules.examples]]\ntext = "2020年"\nexpect = [{ text = "2020年" }]\n',
        encoding="utf-8",
    )
    with pytest.raises(extract.ruleset.RulesError) as raised:
        load_rules(tmp_path)
    assert "rule date.broken: pattern does not compile" in str(raised.value)
    assert "missing ) at position 30" in str(raised.value)  # where it breaks as written, not as compiled (34)
