"""The repository: the one place that writes the log, and the place that undoes it.

A Repository owns one connection. It hands out the whole Log (cached, and read again when another
process has written since), applies a Change as one transaction, and keeps the undo and redo
stacks in memory. The first write of each day leaves a daily backup first.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from types import TracebackType
from typing import Protocol, TypeVar

from tracker.records.changes import Change, apply_to_log
from tracker.records.kinds import kind_of
from tracker.records.model import Log
from tracker.store.copying import copy_database
from tracker.store.db import connect
from tracker.store.errors import StoreError, translating
from tracker.store.loading import holds_records, in_stable_order, load_log
from tracker.store.tables import setting_text, setting_value
from tracker.store.writing import Edit, write

__all__ = ["Repository", "StoreError"]

# How many times an import is planned again when other writers keep committing before it can.
_REPLANS = 20


class _Plan(Protocol):
    @property
    def change(self) -> Change: ...


PlanT = TypeVar("PlanT", bound=_Plan)


@dataclass(frozen=True, slots=True)
class _Step:
    """A change as the user made it, and the edit that takes the database the other way."""

    change: Change
    edit: Edit


class Repository:
    """The log in one database file: read it, change it, undo and redo the changes."""

    def __init__(
        self, path: Path, connection: sqlite3.Connection, clock: Callable[[], datetime]
    ) -> None:
        self.path = path
        self._connection = connection
        self._clock = clock
        self._log: Log | None = None
        self._seen_version: int | None = None
        self._undo: list[_Step] = []
        self._redo: list[_Step] = []
        self._outside_change = False
        self._backed_up_on: date | None = None
        self._on_close: list[Callable[[], None]] = []

    @classmethod
    def open(
        cls, path: Path, *, create: bool, clock: Callable[[], datetime] = datetime.now
    ) -> Repository:
        """Open (and upgrade) the database at `path`.

        Args:
            path: the database file.
            create: True for commands that write: a missing or empty file becomes a new
                database. False refuses a missing one with "no database at PATH".
            clock: the wall clock, for backup names and the first write of the day.

        Raises:
            StoreError: see `tracker.store.db.connect`.
        """
        path = Path(path)
        return cls(path, connect(path, create=create, clock=clock), clock)

    def log(self) -> Log:
        """The whole log, read again only when another connection has written since."""
        with translating(self.path):
            if self._log is None or self._data_version() != self._seen_version:
                self._outside_change = self._log is not None
                self._log, self._seen_version = load_log(self._connection, path=self.path)
            return self._log

    def read_tables(self, names: Collection[str]) -> Log:
        """A fresh read of the profile, settings and the named tables only (not cached)."""
        with translating(self.path):
            return load_log(self._connection, only=names, path=self.path)[0]

    def daily_counts(self, table: str) -> list[tuple[date, int]]:
        """How many invites (or proposals) are dated on each day, by date: all a rate needs."""
        if table not in ("invites", "proposals"):
            raise ValueError(f"no dates to count in {table}")
        with translating(self.path):
            rows = self._connection.execute(
                f"SELECT date, COUNT(*) FROM {table} GROUP BY date ORDER BY date"
            )
            return [(date.fromisoformat(text), count) for text, count in rows]

    def applied_refs(self) -> frozenset[str]:
        """The marketplace transaction and ref ids that imports have applied."""
        with translating(self.path):
            rows = self._connection.execute("SELECT ref FROM applied_refs")
            return frozenset(ref for (ref,) in rows)

    def import_groups(self) -> tuple[tuple[str, str, str], ...]:
        """(ref, grouping, ISO day) of every statement payment imports applied, by grouping."""
        with translating(self.path):
            rows = self._connection.execute(
                "SELECT ref, grouping, day FROM import_groups ORDER BY grouping, day, ref"
            )
            return tuple((ref, grouping, day) for ref, grouping, day in rows)

    def apply(self, change: Change, *, planned_on: Log | None = None) -> Log:
        """Write `change` in one transaction, make it undoable, and return the new log.

        Removals come first, then additions, so a replacement is the old record removed and the
        new one added. Removing a contract does not remove its payments and feedback: the change
        must list them, or the foreign keys refuse it. `planned_on` is the log an import was
        planned against (a log this repository handed out): the write is refused when the
        database is no longer that log, since the plan may then add what is already there.

        Raises:
            StoreError: when the change does not fit the stored log (a record to remove that is
                not there, a key already taken, a dangling reference), kind "stale" when the log
                is not `planned_on` any more, or the machine fails. Nothing is written then.
        """
        if change.is_empty():
            return self.log()
        planned_at = None
        if planned_on is not None:
            current = planned_on is self._log and self._seen_version is not None
            planned_at = self._seen_version if current else -1
        inverse = self._write(Edit.of(change), planned_at)
        self._undo.append(_Step(change, inverse))
        self._redo.clear()
        assert self._log is not None
        return self._log

    def apply_planned(
        self, plan: Callable[[Log], PlanT], *, before_write: Callable[[], object] = lambda: None
    ) -> PlanT:
        """Plan a change on the log and write it, planning again when another writer got first.

        The plan is checked inside the write transaction against the log it was made on, so two
        imports of one file at once add its records once. `before_write` (the backup before an
        import) runs once, before the first write.

        Raises:
            StoreError: as `apply`, or kind "stale" when the log kept changing for every try.
            Whatever `plan` raises.
        """
        prepared = False
        for _ in range(_REPLANS):
            log = self.log()
            made = plan(log)
            if made.change.is_empty():
                return made
            if not prepared:
                before_write()
                prepared = True
            try:
                self.apply(made.change, planned_on=log)
            except StoreError as error:
                if error.kind != "stale":
                    raise
                continue
            return made
        raise StoreError(
            f"{self.path} kept being changed by other windows or commands; nothing was changed, "
            "try again",
            kind="stale",
            path=self.path,
        )

    def undo(self) -> Change | None:
        """Take back the last change; returns it, or None when there is nothing to undo."""
        if not self._undo:
            return None
        step = self._undo[-1]
        redo_edit = self._write(step.edit)
        self._undo.pop()
        self._redo.append(_Step(step.change, redo_edit))
        return step.change

    def redo(self) -> Change | None:
        """Apply again the last change undone; returns it, or None when there is none."""
        if not self._redo:
            return None
        step = self._redo[-1]
        undo_edit = self._write(step.edit)
        self._redo.pop()
        self._undo.append(_Step(step.change, undo_edit))
        return step.change

    @property
    def undo_label(self) -> str | None:
        """What undo would take back, in the change's own words ("add contract 'Logo redesign'")."""
        return self._undo[-1].change.label if self._undo else None

    @property
    def redo_label(self) -> str | None:
        return self._redo[-1].change.label if self._redo else None

    def changed_elsewhere(self) -> bool:
        """True when another connection has written since this one last read the log."""
        with translating(self.path):
            return self._seen_version is not None and self._data_version() != self._seen_version

    def take_outside_change(self) -> bool:
        """True once after another connection wrote: the log is read again, the history dropped.

        The undo and redo steps were made against the log as it was; after a change from outside
        they may refer to records that are gone or changed, so none of them is kept.
        """
        self.log()
        if not self._outside_change:
            return False
        self._outside_change = False
        self._undo.clear()
        self._redo.clear()
        return True

    def is_empty(self) -> bool:
        """True when the database holds nothing yet (no backup is worth making of it)."""
        with translating(self.path):
            return not holds_records(self._connection)

    def copy_to(self, destination: Path) -> None:
        """Write a consistent copy of the database to `destination` (a new file, 0600).

        A failure names the copy: the database is open and sound, so what fails is the writing.
        """
        with translating(destination):
            copy_database(self._connection, destination)

    def release_on_close(self, release: Callable[[], None]) -> None:
        """Run `release` once the repository is closed (a window lets go of its file's lock)."""
        self._on_close.append(release)

    def close(self) -> None:
        try:
            self._connection.close()
        finally:
            while self._on_close:
                self._on_close.pop()()

    def __enter__(self) -> Repository:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def _write(self, edit: Edit, planned_at: int | None = None) -> Edit:
        """Run one edit, keep the cached log in step with it, and return its inverse."""
        self._backup_if_first_write_today()
        with translating(self.path):
            inverse, version_before = write(self._connection, edit, planned_at=planned_at)
            if self._log is not None and version_before == self._seen_version:
                self._log = _edited(self._log, edit)
            else:
                self._log, self._seen_version = load_log(self._connection, path=self.path)
        return inverse

    def _backup_if_first_write_today(self) -> None:
        now = self._clock()
        if self._backed_up_on == now.date():
            return
        from tracker.store import backups  # a reader never writes: it need not load them

        made = backups.daily_backup_if_needed(self, now=now)
        if made is not None or backups.has_daily_backup(self.path, now.date()):
            self._backed_up_on = now.date()

    def _data_version(self) -> int:
        (version,) = self._connection.execute("PRAGMA data_version").fetchone()
        return int(version)


def _edited(log: Log, edit: Edit) -> Log:
    """The log after `edit`, computed in memory, equal to what reading the database would give."""
    settings = {key: _as_stored(value) for key, value in edit.settings}
    change = Change(
        label="", added=edit.added, removed=edit.removed, profile=edit.profile, settings=settings
    )
    touched = {kind_of(kind).table for kind in {*map(type, edit.added), *map(type, edit.removed)}}
    return in_stable_order(apply_to_log(log, change), touched)


def _as_stored(value: object) -> object:
    """A setting's value as it comes back from the database (JSON: tuples become lists)."""
    return None if value is None else setting_value(setting_text(value))
