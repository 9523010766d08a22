"""Writes resources/sample-profile.json: three years of a designer's Upwork log, told as a story.

Sam Rivera opens a profile in late 2023, does small design jobs that all end in five stars, lands a
long retainer and the Top Rated badge, and sits around 95. In the summer of 2025 three things land
within six weeks: a five-star job whose private feedback Sam guesses was poor, the retainer ending
with 3.8 stars, and a redesign cancelled for a missed launch deadline. The estimate falls to the
mid-80s, the badge goes and the invitations dry up; Sam sends more proposals, clients come back,
and by the autumn of 2026 the score is back around 95, with an hourly contract going unpaid and a
job awaiting feedback to watch. The welcome panel opens this file as a database of its own.

Usage: python bench/make_sample_profile.py [OUT] (default resources/sample-profile.json)
"""

from __future__ import annotations

import json
import random
import sys
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.sample_story import CLIENTS, EVENTS, INVITE_RATES, JOBS, PROPOSAL_RATES, SNAPSHOTS, Job

SEED = 1123
FIRST_WEEK = date(2023, 12, 4)
LAST_DAY = date(2026, 11, 20)
OUT = Path(__file__).resolve().parent.parent / "resources" / "sample-profile.json"
SUB_SCORES = ("skills", "quality", "availability", "deadlines", "communication", "cooperation")
# Which sub-scores give way first when a client rates below five stars.
GIVE_WAY = ("deadlines", "communication", "quality", "availability", "cooperation", "skills")
INVITE_JOBS = (
    "Logo for a coffee roaster",
    "Packaging for a skincare line",
    "App onboarding screens",
    "Book cover (fantasy)",
    "Pitch deck design",
    "Brand guidelines",
    "Event poster",
    "Menu redesign",
    "Website mockups in Figma",
    "Icon set for a SaaS",
    "Children's book spots",
    "Trade show banner",
    "Annual report layout",
    "Email newsletter template",
)


@dataclass
class _Rows:
    """The repute/1 lists as they are filled in."""

    contracts: list[dict[str, Any]] = field(default_factory=list)
    payments: list[dict[str, Any]] = field(default_factory=list)
    feedback: list[dict[str, Any]] = field(default_factory=list)
    invites: list[dict[str, Any]] = field(default_factory=list)
    proposals: list[dict[str, Any]] = field(default_factory=list)


def build() -> dict[str, Any]:
    """The sample profile as a repute/1 document; the same every time."""
    rng = random.Random(SEED)
    rows = _Rows()
    for job in JOBS:
        rows.contracts.append(_contract_row(job))
        rows.payments.extend(_payment_rows(rng, job, len(rows.payments)))
        rows.feedback.extend(_feedback_rows(job))
    rows.invites = _invites(rng)
    rows.proposals = _proposals(rng)
    return {
        "format": "repute/1",
        "profile": {
            "platform": "upwork",
            "name": "Sam Rivera",
            "currency": "USD",
            "joined": "2023-11-14",
        },
        "settings": {"rules": "auto"},
        "clients": [
            {"id": ident, "name": name, "country": country, "flagged": flagged}
            for ident, name, country, flagged in CLIENTS
        ],
        "contracts": rows.contracts,
        "payments": sorted(rows.payments, key=lambda p: (str(p["date"]), str(p["contract"]))),
        "feedback": sorted(rows.feedback, key=lambda f: (str(f["date"]), str(f["contract"]))),
        "invites": rows.invites,
        "proposals": rows.proposals,
        "snapshots": [{"date": day, "jss": jss, "note": note} for day, jss, note in SNAPSHOTS],
        "events": [
            {"date": day, "kind": kind, "until": until, "note": note}
            for day, kind, until, note in EVENTS
        ],
    }


def _contract_row(job: Job) -> dict[str, Any]:
    return {
        "id": job.id,
        "client": job.client,
        "title": job.title,
        "kind": job.kind,
        "started": job.started,
        "ended": job.ended,
        "closed_by": job.closed_by,
        "end_reason": job.end_reason,
        "disputed": False,
        "refunded": job.refunded,
        "earned": job.typed[0] if job.typed else None,
        "last_paid": job.typed[1] if job.typed else None,
        "category": "Design & Creative",
        "notes": job.notes,
    }


def _payment_rows(rng: random.Random, job: Job, already: int) -> list[dict[str, Any]]:
    dated: list[tuple[date, float]] = [(date.fromisoformat(d), a) for d, a in job.paid]
    if job.every:
        first, last, every, low, high = job.every
        day = date.fromisoformat(first)
        while day <= date.fromisoformat(last):
            dated.append((day, rng.randint(low * 4, high * 4) * 25 / 100))  # whole quarter hours
            day += timedelta(days=every)
    return [
        {
            "contract": job.id,
            "date": day.isoformat(),
            "amount": amount,
            "ref": f"TX-{70412000 + 37 * (already + index)}",
        }
        for index, (day, amount) in enumerate(sorted(dated))
    ]


def sub_scores_for(stars: float) -> dict[str, float]:
    """Six whole-star sub-scores whose mean is the nearest to `stars`, lowering the usual first."""
    scores = dict.fromkeys(SUB_SCORES, 5)
    turn = 0
    while sum(scores.values()) / 6 - stars > 1 / 12:
        name = GIVE_WAY[turn % 6]
        if scores[name] > 1:
            scores[name] -= 1
        turn += 1
    return {name: float(value) for name, value in scores.items()}


def _feedback_rows(job: Job) -> list[dict[str, Any]]:
    return [
        {
            "contract": job.id,
            "date": given.day,
            "kind": given.kind,
            "stars": given.stars,
            "private": given.private,
            "private_is_guess": given.guess,
            "scores": sub_scores_for(given.stars) if given.stars is not None else {},
            "comment": given.comment,
        }
        for given in job.feedback
    ]


def _weeks() -> list[date]:
    weeks, day = [], FIRST_WEEK
    while day <= LAST_DAY:
        weeks.append(day)
        day += timedelta(days=7)
    return weeks


def _rate_on(rates: tuple[tuple[str, float], ...], day: date) -> float:
    """The weekly rate in force on `day` (each entry holds from its date to the next one)."""
    current = 0.0
    for since, rate in rates:
        if day >= date.fromisoformat(since):
            current = rate
    return current


def _count(rng: random.Random, mean: float) -> int:
    """A small random count with the given mean (the sum of a few coin flips)."""
    return sum(rng.random() < mean / 6 for _ in range(6))


def _invites(rng: random.Random) -> list[dict[str, Any]]:
    dated: list[tuple[date, str | None, str, str]] = []
    for job in JOBS:
        started = date.fromisoformat(job.started)
        if job.invited:
            day = max(started - timedelta(days=rng.randint(1, 4)), FIRST_WEEK - timedelta(days=6))
            dated.append((day, job.client, job.title, "hired"))
    for week in _weeks():
        for _ in range(_count(rng, _rate_on(INVITE_RATES, week))):
            day = min(week + timedelta(days=rng.randint(0, 6)), LAST_DAY)
            status = rng.choices(("accepted", "declined", "ignored"), weights=(45, 30, 25))[0]
            if (LAST_DAY - day).days < 7:
                status = "pending"
            dated.append((day, None, rng.choice(INVITE_JOBS), status))
    rows = []
    for index, (day, client, job_title, status) in enumerate(sorted(dated, key=lambda d: d[0])):
        answered = status in ("accepted", "declined", "hired")
        rows.append(
            {
                "id": f"inv-{index + 1:03d}",
                "date": day.isoformat(),
                "job": job_title,
                "client": client,
                "rate": float(rng.choice((40, 45, 50, 55, 60))) if rng.random() < 0.6 else None,
                "status": status,
                "responded": (day + timedelta(days=rng.randint(0, 1))).isoformat()
                if answered
                else None,
            }
        )
    return rows


def _proposals(rng: random.Random) -> list[dict[str, Any]]:
    rows = []
    for week in _weeks():
        for _ in range(_count(rng, _rate_on(PROPOSAL_RATES, week))):
            day = min(week + timedelta(days=rng.randint(0, 6)), LAST_DAY)
            status = rng.choices(
                ("sent", "viewed", "interviewed", "hired", "declined", "withdrawn"),
                weights=(25, 35, 15, 5, 15, 5),
            )[0]
            rows.append(
                {
                    "date": day.isoformat(),
                    "job": rng.choice(INVITE_JOBS),
                    "connects": rng.choice((4, 6, 8, 12, 16)),
                    "status": status,
                }
            )
    rows.sort(key=lambda row: str(row["date"]))
    return [{"id": f"prop-{index + 1:03d}", **row} for index, row in enumerate(rows)]


def one_record_a_line(document: dict[str, Any]) -> str:
    """JSON with each record on a line of its own: readable, and a change is a one-line diff."""
    parts = []
    for key, value in document.items():
        if isinstance(value, list):
            inner = ",\n".join("  " + json.dumps(row, ensure_ascii=False) for row in value)
            parts.append(
                f"{json.dumps(key)}: [\n{inner}\n ]" if value else f"{json.dumps(key)}: []"
            )
        else:
            parts.append(f"{json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}")
    return "{\n " + ",\n ".join(parts) + "\n}\n"


def main(argv: list[str] | None = None) -> int:
    """Write the sample profile (to OUT, default resources/sample-profile.json)."""
    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0]) if args else OUT
    out.write_text(one_record_a_line(build()), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
