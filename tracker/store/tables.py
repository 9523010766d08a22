"""How each record of the log maps to a row of its table, and back.

One place knows the columns, so loading, writing and the stable order of each table cannot drift
apart. Readers build records straight from tuples (no dicts): loading 100,000 invites is the hot
path of every command.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from tracker.records.changes import Record
from tracker.records.model import (
    Client,
    Contract,
    CountedMark,
    Event,
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
    return None if day is None else day.isoformat()


def _money(amount: Decimal | None) -> str | None:
    return None if amount is None else str(amount)


def _scores_text(scores: tuple[tuple[str, Decimal], ...]) -> str:
    return json.dumps({name: str(value) for name, value in scores})


def _scores(text: str) -> tuple[tuple[str, Decimal], ...]:
    if text == "{}":
        return ()
    return tuple((name, Decimal(value)) for name, value in json.loads(text).items())


@dataclass(frozen=True, slots=True)
class Table:
    """A record type's table: its columns, identity, order, and the two conversions."""

    name: str
    columns: tuple[str, ...]
    key: tuple[str, ...]  # the columns that identify a row; payments have none (a rowid instead)
    order_by: str
    to_row: Callable[[Any], Row]
    from_row: Callable[[Row], Any]
    sort_key: Callable[[Any], Any]

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


CLIENTS = Table(
    name="clients",
    columns=("id", "name", "country", "flagged"),
    key=("id",),
    order_by="id",
    to_row=lambda c: (c.id, c.name, c.country, int(c.flagged)),
    from_row=lambda r: Client(r[0], r[1], r[2], bool(r[3])),
    sort_key=lambda c: c.id,
)


def _contract_row(c: Contract) -> Row:
    return (
        c.id,
        c.client,
        c.kind,
        c.started.isoformat(),
        c.title,
        _iso(c.ended),
        c.closed_by,
        c.end_reason,
        int(c.disputed),
        str(c.refunded),
        _money(c.earned),
        _iso(c.last_paid),
        c.category,
        c.notes,
    )


def _contract(r: Row) -> Contract:
    (
        id_,
        client,
        kind,
        started,
        title,
        ended,
        closed_by,
        end_reason,
        disputed,
        refunded,
        earned,
        last_paid,
        category,
        notes,
    ) = r
    return Contract(
        id_,
        client,
        kind,
        _day(started),
        title,
        None if ended is None else _day(ended),
        closed_by,
        end_reason,
        bool(disputed),
        Decimal(refunded),
        None if earned is None else Decimal(earned),
        None if last_paid is None else _day(last_paid),
        category,
        notes,
    )


CONTRACTS = Table(
    name="contracts",
    columns=(
        "id",
        "client",
        "kind",
        "started",
        "title",
        "ended",
        "closed_by",
        "end_reason",
        "disputed",
        "refunded",
        "earned",
        "last_paid",
        "category",
        "notes",
    ),
    key=("id",),
    order_by="id",
    to_row=_contract_row,
    from_row=_contract,
    sort_key=lambda c: c.id,
)

# Payments have no identity of their own (a surrogate rowid `id` tells identical ones apart). They
# are ordered by every field, amount included, so the order of a log never depends on the order
# its payments were written in: undoing a removal gives back the very same Log. The amount orders
# as a number (REAL in SQL, Decimal here: the same order for 2-decimal amounts below 10**13).
PAYMENTS = Table(
    name="payments",
    columns=("contract", "date", "amount", "ref"),
    key=(),
    order_by="contract, date, ref, CAST(amount AS REAL), id",
    to_row=lambda p: (p.contract, p.date.isoformat(), str(p.amount), p.ref),
    from_row=lambda r: Payment(r[0], _day(r[1]), Decimal(r[2]), r[3]),
    sort_key=lambda p: (p.contract, p.date, p.ref is not None, p.ref or "", p.amount),
)


def _feedback_row(f: Feedback) -> Row:
    return (
        f.contract,
        f.date.isoformat(),
        f.kind,
        _money(f.stars),
        f.private,
        int(f.private_is_guess),
        _scores_text(f.scores),
        f.comment,
    )


def _feedback(r: Row) -> Feedback:
    contract, day, kind, stars, private, guess, scores, comment = r
    return Feedback(
        contract,
        _day(day),
        kind,
        None if stars is None else Decimal(stars),
        private,
        bool(guess),
        _scores(scores),
        comment,
    )


FEEDBACK = Table(
    name="feedback",
    columns=(
        "contract",
        "date",
        "kind",
        "stars",
        "private",
        "private_is_guess",
        "scores",
        "comment",
    ),
    key=("contract", "date", "kind"),
    order_by="contract, date, kind",
    to_row=_feedback_row,
    from_row=_feedback,
    sort_key=lambda f: (f.contract, f.date, f.kind),
)


def _invite(r: Row) -> Invite:
    id_, day, job, client, rate, status, responded = r
    return Invite(
        id_,
        _day(day),
        job,
        client,
        None if rate is None else Decimal(rate),
        status,
        None if responded is None else _day(responded),
    )


INVITES = Table(
    name="invites",
    columns=("id", "date", "job", "client", "rate", "status", "responded"),
    key=("id",),
    order_by="id",
    to_row=lambda i: (
        i.id,
        i.date.isoformat(),
        i.job,
        i.client,
        _money(i.rate),
        i.status,
        _iso(i.responded),
    ),
    from_row=_invite,
    sort_key=lambda i: i.id,
)

PROPOSALS = Table(
    name="proposals",
    columns=("id", "date", "job", "connects", "status"),
    key=("id",),
    order_by="id",
    to_row=lambda p: (p.id, p.date.isoformat(), p.job, p.connects, p.status),
    from_row=lambda r: Proposal(r[0], _day(r[1]), r[2], r[3], r[4]),
    sort_key=lambda p: p.id,
)

SNAPSHOTS = Table(
    name="snapshots",
    columns=("date", "jss", "note"),
    key=("date",),
    order_by="date",
    to_row=lambda s: (s.date.isoformat(), s.jss, s.note),
    from_row=lambda r: Snapshot(_day(r[0]), r[1], r[2]),
    sort_key=lambda s: s.date,
)

EVENTS = Table(
    name="events",
    columns=("date", "kind", "until", "note"),
    key=("date", "kind"),
    order_by="date, kind",
    to_row=lambda e: (e.date.isoformat(), e.kind, _iso(e.until), e.note),
    from_row=lambda r: Event(_day(r[0]), r[1], None if r[2] is None else _day(r[2]), r[3]),
    sort_key=lambda e: (e.date, e.kind),
)

COUNTED_MARKS = Table(
    name="counted_marks",
    columns=("contract", "date", "counted"),
    key=("contract", "date"),
    order_by="contract, date",
    to_row=lambda m: (m.contract, m.date.isoformat(), int(m.counted)),
    from_row=lambda r: CountedMark(r[0], _day(r[1]), bool(r[2])),
    sort_key=lambda m: (m.contract, m.date),
)

TABLES: dict[type, Table] = {
    Client: CLIENTS,
    Contract: CONTRACTS,
    Payment: PAYMENTS,
    Feedback: FEEDBACK,
    Invite: INVITES,
    Proposal: PROPOSALS,
    Snapshot: SNAPSHOTS,
    Event: EVENTS,
    CountedMark: COUNTED_MARKS,
}


def table_of(record: Record) -> Table:
    """The table that stores `record`."""
    return TABLES[type(record)]


TABLES_BY_NAME: dict[str, Table] = {table.name: table for table in TABLES.values()}


PROFILE_COLUMNS = ("platform", "name", "currency", "joined")


def profile_row(profile: Profile) -> Row:
    return (profile.platform, profile.name, profile.currency, _iso(profile.joined))


def profile_from_row(row: Row | None) -> Profile:
    if row is None:
        return Profile()
    platform, name, currency, joined = row
    return Profile(platform, name, currency, None if joined is None else _day(joined))


def setting_text(value: object) -> str:
    """A setting's value as JSON text; what cannot be JSON is a bug of the caller (TypeError)."""
    return json.dumps(value, sort_keys=True, allow_nan=False)


def setting_value(text: str) -> object:
    return json.loads(text)


def describe(record: Record) -> str:
    """A record as a person names it in a message: "contract 'k-1'", "payment of 'k-1' on ..."."""
    if isinstance(record, Client | Contract | Invite | Proposal):
        return f"{type(record).__name__.lower()} {record.id!r}"
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
