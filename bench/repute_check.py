"""An independent check that a generated document keeps every rule of the repute/1 format.

The real importer (tracker/io/json_format.py) is the authority; this small second opinion lets the
generators be tested without it, and adds the promises the generators make beyond the format
(nothing dated after the last day, snapshots on update days, responses not before invitations).

Usage: python bench/repute_check.py FILE.json (prints the problems; exit 1 when there are any)
"""

from __future__ import annotations

import json
import math
import sys
from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.calendar_facts import is_update_day

CONTRACT_KINDS = {"hourly", "fixed"}
CLOSED_BY = {"client", "freelancer", "marketplace"}
END_REASONS = {
    "completed",
    "no_longer_needed",
    "client_unresponsive",
    "freelancer_unresponsive",
    "quality",
    "deadline",
    "scope",
    "other",
}
SUB_SCORES = {"skills", "quality", "availability", "deadlines", "communication", "cooperation"}
INVITE_STATUSES = {"pending", "accepted", "declined", "ignored", "hired"}
PROPOSAL_STATUSES = {"sent", "viewed", "interviewed", "hired", "declined", "withdrawn"}
EVENT_KINDS = {"account_hold", "profile_change", "badge", "note"}


class _Problems:
    """Collects problems as 'path: message' lines, in file order."""

    def __init__(self, last_day: date | None) -> None:
        self.lines: list[str] = []
        self.last_day = last_day

    def add(self, path: str, message: str) -> None:
        self.lines.append(f"{path}: {message}")

    def day(
        self, path: str, value: object, *, required: bool = True, future: bool = False
    ) -> date | None:
        if value is None:
            if required:
                self.add(path, "is missing")
            return None
        try:
            if not isinstance(value, str) or len(value) != 10:
                raise ValueError
            parsed = date.fromisoformat(value)
        except ValueError:
            self.add(path, f"{value!r} is not a date")
            return None
        if self.last_day is not None and parsed > self.last_day and not future:
            self.add(path, f"{value} is after {self.last_day}")
        return parsed

    def money(self, path: str, value: object, *, positive: bool = False) -> Decimal | None:
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
        ):
            self.add(path, f"{value!r} is not an amount")
            return None
        amount = Decimal(repr(value))
        if amount != amount.quantize(Decimal("0.01")):
            self.add(path, f"{value!r} has more than 2 decimals")
        if amount < 0 or (positive and amount == 0):
            self.add(path, f"{value!r} is not {'above' if positive else 'at least'} 0")
        return amount

    def choice(self, path: str, value: object, allowed: set[str], *, nullable: bool) -> None:
        if value is None and nullable:
            return
        if value not in allowed:
            self.add(path, f"{value!r} is not one of {sorted(allowed)}")

    def stars(self, path: str, value: object) -> None:
        if value is None:
            return
        if isinstance(value, bool) or not isinstance(value, int | float) or not 1 <= value <= 5:
            self.add(path, f"{value!r} is not between 1 and 5")

    def unique_ids(self, table: str, rows: list[Mapping[str, object]]) -> set[str]:
        seen: set[str] = set()
        for index, row in enumerate(rows):
            ident = row.get("id")
            if not isinstance(ident, str) or not ident:
                self.add(f"{table}[{index}].id", "is not a non-empty text")
            elif ident in seen:
                self.add(f"{table}[{index}].id", f"{ident!r} is used twice")
            else:
                seen.add(ident)
        return seen


def problems(document: Mapping[str, object], *, last_day: date | None = None) -> list[str]:
    """Every broken rule of `document`, as 'path: message' lines (empty when it is valid)."""
    found = _Problems(last_day)
    if document.get("format") != "repute/1":
        found.add("format", f"{document.get('format')!r} is not 'repute/1'")
    tables = {
        name: _rows(document, name)
        for name in (
            "clients",
            "contracts",
            "payments",
            "feedback",
            "invites",
            "proposals",
            "snapshots",
            "events",
        )
    }
    client_ids = found.unique_ids("clients", tables["clients"])
    contract_ids = found.unique_ids("contracts", tables["contracts"])
    found.unique_ids("invites", tables["invites"])
    found.unique_ids("proposals", tables["proposals"])
    starts = _check_contracts(found, tables["contracts"], tables["payments"], client_ids)
    _check_payments(found, tables["payments"], contract_ids, starts)
    _check_feedback(found, tables["feedback"], contract_ids, starts)
    _check_invites(found, tables["invites"], client_ids)
    for index, row in enumerate(tables["proposals"]):
        found.day(f"proposals[{index}].date", row.get("date"))
        found.choice(
            f"proposals[{index}].status", row.get("status"), PROPOSAL_STATUSES, nullable=True
        )
    _check_snapshots(found, tables["snapshots"])
    _check_events(found, tables["events"])
    return found.lines


def _rows(document: Mapping[str, object], name: str) -> list[Mapping[str, object]]:
    rows = document.get(name) or []
    return list(rows) if isinstance(rows, list) else []


def _check_contracts(
    found: _Problems,
    contracts: list[Mapping[str, object]],
    payments: Iterable[Mapping[str, object]],
    client_ids: set[str],
) -> dict[str, date]:
    with_payments = {str(p.get("contract")) for p in payments}
    starts: dict[str, date] = {}
    for index, row in enumerate(contracts):
        path = f"contracts[{index}]"
        if row.get("client") not in client_ids:
            found.add(f"{path}.client", f"{row.get('client')!r} is not a client")
        found.choice(f"{path}.kind", row.get("kind"), CONTRACT_KINDS, nullable=False)
        started = found.day(f"{path}.started", row.get("started"))
        ended = found.day(f"{path}.ended", row.get("ended"), required=False)
        if started and ended and ended < started:
            found.add(f"{path}.ended", "the end is before the start")
        found.choice(f"{path}.closed_by", row.get("closed_by"), CLOSED_BY, nullable=True)
        found.choice(f"{path}.end_reason", row.get("end_reason"), END_REASONS, nullable=True)
        if row.get("refunded") is not None:
            found.money(f"{path}.refunded", row.get("refunded"))
        typed = row.get("earned") is not None
        if typed:
            found.money(f"{path}.earned", row.get("earned"))
        last_paid = found.day(f"{path}.last_paid", row.get("last_paid"), required=False)
        if (typed or last_paid) and row.get("id") in with_payments:
            found.add(f"{path}.earned", "a contract with listed payments cannot have a typed one")
        if last_paid and started and (last_paid < started or (ended and last_paid > ended)):
            found.add(f"{path}.last_paid", "is not between the start and the end")
        if started and isinstance(row.get("id"), str):
            starts[str(row["id"])] = started
    return starts


def _check_payments(
    found: _Problems,
    payments: list[Mapping[str, object]],
    contract_ids: set[str],
    starts: dict[str, date],
) -> None:
    refs: set[str] = set()
    for index, row in enumerate(payments):
        path = f"payments[{index}]"
        contract = row.get("contract")
        if contract not in contract_ids:
            found.add(f"{path}.contract", f"{contract!r} is not a contract")
        day = found.day(f"{path}.date", row.get("date"))
        if day and contract in starts and day < starts[str(contract)]:
            found.add(f"{path}.date", "is before the contract's start")
        found.money(f"{path}.amount", row.get("amount"), positive=True)
        ref = row.get("ref")
        if ref is not None:
            if ref in refs:
                found.add(f"{path}.ref", f"{ref!r} is used twice")
            refs.add(str(ref))


def _check_feedback(
    found: _Problems,
    feedback: list[Mapping[str, object]],
    contract_ids: set[str],
    starts: dict[str, date],
) -> None:
    keys: set[tuple[object, ...]] = set()
    for index, row in enumerate(feedback):
        path = f"feedback[{index}]"
        contract = row.get("contract")
        if contract not in contract_ids:
            found.add(f"{path}.contract", f"{contract!r} is not a contract")
        day = found.day(f"{path}.date", row.get("date"))
        if day and contract in starts and day < starts[str(contract)]:
            found.add(f"{path}.date", "is before the contract's start")
        found.choice(f"{path}.kind", row.get("kind"), {"final", "interim"}, nullable=True)
        found.stars(f"{path}.stars", row.get("stars"))
        scores = row.get("scores") or {}
        if not isinstance(scores, dict):
            found.add(f"{path}.scores", "is not an object")
            scores = {}
        for name, value in scores.items():
            if name not in SUB_SCORES:
                found.add(f"{path}.scores.{name}", "is not a sub-score")
            found.stars(f"{path}.scores.{name}", value)
        private = row.get("private")
        if private is not None and (type(private) is not int or not 0 <= private <= 10):
            found.add(f"{path}.private", f"{private!r} is not a whole number from 0 to 10")
        if not isinstance(row.get("private_is_guess", False), bool):
            found.add(f"{path}.private_is_guess", "is not true or false")
        key = (contract, row.get("date"), row.get("kind") or "final")
        if key in keys:
            found.add(path, f"a second {key[2]} feedback on {key[1]} for {contract!r}")
        keys.add(key)


def _check_invites(
    found: _Problems, invites: list[Mapping[str, object]], client_ids: set[str]
) -> None:
    for index, row in enumerate(invites):
        path = f"invites[{index}]"
        day = found.day(f"{path}.date", row.get("date"))
        if row.get("client") is not None and row.get("client") not in client_ids:
            found.add(f"{path}.client", f"{row.get('client')!r} is not a client")
        if row.get("rate") is not None:
            found.money(f"{path}.rate", row.get("rate"))
        found.choice(f"{path}.status", row.get("status"), INVITE_STATUSES, nullable=True)
        responded = found.day(f"{path}.responded", row.get("responded"), required=False)
        if day and responded and responded < day:
            found.add(f"{path}.responded", "is before the invitation")


def _check_snapshots(found: _Problems, snapshots: list[Mapping[str, object]]) -> None:
    seen: set[date] = set()
    for index, row in enumerate(snapshots):
        path = f"snapshots[{index}]"
        day = found.day(f"{path}.date", row.get("date"))
        jss = row.get("jss")
        if type(jss) is not int or not 0 <= jss <= 100:
            found.add(f"{path}.jss", f"{jss!r} is not a whole number from 0 to 100")
        if day is None:
            continue
        if day in seen:
            found.add(f"{path}.date", f"a second snapshot on {day}")
        seen.add(day)
        if not is_update_day(day):
            found.add(f"{path}.date", f"{day} is not an update day")


def _check_events(found: _Problems, events: list[Mapping[str, object]]) -> None:
    keys: set[tuple[object, object]] = set()
    for index, row in enumerate(events):
        path = f"events[{index}]"
        day = found.day(f"{path}.date", row.get("date"))
        found.choice(f"{path}.kind", row.get("kind"), EVENT_KINDS, nullable=False)
        until = found.day(f"{path}.until", row.get("until"), required=False, future=True)
        if day and until and until < day:
            found.add(f"{path}.until", "is before the event's date")
        key = (row.get("date"), row.get("kind"))
        if key in keys:
            found.add(path, f"a second {key[1]} event on {key[0]}")
        keys.add(key)


def main(argv: list[str] | None = None) -> int:
    """Print the problems of each file named; exit 1 when any has one."""
    bad = 0
    for name in argv if argv is not None else sys.argv[1:]:
        lines = problems(json.loads(Path(name).read_text(encoding="utf-8")))
        for line in lines:
            print(f"{name}: {line}")
        bad += bool(lines)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
