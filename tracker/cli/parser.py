"""The command line's arguments: one parser for every command of the interface, and its types."""

from __future__ import annotations

import argparse
import math
from datetime import date
from typing import NoReturn

from tracker.cli.output import one_line
from tracker.records.date_range import outside_range
from tracker.records.kinds import LOG_ORDER

COMMANDS = (
    "import",
    "export",
    "score",
    "explain",
    "trend",
    "forecast",
    "whatif",
    "plan",
    "calibrate",
    "backup",
    "restore",
)
TABLES = LOG_ORDER
IMPORT_FORMATS = ("auto", "json", "upwork-csv", "upwork-summary", "upwork-work-history")


def iso_date(text: str) -> date:
    """An option's date: exactly YYYY-MM-DD, a real calendar day, in the accepted range."""
    try:
        if len(text) != 10:
            raise ValueError
        day = date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date (YYYY-MM-DD)") from None
    if (beyond := outside_range(day, f"'{text}'")) is not None:
        raise argparse.ArgumentTypeError(beyond)
    return day


def finite_number(text: str) -> float:
    """An option's number: finite (never inf or nan, which no amount, target or rating can be)."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number") from None
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"'{text}' is not a finite number")
    return value


class OneLineParser(argparse.ArgumentParser):
    """argparse with its usage errors as one line (`repute score: error: ...`), exit 2.

    The usage summary argparse would print first is left to `--help`: a refusal is one sentence.
    """

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {one_line(message)} (see {self.prog} --help)\n")


def build_parser(program: type[OneLineParser] = OneLineParser) -> OneLineParser:
    """The commands' parser; `program` is the class of its top level (main.py adds the window's
    options to it, and says them first in its help), the commands' own parsers are OneLineParser.
    """
    db_parent = OneLineParser(add_help=False)
    db_parent.add_argument("--db", default=argparse.SUPPRESS, help="the database file")
    parser = program(
        prog="repute",
        description="Repute: estimate your Job Success Score from your own log, offline.",
    )
    parser.add_argument(
        "--db", default=None, help="the database file (default: REPUTE_DB, else the data folder)"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=OneLineParser)

    def command(name: str, text: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, help=text, description=text, parents=[db_parent])

    def rules_json(p: argparse.ArgumentParser, as_of: bool = True) -> None:
        if as_of:
            p.add_argument("--as-of", type=iso_date, help="evaluate on this day (default today)")
        p.add_argument("--rules", help="a rule set's name (default: the database's setting)")
        p.add_argument("--json", action="store_true", help="print JSON")

    p = command(
        "import",
        "add the records of a repute/1 JSON file or one of the marketplace's export files",
    )
    p.add_argument("file")
    p.add_argument("--format", choices=IMPORT_FORMATS, default="auto")
    p.add_argument("--replace", action="store_true", help="replace records that differ")
    whose = p.add_mutually_exclusive_group()
    whose.add_argument(
        "--freelancer", metavar="NAME", help="an agency's statement: only this person's work"
    )
    whose.add_argument(
        "--agency", action="store_true", help="an agency's statement: everyone's work"
    )
    p.add_argument(
        "--date-order",
        choices=("dmy", "mdy"),
        help="how the file's numeric dates are written (day first or month first)",
    )
    p.add_argument(
        "--dry-run", action="store_true", help="print what the import would do; write nothing"
    )
    p.add_argument(
        "--other-profile",
        action="store_true",
        help="import a file whose profile is another person's",
    )
    p = command("export", "write the whole log (.json) or one table (.csv)")
    p.add_argument("file")
    p.add_argument("--table", choices=TABLES)
    rules_json(command("score", "the estimate on a day"))
    p = command("explain", "per-contract accounting; with --since, why the estimate moved")
    rules_json(p)
    p.add_argument("--since", type=iso_date)
    p = command(
        "trend", "the estimate over time, the recorded values, the invite and proposal rates"
    )
    p.add_argument("--from", dest="start", type=iso_date)
    p.add_argument("--to", dest="end", type=iso_date)
    p.add_argument(
        "--step",
        choices=("day", "week", "update"),
        help="default: day; week for the table printed at a terminal",
    )
    p.add_argument("--rules")
    fmt = p.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true")
    fmt.add_argument("--csv", action="store_true")
    p = command("forecast", "the coming dates on which the estimate changes with no new activity")
    rules_json(p)
    p.add_argument("--until", type=iso_date)
    p = command("whatif", "the estimate before and after a change that is never written")
    p.add_argument("--change", required=True, help="a change file (JSON)")
    rules_json(p)
    p = command("plan", "how many good contracts reach a target score")
    p.add_argument("--target", type=finite_number, required=True)
    p.add_argument("--by", type=iso_date)
    p.add_argument("--amount", type=finite_number)
    p.add_argument("--stars", type=finite_number, default=5.0)
    p.add_argument("--private", type=int)
    p.add_argument("--per-month", type=int, default=2)
    rules_json(p)
    p = command("calibrate", "fit the model to the official values you recorded")
    p.add_argument("--save", metavar="NAME")
    p.add_argument("--json", action="store_true")
    p = command("backup", "a consistent copy of the database now")
    p.add_argument("file", nargs="?")
    p = command("restore", "check a copy, keep the current database, put the copy in its place")
    p.add_argument("file")
    return parser
