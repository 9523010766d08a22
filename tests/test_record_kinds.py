"""Record kinds in one place: what a record is lives in tracker/records/kinds.py, and the database's
columns, the repute/1 keys, the CSV header and the required fields all follow from it.

The last tests add a field to a kind the way a change to the program would (a dataclass with one
more field and its rule in the registry) and show the store and the file writer take it with no
other change, so adding a field to `Invite` is the dataclass, the registry and a migration.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from dataclasses import dataclass, fields
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from tracker.io.csv_tables import export_table_csv
from tracker.io.json_format import _record_writer, export_json, parse_repute_json
from tracker.records.changes import Change
from tracker.records.field_values import FieldRule, parse_text
from tracker.records.kinds import (
    KINDS,
    LOG_ORDER,
    PROFILE,
    REFERENCES,
    Noun,
    RecordKind,
    kind_of,
)
from tracker.records.model import (
    Client,
    Contract,
    CountedMark,
    Event,
    Feedback,
    Invite,
    Log,
    Payment,
    Profile,
    Proposal,
    Snapshot,
)
from tracker.store.migrations import MIGRATIONS
from tracker.store.repository import Repository
from tracker.store.tables import Table

DAY = date(2025, 3, 4)
LATER = date(2025, 4, 5)

# One record of each kind with every field away from its default, so a field the store or a file
# drops or garbles shows up as a difference.
FULL = Log(
    profile=Profile("upwork", "Jane Doe", "EUR", date(2014, 11, 5)),
    clients=(Client("c-1", "Acme", "US", flagged=True),),
    contracts=(
        Contract(
            "k-1",
            "c-1",
            "fixed",
            DAY,
            "Logo",
            LATER,
            "client",
            "completed",
            True,
            Decimal("10.00"),
            Decimal("450.00"),
            LATER,
            "Design",
            "kept",
        ),
        Contract("k-2", "c-1", "hourly", DAY),
    ),
    payments=(Payment("k-2", LATER, Decimal("12.50"), "TX-1"),),
    feedback=(
        Feedback(
            "k-1",
            LATER,
            "interim",
            Decimal("4.5"),
            9,
            True,
            (("quality", Decimal("4")), ("skills", Decimal("5"))),
            "fine",
        ),
    ),
    invites=(Invite("i-1", DAY, "Job", "c-1", Decimal("30.00"), "declined", LATER),),
    proposals=(Proposal("p-1", DAY, "Job", 6, "viewed"),),
    snapshots=(Snapshot(DAY, 94, "seen"),),
    events=(Event(DAY, "account_hold", LATER, "held"),),
    counted_marks=(CountedMark("k-1", LATER, True),),
)


def _database(folder: Path) -> Repository:
    return Repository.open(folder / "repute.sqlite3", create=True)


def _stored_columns(path: Path, table: str) -> list[str]:
    connection = sqlite3.connect(path)
    try:
        return [row[1] for row in connection.execute(f"PRAGMA table_info({table})")]
    finally:
        connection.close()


def test_every_record_table_of_the_log_has_its_kind_and_the_kinds_cover_every_field() -> None:
    log_tables = [f.name for f in fields(Log) if f.name not in ("profile", "settings")]
    assert sorted(kind.table for kind in KINDS) == sorted(log_tables) == sorted(LOG_ORDER)
    for kind in (*KINDS, PROFILE):
        assert set(kind.fields) == {f.name for f in fields(kind.type)}
        assert kind_of(kind.type) is kind


def test_required_fields_are_the_dataclass_fields_without_a_default() -> None:
    assert kind_of(Contract).required == ("id", "client", "kind", "started")
    assert PROFILE.required == ()
    for kind in KINDS:
        values = {name: _a_value(kind, name) for name in kind.required}
        kind.type(**values)  # the required fields are enough to make a record
        for name in kind.required:
            with pytest.raises(TypeError):
                kind.type(**{k: v for k, v in values.items() if k != name})


def _a_value(kind: RecordKind, name: str) -> object:
    return getattr(getattr(FULL, kind.table)[0], name)


def test_the_database_columns_are_each_kind_s_fields(tmp_path: Path) -> None:
    repository = _database(tmp_path)
    repository.close()
    path = tmp_path / "repute.sqlite3"
    for kind in KINDS:
        stored = _stored_columns(path, kind.table)
        assert [c for c in stored if c != "id" or "id" in kind.fields] == list(kind.columns)
    assert _stored_columns(path, "profile")[1:] == list(PROFILE.columns)


def test_the_references_are_the_schema_s_foreign_keys_and_an_invite_s_client(
    tmp_path: Path,
) -> None:
    _database(tmp_path).close()
    connection = sqlite3.connect(tmp_path / "repute.sqlite3")
    try:
        foreign_keys = {
            (kind.table, row[3], row[2])
            for kind in KINDS
            for row in connection.execute(f"PRAGMA foreign_key_list({kind.table})")
        }
    finally:
        connection.close()
    derived = {(r.table, r.column, r.names) for r in REFERENCES}
    # The schema has no foreign key for an invite's client; the loader checks it as the rules do.
    assert derived == foreign_keys | {("invites", "client", "clients")}
    assert ("counted_marks", "contract", "contracts") in derived


def test_the_json_keys_are_each_kind_s_fields_in_file_order() -> None:
    document = json.loads(export_json(FULL))
    assert list(document["profile"]) == list(PROFILE.fields)
    assert [key for key in document if key not in ("format", "profile", "settings")] == [
        kind.table for kind in KINDS
    ]
    for kind in KINDS:
        for record in document[kind.table]:
            assert list(record) == list(kind.fields)


def test_the_csv_header_is_each_kind_s_fields_with_sub_scores_spread() -> None:
    for kind in KINDS:
        header = next(csv.reader(io.StringIO(export_table_csv(FULL, kind.table).decode())))
        spread = [
            column.split(".")[0] if column.startswith("scores.") else column for column in header
        ]
        assert list(dict.fromkeys(spread)) == list(kind.fields)


def test_every_field_of_every_kind_survives_the_store_and_the_file(tmp_path: Path) -> None:
    repository = _database(tmp_path)
    records = tuple(r for kind in KINDS for r in getattr(FULL, kind.table))
    repository.apply(Change("all", added=records, profile=FULL.profile))
    stored = repository.log()
    repository.close()
    for kind in KINDS:
        assert sorted(getattr(stored, kind.table), key=repr) == sorted(
            getattr(FULL, kind.table), key=repr
        )
    assert stored.profile == FULL.profile
    again = parse_repute_json(export_json(FULL), Log()).as_log()
    for kind in KINDS:
        assert set(getattr(again, kind.table)) == set(getattr(FULL, kind.table))


def test_the_words_for_one_and_many() -> None:
    assert [kind.noun.of(1) for kind in KINDS] == [
        "1 client",
        "1 contract",
        "1 payment",
        "1 feedback",
        "1 invite",
        "1 proposal",
        "1 snapshot",
        "1 counted mark",
        "1 event",
    ]
    assert kind_of(Feedback).noun.of(2) == "2 feedback"
    assert kind_of(Snapshot).said == Noun("recorded value", "recorded values")


def test_keys_and_order_a_payment_without_a_ref_has_no_key_and_sorts_first() -> None:
    payments = kind_of(Payment)
    assert not payments.always_keyed and kind_of(Feedback).always_keyed
    without, with_ref = Payment("k-1", DAY, Decimal(9)), Payment("k-1", DAY, Decimal(1), "TX")
    assert payments.key_of(without) is None and payments.key_of(with_ref) == "TX"
    assert sorted([with_ref, without], key=payments.sort_key) == [without, with_ref]
    feedback = Feedback("k-1", DAY)
    assert kind_of(Feedback).key_of(feedback) == feedback.key
    assert kind_of(Feedback).key_of_values({"contract": "k-1", "date": DAY}) == feedback.key


# An invite with one more field, as a change to the program would add it.
@dataclass(frozen=True, slots=True)
class InviteWithSource:
    id: str
    date: date
    job: str = ""
    client: str | None = None
    rate: Decimal | None = None
    status: str = "pending"
    responded: date | None = None
    source: str = ""


INVITES = kind_of(Invite)
WITH_SOURCE = RecordKind(
    InviteWithSource,
    "invites",
    {**INVITES.fields, "source": FieldRule("text", parse_text)},
    key=INVITES.key,
    noun=INVITES.noun,
)


def test_a_new_field_reaches_the_store_s_columns_and_rows_with_no_other_change() -> None:
    table = Table.of(WITH_SOURCE)
    assert table.columns == (*kind_of(Invite).columns, "source")
    assert "source" in table.insert_sql
    record = InviteWithSource("i-1", DAY, rate=Decimal("30.00"), source="referral")
    row = table.to_row(record)
    assert row == ("i-1", "2025-03-04", "", None, "30.00", "pending", None, "referral")
    assert table.from_row(row) == record
    connection = sqlite3.connect(":memory:")
    for migration in MIGRATIONS:
        migration.run(connection)
    connection.execute("ALTER TABLE invites ADD COLUMN source TEXT NOT NULL DEFAULT ''")
    connection.execute(table.insert_sql, row)
    assert table.from_rows(connection.execute(table.select_sql).fetchall()) == (record,)


def test_a_new_field_reaches_the_file_and_its_rules_with_no_other_change() -> None:
    record = InviteWithSource("i-1", DAY, source="referral")
    written = json.loads(_record_writer(WITH_SOURCE)(record))
    assert list(written) == [*kind_of(Invite).fields, "source"]
    assert written["source"] == "referral"
    assert WITH_SOURCE.required == ("id", "date")


def test_a_field_missing_from_the_registry_is_refused_when_the_kind_is_made() -> None:
    with pytest.raises(TypeError, match="source"):
        RecordKind(InviteWithSource, "invites", INVITES.fields, key=INVITES.key, noun=INVITES.noun)
