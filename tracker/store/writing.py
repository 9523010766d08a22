"""One edit of the log as one transaction, and the edit that undoes it.

The whole edit runs under one write lock: removals first, then additions, then the profile,
settings and applied refs, then COMMIT, where the deferred foreign keys are checked. Anything that
does not fit (a record to remove that is not there, a key that is already taken, a reference left
dangling) rolls everything back and becomes a StoreError that names the record.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from itertools import groupby

from tracker.records.changes import Change, Record
from tracker.records.kinds import REFERENCES
from tracker.records.model import Payment, Profile
from tracker.store.errors import StoreError
from tracker.store.migrations import DATE_INDEXES
from tracker.store.tables import (
    PAYMENTS,
    PROFILE_COLUMNS,
    TABLES,
    TABLES_BY_NAME,
    Table,
    describe,
    profile_from_row,
    profile_row,
    setting_text,
    setting_value,
    table_of,
)

_PROFILE_SELECT = f"SELECT {', '.join(PROFILE_COLUMNS)} FROM profile WHERE id = 1"
_PROFILE_UPSERT = (
    f"INSERT OR REPLACE INTO profile (id, {', '.join(PROFILE_COLUMNS)}) "
    f"VALUES (1, {', '.join('?' for _ in PROFILE_COLUMNS)})"
)
# A payment has no key: the rows that may hold it are found by contract, date and ref.
_PAYMENT_CANDIDATES = (
    f"SELECT id, {', '.join(PAYMENTS.columns)} FROM payments "
    "WHERE contract = ? AND date = ? AND ref IS ? ORDER BY id DESC"
)
_PAYMENT_FINDERS = tuple(PAYMENTS.columns.index(name) for name in ("contract", "date", "ref"))


@dataclass(frozen=True, slots=True)
class Edit:
    """What one transaction does: a Change going forward, or the inverse that takes it back.

    Unlike a Change, an edit can also forget applied refs, which is what undoing an import needs.
    `settings` pairs a key with its new value; None removes the key. An undo or a redo also says
    what it expects to find (`expected_settings`, `expected_profile`: what its change wrote), so a
    value another window or command wrote since is refused, not silently written over.
    """

    added: tuple[Record, ...] = ()
    removed: tuple[Record, ...] = ()
    profile: Profile | None = None
    settings: tuple[tuple[str, object], ...] = ()
    refs_added: tuple[str, ...] = ()
    refs_removed: tuple[str, ...] = ()
    groups_added: tuple[tuple[str, str, str], ...] = ()
    groups_removed: tuple[tuple[str, str, str], ...] = ()
    expected_settings: tuple[tuple[str, object], ...] = ()
    expected_profile: Profile | None = None

    @classmethod
    def of(cls, change: Change) -> Edit:
        return cls(
            added=change.added,
            removed=change.removed,
            profile=change.profile,
            settings=tuple((change.settings or {}).items()),
            refs_added=change.applied_refs,
            groups_added=change.import_groups,
        )


def write(
    connection: sqlite3.Connection, edit: Edit, *, planned_at: int | None = None
) -> tuple[Edit, int]:
    """Apply `edit` in one transaction; return the edit that undoes it and the data version seen.

    The data version is read under the write lock, before the edit: when it equals the one the
    caller last read at, nobody else wrote in between and the caller may edit its copy in memory.
    `planned_at` is the data version of the log the edit was planned against (an import): when
    another connection has committed since, the plan may count records twice, so it is refused.

    Raises:
        StoreError: (kind "conflict") when the edit does not fit the stored log, (kind "stale") when
            the log changed since `planned_at`; nothing is written.
        TypeError: when a setting's value cannot be stored as JSON (a bug of the caller).
    """
    inserts = _runs_of_rows(edit.added)
    settings = [
        (key, None if value is None else setting_text(value)) for key, value in edit.settings
    ]
    connection.execute("BEGIN IMMEDIATE")
    try:
        stored_profile = _stored_profile(connection)  # also pins the snapshot data_version reads
        (version_before,) = connection.execute("PRAGMA data_version").fetchone()
        if planned_at is not None and version_before != planned_at:
            raise StoreError(
                "the log was changed in another window or command since this was planned; "
                "nothing was changed",
                kind="stale",
            )
        _check_unchanged_since(connection, edit, stored_profile)
        old_settings = tuple((key, _stored_setting(connection, key)) for key, _ in edit.settings)
        refs_new = [ref for ref in dict.fromkeys(edit.refs_added) if not _has_ref(connection, ref)]
        refs_gone = [ref for ref in dict.fromkeys(edit.refs_removed) if _has_ref(connection, ref)]
        for record in edit.removed:
            _remove(connection, record)
        _insert_all(connection, inserts)
        if edit.profile is not None:
            connection.execute(_PROFILE_UPSERT, profile_row(edit.profile))
        for key, text in settings:
            if text is None:
                connection.execute("DELETE FROM settings WHERE key = ?", (key,))
            else:
                connection.execute("INSERT OR REPLACE INTO settings VALUES (?, ?)", (key, text))
        connection.executemany("INSERT INTO applied_refs VALUES (?)", [(r,) for r in refs_new])
        connection.executemany("DELETE FROM applied_refs WHERE ref = ?", [(r,) for r in refs_gone])
        groups_new = [g for g in dict.fromkeys(edit.groups_added) if not _has_group(connection, g)]
        groups_gone = [g for g in dict.fromkeys(edit.groups_removed) if _has_group(connection, g)]
        connection.executemany(
            "DELETE FROM import_groups WHERE ref = ?", [g[:1] for g in groups_new]
        )
        connection.executemany("INSERT INTO import_groups VALUES (?, ?, ?)", groups_new)
        connection.executemany(
            "DELETE FROM import_groups WHERE ref = ?", [g[:1] for g in groups_gone]
        )
        _commit(connection)
    except BaseException:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise
    inverse = Edit(
        added=edit.removed,
        removed=edit.added,
        profile=None if edit.profile is None else stored_profile,
        settings=old_settings,
        refs_added=tuple(refs_gone),
        refs_removed=tuple(refs_new),
        groups_added=tuple(groups_gone),
        groups_removed=tuple(groups_new),
        expected_settings=tuple(
            (key, None if text is None else setting_value(text)) for key, text in settings
        ),
        expected_profile=None
        if edit.profile is None
        else profile_from_row(profile_row(edit.profile)),
    )
    return inverse, int(version_before)


def _check_unchanged_since(
    connection: sqlite3.Connection, edit: Edit, stored_profile: Profile
) -> None:
    """Refuse an undo or redo of a value that someone else has written since."""
    for key, expected in edit.expected_settings:
        if _stored_setting(connection, key) != expected:
            raise StoreError(
                f"the setting '{key}' was changed in another window or command since; "
                "nothing was changed",
                kind="conflict",
            )
    if edit.expected_profile is not None and stored_profile != edit.expected_profile:
        raise StoreError(
            "the profile was changed in another window or command since; nothing was changed",
            kind="conflict",
        )


def _stored_profile(connection: sqlite3.Connection) -> Profile:
    return profile_from_row(connection.execute(_PROFILE_SELECT).fetchone())


def _stored_setting(connection: sqlite3.Connection, key: str) -> object:
    row = connection.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    return None if row is None else setting_value(row[0])


def _has_ref(connection: sqlite3.Connection, ref: str) -> bool:
    row = connection.execute("SELECT 1 FROM applied_refs WHERE ref = ?", (ref,)).fetchone()
    return row is not None


def _has_group(connection: sqlite3.Connection, group: tuple[str, str, str]) -> bool:
    row = connection.execute(
        "SELECT 1 FROM import_groups WHERE ref = ? AND grouping = ? AND day = ?", group
    ).fetchone()
    return row is not None


def _remove(connection: sqlite3.Connection, record: Record) -> None:
    """Delete the stored row equal to `record` (by value: 450.0 and 450.00 are one amount)."""
    table = table_of(record)
    row = table.to_row(record)
    if isinstance(record, Payment):
        finders = tuple(row[position] for position in _PAYMENT_FINDERS)
        for rowid, *stored in connection.execute(_PAYMENT_CANDIDATES, finders):
            if PAYMENTS.from_row(tuple(stored)) == record:
                connection.execute("DELETE FROM payments WHERE id = ?", (rowid,))
                return
        differs = False
    else:
        key = table.key_of(row)
        stored_row = connection.execute(table.select_by_key_sql, key).fetchone()
        if stored_row is not None and table.from_row(stored_row) == record:
            connection.execute(table.delete_by_key_sql, key)
            return
        differs = stored_row is not None
    reason = "the stored one differs" if differs else "it is not there"
    raise StoreError(f"cannot remove {describe(record)}: {reason}", kind="conflict")


Run = tuple[Table, tuple[Record, ...], list[tuple[object, ...]]]


def _runs_of_rows(records: tuple[Record, ...]) -> list[Run]:
    """The records to add as runs of one table's records, in order, each with its rows."""
    runs = []
    for kind, run in groupby(records, key=type):
        table = TABLES[kind]
        group = tuple(run)
        runs.append((table, group, list(map(table.to_row, group))))
    return runs


REBUILT_FROM_ROWS = 5000  # a run of invites or proposals this long builds its date index anew


def _insert_all(connection: sqlite3.Connection, runs: list[Run]) -> None:
    """Insert every row, a run of one table's rows at a time (an import adds 100,000 invites).

    A run the database refuses is taken back to its savepoint and inserted again row by row, so
    the message names the first record refused, as inserting one at a time always did.
    """
    for table, records, rows in runs:
        connection.execute("SAVEPOINT insert_run")
        try:
            rebuilt = DATE_INDEXES.get(table.name) if len(rows) >= REBUILT_FROM_ROWS else None
            if rebuilt is None:
                connection.executemany(table.insert_sql, rows)
            else:
                # Built again from all its rows at once (one sort) rather than kept up to date
                # row by row in date order: a third of the rows' own cost for 100,000 invites.
                # In the savepoint: refused or killed, the index is back as it was.
                index, create = rebuilt
                connection.execute(f"DROP INDEX {index}")
                connection.executemany(table.insert_sql, rows)
                connection.execute(create)
        except sqlite3.IntegrityError:
            connection.execute("ROLLBACK TO insert_run")
            for record, row in zip(records, rows, strict=True):
                _insert(connection, record, row)
        connection.execute("RELEASE insert_run")


def _insert(connection: sqlite3.Connection, record: Record, row: tuple[object, ...]) -> None:
    try:
        connection.execute(table_of(record).insert_sql, row)
    except sqlite3.IntegrityError as error:
        if "UNIQUE" not in str(error):
            raise
        raise StoreError(
            f"cannot add {describe(record)}: one is already there", kind="conflict"
        ) from error


def _commit(connection: sqlite3.Connection) -> None:
    """COMMIT, naming the first dangling reference when the deferred foreign keys refuse it.

    A COMMIT refused for deferred foreign keys leaves the transaction open, so the culprit can be
    looked up before the caller rolls back.
    """
    try:
        connection.execute("COMMIT")
    except sqlite3.IntegrityError as error:
        if "FOREIGN KEY" not in str(error) or not connection.in_transaction:
            raise
        raise StoreError(_dangling_reference(connection), kind="conflict") from error


def _dangling_reference(connection: sqlite3.Connection) -> str:
    for reference in REFERENCES:
        child, column = TABLES_BY_NAME[reference.table], reference.column
        stored = connection.execute(
            f"SELECT {', '.join(child.columns)} FROM {child.name} "
            f"WHERE {column} NOT IN (SELECT id FROM {reference.names}) LIMIT 1"
        ).fetchone()
        if stored is not None:
            record = child.from_row(stored)
            return (
                f"{describe(record)} refers to {column} {getattr(record, column)!r}, which is not"
                " there (remove or add it in the same change)"
            )
    return "a record refers to one that is not there"
