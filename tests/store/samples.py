"""Small logs and helpers for the store's tests, written as plain data.

`sample_log()` is also what tests/data/schema-v1.sqlite3 holds: change neither without the other.
"""

from __future__ import annotations

import hashlib
import sqlite3
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from tracker.records.changes import Change, Record
from tracker.records.model import (
    Client,
    Contract,
    Event,
    Feedback,
    Invite,
    Log,
    Payment,
    Profile,
    Proposal,
    Snapshot,
)

NOON = datetime(2026, 11, 26, 12, 0, 0)


def d(text: str) -> date:
    return date.fromisoformat(text)


def money(text: str) -> Decimal:
    return Decimal(text)


ACME = Client("acme", "Acme Ltd", "US")
GLOBEX = Client("globex", "Globex", "DE", flagged=True)
LOGO = Contract(
    "k-1",
    "acme",
    "fixed",
    d("2025-01-03"),
    title="Logo redesign",
    ended=d("2025-03-01"),
    closed_by="client",
    end_reason="completed",
    category="Design & Creative",
)
RETAINER = Contract(
    "k-2",
    "globex",
    "hourly",
    d("2025-02-01"),
    title="Ongoing support",
    refunded=money("12.50"),
    notes="weekly invoices",
)
TYPED = Contract(
    "k-3",
    "acme",
    "fixed",
    d("2024-06-01"),
    ended=d("2024-07-01"),
    earned=money("800.00"),
    last_paid=d("2024-06-30"),
    disputed=True,
)
LOGO_PAYMENT = Payment("k-1", d("2025-02-28"), money("450.0"), "TX-88123")
WEEK_1 = Payment("k-2", d("2025-02-08"), money("120.00"))
WEEK_2 = Payment("k-2", d("2025-02-15"), money("120.00"))
LOGO_FEEDBACK = Feedback(
    "k-1",
    d("2025-03-02"),
    "final",
    stars=money("4.8"),
    private=9,
    private_is_guess=True,
    scores=(("communication", money("4.5")), ("quality", money("5"))),
    comment="Great work",
)
INTERIM = Feedback("k-2", d("2025-05-02"), "interim", stars=money("5.0"))
INVITE = Invite(
    "i-1", d("2025-02-01"), "Brand refresh", None, money("40.0"), "accepted", d("2025-02-01")
)
PROPOSAL = Proposal("p-1", d("2025-02-03"), "Landing page", 6, "viewed")
SNAPSHOT = Snapshot(d("2025-03-09"), 94, "as shown on the stats page")
HOLD = Event(d("2025-04-01"), "account_hold", d("2025-04-15"))
PROFILE = Profile("upwork", "Jane Doe", "USD", d("2014-11-05"))


def sample_log() -> Log:
    """One record of every kind (two identical-looking weekly payments), in the store's order."""
    return Log(
        profile=PROFILE,
        settings=(("rules", "auto"), ("window", {"width": 1280})),
        clients=(ACME, GLOBEX),
        contracts=(LOGO, RETAINER, TYPED),
        payments=(LOGO_PAYMENT, WEEK_1, WEEK_2),
        feedback=(LOGO_FEEDBACK, INTERIM),
        invites=(INVITE,),
        proposals=(PROPOSAL,),
        snapshots=(SNAPSHOT,),
        events=(HOLD,),
    )


def adding(log: Log, label: str = "add the sample log") -> Change:
    """The change that writes `log` into an empty database."""
    records: tuple[Record, ...] = (
        *log.clients,
        *log.contracts,
        *log.payments,
        *log.feedback,
        *log.invites,
        *log.proposals,
        *log.snapshots,
        *log.events,
    )
    return Change(label, added=records, profile=log.profile, settings=dict(log.settings))


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def dump(path: Path) -> list[str]:
    """The database's whole content as SQL text, read through a separate read-only connection."""
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return list(connection.iterdump())
    finally:
        connection.close()
