"""Checking what the database holds with the rules an import follows, row by row as it is read.

A database is a file: another program, a sync conflict or someone who means harm can put any value
in any column (text where money goes, stars of 9, a kind Repute does not know, a reference to
nothing). Each value read is parsed by the field's own rule from `tracker.records.validation`, so a
value an import would refuse is refused here too, in one sentence naming the table, the row and the
value, instead of a traceback later or a score silently computed from it.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Collection, Iterable
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from operator import attrgetter
from pathlib import Path
from typing import Any

from tracker.records.date_range import FIRST_DAY, LAST_DAY
from tracker.records.field_values import (
    BadValue,
    FieldRule,
    describe,
    parse_flag,
    parse_id,
    parse_iso_date,
    parse_optional_ref,
    parse_text,
)
from tracker.records.kinds import PROFILE, REFERENCES, RecordKind, Reference, kind_named
from tracker.records.model import Profile
from tracker.store.errors import StoreError
from tracker.store.row_reading import QuickReader, quick_reader
from tracker.store.tables import TABLES_BY_NAME, Row, Table, profile_from_row, setting_value

_READ_ERRORS = (ValueError, TypeError, ArithmeticError, AttributeError, KeyError)


def checked_tables(
    connection: sqlite3.Connection, path: Path | None, only: Collection[str] | None
) -> dict[str, tuple[Any, ...]]:
    """The records of every table (of those in `only`), each value checked by its rule and every
    reference leading somewhere, in the stable order.

    Each table is read in one pass that checks each value on the way (tracker.store.row_reading),
    and each reference against the ids of the table it names when that one was read first; a
    table with a value the pass cannot vouch for is read again carefully, which names the first
    problem. Values are checked in every table before any reference, and a reference not
    vouched for is looked up in the database, which names its row.
    """
    tables: dict[str, tuple[Any, ...]] = {}
    ids: dict[str, Collection[object]] = {}
    unchecked: list[Reference] = []
    for table in TABLES_BY_NAME.values():
        if only is not None and table.name not in only:
            continue
        rows = connection.execute(table.select_sql).fetchall()
        references = [r for r in REFERENCES if r.table == table.name]
        known = {r.column: ids[r.names] for r in references if r.names in ids}
        try:
            records = _quick_reader(table, frozenset(known))(rows, known)
        except _READ_ERRORS:
            records = None
        if records is None:
            records, known = carefully_checked(table, rows, path), {}
        unchecked += [r for r in references if r.column not in known]
        if table.name in _NAMED:
            ids[table.name] = set(map(attrgetter("id"), records))
        tables[table.name] = records
    check_references(connection, path, unchecked)
    return tables


# The tables whose ids references hold.
_NAMED = frozenset(reference.names for reference in REFERENCES)


def carefully_checked(table: Table, fetched: list[Row], path: Path | None) -> tuple[Any, ...]:
    """`checked_records` without the quick pass: checked a column at a time, each distinct value
    once, and the first value a rule refuses named with its row."""
    kind = table.kind
    try:
        records = table.from_rows(fetched)
    except _READ_ERRORS:
        records = ()
        for number, row in enumerate(fetched, start=1):
            try:
                table.from_row(row)
            except _READ_ERRORS as error:
                what = _unreadable(kind, row, error)
                raise _damaged(path, table.name, number, what) from None
    for name, rule in kind.fields.items():
        required = name in kind.required
        values = set(map(attrgetter(name), records))
        if _all_accepted(rule, values, required):
            continue
        for value in values:
            problem = _problem(rule, value, required)
            if problem is not None:
                number = 1 + [getattr(r, name) for r in records].index(value)
                raise _damaged(path, table.name, number, f"{name} {problem}")
    return records


@lru_cache(maxsize=64)
def _quick_reader(table: Table, references: frozenset[str]) -> QuickReader:
    return quick_reader(table, _accepted, references)


def _accepted(rule: FieldRule, value: object, required: bool) -> bool:
    return _problem(rule, value, required) is None


def _all_accepted(rule: Any, values: set[Any], required: bool) -> bool:
    """True when `_problem` would find nothing in `values`: the common case, answered a column at
    a time (an id column holds 100,000 distinct values). False only sends the caller to the
    value-by-value search that names the first problem."""
    if None in values:
        if required:
            return False
        values = values - {None}
    if required and "" in values:
        return False
    accepts = _ACCEPTS.get(rule.parse)
    if accepts is not None:
        return accepts(values)
    parse = rule.parse
    try:
        for value in values:
            parse(value)
    except BadValue:
        return False
    return True


def _all_text(values: set[Any]) -> bool:
    return all(type(value) is str for value in values)


def _all_ids(values: set[Any]) -> bool:
    return "" not in values and _all_text(values)


def _all_dates(values: set[Any]) -> bool:
    return not values or (
        all(type(value) is date for value in values)
        and min(values) >= FIRST_DAY
        and max(values) <= LAST_DAY
    )


def _all_flags(values: set[Any]) -> bool:
    return all(type(value) is bool for value in values)


# Column-wide forms of the parsers whose columns hold many distinct values, each accepting
# exactly the values the parser accepts (tests/store check them against the parsers).
_ACCEPTS: dict[Callable[[object], object], Callable[[set[Any]], bool]] = {
    parse_id: _all_ids,
    parse_text: _all_text,
    parse_optional_ref: _all_text,
    parse_iso_date: _all_dates,
    parse_flag: _all_flags,
}


def _problem(rule: Any, value: object, required: bool) -> str | None:
    if value is None or (required and value == ""):
        return "is empty" if required else None
    try:
        rule.parse(value)
    except BadValue as bad:
        return f"is refused: {bad.message}"
    return None


def checked_profile(row: Row | None, path: Path | None) -> Profile:
    try:
        profile = profile_from_row(row)
    except _READ_ERRORS as error:
        raise _damaged(path, "profile", 1, _unreadable(PROFILE, row or (), error)) from None
    for name, rule in PROFILE.fields.items():
        problem = _problem(rule, getattr(profile, name), False)
        if problem is not None:
            raise _damaged(path, "profile", 1, f"{name} {problem}")
    return profile


def checked_settings(
    rows: Iterable[tuple[Any, Any]], path: Path | None
) -> tuple[tuple[str, object], ...]:
    settings = []
    for number, (key, text) in enumerate(rows, start=1):
        try:
            if type(key) is not str:
                raise TypeError(key)
            settings.append((key, setting_value(text)))
        except (*_READ_ERRORS, json.JSONDecodeError):
            raise _damaged(path, "settings", number, f"{describe(text)} is not JSON") from None
    return tuple(settings)


def check_references(
    connection: sqlite3.Connection, path: Path | None, references: Iterable[Reference]
) -> None:
    """Refuse a row whose reference leads nowhere (each of `references`, of those of
    tracker.records.kinds: a contract's client, a payment's, a feedback's or a counted mark's
    contract, an invite's client), naming the table and the row as the records are read."""
    for reference in references:
        table = TABLES_BY_NAME[reference.table]
        column = reference.column
        broken = f"{column} IS NOT NULL AND {column} NOT IN (SELECT id FROM {reference.names})"
        if connection.execute(f"SELECT 1 FROM {table.name} WHERE {broken} LIMIT 1").fetchone():
            number, value = connection.execute(
                f"SELECT number, value FROM (SELECT ROW_NUMBER() OVER (ORDER BY {table.order_by})"
                f" AS number, {column} AS value, {broken} AS broken FROM {table.name})"
                " WHERE broken ORDER BY number LIMIT 1"
            ).fetchone()
            what = f"{column} {describe(value)} names a {kind_named(reference.names).noun.one}"
            raise _damaged(path, table.name, number, f"{what} that is not there")


def _unreadable(kind: RecordKind, row: Row, error: BaseException) -> str:
    """Which value of `row` could not be read, as well as it can be told."""
    for name, value in zip(kind.columns, row, strict=False):
        if not _readable(kind.fields[name].kind, value):
            return f"{name} {describe(value)} cannot be read"
    return f"it cannot be read ({error})"


def _readable(rule_kind: str, value: object) -> bool:
    try:
        if rule_kind == "date" and value is not None:
            date.fromisoformat(value)  # type: ignore[arg-type]
        elif rule_kind in ("money", "stars") and value is not None:
            Decimal(value)  # type: ignore[arg-type]
        elif rule_kind == "sub_scores":
            scores = json.loads(value)  # type: ignore[arg-type]
            if not isinstance(scores, dict):
                return False
            for number in scores.values():
                Decimal(number)
    except (*_READ_ERRORS, InvalidOperation, json.JSONDecodeError):
        return False
    return True


def _damaged(path: Path | None, table: str, number: int, what: str) -> StoreError:
    return StoreError(
        f"{_where(path)} is damaged: table {table}, row {number}: {what}", kind="damaged", path=path
    )


def _where(path: Path | None) -> str:
    return "the database" if path is None else str(path)
