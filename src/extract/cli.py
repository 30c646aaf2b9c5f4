"""The command line: `extract PATH...` extracts; `extract schema|rules|diff|eval|report` are tools around it.

Data goes to stdout (or -o); progress, warnings and the summary go to stderr, progress only
on a terminal. Exit codes are listed in errors.ExitCode and in --help."""

import importlib
import json
import os
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
import typer.core
import typer.main
import typer.models

from extract import __version__
from extract.errors import ExitCode, OutputError
from extract.options import (
    EncodingOption,
    Extraction,
    FollowOption,
    JobsOption,
    PathsArgument,
    RulesOption,
    check_paths,
    load_rules_or_exit,
    stderr,
)
from extract.read import STDIN
from extract.write import FORMATS, RENDERED, Writer, output_file

DEFAULT_COMMAND = "run"
EXIT_CODES = """\b
Exit codes: 0 ok; 1 some documents or folders failed (the rest was written) or diff/eval found
differences; 2 usage error; 3 invalid rules; 4 the output file could not be written; 5 no Dask
scheduler answered (--engine dask); 130 interrupted."""
EPILOG = f"""\b
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

{EXIT_CODES}"""
RUN_EPILOG = f"""\b
Examples:
  extract seeds/ --format csv > facts.csv        every article below seeds/, one row per fact
  extract run diff --format jsonl                a file named like a command needs the long form
  extract pages/ -L -q -o facts.json             follow linked folders, no warnings, write atomically
  extract seeds/ --format csv --bom -o facts.csv  a CSV that Excel opens with Chinese intact

Folders are searched recursively in sorted order; symbolic links to folders are skipped unless
--follow is given. An -o file is replaced only when the run has written it whole.

{EXIT_CODES}"""
SCHEMA_EPILOG = """\b
Examples:
  extract schema > document.schema.json          validate output with any JSON Schema tool"""
RULES_EPILOG = """\b
Examples:
  extract rules                                  the built-in rules
  extract rules --rules my-rules/                check your own folder: every problem at once
  extract rules --test my-rules/                 run the folder's examples and counterexamples"""
DIFF_EPILOG = """\b
Examples:
  extract diff old.json new.json                 what changed between two extractions
  extract diff tests/golden now.jsonl --format json   the same, for scripts"""
EVAL_EPILOG = """\b
Examples:
  extract eval gold/ docs/                       P/R/F1 per kind against annotated gold
  extract eval gold/ docs/ --per-doc --fail-under 0.8   misses per document; exit 1 below 0.8"""
REPORT_EPILOG = """\b
Examples:
  extract report seeds/ -o report.html           one page, every fact highlighted in its text
  extract report article.html -o - > page.html   to standard output"""


# The tools around extraction, by name: (module, function, epilog). Their modules (and rich's tables) are
# imported only when the command is named or --help lists it, not by every run: a hundredth of a second.
TOOLS = {
    "diff": ("extract.diff", "diff_command", DIFF_EPILOG),
    "eval": ("extract.evaluate", "eval_command", EVAL_EPILOG),
    "report": ("extract.report", "report_command", REPORT_EPILOG),
}


class DefaultCommandGroup(typer.core.TyperGroup):
    """`extract PATH...` means `extract run PATH...`: anything that is not a command name goes to `run`.
    The TOOLS commands are built when first asked for, after the commands defined here."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if args and args[0] not in self.list_commands(ctx) and args[0] not in ("--help", "-h", "--version"):
            args = [DEFAULT_COMMAND, *args]
        return super().parse_args(ctx, args)

    def list_commands(self, ctx: Any) -> list[str]:
        return [*self.commands, *(name for name in TOOLS if name not in self.commands)]

    def get_command(self, ctx: Any, name: str) -> Any:
        if name in TOOLS and name not in self.commands:
            module, function, epilog = TOOLS[name]
            callback = getattr(importlib.import_module(module), function)
            info = typer.models.CommandInfo(name, cls=Command, epilog=epilog, callback=callback)
            self.commands[name] = typer.main.get_command_from_info(
                info, pretty_exceptions_short=app.pretty_exceptions_short, rich_markup_mode=app.rich_markup_mode
            )
        return super().get_command(ctx, name)

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            # The reader (head, less) went away: not an error for a filter, as for jq and rg. Later
            # writes, and the flush at exit, go nowhere instead of failing again.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise typer.Exit(ExitCode.OK) from None


class Command(typer.core.TyperCommand):
    """Help that names arguments as people write them: `PATH...`, `OLD NEW`, no `{OLD}` or `<list[str]>`."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        return [self.options_metavar, *(plain_name(p) for p in self.get_params(ctx) if p.param_type_name == "argument")]

    def format_options(self, ctx: Any, formatter: Any) -> None:
        params = self.get_params(ctx)
        arguments = [(plain_name(p).strip("[]"), p.help or "") for p in params if p.param_type_name == "argument"]
        options = [p.get_help_record(ctx) for p in params if p.param_type_name == "option"]
        for title, rows in (("Arguments", arguments), ("Options", [r for r in options if r])):
            if rows:
                with formatter.section(title):
                    formatter.write_dl(rows)


def plain_name(param: Any) -> str:
    name = param.metavar or param.name.upper()
    if param.nargs != 1 and not name.endswith("..."):
        name += "..."
    return name if param.required else f"[{name}]"


app = typer.Typer(
    cls=DefaultCommandGroup,
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
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


@app.command(DEFAULT_COMMAND, cls=Command, epilog=RUN_EPILOG)
def run(
    paths: PathsArgument,
    fmt: Annotated[
        str, typer.Option("--format", "-f", metavar="FORMAT", help=f"Output format: {', '.join(FORMATS)}.")
    ] = "json",
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write the data here (atomically) instead of standard output.",
            dir_okay=False,
        ),
    ] = None,
    bom: Annotated[
        bool, typer.Option("--bom", help="Start CSV or table output with a UTF-8 byte-order mark (for Excel).")
    ] = False,
    rules_dir: RulesOption = None,
    encoding: EncodingOption = None,
    follow: FollowOption = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No warnings and no summary on standard error.")] = False,
    max_warnings: Annotated[
        int | None,
        typer.Option("--max-warnings", metavar="N", min=0, help="Show warnings for at most N documents, then a count."),
    ] = None,
    jobs: JobsOption = None,
    profile: Annotated[
        bool, typer.Option("--profile", help="At the end, print the seconds each stage took on standard error.")
    ] = False,
    engine: Annotated[
        str,
        typer.Option("--engine", metavar="ENGINE", help="local (worker processes here) or dask (a Dask cluster)."),
    ] = "local",
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler",
            metavar="ADDRESS",
            help="With --engine dask: the running scheduler to use (tcp://host:8786); without it a local "
            "cluster of --jobs worker processes is started.",
        ),
    ] = None,
    partition_mb: Annotated[
        float | None,
        typer.Option(
            "--partition-mb",
            metavar="N",
            min=0,
            help="With --engine dask: the inputs of one task, in MB (default 16, less in a small corpus).",
            show_default=False,
        ),
    ] = None,
    output_dir: Annotated[
        str | None,
        typer.Option(
            "--output-dir",
            metavar="URL",
            help="With --engine dask: each partition writes a JSON Lines part here (a new folder or URL), "
            "then a manifest.json; nothing is gathered.",
        ),
    ] = None,
) -> None:
    """Extract facts (the default command).

    `extract PATH...` is short for `extract run PATH...`."""
    if fmt not in FORMATS:
        raise typer.BadParameter(f"{fmt!r} is not one of {', '.join(FORMATS)}", param_hint="--format")
    if bom and fmt in ("json", "jsonl"):
        raise typer.BadParameter(
            "a byte-order mark makes JSON unreadable to JSON parsers; use it with csv", param_hint="--bom"
        )
    check_paths(paths, output)
    settings = dict(follow=follow, output=output, show_warnings=not quiet, max_warnings=max_warnings, jobs=jobs)
    if engine == "dask":
        dask_engine = cluster_engine(paths, fmt, output, scheduler, jobs, output_dir)
        extraction = dask_engine.ClusterExtraction(
            rules_dir, encoding, **settings, scheduler=scheduler, partition_mb=partition_mb
        )
    elif engine != "local":
        raise typer.BadParameter(f"{engine!r} is not one of local, dask", param_hint="--engine")
    elif scheduler or partition_mb is not None or output_dir:
        raise typer.BadParameter("--scheduler, --partition-mb and --output-dir need --engine dask")
    else:
        extraction = Extraction(rules_dir, encoding, **settings, render=fmt if fmt in RENDERED else None)
    if STDIN in paths and sys.stdin.isatty():
        stderr.print("reading the document from standard input; end it with Ctrl-D")
    try:
        if output_dir:
            extraction.write_parts(paths, output_dir)
        else:
            with output_file(output) as out:
                writer = Writer(out, fmt, bom)
                for result in extraction.results(paths):
                    with extraction.clock.stage("write"):
                        writer.write(result.record, result.rendered)
                writer.close()
    except OutputError as error:
        stderr.print(f"error: {error}")
        raise typer.Exit(ExitCode.CANNOT_WRITE) from None
    if not quiet and stderr.is_terminal:
        stderr.print(extraction.summary())
    if profile:
        stderr.print(extraction.clock.report())
    extraction.finish()


def cluster_engine(
    paths: list[str], fmt: str, output: Path | None, scheduler: str | None, jobs: int | None, output_dir: str | None
):
    """The Dask engine's module, once the options make sense for it; imported only now (an optional extra)."""
    if STDIN in paths:
        raise typer.BadParameter("standard input cannot be read on a cluster: give files or URLs", param_hint="PATH")
    if scheduler and jobs:
        raise typer.BadParameter("--jobs sizes a local cluster; a running one has its workers", param_hint="--jobs")
    if output_dir and (output or fmt not in ("json", "jsonl")):  # json is the default: parts are records all the same
        raise typer.BadParameter("it writes JSON Lines parts: no -o, no csv or table", param_hint="--output-dir")
    try:
        from extract import dask_engine
    except ImportError as error:
        raise typer.BadParameter(
            f"the Dask engine needs the dask extra ({error}): pip install 'extract[dask]'", param_hint="--engine"
        ) from None
    if output_dir:
        dask_engine.check_output_dir(output_dir)
    return dask_engine


@app.command("schema", cls=Command, epilog=SCHEMA_EPILOG)
def schema() -> None:
    """Print the JSON Schema of a document record.

    Generated from the pydantic models that write the output."""
    from extract.models import Document

    print(json.dumps(Document.model_json_schema(mode="serialization"), ensure_ascii=False, indent=2))


@app.command("rules", cls=Command, epilog=RULES_EPILOG)
def list_rules(
    folder: Annotated[
        Path | None,
        typer.Argument(metavar="DIR", help="Rule folder, as --rules DIR.", file_okay=False, show_default=False),
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
        from extract import ruletest

        raise typer.Exit(ExitCode.OK if ruletest.run(rules, sys.stdout) else ExitCode.CHECK_FAILED)
    for rule in rules:
        print(f"{rule.id}\t{rule.kind}\t{rule.description}")
    for signal in rules.signals.values():
        print(f"{signal.id}\tsignal\t{signal.spec.description}")


def main() -> None:
    try:
        app(prog_name="extract")
    except KeyboardInterrupt:
        sys.exit(ExitCode.INTERRUPTED)
