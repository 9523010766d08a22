"""What each log page shows: its columns, how they sort, and which tables it depends on.

A column is a pair of small functions of (record, lookups): the text people read and the key it
sorts by (dates by date and money by amount, not by their text).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from tracker.records.changes import Record
from tracker.records.kinds import RecordKind, kind_named, kind_of
from tracker.records.model import (
    Contract,
    Feedback,
)
from ui.log.formatting import day, money, rating, words
from ui.log.lookups import LogLookups

Text = Callable[[Any, LogLookups], str]
Key = Callable[[Any, LogLookups], Any]


@dataclass(frozen=True)
class Column:
    """One column: its heading, its text, its sort key (the text when None), its alignment."""

    title: str
    text: Text
    key: Key | None = None
    numeric: bool = False
    tip: str = ""
    sample: str = ""


@dataclass(frozen=True)
class TableSpec:
    """One log page's table: the kind of record it shows (its title, table and identity come from
    there) and how it shows them."""

    kind: RecordKind
    columns: tuple[Column, ...]
    depends_on: frozenset[str]
    sort_column: int
    descending: bool
    empty_text: str

    @property
    def title(self) -> str:
        return self.kind.noun.many.capitalize()

    @property
    def table(self) -> str:
        return self.kind.table

    @property
    def record_type(self) -> type:
        return self.kind.type

    def identity(self, record: Any) -> Hashable:
        """What stays the same when a record is edited: its key, or the record itself for a
        payment (whose ref is optional)."""
        return identity_of(record)


DATE_SAMPLE = "30 May 2026"  # the widest month
MONEY_SAMPLE = "$12,345.00"
NAME_SAMPLE = "Beacon Literacy Trust"
TITLE_SAMPLE = "Quarterly report design"
WIDE_TITLE_SAMPLE = "Product redesign for the v2 launch"


def _date_column(title: str, read: Callable[[Any], date | None], empty: str = "") -> Column:
    return Column(title, lambda r, _: day(read(r), empty), lambda r, _: read(r), sample=DATE_SAMPLE)


def _contract_column() -> Column:
    """The contract a payment, a feedback or a mark belongs to, by its title."""

    def title(record: Any, k: LogLookups) -> str:
        return str(k.contract_titles.get(record.contract, record.contract))

    return Column("Contract", title, lambda r, k: title(r, k).casefold(), sample=WIDE_TITLE_SAMPLE)


def _money_column(
    title: str, read: Callable[[Any, LogLookups], Decimal | None], tip: str = ""
) -> Column:
    return Column(
        title,
        lambda r, k: money(read(r, k), k.currency),
        read,
        numeric=True,
        tip=tip,
        sample=MONEY_SAMPLE,
    )


def _stars(item: Feedback | None) -> str:
    if item is None:
        return ""
    parts = []
    if item.stars is not None:
        parts.append(f"{rating(item.stars)} ★")
    if item.private is not None:
        parts.append(f"private {item.private}{' (guess)' if item.private_is_guess else ''}")
    return ", ".join(parts) or "no rating"


def _ending(contract: Contract) -> str:
    return ", ".join(
        filter(None, [words(contract.end_reason), "disputed" if contract.disputed else ""])
    )


CONTRACTS = TableSpec(
    kind=kind_named("contracts"),
    columns=(
        Column(
            "Title",
            lambda c, _: c.title or "(no title)",
            lambda c, _: c.title.casefold(),
            sample=TITLE_SAMPLE,
        ),
        Column(
            "Client",
            lambda c, k: k.client_names.get(c.client, c.client),
            lambda c, k: k.client_names.get(c.client, c.client).casefold(),
            sample=NAME_SAMPLE,
        ),
        _date_column("Started", lambda c: c.started),
        _date_column("Ended", lambda c: c.ended, empty="open"),
        _money_column(
            "Paid",
            lambda c, k: k.paid(c.id, c.earned),
            tip="the sum of its payments, or the amount typed in",
        ),
        Column(
            "Feedback",
            lambda c, k: _stars(k.latest_feedback.get(c.id)),
            lambda c, k: getattr(k.latest_feedback.get(c.id), "stars", None),
            sample="4.75 ★, private 10 (guess)",
        ),
        Column(
            "Kind",
            lambda c, _: "fixed price" if c.kind == "fixed" else c.kind,
            sample="fixed price",
        ),
        Column("Ending", lambda c, _: _ending(c), sample="no longer needed"),
        Column("Id", lambda c, _: c.id, sample="k-123"),  # the last column takes what is left
    ),
    depends_on=frozenset({"contracts", "clients", "payments", "feedback", "profile"}),
    sort_column=2,
    descending=True,
    empty_text="No contracts yet. Add the first one, or import your history from the File menu.",
)

PAYMENTS = TableSpec(
    kind=kind_named("payments"),
    columns=(
        _date_column("Date", lambda p: p.date),
        _contract_column(),
        _money_column("Amount", lambda p, _: p.amount),
        Column("Reference", lambda p, _: p.ref or "", sample="TX-1234567890"),
    ),
    depends_on=frozenset({"payments", "contracts", "profile"}),
    sort_column=0,
    descending=True,
    empty_text="No payments yet. A contract's payments set its weight and keep it in the windows.",
)

FEEDBACK = TableSpec(
    kind=kind_named("feedback"),
    columns=(
        _date_column("Date", lambda f: f.date),
        _contract_column(),
        Column("Kind", lambda f, _: f.kind, sample="interim"),
        Column("Stars", lambda f, _: rating(f.stars), lambda f, _: f.stars, numeric=True),
        Column(
            "Private",
            lambda f, _: (
                ""
                if f.private is None
                else f"{f.private}{' (guess)' if f.private_is_guess else ''}"
            ),
            lambda f, _: f.private,
            numeric=True,
            tip="the private score 0-10; '(guess)' where you estimated it",
        ),
        Column("Comment", lambda f, _: f.comment.replace("\n", " ")),
    ),
    depends_on=frozenset({"feedback", "contracts"}),
    sort_column=0,
    descending=True,
    empty_text="No feedback yet. Feedback decides whether a contract counts as positive.",
)

INVITES = TableSpec(
    kind=kind_named("invites"),
    columns=(
        _date_column("Date", lambda i: i.date),
        Column("Job", lambda i, _: i.job, sample=WIDE_TITLE_SAMPLE),
        Column(
            "Client",
            lambda i, k: "" if i.client is None else k.client_names.get(i.client, i.client),
            sample=NAME_SAMPLE,
        ),
        _money_column("Rate", lambda i, _: i.rate),
        Column("Status", lambda i, _: words(i.status), sample="accepted"),
        _date_column("Answered", lambda i: i.responded),
        Column("Id", lambda i, _: i.id),
    ),
    depends_on=frozenset({"invites", "clients", "profile"}),
    sort_column=0,
    descending=True,
    empty_text="No invites yet. Log the ones you receive to see your invite rate on the Trend "
    "page.",
)

PROPOSALS = TableSpec(
    kind=kind_named("proposals"),
    columns=(
        _date_column("Date", lambda p: p.date),
        Column("Job", lambda p, _: p.job, sample=WIDE_TITLE_SAMPLE),
        Column(
            "Connects",
            lambda p, _: "" if p.connects is None else str(p.connects),
            lambda p, _: p.connects,
            numeric=True,
        ),
        Column("Status", lambda p, _: words(p.status), sample="interviewed"),
        Column("Id", lambda p, _: p.id),
    ),
    depends_on=frozenset({"proposals"}),
    sort_column=0,
    descending=True,
    empty_text="No proposals yet. Log them to see how many you send beside your invites.",
)

SNAPSHOTS = TableSpec(
    kind=kind_named("snapshots"),
    columns=(
        _date_column("Date", lambda s: s.date),
        Column(
            "Job Success",
            lambda s, _: f"{s.jss}%",
            lambda s, _: s.jss,
            numeric=True,
            tip="the value the marketplace showed that day",
        ),
        Column("Note", lambda s, _: s.note),
    ),
    depends_on=frozenset({"snapshots"}),
    sort_column=0,
    descending=True,
    empty_text="No recorded values yet. Note the score the marketplace shows you, to check the "
    "estimate against it.",
)

COUNTED_MARKS = TableSpec(
    kind=kind_named("counted_marks"),
    columns=(
        _date_column("On", lambda m: m.date),
        _contract_column(),
        Column(
            "Listed as",
            lambda m, _: "counting" if m.counted else "not counting",
            sample="not counting",
            tip="as the marketplace's Job Success insights page listed it that day",
        ),
    ),
    depends_on=frozenset({"counted_marks", "contracts"}),
    sort_column=0,
    descending=True,
    empty_text="No counted marks yet. The marketplace's Job Success insights page lists which "
    "jobs count toward the score: mark them here (or on a contract's panel) to see where the "
    "model decides differently.",
)

EVENTS = TableSpec(
    kind=kind_named("events"),
    columns=(
        _date_column("Date", lambda e: e.date),
        Column("Kind", lambda e, _: words(e.kind), sample="profile change"),
        _date_column("Until", lambda e: e.until),
        Column("Note", lambda e, _: e.note),
    ),
    depends_on=frozenset({"events"}),
    sort_column=0,
    descending=True,
    empty_text="No events yet. Account holds, badges and profile changes go here.",
)

CLIENTS = TableSpec(
    kind=kind_named("clients"),
    columns=(
        Column(
            "Name",
            lambda c, _: c.name or c.id,
            lambda c, _: (c.name or c.id).casefold(),
            sample=NAME_SAMPLE,
        ),
        Column("Country", lambda c, _: c.country),
        Column(
            "Contracts",
            lambda c, k: str(k.contracts_per_client.get(c.id, 0)),
            lambda c, k: k.contracts_per_client.get(c.id, 0),
            numeric=True,
        ),
        _money_column("Paid", lambda c, k: k.paid_by_client.get(c.id, Decimal(0))),
        Column(
            "Flagged",
            lambda c, _: "flagged" if c.flagged else "",
            tip="flagged or suspended by the marketplace: its contracts are excluded",
        ),
        Column("Id", lambda c, _: c.id),
    ),
    depends_on=frozenset({"clients", "contracts", "payments", "profile"}),
    sort_column=0,
    descending=False,
    empty_text="No clients yet. They are added with their first contract.",
)

ALL_TABLES = (
    CONTRACTS,
    PAYMENTS,
    FEEDBACK,
    INVITES,
    PROPOSALS,
    SNAPSHOTS,
    COUNTED_MARKS,
    EVENTS,
    CLIENTS,
)


def identity_of(record: Record) -> Hashable:
    """What stays the same when a record is edited, to find it again after a refresh."""
    kind = kind_of(record)
    return kind.key_of(record) if kind.always_keyed else record
