"""The quick pass over a table's rows (tracker.store.row_reading) vouches only for what the careful
reading accepts: whenever it returns records, they are the careful reading's, value for value, and
that reading would have refused none of them. And it does return them for a clean table, or every
read would silently take the slow way."""

from __future__ import annotations

import math
import sqlite3
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.records.model import (
    Client,
    Contract,
    CountedMark,
    Event,
    Feedback,
    Invite,
    Payment,
    Proposal,
    Snapshot,
)
from tracker.store.errors import StoreError
from tracker.store.loading import load_log
from tracker.store.repository import Repository
from tracker.store.row_reading import quick_reader
from tracker.store.stored_values import _accepted, carefully_checked
from tracker.store.tables import TABLES, Table

from .samples import adding, sample_log

DAY = date(2025, 3, 4)
# One record of each kind with every field that can hold a value holding one.
RECORDS = (
    Client("c-1", "Acme", "US", flagged=True),
    Contract(
        "k-1",
        "c-1",
        "fixed",
        DAY,
        ended=DAY,
        closed_by="client",
        end_reason="completed",
        refunded=Decimal("1.50"),
        earned=Decimal("20.00"),
        last_paid=DAY,
    ),
    Payment("k-1", DAY, Decimal("450.00"), "TX-1"),
    Feedback("k-1", DAY, stars=Decimal("4.5"), private=7, scores=(("skills", Decimal("4.0")),)),
    Invite("i-1", DAY, "job", "c-1", Decimal("30.00"), "accepted", DAY),
    Proposal("p-1", DAY, "job", 4, "viewed"),
    Snapshot(DAY, 96, "seen"),
    CountedMark("k-1", DAY, counted=True),
    Event(DAY, "account_hold", until=DAY),
)
TABLE_OF_RECORD = [(TABLES[type(record)], record) for record in RECORDS]

# Text that is nearly a date, an amount, sub-scores or a word of a choice, and the other things a
# column of a database someone else wrote may hold.
NEAR_MISSES = [
    *("", "1989-12-31", "1990-01-01", "2100-12-31", "2101-01-01", "20250304", "2025-02-30"),
    *("0", "0.00", "-0", "-0.00", "1", "5", "5.0", "5.01", "0.999", "1.005", "1.230", "1e1"),
    *("1E-2", "NaN", "-NaN", "sNaN", "Infinity", "-Infinity", " 12 ", "1_000", "\u0663"),
    *("999999999999.99", "1000000000000", "-999999999999.99", "0.01", "-0.01"),
    *("{}", '{"skills": "4.5"}', '{"skills": "9"}', '{"skills": 4}', '{"skills": 4.5}'),
    *('{"skills": null}', '{"other": "9"}', '{"skills": "NaN"}', '{"skills": true}', "[]", "{"),
    *("final", "interim", "fixed", "hourly", "client", "note", "accepted", "sent", "Final"),
    *(0, 1, 5, 10, 11, 100, 101, 10_000, 10_001, -1, 1.0, 4.5, True, False, None, b"x"),
]
STORED = st.one_of(
    st.sampled_from(NEAR_MISSES),
    st.none(),
    st.text(max_size=12),
    st.integers(),
    st.floats(),
    st.binary(max_size=4),
    st.dates().map(date.isoformat),
    st.decimals(places=3, min_value=-20, max_value=20).map(str),
    st.decimals(allow_nan=True, allow_infinity=True),
)
COLUMNS = [
    (table, record, position)
    for table, record in TABLE_OF_RECORD
    for position in range(len(table.columns))
]
COLUMN_NAMES = [f"{table.name}.{table.columns[position]}" for table, _, position in COLUMNS]


def _both_ways(table: Table, rows: list[tuple[object, ...]]) -> None:
    try:
        quickly = quick_reader(table, _accepted)(rows, {})
    except (ValueError, TypeError, ArithmeticError, AttributeError, KeyError):
        quickly = None  # what checked_records does: the careful reading decides
    if quickly is None:
        return
    carefully = carefully_checked(table, rows, None)  # raises if it refuses a value
    assert repr(quickly) == repr(carefully)
    assert [type(record) for record in quickly] == [type(record) for record in carefully]


@pytest.mark.parametrize(("table", "record", "position"), COLUMNS, ids=COLUMN_NAMES)
@given(values=st.lists(STORED, min_size=1, max_size=4))
def test_the_quick_pass_returns_only_what_the_careful_reading_accepts(
    table: Table, record: object, position: int, values: list[object]
) -> None:
    row = table.to_row(record)
    rows = [(*row[:position], value, *row[position + 1 :]) for value in [row[position], *values]]
    _both_ways(table, rows)


@pytest.mark.parametrize(("table", "record", "position"), COLUMNS, ids=COLUMN_NAMES)
def test_no_near_miss_gets_through_any_column(table: Table, record: object, position: int) -> None:
    row = table.to_row(record)
    for value in NEAR_MISSES:
        _both_ways(table, [row, (*row[:position], value, *row[position + 1 :])])


@pytest.mark.parametrize(("table", "record", "position"), COLUMNS, ids=COLUMN_NAMES)
@given(alike=st.permutations([1, 1.0, True, Decimal(1), "1", 0, 0.0, False, -0.0, math.nan]))
def test_equal_stored_values_of_other_types_are_judged_as_the_careful_reading_does(
    table: Table, record: object, position: int, alike: list[object]
) -> None:
    """1, 1.0 and True are equal in Python and read differently by a rule."""
    row = table.to_row(record)
    rows = [(*row[:position], value, *row[position + 1 :]) for value in [row[position], *alike]]
    _both_ways(table, rows)


DECIMAL_COLUMNS = [
    (table, record, position)
    for table, record, position in COLUMNS
    if table.kind.fields[table.columns[position]].kind in ("money", "stars")
]


@pytest.mark.parametrize(
    ("table", "record", "position"),
    DECIMAL_COLUMNS,
    ids=[f"{table.name}.{table.columns[position]}" for table, _, position in DECIMAL_COLUMNS],
)
@given(
    texts=st.lists(st.sampled_from(["0", "0.00", "-0", "-0.00", "1", "1.0", "4.5"]), max_size=90),
    others=st.lists(st.sampled_from([None, 0, -0.0, 0.0, False, 1, 1.0, True]), max_size=3),
)
def test_a_column_of_repeated_values_is_read_as_the_careful_reading_reads_it(
    table: Table, record: object, position: int, texts: list[str], others: list[object]
) -> None:
    """The amounts and stars a column repeats are read once each; the records are the same."""
    row = table.to_row(record)
    for column in (texts, [*texts, *others]):
        _both_ways(table, [(*row[:position], value, *row[position + 1 :]) for value in column])


def test_the_quick_pass_reads_a_clean_log(tmp_path: Path) -> None:
    path = tmp_path / "repute.sqlite3"
    with Repository.open(path, create=True) as repo:
        repo.apply(adding(sample_log()))
    connection = sqlite3.connect(path)
    for table in TABLES.values():
        rows = connection.execute(table.select_sql).fetchall()
        assert rows or table.name in ("counted_marks",), table.name
        assert quick_reader(table, _accepted)(rows, {}) == carefully_checked(table, rows, path)
    connection.close()


def test_the_quick_pass_reads_every_kind_with_every_field_set() -> None:
    for table, record in TABLE_OF_RECORD:
        rows = [table.to_row(record), table.to_row(record)]
        assert quick_reader(table, _accepted)(rows, {}) == (record, record), table.name


def test_a_refused_value_is_named_by_the_careful_reading() -> None:
    table = TABLES[Payment]
    rows = [table.to_row(RECORDS[2]), ("k-1", "2025-03-04", "450.005", None)]
    assert quick_reader(table, _accepted)(rows, {}) is None
    try:
        carefully_checked(table, rows, None)
    except StoreError as error:
        assert str(error) == (
            "the database is damaged: table payments, row 2: amount is refused: "
            "450.005 has more than 2 decimals"
        )
    else:
        raise AssertionError("a payment of 450.005 was read")


def sample_database(tmp_path: Path) -> sqlite3.Connection:
    """A connection, in autocommit, to a database holding the sample log, for a test to damage."""
    path = tmp_path / "repute.sqlite3"
    with Repository.open(path, create=True) as repo:
        repo.apply(adding(sample_log()))
    return sqlite3.connect(path, isolation_level=None)


def test_a_reference_to_nothing_is_named_the_same_from_memory_and_from_the_database(
    tmp_path: Path,
) -> None:
    """With both tables read, their ids answer in memory; the row named is the database's."""
    connection = sample_database(tmp_path)
    connection.execute(
        "INSERT INTO payments (contract, date, amount) VALUES ('k-0', '2025-01-01', '5')"
    )
    refusals = []
    for only in (("contracts", "payments"), ("payments",), None):
        with pytest.raises(StoreError) as refused:
            load_log(connection, only)
        refusals.append(str(refused.value))
    connection.close()
    named = "table payments, row 1: contract 'k-0' names a contract that is not there"
    assert refusals == [f"the database is damaged: {named}"] * 3


def test_the_quick_pass_vouches_for_a_reference_only_among_the_ids_it_is_given() -> None:
    payments = TABLES[Payment]
    rows = [payments.to_row(RECORDS[2])]
    read = quick_reader(payments, _accepted, {"contract"})
    assert read(rows, {"contract": {"k-1", "k-2"}}) == (RECORDS[2],)
    assert read(rows, {"contract": {"k-2"}}) is None
    invites = TABLES[Invite]
    no_client = Invite("i-2", DAY)
    read = quick_reader(invites, _accepted, {"client"})
    assert read([invites.to_row(no_client)], {"client": set()}) == (no_client,)


def test_values_are_refused_before_references_and_references_in_the_kinds_order(
    tmp_path: Path,
) -> None:
    connection = sample_database(tmp_path)
    connection.execute("UPDATE payments SET contract = 'k-0' WHERE ref = 'TX-88123'")
    connection.execute("UPDATE contracts SET client = 'nobody' WHERE id = 'k-3'")
    with pytest.raises(StoreError, match="table contracts, row 3: client 'nobody' names a client"):
        load_log(connection)
    connection.execute("UPDATE feedback SET stars = '7'")
    with pytest.raises(StoreError, match="table feedback, row 1: stars is refused"):
        load_log(connection)
    connection.close()
