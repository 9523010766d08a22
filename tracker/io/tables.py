"""The log's tables as files show them: a sheet's columns, and the stable order of the records.

Exports sort by each kind's order (tracker.records.kinds) so the same log always gives the same
bytes, whatever order the records were loaded in.
"""

from __future__ import annotations

from dataclasses import replace

from tracker.records.changes import Record
from tracker.records.kinds import KINDS, kind_named
from tracker.records.model import SUB_SCORES, Log


def columns_of(table: str) -> list[str]:
    """A table's fields as columns of a sheet: its JSON keys, sub-scores as `scores.skills`, ..."""
    columns: list[str] = []
    for name in kind_named(table).fields:
        if name == "scores":
            columns.extend(f"scores.{score}" for score in SUB_SCORES)
        else:
            columns.append(name)
    return columns


def records_in_order(log: Log, table: str) -> list[Record]:
    """One table's records in the stable order exports use."""
    return sorted(getattr(log, table), key=kind_named(table).sort_key)


def stable_order(log: Log) -> Log:
    """The same log with every table in the stable order (and settings sorted by key)."""
    return replace(
        log,
        settings=tuple(sorted(log.settings)),
        **{kind.table: tuple(records_in_order(log, kind.table)) for kind in KINDS},  # type: ignore[arg-type]
    )
