"""A deterministic generator of synthetic repute/1 logs, for the benchmark and for tests.

The log looks like an agency's: clients of very different sizes, fixed-price jobs and long hourly
retainers, feedback that is mostly good with a tail of bad, disputes, refunds, flagged clients,
typed payment schedules, invites and proposals that follow the business, snapshots on update days
and an account hold. Every file it writes is valid by every rule of shared/interface.md, so that a
benchmark measures the program, not its error path.

Usage: python bench/generate_log.py --contracts 10000 --clients 1000 --payments 20000
       --invites 100000 --years 12 out.json
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.calendar_facts import add_months, update_day_on_or_before
from bench.vocabulary import (
    CATEGORIES,
    CLIENT_SUFFIXES,
    CLIENT_WORDS,
    COMMENTS_GOOD,
    COMMENTS_POOR,
    COUNTRIES,
    JOB_NOUNS,
    JOB_VERBS,
)

LAST_DAY = date(2026, 11, 26)
Row = dict[str, Any]  # one JSON object of a repute/1 file
SUB_SCORES = ("skills", "quality", "availability", "deadlines", "communication", "cooperation")

# (closed_by, end_reason, share): how ended contracts end; blamed reasons are rare on purpose.
ENDINGS = (
    ("client", "completed", 58),
    ("freelancer", "completed", 22),
    ("client", "no_longer_needed", 6),
    ("freelancer", "client_unresponsive", 3),
    ("client", "scope", 2),
    ("client", "other", 2),
    (None, None, 2),
    ("client", "quality", 1.5),
    ("client", "deadline", 1.5),
    ("client", "freelancer_unresponsive", 1),
    ("marketplace", "other", 1),
)
BLAMED = {"quality", "deadline", "freelancer_unresponsive"}


@dataclass
class _Contract:
    """A contract while it is being generated; turned into a repute/1 dict at the end."""

    id: str
    client: str
    kind: str
    started: date
    ended: date | None
    closed_by: str | None = None
    end_reason: str | None = None
    disputed: bool = False
    money: str = "listed"  # listed, typed or none
    payments: list[tuple[date, int]] = field(default_factory=list)
    refunded: int = 0
    earned: int | None = None
    last_paid: date | None = None
    title: str = ""
    category: str = ""

    def paid_until(self) -> date:
        """The last day a payment of this contract may carry (bonuses after the end are rare)."""
        return self.ended or LAST_DAY


def money(cents: int) -> float:
    """Cents as a JSON number with at most two decimals (repr of cents/100 is the shortest)."""
    return cents / 100


def _day_between(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randint(0, max(0, (last - first).days)))


def _years_before(day: date, years: int) -> date:
    return add_months(day, -12 * years)


def generate(
    contracts: int,
    clients: int,
    payments: int,
    invites: int,
    years: int,
    seed: int,
    *,
    proposals: int | None = None,
    snapshots: int | None = None,
    name: str = "Northbeam Agency",
) -> dict[str, Any]:
    """A repute/1 document as a dict, the same for the same arguments.

    Args:
        contracts: contracts to create (at least 1).
        clients: clients to create (at least 1); big clients get many contracts.
        payments: listed payments in total (contracts with a typed schedule have none).
        invites: invites in total, spread over the years with the business's ups and downs.
        years: how far back the log starts from 2026-11-26.
        seed: the random seed; the same seed gives the same document.
        proposals: proposals in total (default: a fifth of the invites).
        snapshots: recorded official values (default: one a month, at most 120).
        name: the profile's name.
    """
    if contracts < 1 or clients < 1 or years < 1:
        raise ValueError("contracts, clients and years must be at least 1")
    rng = random.Random(seed)
    first_day = _years_before(LAST_DAY, years)
    client_rows = _clients(rng, clients)
    made = _contracts(rng, contracts, [c["id"] for c in client_rows], first_day)
    _assign_money(rng, made, payments)
    feedback_rows = _feedback(rng, made)
    proposal_count = invites // 5 if proposals is None else proposals
    snapshot_count = min(12 * years, 120) if snapshots is None else snapshots
    return {
        "format": "repute/1",
        "profile": {
            "platform": "upwork",
            "name": name,
            "currency": "USD",
            "joined": (first_day - timedelta(days=30)).isoformat(),
        },
        "settings": {"rules": "auto"},
        "clients": client_rows,
        "contracts": [_contract_row(c) for c in made],
        "payments": _payment_rows(rng, made),
        "feedback": feedback_rows,
        "invites": _invites(rng, invites, first_day, [c["id"] for c in client_rows]),
        "proposals": _proposals(rng, proposal_count, first_day),
        "snapshots": _snapshots(rng, snapshot_count, first_day),
        "events": _events(rng, first_day),
    }


def _clients(rng: random.Random, count: int) -> list[Row]:
    rows = []
    for index in range(count):
        words = f"{rng.choice(CLIENT_WORDS)} {rng.choice(CLIENT_SUFFIXES)}"
        rows.append(
            {
                "id": f"cl-{index + 1:05d}",
                "name": f"{words} {index + 1}" if count > 50 else words,
                "country": rng.choice(COUNTRIES),
                "flagged": rng.random() < 0.02 or (count >= 10 and index == count // 2),
            }
        )
    return rows


def _contracts(
    rng: random.Random, count: int, client_ids: list[str], first_day: date
) -> list[_Contract]:
    # A few big clients carry much of the work, as in a real agency (a Zipf-like share).
    shares = [1 / (rank + 1) ** 0.8 for rank in range(len(client_ids))]
    owners = list(client_ids[: min(count, len(client_ids))])
    owners += rng.choices(client_ids, weights=shares, k=count - len(owners))
    rng.shuffle(owners)
    starts = sorted(_day_between(rng, first_day, LAST_DAY - timedelta(days=1)) for _ in owners)
    made = []
    for index, (owner, started) in enumerate(zip(owners, starts, strict=True)):
        kind = "hourly" if rng.random() < 0.35 else "fixed"
        if kind == "hourly":
            length = int(rng.lognormvariate(4.3, 1.0)) + 7  # median about 80 days
        else:
            length = int(rng.lognormvariate(2.8, 0.9))  # median about 16 days
        ended: date | None = started + timedelta(days=length)
        if ended is not None and (ended > LAST_DAY or rng.random() < 0.004):
            ended = None  # still open, or left open and forgotten (dormant)
        contract = _Contract(
            id=f"k-{index + 1:05d}",
            client=owner,
            kind=kind,
            started=started,
            ended=ended,
            title=f"{rng.choice(JOB_VERBS)} {rng.choice(JOB_NOUNS)}",
            category=rng.choice(CATEGORIES),
        )
        if ended is not None:
            _end(rng, contract)
        made.append(contract)
    return made


def _end(rng: random.Random, contract: _Contract) -> None:
    closed_by, reason, _ = rng.choices(ENDINGS, weights=[e[2] for e in ENDINGS])[0]
    contract.closed_by, contract.end_reason = closed_by, reason
    contract.disputed = reason in BLAMED | {"other"} and rng.random() < 0.25


def _assign_money(rng: random.Random, made: list[_Contract], payments: int) -> None:
    for contract in made:
        roll = rng.random()
        if roll < 0.015:
            contract.money = "typed"
        elif roll < 0.025:
            contract.money = "none"
    listed = [c for c in made if c.money == "listed"]
    if payments > 0 and not listed:
        made[0].money = "listed"
        listed = [made[0]]
    if payments < len(listed):
        for contract in rng.sample(listed, len(listed) - payments):
            contract.money = "none"
        listed = [c for c in listed if c.money == "listed"]
    counts = dict.fromkeys((c.id for c in listed), 1)
    weights = [_payment_appetite(c) for c in listed]
    for contract in (
        rng.choices(listed, weights=weights, k=payments - len(listed)) if listed else []
    ):
        counts[contract.id] += 1
    for contract in listed:
        _schedule_payments(rng, contract, counts[contract.id])
    for contract in made:
        if contract.money == "typed":
            rate = int(rng.lognormvariate(11.0, 1.0))  # median about $600
            contract.earned = max(rate, 500)
            contract.last_paid = _day_between(rng, contract.started, contract.paid_until())
        paid = sum(cents for _, cents in contract.payments) or (contract.earned or 0)
        if contract.ended and paid and rng.random() < (0.3 if contract.disputed else 0.01):
            contract.refunded = rng.randint(1, paid)


def _payment_appetite(contract: _Contract) -> float:
    """How many payments a contract draws: hourly ones about one a week, fixed ones a few."""
    span = (contract.paid_until() - contract.started).days
    return max(1.0, span / 7) if contract.kind == "hourly" else (2.0 if span > 30 else 0.3)


def _schedule_payments(rng: random.Random, contract: _Contract, count: int) -> None:
    first, last = contract.started, contract.paid_until()
    span = (last - first).days
    if contract.kind == "hourly":
        typical = int(rng.lognormvariate(10.5, 0.7))  # a week of hours, median about $360
    else:
        typical = int(rng.lognormvariate(11.2, 1.0)) // count  # the price in milestones
    dates = sorted(
        first + timedelta(days=round(span * (i + rng.random()) / count)) for i in range(count)
    )
    if contract.ended and contract.kind == "fixed" and rng.random() < 0.03:
        bonus = min(LAST_DAY, contract.ended + timedelta(days=rng.randint(1, 10)))
        dates[-1] = bonus  # a bonus paid after the end
    contract.payments = [
        (min(day, LAST_DAY), max(500, int(typical * rng.uniform(0.6, 1.4)))) for day in dates
    ]


def _feedback(rng: random.Random, made: list[_Contract]) -> list[Row]:
    rows: list[Row] = []
    for contract in made:
        span = (contract.paid_until() - contract.started).days
        if contract.kind == "hourly" and span >= 120 and rng.random() < 0.3:
            day = contract.started + timedelta(days=rng.randint(90, 100))
            rows.append(_one_feedback(rng, contract, day, "interim", poor=False))
        if contract.ended is None or rng.random() > 0.75:
            continue
        day = contract.ended + timedelta(days=rng.randint(0, 13))
        if day <= LAST_DAY:
            poor = contract.end_reason in BLAMED or contract.disputed or rng.random() < 0.07
            rows.append(_one_feedback(rng, contract, day, "final", poor=poor))
    return rows


def _one_feedback(
    rng: random.Random, contract: _Contract, day: date, kind: str, *, poor: bool
) -> Row:
    centre = rng.uniform(1.0, 4.2) if poor else rng.choice((5.0, 5.0, 5.0, 5.0, 4.8, 4.6, 4.3))
    scores = {
        name: min(5.0, max(1.0, round(centre + rng.choice((-1.0, -0.5, 0.0, 0.0, 0.5))))) * 1.0
        for name in SUB_SCORES
    }
    stars: float | None = round(sum(scores.values()) / len(scores), 2)
    shape = rng.random()
    if shape < 0.05:
        stars = None  # only the sub-scores were typed in
    elif shape < 0.15:
        scores = {}
    private_roll = rng.random()
    private = max(0, min(10, round(centre * 2 + rng.choice((-2, -1, 0, 0, 0)))))
    return {
        "contract": contract.id,
        "date": day.isoformat(),
        "kind": kind,
        "stars": stars,
        "private": private if private_roll < 0.5 else None,
        "private_is_guess": private_roll < 0.35,
        "scores": scores,
        "comment": rng.choice(COMMENTS_POOR if poor else COMMENTS_GOOD),
    }


def _contract_row(contract: _Contract) -> Row:
    return {
        "id": contract.id,
        "client": contract.client,
        "title": contract.title,
        "kind": contract.kind,
        "started": contract.started.isoformat(),
        "ended": contract.ended.isoformat() if contract.ended else None,
        "closed_by": contract.closed_by,
        "end_reason": contract.end_reason,
        "disputed": contract.disputed,
        "refunded": money(contract.refunded),
        "earned": money(contract.earned) if contract.earned is not None else None,
        "last_paid": contract.last_paid.isoformat() if contract.last_paid else None,
        "category": contract.category,
        "notes": "",
    }


def _payment_rows(rng: random.Random, made: list[_Contract]) -> list[Row]:
    rows: list[Row] = []
    for contract in made:
        for day, cents in contract.payments:
            ref = f"TX-{len(rows) + 100000001}" if rng.random() < 0.9 else None
            rows.append(
                {
                    "contract": contract.id,
                    "date": day.isoformat(),
                    "amount": money(cents),
                    "ref": ref,
                }
            )
    return rows


def _activity(day: date, first_day: date) -> float:
    """The business's pull on the market: growth over the years with a slump now and then."""
    years_in = (day - first_day).days / 365.25
    slump = 0.35 if int(years_in) % 4 == 2 and (day.month in (7, 8, 9)) else 1.0
    return (0.5 + years_in / 4) * slump


def _spread_days(rng: random.Random, count: int, first_day: date) -> list[date]:
    span = (LAST_DAY - first_day).days
    peak = _activity(LAST_DAY, first_day)
    days: list[date] = []
    while len(days) < count:
        day = first_day + timedelta(days=rng.randint(0, span))
        if rng.random() * peak <= _activity(day, first_day):
            days.append(day)
    return sorted(days)


def _invites(rng: random.Random, count: int, first_day: date, client_ids: list[str]) -> list[Row]:
    rows = []
    for index, day in enumerate(_spread_days(rng, count, first_day)):
        recent = (LAST_DAY - day).days < 10
        status = (
            "pending"
            if recent and rng.random() < 0.6
            else rng.choices(
                ("accepted", "declined", "ignored", "hired"), weights=(35, 25, 28, 12)
            )[0]
        )
        responded = None
        if status in ("accepted", "declined", "hired"):
            responded = min(LAST_DAY, day + timedelta(days=rng.randint(0, 3))).isoformat()
        rows.append(
            {
                "id": f"i-{index + 1:06d}",
                "date": day.isoformat(),
                "job": f"{rng.choice(JOB_VERBS)} {rng.choice(JOB_NOUNS)}",
                "client": rng.choice(client_ids) if rng.random() < 0.3 else None,
                "rate": money(rng.randint(15, 120) * 100) if rng.random() < 0.7 else None,
                "status": status,
                "responded": responded,
            }
        )
    return rows


def _proposals(rng: random.Random, count: int, first_day: date) -> list[Row]:
    statuses = ("sent", "viewed", "interviewed", "hired", "declined", "withdrawn")
    return [
        {
            "id": f"p-{index + 1:06d}",
            "date": day.isoformat(),
            "job": f"{rng.choice(JOB_VERBS)} {rng.choice(JOB_NOUNS)}",
            "connects": rng.choice((2, 4, 6, 8, 12, 16)),
            "status": rng.choices(statuses, weights=(30, 30, 12, 8, 15, 5))[0],
        }
        for index, day in enumerate(_spread_days(rng, count, first_day))
    ]


def _snapshots(rng: random.Random, count: int, first_day: date) -> list[Row]:
    """Official values as a user notes them: on update days, drifting between the 80s and 100."""
    earliest = max(first_day + timedelta(days=180), date(2015, 3, 8))
    span = (LAST_DAY - earliest).days
    days: set[date] = set()
    for index in range(count):
        target = earliest + timedelta(days=span * (index + 1) // max(count, 1))
        day = update_day_on_or_before(target)
        while day is not None and day in days:
            day = update_day_on_or_before(day - timedelta(days=1))
        if day is not None and day >= earliest:
            days.add(day)
    rows, value = [], 92
    for day in sorted(days):
        value = max(78, min(100, value + rng.choice((-3, -1, 0, 0, 1, 2))))
        rows.append({"date": day.isoformat(), "jss": value, "note": "as shown on the stats page"})
    return rows


def _events(rng: random.Random, first_day: date) -> list[Row]:
    span = (LAST_DAY - first_day).days
    hold = first_day + timedelta(days=span * 2 // 3 + rng.randint(0, 30))
    rows: list[Row] = [
        {
            "date": first_day.isoformat(),
            "kind": "profile_change",
            "until": None,
            "note": "agency profile opened",
        },
        {
            "date": hold.isoformat(),
            "kind": "account_hold",
            "until": (hold + timedelta(days=rng.randint(5, 20))).isoformat(),
            "note": "identity verification",
        },
        {
            "date": (first_day + timedelta(days=span // 3)).isoformat(),
            "kind": "badge",
            "until": None,
            "note": "Top Rated",
        },
        {
            "date": (first_day + timedelta(days=span // 2)).isoformat(),
            "kind": "note",
            "until": None,
            "note": "raised rates by 10%",
        },
    ]
    return sorted(rows, key=lambda row: (str(row["date"]), str(row["kind"])))


def main(argv: list[str] | None = None) -> int:
    """Write a generated log to the file named on the command line."""
    parser = argparse.ArgumentParser(description="Write a synthetic repute/1 log.")
    parser.add_argument("--contracts", type=int, default=10000)
    parser.add_argument("--clients", type=int, default=1000)
    parser.add_argument("--payments", type=int, default=20000)
    parser.add_argument("--invites", type=int, default=100000)
    parser.add_argument("--proposals", type=int, default=None)
    parser.add_argument("--snapshots", type=int, default=None)
    parser.add_argument("--years", type=int, default=12)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("out", type=Path)
    args = parser.parse_args(argv)
    document = generate(
        args.contracts,
        args.clients,
        args.payments,
        args.invites,
        args.years,
        args.seed,
        proposals=args.proposals,
        snapshots=args.snapshots,
    )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(document) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
