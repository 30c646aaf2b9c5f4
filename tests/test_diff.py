"""extract diff: facts paired per document; a changed field is one change; exit 0 same, 1 differs, 2 unusable."""

import copy
import json

import pytest
import typer
from rich.console import Console
from typer.testing import CliRunner

from extract.diff import diff_command, diff_records, diff_to_json, load_records, render_diff_text

SOURCE = "截至3月8日,无锡高新区复工率达99%,签约项目62个,总投资约1640亿元。"


def fact(kind, value, text, start, rule=None, **fields):
    return {
        "kind": kind,
        "value": value,
        "unit": None,
        "qualifier": "exact",
        "metric": None,
        "park": "无锡高新区",
        "date": None,
        "text": text,
        "start": start,
        "end": start + len(text),
        "rule": rule or f"{kind}.x",
        **fields,
    }


def records():
    facts = [
        fact("date", "2020-03-08", "截至3月8日", 0),
        fact("park", "无锡高新区", "无锡高新区", 7, metric="subject"),
        fact("rate", 99.0, "复工率达99%", 12, unit="%", metric="复工率"),
        fact("project_count", 62, "签约项目62个", 21, metric="签约"),
        fact("investment", 164000000000, "总投资约1640亿元", 30, unit="CNY", qualifier="approx", metric="总投资"),
    ]
    return [
        {"doc_id": "wuxi", "path": "seeds/wuxi.txt", "title": "无锡", "facts": facts, "warnings": []},
        {"doc_id": "other", "path": "seeds/other.txt", "title": None, "facts": [], "warnings": []},
    ]


def render(report) -> str:
    console = Console(record=True, width=200)
    render_diff_text(report, console)
    return console.export_text()


def test_identical_outputs_have_no_differences():
    report = diff_records(records(), records())
    assert not report.has_changes and report.documents == []
    assert "No differences in 2 documents." in render(report)
    assert json.loads(diff_to_json(report))["has_changes"] is False


def test_a_changed_field_at_the_same_place_is_one_change():
    new = records()
    new[0]["facts"][2]["value"] = 99.5
    new[0]["facts"][3]["qualifier"] = "more_than"
    new[0]["facts"][4]["rule"] = "investment.total"
    report = diff_records(records(), new)
    [doc] = report.documents
    assert (doc.added, doc.removed) == ([], [])
    assert [(c.new["kind"], c.fields) for c in doc.changed] == [
        ("rate", ["value"]),
        ("project_count", ["qualifier"]),
        ("investment", ["rule"]),
    ]
    assert report.summary(lambda f: f["rule"])["investment.x"] == {"added": 0, "removed": 0, "changed": 1}
    assert report.summary(lambda f: f["rule"])["investment.total"] == {"added": 0, "removed": 0, "changed": 1}
    text = render(report)
    assert "value: 99.0 → 99.5" in text and "qualifier: 'exact' → 'more_than'" in text


def test_a_fact_whose_span_grew_or_moved_pairs_with_its_old_self():
    new = records()
    investment = new[0]["facts"][4]
    investment.update(text="约1640亿元", start=investment["start"] + 3)  # span shrank: overlaps, same value
    date = new[0]["facts"][0]
    date.update(start=date["end"] + 1, end=date["end"] + 7)  # moved just past its old span: no overlap
    [doc] = diff_records(records(), new).documents
    assert (doc.added, doc.removed) == ([], [])
    assert sorted(tuple(c.fields) for c in doc.changed) == [("start", "end"), ("text", "start")]


def test_added_removed_and_one_sided_documents():
    old, new = records(), records()
    removed = new[0]["facts"].pop(1)
    added = fact("rate", 85.6, "返岗率85.6%", 60, unit="%", metric="返岗率")
    new[0]["facts"].append(added)
    new[1]["doc_id"] = "newcomer"
    report = diff_records(old, new)
    by_id = {doc.doc_id: doc for doc in report.documents}
    assert (by_id["wuxi"].added, by_id["wuxi"].removed, by_id["wuxi"].changed) == ([added], [removed], [])
    assert (by_id["other"].status, by_id["newcomer"].status) == ("removed", "added")
    assert report.summary(lambda f: f["kind"]) == {
        "park": {"added": 0, "removed": 1, "changed": 0},
        "rate": {"added": 1, "removed": 0, "changed": 0},
    }
    data = json.loads(diff_to_json(report))
    assert [d["doc_id"] for d in data["documents"]] == ["newcomer", "other", "wuxi"]
    assert data["summary"]["by_rule"]["park.x"]["removed"] == 1
    assert "返岗率85.6%" in diff_to_json(report)  # Chinese unescaped
    assert diff_to_json(report) == diff_to_json(diff_records(old, new))
    text = render(report)
    assert "+ rate" in text and "- park" in text and "返岗率85.6%" in text


def test_document_fields_are_compared_too():
    new = records()
    new[0]["warnings"] = ["garbled text skipped at 3-5"]
    [doc] = diff_records(records(), new).documents
    assert doc.fields == {"warnings": ([], ["garbled text skipped at 3-5"])}


def test_load_records_detects_json_json_lines_and_folders(tmp_path):
    data = records()
    (tmp_path / "array.json").write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    (tmp_path / "lines.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in data))
    folder = tmp_path / "golden"
    folder.mkdir()
    for record in data:
        (folder / f"{record['doc_id']}.json").write_text(json.dumps(record, indent=2), encoding="utf-8")
    assert load_records(tmp_path / "array.json") == data
    assert load_records(tmp_path / "lines.jsonl") == data
    assert load_records(folder) == sorted(data, key=lambda r: r["doc_id"])
    (tmp_path / "empty.jsonl").write_text("")
    assert load_records(tmp_path / "empty.jsonl") == []


@pytest.mark.parametrize(
    "content, problem",
    [
        ('{"doc_id": "a", "facts": []}\nnot json\n', "line 2 is neither JSON nor JSON Lines"),
        ('[{"doc_id": "a"}]', "record 1 is not a document record: no facts list"),
        ('[{"doc_id": "a", "facts": [{"kind": "rate"}]}]', "integer start/end"),
        ("[1]", "not a JSON object"),
    ],
)
def test_load_records_names_the_file_and_the_problem(tmp_path, content, problem):
    path = tmp_path / "bad.json"
    path.write_text(content)
    with pytest.raises(ValueError, match=str(path)) as error:
        load_records(path)
    assert problem in str(error.value)


def test_load_records_rejects_missing_and_undecodable_files(tmp_path):
    with pytest.raises(ValueError, match="missing.json"):
        load_records(tmp_path / "missing.json")
    (tmp_path / "gbk.json").write_bytes("[{}]".encode() + "园区".encode("gbk"))
    with pytest.raises(ValueError, match="gbk.json"):
        load_records(tmp_path / "gbk.json")


@pytest.fixture
def run(tmp_path):
    app = typer.Typer()
    app.command("diff")(diff_command)
    app.command("other")(lambda: None)  # with two commands, "diff" is a subcommand as in the real CLI

    def invoke(old, new, *options):
        paths = []
        for name, data in (("old.json", old), ("new.jsonl", new)):
            path = tmp_path / name
            path.write_text(data if isinstance(data, str) else "\n".join(json.dumps(r) for r in data))
            paths.append(str(path))
        return CliRunner().invoke(app, ["diff", *paths, *options])

    return invoke


def test_command_exit_codes(run):
    assert run(records(), records()).exit_code == 0
    changed = copy.deepcopy(records())
    changed[0]["facts"][2]["metric"] = "复产率"
    result = run(records(), changed, "--format", "json")
    assert result.exit_code == 1
    assert json.loads(result.stdout)["documents"][0]["changed"][0]["fields"] == ["metric"]
    unusable = run("{oops", records())
    assert unusable.exit_code == 2
    assert "old.json" in unusable.stderr and unusable.stdout == ""
    assert run(records(), records(), "--format", "yaml").exit_code == 2
