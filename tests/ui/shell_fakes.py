"""An in-memory twin of the repository (with its undo stack), and a recorder of dialogs.

The window's tests use the real engine; only the database is kept in memory.
"""

from __future__ import annotations

import tempfile
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QMessageBox

from tracker.records.changes import Change, apply_to_log
from tracker.records.kinds import TABLE_NAMES
from tracker.records.model import Log


def _inverse(change: Change, before: Log) -> Change:
    return Change(
        label=change.label,
        added=change.removed,
        removed=change.added,
        profile=before.profile if change.profile is not None else None,
        settings={key: before.setting(key) for key in (change.settings or {})} or None,
    )


def _scratch_path() -> Path:
    """Where a fake made without a path would keep its backups: a folder of its own, made only
    when a backup is written."""
    return Path(tempfile.gettempdir()) / f"repute-fake-{uuid.uuid4().hex}" / "log.sqlite3"


@dataclass(frozen=True)
class _Step:
    """A change, the change that takes it back, and the import marks it was first to apply."""

    change: Change
    inverse: Change
    new_refs: frozenset[str]
    new_groups: tuple[tuple[str, str, str], ...]


@dataclass
class FakeRepository:
    """An in-memory repository with the undo stack of tracker.store.repository.

    It keeps the import marks (applied refs, statement groups) as the store does, and its copy is
    a real database holding its log, so a backup of it can be opened and read.
    """

    current: Log = field(default_factory=Log)
    path: Path = field(default_factory=_scratch_path)
    elsewhere: bool = False
    closed: bool = False
    applied: list[Change] = field(default_factory=list)
    refs: set[str] = field(default_factory=set)
    groups: dict[str, tuple[str, str, str]] = field(default_factory=dict)
    _undo: list[_Step] = field(default_factory=list)
    _redo: list[_Step] = field(default_factory=list)

    def log(self) -> Log:
        return self.current

    def applied_refs(self) -> frozenset[str]:
        return frozenset(self.refs)

    def import_groups(self) -> tuple[tuple[str, str, str], ...]:
        return tuple(sorted(self.groups.values(), key=lambda g: (g[1], g[2], g[0])))

    def apply(self, change: Change, *, planned_on: Log | None = None) -> Log:
        if planned_on is not None and planned_on is not self.current:
            from tracker.store.errors import StoreError

            raise StoreError("the log was changed since this was planned", kind="stale")
        step = _Step(
            change,
            _inverse(change, self.current),
            frozenset(change.applied_refs) - self.refs,
            tuple(g for g in change.import_groups if self.groups.get(g[0]) != g),
        )
        self._forward(step)
        self.applied.append(change)
        self._undo.append(step)
        self._redo.clear()
        return self.current

    def undo(self) -> Change | None:
        if not self._undo:
            return None
        step = self._undo.pop()
        self.current = apply_to_log(self.current, step.inverse)
        self.refs -= step.new_refs
        for ref, _, _ in step.new_groups:
            self.groups.pop(ref, None)
        self._redo.append(step)
        return step.change

    def redo(self) -> Change | None:
        if not self._redo:
            return None
        step = self._redo.pop()
        self._forward(step)
        self._undo.append(step)
        return step.change

    def _forward(self, step: _Step) -> None:
        self.current = apply_to_log(self.current, step.change)
        self.refs |= step.new_refs
        self.groups.update((group[0], group) for group in step.new_groups)

    @property
    def undo_label(self) -> str | None:
        return self._undo[-1].change.label if self._undo else None

    @property
    def redo_label(self) -> str | None:
        return self._redo[-1].change.label if self._redo else None

    def take_outside_change(self) -> bool:
        was, self.elsewhere = self.elsewhere, False
        if was:
            self._undo.clear()
            self._redo.clear()
        return was

    def is_empty(self) -> bool:
        return not any(getattr(self.current, table) for table in TABLE_NAMES)

    def copy_to(self, destination: Path) -> None:
        """Write a new database at `destination` holding this log and its import marks."""
        from tracker.store import Repository, StoreError, make_private_folders

        if destination.exists():
            raise StoreError(f"{destination} already exists", kind="exists", path=destination)
        make_private_folders(destination.parent)
        log = self.current
        whole = Change(
            label="copy",
            added=tuple(record for table in TABLE_NAMES for record in getattr(log, table)),
            profile=log.profile,
            settings=dict(log.settings) or None,
            applied_refs=tuple(sorted(self.refs)),
            import_groups=self.import_groups(),
        )
        with Repository.open(destination, create=True) as copy:
            copy.apply(whole)

    def close(self) -> None:
        self.closed = True


class DialogLog:
    """What the code under test asked of message boxes and file dialogs (none is ever shown)."""

    def __init__(self) -> None:
        self.messages: list[tuple[str, str, str]] = []
        self.answer = QMessageBox.StandardButton.Yes
        self.file_name = ""

    def box(self, kind: str) -> Any:
        def shown(_parent: Any, title: str, text: str, *args: Any, **kwargs: Any) -> Any:
            self.messages.append((kind, title, text))
            return self.answer if kind == "question" else QMessageBox.StandardButton.Ok

        return shown

    def dialog(self, *_args: Any, **_kwargs: Any) -> tuple[str, str]:
        return self.file_name, ""
