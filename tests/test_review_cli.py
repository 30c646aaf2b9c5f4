"""diff, eval and report end to end through the real `extract` entry point, on the seeds."""

import json
import shutil
import subprocess
import sys

import pytest
from test_cli import extract
from test_report_browser import CHROMIUM, rendered, shown_marks
from test_report import fact_marks

from conftest import REPO, shared_dir


@pytest.fixture(scope="module")
def seeds_json(tmp_path_factory):
    path = tmp_path_factory.mktemp("runs") / "seeds.json"
    assert extract("seeds/", "-o", str(path)).returncode == 0
    return path


def test_diff_of_two_runs_of_the_same_input_is_empty(seeds_json, tmp_path):
    again = tmp_path / "again.jsonl"
    extract("seeds/", "--format", "jsonl", "-o", str(again))
    result = extract("diff", str(seeds_json), str(again))
    assert result.returncode == 0, result.stdout.decode()


def test_diff_after_a_rule_change_reports_exactly_the_changed_facts(seeds_json, tmp_path):
    """Drop 返岗率 from the rate words: seed 004's 返岗率达80% and nothing else must go."""
    rules = tmp_path / "rules"
    shutil.copytree(REPO / "rules", rules)
    rate = rules / "rate.toml"
    rate.write_text(rate.read_text(encoding="utf-8").replace('"返岗率" = "返岗率"\n', "", 1), encoding="utf-8")
    changed = tmp_path / "changed.json"
    assert extract("seeds/", "--rules", str(rules), "-o", str(changed)).returncode == 0
    result = extract("diff", str(seeds_json), str(changed), "--format", "json")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    old = {
        f["text"]
        for d in json.loads(seeds_json.read_text(encoding="utf-8"))
        for f in d["facts"]
        if "返岗率" in f["text"]
    }
    assert old, "the seeds no longer carry a 返岗率 fact to remove"
    documents = report["documents"]
    assert [d["doc_id"] for d in documents] == ["004_bf49702848a3559d"]
    assert {f["text"] for f in documents[0]["removed"]} == old
    assert documents[0]["added"] == [] and documents[0]["changed"] == []


def test_diff_of_unusable_input_exits_2(tmp_path):
    (tmp_path / "bad.json").write_text("{not json", encoding="utf-8")
    assert extract("diff", str(tmp_path / "bad.json"), str(tmp_path / "bad.json")).returncode == 2


def test_eval_prints_the_reference_scorers_figures(tmp_path):
    corpus = shared_dir("dev-corpus")
    scorer = shared_dir("eval") / "score.py"
    predictions = tmp_path / "dev.json"
    extract(str(corpus / "docs"), "-o", str(predictions))
    reference = json.loads(
        subprocess.run(
            [sys.executable, str(scorer), str(corpus / "gold"), str(predictions), "--json"],
            capture_output=True,
            check=True,
        ).stdout
    )
    ours = json.loads(extract("eval", str(corpus / "gold"), str(corpus / "docs"), "--format", "json").stdout)
    for key in ("kinds", "macro_f1", "attribution", "rate_metric", "date_year_misses", "missing_docs"):
        assert ours[key] == reference[key], key


def test_eval_fail_under_exits_1():
    result = extract("eval", "tests/gold", "seeds/", "--fail-under", "1.01")
    assert result.returncode == 1 and b"below --fail-under" in result.stderr


@pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} absent: apt-get install chromium")
def test_report_of_the_seeds_highlights_every_fact_in_chromium(seeds_json, tmp_path):
    page = tmp_path / "report.html"
    result = extract("report", "seeds/", "-o", str(page))
    assert result.returncode == 0, result.stderr.decode()
    facts = [f for d in json.loads(seeds_json.read_text(encoding="utf-8")) for f in d["facts"]]
    everything = rendered(page, tmp_path)
    assert len(fact_marks(everything)) == len(facts)
    rates = rendered(page, tmp_path, "#kind=rate")
    assert len(shown_marks(rates)) == sum(f["kind"] == "rate" for f in facts)
    assert b"http" not in page.read_bytes().replace(b"http-equiv", b"")  # links nothing outside
