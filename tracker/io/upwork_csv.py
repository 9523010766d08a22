"""Importing the marketplace's transaction history CSV: a plan to look at before it is written.

`plan_upwork_import` reads the whole file and returns the Change it would make and a summary of
it; nothing is written here. The Change is all or nothing: a broken row raises InputError before
any plan exists. Re-importing a file changes nothing, because every transaction id the Change
applies travels with it (`Change.applied_refs`) and is passed back in as `applied_refs`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Set
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import lru_cache

from tracker.changes import Change, Record
from tracker.io.problems import InputError, csv_location
from tracker.io.upwork_kinds import FIXED, HOURLY, UNMATCHED_REFUND
from tracker.io.upwork_layout import UpworkColumns
from tracker.io.upwork_rows import UpworkRow, find_header, read_upwork_table
from tracker.io.upwork_summary import UpworkSummary, count_of
from tracker.io.upwork_titles import (
    clean_title,
    client_slug,
    contract_id_for,
    contract_number,
    name_key,
    referenced_id,
)
from tracker.io.upwork_transactions import Earning, Refund, group_transactions
from tracker.model import Client, Contract, Log, Payment

ZERO = Decimal("0.00")
DEFAULT_LABEL = "Import the transaction history"
_UNTITLED = {
    "hourly": "Hourly work",
    "fixed": "Fixed-price work",
    "bonus": "Bonus",
    "refund": "Refund",
}
_SNIFF_BYTES = 64 * 1024


@dataclass(frozen=True)
class UpworkPlan:
    """What importing a transaction history would do: the one Change, and its summary."""

    change: Change
    summary: UpworkSummary


def looks_like_upwork_csv(data: bytes) -> bool:
    """Whether the file starts with the header of a transaction history (for `--format auto`).

    Only the header is looked at, and bad bytes after it are let through here, so that a history
    saved in the wrong encoding is still taken for one and refused with the line of the bad byte.
    """
    head = data[:_SNIFF_BYTES]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = head.decode("utf-16", errors="replace")
    else:
        text = head.decode("utf-8-sig", errors="replace")
    try:
        find_header(text)
    except InputError:
        return False
    return True


def plan_upwork_import(
    data: bytes,
    existing: Log,
    applied_refs: Set[str],
    *,
    replace: bool = False,
    label: str = DEFAULT_LABEL,
) -> UpworkPlan:
    """The change that imports `data` into `existing`, and what it would do in a freelancer's words.

    Args:
        data: the file's bytes, as downloaded.
        existing: the log the change will be applied to.
        applied_refs: the transaction ids earlier imports applied (payments and refunds).
        replace: add payments to a contract with a typed `earned` (clearing it and `last_paid`),
            as `import --replace` asks; without it those payments are held back and reported.
        label: the change's name in the undo history.

    Raises:
        InputError: for a file that is not a transaction history or has a broken row; the message
            gives the line (1-based, the header is line 1) and the column.
    """
    table = read_upwork_table(data)
    transactions = group_transactions(table.rows)
    planner = _Planner(existing, table.columns, applied_refs, replace)
    for earning in sorted(transactions.earnings, key=lambda e: (e.date, e.rows[0].line)):
        planner.add_earning(earning)
    for refund in sorted(transactions.refunds, key=lambda r: (r.date, r.rows[0].line)):
        planner.add_refund(refund)
    return planner.plan(label, dict(transactions.ignored))


@dataclass
class _Draft:
    """A contract the file brings that the log does not have yet."""

    id: str
    title: str
    earnings: list[Earning] = field(default_factory=list)
    refunded: Decimal = ZERO


@dataclass
class _Planner:
    existing: Log
    columns: UpworkColumns
    applied_refs: Set[str]
    replace: bool
    payments: list[Payment] = field(default_factory=list)
    refunded: dict[str, Decimal] = field(default_factory=dict)
    drafts: dict[str, _Draft] = field(default_factory=dict)
    held_back: dict[str, int] = field(default_factory=dict)
    unmatched_refunds: list[Refund] = field(default_factory=list)
    applied: list[str] = field(default_factory=list)
    already_imported: int = 0

    def __post_init__(self) -> None:
        self.contracts = self.existing.contract_by_id()
        self.contract_of_ref = {p.ref: p.contract for p in self.existing.payments if p.ref}

    def add_earning(self, earning: Earning) -> None:
        contract_id, title = _identity(earning.rows[0], earning.kind)
        if earning.ref in self.applied_refs or earning.ref in self.contract_of_ref:
            self.already_imported += 1
            self.contract_of_ref.setdefault(earning.ref, contract_id)
            return
        self.contract_of_ref[earning.ref] = contract_id
        known = self.contracts.get(contract_id)
        if known is not None and known.earned is not None and not self.replace:
            self.held_back[contract_id] = self.held_back.get(contract_id, 0) + 1
            return
        if known is None:
            self.drafts.setdefault(contract_id, _Draft(contract_id, title)).earnings.append(earning)
        self.payments.append(Payment(contract_id, earning.date, earning.amount, earning.ref))
        self.applied.append(earning.ref)

    def add_refund(self, refund: Refund) -> None:
        if refund.ref in self.applied_refs:
            self.already_imported += 1
            return
        contract_id = self._refunded_contract(refund)
        if contract_id is None:
            self.unmatched_refunds.append(refund)
            return
        if contract_id in self.drafts:
            self.drafts[contract_id].refunded += refund.amount
        else:
            self.refunded[contract_id] = self.refunded.get(contract_id, ZERO) + refund.amount
        self.applied.append(refund.ref)

    def _refunded_contract(self, refund: Refund) -> str | None:
        row = refund.rows[0]
        contract_id, _ = _identity(row, "refund")
        if contract_id in self.contracts or contract_id in self.drafts:
            return contract_id
        for text in row.descriptions:
            paid = referenced_id(text)
            if paid is not None and paid in self.contract_of_ref:
                found = self.contract_of_ref[paid]
                if found in self.contracts or found in self.drafts:
                    return found
        return None

    def plan(self, label: str, ignored: dict[str, int]) -> UpworkPlan:
        clients = _ClientFinder(self.existing)
        drafts = list(self.drafts.values())
        new_contracts = [self._new_contract(draft, clients) for draft in drafts]
        removed, updated, moved = self._updated_contracts()
        if self.unmatched_refunds:
            ignored[UNMATCHED_REFUND] = len(self.unmatched_refunds)
        payments = sorted(self.payments, key=lambda p: (p.date, p.contract, p.ref or ""))
        new_contracts.sort(key=lambda c: c.id)
        new_clients = sorted(clients.new, key=lambda c: c.id)
        added: tuple[Record, ...] = (*new_clients, *new_contracts, *updated, *payments)
        change = Change(
            label,
            added=added,
            removed=tuple(removed),
            applied_refs=tuple(sorted(set(self.applied))),
        )
        summary = UpworkSummary(
            payments_added=len(payments),
            payments_total=sum((p.amount for p in payments), ZERO),
            refunds_applied=len(self.applied) - len(payments),
            refunds_total=sum(self.refunded.values(), ZERO)
            + sum((d.refunded for d in drafts), ZERO),
            already_imported=self.already_imported,
            ignored=_ordered(ignored),
            new_clients=tuple(sorted(new_clients, key=lambda c: name_key(c.name))),
            new_contracts=tuple(new_contracts),
            moved_starts=tuple(moved),
            notes=tuple(self._notes()),
        )
        return UpworkPlan(change, summary)

    def _new_contract(self, draft: _Draft, clients: _ClientFinder) -> Contract:
        first = draft.earnings[0]
        named = next((r for e in draft.earnings for r in e.rows if r.client), None)
        if named is None:
            raise InputError(
                csv_location(first.rows[0].line, self.columns.clients[0].name),
                f"the value is missing (the client of the new contract {draft.title!r})",
            )
        # A contract is one kind; should its rows disagree, hourly wins whatever their order.
        kinds = {e.kind for e in draft.earnings}
        kind = HOURLY if HOURLY in kinds else FIXED
        return Contract(
            id=draft.id,
            client=clients.id_for(named.client),
            kind=kind,
            started=min(e.date for e in draft.earnings),
            title=draft.title,
            refunded=draft.refunded,
        )

    def _updated_contracts(self) -> tuple[list[Contract], list[Contract], list[Contract]]:
        first_paid: dict[str, date] = {}
        for payment in self.payments:
            if payment.contract in self.contracts:
                first_paid[payment.contract] = min(
                    payment.date, first_paid.get(payment.contract, payment.date)
                )
        removed, updated, moved = [], [], []
        for contract_id in sorted(set(first_paid) | set(self.refunded)):
            old = self.contracts[contract_id]
            new = dataclasses.replace(
                old, refunded=old.refunded + self.refunded.get(contract_id, ZERO)
            )
            if contract_id in first_paid:
                new = dataclasses.replace(
                    new,
                    started=min(old.started, first_paid[contract_id]),
                    earned=None,
                    last_paid=None,
                )
                if new.started != old.started:
                    moved.append(new)
            removed.append(old)
            updated.append(new)
        return removed, updated, moved

    def _notes(self) -> list[str]:
        notes = []
        for contract_id, count in sorted(self.held_back.items()):
            contract = self.contracts[contract_id]
            notes.append(
                f"Held back {count_of(count, 'payment', 'payments')} for "
                f"{contract.title or contract_id} ({contract_id}): it has a typed amount earned; "
                "import again with --replace to use the payments instead."
            )
        for refund in self.unmatched_refunds:
            notes.append(
                f"Not applied: the refund of ${refund.amount:,.2f} on line {refund.rows[0].line} "
                "is for a contract that is neither in your log nor in this file."
            )
        return notes


def _ordered(ignored: dict[str, int]) -> tuple[tuple[str, int], ...]:
    """Ignored kinds, most rows first, then by name: the summary's order."""
    return tuple(sorted(ignored.items(), key=lambda item: (-item[1], item[0])))


class _ClientFinder:
    """Client ids by name: the log's client of that name, else its slug; new ones are collected."""

    def __init__(self, existing: Log) -> None:
        self.by_name = {name_key(c.name): c.id for c in existing.clients if c.name}
        self.ids = {c.id for c in existing.clients}
        self.new: list[Client] = []

    def id_for(self, name: str) -> str:
        key = name_key(name)
        if key not in self.by_name:
            slug = client_slug(name)
            if slug not in self.ids:
                self.ids.add(slug)
                self.new.append(Client(id=slug, name=" ".join(name.split())))
            self.by_name[key] = slug
        return self.by_name[key]


def _identity(row: UpworkRow, kind: str) -> tuple[str, str]:
    """The contract id and title a row names: by its number, else by its client and title."""
    return _identity_of(row.descriptions, row.client, kind)


@lru_cache(maxsize=4096)
def _identity_of(descriptions: tuple[str, ...], client: str, kind: str) -> tuple[str, str]:
    number, title = None, ""
    for text in descriptions:
        number = contract_number(text)
        if number is not None:
            title = clean_title(text)
            break
    title = title or next((t for t in map(clean_title, descriptions) if t), "") or _UNTITLED[kind]
    return contract_id_for(number, client, title), title
