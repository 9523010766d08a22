"""One table of the log as CSV, safe to open in a spreadsheet, and reading a user's own CSV back.

The columns are the `repute/1` keys in the format's order (sub-scores as `scores.skills`, ...).
A text cell that a spreadsheet would run as a formula (`=`, `+`, `-`, `@` as its first character
that is not blank, or a tab or carriage return first; see formula_cells) is written with a
leading `'`; numbers are left alone.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable

from tracker.io.formula_cells import protected
from tracker.io.json_format import plain_decimal
from tracker.io.problems import InputError, csv_location
from tracker.io.sheet_import import fragment_from_csv
from tracker.io.tables import columns_of, records_in_order
from tracker.records.kinds import TABLE_NAMES, kind_named
from tracker.records.model import SUB_SCORES, Log

__all__ = ["TABLE_NAMES", "columns_of", "export_table_csv", "fragment_from_csv", "read_csv_table"]

_TEXT_KINDS = {"id", "reference", "text", "choice", "ref"}


def safe_text(text: str) -> str:
    """Text a spreadsheet shows as text: a would-be formula gets a leading `'` (formula_cells)."""
    return protected(text)


def _cell(kind: str) -> Callable[[object], str]:
    if kind in _TEXT_KINDS:
        return lambda value: "" if value is None else safe_text(str(value))
    if kind == "date":
        return lambda value: "" if value is None else value.isoformat()  # type: ignore[attr-defined]
    if kind == "money":
        return lambda value: "" if value is None else (f"{value:.2f}" if value else "0.00")
    if kind == "stars":
        return lambda value: "" if value is None else plain_decimal(value)  # type: ignore[arg-type]
    if kind == "flag":
        return lambda value: "true" if value else "false"
    return lambda value: "" if value is None else str(value)


def export_table_csv(log: Log, table: str) -> bytes:
    """One table as CSV bytes (UTF-8, CRLF line ends), in the stable order of the JSON export.

    Raises:
        InputError: for a table name that is not one of `TABLE_NAMES`.
    """
    if table not in TABLE_NAMES:
        raise InputError("--table", f"{table!r} is not a table ({', '.join(TABLE_NAMES)})")
    writers = [(name, _cell(rule.kind)) for name, rule in kind_named(table).fields.items()]
    star_cell = _cell("stars")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns_of(table))
    for record in records_in_order(log, table):
        row: list[str] = []
        for name, write in writers:
            value = getattr(record, name)
            if name == "scores":
                scores = dict(value)
                row.extend(star_cell(scores.get(score)) for score in SUB_SCORES)
            else:
                row.append(write(value))
        writer.writerow(row)
    return out.getvalue().encode("utf-8")


def _delimiter(first_line: str) -> str:
    """Comma, or the semicolon or tab a spreadsheet in another locale writes instead."""
    counts = {mark: first_line.count(mark) for mark in (",", ";", "\t")}
    best = max(counts, key=lambda mark: counts[mark])
    return best if counts[best] else ","


def read_csv_table(data: bytes) -> tuple[list[str], list[list[str]]]:
    """The header and the rows of a CSV file; row i (0-based) is the file's line i + 2.

    Blank rows are kept (as empty lists) so that line numbers in messages match the spreadsheet.

    Raises:
        InputError: for an empty file, text that is not UTF-8, or CSV that cannot be read.
    """
    if not data.strip():
        raise InputError("line 1", "the file is empty; a CSV with a header line was expected")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise InputError(
            f"line {line}", "the file is not UTF-8 text; save it as CSV UTF-8"
        ) from None
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text.split("\n", 1)[0]))
    rows: list[list[str]] = []
    try:
        for row in reader:
            rows.append(row)
    except csv.Error as error:
        raise InputError(csv_location(len(rows) + 1), f"the CSV cannot be read ({error})") from None
    headers = [name.strip() for name in rows[0]] if rows else []
    if not any(headers):
        raise InputError("line 1", "the first line should name the columns, and it is empty")
    return headers, rows[1:]
