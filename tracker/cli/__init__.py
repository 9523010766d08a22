"""The command line of the interface: import, export, score, explain, trend, forecast, ...

`run` parses the arguments, resolves the run's Startup (tracker.startup) once, and hands the
database and the day to the command's handler (tracker.cli.commands); output.py says how every
command writes and fails. main.py parses with the program's one parser and calls `execute`.
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
from tracker.collector import cycle_collection_paused
from tracker.startup import BadToday, Startup, resolve_startup


def run(argv: Sequence[str], environ: Mapping[str, str] | None = None) -> int:
    """Run one command line (the entry of the tests: main.py parses for itself); the exit code.

    `environ` is the run's environment (the process's own when None).
    """
    return ending_quietly(lambda: _run(argv, os.environ if environ is None else environ))


def _run(argv: Sequence[str], environ: Mapping[str, str]) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as stop:  # argparse's own usage errors (exit 2) and --help (exit 0)
        return stop.code if isinstance(stop.code, int) else 2
    if args.command is None:
        parser.print_help()
        return 0
    startup = startup_of(args, environ)
    if startup is None:
        return 2
    return _execute(args, startup)


def startup_of(args: argparse.Namespace, environ: Mapping[str, str]) -> Startup | None:
    """The run's Startup; None after one line on stderr when REPUTE_TODAY is not a date."""
    try:
        return resolve_startup(args.db, environ)
    except BadToday as error:
        who = f"repute {args.command}" if args.command else "repute"
        sys.stderr.write(f"{who}: error: {one_line(str(error))}\n")
        return None


def execute(args: argparse.Namespace, startup: Startup) -> int:
    """Run the parsed command on the run's Startup; returns the exit code.

    A reader that stops early (`repute trend | head -1`) closes the pipe: the command then ends
    quietly with CLOSED_PIPE_EXIT, whatever it had still to print.
    """
    return ending_quietly(lambda: _execute(args, startup))


def ending_quietly(work: Callable[[], int]) -> int:
    """`work()`, with what it printed flushed; CLOSED_PIPE_EXIT when the reader has gone."""
    try:
        code = work()
        sys.stdout.flush()
        return code
    except BrokenPipeError:
        silence_stdout()
        return CLOSED_PIPE_EXIT


def _execute(args: argparse.Namespace, startup: Startup) -> int:
    # A command is a short process whose records (acyclic, all alive until it ends) would be
    # traversed again and again by the cycle collector: a fifth of `score` on an agency's log.
    # Paused before the handlers' imports too (main.start pauses it from the process's start).
    with cycle_collection_paused():
        try:
            from tracker.cli.commands import HANDLERS  # they import the engine and the store

            handler: Callable[[argparse.Namespace, Path, date], int] = HANDLERS[args.command]
            args.input_limit = startup.input_limit
            return handler(args, startup.db_path, startup.today)
        except UsageError as error:
            sys.stderr.write(f"repute {args.command}: error: {one_line(str(error))}\n")
            return 2
        except DataError as error:
            sys.stderr.write(f"{one_line(str(error))}\n")
            return 1
