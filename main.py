"""Repute's composition root: arguments and environment -> a Startup -> a command, or the window.

Nothing else starts anything. `python main.py` opens the window; `python main.py COMMAND ...` runs a
command without one; `python main.py --screenshot OUT.png` renders the window to a picture. One
parser reads the arguments (no COMMAND means the window), and the environment is read once, here,
into a tracker.startup.Startup that the command's handler or the window is given.
"""

from __future__ import annotations

import argparse
import atexit
import contextlib
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, NoReturn

# The packages of pyproject.toml's dependencies, by the name Python imports them under.
DEPENDENCIES = ("PySide6", "pyqtgraph", "platformdirs", "numpy", "orjson")
INSTALL = "python3 -m venv .venv && .venv/bin/pip install -e ."

WINDOW_USAGE = "%(prog)s [--db DB] [--as-of DAY] [--screenshot OUT.png ...] | %(prog)s COMMAND ..."
WINDOW_DESCRIPTION = "Open the Repute window (with no COMMAND), or run a COMMAND without it."
COMMANDS_HEADING = "\nCommands (python main.py COMMAND --help for one):\n\n"
DEFAULT_SIZE = "1280x800"
DEFAULT_PAGE = "overview"


def window_options() -> list[tuple[str, dict[str, Any]]]:
    """The window's options (besides --db), each declared once: parsed and shown in the help."""
    from tracker.cli.parser import iso_date

    return [
        ("--screenshot", {"metavar": "OUT.png", "help": "save the window as a PNG and exit"}),
        ("--size", {"help": "window size for --screenshot (WxH)"}),
        (
            "--as-of",
            {
                "dest": "window_as_of",  # a command's own --as-of is another option
                "metavar": "AS_OF",
                "type": iso_date,
                "help": "show the log as on this day",
            },
        ),
        (
            "--page",
            {
                "help": "the page --screenshot shows: overview, trend, why, whatif, model, "
                "log:Contracts, ...",
            },
        ),
    ]


def window_help() -> str:
    """The help's first part: how to open the window, and its options.

    argparse lays the text out (the same columns and wrapping as the commands' part); the parser
    that does it only formats, and never sees an argument.
    """
    from tracker.cli.parser import OneLineParser

    shown = OneLineParser(prog="repute", description=WINDOW_DESCRIPTION, usage=WINDOW_USAGE)
    shown.add_argument("--db", help="the database file")
    for flag, options in window_options():
        shown.add_argument(flag, **options)
    return shown.format_help()


def program_parser() -> argparse.ArgumentParser:
    """The one parser of the program: the window's options, or a COMMAND and its options.

    Its help is one help for the one program: the window's options, then the commands.
    """
    from tracker.cli.parser import OneLineParser, build_parser

    class ProgramParser(OneLineParser):
        def format_help(self) -> str:
            return window_help() + COMMANDS_HEADING + super().format_help()

    parser = build_parser(ProgramParser)
    for flag, options in window_options():
        # Said in the window's part of the help, not again in the commands'.
        parser.add_argument(flag, **{**options, "help": argparse.SUPPRESS})
    return parser


def keep_private() -> None:
    """Everything Repute writes is for its user alone, whatever the umask it was started with.

    The store and exports set 0600/0700 themselves; this also covers what Qt writes (the window's
    settings with the recent databases, a `--screenshot` picture) and every file made later.
    """
    os.umask(0o077)


def main(argv: Sequence[str] | None = None, *, end_at_once: bool = False) -> int:
    """Run Repute; a package this Python lacks is one sentence saying how to install it.

    end_at_once: a command or a --screenshot ends the process as soon as its work is done
    (see end_process); only the program's entry point asks for it, never a caller in-process.
    """
    try:
        return start(list(sys.argv[1:] if argv is None else argv), end_at_once)
    except ModuleNotFoundError as error:
        missing = (error.name or "").split(".")[0]
        if missing not in DEPENDENCIES:
            raise
        sys.stderr.write(
            f"repute: this Python ({sys.executable}) lacks the package '{missing}' that Repute"
            f" needs: run `{INSTALL}` in {Path(__file__).resolve().parent} to install it, then"
            " start Repute with `.venv/bin/python main.py` (or `.venv/bin/repute`)\n"
        )
        return 1


def run() -> NoReturn:
    """The program's entry point: `python main.py`, the installed `repute` and the bundle."""
    from tracker import dataclass_bytecode

    # Before the modules whose classes it serves; saved as the process ends (end_process, or
    # the interpreter's own end after the window).
    dataclass_bytecode.install(dataclass_bytecode.default_path())
    atexit.register(dataclass_bytecode.save)
    sys.exit(main(end_at_once=True))


def start(argv: list[str], end_at_once: bool = False) -> int:
    keep_private()
    from tracker.cli import ending_quietly
    from tracker.collector import cycle_collection_paused

    # Start-up makes a hundred thousand objects (modules, classes, the records), none of them
    # garbage: with the cycle collector running, its passes over them were 4% of `score`. A
    # command ends with it paused; the open window resumes it (ui.app.run_window).
    with cycle_collection_paused():
        return ending_quietly(lambda: run_program(argv, end_at_once))


def end_process(code: int) -> NoReturn:
    """End the process now with `code`, without the interpreter's tear-down.

    When a command or a --screenshot returns, its work is done: the database is closed (every
    change committed in its transaction), the files are written, the scratch folder is removed,
    and what was printed is flushed here. The tear-down would only free, object by object, the
    memory the system takes back at once: at an agency's scale a third of a second after the
    answer, which a script calling `repute score` in a loop pays every time. The open window is
    not ended this way: Qt hands the clipboard over and writes its settings as it ends.
    """
    for stream in (sys.stdout, sys.stderr):
        # A reader gone or a stream already closed: nothing more can be said to it.
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    from tracker import dataclass_bytecode

    dataclass_bytecode.save()  # os._exit runs no atexit function
    os._exit(code)


@dataclass(frozen=True)
class WindowArguments:
    """What the arguments ask of the window (when they name no COMMAND)."""

    as_of: date | None
    screenshot: Path | None
    size: tuple[int, int]
    page: str


def run_program(argv: list[str], end_at_once: bool = False) -> int:
    from tracker.cli import execute, startup_of

    parser = program_parser()
    try:
        args = parser.parse_args(argv)
        window = window_arguments(parser, args)
    except SystemExit as stop:  # a usage error (exit 2), or the help printed (exit 0)
        return stop.code if isinstance(stop.code, int) else 2
    startup = startup_of(args, os.environ)
    if startup is None:
        return 2
    if window is None:
        code = execute(args, startup)
    elif window.screenshot is not None:
        from ui.screenshot import save_screenshot

        code = save_screenshot(
            startup, window.screenshot, window.size, window.as_of, page=window.page
        )
    else:
        from ui.app import run_window

        return run_window(startup, window.as_of)
    if end_at_once and not being_watched():
        end_process(code)
    return code


def being_watched() -> bool:
    """True under a profiler or a tracer (cProfile, coverage, a debugger): each writes what it
    saw as the interpreter ends, so the process is left to end the ordinary way."""
    return sys.getprofile() is not None or sys.gettrace() is not None


def window_arguments(
    parser: argparse.ArgumentParser, args: argparse.Namespace
) -> WindowArguments | None:
    """The window's arguments, checked; None for a COMMAND (which takes none of them).

    Raises:
        SystemExit: (2, after one line on stderr) for a window option that is wrong or given
            with a COMMAND.
    """
    given = [
        flag
        for flag, options in window_options()
        if getattr(args, options.get("dest", flag.removeprefix("--"))) is not None
    ]
    if args.command is not None:
        if given:
            parser.error(f"{given[0]} is an option of the window, not of {args.command}")
        return None
    text = args.size or DEFAULT_SIZE
    try:
        width, height = (int(v) for v in text.lower().split("x"))
        if width < 200 or height < 200:
            raise ValueError
    except ValueError:
        parser.error(f"--size '{text}' is not WIDTHxHEIGHT (e.g. 1280x800)")
    charts_are_installed()
    from ui.pyside_defects import cheap_feature_check

    cheap_feature_check()  # before the window's modules are imported: each costs less then
    from ui.navigation import page_keys

    page = args.page or DEFAULT_PAGE
    pages = ["log", *page_keys()]
    if page not in pages:
        parser.error(f"--page '{page}' is not a page; the pages are: {', '.join(pages)}")
    return WindowArguments(
        as_of=args.window_as_of,
        screenshot=Path(args.screenshot) if args.screenshot else None,
        size=(width, height),
        page=page,
    )


def charts_are_installed() -> None:
    """The charts' packages are imported after the window has painted its estimate: say now, in
    main's one sentence, when one is missing, not later from inside the window.

    Raises:
        ModuleNotFoundError: pyqtgraph or numpy is not installed in this Python.
    """
    from importlib.util import find_spec

    for name in ("pyqtgraph", "numpy"):
        if find_spec(name) is None:
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)


if __name__ == "__main__":
    run()
