"""The log's tables as files name them, in file order, and the stable order of their records.

Exports sort by these keys so the same log always gives the same bytes, whatever order the
records were loaded in.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from tracker.changes import Record
from tracker.model import (
    Client,
    Contract,
    Event,
    Feedback,
    Invite,
    Log,
    Payment,
    Proposal,
    Snapshot,
)

# Table name -> record type, in the order of the file format.
TABLES: dict[str, type] = {
    "clients": Client,
    "contracts": Contract,
    "payments": Payment,
    "feedback": Feedback,
    "invites": Invite,
    "proposals": Proposal,
    "snapshots": Snapshot,
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
    "events": lambda r: (r.date, r.kind),
}


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
