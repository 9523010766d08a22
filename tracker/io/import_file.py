"""One entry for every file an import takes: told apart by its content, planned, never written here.

The command line and the window both come through `plan_file_import` (by way of
tracker.usecases.importing, which makes the plan they read), so a file means the same in both: a
repute/1 JSON file, the marketplace's transaction history or weekly summary (CSV), or the profile's
work history (JSON).
"""

from __future__ import annotations

from collections.abc import Iterable, Set
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tracker.io.plan_edits import Regrouping
from tracker.io.problems import InputError
from tracker.io.summary_lines import SummaryLine, summary_lines
from tracker.records.changes import Change
from tracker.records.model import Log

if TYPE_CHECKING:
    from tracker.io.upwork.import_words import UpworkSummary

AUTO = "auto"
REPUTE_JSON = "json"
UPWORK_CSV = "upwork-csv"
UPWORK_SUMMARY = "upwork-summary"
UPWORK_WORK_HISTORY = "upwork-work-history"
FORMATS = (AUTO, REPUTE_JSON, UPWORK_CSV, UPWORK_SUMMARY, UPWORK_WORK_HISTORY)


@dataclass(frozen=True)
class ImportOptions:
    """What the user said about the file (the command line's options, the window's answers)."""

    format: str = AUTO
    replace: bool = False
    freelancer: str | None = None
    agency: bool = False
    date_order: str | None = None
    other_profile: bool = False
    label: str = "import"
    regroupings: tuple[Regrouping, ...] = ()  # the window's merges and splits of new contracts


@dataclass(frozen=True)
class FilePlan:
    """The Change an import makes, its summary, and (for the marketplace's files) the plan of
    contracts `--dry-run` prints; `upwork` is a statement's UpworkSummary (its contracts, the
    payments held back)."""

    format: str
    change: Change
    summary: tuple[SummaryLine, ...]
    plan_lines: tuple[str, ...]
    upwork: UpworkSummary | None = None


# What a summary says was done, as what a dry run or a preview would do: before anything is
# written, "Added 5 payments" under "nothing was written" contradicts itself.
_PLANNED_WORDS = (
    ("Added ", "Add "),
    ("Applied ", "Apply "),
    ("Skipped ", "Skip "),
    ("Ignored ", "Ignore "),
    ("Moved ", "Move "),
    ("Made ", "Make "),
    ("Completed ", "Complete "),
    ("added: ", "would be added: "),
    ("replaced: ", "would be replaced: "),
    ("skipped, already there: ", "would be skipped, already there: "),
    ("settings changed: ", "settings that would change: "),
    ("ignored: ", "would be ignored: "),
    ("profile taken from the file", "the profile would be taken from the file"),
)


def planned_line(line: str) -> str:
    """A summary line about a written import, worded for one not written yet (a capital first
    letter, as the window's sentences have, is kept)."""
    lowered = line[:1].lower() + line[1:]
    for done, planned in _PLANNED_WORDS:
        if lowered.startswith(done[:1].lower() + done[1:]):
            worded = planned + line[len(done) :]
            return worded[:1].upper() + worded[1:] if line[:1].isupper() else worded
    return line


def detect_format(data: bytes) -> str:
    """The file's format by its content (never its name).

    Raises:
        InputError: an empty file, or one that is none of the formats.
    """
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if head in (b"{", b"["):
        from tracker.io.upwork.work_history import looks_like_work_history

        return UPWORK_WORK_HISTORY if looks_like_work_history(data) else REPUTE_JSON
    from tracker.io.upwork.statement import looks_like_upwork_csv

    if looks_like_upwork_csv(data):
        from tracker.io.upwork.statement import layout_of

        return UPWORK_SUMMARY if layout_of(data) == "summary" else UPWORK_CSV
    if not data.strip():
        raise InputError("", "the file is empty")
    from tracker.io.upwork.layout import EXPECTED

    raise InputError(
        "",
        "this is neither a repute/1 JSON file, the profile's work history (JSON) nor an export "
        f"of the marketplace Repute knows; expected the columns {EXPECTED}",
    )


def plan_file_import(
    data: bytes,
    existing: Log,
    applied_refs: Set[str],
    options: ImportOptions,
    remembered: Iterable[tuple[str, str, str]] = (),
) -> FilePlan:
    """The plan of importing `data` into `existing`; nothing is written. `remembered` is the
    grouping of the statement payments earlier imports applied (`Repository.import_groups`).

    Raises:
        InputError: a bad file, a conflict, a choice the user must make (DateOrderNeeded,
            FreelancerChoiceNeeded, OtherProfile): one sentence saying what and where.
    """
    kind = detect_format(data) if options.format == AUTO else options.format
    if kind == REPUTE_JSON:
        from tracker.io.import_plan import plan_import
        from tracker.io.json_format import parse_repute_json

        plan = plan_import(
            existing,
            parse_repute_json(data, existing),
            replace=options.replace,
            label=options.label,
            other_profile=options.other_profile,
        )
        lines = plan.summary.lines()
        dry = ("Dry run: nothing was written.", *map(planned_line, lines))
        return FilePlan(kind, plan.change, tuple(summary_lines(lines)), dry)
    if kind == UPWORK_WORK_HISTORY:
        from tracker.io.upwork.work_history import plan_work_history

        history = plan_work_history(data, existing, label=options.label)
        summary = tuple(history.summary())
        dry = (
            "Dry run: nothing was written. The import would:",
            *(planned_line(line.printed()) for line in summary),
        )
        return FilePlan(kind, history.change, summary, dry)
    from tracker.io.upwork.statement import plan_upwork_import

    statement = plan_upwork_import(
        data,
        existing,
        applied_refs,
        replace=options.replace,
        label=options.label,
        date_order=options.date_order,
        freelancer=options.freelancer,
        agency=options.agency,
        layouts=("summary",) if kind == UPWORK_SUMMARY else ("older", "2025"),
        remembered=remembered,
    )
    upwork = statement.summary
    return FilePlan(
        kind,
        statement.change,
        tuple(upwork.summary()),
        tuple(map(planned_line, upwork.plan_lines())),
        upwork=upwork,
    )


__all__ = [
    "FORMATS",
    "FilePlan",
    "ImportOptions",
    "InputError",
    "detect_format",
    "plan_file_import",
    "planned_line",
]
