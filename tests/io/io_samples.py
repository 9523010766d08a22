"""Shared test data for the repute/1 tests: interface.md's example file and random valid logs."""

from __future__ import annotations

import copy
import json
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from hypothesis import strategies as st

from tracker.records.model import (
    SUB_SCORES,
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

# The example of interface.md "The data file", key for key.
EXAMPLE: dict[str, Any] = {
    "format": "repute/1",
    "profile": {
        "platform": "upwork",
        "name": "Jane Doe",
        "currency": "USD",
        "joined": "2014-11-05",
    },
    "settings": {"rules": "auto"},
    "clients": [{"id": "acme", "name": "Acme Ltd", "country": "US", "flagged": False}],
    "contracts": [
        {
            "id": "k-1",
            "client": "acme",
            "title": "Logo redesign",
            "kind": "fixed",
            "started": "2025-01-03",
            "ended": "2025-03-01",
            "closed_by": "client",
            "end_reason": "completed",
            "disputed": False,
            "refunded": 0,
            "earned": None,
            "last_paid": None,
            "category": "Design & Creative",
            "notes": "",
        }
    ],
    "payments": [{"contract": "k-1", "date": "2025-02-28", "amount": 450.0, "ref": "TX-88123"}],
    "feedback": [
        {
            "contract": "k-1",
            "date": "2025-03-02",
            "kind": "final",
            "stars": 4.8,
            "private": 9,
            "private_is_guess": True,
            "scores": {
                "skills": 5,
                "quality": 5,
                "availability": 4.5,
                "deadlines": 5,
                "communication": 4.5,
                "cooperation": 5,
            },
            "comment": "Great work",
        }
    ],
    "invites": [
        {
            "id": "i-1",
            "date": "2025-02-01",
            "job": "Brand refresh",
            "client": None,
            "rate": 40.0,
            "status": "accepted",
            "responded": "2025-02-01",
        }
    ],
    "proposals": [
        {
            "id": "p-1",
            "date": "2025-02-03",
            "job": "Landing page",
            "connects": 6,
            "status": "viewed",
        }
    ],
    "snapshots": [{"date": "2025-03-09", "jss": 94, "note": "as shown on the stats page"}],
    "counted_marks": [{"contract": "k-1", "date": "2025-03-09", "counted": True}],
    "events": [{"date": "2025-04-01", "kind": "account_hold", "until": "2025-04-15", "note": ""}],
}


def example() -> dict[str, Any]:
    """A fresh copy of the example, to change one value in a test."""
    return copy.deepcopy(EXAMPLE)


def encode(document: object) -> bytes:
    """A document as file bytes (floats written as Python writes them: 450.0)."""
    return json.dumps(document).encode("utf-8")


def d(text: str) -> date:
    return date.fromisoformat(text)


def small_log() -> Log:
    """Two clients, two contracts (one with listed payments, one with a typed earned)."""
    return Log(
        clients=(Client("acme", "Acme Ltd", "US"), Client("blue", "Blue Inc")),
        contracts=(
            Contract("k-1", "acme", "fixed", d("2025-01-03"), title="Logo", ended=d("2025-03-01")),
            Contract("k-2", "blue", "hourly", d("2025-02-01"), earned=Decimal("1200.00")),
        ),
        payments=(
            Payment("k-1", d("2025-02-28"), Decimal("450.00"), "TX-1"),
            Payment("k-1", d("2025-03-01"), Decimal("50.00")),
        ),
        feedback=(Feedback("k-1", d("2025-03-02"), stars=Decimal("4.8"), private=9),),
    )


_BASE = date(2020, 1, 1)
_text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)
_money = st.integers(0, 10_000_00).map(lambda cents: Decimal(cents) / 100)
_stars = st.integers(10, 50).map(lambda tenths: Decimal(tenths) / 10)


def _day(offset: int) -> date:
    return _BASE + timedelta(days=offset)


@st.composite
def valid_logs(draw: st.DrawFn, max_contracts: int = 5) -> Log:
    """Small logs that keep every rule of the file format, with every table filled now and then."""
    clients = [
        Client(f"c{i}", draw(_text), draw(_text), draw(st.booleans()))
        for i in range(draw(st.integers(1, 3)))
    ]
    contracts, payments, feedback = [], [], []
    for i in range(draw(st.integers(0, max_contracts))):
        start = draw(st.integers(0, 900))
        length = draw(st.integers(0, 300))
        ended = _day(start + length) if draw(st.booleans()) else None
        typed = draw(st.integers(0, 4)) == 0
        contract = Contract(
            id=f"k-{i}",
            client=draw(st.sampled_from(clients)).id,
            kind=draw(st.sampled_from(["hourly", "fixed"])),
            started=_day(start),
            title=draw(_text),
            ended=ended,
            closed_by=draw(st.sampled_from([None, "client", "freelancer", "marketplace"])),
            end_reason=draw(st.sampled_from([None, "completed", "scope", "other"])),
            disputed=draw(st.booleans()),
            refunded=draw(_money),
            earned=draw(_money) if typed else None,
            last_paid=_day(start + length) if typed and ended and draw(st.booleans()) else None,
            category=draw(_text),
            notes=draw(_text),
        )
        contracts.append(contract)
        if not typed:
            for n in range(draw(st.integers(0, 3))):
                ref = draw(st.sampled_from([None, f"TX-{i}-{n}"]))
                amount = draw(_money) + Decimal("0.01")
                payments.append(
                    Payment(contract.id, _day(start + draw(st.integers(0, 400))), amount, ref)
                )
        for kind in draw(st.sets(st.sampled_from(["final", "interim"]))):
            scores = draw(st.dictionaries(st.sampled_from(SUB_SCORES), _stars))
            feedback.append(
                Feedback(
                    contract.id,
                    _day(start + draw(st.integers(0, 400))),
                    kind,
                    draw(st.none() | _stars),
                    draw(st.none() | st.integers(0, 10)),
                    draw(st.booleans()),
                    tuple(sorted(scores.items())),
                    draw(_text),
                )
            )
    invites = [
        Invite(
            f"i-{i}",
            _day(day),
            draw(_text),
            draw(st.none() | st.sampled_from([c.id for c in clients])),
            draw(st.none() | _money),
            draw(st.sampled_from(["pending", "accepted", "declined", "ignored", "hired"])),
            draw(st.none() | st.just(_day(day + 1))),
        )
        for i, day in enumerate(draw(st.lists(st.integers(0, 900), max_size=3)))
    ]
    proposals = [
        Proposal(f"p-{i}", _day(day), draw(_text), draw(st.none() | st.integers(0, 50)), "sent")
        for i, day in enumerate(draw(st.lists(st.integers(0, 900), max_size=3)))
    ]
    snapshots = [
        Snapshot(_day(day), draw(st.integers(0, 100)), draw(_text))
        for day in draw(st.sets(st.integers(0, 900), max_size=3))
    ]
    events = [
        Event(_day(day), kind, draw(st.none() | st.just(_day(day + 14))), draw(_text))
        for day, kind in draw(
            st.sets(
                st.tuples(st.integers(0, 900), st.sampled_from(["account_hold", "note"])),
                max_size=2,
            )
        )
    ]
    profile = draw(
        st.just(Profile()) | st.builds(Profile, name=_text, joined=st.none() | st.just(_day(0)))
    )
    settings = draw(
        st.dictionaries(
            st.sampled_from(["rules", "theme"]), st.sampled_from(["auto", "dark", 3, 2.5])
        )
    )
    return Log(
        profile=profile,
        settings=tuple(sorted(settings.items())),
        clients=tuple(clients),
        contracts=tuple(contracts),
        payments=tuple(payments),
        feedback=tuple(feedback),
        invites=tuple(invites),
        proposals=tuple(proposals),
        snapshots=tuple(snapshots),
        events=tuple(events),
    )
