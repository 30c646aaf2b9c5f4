"""What every command shares: the stderr console, the --rules and --encoding options, and the
extraction loop that reports failed documents and stops on invalid rules."""

from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from extract.errors import ExitCode
from extract.pipeline import Result, run_paths
from extract.ruleset import RuleSet, RulesError, load_rules

stderr = Console(stderr=True, highlight=False, soft_wrap=True)

RulesOption = Annotated[
    Path | None, typer.Option("--rules", help="Rule folder to use instead of the built-in rules.", file_okay=False)
]
EncodingOption = Annotated[
    str | None,
    typer.Option(
        "--encoding", help="Decode inputs with this codec (utf-8, gb18030, big5 ...) instead of detecting it."
    ),
]


def load_rules_or_exit(rules_dir: Path | None) -> RuleSet:
    try:
        return load_rules(rules_dir)
    except RulesError as error:
        for problem in error.problems:
            stderr.print(f"rule error: {problem}", markup=False)
        stderr.print(f"{len(error.problems)} problem(s) in the rules; nothing was extracted.", markup=False)
        raise typer.Exit(ExitCode.RULES_INVALID) from None


class Extraction:
    """Extract documents with one rule set, reporting each failed document on stderr and counting it."""

    def __init__(self, rules_dir: Path | None, encoding: str | None):
        self.rules = load_rules_or_exit(rules_dir)
        self.encoding = encoding
        self.failed = 0

    def results(self, paths: list[str]) -> Iterator[Result]:
        for result in run_paths(paths, encoding=self.encoding, rules=self.rules):
            if result.document is None:
                self.failed += 1
                stderr.print(f"error: {result.error}", markup=False)
            else:
                yield result

    def records(self, paths: list[str]) -> list[tuple[dict, str]]:
        """(document record, decoded source) of every document that could be processed."""
        return [(r.document.model_dump(mode="json"), r.source) for r in self.results(paths)]

    def exit_if_failed(self) -> None:
        if self.failed:
            raise typer.Exit(ExitCode.DOCUMENT_ERRORS)
