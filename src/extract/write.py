"""Stage 6, write: document records as JSON, JSON Lines, CSV or a table, one document at a time."""

import csv
import json
from typing import TextIO

from rich.console import Console
from rich.table import Table

from extract.models import Document, Fact

CSV_COLUMNS = ["doc_id", *Fact.model_fields]
TABLE_COLUMNS = CSV_COLUMNS[: CSV_COLUMNS.index("text") + 1]  # offsets and rule ids are for machines
FORMATS = ("json", "jsonl", "csv", "table")


def record(document: Document) -> dict:
    return document.model_dump(mode="json")


class Writer:
    """Writes documents as they come; `close` finishes the format (the JSON array's bracket)."""

    def __init__(self, out: TextIO, fmt: str, bom: bool = False):
        self.out, self.fmt, self.count = out, fmt, 0
        if bom:
            out.write("\ufeff")
        if fmt == "csv":
            self.csv = csv.writer(out)
            self.csv.writerow(CSV_COLUMNS)
        elif fmt == "table":
            self.table = Table(*TABLE_COLUMNS, title="extract")

    def write(self, document: Document) -> None:
        data = record(document)
        if self.fmt == "json":
            body = json.dumps(data, ensure_ascii=False, indent=2).replace("\n", "\n  ")
            self.out.write(("[\n  " if self.count == 0 else ",\n  ") + body)
        elif self.fmt == "jsonl":
            self.out.write(json.dumps(data, ensure_ascii=False) + "\n")
        elif self.fmt == "csv":
            for fact in data["facts"]:
                self.csv.writerow([cell(data["doc_id"] if c == "doc_id" else fact[c]) for c in CSV_COLUMNS])
        else:
            for fact in data["facts"]:
                self.table.add_row(data["doc_id"], *(cell(fact[c]) for c in TABLE_COLUMNS[1:]))
        self.count += 1
        self.out.flush()

    def close(self) -> None:
        if self.fmt == "json":
            self.out.write("[]\n" if self.count == 0 else "\n]\n")
        elif self.fmt == "table":
            Console(file=self.out, soft_wrap=False).print(self.table)
        self.out.flush()


def cell(value: object) -> str:
    return "" if value is None else str(value)
