"""The command line shared by the scripts that generate a data file of rules/: write it, or --check
that the committed file is what the script would write."""

import argparse
import sys
from collections.abc import Callable
from pathlib import Path


def write_or_check(description: str, render: Callable[[], str], output: Path, regenerate: str) -> None:
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--check", action="store_true", help="compare with the committed file instead of writing")
    parser.add_argument("--output", type=Path, default=output)
    args = parser.parse_args()
    text = render()
    if args.check:
        if args.output.read_text(encoding="utf-8") != text:
            sys.exit(f"{args.output} is out of date: {regenerate}")
        return
    args.output.write_text(text, encoding="utf-8")
