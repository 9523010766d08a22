"""What a form is, apart from its widgets: its fields, how they make a record, and its checks."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from tracker.records.changes import Change, Record, apply_to_log
from tracker.records.model import Log
from ui.log.forms.checks import Problem, record_problems
from ui.log.forms.fields import Field


@dataclass(frozen=True)
class Draft:
    """The record a valid form would save, with the records it brings along (a new client)."""

    record: Record
    extras: tuple[Record, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class Section:
    """A small heading between groups of fields ("How it ended")."""

    title: str


@dataclass
class FormSpec:
    """A record's form: the fields in order, how their values become a Draft, and what it checks.

    `original` is the record being edited (None for a new one); `fixed` lists the fields that may
    not change on edit (an id other records point to).
    """

    noun: str
    rows: Sequence[Field | Section]
    build: Callable[[dict[str, object]], Draft]
    log: Log
    original: Record | None = None
    fixed: tuple[str, ...] = ()
    wire: Callable[[dict[str, Field]], None] | None = None

    @property
    def title(self) -> str:
        return f"Edit {self.noun}" if self.original is not None else f"New {self.noun}"

    @property
    def fields(self) -> list[Field]:
        return [row for row in self.rows if isinstance(row, Field)]

    def problems(self, draft: Draft) -> list[Problem]:
        """What is wrong with saving the draft, the records it brings along counted as there."""
        log = self.log
        if draft.extras:
            log = apply_to_log(log, Change(label="", added=draft.extras))
        return record_problems(draft.record, log, self.original)
