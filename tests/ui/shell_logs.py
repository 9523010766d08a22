"""Small readable logs for the window's tests."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from tracker.records.changes import Change
from tracker.records.kinds import TABLE_NAMES
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
from tracker.store.repository import Repository

AS_OF = date(2026, 3, 1)


def d(text: str) -> date:
    return date.fromisoformat(text)


def job(cid: str, client: str, started: str, ended: str | None, amount: str) -> Contract:
    return Contract(
        cid, client, "fixed", d(started), title=f"Job {cid}", ended=d(ended) if ended else None
    )


def small_log() -> Log:
    """Four clients, five ended jobs (one rated 3.0), an open hourly one, invites, a snapshot."""
    contracts = (
        job("k-1", "acme", "2025-03-01", "2025-04-01", "800"),
        job("k-2", "bolt", "2025-05-01", "2025-06-10", "400"),
        job("k-3", "cora", "2025-08-01", "2025-09-15", "1200"),
        job("k-4", "dune", "2025-10-01", "2025-11-20", "300"),
        job("k-5", "acme", "2025-12-01", "2026-01-20", "650"),
        Contract("k-6", "bolt", "hourly", d("2025-12-15"), title="Upkeep"),
    )
    amounts = {"k-1": "800", "k-2": "400", "k-3": "1200", "k-4": "300", "k-5": "650", "k-6": "90"}
    payments = tuple(
        Payment(c.id, c.ended or d("2026-01-05"), Decimal(amounts[c.id]), f"TX-{c.id}")
        for c in contracts
    )
    stars = {"k-1": "5.0", "k-2": "5.0", "k-3": "3.0", "k-4": "4.9", "k-5": "5.0"}
    feedback = tuple(
        Feedback(cid, d(day), stars=Decimal(stars[cid]))
        for cid, day in (
            ("k-1", "2025-04-02"),
            ("k-2", "2025-06-11"),
            ("k-3", "2025-09-16"),
            ("k-4", "2025-11-21"),
            ("k-5", "2026-01-21"),
        )
    )
    invites = tuple(
        Invite(f"i-{n}", d("2025-06-01") + timedelta(days=6 * n), job=f"Invite {n}")
        for n in range(45)
    )
    proposals = tuple(
        Proposal(f"p-{n}", d("2025-07-02") + timedelta(days=11 * n)) for n in range(22)
    )
    return Log(
        profile=Profile(name="Jane Doe"),
        clients=tuple(Client(c, c.capitalize()) for c in ("acme", "bolt", "cora", "dune")),
        contracts=contracts,
        payments=payments,
        feedback=feedback,
        invites=invites,
        proposals=proposals,
        snapshots=(Snapshot(d("2026-02-01"), 87),),
        events=(Event(d("2025-07-01"), "account_hold", d("2025-07-10")),),
    )


def good_job(cid: str, client: str, ended: str) -> tuple[Contract, Payment, Feedback]:
    """One more five-star fixed job, paid $500 the day it ended."""
    day = d(ended)
    contract = Contract(cid, client, "fixed", day, title=f"New {cid}", ended=day)
    return (
        contract,
        Payment(cid, day, Decimal("500"), f"TX-{cid}"),
        Feedback(cid, day, stars=Decimal("5.0")),
    )


def seeded(path: Path, log: Log) -> Path:
    """A database file holding `log` (written through the store, as an import would)."""
    if path.exists():
        return path
    repository = Repository.open(path, create=True)
    records = tuple(r for table in TABLE_NAMES for r in getattr(log, table))
    if records:
        repository.apply(Change("seed", added=records, profile=log.profile))
    repository.close()
    return path
