"""The unit of work of a worker: a batch of inputs in, their finished results out, in order.

`process_batch` holds no state of the command line, only picklable arguments, so any executor can run
it: the local process pool (parallel.py) does, in worker processes that compile the rules once. Each
document that fails becomes its error record, exactly as in a serial run (pipeline.run_batch)."""

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from time import perf_counter

from extract.compiled import compiled_pipeline
from extract.pipeline import SERIAL_BATCH_DOCUMENTS, Pipeline, Result, batches, run_batch
from extract.read import Input
from extract.write import render


@dataclass(frozen=True)
class BatchOptions:
    rules_dir: Path | None = None  # None: the built-in rules
    encoding: str | None = None  # None: detect each input's codec
    texts: bool = False  # whether a worker's results carry each document's texts back (the review page's)
    render: str | None = None  # a format of write.RENDERED: a worker sends its records back written in it


# This process's compiled pipelines, by rule folder: compiled once, then reused for every batch.
pipelines: dict[Path | None, Pipeline] = {}


def install(options: BatchOptions, pipeline: Pipeline | None = None) -> Pipeline:
    """Make `pipeline` (else the rules of `options`, compiled here) the one this process uses for
    `options`; a pool's initializer. Raises RulesError when the rules are invalid."""
    pipelines[options.rules_dir] = pipeline or compiled_pipeline(options.rules_dir)
    return pipelines[options.rules_dir]


def process_batch(inputs: Sequence[Input], options: BatchOptions) -> list[Result]:
    """Read and extract each input; a document that fails is its error record, in its place. However many
    inputs there are (a Dask partition holds thousands), at most SERIAL_BATCH_DOCUMENTS pass the stages
    together: what they hold in memory at once stays bounded."""
    pipeline = pipelines.get(options.rules_dir) or install(options)
    parts = batches(inputs, SERIAL_BATCH_DOCUMENTS)
    return [result for part in parts for result in run_batch(pipeline, part, options.encoding)]


def process_batch_to_send(inputs: Sequence[Input], options: BatchOptions) -> list[Result]:
    """`process_batch`'s results as a worker sends them back: without their texts unless `options.texts`. With
    `options.render`, the record comes back rendered, and only its header and warnings beside: text is a tenth
    as costly to unpickle as the record, and the parent, which also writes the output, has that much less to do
    while the workers work."""
    sent = []
    for r in process_batch(inputs, options):
        if options.render is None:
            texts = (r.source, r.content) if options.texts else ("", "")
            sent.append(Result(r.record, *texts, r.seconds))
        else:
            started = perf_counter()
            rendered = render(options.render, r.record)
            seconds = {**r.seconds, "write": r.seconds.get("write", 0.0) + perf_counter() - started}
            header = r.record | {"facts": []}
            sent.append(Result(header, seconds=seconds, rendered=rendered, rendered_facts=len(r.record["facts"])))
    return sent
