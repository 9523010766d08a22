"""The command line of the interface: import, export, score, explain, trend, forecast, ...

`run` parses the arguments, resolves the database and today once, and hands them to the command's
handler (tracker.cli.commands); output.py says how every command writes and fails.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from pathlib import Path

from tracker.cli.output import (
    CLOSED_PIPE_EXIT,
    DataError,
    UsageError,
    one_line,
    silence_stdout,
)
from tracker.cli.parser import build_parser
from tracker.paths import resolve_db_path
from tracker.today import BadToday, today


def run(argv: Sequence[str], environ: Mapping[str, str] | None = None) -> int:
    """Run one command; returns the exit code.

    A reader that stops early (`repute trend | head -1`) closes the pipe: the command then ends
    quietly with CLOSED_PIPE_EXIT, whatever it had still to print.
    """
    try:
        code = run_command(argv, environ)
        sys.stdout.flush()
        return code
    except BrokenPipeError:
        silence_stdout()
        return CLOSED_PIPE_EXIT


def run_command(argv: Sequence[str], environ: Mapping[str, str] | None = None) -> int:
    environ = os.environ if environ is None else environ
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as stop:  # argparse's own usage errors (exit 2) and --help (exit 0)
        return stop.code if isinstance(stop.code, int) else 2
    if args.command is None:
        parser.print_help()
        return 0
    try:
        day = today()
    except BadToday as error:
        sys.stderr.write(f"repute {args.command}: error: {one_line(str(error))}\n")
        return 2
    db_path = resolve_db_path(args.db, environ)
    from tracker.cli.commands import HANDLERS  # the handlers import the engine and the store

    handler: Callable[[argparse.Namespace, Path, date], int] = HANDLERS[args.command]
    from tracker.io.input_file import input_limit

    args.input_limit = input_limit(environ)
    try:
        return handler(args, db_path, day)
    except UsageError as error:
        sys.stderr.write(f"repute {args.command}: error: {one_line(str(error))}\n")
        return 2
    except DataError as error:
        sys.stderr.write(f"{one_line(str(error))}\n")
        return 1


def main(argv: Sequence[str] | None = None) -> int:
    return run(sys.argv[1:] if argv is None else argv)
