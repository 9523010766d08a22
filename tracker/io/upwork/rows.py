"""Reading the transaction history's bytes into checked rows, or one InputError saying where.

Every row is checked, including the ones that will be ignored, so a file that is damaged or
shifted by a column is refused whole rather than half understood.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from tracker.io.problems import ChoiceNeeded, InputError, csv_location
from tracker.io.upwork.amounts import AmountError, parse_upwork_amount
from tracker.io.upwork.dates import (
    NUMERIC_IN_TEXT,
    DateOrderMixed,
    DateOrderUnknown,
    decide_order,
    is_numeric,
    parse_upwork_date,
)
from tracker.io.upwork.kinds import EARNINGS, HOURLY, REFUND, classify_row
from tracker.io.upwork.layout import (
    EXPECTED,
    WEEKLY_SUMMARY,
    Column,
    LayoutMismatch,
    UpworkColumns,
    find_columns,
)
from tracker.io.upwork.overlap import SUMMARY_REF_PREFIX
from tracker.io.upwork.titles import short_hash
from tracker.records.date_range import outside_range

_DELIMITERS = (",", ";", "\t")
_EXCEL_SEPARATOR_HINT = re.compile(r"sep=(.)\s*")


@dataclass(frozen=True, slots=True)
class UpworkRow:
    """One checked row: `line` is where it starts in the file (1-based, the header is line 1)."""

    line: int
    date: date
    kind: str
    type_text: str
    amount: Decimal
    ref: str
    client: str
    descriptions: tuple[str, ...]
    cells: tuple[str, ...]
    freelancer: str = ""
    summary: str = ""  # the 2025 layout's Transaction Summary


class DateOrderNeeded(ChoiceNeeded):
    """A file whose numeric dates read both ways: the user must say which (`--date-order`)."""


@dataclass(frozen=True, slots=True)
class UpworkTable:
    """The file's columns and its rows in file order."""

    columns: UpworkColumns
    rows: tuple[UpworkRow, ...]


def decode_text(data: bytes) -> str:
    """The file as text: UTF-8 with or without a BOM (UTF-16 too, when a BOM says so).

    Raises:
        InputError: when the bytes are not text in those encodings.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(
                csv_location(1), "the file is not UTF-8 text; save it as CSV UTF-8"
            ) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise InputError(
            csv_location(line), "the file is not UTF-8 text; save it as CSV UTF-8"
        ) from None


def find_header(text: str) -> tuple[UpworkColumns, str, int]:
    """The file's columns, its delimiter and the line its header is on.

    Raises:
        InputError: when the first line is not the header of a known layout.
    """
    # Physical lines as the CSV reader counts them, so line numbers agree with the rows'.
    lines = io.StringIO(text, newline="")
    number, line = _next_filled(lines, 0)
    delimiters: tuple[str, ...] = _DELIMITERS
    if hint := _EXCEL_SEPARATOR_HINT.fullmatch(line):
        delimiters = (hint[1],)
        number, line = _next_filled(lines, number)
    if not line:
        raise InputError(
            csv_location(number), f"the file is empty; expected the columns {EXPECTED}"
        )
    mismatch: Exception | None = None
    for delimiter in delimiters:
        try:
            header = next(csv.reader([line], delimiter=delimiter), [])
            return find_columns(header), delimiter, number
        except LayoutMismatch as error:
            mismatch = mismatch or error
        except csv.Error as error:
            mismatch = mismatch or ValueError(f"the CSV cannot be read: {error}")
    raise InputError(csv_location(number), str(mismatch))


def _next_filled(lines: io.StringIO, number: int) -> tuple[int, str]:
    """The next line that is not blank, and its number; an empty line at the end of the text."""
    number, line = number + 1, lines.readline()
    while line and not line.strip():
        number, line = number + 1, lines.readline()
    return number, line


def read_upwork_table(data: bytes, date_order: str | None = None) -> UpworkTable:
    """Every row of the file, checked, its numeric dates read in the file's one order.

    Args:
        data: the file's bytes.
        date_order: `dmy` or `mdy` to settle a file whose numeric dates read both ways.

    Raises:
        DateOrderNeeded: the file cannot decide its date order and `date_order` is None.
        InputError: for the first row with a value that is not a date, not a number or missing.
    """
    text = decode_text(data)
    columns, delimiter, header_line = find_header(text)
    raw = list(_cells(text, delimiter, header_line))
    order = _date_order(raw, columns, date_order)
    rows = [_row(line, cells, columns, order) for line, cells in raw]
    return UpworkTable(columns, tuple(_with_summary_refs(rows, columns)))


def _date_order(
    raw: list[tuple[int, tuple[str, ...]]], columns: UpworkColumns, chosen: str | None
) -> str | None:
    """The file's order of numeric dates from its Date column and its invoice periods."""
    found: list[tuple[str, int, str]] = []
    for line, cells in raw:
        when = _cell(cells, columns.date)
        if is_numeric(when):
            found.append((when, line, columns.date.name))
        for column in columns.descriptions:
            text = cells[column.index] if column.index < len(cells) else ""
            if "/" in text:  # most descriptions hold no numeric date: skip the search
                for match in NUMERIC_IN_TEXT.finditer(text):
                    found.append((match[0], line, column.name))

    def where(text: str) -> str:
        _, line, column = next(item for item in found if item[0] == text)
        return csv_location(line, column)

    try:
        return decide_order((text for text, _, _ in found), chosen)
    except DateOrderUnknown as unknown:
        raise DateOrderNeeded(
            where(unknown.example),
            f"the file's dates such as {unknown.example!r} can be read day first or month first "
            "and no date in it decides",
            "say which with --date-order dmy or --date-order mdy",
        ) from None
    except DateOrderMixed as mixed:
        raise DateOrderNeeded(
            where(mixed.month_first),
            f"{mixed.month_first!r} is written month first but {mixed.day_first!r} "
            f"({where(mixed.day_first)}) day first",
            "say which the file uses with --date-order dmy or --date-order mdy",
        ) from None


def _cell(cells: tuple[str, ...], column: Column) -> str:
    return cells[column.index].strip() if column.index < len(cells) else ""


def _with_summary_refs(rows: list[UpworkRow], columns: UpworkColumns) -> Iterator[UpworkRow]:
    """The weekly summary has no transaction ids: each row gets one made of what it says (and
    how many identical rows came before it), so importing the same report again adds nothing."""
    if columns.layout != WEEKLY_SUMMARY:
        yield from rows
        return
    seen: dict[tuple[str, ...], int] = {}
    for row in rows:
        what = (row.date.isoformat(), row.type_text, str(row.amount), *row.descriptions)
        seen[what] = seen.get(what, 0) + 1
        ref = f"{SUMMARY_REF_PREFIX}{short_hash(*what, str(seen[what]))}"
        yield dataclasses.replace(row, ref=ref)


def _cells(text: str, delimiter: str, header_line: int) -> Iterator[tuple[int, tuple[str, ...]]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    while True:
        line = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise InputError(csv_location(line), f"the CSV cannot be read: {error}") from None
        if line <= header_line or not any(cell.strip() for cell in cells):
            continue
        yield line, tuple(cells)


def _row(line: int, cells: tuple[str, ...], columns: UpworkColumns, order: str | None) -> UpworkRow:
    def cell(column: Column | None) -> str:
        return "" if column is None else _cell(cells, column)

    def required(column: Column, what: str) -> str:
        value = cell(column)
        if not value:
            raise InputError(csv_location(line, column.name), f"the value is missing ({what})")
        return value

    date_text = required(columns.date, "the date")
    when = parse_upwork_date(date_text, order)
    if when is None:
        raise InputError(
            csv_location(line, columns.date.name), f"{_shown(date_text)} is not a date"
        )
    if (beyond := outside_range(when, _shown(date_text))) is not None:
        raise InputError(csv_location(line, columns.date.name), beyond)
    if columns.type is None or columns.layout == WEEKLY_SUMMARY:
        type_text = cell(columns.type)  # the summary's hourly rows have no payment type
    else:
        type_text = required(columns.type, "the kind of transaction")
    amount_text = required(columns.amount, "the amount")
    try:
        amount = parse_upwork_amount(amount_text)
    except AmountError as error:
        where = csv_location(line, columns.amount.name)
        raise InputError(where, f"{_shown(amount_text)} {error}") from None
    if amount is None:
        raise InputError(
            csv_location(line, columns.amount.name), f"{_shown(amount_text)} is not a number"
        )
    descriptions = tuple(cell(column) for column in columns.descriptions)
    if columns.layout == WEEKLY_SUMMARY and not type_text:
        kind = HOURLY
    else:
        kind = classify_row(type_text, descriptions)
    ref = next((value for value in map(cell, columns.refs) if value), "")
    if not ref and columns.refs and (kind in EARNINGS or kind == REFUND):
        required(
            columns.refs[0],
            "the transaction's id, which keeps a second import from adding it again",
        )
    return UpworkRow(
        line,
        when,
        kind,
        type_text,
        amount,
        ref,
        cell(columns.client),
        descriptions,
        cells,
        freelancer=cell(columns.freelancer),
        summary=cell(columns.summary),
    )


def _shown(value: str) -> str:
    return repr(value if len(value) <= 40 else value[:37] + "...")
