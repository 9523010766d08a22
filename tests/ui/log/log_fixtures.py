"""The log pages' tests' small log, in-memory repository and fixtures (real Operations, engine).

Not a conftest.py: tests/ui's tests import their conftest by name, and a second conftest module
here would shadow it; the tests here import these fixtures explicitly instead.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from tracker.records.changes import Change, apply_to_log
from tracker.records.model import Client, Contract, Feedback, Log, Payment, Profile

AS_OF = date(2025, 6, 1)


def sample_log() -> Log:
    """Two clients, three contracts: one ended with feedback, one open, one ended recently."""
    return Log(
        profile=Profile(name="Jane Doe"),
        clients=(Client("acme", "Acme Ltd", "US"), Client("bolt", "Bolt Studio", "DE")),
        contracts=(
            Contract("k-1", "acme", "fixed", date(2025, 1, 3), title="Logo redesign",
                     ended=date(2025, 3, 1), closed_by="client", end_reason="completed"),
            Contract("k-2", "bolt", "hourly", date(2025, 2, 1), title="API upkeep"),
            Contract("k-3", "bolt", "fixed", date(2025, 4, 1), title="Brand site",
                     ended=date(2025, 5, 10), closed_by="client", end_reason="completed"),
        ),
        payments=(
            Payment("k-1", date(2025, 2, 28), Decimal("450.00"), "TX-1"),
            Payment("k-1", date(2025, 3, 1), Decimal("300.00")),
            Payment("k-2", date(2025, 3, 1), Decimal("1200.00"), "TX-2"),
            Payment("k-3", date(2025, 5, 10), Decimal("2000.00"), "TX-3"),
        ),
        feedback=(
            Feedback("k-1", date(2025, 3, 2), stars=Decimal("4.8"), private=9,
                     private_is_guess=True, comment="Great work"),
            Feedback("k-3", date(2025, 5, 12), stars=Decimal("5.0")),
        ),
    )  # fmt: skip


@dataclass
class MemoryRepository:
    """The repository's shape kept in memory: apply, undo, redo, and what was applied."""

    current: Log
    applied: list[Change] = field(default_factory=list)
    undone: list[Change] = field(default_factory=list)

    def log(self) -> Log:
        return self.current

    def apply(self, change: Change, *, planned_on: Log | None = None) -> Log:
        self.current = apply_to_log(self.current, change)
        self.applied.append(change)
        return self.current

    def undo(self) -> Change | None:
        if not self.applied:
            return None
        change = self.applied.pop()
        inverse = Change(label=change.label, added=change.removed, removed=change.added)
        self.current = apply_to_log(self.current, inverse)
        self.undone.append(change)
        return change

    def redo(self) -> Change | None:
        if not self.undone:
            return None
        change = self.undone.pop()
        self.current = apply_to_log(self.current, change)
        self.applied.append(change)
        return change

    @property
    def undo_label(self) -> str | None:
        return self.applied[-1].label if self.applied else None

    @property
    def redo_label(self) -> str | None:
        return self.undone[-1].label if self.undone else None

    def take_outside_change(self) -> bool:
        return False

    def is_empty(self) -> bool:
        return not (self.current.contracts or self.current.clients)

    def close(self) -> None:
        pass


@pytest.fixture(name="repository")
def repository_fixture() -> MemoryRepository:
    return MemoryRepository(sample_log())


@pytest.fixture(name="operations")
def operations_fixture(qapp: Any, repository: MemoryRepository) -> Any:
    from ui.operations import Operations

    return Operations(repository, AS_OF, poll_interval_ms=0)


Filler = Callable[..., None]


@pytest.fixture(name="fill")
def fill_fixture() -> Filler:
    """Type into a form: a str goes in as the user would type it, anything else through write()."""

    from ui.log.forms.fields import DateField, MoneyField, TextField
    from ui.log.forms.pickers import ReferenceField

    def fill_fields(dialog: Any, **values: object) -> None:
        for key, value in values.items():
            target = dialog.field(key.replace("__", "."))
            if isinstance(value, str) and isinstance(target, ReferenceField):
                target.combo.setEditText(value)
            elif isinstance(value, str) and isinstance(target, TextField | DateField | MoneyField):
                target.edit.setText(value)
            else:
                target.write(value)

    return fill_fields
