"""Repute's composition root: arguments -> data path -> the command line, or the window.

Nothing else starts anything. `python main.py` opens the window; `python main.py COMMAND ...` runs a
command without one; `python main.py --screenshot OUT.png` renders the window to a picture.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

# The packages of pyproject.toml's dependencies, by the name Python imports them under.
DEPENDENCIES = ("PySide6", "pyqtgraph", "sqlite_utils", "platformdirs", "numpy")
INSTALL = "python3 -m venv .venv && .venv/bin/pip install -e ."


def window_parser() -> argparse.ArgumentParser:
    from tracker.cli.parser import OneLineParser, iso_date

    parser = OneLineParser(
        prog="repute",
        description="Open the Repute window (with no COMMAND), or run a COMMAND without it.",
        usage="%(prog)s [--db DB] [--as-of DAY] [--screenshot OUT.png ...] | %(prog)s COMMAND ...",
    )
    parser.add_argument("--db", default=None, help="the database file")
    parser.add_argument("--screenshot", metavar="OUT.png", help="save the window as a PNG and exit")
    parser.add_argument("--size", default="1280x800", help="window size for --screenshot (WxH)")
    parser.add_argument("--as-of", type=iso_date, help="show the log as on this day")
    parser.add_argument(
        "--page",
        default="overview",
        help="the page --screenshot shows: overview, trend, why, whatif, model, log:Contracts, ...",
    )
    return parser


def window_arguments(argv: Sequence[str]) -> argparse.Namespace:
    parser = window_parser()
    args = parser.parse_args(argv)
    try:
        width, height = (int(v) for v in args.size.lower().split("x"))
        if width < 200 or height < 200:
            raise ValueError
    except ValueError:
        parser.error(f"--size '{args.size}' is not WIDTHxHEIGHT (e.g. 1280x800)")
    args.size_tuple = (width, height)
    from ui.navigation import page_keys

    pages = ["log", *page_keys()]
    if args.page not in pages:
        parser.error(f"--page '{args.page}' is not a page; the pages are: {', '.join(pages)}")
    return args


WINDOW_OPTIONS_WITH_VALUE = ("--db", "--screenshot", "--size", "--as-of", "--page")


def first_word(argv: Sequence[str]) -> str | None:
    """The first argument that is neither an option nor an option's value: the command, if any."""
    skip = False
    for arg in argv:
        if skip:
            skip = False
        elif arg in WINDOW_OPTIONS_WITH_VALUE:
            skip = True
        elif not arg.startswith("-"):
            return arg
    return None


def keep_private() -> None:
    """Everything Repute writes is for its user alone, whatever the umask it was started with.

    The store and exports set 0600/0700 themselves; this also covers what Qt writes (the window's
    settings with the recent databases, a `--screenshot` picture) and every file made later.
    """
    os.umask(0o077)


def main(argv: Sequence[str] | None = None) -> int:
    """Run Repute; a package this Python lacks is one sentence saying how to install it."""
    try:
        return start(list(sys.argv[1:] if argv is None else argv))
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


def start(argv: list[str]) -> int:
    keep_private()
    from tracker.cli import run

    if first_word(argv) is not None:
        return run(argv)
    if "-h" in argv or "--help" in argv:
        # The window's options first, then the commands: one help for the one program.
        from tracker.cli.output import CLOSED_PIPE_EXIT, silence_stdout

        try:
            window_parser().print_help()
            print("\nCommands (python main.py COMMAND --help for one):\n", flush=True)
        except BrokenPipeError:
            silence_stdout()
            return CLOSED_PIPE_EXIT
        return run(["--help"])
    args = window_arguments(argv)
    from tracker.paths import resolve_db_path
    from tracker.today import BadToday, today

    try:
        today()  # the window follows REPUTE_TODAY: refuse a bad one before it opens
    except BadToday as error:
        sys.stderr.write(f"repute: error: {error}\n")
        return 2
    db_path: Path = resolve_db_path(args.db, os.environ)
    if args.screenshot:
        from ui.screenshot import save_screenshot

        return save_screenshot(
            db_path, Path(args.screenshot), args.size_tuple, args.as_of, page=args.page
        )
    from ui.app import run_window

    return run_window(db_path, args.as_of)


if __name__ == "__main__":
    sys.exit(main())
