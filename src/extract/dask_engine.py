"""Documents on a Dask cluster (--engine dask): the same extraction as a local run, past one machine.

This process lists the inputs and groups them, in input order, into partitions of about --partition-mb.
Each partition is one task that calls batch.process_batch on a worker: the function the local pool runs,
so a document that fails is the same error record. The rules travel once per worker, as the files of
their folder in a worker plugin, which the scheduler also installs on any worker that joins later (one
that replaces a lost worker included). The scheduler runs a lost worker's tasks again elsewhere; a task
that raises is retried RETRIES times; a partition that fails for good turns each of its documents into an
error record, so every input is still accounted for.

Results are gathered here in input order, the bytes of a local run; or, for corpora too large to
gather, each partition writes its own JSON Lines part under --output-dir, atomically, and this process
writes the manifest last. Only the counts and the documents to report on (errors, warnings) come back.

Imported only for --engine dask: dask and distributed are the optional extra."""

import hashlib
import io
import json
import logging
import os
import warnings
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

import typer
from distributed import Client, Future, LocalCluster, WorkerPlugin

from extract import storage
from extract.batch import BatchOptions, install, process_batch
from extract.compiled import compiled_pipeline
from extract.errors import ExitCode, OutputError
from extract.models import Document
from extract.options import Extraction, progress_bar, stderr
from extract.pipeline import Pipeline, Result, batches, file_size
from extract.read import Input
from extract.ruleset import default_rules_dir
from extract.write import Writer

DEFAULT_PARTITION_MB = 16.0
PARTITIONS_PER_WORKER = 4  # by default a small corpus is cut finer, so that no worker idles while one works
RETRIES = 2  # a task that raises (storage that failed for a moment) runs this many times more
MANIFEST = "manifest.json"

# This worker's pipelines by rule set (RulesPlugin.name): the plugin is set up again for every run, the
# rules are compiled once.
compiled: dict[str, Pipeline] = {}


class RulesPlugin(WorkerPlugin):
    """The run's rules as the files of their folder: written below each worker's directory and compiled
    there once, as the pipeline `process_batch` finds for the run's options. Workers need not see the
    client's folder, nor have the same version of the built-in rules."""

    def __init__(self, options: BatchOptions):
        folder = options.rules_dir or default_rules_dir()
        self.options = options
        self.files = {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}
        digest = hashlib.sha256(str(options.rules_dir).encode())
        for name, data in self.files.items():
            digest.update(name.encode() + b"\0" + data)
        self.name = f"extract-rules-{digest.hexdigest()[:16]}"  # a new rule set replaces no other

    def setup(self, worker) -> None:
        if self.name not in compiled:
            folder = Path(worker.local_directory) / self.name
            folder.mkdir(exist_ok=True)
            for name, data in self.files.items():
                (folder / name).write_bytes(data)
            compiled[self.name] = compiled_pipeline(folder)
        install(self.options, compiled[self.name])


@dataclass
class Part:
    """One partition's JSON Lines part as written: its counts, and the records to report on (those with an
    error or warnings), without their facts, which are in the part."""

    name: str
    records: int
    facts: int
    reported: list[dict]

    @property
    def errors(self) -> list[dict]:
        return [record for record in self.reported if record.get("error") is not None]


def partitions(inputs: Sequence[Input], limit: float) -> list[list[Input]]:
    """Consecutive inputs of about `limit` bytes together; a larger file is a partition of its own."""
    parts: list[list[Input]] = []
    part: list[Input] = []
    filled = 0
    for item in inputs:
        size = item.size if item.size is not None else file_size(item.path)
        if part and filled + size > limit:
            parts.append(part)
            part, filled = [], 0
        part.append(item)
        filled += size
    return parts + [part] if part else parts


def extract_partition(inputs: list[Input], options: BatchOptions) -> list[Result]:
    """A worker's task when output is gathered: the records, not the texts they came from."""
    return [Result(result.record) for result in process_batch(inputs, options)]


def write_partition(inputs: list[Input], name: str, options: BatchOptions, folder: str) -> Part:
    """A worker's task with --output-dir: the partition's part, written as its documents are processed."""
    return write_part((result for batch in batches(inputs) for result in process_batch(batch, options)), folder, name)


def write_part(results: Iterable[Result], folder: str, name: str) -> Part:
    """`results` as the part `name` of `folder` (a full URL, as storage.make_folder gives it)."""
    part = Part(name, 0, 0, [])
    with storage.replaced_atomically(f"{folder}/{name}") as binary:
        out = io.TextIOWrapper(binary, encoding="utf-8", newline="")
        writer = Writer(out, "jsonl")
        for result in results:
            writer.write(result.record)
            part.records += 1
            part.facts += result.fact_count
            if result.error is not None or result.warnings:
                part.reported.append(result.record | {"facts": []})
        writer.close()
        out.detach()  # the binary file is closed, and moved into place, by replaced_atomically
    return part


def failed_partition(inputs: Sequence[Input], error: BaseException) -> list[Result]:
    """The error records of a partition that failed on the cluster for good: every document is accounted for."""
    results = []
    for item in inputs:
        reason = f"{item.path}: its partition failed on the cluster: {type(error).__name__}: {error}"
        results.append(Result(Document.failed(item.doc_id, item.path, reason).model_dump(mode="json")))
    return results


def check_output_dir(url: str) -> None:
    """Parts of an earlier run would mix with this one's: the folder must be new or empty."""
    try:
        fs, folder = storage.filesystem(url)
        taken = fs.isdir(folder) and bool(fs.ls(folder))
    except Exception as error:  # each filesystem fails in its own way: report it, whatever it is
        raise typer.BadParameter(f"{url}: {error}", param_hint="--output-dir") from None
    if taken:
        raise typer.BadParameter(f"{url} is not empty: choose a new folder", param_hint="--output-dir")


class ClusterExtraction(Extraction):
    """An Extraction whose documents are processed on a Dask cluster: a running one (`scheduler`, its
    address) or a local one of `jobs` worker processes, one thread each, started for the run."""

    def __init__(self, *args, scheduler: str | None = None, partition_mb: float | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.scheduler, self.partition_mb = scheduler, partition_mb
        self.documents = self.records = 0

    @contextmanager
    def client(self) -> Iterator[Client]:
        """A client of the cluster, with the rules installed on its workers."""
        if self.scheduler is None:
            with warnings.catch_warnings():
                warnings.filterwarnings("ignore", "Port .* is already in use")  # it takes another; shown below
                cluster = LocalCluster(
                    n_workers=self.jobs, threads_per_worker=1, processes=True, silence_logs=logging.ERROR
                )
            if self.show_warnings:
                stderr.print(f"Dask dashboard: {cluster.dashboard_link}")
        else:
            cluster = None
        try:
            try:
                client = Client(cluster or self.scheduler)
            except OSError as error:  # nothing answers at that address, in the time Dask's settings allow
                stderr.print(f"error: cannot reach the Dask scheduler at {self.scheduler}: {error}")
                raise typer.Exit(ExitCode.NO_CLUSTER) from None
            with client:
                client.register_plugin(RulesPlugin(self.options))
                yield client
        finally:
            if cluster is not None:
                cluster.close()

    def inputs(self, paths: list[str]) -> list[Input]:
        """The inputs, each local file with its absolute path to read at: workers do not share this folder."""
        inputs = super().inputs(paths)
        self.documents = len(inputs)
        return [
            item if storage.is_url(item.path) else replace(item, location=os.path.abspath(item.path)) for item in inputs
        ]

    def partitions(self, inputs: Sequence[Input], client: Client) -> list[list[Input]]:
        if self.partition_mb is not None:
            return partitions(inputs, self.partition_mb * 1e6)
        workers = max(1, sum(client.nthreads().values()))
        total = sum(item.size if item.size is not None else file_size(item.path) for item in inputs)
        return partitions(inputs, min(DEFAULT_PARTITION_MB * 1e6, total / (workers * PARTITIONS_PER_WORKER)))

    def results(self, paths: list[str]) -> Iterator[Result]:
        """Every input's result in input order, gathered from the cluster."""
        inputs = self.inputs(paths)
        with self.client() as client:
            parts = self.partitions(inputs, client)
            futures = deque(client.map(extract_partition, parts, options=self.options, retries=RETRIES))
            with partitions_progress(futures):
                for part in parts:
                    # Taken one at a time, in order: the scheduler forgets each result once it is here.
                    try:
                        results = futures.popleft().result()
                    except Exception as error:  # failed for good (a worker lost too often, a bug)
                        results = failed_partition(part, error)
                    for result in results:
                        self.records += 1
                        self.account(result)
                        yield result

    def write_parts(self, paths: list[str], folder: str) -> None:
        """Every input's record in the JSON Lines parts of `folder`, then the manifest, written last."""
        inputs = self.inputs(paths)
        with writing_to(folder):
            folder = storage.make_folder(folder)
        with self.client() as client:
            parts = self.partitions(inputs, client)
            width = max(5, len(str(len(parts) - 1)))  # names sort in input order
            names = [f"part-{n:0{width}d}.jsonl" for n in range(len(parts))]
            futures = deque(
                client.map(write_partition, parts, names, options=self.options, folder=folder, retries=RETRIES)
            )
            written = []
            with partitions_progress(futures):
                for part, name in zip(parts, names):
                    try:
                        written.append(futures.popleft().result())
                    except Exception as error:  # failed for good: this process writes its error records
                        with writing_to(folder):
                            written.append(write_part(failed_partition(part, error), folder, name))
                    self.account_part(written[-1])
        with writing_to(folder):
            storage.remove_temporaries(folder)
            write_manifest(folder, parts, written)

    def account_part(self, part: Part) -> None:
        for record in part.reported:
            self.account(Result(record))  # its error or warning line, counted; its facts are below
        self.read += part.records - len(part.reported)
        self.facts += part.facts
        self.records += part.records

    def summary(self) -> str:
        return (
            f"{self.documents} document(s) in, {self.records} record(s) out, {self.failed} error(s), "
            f"{self.facts} fact(s)"
        )


@contextmanager
def writing_to(folder: str) -> Iterator[None]:
    """This process writing to the output folder: OutputError, naming it, when the folder refuses."""
    try:
        yield
    except OSError as error:
        raise OutputError(f"cannot write to {folder}: {error.strerror or error}") from error


def write_manifest(folder: str, parts: list[list[Input]], written: list[Part]) -> None:
    errors = [record for part in written for record in part.errors]
    manifest = {
        "documents": sum(len(part) for part in parts),
        "records": sum(part.records for part in written),
        "errors": len(errors),
        "facts": sum(part.facts for part in written),
        "parts": [
            {
                "name": part.name,
                "documents": len(inputs),
                "records": part.records,
                "errors": len(part.errors),
                "facts": part.facts,
            }
            for inputs, part in zip(parts, written)
        ],
        "failed": [{"doc_id": r["doc_id"], "path": r["path"], "error": r["error"]} for r in errors],
    }
    with storage.replaced_atomically(f"{folder}/{MANIFEST}") as out:
        out.write((json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode())


@contextmanager
def partitions_progress(futures: Iterable[Future]) -> Iterator[None]:
    """Partitions done / total on stderr when it is a terminal, as each finishes, in whatever order."""
    with progress_bar() as bar:
        if bar is not None:
            pending = list(futures)
            task = bar.add_task("partitions", total=len(pending))
            for future in pending:
                future.add_done_callback(lambda _: bar.advance(task))
        yield
