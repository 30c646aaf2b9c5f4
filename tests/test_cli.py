"""The command line through its real entry point: formats, streams, errors and exit codes."""

import csv
import gc
import io
import json
import os
import shutil
import subprocess
import sys

import pytest

from conftest import REPO

CSV_HEADER = "doc_id,kind,value,unit,qualifier,metric,park,date,text,start,end,rule"
ARTICLE = "苏州工业园区一季度新签约项目30个,总投资约50亿元,复工率达到95%。\n"


def extract(*args, stdin: bytes | None = None, cwd=REPO) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200"}
    return subprocess.run([sys.executable, "-m", "extract", *args], input=stdin, capture_output=True, cwd=cwd, env=env)


def test_bare_form_writes_csv_rows_for_every_kind_of_every_seed():
    result = extract("seeds/", "--format", "csv")
    assert result.returncode == 0, result.stderr.decode()
    # Not a terminal: no progress bar and no summary; warnings (the garbled run of seed 003) only.
    assert all(line.startswith("warning: seeds/003") for line in result.stderr.decode().splitlines())
    rows = list(csv.DictReader(io.StringIO(result.stdout.decode("utf-8"))))
    assert result.stdout.decode().splitlines()[0] == CSV_HEADER
    kinds = {(row["doc_id"][:3], row["kind"]) for row in rows}
    for seed in ("000", "001", "002", "003", "004"):
        assert (seed, "park") in kinds and (seed, "date") in kinds
    assert {kind for _, kind in kinds} == {"park", "date", "project_count", "investment", "rate"}


def test_json_and_jsonl_carry_the_same_records():
    as_json = json.loads(extract("seeds/", "--format", "json").stdout)
    lines = extract("seeds/", "--format", "jsonl").stdout.decode().splitlines()
    assert [json.loads(line) for line in lines] == as_json
    assert [d["doc_id"] for d in as_json] == sorted(d["doc_id"] for d in as_json)


def test_output_is_byte_identical_across_runs():
    assert extract("seeds/", "--format", "json").stdout == extract("seeds/", "--format", "json").stdout


def test_chinese_is_written_unescaped():
    out = extract("seeds/000_2cf25d3773507f4e.txt").stdout.decode()
    assert "合肥高新区" in out and "\\u" not in out


def test_stdin_is_the_document_stdin():
    result = extract("-", "--format", "jsonl", stdin=ARTICLE.encode("gb18030"))
    record = json.loads(result.stdout)
    assert record["doc_id"] == "stdin"
    assert {f["kind"] for f in record["facts"]} >= {"park", "project_count", "investment", "rate", "date"}


def test_output_file_and_bom(tmp_path):
    target = tmp_path / "facts.csv"
    result = extract("seeds/002_a8437023c82e073a.txt", "--format", "csv", "--bom", "-o", str(target))
    assert result.returncode == 0 and result.stdout == b""
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf" + CSV_HEADER.encode())


def test_a_document_without_facts_appears_in_json_not_in_csv(tmp_path):
    (tmp_path / "empty.txt").write_text("今天天气很好。\n", encoding="utf-8")
    assert json.loads(extract(str(tmp_path), "--format", "json").stdout)[0]["facts"] == []
    assert extract(str(tmp_path), "--format", "csv").stdout.decode().strip() == CSV_HEADER


def test_a_missing_path_is_a_usage_error():
    result = extract("no/such/folder")
    assert result.returncode == 2
    assert b"no/such/folder" in result.stderr and result.stdout == b""


def test_an_unknown_format_is_a_usage_error():
    assert extract("seeds/", "--format", "xml").returncode == 2


def test_an_unknown_encoding_is_one_usage_error_before_any_file(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.txt").write_text(ARTICLE, encoding="utf-8")
    result = extract(str(tmp_path), "--encoding", "no-such-codec", "--format", "jsonl")
    assert result.returncode == 2 and result.stdout == b""
    err = result.stderr.decode()
    assert err.count("no-such-codec") == 1 and "a.txt" not in err and "Traceback" not in err


def test_one_bad_file_among_good_ones_exit_1_and_the_rest_written(tmp_path):
    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "bad.txt").symlink_to(tmp_path / "gone.txt")  # a dangling link: listed, unreadable
    result = extract(str(tmp_path), "--format", "jsonl")
    assert result.returncode == 1, result.stderr
    assert b"bad.txt: cannot read" in result.stderr
    records = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [r["doc_id"] for r in records] == ["bad", "good"]
    assert "cannot read" in records[0]["error"] and records[0]["facts"] == [] and "error" not in records[1]


def test_broken_rules_exit_3_naming_file_and_rule(tmp_path):
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "rate.toml").write_text(
        'kind = "rate"\ndescription = "x"\n[[rules]]\nid = "rate.broken"\ndescription = "x"\n'
        'pattern = "(unclosed"\nresolver = "percent"\ncounterexamples = ["a"]\n'
        '[[rules.examples]]\ntext = "复工率9%"\nexpect = [{ text = "复工率9%" }]\n',
        encoding="utf-8",
    )
    (rules / "date.toml").write_text('kind = "date"\n[[rules]]\nid = "date.x"\n', encoding="utf-8")
    result = extract("seeds/", "--rules", str(rules))
    assert result.returncode == 3
    err = result.stderr.decode()
    assert "rate.toml: rule rate.broken: pattern does not compile" in err
    assert "date.toml" in err  # every problem is reported, not just the first
    assert result.stdout == b""


def test_start_up_is_frozen_out_of_the_collector_which_is_on_again_after_the_rules_load_or_fail(tmp_path):
    import typer

    from extract.options import YOUNG_GENERATION, Extraction

    gc.unfreeze()
    thresholds = gc.get_threshold()
    try:
        Extraction(None, None)
        assert gc.isenabled() and gc.get_freeze_count() > 0
        assert gc.get_threshold() == (YOUNG_GENERATION, *thresholds[1:])
    finally:
        gc.set_threshold(*thresholds)
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "date.toml").write_text('kind = "date"\n[[rules]]\nid = "date.x"\n', encoding="utf-8")
    with pytest.raises(typer.Exit):
        Extraction(rules, None)
    assert gc.isenabled()


def test_rules_command_lists_rule_ids():
    out = extract("rules").stdout.decode()
    assert "park.zone\tpark\t" in out and "rate.word-then-percent" in out


def test_schema_is_generated_from_the_models():
    schema = json.loads(extract("schema").stdout)
    assert set(schema["properties"]) >= {
        "doc_id",
        "path",
        "title",
        "published",
        "source",
        "script",
        "facts",
        "warnings",
    }


def test_help_shows_examples_and_version_prints():
    assert "extract seeds/ --format csv" in extract("--help").stdout.decode()
    assert extract("--version").stdout.decode().startswith("extract ")


def test_table_format_is_for_people():
    out = extract("seeds/002_a8437023c82e073a.txt", "--format", "table").stdout.decode()
    assert "复工率" in out and "岳麓高新区" in out


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv"])
def test_installed_command_runs_from_any_directory(tmp_path, fmt):
    """The default rules ship inside the package: the command works outside the checkout."""
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    result = extract("a.txt", "--format", fmt, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "苏州工业园区" in result.stdout.decode()


def on_a_terminal(*args: str) -> tuple[subprocess.CompletedProcess, bytes]:
    """Run with stderr on a terminal; return the result (stdout piped) and what the terminal showed."""
    import pty

    master, slave = pty.openpty()
    env = {**os.environ, "COLUMNS": "100", "TERM": "xterm"}
    env.pop("NO_COLOR", None)
    result = subprocess.run(
        [sys.executable, "-m", "extract", *args], cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=slave
    )
    os.close(slave)
    terminal = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        terminal += chunk
    os.close(master)
    return result, terminal


def test_progress_on_a_terminal_never_reaches_the_data():
    """With stderr on a terminal the progress bar and summary appear there; stdout stays pure data."""
    result, terminal = on_a_terminal("seeds/", "--format", "csv")
    assert result.returncode == 0
    assert result.stdout == extract("seeds/", "--format", "csv").stdout
    assert b"5 document(s) read, 0 failed" in terminal and b"fact(s)" in terminal
    assert b"/5" in terminal  # the bar knows its total


def test_quiet_silences_warnings_and_the_summary():
    result, terminal = on_a_terminal("seeds/", "--format", "csv", "-q")
    assert result.returncode == 0 and b"warning" not in terminal and b"document(s)" not in terminal


def test_warnings_are_one_line_per_document_and_capped(tmp_path):
    garbled = "苏州工业园区?!懊刻於加?000余人。\n" * 30
    for name in ("a", "b", "c"):
        (tmp_path / f"{name}.txt").write_text(garbled, encoding="utf-8")
    err = extract(str(tmp_path), "-f", "csv").stderr.decode().splitlines()
    assert len(err) == 3 and all("more in its record" in line for line in err)
    capped = extract(str(tmp_path), "-f", "csv", "--max-warnings", "1").stderr.decode().splitlines()
    assert len(capped) == 2 and "2 more document(s) with warnings" in capped[1]


def test_bom_with_json_is_refused():
    for fmt in ("json", "jsonl"):
        result = extract("seeds/", "-f", fmt, "--bom")
        assert result.returncode == 2 and result.stdout == b"" and b"--bom" in result.stderr


def test_a_table_to_a_pipe_is_not_cut_to_80_columns():
    env_without_columns = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    out = subprocess.run(
        [sys.executable, "-m", "extract", "seeds/002_a8437023c82e073a.txt", "-f", "table"],
        cwd=REPO,
        capture_output=True,
        env={**env_without_columns, "NO_COLOR": "1"},
    ).stdout.decode()
    assert max(len(line) for line in out.splitlines()) > 80 and "…" not in out


def test_h_is_help_and_every_command_has_examples_and_plain_metavars():
    assert extract("-h").stdout == extract("--help").stdout
    for command in ("run", "schema", "rules", "diff", "eval", "report"):
        text = extract(command, "-h").stdout.decode()
        assert "Examples:" in text, command
        assert "<list" not in text and "{" not in text and "<str>" not in text, text
    assert "PATH..." in extract("run", "--help").stdout.decode()
    assert "OLD NEW" in extract("diff", "--help").stdout.decode()


def test_the_tool_commands_load_only_when_named_or_listed():
    listing = extract("--help").stdout.decode().split("Commands:")[1].split("Examples:")[0]
    assert [line.split()[0] for line in listing.strip().splitlines()] == ["run", "schema", "rules", "diff", "eval", "report"]
    loaded = "import sys; from extract.cli import main\ntry: main()\nexcept SystemExit: print(*sorted(sys.modules))"
    tools = {"extract.diff", "extract.evaluate", "extract.report"}
    for args, imported in ((["seeds/", "-f", "jsonl"], set()), (["diff", "-h"], {"extract.diff"})):
        ran = subprocess.run(
            [sys.executable, "-c", f"import sys; sys.argv = ['extract', *{args!r}]\n{loaded}"], capture_output=True, cwd=REPO
        )
        assert tools & set(ran.stdout.decode().split()) == imported, args


def test_a_run_off_a_terminal_writes_its_warnings_without_loading_rich():
    # rich draws progress bars on a terminal; elsewhere its import would take about 25 ms of every start
    loaded = "import sys; from extract.cli import main\ntry: main()\nexcept SystemExit: print(*sorted(sys.modules))"
    args = ["seeds/", "-f", "jsonl", "-o", os.devnull]
    ran = subprocess.run(
        [sys.executable, "-c", f"import sys; sys.argv = ['extract', *{args!r}]\n{loaded}"], capture_output=True, cwd=REPO
    )
    assert b"warning: " in ran.stderr and b"garbled text skipped" in ran.stderr
    assert "rich" not in {name.partition(".")[0] for name in ran.stdout.decode().split()}


def test_eval_with_no_document_in_common_is_an_error(tmp_path):
    (tmp_path / "other.txt").write_text(ARTICLE, encoding="utf-8")
    result = extract("eval", "tests/gold", str(tmp_path / "other.txt"))
    assert result.returncode == 2 and b"no document in common" in result.stderr


def test_make_run_prints_a_clean_csv():
    if shutil.which("make") is None or not (REPO / ".venv" / ".installed").exists():
        pytest.skip("make or the set-up .venv is absent")
    result = subprocess.run(["make", "--no-print-directory", "run"], cwd=REPO, capture_output=True)
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout.decode().splitlines()[0] == CSV_HEADER


def test_wheel_ships_the_default_rules(tmp_path):
    """`pip install .` (not only editable) must carry rules/ inside the package."""
    import zipfile

    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(REPO)], capture_output=True
    )
    assert built.returncode == 0, built.stderr.decode()
    wheel = next(tmp_path.glob("extract-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    for kind in ("park", "date", "investment", "project_count", "rate", "fragments"):
        assert f"extract/default_rules/{kind}.toml" in names


def test_html_pages_give_facts_with_offsets_into_the_decoded_page(tmp_path):
    page = (
        "<html><head><title>x</title><script>var a='总投资9亿元';</script></head><body>"
        "<h1>苏州工业园区招商</h1><p>一季度新签约项目<b>30</b>个,总投资约50亿元。</p></body></html>"
    )
    (tmp_path / "page.html").write_bytes(page.encode("gb18030"))
    record = json.loads(extract(str(tmp_path / "page.html"), "--format", "jsonl").stdout)
    assert record["facts"], record
    for fact in record["facts"]:
        assert page[fact["start"] : fact["end"]] == fact["text"]
    assert 900000000 not in [f["value"] for f in record["facts"]]  # nothing from the script
    assert 5000000000 in [f["value"] for f in record["facts"]]
    assert 30 in [f["value"] for f in record["facts"] if f["kind"] == "project_count"]  # 项目<b>30</b>个


def test_profile_prints_seconds_per_stage_on_stderr_and_leaves_the_data_alone():
    plain, profiled = extract("seeds/", "-f", "jsonl", "-q"), extract("seeds/", "-f", "jsonl", "-q", "--profile")
    assert profiled.stdout == plain.stdout
    stages = [line.split()[0] for line in profiled.stderr.decode().splitlines()]
    assert stages == [
        "read",
        "normalize",
        "segment",
        "match",
        "heads",
        "attribute",
        "facts",
        "verify",
        "record",
        "write",
        "total",
    ]


def test_the_csv_columns_are_the_contract_fact_fields():
    from extract.models import Fact
    from extract.write import CSV_COLUMNS

    assert CSV_COLUMNS == ["doc_id", *Fact.model_fields]
