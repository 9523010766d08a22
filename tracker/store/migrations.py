"""The database's schema as ordered, named steps; `PRAGMA user_version` counts the steps applied.

Each step runs in its own transaction together with the version bump, so a crash leaves the file at
one version or the next, never between. A step once released is never edited: a new one is added.
Money is stored as decimal text (exact), dates as ISO text, booleans as 0/1, sub-scores and settings
as JSON text. Tables with a natural key are WITHOUT ROWID, so reading one in key order is a single
walk of its b-tree (half the time of an index plus table lookups, measured on 100,000 invites).

The steps are SQL as SQLite keeps it, not sqlite-utils calls: a database's schema is trusted only if
its `sqlite_master` text is the text these steps write (store/schema.py), so a released step's text
can never change, and sqlite-utils 4 can write neither WITHOUT ROWID tables nor deferred foreign
keys nor partial or expression indexes. Its `Table.transform()` rebuilds a table without them.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from tracker.store.header import APPLICATION_ID


@dataclass(frozen=True, slots=True)
class Migration:
    """One step of the schema: a name for people, a function that runs the step's statements."""

    name: str
    run: Callable[[sqlite3.Connection], None]


def _statements(*sql: str) -> Callable[[sqlite3.Connection], None]:
    """A step made of plain statements (executescript would commit in the middle of the step)."""

    def run(connection: sqlite3.Connection) -> None:
        for statement in sql:
            connection.execute(statement)

    return run


_FK = "DEFERRABLE INITIALLY DEFERRED"

_CREATE_LOG_TABLES = _statements(
    """CREATE TABLE profile (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        platform TEXT NOT NULL,
        name TEXT NOT NULL,
        currency TEXT NOT NULL,
        joined TEXT
    )""",
    "CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID",
    "CREATE TABLE applied_refs (ref TEXT PRIMARY KEY) WITHOUT ROWID",
    """CREATE TABLE clients (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        country TEXT NOT NULL,
        flagged INTEGER NOT NULL
    ) WITHOUT ROWID""",
    f"""CREATE TABLE contracts (
        id TEXT PRIMARY KEY,
        client TEXT NOT NULL REFERENCES clients (id) {_FK},
        kind TEXT NOT NULL,
        started TEXT NOT NULL,
        title TEXT NOT NULL,
        ended TEXT,
        closed_by TEXT,
        end_reason TEXT,
        disputed INTEGER NOT NULL,
        refunded TEXT NOT NULL,
        earned TEXT,
        last_paid TEXT,
        category TEXT NOT NULL,
        notes TEXT NOT NULL
    ) WITHOUT ROWID""",
    "CREATE INDEX contracts_by_client ON contracts (client)",
    f"""CREATE TABLE payments (
        id INTEGER PRIMARY KEY,
        contract TEXT NOT NULL REFERENCES contracts (id) {_FK},
        date TEXT NOT NULL,
        amount TEXT NOT NULL,
        ref TEXT
    )""",
    "CREATE INDEX payments_in_order ON payments (contract, date, ref, CAST(amount AS REAL))",
    f"""CREATE TABLE feedback (
        contract TEXT NOT NULL REFERENCES contracts (id) {_FK},
        date TEXT NOT NULL,
        kind TEXT NOT NULL,
        stars TEXT,
        private INTEGER,
        private_is_guess INTEGER NOT NULL,
        scores TEXT NOT NULL,
        comment TEXT NOT NULL,
        PRIMARY KEY (contract, date, kind)
    ) WITHOUT ROWID""",
    """CREATE TABLE invites (
        id TEXT PRIMARY KEY,
        date TEXT NOT NULL,
        job TEXT NOT NULL,
        client TEXT,
        rate TEXT,
        status TEXT NOT NULL,
        responded TEXT
    ) WITHOUT ROWID""",
    """CREATE TABLE proposals (
        id TEXT PRIMARY KEY,
        date TEXT NOT NULL,
        job TEXT NOT NULL,
        connects INTEGER,
        status TEXT NOT NULL
    ) WITHOUT ROWID""",
    """CREATE TABLE snapshots (
        date TEXT PRIMARY KEY,
        jss INTEGER NOT NULL,
        note TEXT NOT NULL
    ) WITHOUT ROWID""",
    """CREATE TABLE events (
        date TEXT NOT NULL,
        kind TEXT NOT NULL,
        until TEXT,
        note TEXT NOT NULL,
        PRIMARY KEY (date, kind)
    ) WITHOUT ROWID""",
)

# What the marketplace's Job Success insights page listed for a contract on a date.
_CREATE_COUNTED_MARKS = _statements(
    f"""CREATE TABLE counted_marks (
        contract TEXT NOT NULL REFERENCES contracts (id) {_FK},
        date TEXT NOT NULL,
        counted INTEGER NOT NULL,
        PRIMARY KEY (contract, date)
    ) WITHOUT ROWID""",
)


def _unique_payment_refs(connection: sqlite3.Connection) -> None:
    """Make a payment's ref unique, keeping every distinct payment already stored.

    Before this step two imports at once could store one payment twice. Of payments sharing a ref,
    those equal to an earlier one (same contract, date and amount by value) are that payment
    stored twice and are removed; one that differs is a distinct payment and is kept, its ref
    given a suffix (`REF~2`) so that the two stay told apart and nothing is lost.
    """
    rows = connection.execute(
        "SELECT id, contract, date, amount, ref FROM payments WHERE ref IN "
        "(SELECT ref FROM payments WHERE ref IS NOT NULL GROUP BY ref HAVING COUNT(*) > 1) "
        "ORDER BY ref, id"
    ).fetchall()
    kept: dict[str, list[tuple[str, str, Decimal | str]]] = {}
    taken = {ref for (ref,) in connection.execute("SELECT ref FROM payments WHERE ref IS NOT NULL")}
    for rowid, contract, day, amount, ref in rows:
        content = (contract, day, _as_amount(amount))
        same_ref = kept.setdefault(ref, [])
        if content in same_ref:
            connection.execute("DELETE FROM payments WHERE id = ?", (rowid,))
        elif not same_ref:
            same_ref.append(content)
        else:
            same_ref.append(content)
            suffix = len(same_ref)
            while f"{ref}~{suffix}" in taken:
                suffix += 1
            taken.add(f"{ref}~{suffix}")
            connection.execute(
                "UPDATE payments SET ref = ? WHERE id = ?", (f"{ref}~{suffix}", rowid)
            )
    connection.execute(
        "CREATE UNIQUE INDEX payments_by_ref ON payments (ref) WHERE ref IS NOT NULL"
    )


def _as_amount(text: object) -> Decimal | str:
    """An amount by value (450.0 and 450.00 are one), or as it is when it is not a number."""
    try:
        return Decimal(str(text))
    except InvalidOperation:
        return str(text)


# Which grouping rule put each imported statement payment where it is (`number:35695275`,
# `rate:client alpha:30.00`, ...): a later statement that does not overlap finds the contract that
# holds the same group's payments, even one the user renamed, merged or split.
_REMEMBER_IMPORT_GROUPS = _statements(
    """CREATE TABLE import_groups (
        ref TEXT PRIMARY KEY,
        grouping TEXT NOT NULL,
        day TEXT NOT NULL
    ) WITHOUT ROWID""",
    "CREATE INDEX import_groups_by_grouping ON import_groups (grouping, day)",
)

# The trend counts invites and proposals per day (`GROUP BY date`): without an index SQLite sorts
# every row for it, a sixth of a ten-year trend's reading at 100,000 invites; with one, it walks
# the index in order and never reads the rows.
# (An import that adds thousands of them builds each index again after its rows: store/writing.)
DATE_INDEXES = {
    "invites": ("invites_by_date", "CREATE INDEX invites_by_date ON invites (date)"),
    "proposals": ("proposals_by_date", "CREATE INDEX proposals_by_date ON proposals (date)"),
}
_INVITES_AND_PROPOSALS_BY_DATE = _statements(*(create for _, create in DATE_INDEXES.values()))

MIGRATIONS: tuple[Migration, ...] = (
    Migration("create the log's tables", _CREATE_LOG_TABLES),
    Migration("add the counted marks table", _CREATE_COUNTED_MARKS),
    Migration("a payment's ref is unique", _unique_payment_refs),
    Migration("remember the grouping of imported transactions", _REMEMBER_IMPORT_GROUPS),
    Migration("count invites and proposals by day from an index", _INVITES_AND_PROPOSALS_BY_DATE),
)
SCHEMA_VERSION = len(MIGRATIONS)


def schema_version(connection: sqlite3.Connection) -> int:
    """The number of steps applied to the database open on `connection`."""
    (version,) = connection.execute("PRAGMA user_version").fetchone()
    return int(version)


def migrate(connection: sqlite3.Connection, migrations: Sequence[Migration] = MIGRATIONS) -> None:
    """Apply the steps the database lacks, each in one transaction with its version bump.

    The version is read again inside each step's write lock, so two processes upgrading the same
    file at once apply every step exactly once.
    """
    for version, migration in enumerate(migrations, start=1):
        connection.execute("BEGIN IMMEDIATE")
        try:
            if schema_version(connection) < version:
                migration.run(connection)
                connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                connection.execute(f"PRAGMA user_version = {version}")
            connection.execute("COMMIT")
        except BaseException:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise
