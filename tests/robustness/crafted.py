"""Crafted databases: a sound Repute log, then one thing changed the way a hostile file would.

Each crafting takes a sound database (Repute's marks, the sample log imported) and spoils it with
plain SQL: a value no import would accept, a trigger, a view, a table rebuilt without a column, an
odd `user_version`. The tests open each with every command and expect one sentence, no change.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from tracker.store.migrations import SCHEMA_VERSION

Craft = Callable[[sqlite3.Connection], None]


def _sql(*statements: str) -> Craft:
    def craft(connection: sqlite3.Connection) -> None:
        for statement in statements:
            connection.execute(statement)

    return craft


def _first(table: str, column: str, value: object) -> Craft:
    """Set `column` of the first row of `table` (in rowid order) to `value`."""

    def craft(connection: sqlite3.Connection) -> None:
        connection.execute(
            f"UPDATE {table} SET {column} = ? WHERE rowid = (SELECT MIN(rowid) FROM {table})",
            (value,),
        )

    return craft


def _keyed_first(table: str, key: str, column: str, value: object) -> Craft:
    """The same for a WITHOUT ROWID table, whose first row is the smallest key."""

    def craft(connection: sqlite3.Connection) -> None:
        connection.execute(
            f"UPDATE {table} SET {column} = ? WHERE {key} = (SELECT MIN({key}) FROM {table})",
            (value,),
        )

    return craft


# Values an import refuses, each stored where SQLite lets it be.
INVALID_ROWS: dict[str, Craft] = {
    "payment date not a date": _first("payments", "date", "2025-02-30"),
    "payment amount is text": _first("payments", "amount", "lots"),
    "payment amount negative": _first("payments", "amount", "-50.00"),
    "payment amount a blob": _first("payments", "amount", b"\x00\x01"),
    "contract started not a date": _keyed_first("contracts", "id", "started", "yesterday"),
    "contract kind unknown": _keyed_first("contracts", "id", "kind", "barter"),
    "contract refunded infinite": _keyed_first("contracts", "id", "refunded", "Infinity"),
    "feedback stars 9": _sql("UPDATE feedback SET stars = '9' WHERE stars IS NOT NULL"),
    "feedback scores not JSON": _sql("UPDATE feedback SET scores = '{oops'"),
    "feedback kind unknown": _sql("UPDATE feedback SET kind = 'glowing'"),
    "invite status unknown": _keyed_first("invites", "id", "status", "maybe"),
    "snapshot jss 300": _keyed_first("snapshots", "date", "jss", 300),
    "setting not JSON": _sql("INSERT OR REPLACE INTO settings VALUES ('rules', 'auto')"),
    "profile joined not a date": _sql("UPDATE profile SET joined = 'soon'"),
    "payment to no contract": _sql(
        "PRAGMA foreign_keys = OFF", "UPDATE payments SET contract = 'nowhere'"
    ),
    "contract of no client": _sql(
        "PRAGMA foreign_keys = OFF",
        "UPDATE contracts SET client = 'ghost' WHERE id = (SELECT MIN(id) FROM contracts)",
    ),
    "counted mark of no contract": _sql(
        "PRAGMA foreign_keys = OFF",
        "INSERT INTO counted_marks VALUES ('nowhere', '2025-06-02', 1)",
    ),
    "invite of no client": _sql(
        "UPDATE invites SET client = 'ghost' WHERE id = (SELECT MIN(id) FROM invites)"
    ),
}

# Objects Repute never makes, and its own objects taken away or changed.
HOSTILE_SCHEMAS: dict[str, Craft] = {
    "trigger ignoring payments": _sql(
        "CREATE TRIGGER swallow BEFORE INSERT ON payments BEGIN SELECT RAISE(IGNORE); END"
    ),
    "trigger deleting snapshots": _sql(
        "CREATE TRIGGER wipe AFTER INSERT ON payments BEGIN DELETE FROM snapshots; END"
    ),
    "trigger aborting": _sql(
        "CREATE TRIGGER refuse BEFORE INSERT ON clients BEGIN SELECT RAISE(ABORT, 'no'); END"
    ),
    "endless view in place of a table": _sql(
        "DROP TABLE events",
        "CREATE VIEW events (date, kind, until, note) AS WITH RECURSIVE n(i) AS (SELECT 1 UNION "
        "ALL SELECT i + 1 FROM n) SELECT '2025-01-01', 'note', NULL, i FROM n",
    ),
    "an extra view": _sql("CREATE VIEW everything AS SELECT * FROM payments"),
    "an extra table": _sql("CREATE TABLE stash (x)"),
    "an extra index": _sql("CREATE INDEX by_amount ON payments (amount)"),
    "payments without ref": _sql(
        "DROP INDEX IF EXISTS payments_by_ref",
        "DROP INDEX payments_in_order",
        "ALTER TABLE payments DROP COLUMN ref",
    ),
    "snapshots table missing": _sql("DROP TABLE snapshots"),
    "user_version 0": _sql("PRAGMA user_version = 0"),
    "user_version negative": _sql("PRAGMA user_version = -3"),
    "user_version one back": _sql(f"PRAGMA user_version = {SCHEMA_VERSION - 1}"),
}

ALL_CRAFTED = {**INVALID_ROWS, **HOSTILE_SCHEMAS}


def craft_database(sound: Path, craft: Craft) -> None:
    """Spoil the sound database at `sound` in place (in WAL mode, as Repute keeps every file)."""
    connection = sqlite3.connect(sound, isolation_level=None)
    try:
        connection.execute("PRAGMA journal_mode = DELETE")
        craft(connection)
        connection.execute("PRAGMA journal_mode = WAL")
    finally:
        connection.close()
