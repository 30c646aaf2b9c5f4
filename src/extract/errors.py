"""Exit codes, one registry: every exit of the CLI goes through one of these."""

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    # Finished, but some inputs failed: a document could not be processed (its error record was written
    # with the rest) or a folder could not be listed.
    DOCUMENT_ERRORS = 1
    CHECK_FAILED = 1  # diff found differences; eval scored below --fail-under (as `git diff --exit-code`)
    USAGE = 2  # bad flag or missing path
    RULES_INVALID = 3  # rules/ failed to load or validate
    CANNOT_WRITE = 4  # the -o file could not be written (missing folder, no permission, disk full)
    NO_CLUSTER = 5  # --engine dask: no scheduler answered at --scheduler
    INTERRUPTED = 130


class InputError(Exception):
    """A document that cannot be read; the message names the file."""


class OutputError(Exception):
    """The output file cannot be written; the message names it."""
