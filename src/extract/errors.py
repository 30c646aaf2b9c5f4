"""Exit codes, one registry: every exit of the CLI goes through one of these."""

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    DOCUMENT_ERRORS = 1  # finished, but some documents could not be read; the rest was written
    CHECK_FAILED = 1  # diff found differences; eval scored below --fail-under (as `git diff --exit-code`)
    USAGE = 2  # bad flag or missing path
    RULES_INVALID = 3  # rules/ failed to load or validate
    INTERRUPTED = 130


class InputError(Exception):
    """A document that cannot be read; the message names the file."""
