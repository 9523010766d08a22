"""Which of the user's columns holds which of our fields: guessed from names, checked by reading.

No Qt here, so the guesses and the checks are tested as plain data.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from tracker.io.fragment import Fragment
from tracker.io.problems import InputError
from tracker.io.tables import columns_of
from tracker.records.kinds import KINDS, kind_named
from tracker.records.model import Log

SHEET_TABLES = ("contracts", "feedback", "invites", "payments", "clients", "proposals")
_ID_MADE_FROM_CONTENT = {kind.table for kind in KINDS if kind.key == ("id",)}


def name_key(name: str) -> str:
    """A column name with case, spacing and punctuation ignored: `Start date` == `start_date`."""
    return re.sub(r"[\s_\-.]+", "", name.casefold())


def required_fields(table: str) -> list[str]:
    """The fields a sheet of `table` must map (ids are made from the content where they can be)."""
    if table == "clients":
        return []
    optional = {"id"} if table in _ID_MADE_FROM_CONTENT else set()
    return [f for f in kind_named(table).required if f not in optional]


def guess_mapping(table: str, headers: Sequence[str]) -> dict[str, str]:
    """Our field -> their column where the names match (`scores.skills` also takes `Skills`)."""
    by_key: dict[str, str] = {}
    for header in headers:
        by_key.setdefault(name_key(header), header)
    mapping = {}
    for field in columns_of(table):
        for key in (name_key(field), name_key(field.removeprefix("scores."))):
            if key in by_key:
                mapping[field] = by_key[key]
                break
    return mapping


@dataclass(frozen=True)
class SheetReading:
    """A sheet read through a mapping: the records, or the first problem in words."""

    fragment: Fragment | None
    problem: str | None
    first_rows: Fragment | None


def read_sheet(
    table: str,
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    mapping: Mapping[str, str],
    existing: Log,
    *,
    constants: Mapping[str, str] | None = None,
    shown: int = 5,
) -> SheetReading:
    """Read every row (the problem names its line and column) and, apart, the first `shown` rows
    so the preview shows what it can even when a later row is bad."""
    from tracker.io.csv_tables import fragment_from_csv

    try:
        first: Fragment | None = fragment_from_csv(
            table, headers, rows[:shown], mapping, existing, constants
        )
    except InputError:
        first = None
    try:
        whole = fragment_from_csv(table, headers, rows, mapping, existing, constants)
    except InputError as error:
        return SheetReading(None, _sentence(str(error)), first)
    return SheetReading(whole, None, first)


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]
