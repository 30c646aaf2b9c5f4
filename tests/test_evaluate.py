"""The scorer follows GOLD_SCHEMA.md's scoring section and agrees with ../shared/eval/score.py to the digit."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from rich.console import Console
from typer.testing import CliRunner

from extract.evaluate import date_match, eval_command, load_gold, render_scores, same_park, score, scores_to_json

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
REFERENCE = SHARED / "eval" / "score.py"
SUMMARY_KEYS = ("kinds", "macro_f1", "attribution", "rate_metric", "date_year_misses", "missing_docs")

GOLD = {
    "h01": {
        "doc": "h01",
        "published": "2020-03-09",
        "subject_parks": ["长沙岳麓高新区"],
        "parks": ["长沙岳麓高新区", "宁波石化区"],
        "aliases": {"宁波石化区": ["宁波石化经济技术开发区"]},
        "facts": [
            {
                "kind": "investment",
                "value": 164000000000,
                "currency": "CNY",
                "text": "总投资约1640亿元",
                "park": "长沙岳麓高新区",
            },
            {"kind": "project_count", "value": 62, "text": "62个签约项目", "park": "长沙岳麓高新区"},
            {"kind": "rate", "value": 99.0, "metric": "复工率", "text": "复工率99%", "park": "长沙岳麓高新区"},
            {"kind": "date", "value": "2020-03-08", "text": "截至3月8日"},
            {"kind": "date", "value": "2020-02", "text": "2月"},
        ],
        "optional": [{"kind": "rate", "value": 91.0, "metric": "复工率", "text": "占…的91%"}],
    },
    "h02": {"doc": "h02", "published": None, "subject_parks": ["海东工业园区"], "parks": ["海东工业园区"], "facts": []},
}


def predicted(kind, value, text, **fields):
    return {"kind": kind, "value": value, "text": text, "start": 0, "end": len(text), **fields}


RECORDS = [
    {
        "doc_id": "h01",
        "facts": [
            predicted("park", "岳麓高新技术产业开发区", "岳麓高新技术产业开发区", metric="subject"),
            predicted("park", "宁波石化经济技术开发区", "宁波石化经济技术开发区", metric="subject"),
            predicted("investment", 164000000000, "总投资约1640亿元", unit="CNY", park="岳麓高新区"),
            predicted("investment", 5000000, "500万元", unit="CNY"),
            predicted("rate", 99.0, "复工率99%", metric="复产率", park="湖南某园区"),
            predicted("rate", 91.0, "91%", metric="复工率"),
            predicted("date", "XXXX-03-08", "3月8日"),
            predicted("date", "2020", "今年"),
        ],
    }
]


def test_scores_follow_the_scoring_section():
    scores = score(GOLD, RECORDS)
    counts = {kind: (c.tp, c.fp, c.fn) for kind, c in scores.kinds.items()}
    assert counts == {
        "park": (2, 0, 1),  # 海东工业园区 of the unpredicted document is missed
        "subject_park": (1, 1, 1),  # 宁波石化区 is a park but not a subject
        "investment": (1, 1, 0),
        "project_count": (0, 0, 1),
        "rate": (1, 0, 0),  # 91% is optional: neither right nor wrong
        "date": (1, 0, 1),  # 今年 has no numeral: ignored
    }
    assert (scores.attribution.ok, scores.attribution.total) == (1, 2)
    assert (scores.rate_metric.ok, scores.rate_metric.total) == (0, 1)
    assert scores.date_year_misses == 1
    assert scores.missing_docs == ["h02"]
    h01 = scores.documents[0]
    assert [(m.kind, m.text) for m in h01.misses] == [("project_count", "62个签约项目"), ("date", "2月")]
    assert [(h.kind, h.text, h.start, h.end) for h in h01.false_hits] == [
        ("subject_park", "宁波石化经济技术开发区", 0, 11),
        ("investment", "500万元", 0, 5),
    ]


def test_a_date_without_year_takes_a_gold_date_nothing_else_claims():
    gold = {
        "d": {
            "subject_parks": [],
            "parks": [],
            "facts": [
                {"kind": "date", "value": "2020-03-08", "text": "2020年3月8日"},
                {"kind": "date", "value": "2019-03-08", "text": "2019年3月8日"},
            ],
        }
    }
    facts = [predicted("date", "XXXX-03-08", "3月8日"), predicted("date", "2020-03-08", "2020年3月8日")]
    scores = score(gold, [{"doc_id": "d", "facts": facts}])
    counts = scores.kinds["date"]
    assert (counts.tp, counts.fp, counts.fn, scores.date_year_misses) == (2, 0, 0, 1)


def test_park_names_fold_official_suffixes_and_city_prefixes():
    assert same_park("长沙岳麓高新区", "岳麓高新技术产业开发区")
    assert same_park("合肥经济技术开发区", "合肥经开区")
    assert same_park("蘇州工業園區", "苏州工业园")
    assert not same_park("合肥高新区", "合肥经开区")
    assert not same_park("", "")


def test_output_json_and_table():
    scores = score(GOLD, RECORDS)
    data = json.loads(scores_to_json(scores))
    assert data["kinds"]["rate"] == {"tp": 1, "fp": 0, "fn": 0, "p": 1.0, "r": 1.0, "f1": 1.0}
    assert data["missing_doc_ids"] == ["h02"]
    assert "总投资约1640亿元" not in scores_to_json(scores)  # matched facts are not listed
    assert "62个签约项目" in scores_to_json(scores)  # Chinese unescaped
    console = Console(record=True, width=120)
    render_scores(scores, console, per_doc=True)
    text = console.export_text()
    assert f"macro F1 (subject parks + 4 fact kinds) {scores.macro_f1:.3f}" in text
    assert "miss" in text and "62个签约项目" in text and "false hit" in text and "@0-5" in text


def test_load_gold_names_unusable_input(tmp_path):
    with pytest.raises(ValueError, match="not a folder"):
        load_gold(tmp_path / "absent")
    with pytest.raises(ValueError, match="no \\*.json"):
        load_gold(tmp_path)
    (tmp_path / "bad.json").write_text("{")
    with pytest.raises(ValueError, match="bad.json"):
        load_gold(tmp_path)


def perturbed(gold: dict[str, dict]) -> list[dict]:
    """Predictions from gold with every kind of error the scorer distinguishes, chosen deterministically."""
    records = []
    for n, (doc_id, annotation) in enumerate(gold.items()):
        if n % 7 == 3:
            continue  # a missing document
        facts = []
        for m, name in enumerate(annotation.get("parks", [])):
            metric = "subject" if name in annotation.get("subject_parks", []) or m % 3 == 2 else "mention"
            facts.append(predicted("park", name if m % 4 else f"市{name}", name, metric=metric))
        facts.append(predicted("park", "某某高新区", "某某高新区", metric="subject"))
        for m, gold_fact in enumerate(annotation.get("facts", []) + annotation.get("optional", [])):
            fact = predicted(
                gold_fact["kind"],
                gold_fact["value"],
                gold_fact.get("text"),
                park=gold_fact.get("park") if m % 3 else "别的园区",
                metric=gold_fact.get("metric"),
            )
            if gold_fact["kind"] == "investment":
                fact["unit"] = gold_fact.get("currency") if m % 5 else None
            if m % 6 == 1:
                continue  # a miss
            if m % 6 == 2 and gold_fact["kind"] != "date":
                fact["value"] = float(gold_fact["value"]) + 1  # a false hit and a miss
            if gold_fact["kind"] == "date" and m % 4 == 0 and unambiguous(annotation, gold_fact["value"]):
                fact["value"] = "XXXX" + str(gold_fact["value"])[4:]  # a year-resolution match
            if gold_fact["kind"] == "rate" and m % 2:
                fact["metric"] = "开工率"
            facts.append(fact)
        facts.append(predicted("date", "2021", "今年"))
        facts.append(predicted("date", "1999-01-01", "1999年1月1日"))
        facts.append(predicted("rate", "n/a", "复工率过半", metric="复工率"))
        records.append({"doc_id": doc_id, "path": f"docs/{doc_id}.txt", "facts": facts})
    return records


def unambiguous(annotation: dict, date: str) -> bool:
    """Whether an unknown year in place of this date's year matches one gold date only: where it matches
    several, the reference scorer picks one in set order, so its counts vary with PYTHONHASHSEED."""
    without_year = "XXXX" + date[4:]
    return (
        sum(date_match(without_year, f["value"]) is not None for f in annotation["facts"] if f["kind"] == "date") == 1
    )


def reference_scores(gold_dir: Path, records: list[dict], tmp_path: Path) -> dict:
    predictions = tmp_path / "predictions.json"
    predictions.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(REFERENCE), str(gold_dir), str(predictions), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)


@pytest.mark.parametrize("gold_dir", ["seeds-gold", "dev-corpus/gold"])
def test_same_numbers_as_the_reference_scorer(gold_dir, tmp_path):
    if not REFERENCE.exists() or not (SHARED / gold_dir).is_dir():
        pytest.skip(f"../shared absent: no {REFERENCE} or {SHARED / gold_dir}")
    gold = load_gold(SHARED / gold_dir)
    exact = [
        {
            "doc_id": doc_id,
            "facts": [
                predicted(
                    f["kind"], f["value"], f["text"], unit=f.get("currency"), park=f.get("park"), metric=f.get("metric")
                )
                for f in annotation["facts"]
            ],
        }
        for doc_id, annotation in gold.items()
    ]
    for records in (perturbed(gold), exact, []):
        ours = json.loads(scores_to_json(score(gold, records)))
        assert {key: ours[key] for key in SUMMARY_KEYS} == reference_scores(SHARED / gold_dir, records, tmp_path)


def test_eval_command_extracts_and_scores_the_seeds():
    if not (REPO / "tests" / "gold").is_dir():
        pytest.skip("tests/gold absent")
    app = typer.Typer()
    app.command("eval")(eval_command)
    app.command("other")(lambda: None)  # with two commands, "eval" is a subcommand as in the real CLI
    runner = CliRunner()
    gold, seeds = str(REPO / "tests" / "gold"), str(REPO / "seeds")
    result = runner.invoke(app, ["eval", gold, seeds, "--format", "json"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["missing_docs"] == 0 and 0 <= data["macro_f1"] <= 1
    table = runner.invoke(app, ["eval", gold, seeds, "--per-doc"])
    assert table.exit_code == 0 and "macro F1" in table.stdout
    assert runner.invoke(app, ["eval", gold, seeds, "--fail-under", "1.01"]).exit_code == 1
    unusable = runner.invoke(app, ["eval", str(REPO / "no-such-gold"), seeds])
    assert unusable.exit_code == 2 and "no-such-gold" in unusable.stderr
