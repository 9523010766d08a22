"""The log's tables as files name them, in file order, and the stable order of their records.

Exports sort by these keys so the same log always gives the same bytes, whatever order the
records were loaded in.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from tracker.records.changes import Record
from tracker.records.model import (
    SUB_SCORES,
    Client,
    Contract,
    CountedMark,
    Event,
    Feedback,
    Invite,
    Log,
    Payment,
    Proposal,
    Snapshot,
)
from tracker.records.validation import FIELDS

# Table name -> record type, in the order of the file format.
TABLES: dict[str, type] = {
    "clients": Client,
    "contracts": Contract,
    "payments": Payment,
    "feedback": Feedback,
    "invites": Invite,
    "proposals": Proposal,
    "snapshots": Snapshot,
    "counted_marks": CountedMark,
    "events": Event,
}

SORT_KEYS: dict[str, Callable[[Any], tuple[Any, ...]]] = {
    "clients": lambda r: (r.id,),
    "contracts": lambda r: (r.id,),
    "payments": lambda r: (r.contract, r.date, r.ref or "", r.amount),
    "feedback": lambda r: (r.contract, r.date, r.kind),
    "invites": lambda r: (r.id,),
    "proposals": lambda r: (r.id,),
    "snapshots": lambda r: (r.date,),
    "counted_marks": lambda r: (r.contract, r.date),
    "events": lambda r: (r.date, r.kind),
}


def columns_of(table: str) -> list[str]:
    """A table's fields as columns of a sheet: its JSON keys, sub-scores as `scores.skills`, ..."""
    columns: list[str] = []
    for name in FIELDS[TABLES[table]]:
        if name == "scores":
            columns.extend(f"scores.{score}" for score in SUB_SCORES)
        else:
            columns.append(name)
    return columns


def records_in_order(log: Log, table: str) -> list[Record]:
    """One table's records in the stable order exports use."""
    return sorted(getattr(log, table), key=SORT_KEYS[table])


def stable_order(log: Log) -> Log:
    """The same log with every table in the stable order (and settings sorted by key)."""
    return replace(
        log,
        settings=tuple(sorted(log.settings)),
        **{table: tuple(records_in_order(log, table)) for table in TABLES},  # type: ignore[arg-type]
    )
