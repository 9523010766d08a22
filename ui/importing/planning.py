"""What an import would do, worked out without Qt: the Change, its summary in words, the estimate
before and after. Runs on the planning thread; nothing here writes.

The file's kind is found by its content (a transaction history's header, else repute/1 JSON), not
its name, so a history saved as `.txt` still imports.
"""

from __future__ import annotations

from collections.abc import Callable, Set
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from tracker.changes import Change, apply_to_log
from tracker.io.fragment import Fragment
from tracker.model import Log

ScoreReport = Callable[[Log, date], dict[str, Any]]
HELD_BACK = "Held back "
TRANSACTION_HISTORY = "transaction history"
REPUTE_JSON = "Repute file"
SPREADSHEET = "spreadsheet"


@dataclass(frozen=True)
class Estimate:
    """The estimate as the dashboard shows it: its exact value, or why it is hidden."""

    exact: float | None
    hidden_reason: str | None = None


@dataclass(frozen=True)
class ImportPreview:
    """Everything the preview dialog shows, and the Change that Import applies.

    `conflict` is set (a sentence) when records differ from the log's and the user may plan again
    with replace; `needs_you` are the summary's sentences about what the user must finish.
    """

    name: str
    kind: str
    change: Change
    lines: tuple[str, ...]
    needs_you: tuple[str, ...] = ()
    before: Estimate = Estimate(None)
    after: Estimate = Estimate(None)
    conflict: str | None = None
    replacing: bool = False
    planned_on: Log | None = None  # the log the change was planned against (checked on writing)

    @property
    def is_empty(self) -> bool:
        return self.change.is_empty()


def estimate_of(report: dict[str, Any]) -> Estimate:
    exact = report.get("exact") if report.get("status") == "shown" else None
    return Estimate(float(exact) if exact is not None else None, report.get("hidden_reason"))


def _window_words(line: str) -> str:
    """The command line's hint becomes the preview's button."""
    return line.replace("; import again with --replace to use the payments instead.", ".")


def _is_transaction_history(data: bytes) -> bool:
    from tracker.io.upwork_csv import looks_like_upwork_csv

    return looks_like_upwork_csv(data)


def plan_file(
    name: str,
    data: bytes,
    log: Log,
    applied_refs: Set[str],
    *,
    replace: bool,
) -> tuple[str, Change, list[str], list[str], str | None]:
    """The kind, Change, summary lines, needs-you lines and held-back conflict of importing `data`.

    Raises:
        InputError: a bad file, or (JSON) records that differ from the log's without `replace`.
    """
    label = f"import {name}"
    if _is_transaction_history(data):
        from tracker.io.upwork_csv import plan_upwork_import

        plan = plan_upwork_import(data, log, applied_refs, replace=replace, label=label)
        lines = [_window_words(line) for line in plan.summary.lines()]
        needs = [line for line in lines if line.startswith("Needs you")]
        held = [line for line in lines if line.startswith(HELD_BACK)]
        summary = [line for line in lines if line not in needs]
        conflict = None
        if held and not replace:
            conflict = (
                "Some contracts have an amount earned typed in, and the file has their payments. "
                "Replacing clears the typed amount and lists the payments instead."
            )
        return TRANSACTION_HISTORY, plan.change, summary, needs, conflict
    from tracker.io.import_plan import plan_import
    from tracker.io.json_format import parse_repute_json

    json_plan = plan_import(log, parse_repute_json(data, log), replace=replace, label=label)
    return (
        REPUTE_JSON,
        json_plan.change,
        [_sentence(x) for x in json_plan.summary.lines()],
        [],
        None,
    )


def _sentence(line: str) -> str:
    text = line[:1].upper() + line[1:]
    return text if text.endswith(".") else text + "."


def conflict_words(error: BaseException) -> str | None:
    """The sentence of an import refused only because records differ (else None)."""
    if getattr(error, "path", None) != "conflict":
        return None
    message = str(getattr(error, "message", error)).split("; use --replace")[0]
    return message[:1].upper() + message[1:] + "."


def needs_you_of(log_after: Log, change: Change) -> list[str]:
    """New contracts without an end date or feedback, in one sentence (JSON and sheets)."""
    from tracker.model import Contract

    added = [r for r in change.added if isinstance(r, Contract)]
    old = {c.id for c in change.removed if isinstance(c, Contract)}
    rated = {f.contract for f in log_after.feedback}
    open_ids = [c for c in added if c.id not in old and c.ended is None]
    unrated = [c for c in added if c.id not in old and c.ended is not None and c.id not in rated]
    lines = []
    if open_ids:
        lines.append(
            f"Needs you: {_count(len(open_ids), 'new contract is', 'new contracts are')} open "
            f"({_titles(open_ids)}); when each ends, add its end date and feedback."
        )
    if unrated:
        lines.append(
            f"Needs you: {_count(len(unrated), 'new contract has', 'new contracts have')} ended "
            f"without feedback ({_titles(unrated)}); add it when it comes."
        )
    return lines


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _titles(contracts: list[Any]) -> str:
    shown = ", ".join(c.title or c.id for c in contracts[:5])
    return shown if len(contracts) <= 5 else f"{shown} and {len(contracts) - 5} more"


def preview_change(
    name: str,
    kind: str,
    change: Change,
    lines: list[str],
    needs: list[str],
    log: Log,
    score: ScoreReport,
    as_of: date,
    *,
    conflict: str | None = None,
    replacing: bool = False,
) -> ImportPreview:
    """The preview of `change` on `log`: its words and the estimate before and after."""
    before = estimate_of(score(log, as_of))
    after_log = apply_to_log(log, change) if not change.is_empty() else log
    after = estimate_of(score(after_log, as_of)) if not change.is_empty() else before
    if kind != TRANSACTION_HISTORY:
        needs = needs + needs_you_of(after_log, change)
    return ImportPreview(
        name=name,
        kind=kind,
        change=change,
        lines=tuple(lines),
        needs_you=tuple(needs),
        before=before,
        after=after,
        conflict=conflict,
        replacing=replacing,
        planned_on=log,
    )


def preview_file(
    path: Path,
    log: Log,
    applied_refs: Set[str],
    score: ScoreReport,
    as_of: date,
    *,
    replace: bool,
    limit: int,
) -> ImportPreview:
    """Read, plan and score an import of the file at `path` (the whole planning thread's work).

    Raises:
        InputError: a bad file; a JSON conflict is not raised but returned as `conflict`.
    """
    from tracker.io.input_file import read_input_file
    from tracker.io.problems import InputError

    data = read_input_file(path, limit)
    try:
        kind, change, lines, needs, conflict = plan_file(
            path.name, data, log, applied_refs, replace=replace
        )
    except InputError as error:
        words = conflict_words(error)
        if words is None:
            raise
        empty = Change(label=f"import {path.name}")
        estimate = estimate_of(score(log, as_of))
        return ImportPreview(
            path.name, REPUTE_JSON, empty, (), before=estimate, after=estimate, conflict=words
        )
    return preview_change(
        path.name,
        kind,
        change,
        lines,
        needs,
        log,
        score,
        as_of,
        conflict=conflict,
        replacing=replace,
    )


def preview_sheet(
    name: str,
    fragment: Fragment,
    log: Log,
    score: ScoreReport,
    as_of: date,
    *,
    replace: bool,
) -> ImportPreview:
    """Plan and score a mapped spreadsheet's records like any import (conflicts returned, not
    raised)."""
    from tracker.io.import_plan import plan_import
    from tracker.io.problems import InputError

    try:
        plan = plan_import(log, fragment, replace=replace, label=f"import {name}")
    except InputError as error:
        words = conflict_words(error)
        if words is None:
            raise
        estimate = estimate_of(score(log, as_of))
        empty = Change(label=f"import {name}")
        return ImportPreview(
            name, SPREADSHEET, empty, (), before=estimate, after=estimate, conflict=words
        )
    lines = [_sentence(line) for line in plan.summary.lines()]
    return preview_change(
        name, SPREADSHEET, plan.change, lines, [], log, score, as_of, replacing=replace
    )
