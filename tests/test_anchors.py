"""Rules that say where they can match (`within`) match there exactly what they match over whole texts."""

import tomllib
from pathlib import Path

import pytest
import regex

from conftest import REPO, SEEDS, shared_dir
from extract.anchors import LOOKAHEAD_MARGIN, stretches, window_problem, within
from extract.match import find_candidates
from extract.normalize import normalize
from extract.ruleset import load_rules

FIXTURES = Path(__file__).parent / "fixtures"
RULES = load_rules()
WINDOWED = [rule for rule in RULES if rule.within is not None]


def texts_of(paths) -> list[str]:
    return [normalize(path.read_text(encoding="utf-8")).text for path in sorted(paths)]


def problems(texts: list[str]) -> list[str]:
    return [
        f"{rule.id}: {problem}"
        for rule in WINDOWED
        for text in texts
        if (problem := window_problem(rule.regex, rule.within, text))
    ]


@pytest.fixture(scope="module")
def in_repository() -> list[str]:
    """The seeds, the fixtures and the rules' own examples."""
    examples = [normalize(example.text).text for rule in RULES for example in rule.spec.examples]
    return texts_of([*SEEDS.glob("*.txt"), *FIXTURES.glob("*/docs/*")]) + examples


def test_on_the_seeds_and_the_fixtures(in_repository):
    assert len(in_repository) > 100
    assert problems(in_repository) == []


def test_every_declaration_is_put_to_the_test(in_repository):
    # A rule that matched nothing there would pass the test above without showing its `within` right.
    assert len(WINDOWED) >= 15
    idle = [rule.id for rule in WINDOWED if not any(rule.regex.search(text) for text in in_repository)]
    assert idle == []


def test_on_the_dev_corpus():
    assert problems(texts_of(shared_dir("dev-corpus", "docs").glob("*"))) == []


def test_a_wrong_within_is_caught():
    # A list of names shares its zone word across the 、 that join them: runs without 、 cut the list.
    rule = next(r for r in RULES if r.id == "park.shared-zone-word")
    text = "张江、漕河泾、紫竹等高新区企业复工率超过九成。"
    assert window_problem(rule.regex, rule.within, text) is None
    narrow = within(rule.within.anchor.pattern, r"[\p{Han}()]")
    assert "['张江', '漕河泾']" in window_problem(rule.regex, narrow, text)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("无关的文字。", []),  # no anchor: nothing to search
        ("合肥高新区," + "好" * 20, [(0, 5 + LOOKAHEAD_MARGIN)]),  # the run, and the margin after it
        ("甲高新区乙园区。" + "丙" * 20, [(0, 7 + LOOKAHEAD_MARGIN)]),  # two anchors in one run
        ("甲高新区" + "。" * 20 + "乙园区", [(0, 4 + LOOKAHEAD_MARGIN), (24, 27)]),  # apart, the last cut at the end
    ],
)
def test_stretches_are_the_runs_that_hold_an_anchor(text, expected):
    assert stretches(text, within("高新区|园区", r"[\p{Han}]")) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("复工率为90%。", []),  # a run without what `also` asks for
        ("复工率和复产率分别为90%和85%。" + "好" * 9, [(0, 17 + LOOKAHEAD_MARGIN)]),  # one run that holds it
        # several runs, searched joined: only those that hold it, not two that hold its characters between them
        ("增长9%。" + "好" * 9 + "。复工率分别为90%。" + "好" * 9 + "。达产率8%分。" + "好" * 9 + "。别9%。", [(15, 24 + LOOKAHEAD_MARGIN)]),
    ],
)
def test_runs_that_hold_what_also_asks_for(text, expected):
    assert stretches(text, within("%", r"[^,。]", also="分别")) == expected


def test_a_wrong_also_is_caught():
    rule = next(r for r in RULES if r.id == "rate.paired")
    text = "园区企业复工率和复产率分别为90%和85%。"
    assert window_problem(rule.regex, rule.within, text) is None
    # 依次 alone: a run with 分别 is passed over
    problem = window_problem(rule.regex, within(rule.within.anchor.pattern, r"[^,。]", also="依次"), text)
    assert problem is not None and "['复工率和复产率分别为90%']" in problem


def test_each_declaration_finds_its_runs_once_per_document(monkeypatch):
    import extract.anchors

    calls = []
    found = extract.anchors.stretches
    monkeypatch.setattr(extract.anchors, "stretches", lambda text, w, runs=None: calls.append(w) or found(text, w, runs))
    text = normalize((SEEDS / "000_2cf25d3773507f4e.txt").read_text(encoding="utf-8")).text
    find_candidates(RULES.rules, text, RULES.signals)
    assert len(calls) == len(set(calls)) >= 5


def test_rules_that_declare_the_same_runs_share_them():
    # An `also` searches the runs of its anchor and characters: those of the rules that declare them alone.
    runs: dict[tuple[str, str], set[int]] = {}
    for rule in WINDOWED:
        found = rule.within.runs or rule.within
        runs.setdefault((found.anchor.pattern, found.run_after.pattern), set()).add(id(found))
    assert all(len(objects) == 1 for objects in runs.values())
    assert any(rule.within.runs is not None and rule.within.runs in {r.within for r in WINDOWED} for rule in WINDOWED)


def test_the_characters_that_cut_a_name_run_are_in_no_name():
    # name_han leaves out one-character boundary words (the 的 of 园区的发展): a name holds one only inside
    # a place name (于都, 和平), a zone word or joined industries (装备与材料产业园), so those must not be left out.
    fragments = tomllib.loads((REPO / "rules" / "park.toml").read_text(encoding="utf-8"))["fragments"]
    left_out = set(regex.fullmatch(r"\[\^\\P\{Han\}(.+)\]", fragments["name_han"])[1])
    assert left_out <= {word for word in fragments["name_boundary"] if len(word) == 1}
    words = fragments["place_with_boundary_char"] + fragments["zone_word_named"] + fragments["zone_word_weak"]
    assert left_out.isdisjoint("".join(words) + "与和及")


@pytest.mark.parametrize(
    "rule_id, file, table, words",
    [
        ("investment.amount-after-word", "fragments.toml", "lexicons", "currency.currency_after"),
        ("park.zone", "park.toml", "fragments", "zone_word_named"),
        ("park.zone", "park.toml", "fragments", "zone_word_weak"),
    ],
)
def test_an_anchor_found_by_its_last_character_finds_every_word(rule_id, file, table, words):
    # {currency_after_end} and {named_zone_word_end} look for the words' last characters, then for a word
    # before them: a word that ends in another character would never be found. A zone word is looked
    # for after a name.
    data = tomllib.loads((REPO / "rules" / file).read_text(encoding="utf-8"))[table]
    for key in words.split("."):
        data = data[key]
    anchor = next(r for r in RULES if r.id == rule_id).within.anchor
    before = "某某" if rule_id.startswith("park.") else ""
    missed = [w for w in data if not any(m.end() == len(before + w) for m in anchor.finditer(before + w))]
    assert data and missed == []
