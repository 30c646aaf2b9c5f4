"""--engine dask on a LocalCluster of two worker processes: the bytes of a local run, parts and a manifest
that add up, URLs through fsspec, and no document lost when a worker dies mid-run."""

import json
import logging
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import fsspec
import pytest
from conftest import REPO, SEEDS
from distributed import Client, LocalCluster
from test_cli import extract, on_a_terminal
from test_cli_files import jsonl

from extract import batch, dask_engine, storage
from extract.batch import process_batch
from extract.dask_engine import ClusterExtraction, partitions
from extract.pipeline import BATCH_DOCUMENTS, run_paths
from extract.read import Input
from extract.ruleset import default_rules_dir

TINY_PARTITION_MB = "0.01"  # a few documents a partition: many partitions, as on a big corpus


@pytest.fixture(scope="module")
def cluster():
    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, silence_logs=logging.ERROR, dashboard_address=":0"
    ) as local:
        yield local


@pytest.fixture(scope="module")
def client(cluster):
    with Client(cluster) as client:
        yield client


def on_cluster(cluster, *args: str) -> subprocess.CompletedProcess:
    return extract(*args, "--engine", "dask", "--scheduler", cluster.scheduler_address)


def read_parts(folder) -> bytes:
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    return b"".join((folder / part["name"]).read_bytes() for part in manifest["parts"])


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_gathered_output_is_the_bytes_of_a_local_run(cluster, corpus, fmt):
    # The corpus by a path relative to a folder the workers are not in: they read it all the same.
    paths = (corpus.name, str(SEEDS), "-f", fmt)
    local = extract(*paths, "-j", "1", cwd=corpus.parent)
    remote = extract(
        *paths,
        "--engine",
        "dask",
        "--scheduler",
        cluster.scheduler_address,
        "--partition-mb",
        TINY_PARTITION_MB,
        cwd=corpus.parent,
    )
    assert local.returncode == remote.returncode == 1  # the failing documents
    assert remote.stdout == local.stdout and len(local.stdout) > 50_000
    assert remote.stderr == local.stderr  # each error and warning line, in input order


def test_output_dir_parts_and_manifest_add_up(cluster, corpus, tmp_path):
    out = tmp_path / "facts"
    result = on_cluster(cluster, str(corpus), "--output-dir", str(out), "--partition-mb", TINY_PARTITION_MB)
    assert result.returncode == 1 and result.stdout == b""
    local = extract(str(corpus), "-f", "jsonl", "-j", "1")
    assert read_parts(out) == local.stdout
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    records = jsonl(local)
    assert manifest["documents"] == manifest["records"] == len(records) == 2 * BATCH_DOCUMENTS + 3  # the corpus
    assert manifest["errors"] == 3 and manifest["facts"] == sum(len(r["facts"]) for r in records)
    assert [f["doc_id"] for f in manifest["failed"]] == ["020_gone", "021_huge", "022_binary"]
    assert [f["error"] for f in manifest["failed"]] == [r["error"] for r in records if "error" in r]
    parts = manifest["parts"]
    assert len(parts) > 3 and [p["name"] for p in parts] == sorted(p.name for p in out.glob("part-*.jsonl"))
    for field in ("documents", "records", "errors", "facts"):
        assert sum(p[field] for p in parts) == manifest[field]
    assert sorted(p.name for p in out.iterdir()) == sorted([p["name"] for p in parts] + ["manifest.json"])
    again = on_cluster(cluster, str(corpus), "--output-dir", str(out))
    assert again.returncode == 2 and b"not empty" in again.stderr  # parts of two runs never mix


def test_a_local_cluster_is_started_without_a_scheduler_and_its_dashboard_shown():
    result = extract(str(SEEDS), "-f", "jsonl", "--engine", "dask", "-j", "2")
    assert result.returncode == 0 and result.stdout == extract(str(SEEDS), "-f", "jsonl", "-j", "1").stdout
    assert b"Dask dashboard: http://" in result.stderr


def test_progress_counts_partitions_and_the_summary_adds_up(cluster):
    address = cluster.scheduler_address
    result, terminal = on_a_terminal(
        str(SEEDS), "-f", "csv", "--engine", "dask", "--scheduler", address, "--partition-mb", TINY_PARTITION_MB
    )
    assert result.returncode == 0 and b"partitions" not in result.stdout
    assert b"partitions" in terminal and b"5/5" in terminal  # one seed a partition
    assert b"5 document(s) in, 5 record(s) out, 0 error(s)" in terminal


def put(files: dict[str, bytes]) -> None:
    fs = fsspec.filesystem("memory")
    for url, data in files.items():
        fs.pipe(url, data)


def test_a_memory_url_source_and_output_dir(client, cluster):
    """memory:// is one store per process: written into each worker's too, it stands for a bucket that
    every process sees. The workers then read the inputs and write the parts there; this process lists
    the folder and writes the manifest."""
    seeds = sorted(SEEDS.glob("*.txt"))
    files = {f"memory://news/{'2022/' if n % 2 else ''}{p.name}": p.read_bytes() for n, p in enumerate(seeds)}
    put(files)
    client.run(put, files)
    extraction = ClusterExtraction(None, None, scheduler=cluster.scheduler_address)
    gathered = [result.record for result in extraction.results(["memory://news"])]
    assert gathered == [result.record for result in run_paths(["memory://news"])]
    assert [r["doc_id"] for r in gathered] == sorted(p.stem for p in seeds[::2]) + [
        f"2022/{p.stem}" for p in seeds[1::2]
    ]
    assert all("error" not in r and r["facts"] and r["path"].startswith("memory://news/") for r in gathered)

    extraction.write_parts(["memory://news"], "memory://out")
    manifest = json.loads(fsspec.filesystem("memory").cat("/out/manifest.json"))
    parts_on_workers = {}
    for found in client.run(
        lambda: {p: fsspec.filesystem("memory").cat(p) for p in fsspec.filesystem("memory").find("/out")}
    ).values():
        parts_on_workers.update(found)
    assert sorted(parts_on_workers) == sorted(f"/out/{p['name']}" for p in manifest["parts"])  # no temporaries
    written = b"".join(parts_on_workers[f"/out/{p['name']}"] for p in manifest["parts"])
    assert [json.loads(line) for line in written.splitlines()] == gathered
    assert manifest["documents"] == manifest["records"] == len(seeds) and manifest["errors"] == 0


def test_a_worker_killed_mid_run_loses_no_document(client, cluster, corpus, tmp_path):
    out = tmp_path / "facts"
    args = (str(corpus), str(SEEDS), "--output-dir", str(out), "--partition-mb", "0.002")  # a document a task
    command = [sys.executable, "-m", "extract", *args, "--engine", "dask", "--scheduler", cluster.scheduler_address]
    run = subprocess.Popen(command, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    pids = client.run(os.getpid)
    busy = []
    deadline = time.monotonic() + 60
    while not busy and run.poll() is None and time.monotonic() < deadline:
        busy = [worker for worker, tasks in client.processing().items() if any("partition" in t for t in tasks)]
        time.sleep(0.01)
    assert busy and run.poll() is None, "the run ended before a worker was seen at work"
    os.kill(pids[busy[0]], signal.SIGKILL)
    _, errors = run.communicate(timeout=120)
    client.wait_for_workers(2, timeout=60)  # the nanny restarts it, for the tests after this one
    assert busy[0] not in client.run(os.getpid)
    assert run.returncode == 1, errors.decode()  # the corpus's three failing documents, and nothing else
    assert read_parts(out) == extract(str(corpus), str(SEEDS), "-f", "jsonl", "-j", "1").stdout
    assert not list(out.glob(".*.tmp"))  # a temporary of the killed attempt is cleared


def use_on_workers(function) -> None:
    dask_engine.process_batch = function


def test_a_partition_that_fails_for_good_is_error_records_in_its_place(client, cluster):
    def failing(inputs, options):
        raise RuntimeError("storage went away")

    client.run(use_on_workers, failing)
    try:
        extraction = ClusterExtraction(None, None, scheduler=cluster.scheduler_address)
        records = [result.record for result in extraction.results([str(SEEDS)])]
    finally:
        client.run(use_on_workers, process_batch)
    assert [r["doc_id"] for r in records] == sorted(p.stem for p in SEEDS.glob("*.txt"))
    assert all("its partition failed on the cluster: RuntimeError: storage went away" in r["error"] for r in records)


def test_the_rules_travel_to_the_workers_once_and_are_compiled_there(client, cluster, tmp_path):
    rules = tmp_path / "my-rules"
    shutil.copytree(default_rules_dir(), rules)

    def compiled_from(dask_worker) -> tuple[str, int]:
        pipeline = batch.pipelines[rules]
        return str(Path(pipeline.rules.rules[0].file).relative_to(dask_worker.local_directory)), id(pipeline)

    expected = [r.record for r in run_paths([str(SEEDS)])]
    runs = []
    for _ in range(2):
        extraction = ClusterExtraction(rules, None, scheduler=cluster.scheduler_address)
        assert [r.record for r in extraction.results([str(SEEDS)])] == expected
        runs.append(client.run(compiled_from))
    assert all(path.startswith("extract-rules-") for path, _ in runs[0].values())  # each worker's own copy
    assert runs[0] == runs[1]  # compiled once: the second run found the first one's pipeline


def test_partitions_keep_input_order_at_about_the_size_asked():
    inputs = [Input(f"{n}.txt", str(n), size) for n, size in enumerate([400, 300, 200, 2000, 100, 100])]
    parts = partitions(inputs, 800)
    assert [[i.doc_id for i in part] for part in parts] == [["0", "1"], ["2"], ["3"], ["4", "5"]]


def test_a_write_stopped_halfway_leaves_nothing_under_the_name(tmp_path):
    target = tmp_path / "part-00000.jsonl"
    target.write_bytes(b"the whole earlier part\n")
    with pytest.raises(KeyboardInterrupt), storage.replaced_atomically(str(target)) as out:
        out.write(b"half a pa")
        raise KeyboardInterrupt
    assert target.read_bytes() == b"the whole earlier part\n" and sorted(tmp_path.iterdir()) == [target]
    (tmp_path / ".part-00001.jsonl.0123.tmp").write_bytes(b"a killed attempt's")
    assert storage.remove_temporaries(str(tmp_path)) == 1 and sorted(tmp_path.iterdir()) == [target]


@pytest.mark.parametrize(
    "args, message",
    [
        (["--engine", "dask", "-"], b"standard input"),
        (["--engine", "dask", "--output-dir", "x", "-o", "y.json"], b"no -o"),
        (["--engine", "dask", "--output-dir", "x", "-f", "csv"], b"no csv"),
        (["--engine", "dask", "--scheduler", "tcp://127.0.0.1:1", "-j", "2"], b"--jobs"),
        (["--output-dir", "x"], b"need --engine dask"),
        (["--engine", "spark"], b"local, dask"),
    ],
)
def test_options_that_make_no_sense_together_are_usage_errors(args, message):
    result = extract(str(SEEDS), *args)
    assert result.returncode == 2 and message in result.stderr and result.stdout == b""


def test_a_scheduler_that_does_not_answer_is_its_own_exit_code():
    env = {**os.environ, "DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "1s"}
    command = [sys.executable, "-m", "extract", str(SEEDS), "--engine", "dask", "--scheduler", "tcp://127.0.0.1:1"]
    result = subprocess.run(command, capture_output=True, env=env, cwd=REPO)
    assert result.returncode == 5 and b"cannot reach the Dask scheduler at tcp://127.0.0.1:1" in result.stderr


BLOCK_THE_EXTRA = """
import sys
class Blocked:
    def find_spec(self, name, path=None, target=None):
        if name.partition(".")[0] in ("dask", "distributed", "fsspec"):
            raise ImportError(f"no module named {name!r}")
sys.meta_path.insert(0, Blocked())
"""


def test_the_core_never_imports_the_extra_and_asks_for_it_when_needed():
    check = (
        BLOCK_THE_EXTRA
        + """
import extract.cli, extract.pipeline
records = [r.record for r in extract.pipeline.run_paths(["seeds"])]
assert len(records) == 5 and all(r["facts"] for r in records)
try:
    extract.cli.app(["run", "--help"], prog_name="extract")
except SystemExit:
    pass
assert not [m for m in sys.modules if m.partition(".")[0] in ("dask", "distributed", "fsspec")]
"""
    )
    result = subprocess.run([sys.executable, "-c", check], capture_output=True, cwd=REPO)
    assert result.returncode == 0 and b"--engine" in result.stdout, result.stderr.decode()
    for args, hint in ((["seeds", "--engine", "dask"], b"--engine"), (["memory://news"], b"PATH")):
        ask = BLOCK_THE_EXTRA + f"sys.argv = ['extract', *{args!r}]\nimport extract.cli\nextract.cli.main()"
        result = subprocess.run([sys.executable, "-c", ask], capture_output=True, cwd=REPO)
        assert result.returncode == 2 and b"pip install 'extract[dask]'" in result.stderr and hint in result.stderr
