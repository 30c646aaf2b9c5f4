"""Stage 6, write: document records as JSON, JSON Lines, CSV or a table, one document at a time,
to standard output or atomically to a file."""

import csv
import io
import json
import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from extract.errors import OutputError

# The contract's fact fields (models.Fact), in order, written out: the models load only when extracting.
CSV_COLUMNS = ["doc_id", "kind", "value", "unit", "qualifier", "metric", "park", "date", "text", "start", "end", "rule"]
TABLE_COLUMNS = CSV_COLUMNS[: CSV_COLUMNS.index("text") + 1]  # offsets and rule ids are for machines
FORMATS = ("json", "jsonl", "csv", "table")
RENDERED = ("json", "jsonl", "csv")  # rendered record by record (`render`); a table is laid out at the end
UNLIMITED_WIDTH = 100_000  # a table sent to a file or pipe is as wide as its cells, not cut to 80 columns
# A JSON line as json.dumps(record, ensure_ascii=False) writes it, by one encoder made once, which does not track the
# containers it is in (a record is a tree): a tenth faster.
JSON_LINE = json.JSONEncoder(ensure_ascii=False, check_circular=False)


class Writer:
    """Writes document records as they come; `close` finishes the format (the JSON array's bracket).
    Each record is rendered whole before it is written, so output never holds half a record."""

    def __init__(self, out: TextIO, fmt: str, bom: bool = False):
        self.out, self.fmt, self.count = out, fmt, 0
        if bom:
            out.write("\ufeff")
        if fmt == "csv":
            self.out.write(csv_rows([CSV_COLUMNS]))
        elif fmt == "table":
            from rich.table import Table

            self.table = Table(*TABLE_COLUMNS, title="extract")

    def write(self, record: dict, rendered: str | None = None) -> None:
        """Write the record; `rendered` is the same as `render` made it for this format, where a worker did."""
        if self.fmt == "table":
            for fact in record["facts"]:
                self.table.add_row(record["doc_id"], *(cell(fact[c]) for c in TABLE_COLUMNS[1:]))
        else:
            text = render(self.fmt, record) if rendered is None else rendered
            self.out.write(("[\n  " if self.count == 0 else ",\n  ") + text if self.fmt == "json" else text)
        self.count += 1
        self.out.flush()

    def close(self) -> None:
        if self.fmt == "json":
            self.out.write("[]\n" if self.count == 0 else "\n]\n")
        elif self.fmt == "table":
            width = None if self.out.isatty() else UNLIMITED_WIDTH
            from rich.console import Console

            Console(file=self.out, soft_wrap=False, width=width).print(self.table)
        self.out.flush()


def render(fmt: str, record: dict) -> str:
    """The record as a format of RENDERED writes it: an item of the JSON array (without the comma between
    items), a JSON line, or its facts' CSV rows. Worker processes render what they send back with it."""
    if fmt == "json":
        return json.dumps(record, ensure_ascii=False, indent=2).replace("\n", "\n  ")
    if fmt == "jsonl":
        return JSON_LINE.encode(record) + "\n"
    facts = record["facts"]
    return csv_rows([cell(record["doc_id"] if c == "doc_id" else f[c]) for c in CSV_COLUMNS] for f in facts)


def csv_rows(rows) -> str:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue()


def cell(value: object) -> str:
    return "" if value is None else str(value)


@contextmanager
def output_file(target: Path | None) -> Iterator[TextIO]:
    """Standard output for None or '-', else `atomic_file(target)`."""
    if target is None or str(target) == "-":
        sys.stdout.reconfigure(encoding="utf-8", newline="")
        yield sys.stdout
        return
    with atomic_file(target) as out:
        yield out


@contextmanager
def atomic_file(target: Path) -> Iterator[TextIO]:
    """Write `target` through a temporary file beside it, synced to disk, then renamed over it: the old
    file stays whole until the new one is, and an interrupted or failed run leaves no trace. A target that
    exists and is no regular file (/dev/null, a FIFO) is written in place: renaming would replace it.
    Any failure to write is an OutputError naming the file."""
    try:
        if target.exists() and not target.is_file():
            with target.open("w", encoding="utf-8", newline="") as out:
                yield out
            return
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as error:
        raise OutputError(f"cannot write {target}: {error.strerror or error}") from error
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, shared_mode(target))
        os.replace(temporary, target)
    except BaseException as error:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise OutputError(f"cannot write {target}: {error.strerror or error}") from error
        raise


def shared_mode(target: Path) -> int:
    """The mode the file had, else what the umask gives a new file (mkstemp makes it private)."""
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
