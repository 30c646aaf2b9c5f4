"""The seeds end to end: golden output, the contract field by field, and the score against their gold."""

import json
from pathlib import Path

import pytest

from conftest import REPO, SEEDS, shared_dir
from extract.evaluate import load_gold, score
from extract.models import KINDS
from extract.pipeline import run_paths

GOLDEN = REPO / "tests" / "golden"
GOLD = REPO / "tests" / "gold"
SEED_FILES = sorted(p.name for p in SEEDS.glob("*.txt"))
CONTRACT_FIELDS = ["kind", "value", "unit", "qualifier", "metric", "park", "date", "text", "start", "end", "rule"]
QUALIFIERS = {"exact", "approx", "more_than", "at_least", "less_than", "at_most"}


@pytest.fixture(scope="module")
def seeds():
    """Each seed's record and decoded source, extracted from the repository root as `make golden` does."""
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(REPO)
        return {r.document.doc_id: (r.document.model_dump(mode="json"), r.source) for r in run_paths(["seeds/"])}


@pytest.mark.parametrize("name", SEED_FILES)
def test_output_matches_golden_file(seeds, name):
    """`make golden` regenerates these on purpose; a difference here is an unreviewed behaviour change."""
    doc_id = Path(name).stem
    golden = GOLDEN / f"{doc_id}.json"
    assert golden.exists(), f"{golden} is missing: run `make golden`"
    expected = json.loads(golden.read_text(encoding="utf-8"))
    assert [seeds[doc_id][0]] == expected, f"{doc_id} differs from {golden}: run `make diff-seeds` to see how"


def test_no_golden_file_without_a_seed():
    orphans = {p.stem for p in GOLDEN.glob("*.json")} - {Path(n).stem for n in SEED_FILES}
    assert not orphans, f"golden files without a seed: {sorted(orphans)}"


def test_facts_follow_the_contract(seeds):
    for doc_id, (record, source) in seeds.items():
        assert list(record) == [
            "doc_id",
            "path",
            "title",
            "published",
            "source",
            "author",
            "script",
            "facts",
            "warnings",
        ]
        assert record["path"] == f"seeds/{doc_id}.txt"
        positions = [(f["start"], f["kind"], f["rule"]) for f in record["facts"]]
        assert positions == sorted(positions), "facts are ordered by position"
        for fact in record["facts"]:
            assert list(fact) == CONTRACT_FIELDS
            assert source[fact["start"] : fact["end"]] == fact["text"], fact
            assert fact["kind"] in KINDS and fact["qualifier"] in QUALIFIERS
            assert fact["rule"].startswith(fact["kind"] + ".")
            if fact["kind"] == "investment":
                assert isinstance(fact["value"], int | float) and fact["unit"] in {
                    "CNY",
                    "USD",
                    "EUR",
                    "HKD",
                    "JPY",
                    "TWD",
                }
            if fact["kind"] == "rate":
                assert fact["unit"] == "%" and 0 <= fact["value"] <= 100
            if fact["kind"] == "park":
                assert fact["metric"] in {"subject", "mention"}


def test_amounts_are_exact(seeds):
    values = [f["value"] for f in seeds["000_2cf25d3773507f4e"][0]["facts"] if f["kind"] == "investment"]
    assert 38570000000 in values and all(isinstance(v, int) for v in values)


def test_traditional_seed_is_read_through_its_pinyin_and_skips_the_garbled_run(seeds):
    record, source = seeds["003_04f7734af67058aa"]
    assert record["script"] == "traditional"
    values = {(f["kind"], f["value"]) for f in record["facts"]}
    assert {("park", "连云港高新区"), ("rate", 71.6), ("investment", 8460000000), ("project_count", 53)} <= values
    garbled = [w for w in record["warnings"] if w.startswith("garbled text")]
    assert garbled
    start = source.index("?!懊刻於加?000")
    assert not [f for f in record["facts"] if f["start"] < start + 12 and start < f["end"]]
    assert ("project_count", 3000) not in values and ("project_count", 0) not in values


def test_the_four_articles_of_the_last_seed_have_their_own_parks(seeds):
    facts = seeds["004_bf49702848a3559d"][0]["facts"]
    subjects = {f["value"] for f in facts if f["kind"] == "park" and f["metric"] == "subject"}
    assert {"中关村示范区", "昆山高新区", "南通高新区", "无锡高新区"} <= subjects
    owners = {f["park"] for f in facts if f["kind"] in ("investment", "rate", "project_count")}
    assert {"昆山高新区", "无锡高新区"} <= owners
    assert next(f["park"] for f in facts if f["kind"] == "investment" and f["value"] == 15000000000) == "无锡高新区"


def test_navigation_is_not_a_source_of_facts(seeds):
    record, source = seeds["000_2cf25d3773507f4e"]
    nav = source.index("- 上一篇")
    assert not [f for f in record["facts"] if f["start"] >= nav]


def test_seeds_score_against_their_gold(seeds):
    """tests/gold/ is the seeds' annotation (copied from ../shared/seeds-gold)."""
    scores = score(load_gold(GOLD), [record for record, _ in seeds.values()])
    assert scores.macro_f1 >= 0.95, scores.macro_f1
    for kind in ("subject_park", "investment", "project_count", "rate", "date"):
        assert scores.kinds[kind].f1 >= 0.9, (kind, scores.kinds[kind])


def test_copied_gold_is_the_shared_gold():
    shared = shared_dir("seeds-gold")
    for path in sorted(shared.glob("*.json")):
        assert json.loads(path.read_text(encoding="utf-8")) == json.loads(
            (GOLD / path.name).read_text(encoding="utf-8")
        )
