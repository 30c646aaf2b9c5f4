"""What every command shares: the stderr console, the options that choose and read inputs, and the
extraction loop that shows progress, reports failed documents and warnings, and stops on invalid rules."""

import codecs
import gc
import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from extract import storage
from extract.clock import Clock
from extract.errors import ExitCode, InputError
from extract.read import STDIN, Input, find_inputs

# The pipeline and the rules load when a command extracts, not for --version, --help or diff.
if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress

    from extract.pipeline import Result
    from extract.ruleset import RuleSet


class Messages:
    """Lines for stderr, as they are. On a terminal they go through rich's console, which keeps them apart
    from a progress bar it draws; elsewhere rich is not loaded at all (its import takes about 25 ms of every start)."""

    @property
    def is_terminal(self) -> bool:
        return sys.stderr.isatty()  # looked up each time: a test runner swaps the stream

    @cached_property
    def console(self) -> "Console":
        from rich.console import Console

        return Console(stderr=True, highlight=False, soft_wrap=True, emoji=False)

    def print(self, line: str) -> None:
        if self.is_terminal:
            self.console.print(line, markup=False)
        else:
            sys.stderr.write(f"{line}\n")


stderr = Messages()
YOUNG_GENERATION = 5000  # the collector's first threshold while extracting (Python's default: 700)

RulesOption = Annotated[
    Path | None,
    typer.Option("--rules", metavar="DIR", help="Rule folder to use instead of the built-in rules.", file_okay=False),
]
EncodingOption = Annotated[
    str | None,
    typer.Option(
        "--encoding",
        metavar="CODEC",
        help="Decode inputs with this codec (utf-8, gb18030, big5 ...) instead of detecting it.",
    ),
]
FollowOption = Annotated[
    bool,
    typer.Option(
        "--follow",
        "-L",
        help="Follow symbolic links to folders (links that loop back are skipped); without it they are skipped.",
    ),
]
JobsOption = Annotated[
    int | None,
    typer.Option(
        "--jobs",
        "-j",
        metavar="N",
        min=1,
        help="Worker processes (default: the usable cores); the output is the same for any N.",
        show_default=False,
    ),
]
PathsArgument = Annotated[
    list[str],
    typer.Argument(
        metavar="PATH...",
        help="Files, folders (every .txt .md .html .htm .shtml .xhtml below them) or - for standard input.",
        show_default=False,
    ),
]


def load_rules_or_exit(rules_dir: Path | None) -> "RuleSet":
    from extract.ruleset import load_rules

    return or_exit(load_rules, rules_dir)


def or_exit(compile_rules, rules_dir: Path | None):
    """What `compile_rules` makes of the folder; when the rules are invalid, every problem on stderr and exit 3."""
    from extract.ruleset import RulesError

    try:
        return compile_rules(rules_dir)
    except RulesError as error:
        for problem in error.problems:
            stderr.print(f"rule error: {problem}")
        stderr.print(f"{len(error.problems)} problem(s) in the rules; nothing was extracted.")
        raise typer.Exit(ExitCode.RULES_INVALID) from None


def check_paths(paths: list[str], output: Path | None) -> None:
    """Usage errors found before anything is read: a missing path, an -o file that is one of the inputs."""
    try:
        missing = [
            p for p in paths if p != STDIN and not (storage.exists(p) if storage.is_url(p) else os.path.lexists(p))
        ]
    except InputError as error:  # a URL nothing installed here can open
        raise typer.BadParameter(str(error), param_hint="PATH") from None
    if missing:
        raise typer.BadParameter(f"no such file or folder: {', '.join(missing)}", param_hint="PATH")
    if output is not None and str(output) != "-" and output.exists():
        clobbered = [p for p in paths if p != STDIN and Path(p).is_file() and os.path.samefile(p, output)]
        if clobbered:
            raise typer.BadParameter(
                f"{output} is also an input ({clobbered[0]}): it would be overwritten", param_hint="-o"
            )


class Extraction:
    """Extract documents with one rule set: progress on a terminal, each failed document and folder
    reported on stderr and counted, warnings on stderr at most one line per document."""

    def __init__(
        self,
        rules_dir: Path | None,
        encoding: str | None,
        follow: bool = False,
        output: Path | None = None,
        show_warnings: bool = True,
        max_warnings: int | None = None,
        jobs: int | None = None,
        texts: bool = False,
        render: str | None = None,
    ):
        if encoding is not None:
            try:
                codecs.lookup(encoding)
            except LookupError:
                raise typer.BadParameter(f"unknown encoding {encoding!r}", param_hint="--encoding") from None
        # What start-up builds (the modules, the compiled rules: some 100,000 containers, holding 600,000
        # references) lives as long as the process. The collector would walk it all in each full collection: once
        # midway through loading, again at exit and every second or so of the run, 0.04 s a pass. So it is
        # loaded with the collector paused, then frozen out of its sight.
        gc.disable()
        try:
            from extract.batch import BatchOptions, install
            from extract.compiled import compiled_pipeline
            from extract.parallel import usable_cores

            self.options = BatchOptions(rules_dir, encoding, texts, render)
            install(self.options, or_exit(compiled_pipeline, rules_dir))
        finally:
            gc.freeze()
            gc.enable()
        # A document allocates and frees thousands of containers, by reference counting. A young-generation
        # pass every 700 of them (the default) finds next to nothing (130 objects over the bench corpus), and
        # the passes cost 2% of a run; every YOUNG_GENERATION they cost nothing to speak of.
        gc.set_threshold(YOUNG_GENERATION, *gc.get_threshold()[1:])
        self.jobs = jobs or usable_cores()
        self.follow, self.output = follow, output
        self.show_warnings, self.max_warnings = show_warnings, max_warnings
        self.read = self.failed = self.facts = self.unlisted = self.warnings_shown = self.warnings_held = 0
        self.clock = Clock()  # seconds per stage, summed over the documents (--profile)

    def inputs(self, paths: list[str]) -> Sequence[Input]:
        skip = self.output if self.output is not None and str(self.output) != "-" else None
        found = find_inputs(paths, self.follow, skip)
        for line in found.unlisted:
            stderr.print(f"error: {line}")
        for line in found.notes:
            stderr.print(f"note: {line}")
        self.unlisted = len(found.unlisted)
        return found.found

    def results(self, paths: list[str]) -> Iterator["Result"]:
        """Every input's result, in input order; failed documents as their error records."""
        from extract.parallel import run_batches

        inputs = self.inputs(paths)
        with progress_bar() as bar:
            task = bar.add_task("extracting", total=len(inputs)) if bar else None
            for result in run_batches(inputs, self.options, self.jobs):
                self.account(result)
                yield result
                if bar:
                    bar.advance(task)

    def account(self, result: "Result") -> None:
        self.clock.add(result.seconds)
        if result.error is not None:
            self.failed += 1
            stderr.print(f"error: {result.error}")
            return
        self.read += 1
        self.facts += result.fact_count  # a worker's rendered record comes back without them
        warnings = result.warnings
        if not warnings or not self.show_warnings:
            return
        if self.max_warnings is not None and self.warnings_shown >= self.max_warnings:
            self.warnings_held += 1
            return
        more = len(warnings) - 1
        also = f" (and {more} more in its record)" if more else ""
        stderr.print(f"warning: {result.record['path']}: {warnings[0]}{also}")
        self.warnings_shown += 1

    def summary(self) -> str:
        return f"{self.read} document(s) read, {self.failed} failed, {self.facts} fact(s)"

    def finish(self) -> None:
        """The closing lines on stderr, then exit 1 if a document or folder failed."""
        if self.warnings_held:
            stderr.print(
                f"{self.warnings_held} more document(s) with warnings not shown (--max-warnings)"
            )
        if self.failed or self.unlisted:
            raise typer.Exit(ExitCode.DOCUMENT_ERRORS)


@contextmanager
def progress_bar() -> Iterator["Progress | None"]:
    """A progress bar on stderr when it is a terminal, else None; it never redirects stdout, where the data goes."""
    if not stderr.is_terminal:
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, console=stderr.console, transient=True, redirect_stdout=False, redirect_stderr=False) as bar:
        yield bar
