"""Never lose a byte, through the real entry point: the -o file is written atomically or not at all,
and every input found is accounted for in the output, on stderr and in the exit code."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import REPO
from test_cli import ARTICLE, extract

GOOD_JSON = '[{"doc_id": "old"}]\n'


def jsonl(result: subprocess.CompletedProcess) -> list[dict]:
    return [json.loads(line) for line in result.stdout.decode().splitlines()]


# ---- output is never lost or half-written


def test_o_keeps_the_previous_file_whole_until_the_run_has_finished_and_on_interrupt(tmp_path):
    target = tmp_path / "facts.json"
    target.write_text(GOOD_JSON, encoding="utf-8")
    # The seeds are extracted first, then the run waits on standard input: a run caught halfway.
    process = subprocess.Popen(
        [sys.executable, "-m", "extract", "seeds/", "-", "-o", str(target)],
        cwd=REPO,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while not list(tmp_path.glob(".facts.json.*.tmp")) and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(1)
    assert target.read_text(encoding="utf-8") == GOOD_JSON
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130, err
    assert target.read_text(encoding="utf-8") == GOOD_JSON
    assert [p.name for p in tmp_path.iterdir()] == ["facts.json"]  # no temporary file left behind


def test_o_replaces_the_file_whole_keeping_its_mode(tmp_path):
    target = tmp_path / "facts.json"
    target.write_text(GOOD_JSON, encoding="utf-8")
    target.chmod(0o640)
    result = extract("seeds/", "-o", str(target))
    assert result.returncode == 0, result.stderr
    assert len(json.loads(target.read_text(encoding="utf-8"))) == 5
    assert target.stat().st_mode & 0o777 == 0o640


def test_o_naming_an_input_is_refused_before_anything_is_read(tmp_path):
    article = tmp_path / "v.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    result = extract(str(article), "-f", "csv", "-o", str(article))
    assert result.returncode == 2 and b"v.txt" in result.stderr
    assert article.read_text(encoding="utf-8") == ARTICLE


def test_an_o_file_inside_an_input_folder_is_not_read_back(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    target = tmp_path / "facts.txt"
    for _ in range(2):
        assert extract(str(tmp_path), "-f", "jsonl", "-o", str(target)).returncode == 0
    assert [json.loads(line)["doc_id"] for line in target.read_text(encoding="utf-8").splitlines()] == ["a"]


def test_report_o_inside_the_input_folder_is_not_read_back(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    page = tmp_path / "report.html"
    for _ in range(2):
        result = extract("report", str(tmp_path), "-o", str(page))
        assert result.returncode == 0, result.stderr
    assert b"1 documents" in result.stderr


@pytest.mark.parametrize("command", [[], ["report"]])
def test_an_unwritable_o_is_one_line_naming_it_and_exit_4(tmp_path, command):
    target = tmp_path / "no" / "such" / "folder" / "facts.json"
    result = extract(*command, "seeds/", "-o", str(target))
    assert result.returncode == 4, result.stderr
    lines = result.stderr.decode().splitlines()
    assert len(lines) == 1 and str(target) in lines[0] and "Traceback" not in lines[0]


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full to stand for a full disk")
def test_a_full_disk_is_one_line_and_exit_4():
    result = extract("seeds/", "-o", "/dev/full")
    assert result.returncode == 4
    lines = result.stderr.decode().splitlines()
    assert len(lines) == 1 and "/dev/full" in lines[0] and "space" in lines[0].lower()


def test_a_reader_that_goes_away_is_not_an_error():
    """`extract seeds/ | head -c1`: exit 0 and nothing on stderr, as jq and rg do."""
    process = subprocess.Popen(
        # -q: seed 003's warning is printed if the run gets there before the reader leaves (a race).
        [sys.executable, "-m", "extract", "seeds/", "seeds/", "-f", "jsonl", "-q"],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout.read(1) == b"{"
    process.stdout.close()
    err = process.stderr.read()
    assert process.wait(timeout=60) == 0, err
    assert err == b""


# ---- every input is accounted for


def test_every_failed_document_is_a_record_in_input_order_and_the_batch_goes_on(tmp_path):
    (tmp_path / "a_good.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b_gone.txt").symlink_to(tmp_path / "nowhere.txt")
    # 4,300 digits of 亿元 are too many for Python to print: it raised ValueError while writing.
    (tmp_path / "c_huge.txt").write_text("苏州工业园区总投资" + "9" * 4300 + "亿元。", encoding="utf-8")
    (tmp_path / "d_good.txt").write_text(ARTICLE, encoding="utf-8")
    for fmt in ("json", "jsonl"):
        result = extract(str(tmp_path), "-f", fmt)
        assert result.returncode == 1, result.stderr
        records = json.loads(result.stdout) if fmt == "json" else jsonl(result)
        assert [r["doc_id"] for r in records] == ["a_good", "b_gone", "c_huge", "d_good"]
        for failed in records[1:3]:
            assert failed["error"] and "\n" not in failed["error"]
            assert failed["facts"] == [] and failed["warnings"] == [] and failed["path"]
            assert failed["title"] is None and failed["script"] is None
        assert "error" not in records[0] and records[0]["facts"] and records[3]["facts"]
        err = result.stderr.decode()
        assert "b_gone.txt: cannot read" in err and "c_huge.txt" in err and "Traceback" not in err


def test_a_number_too_long_to_parse_fails_its_document_only(tmp_path):
    (tmp_path / "a.txt").write_text("苏州工业园区签约项目" + "1" * 5000 + "个。", encoding="utf-8")
    (tmp_path / "b.txt").write_text(ARTICLE, encoding="utf-8")
    result = extract(str(tmp_path), "-f", "json")
    records = json.loads(result.stdout)
    assert [r["doc_id"] for r in records] == ["a", "b"] and records[1]["facts"]
    assert result.returncode in (0, 1) and b"Traceback" not in result.stderr


def test_csv_has_no_rows_for_a_failed_document(tmp_path):
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    result = extract(str(tmp_path), "-f", "csv")
    assert result.returncode == 1 and len(result.stdout.decode().splitlines()) == 1


def test_the_schema_has_the_error_field():
    schema = json.loads(extract("schema").stdout)
    assert "error" in schema["properties"] and schema["properties"]["script"]["anyOf"][-1] == {"type": "null"}


# Root lists any folder whatever its permissions: as root, the entry point runs with os.scandir
# failing on the locked folder as it fails for a user without read permission.
SCANDIR_DENIED = """
import errno, os, sys
real_scandir = os.scandir
def scandir(path="."):
    if os.path.basename(os.fspath(path)) == "locked":
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.fspath(path))
    return real_scandir(path)
os.scandir = scandir
from extract.cli import main
sys.argv[0] = "extract"
main()
"""


def test_a_folder_that_cannot_be_listed_is_reported_and_fails_the_run(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "b.txt").write_text(ARTICLE, encoding="utf-8")
    locked.chmod(0o000)
    entry = ["-c", SCANDIR_DENIED] if os.geteuid() == 0 else ["-m", "extract"]
    try:
        result = subprocess.run([sys.executable, *entry, str(tmp_path), "-f", "jsonl"], capture_output=True, cwd=REPO)
    finally:
        locked.chmod(0o755)
    assert result.returncode == 1, result.stderr
    assert f"{locked.as_posix()}: cannot list folder: Permission denied" in result.stderr.decode()
    assert [r["doc_id"] for r in jsonl(result)] == ["a"]


def test_linked_folders_are_skipped_unless_followed_and_loops_are_guarded(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "b.txt").write_text(ARTICLE, encoding="utf-8")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (corpus / "linked").symlink_to(outside)
    (corpus / "loop").symlink_to(corpus)
    assert [r["doc_id"] for r in jsonl(extract(str(corpus), "-f", "jsonl"))] == ["a"]
    followed = extract(str(corpus), "--follow", "-f", "jsonl")
    assert followed.returncode == 0, followed.stderr
    assert [r["doc_id"] for r in jsonl(followed)] == ["a", "linked/b"]
    assert b"loop" in followed.stderr
    assert "symbolic links" in extract("run", "--help").stdout.decode()


def test_shtml_and_xhtml_pages_are_inputs_and_an_empty_folder_says_so(tmp_path):
    page = "<html><body><p>苏州工业园区一季度新签约项目30个。</p></body></html>"
    (tmp_path / "a.shtml").write_text(page, encoding="utf-8")
    (tmp_path / "b.xhtml").write_text(page, encoding="utf-8")
    records = jsonl(extract(str(tmp_path), "-f", "jsonl"))
    assert [r["doc_id"] for r in records] == ["a", "b"] and all(r["facts"] for r in records)
    empty = tmp_path / "empty"
    empty.mkdir()
    result = extract(str(empty), "-f", "jsonl")
    assert result.returncode == 0 and result.stdout == b""
    assert str(empty) in result.stderr.decode() and "no " in result.stderr.decode()


def test_doc_ids_are_unique_in_a_run(tmp_path):
    for month in ("2022-01", "2022-02"):
        (tmp_path / "news" / month).mkdir(parents=True)
        (tmp_path / "news" / month / "index.html").write_text(f"<p>{ARTICLE}</p>", encoding="utf-8")
    (tmp_path / "news" / "top.txt").write_text(ARTICLE, encoding="utf-8")
    records = jsonl(extract("news", "-f", "jsonl", cwd=tmp_path))
    assert [r["doc_id"] for r in records] == ["2022-01/index", "2022-02/index", "top"]
    for side in ("a", "b"):
        (tmp_path / side).mkdir()
        (tmp_path / side / "x.txt").write_text(ARTICLE, encoding="utf-8")
    records = jsonl(extract("a/x.txt", "b/x.txt", "news/top.txt", "-f", "jsonl", cwd=tmp_path))
    assert [r["doc_id"] for r in records] == ["a/x", "b/x", "top"]
    rows = extract("news", "-f", "csv", cwd=tmp_path).stdout.decode().splitlines()[1:]
    assert {row.split(",")[0] for row in rows} == {"2022-01/index", "2022-02/index", "top"}
