"""What each command does: open the database, ask the engine, print; or read a file and write."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from tracker.cli import json_out
from tracker.cli import text as cli_text
from tracker.cli.output import DataError, UsageError, emit, one_line, read_input
from tracker.cli.parser import TABLES
from tracker.engine import reports
from tracker.engine.rules import UnknownRules, resolve
from tracker.io.problems import InputError
from tracker.records.model import Log
from tracker.store import StoreError, backup, open_repository, restore

if TYPE_CHECKING:
    from tracker.usecases.importing import ImportPlan


@contextmanager
def translated_errors() -> Iterator[None]:
    """User-caused errors become one line and exit 1 (exit 2 for an unknown rule set)."""
    try:
        yield
    except (StoreError, InputError) as error:
        raise DataError(str(error)) from None
    except UnknownRules as error:
        raise UsageError(str(error)) from None


@contextmanager
def whole_file_named(file: str) -> Iterator[None]:
    """A problem of the whole file (empty, of no known kind) is located by the file's name."""
    try:
        yield
    except InputError as error:
        if error.path:
            raise
        raise InputError(file, error.message) from None


# What the score needs; invites, proposals and snapshots only feed the trend and calibration.
SCORE_TABLES = ("clients", "contracts", "payments", "feedback", "events")


def read_log(path: Path, tables: tuple[str, ...] | None = None) -> Log:
    """The log in the database at `path` (only the named tables, when given)."""
    repo = open_repository(path, create=False)
    try:
        return repo.log() if tables is None else repo.read_tables(tables)
    finally:
        repo.close()


def check_rules(log: Log, name: str | None) -> None:
    resolve(log, name)


def cmd_score(args: argparse.Namespace, db: Path, today: date) -> int:
    with translated_errors():
        log = read_log(db, SCORE_TABLES)
        check_rules(log, args.rules)
        as_of = args.as_of or today
        report = reports.score_report(log, as_of, args.rules, with_next_change=not args.json)
    if args.json:
        emit(json_out.score_json(report))
    else:
        print(cli_text.score_text(report))
    return 0


def cmd_explain(args: argparse.Namespace, db: Path, today: date) -> int:
    as_of = args.as_of or today
    if args.since is not None and args.since >= as_of:
        raise UsageError(f"--since {args.since} must be before --as-of {as_of}")
    with translated_errors():
        log = read_log(db, SCORE_TABLES)
        check_rules(log, args.rules)
        if args.since is None:
            report = reports.score_report(log, as_of, args.rules, with_next_change=False)
            if args.json:
                emit(json_out.score_json(report))
            else:
                print(cli_text.score_text(report))
            return 0
        explained = reports.explain_since_report(log, args.since, as_of, args.rules)
    if args.json:
        emit(json_out.explained_json(explained))
    else:
        print(cli_text.explain_since_text(explained))
    return 0


def cmd_trend(args: argparse.Namespace, db: Path, today: date) -> int:
    end = args.end or today
    start = args.start or reports.default_trend_start(end)
    if start > end:
        raise UsageError(f"--from {start} is after --to {end}")
    with translated_errors():
        repo = open_repository(db, create=False)
        try:
            log = repo.read_tables((*SCORE_TABLES, "snapshots"))
            invite_counts = repo.daily_counts("invites")
            proposal_counts = repo.daily_counts("proposals")
        finally:
            repo.close()
        check_rules(log, args.rules)
        report = reports.trend_report(
            log, start, end, trend_step(args), args.rules, invite_counts, proposal_counts
        )
    if args.json:
        emit(json_out.trend_json(report))
    elif args.csv:
        sys.stdout.write(json_out.trend_csv(report))
    else:
        print(cli_text.trend_text(report))
    return 0


def trend_step(args: argparse.Namespace) -> str:
    """--step, else `day` (interface.md), except for the table a person reads at a terminal:
    two years of days is 733 lines, so weeks."""
    if args.step is not None:
        return str(args.step)
    for_a_person = not (args.json or args.csv) and sys.stdout.isatty()
    return "week" if for_a_person else "day"


def cmd_forecast(args: argparse.Namespace, db: Path, today: date) -> int:
    as_of = args.as_of or today
    if args.until is not None and args.until <= as_of:
        raise UsageError(f"--until {args.until} must be after --as-of {as_of}")
    with translated_errors():
        log = read_log(db, SCORE_TABLES)
        check_rules(log, args.rules)
        report = reports.forecast_report(log, as_of, args.until, args.rules)
    if args.json:
        emit(json_out.forecast_json(report))
    else:
        print(cli_text.forecast_text(report))
    return 0


def _database_exists(db: Path) -> bool:
    """A database file with something in it (a 0-byte file counts as new)."""
    try:
        return db.stat().st_size > 0
    except OSError:
        return False


def cmd_import(args: argparse.Namespace, db: Path, today: date) -> int:
    from tracker.usecases.importing import ImportOptions, import_into, plan_file

    data = read_input(args.file, args.input_limit)
    name = Path(args.file).name
    options = ImportOptions(
        format=args.format,
        replace=args.replace,
        freelancer=args.freelancer,
        agency=args.agency,
        date_order=args.date_order,
        other_profile=args.other_profile,
    )
    with translated_errors(), whole_file_named(args.file):
        # The file is planned before the database is created, so a refused file leaves none.
        repo = open_repository(db, create=False) if _database_exists(db) else None
        created = False
        try:
            plan: ImportPlan | None = None
            if repo is None:
                # Planned on an empty log first: a refused file leaves no database behind.
                plan = plan_file(name, data, Log(), frozenset(), options)
            elif args.dry_run:
                plan = plan_file(
                    name, data, repo.log(), repo.applied_refs(), options, repo.import_groups()
                )
            if plan is not None:
                refuse_conflict(plan)
            if args.dry_run:
                assert plan is not None
                print("\n".join(map(one_line, plan.dry_run)))
                return 0
            if plan is None or not plan.is_empty:
                if repo is None:
                    created = is_new_database(db)
                    repo = open_repository(db, create=True)
                plan = import_into(repo, name, data, options)
                refuse_conflict(plan)
        finally:
            if repo is not None:
                repo.close()
    print("\n".join(one_line(line.printed()) for line in plan.summary))
    print(one_line(database_line(db, created, written=not plan.is_empty)))
    return 0


def refuse_conflict(plan: ImportPlan) -> None:
    """Records that differ from the database: refused whole, saying how to replace them."""
    if plan.conflict is not None:
        differences = "; ".join(plan.conflict.differences)
        raise DataError(f"conflict: {differences}; use --replace to replace them")


def is_new_database(db: Path) -> bool:
    """No file yet, or a 0-byte one (which opening makes a new database)."""
    try:
        return db.stat().st_size == 0
    except FileNotFoundError:
        return True
    except OSError:  # not reachable: opening it gives the one-line refusal
        return False


def database_line(db: Path, created: bool, *, written: bool) -> str:
    """Where an import went: a mistyped --db must not make a new database unnoticed."""
    where = os.path.abspath(db)
    if created:
        return f"created {where}"
    if written:
        return f"written to {where}"
    if not db.exists():
        return f"nothing to write, so no database was made at {where}"
    return f"nothing to write: {where} is unchanged"


def cmd_export(args: argparse.Namespace, db: Path, today: date) -> int:
    from tracker.io.json_format import export_json, write_atomically

    target = Path(args.file)
    with translated_errors():
        log = read_log(db)
        if target.suffix.lower() == ".csv":
            if not args.table:
                raise UsageError("a .csv export needs --table (" + ", ".join(TABLES) + ")")
            from tracker.io.csv_tables import export_table_csv

            data = export_table_csv(log, args.table)
        elif target.suffix.lower() == ".json":
            data = export_json(log)
        else:
            raise UsageError(f"{args.file}: the file name must end in .json or .csv")
        if _same_file(target, db):
            raise DataError(f"cannot export onto the database itself ({db}); choose another file")
        try:
            write_atomically(target, data)
        except OSError as error:
            raise DataError(f"{args.file}: cannot write ({error.strerror})") from None
    print(f"exported to {target}")
    return 0


def _same_file(one: Path, other: Path) -> bool:
    """True when both paths name one file (through a link, `..` or another spelling)."""
    try:
        return os.path.samefile(one, other)
    except OSError:
        return False


def cmd_backup(args: argparse.Namespace, db: Path, today: date) -> int:
    with translated_errors():
        repo = open_repository(db, create=False)
        repo.close()
        out = backup(db, Path(args.file) if args.file else None)
    print(f"backed up to {out}")
    return 0


def cmd_restore(args: argparse.Namespace, db: Path, today: date) -> int:
    with translated_errors():
        kept = restore(db, Path(args.file))
    print(
        f"restored {args.file} to {db}"
        + (f"; the previous database is kept at {kept}" if kept else "")
    )
    return 0


def cmd_whatif(args: argparse.Namespace, db: Path, today: date) -> int:
    from tracker.records.changes import ChangeError
    from tracker.usecases.whatif_file import changed_log, read_whatif_file

    as_of = args.as_of or today
    data = read_input(args.change, args.input_limit)
    with translated_errors():
        log = read_log(db)
        check_rules(log, args.rules)
        whatif = read_whatif_file(data, log)
        try:
            changed = changed_log(log, whatif)
        except ChangeError as error:
            raise DataError(f"{args.change}: {error}") from None
        from tracker.engine.whatif import whatif_report

        report = whatif_report(log, changed, as_of, args.rules)
    if args.json:
        emit(json_out.whatif_json(report))
    else:
        from tracker.cli.text_planning import whatif_text

        print(whatif_text(report))
    return 0


def cmd_plan(args: argparse.Namespace, db: Path, today: date) -> int:
    from tracker.engine.plan import PLAN_MAX_MONTHS, PlanRequest, latest_by, plan_report

    as_of = args.as_of or today
    if not 0 <= args.target <= 100:
        raise UsageError(f"--target {args.target:g} is not between 0 and 100")
    if args.by is not None and args.by <= as_of:
        raise UsageError(f"--by {args.by} must be after --as-of {as_of}")
    if args.by is not None and args.by > latest_by(as_of):
        raise UsageError(
            f"--by {args.by} is too far: a plan looks at most {PLAN_MAX_MONTHS} months ahead"
            f" of --as-of {as_of} (until {latest_by(as_of)})"
        )
    if not 1 <= args.stars <= 5:
        raise UsageError(f"--stars {args.stars:g} is not between 1 and 5")
    if args.private is not None and not 0 <= args.private <= 10:
        raise UsageError(f"--private {args.private} is not between 0 and 10")
    if args.per_month < 1 or args.per_month > 30:
        raise UsageError(f"--per-month {args.per_month} is not between 1 and 30")
    if args.amount is not None and args.amount <= 0:
        raise UsageError(f"--amount {args.amount:g} must be more than 0")
    with translated_errors():
        log = read_log(db)
        check_rules(log, args.rules)
        request = PlanRequest.from_options(
            as_of, args.target, args.by, args.amount, args.stars, args.private, args.per_month
        )
        report = plan_report(log, request, args.rules)
    if args.json:
        emit(json_out.plan_json(report))
    else:
        from tracker.cli.text_planning import plan_text

        print(plan_text(report))
    return 0


def cmd_calibrate(args: argparse.Namespace, db: Path, today: date) -> int:
    from tracker.engine.calibration.fit import calibrate_report
    from tracker.engine.rules import AUTO, ERA_BY_NAME

    if args.save is not None and (not args.save.strip() or args.save in (AUTO, *ERA_BY_NAME)):
        raise UsageError(
            f"--save '{args.save}': a rule set needs its own name, not empty,"
            f" '{AUTO}' or a built-in one ({', '.join(ERA_BY_NAME)})"
        )
    with translated_errors():
        log = read_log(db)
        report, change = calibrate_report(log, args.save)
        if change is not None:
            repo = open_repository(db, create=False)
            try:
                repo.apply(change)
            finally:
                repo.close()
    if args.json:
        emit(json_out.calibration_json(report))
    else:
        from tracker.cli.text_planning import calibrate_text

        print(calibrate_text(report))
    return 0


HANDLERS: dict[str, Callable[[argparse.Namespace, Path, date], int]] = {
    "import": cmd_import,
    "export": cmd_export,
    "score": cmd_score,
    "explain": cmd_explain,
    "trend": cmd_trend,
    "forecast": cmd_forecast,
    "whatif": cmd_whatif,
    "plan": cmd_plan,
    "calibrate": cmd_calibrate,
    "backup": cmd_backup,
    "restore": cmd_restore,
}
