"""Documents in worker processes: batches of inputs go to a local pool, results come back in input order.

A few batches per worker are in flight at a time, so memory stays flat whatever the number of inputs.
Workers are forked where the system can, inheriting the parent's compiled rules; elsewhere each
compiles them once, in its initializer. Standard input is read by this process, which owns it."""

import itertools
import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor

from extract.batch import BatchOptions, install, pipelines, process_batch, process_batch_to_send
from extract.pipeline import BATCH_DOCUMENTS, SERIAL_BATCH_DOCUMENTS, Pipeline, Result, batches
from extract.read import STDIN, Input

IN_FLIGHT_PER_WORKER = 2  # one running, one waiting: no worker idles while its result is collected


def usable_cores() -> int:
    """The processors this process may run on (a container's or taskset's share, not the machine's)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # no affinity outside Linux
        return os.cpu_count() or 1


def start_worker(options: BatchOptions, pipeline: Pipeline | None) -> None:
    # Ctrl-C reaches every process of the terminal's group: the parent alone handles it and stops the pool.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    install(options, pipeline)


def run_batches(inputs: Sequence[Input], options: BatchOptions, jobs: int) -> Iterator[Result]:
    """Every input's result in input order, from `jobs` worker processes (this one alone for 1 job or 1 batch)."""
    # Cut as they are due: nothing held for inputs not yet reached.
    parts = batches(inputs, BATCH_DOCUMENTS if jobs > 1 else SERIAL_BATCH_DOCUMENTS)
    first = list(itertools.islice(parts, 2))
    parts = itertools.chain(first, parts)
    if jobs == 1 or len(first) < 2:  # one batch is no work to share: no pool to start
        for part in parts:
            yield from process_batch(part, options)
        return
    forked = "fork" in multiprocessing.get_all_start_methods()
    executor = ProcessPoolExecutor(
        jobs,
        mp_context=multiprocessing.get_context("fork" if forked else "spawn"),
        initializer=start_worker,
        # A forked worker inherits the compiled rules without pickling them; a spawned one compiles its own.
        initargs=(options, pipelines.get(options.rules_dir) if forked else None),
    )
    pending: deque[Future | list[Input]] = deque()
    try:
        for part in parts:
            pending.append(part if part[0].path == STDIN else executor.submit(process_batch_to_send, part, options))
            while len(pending) > jobs * IN_FLIGHT_PER_WORKER:
                yield from collect(pending.popleft(), options)
        while pending:
            yield from collect(pending.popleft(), options)
    except BaseException:
        # Interrupted, or the reader went away: stop the workers now, not after the batches in flight.
        for process in list(executor._processes.values()):
            process.terminate()
        raise
    finally:
        executor.shutdown(cancel_futures=True)


def collect(item: Future | list[Input], options: BatchOptions) -> list[Result]:
    return item.result() if isinstance(item, Future) else process_batch(item, options)
