"""A time limit on each document, so that a runaway pattern fails its document, not the run.

In the main thread one timer signal per document stops whatever search it interrupts (`regex` checks
for signals as it searches): two system calls a document, where regex's own `timeout=` reads the
clock on every call. Signals reach the main thread only, so elsewhere (an executor's worker threads),
or while another timer of the program's is pending, each search carries regex's own timeout instead.
The windows module bounds what a document can be, so the limit only ever stops a runaway. The articles
of a batch share one limit (pipeline.Pipeline.process_together); when it stops them, each runs again
under a limit of its own, so that the runaway alone fails."""

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

DOCUMENT_LIMIT = 10.0  # seconds for a document (a window of a large one); an article takes milliseconds
SEARCH_LIMIT = 2.0  # seconds per search where no timer guards the document
TIMER = getattr(signal, "ITIMER_REAL", None)  # absent on Windows


class DocumentTooLong(TimeoutError):
    def __init__(self, limit: float):
        super().__init__(f"processing took longer than {limit:g} s and was stopped")


armed = False  # the main thread's document timer is running: its searches need no timeout of their own


def under_timer() -> bool:
    """Whether the document timer guards this thread's searches: they need no timeout of their own."""
    return armed and threading.current_thread() is threading.main_thread()


def search_arguments() -> dict[str, float]:
    """The keyword arguments a search needs here: none under the document timer, else regex's own
    `timeout=SEARCH_LIMIT`. None at all rather than `timeout=None`, which costs half a microsecond a
    call: a tenth of what many searches of a stretch cost."""
    return {} if under_timer() else {"timeout": SEARCH_LIMIT}


@contextmanager
def document_limit() -> Iterator[None]:
    """Raise DocumentTooLong in the block once it has run DOCUMENT_LIMIT seconds (main thread only)."""
    global armed
    # Not in the main thread, or the program's own timer is pending (leave it alone): searches time themselves.
    if (
        armed
        or TIMER is None
        or threading.current_thread() is not threading.main_thread()
        or signal.getitimer(TIMER)[0]
    ):
        yield
        return
    limit = DOCUMENT_LIMIT

    def stop(signum, frame):
        raise DocumentTooLong(limit)

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(TIMER, limit)
    armed = True
    try:
        yield
    finally:
        signal.setitimer(TIMER, 0)
        armed = False
        signal.signal(signal.SIGALRM, previous)
