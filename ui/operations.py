"""The one path by which the window changes the log, and the one signal that tells every view.

As in Anki's `aqt.operations`: a view never writes; it hands a Change to `Operations.apply`, which
writes it in one transaction through the repository, drops the cached estimate and emits
`changed(Changes)` once. Views refresh what the Changes' tables touch. Undo lives in the repository.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QObject, QTimer, Signal

from tracker.records.changes import Change, ChangeError
from tracker.records.kinds import TABLE_NAMES, kind_of
from tracker.records.model import Log
from tracker.store import StoreError

if TYPE_CHECKING:
    from tracker.engine.results import ContractLine, Explained, Forecast, ScoreReport, Trend

LOG_TABLES = frozenset(TABLE_NAMES)
ALL_TABLES = LOG_TABLES | {"profile", "settings"}
POLL_INTERVAL_MS = 1500
FORECAST_MOVES = 3  # the coming moves the window shows (the Overview's and What if's Coming up)
OUTSIDE_CHANGE = "Updated: the log was changed by another program; undo starts again from here"


@dataclass(frozen=True)
class Changes:
    """What one step changed: the Log tables it touched and the words for the status bar.

    `reload` is true when the whole log was read again (another process wrote, another database
    was opened, the evaluation day moved): every view refreshes everything then.
    """

    tables: frozenset[str]
    label: str
    reload: bool = False
    kind: str = "apply"  # apply, undo, redo or reload

    def touches(self, *tables: str) -> bool:
        return self.reload or bool(self.tables.intersection(tables))


def tables_of(change: Change) -> frozenset[str]:
    """The Log tables a Change writes to."""
    tables = {kind_of(record).table for record in (*change.added, *change.removed)}
    if change.profile is not None:
        tables.add("profile")
    if change.settings:
        tables.add("settings")
    return frozenset(tables)


class RepositoryLike(Protocol):
    """What the window needs of tracker.store.repository.Repository (a fake in tests).

    It is also a tracker.store.backups.BackupSource: the backup before an import or on request is
    a consistent copy made through the open connection.
    """

    @property
    def path(self) -> Path: ...
    def log(self) -> Log: ...
    def applied_refs(self) -> frozenset[str]: ...
    def import_groups(self) -> tuple[tuple[str, str, str], ...]: ...
    def copy_to(self, destination: Path) -> None: ...
    def apply(self, change: Change, *, planned_on: Log | None = None) -> Log: ...
    def undo(self) -> Change | None: ...
    def redo(self) -> Change | None: ...
    @property
    def undo_label(self) -> str | None: ...
    @property
    def redo_label(self) -> str | None: ...
    def take_outside_change(self) -> bool: ...
    def is_empty(self) -> bool: ...
    def close(self) -> None: ...


class EngineReports:
    """The reports of tracker.engine.reports the window reads, in their typed results.

    Each is imported on first use, so the window paints before the engine is loaded. The one
    object a window's Operations asks; a test that watches the calls subclasses it.
    """

    def score_report(
        self,
        log: Log,
        as_of: date,
        rules: str | None = None,
        *,
        with_next_change: bool = True,
        with_contracts: bool = True,
    ) -> ScoreReport:
        from tracker.engine.reports import score_report

        return score_report(
            log, as_of, rules, with_next_change=with_next_change, with_contracts=with_contracts
        )

    def contract_lines_report(
        self, log: Log, as_of: date, rules: str | None = None
    ) -> tuple[ContractLine, ...]:
        from tracker.engine.reports import contract_lines_report

        return contract_lines_report(log, as_of, rules)

    def trend_report(
        self, log: Log, start: date, end: date, step: str = "day", rules: str | None = None
    ) -> Trend:
        from tracker.engine.reports import trend_report

        return trend_report(log, start, end, step, rules)

    def explain_since_report(
        self, log: Log, since: date, as_of: date, rules: str | None = None
    ) -> Explained:
        from tracker.engine.reports import explain_since_report

        return explain_since_report(log, since, as_of, rules)

    def forecast_report(
        self,
        log: Log,
        as_of: date,
        until: date | None = None,
        rules: str | None = None,
        *,
        moves: int | None = None,
    ) -> Forecast:
        """forecast_report; with `moves`, its first so many moves only (their causes are the
        costly part, and the window shows three)."""
        from tracker.engine.reports import forecast_report

        if moves is None:
            return forecast_report(log, as_of, until, rules)
        from tracker.engine.forecast import forecast
        from tracker.engine.reports import move_of
        from tracker.engine.results import Forecast
        from tracker.engine.rules import resolve

        result = forecast(log, as_of, resolve(log, rules), until, limit=moves)
        return Forecast(as_of, result.until, tuple(move_of(m) for m in result.moves))

    def rule_set_names(self, log: Log) -> list[str]:
        from tracker.engine.rules import rule_set_names

        return list(rule_set_names(log))

    def assumptions(self, log: Log) -> list[dict[str, Any]]:
        from tracker.engine.assumptions import list_assumptions

        return list_assumptions(log)


# The exceptions a user can cause while writing: shown as a sentence, never a crash.
USER_ERRORS: tuple[type[BaseException], ...] = (ChangeError, StoreError)


class Operations(QObject):
    """Applies changes, undoes them, and tells every view once per step what changed."""

    changed = Signal(object)
    failed = Signal(str)
    notice = Signal(str)

    def __init__(
        self,
        repository: RepositoryLike,
        as_of: date,
        parent: QObject | None = None,
        *,
        reports: EngineReports | None = None,
        poll_interval_ms: int = POLL_INTERVAL_MS,
    ) -> None:
        super().__init__(parent)
        self.repository = repository
        self.as_of = as_of
        self.reports = reports if reports is not None else EngineReports()
        self._score: ScoreReport | None = None
        self._contract_lines: tuple[ContractLine, ...] | None = None
        self._forecast: Forecast | None = None
        self.previous_exact: Fraction | None = None
        self._poll = QTimer(self)
        self._poll.setInterval(poll_interval_ms)
        self._poll.timeout.connect(self.reload_if_changed_elsewhere)
        if poll_interval_ms > 0:
            self._poll.start()

    def log(self) -> Log:
        return self.repository.log()

    @property
    def undo_label(self) -> str | None:
        return self.repository.undo_label

    @property
    def redo_label(self) -> str | None:
        return self.repository.redo_label

    def score(self) -> ScoreReport:
        """score_report of the log on as_of, computed once per change.

        Without `next_change`: the coming moves are `forecast()`, computed apart so the estimate
        can be shown before the forecast is done. Without `contracts` too: see contract_lines().
        """
        if self._score is None:
            self._score = self.reports.score_report(
                self.log(), self.as_of, with_next_change=False, with_contracts=False
            )
        return self._score

    def contract_lines(self) -> tuple[ContractLine, ...]:
        """Each contract as the estimate counts it on as_of (score_report's `contracts`), once per
        change and only when asked: the Overview, which an edit shows at once, needs none, and
        the lines were nearly half the estimate's time at 1,000 contracts."""
        if self._contract_lines is None:
            self._contract_lines = self.reports.contract_lines_report(self.log(), self.as_of)
        return self._contract_lines

    def forecast(self) -> Forecast:
        """forecast_report from as_of, its first FORECAST_MOVES moves (all the window shows), once
        per change."""
        if self._forecast is None:
            self._forecast = self.reports.forecast_report(
                self.log(), self.as_of, moves=FORECAST_MOVES
            )
        return self._forecast

    def apply(self, change: Change, *, planned_on: Log | None = None) -> Changes | None:
        """Write `change` in one transaction, then emit `changed` (or `failed` with a sentence).

        `planned_on`: the log an import's preview was planned against; when the log has changed
        since (another window or command wrote), nothing is written and `failed` says so.

        Returns:
            The Changes emitted; None when nothing was written (an empty change, or a refusal).
        """
        if change.is_empty():
            return None
        # Another program's write first: its history goes, and the views show its log, so the
        # steps left to undo are only those made on the log as it now is.
        self.reload_if_changed_elsewhere()
        before = self._exact_before()
        try:
            self.repository.apply(change, planned_on=planned_on)
        except USER_ERRORS as error:
            self.failed.emit(f"Nothing was saved: {error}")
            return None
        changes = Changes(tables_of(change), change.label)
        self._emit(changes, before)
        return changes

    def undo(self) -> None:
        if self.reload_if_changed_elsewhere():
            return
        before = self._exact_before()
        try:
            undone = self.repository.undo()
        except USER_ERRORS as error:
            self.failed.emit(f"Could not undo: {error}")
            return
        if undone is not None:
            self._emit(Changes(tables_of(undone), undone.label, kind="undo"), before)

    def redo(self) -> None:
        if self.reload_if_changed_elsewhere():
            return
        before = self._exact_before()
        try:
            redone = self.repository.redo()
        except USER_ERRORS as error:
            self.failed.emit(f"Could not redo: {error}")
            return
        if redone is not None:
            self._emit(Changes(tables_of(redone), redone.label, kind="redo"), before)

    def reload(self, label: str) -> None:
        """Tell every view to read everything again (the log was replaced or the day moved)."""
        self._emit(Changes(ALL_TABLES, label, reload=True, kind="reload"), self._exact_before())

    def reload_if_changed_elsewhere(self) -> bool:
        """Read the log again when another program wrote it; True when it had.

        The repository drops the undo history then (it was made against the old log), so the
        menu no longer offers a step that would fail.
        """
        try:
            elsewhere = self.repository.take_outside_change()
        except USER_ERRORS as error:
            self.failed.emit(str(error))
            return False
        if elsewhere:
            self.reload(OUTSIDE_CHANGE)
        return elsewhere

    def set_as_of(self, day: date) -> None:
        """Evaluate on another day (midnight passed, or the user picked a day)."""
        if day != self.as_of:
            self.as_of = day
            self.reload(f"Now evaluating on {day.isoformat()}")

    def replace_repository(self, repository: RepositoryLike, label: str) -> None:
        """Work on another database from now on; the old one is closed."""
        old = self.repository
        self.repository = repository
        if old is not repository:
            old.close()
        self.previous_exact = None
        self._score = None
        self._contract_lines = None
        self._forecast = None
        self._emit(Changes(ALL_TABLES, label, reload=True, kind="reload"), None)

    def stop_polling(self) -> None:
        self._poll.stop()

    def _exact_before(self) -> Fraction | None:
        return self.score().exact

    def _emit(self, changes: Changes, exact_before: Fraction | None) -> None:
        self._score = None
        self._contract_lines = None
        self._forecast = None
        self.previous_exact = exact_before
        self.changed.emit(changes)
