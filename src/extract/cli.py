"""The command line: `extract PATH...` extracts; `extract schema|rules|diff|eval|report` are tools around it.

Data goes to stdout (or -o); progress, warnings and the summary go to stderr, progress only
on a terminal. Exit codes are listed in errors.ExitCode and in --help."""

import json
import os
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
import typer.core
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from extract import __version__, ruletest
from extract.diff import diff_command
from extract.errors import ExitCode
from extract.evaluate import eval_command
from extract.models import Document
from extract.options import EncodingOption, Extraction, RulesOption, load_rules_or_exit, stderr
from extract.report import report_command
from extract.write import FORMATS, Writer

DEFAULT_COMMAND = "run"
EPILOG = """\b
Examples:
  extract seeds/ --format csv > facts.csv        every article below seeds/, one row per fact
  extract article.html --format jsonl            one JSON record per document
  cat page.txt | extract - --format table        read standard input
  extract seeds/ --format csv --bom -o facts.csv  a CSV that Excel opens with Chinese intact
  extract seeds/ --rules my-rules/               your own rule folder
  extract schema                                 the JSON Schema of a document record
  extract rules                                  check a rule folder and list its rules
  extract diff old.json new.json                 what changed between two extractions
  extract eval gold/ docs/                       score against annotated gold
  extract report seeds/ -o report.html           a page to review the facts in a browser
\b
Exit codes: 0 ok; 1 some documents failed (the rest was written) or diff/eval found
differences; 2 usage error; 3 invalid rules; 130 interrupted."""


class DefaultCommandGroup(typer.core.TyperGroup):
    """`extract PATH...` means `extract run PATH...`: anything that is not a command name goes to `run`."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h", "--version"):
            args = [DEFAULT_COMMAND, *args]
        return super().parse_args(ctx, args)


app = typer.Typer(
    cls=DefaultCommandGroup,
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    help="Turn Chinese news about industrial parks into checkable facts: parks, dates, project counts, investments and reopening rates.",
    epilog=EPILOG,
)


def version_callback(value: bool) -> None:
    if value:
        print(f"extract {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool, typer.Option("--version", callback=version_callback, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Turn Chinese news about industrial parks into checkable facts."""


def progress_bar() -> Progress | None:
    """A progress bar on stderr when it is a terminal; it never redirects stdout, where the data goes."""
    if not stderr.is_terminal:
        return None
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=stderr,
        transient=True,
        redirect_stdout=False,
        redirect_stderr=False,
    )


@app.command(DEFAULT_COMMAND, epilog=EPILOG)
def run(
    paths: Annotated[
        list[str],
        typer.Argument(
            metavar="PATH",
            help="Files, folders (every .txt .md .html .htm below them) or - for standard input.",
            show_default=False,
        ),
    ],
    fmt: Annotated[str, typer.Option("--format", "-f", help=f"Output format: {', '.join(FORMATS)}.")] = "json",
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write the data here instead of standard output.", dir_okay=False),
    ] = None,
    bom: Annotated[
        bool, typer.Option("--bom", help="Start the output with a UTF-8 byte-order mark (for Excel).")
    ] = False,
    rules_dir: RulesOption = None,
    encoding: EncodingOption = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No summary on standard error.")] = False,
) -> None:
    """Extract facts (the default command).

    `extract PATH...` is short for `extract run PATH...`."""
    if fmt not in FORMATS:
        raise typer.BadParameter(f"{fmt!r} is not one of {', '.join(FORMATS)}", param_hint="--format")
    missing = [p for p in paths if p != "-" and not Path(p).exists()]
    if missing:
        raise typer.BadParameter(f"no such file or folder: {', '.join(missing)}", param_hint="PATH")
    extraction = Extraction(rules_dir, encoding)
    if "-" in paths and sys.stdin.isatty():
        stderr.print("reading the document from standard input; end it with Ctrl-D", markup=False)
    out = open_output(output)
    writer = Writer(out, fmt, bom)
    documents = facts = 0
    bar = progress_bar()
    try:
        if bar:
            bar.start()
            task = bar.add_task("extracting", total=None)
        for result in extraction.results(paths):
            documents += 1
            facts += len(result.document.facts)
            for warning in result.document.warnings:
                stderr.print(f"warning: {result.document.path}: {warning}", markup=False)
            writer.write(result.document)
            if bar:
                bar.advance(task)
        writer.close()
    finally:
        if bar:
            bar.stop()
        if output is not None:
            out.close()
    if not quiet and stderr.is_terminal:
        failed = f", {extraction.failed} failed" if extraction.failed else ""
        stderr.print(f"{documents} document(s), {facts} fact(s){failed}")
    extraction.exit_if_failed()


def open_output(output: Path | None):
    if output is None or str(output) == "-":
        sys.stdout.reconfigure(encoding="utf-8", newline="")
        return sys.stdout
    return output.open("w", encoding="utf-8", newline="")


@app.command("schema")
def schema() -> None:
    """Print the JSON Schema of a document record.

    Generated from the pydantic models that write the output."""
    print(json.dumps(Document.model_json_schema(mode="serialization"), ensure_ascii=False, indent=2))


@app.command("rules")
def list_rules(
    folder: Annotated[
        Path | None, typer.Argument(metavar="DIR", help="Rule folder, as --rules DIR.", file_okay=False, show_default=False)
    ] = None,
    rules_dir: RulesOption = None,
    test: Annotated[
        bool, typer.Option("--test", help="Run the rules' examples and counterexamples instead; exit 1 if one fails.")
    ] = False,
) -> None:
    """Validate rules and list them, or test them (--test).

    One line per rule and document signal: id, kind, description."""
    if folder and rules_dir:
        raise typer.BadParameter("give the rule folder once, as DIR or as --rules DIR", param_hint="DIR")
    rules = load_rules_or_exit(folder or rules_dir)
    if test:
        raise typer.Exit(ExitCode.OK if ruletest.run(rules, sys.stdout) else ExitCode.CHECK_FAILED)
    for rule in rules:
        print(f"{rule.id}\t{rule.kind}\t{rule.description}")
    for signal in rules.signals.values():
        print(f"{signal.id}\tsignal\t{signal.spec.description}")


app.command("diff")(diff_command)
app.command("eval")(eval_command)
app.command("report")(report_command)


def main() -> None:
    try:
        app(prog_name="extract")
    except KeyboardInterrupt:
        sys.exit(ExitCode.INTERRUPTED)
    except BrokenPipeError:
        # The reader (head, less) went away: not an error for a filter.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(ExitCode.OK)
