"""How each record of the log maps to a row of its table, and back.

The tables are derived from the record kinds (tracker.records.kinds), so loading, writing, the
stable order and the file formats cannot drift apart. Readers build records straight from tuples
(no dicts): loading 100,000 invites is the hot path of every command.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache
from operator import attrgetter
from typing import Any

from tracker.records.changes import Record
from tracker.records.kinds import KINDS, PROFILE, RecordKind, kind_of
from tracker.records.model import (
    Client,
    Contract,
    CountedMark,
    Feedback,
    Invite,
    Payment,
    Profile,
    Proposal,
    Snapshot,
)

Row = tuple[Any, ...]

_day = date.fromisoformat


def _iso(day: date | None) -> str | None:
    return None if day is None else _iso_text(day)


# date.isoformat formats through printf, 3,200 instructions a date; an import writes 240,000
# dates of a few thousand distinct days, so each day's text is made once (a date keeps its hash).
_iso_text = lru_cache(maxsize=65536)(date.isoformat)


def _money(amount: Decimal | None) -> str | None:
    return None if amount is None else str(amount)


def _scores_text(scores: tuple[tuple[str, Decimal], ...]) -> str:
    return json.dumps({name: str(value) for name, value in scores})


@lru_cache(maxsize=4096)  # a few hundred distinct sets of sub-scores in 10,000 feedbacks
def _scores(text: str) -> tuple[tuple[str, Decimal], ...]:
    if text == "{}":
        return ()
    return tuple((name, Decimal(value)) for name, value in json.loads(text).items())


def _optional(convert: Callable[[Any], Any]) -> Callable[[Any], Any]:
    return lambda value: None if value is None else convert(value)


# How each kind of value (FieldRule.kind) is stored, and read back; text and integers go as they
# are. A value that may be None is passed over; a required one is converted (and fails when None).
_STORED_AS: dict[str, tuple[Callable[[Any], Any], Callable[[Any], Any]]] = {
    "date": (_iso, _day),
    "money": (_money, Decimal),
    "stars": (_money, Decimal),
    "flag": (int, bool),
    "sub_scores": (_scores_text, _scores),
}


def stored_reader(rule_kind: str) -> Callable[[Any], Any] | None:
    """What turns a stored value of a field of `rule_kind` into the record's value (None when the
    stored value is the record's)."""
    stored = _STORED_AS.get(rule_kind)
    return None if stored is None else stored[1]


def _row_writer(
    columns: tuple[str, ...], writers: list[Callable[[Any], Any] | None]
) -> Callable[[Any], Row]:
    """The function making a record's row: each column's field, through its writer if it has one.

    The fields are read all at once (attrgetter, in C) and only the few with a writer are
    converted: an import makes 160,000 rows, and a call per value took twice as long.
    """
    read_all = attrgetter(*columns)
    converted = [(position, write) for position, write in enumerate(writers) if write is not None]

    def to_row(record: Any) -> Row:
        values = list(read_all(record))
        for position, write in converted:
            values[position] = write(values[position])
        return tuple(values)

    return to_row


@dataclass(frozen=True, slots=True)
class Table:
    """A record kind's table: its columns, identity, order, and the conversions to rows and back.

    Everything is derived from the kind (tracker.records.kinds): the columns are the dataclass's
    fields in their own order, each stored as its rule's kind of value says.
    """

    kind: RecordKind
    name: str
    columns: tuple[str, ...]
    key: tuple[str, ...]  # the columns that identify a row; payments have none (a rowid instead)
    order_by: str
    to_row: Callable[[Any], Row]
    from_rows: Callable[[list[Row]], tuple[Any, ...]]
    sort_key: Callable[[Any], Any]

    @classmethod
    def of(cls, kind: RecordKind) -> Table:
        writers: list[Callable[[Any], Any] | None] = []
        readers: list[tuple[int, Callable[[Any], Any]]] = []
        for position, name in enumerate(kind.columns):
            stored = _STORED_AS.get(kind.fields[name].kind)
            if stored is None:
                writers.append(None)
                continue
            write, read = stored
            writers.append(write)
            readers.append((position, read if name in kind.required else _optional(read)))
        to_row = _row_writer(kind.columns, writers)
        make = kind.type

        def from_rows(rows: list[Row]) -> tuple[Any, ...]:
            # Column by column: each conversion runs over a column, and the records are made
            # without a Python call per row, which keeps loading 100,000 invites cheap.
            if not rows:
                return ()
            columns: list[Any] = list(zip(*rows, strict=True))
            for position, read in readers:
                columns[position] = map(read, columns[position])
            return tuple(map(make, *columns))

        order = kind.order or kind.key
        order_by = ", ".join(
            f"CAST({name} AS REAL)" if kind.fields[name].kind == "money" else name for name in order
        )
        key = kind.key if kind.always_keyed else ()
        return cls(
            kind=kind,
            name=kind.table,
            columns=kind.columns,
            key=key,
            order_by=order_by if key else f"{order_by}, id",
            to_row=to_row,
            from_rows=from_rows,
            sort_key=kind.sort_key,
        )

    def from_row(self, row: Row) -> Any:
        """The record stored in one row."""
        return self.from_rows([row])[0]

    @property
    def select_sql(self) -> str:
        return f"SELECT {', '.join(self.columns)} FROM {self.name} ORDER BY {self.order_by}"

    @property
    def select_by_key_sql(self) -> str:
        where = " AND ".join(f"{column} = ?" for column in self.key)
        return f"SELECT {', '.join(self.columns)} FROM {self.name} WHERE {where}"

    @property
    def delete_by_key_sql(self) -> str:
        where = " AND ".join(f"{column} = ?" for column in self.key)
        return f"DELETE FROM {self.name} WHERE {where}"

    def key_of(self, row: Row) -> Row:
        """The identifying values out of a row made by `to_row`."""
        return tuple(row[self.columns.index(column)] for column in self.key)

    @property
    def insert_sql(self) -> str:
        marks = ", ".join("?" for _ in self.columns)
        return f"INSERT INTO {self.name} ({', '.join(self.columns)}) VALUES ({marks})"


TABLES: dict[type, Table] = {kind.type: Table.of(kind) for kind in KINDS}
PAYMENTS = TABLES[Payment]


def table_of(record: Record) -> Table:
    """The table that stores `record`."""
    return TABLES[type(record)]


TABLES_BY_NAME: dict[str, Table] = {table.name: table for table in TABLES.values()}

_PROFILE = Table.of(PROFILE)
PROFILE_COLUMNS = _PROFILE.columns


def profile_row(profile: Profile) -> Row:
    return _PROFILE.to_row(profile)


def profile_from_row(row: Row | None) -> Profile:
    return Profile() if row is None else _PROFILE.from_row(row)


def setting_text(value: object) -> str:
    """A setting's value as JSON text; what cannot be JSON is a bug of the caller (TypeError)."""
    return json.dumps(value, sort_keys=True, allow_nan=False)


def setting_value(text: str) -> object:
    return json.loads(text)


def describe(record: Record) -> str:
    """A record as a person names it in a message: "contract 'k-1'", "payment of 'k-1' on ..."."""
    if isinstance(record, Client | Contract | Invite | Proposal):
        return f"{kind_of(record).noun.one} {record.id!r}"
    if isinstance(record, Payment):
        ref = f" (ref {record.ref!r})" if record.ref else ""
        return f"payment of {record.amount} to contract {record.contract!r} on {record.date}{ref}"
    if isinstance(record, Feedback):
        return f"{record.kind} feedback on contract {record.contract!r} of {record.date}"
    if isinstance(record, Snapshot):
        return f"snapshot of {record.date}"
    if isinstance(record, CountedMark):
        return f"counted mark on contract {record.contract!r} of {record.date}"
    return f"{record.kind} event of {record.date}"
