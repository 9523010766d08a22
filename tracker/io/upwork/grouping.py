"""Which contract each payment of a statement belongs to: the contracts as the marketplace has them.

A statement has one row per payment, never one per contract, so rows are grouped by four rules,
tried in this order for each payment:
1. a contract number (`TITLE (35695275)`): that contract, `upwork-<number>`;
2. an older hourly invoice (`Invoice for 02/10/2020-02/16/2020 - 10:00 hrs @ $30.00/hr`): one
   contract per client and rate, and a new one when more than GAP_DAYS pass between two invoices;
3. a bonus: the contract of its client paid last on or before its day (a new fixed one only when
   the client has none);
4. a title (`Invoice for TITLE`, `Invoice for TITLE: Milestone 2`, the 2025 Transaction Summary):
   one contract per client and title.
Payments of a group some of whose transactions are already in the log go where those are, so a
later statement that overlaps an earlier one, or a contract the user merged or split, keeps them.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from tracker.io.upwork.kinds import BONUS
from tracker.io.upwork.rows import UpworkRow
from tracker.io.upwork.titles import (
    clean_title,
    contract_number,
    hourly_invoice_rate,
    name_key,
    short_hash,
)
from tracker.io.upwork.transactions import Earning
from tracker.records.model import Contract, Log

GAP_DAYS = 30
UNKNOWN_CLIENT = "Unknown client"
_UNTITLED = {"hourly": "Hourly work", "fixed": "Fixed-price work", "bonus": "Bonus"}


@dataclass(frozen=True, slots=True)
class Placement:
    """Where one payment goes: the contract's id, the title a new one gets, and why."""

    contract: str
    title: str
    rule: str
    grouping: str = ""  # the group's name as remembered (`number:35695275`); empty for bonuses


@dataclass
class _Group:
    key: tuple[str, ...]
    default_id: str
    title: str
    rule: str
    client: str
    earnings: list[Earning] = field(default_factory=list)


def client_name_of(earning: Earning) -> str:
    """The client a payment's rows name (`Team`), else `Unknown client`: never the owner."""
    return next((row.client for row in earning.rows if row.client), "") or UNKNOWN_CLIENT


def contract_title_of(row: UpworkRow) -> tuple[str | None, str]:
    """The contract number and title a row's descriptions give (rule 1 and rule 4)."""
    return _number_and_title(row.descriptions)


@lru_cache(maxsize=4096)
def _number_and_title(descriptions: tuple[str, ...]) -> tuple[str | None, str]:
    first_title = next((t for t in map(clean_title, descriptions) if t), "")
    for text in descriptions:
        number = contract_number(text)
        if number is not None:
            return number, clean_title(text) or first_title
    return None, first_title


def place_earnings(
    earnings: Iterable[Earning],
    existing: Log,
    client_ids: dict[str, str],
    *,
    gap_days: int = GAP_DAYS,
    remembered: Iterable[tuple[str, str, str]] = (),
) -> dict[str, Placement]:
    """The placement of every payment, by its ref.

    Args:
        earnings: the statement's payments (already-imported ones included: they tie groups to
            the contracts the log has).
        existing: the log the statement is imported into.
        client_ids: client id by `name_key` of the client's name, for the log's clients.
        gap_days: how long hourly invoices may stop before the next is another contract.
        remembered: (ref, grouping, ISO day) of the statement payments earlier imports applied,
            so a statement that does not overlap an earlier one still finds its contracts.
    """
    ordered = sorted(earnings, key=lambda e: (e.date, e.rows[0].line))
    groups: dict[tuple[str, ...], _Group] = {}
    bonuses: list[Earning] = []
    for earning in ordered:
        group = _group_of(earning, groups, gap_days)
        if group is None:
            bonuses.append(earning)
        else:
            group.earnings.append(earning)
    held_by = {p.ref: (p.contract, p.date) for p in existing.payments if p.ref}
    earlier: dict[str, list[tuple[date, str]]] = {}
    for ref, grouping, day in remembered:
        if ref in held_by:
            earlier.setdefault(grouping, []).append((date.fromisoformat(day), held_by[ref][0]))
    contracts = existing.contract_by_id()
    placements: dict[str, Placement] = {}
    for group in groups.values():
        grouping = grouping_of(group.key)
        known = _known_places(group, held_by, earlier.get(grouping, []), gap_days)
        target = None if known else _existing_for(group, contracts, existing, client_ids, gap_days)
        for earning in group.earnings:
            if earning.ref in held_by:
                contract = held_by[earning.ref][0]
            else:
                contract = _nearest(earning, known) or target or group.default_id
            placements[earning.ref] = Placement(contract, group.title, group.rule, grouping)
    for bonus in bonuses:
        placements[bonus.ref] = _bonus_placement(bonus, ordered, placements, existing, client_ids)
    return placements


def _group_of(
    earning: Earning, groups: dict[tuple[str, ...], _Group], gap_days: int
) -> _Group | None:
    client = client_name_of(earning)
    number, title = contract_title_of(earning.rows[0])
    if number is not None:
        key: tuple[str, ...] = ("number", number)
        if key not in groups:
            groups[key] = _Group(
                key, f"upwork-{number}", title or _UNTITLED[earning.kind],
                f"by its contract number {number}", client,
            )  # fmt: skip
        return groups[key]
    rate = next(filter(None, map(hourly_invoice_rate, earning.rows[0].descriptions)), None)
    if rate is not None:
        return _rate_group(earning, client, rate, groups, gap_days)
    if earning.kind == BONUS:
        return None
    title = title or _UNTITLED[earning.kind]
    key = ("title", name_key(client), name_key(title))
    if key not in groups:
        groups[key] = _Group(
            key,
            f"upwork-{short_hash(name_key(client), name_key(title))}",
            title,
            f"by its title and client ({title}, {client})",
            client,
        )
    return groups[key]


def _rate_group(
    earning: Earning, client: str, rate: str, groups: dict[tuple[str, ...], _Group], gap_days: int
) -> _Group:
    """The run of invoices at `rate` this one continues, else a new run (payments come in date
    order, so the last run of the client and rate is the one to continue)."""
    runs = [g for k, g in groups.items() if k[:3] == ("rate", name_key(client), rate)]
    if runs and (earning.date - runs[-1].earnings[-1].date).days <= gap_days:
        return runs[-1]
    key = ("rate", name_key(client), rate, str(len(runs)))
    groups[key] = _Group(
        key,
        f"upwork-{short_hash(name_key(client), 'hourly', rate, earning.ref)}",
        f"Hourly work for {client} at ${rate}/hr",
        f"as hourly invoices of {client} at ${rate}/hr, no more than {gap_days} days apart",
        client,
    )
    return groups[key]


def grouping_of(key: tuple[str, ...]) -> str:
    """A group's name as remembered: its rule and what identifies it, a rate group's run left
    out (the gap decides the run, against the remembered days)."""
    return f"{key[0]}:" + "|".join(key[1:3] if key[0] == "rate" else key[1:])


def _known_places(
    group: _Group,
    held_by: dict[str, tuple[str, date]],
    remembered: list[tuple[date, str]],
    gap_days: int,
) -> list[tuple[date, str]]:
    """(day, contract) of the group's payments already in the log: those this statement repeats,
    and those earlier imports remembered under the group's name (for a run of hourly invoices,
    only the ones within the gap of it)."""
    known = [(held_by[e.ref][1], held_by[e.ref][0]) for e in group.earnings if e.ref in held_by]
    if group.key[0] == "rate":
        first, last = group.earnings[0].date, group.earnings[-1].date
        remembered = [
            (day, contract)
            for day, contract in remembered
            if -gap_days <= (day - first).days and (day - last).days <= gap_days
        ]
    return sorted({*known, *remembered})


def _nearest(earning: Earning, known: list[tuple[date, str]]) -> str | None:
    """The contract holding the group's nearest earlier payment already in the log (else the
    nearest later one): how a merge or a split the user made is kept."""
    if not known:
        return None
    at = bisect_right([when for when, _ in known], earning.date)
    return known[at - 1][1] if at else known[0][1]


def _existing_for(
    group: _Group,
    contracts: Mapping[str, Contract],
    existing: Log,
    client_ids: dict[str, str],
    gap_days: int,
) -> str | None:
    """The log's contract a group with no payment in the log continues, if any."""
    if group.default_id in contracts:
        return group.default_id
    if group.key[0] != "rate":
        return None
    # A later statement that does not overlap: the run continues the log's contract of that
    # client with the same (unchanged) title, paid within the gap before the first invoice.
    client_id = client_ids.get(name_key(group.client))
    first = group.earnings[0].date
    last_paid: dict[str, date] = {}
    for payment in existing.payments:
        if payment.date <= first:
            last_paid[payment.contract] = max(
                payment.date, last_paid.get(payment.contract, payment.date)
            )
    for contract in existing.contracts:
        if (
            contract.client == client_id
            and contract.title == group.title
            and contract.id in last_paid
            and (first - last_paid[contract.id]).days <= gap_days
        ):
            return contract.id
    return None


def _bonus_placement(
    bonus: Earning,
    ordered: list[Earning],
    placements: dict[str, Placement],
    existing: Log,
    client_ids: dict[str, str],
) -> Placement:
    client = client_name_of(bonus)
    rule = f"as a bonus from {client}, on its contract paid last on or before it"
    held = next((p.contract for p in existing.payments if p.ref == bonus.ref), None)
    if held is not None:
        return Placement(held, "", rule)
    latest: tuple[date, int, str] | None = None
    for earning in ordered:
        placed = placements.get(earning.ref)
        if (
            placed is None
            or earning.date > bonus.date
            or name_key(client_name_of(earning)) != (name_key(client))
        ):
            continue
        candidate = (earning.date, 1, placed.contract)
        latest = candidate if latest is None or candidate[:2] >= latest[:2] else latest
    client_id = client_ids.get(name_key(client))
    if client_id is not None:
        of_client = {c.id for c in existing.contracts if c.client == client_id}
        for payment in existing.payments:
            if payment.contract in of_client and payment.date <= bonus.date:
                candidate = (payment.date, 0, payment.contract)
                latest = candidate if latest is None or candidate[:2] > latest[:2] else latest
    if latest is not None:
        return Placement(latest[2], "", rule)
    return Placement(
        f"upwork-{short_hash(name_key(client), 'bonus')}",
        f"Bonus from {client}",
        f"as a bonus from {client}, who has no other contract",
    )
