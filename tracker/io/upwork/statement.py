"""Importing the marketplace's transaction history CSV: a plan to look at before it is written.

`plan_upwork_import` reads the whole file and returns the Change it would make and a summary of
it; nothing is written here. The Change is all or nothing: a broken row raises InputError before
any plan exists. Re-importing a file changes nothing, because every transaction id the Change
applies travels with it (`Change.applied_refs`) and is passed back in as `applied_refs`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Set
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from tracker.io.problems import InputError
from tracker.io.summary_lines import HeldBack
from tracker.io.upwork.clients import ClientFinder, from_work_history
from tracker.io.upwork.grouping import (
    GAP_DAYS,
    UNKNOWN_CLIENT,
    Placement,
    client_name_of,
    contract_title_of,
    place_earnings,
)
from tracker.io.upwork.import_words import ContractPlan, UpworkSummary
from tracker.io.upwork.kinds import FIXED, HOURLY, UNMATCHED_REFUND
from tracker.io.upwork.layout import WEEKLY_SUMMARY, UpworkColumns
from tracker.io.upwork.overlap import refuse_earnings_counted_twice
from tracker.io.upwork.rows import find_header, read_upwork_table
from tracker.io.upwork.titles import name_key, referenced_id, short_hash
from tracker.io.upwork.transactions import Earning, Refund, group_transactions
from tracker.io.upwork.whose import OTHER_FREELANCER, choose_rows
from tracker.io.upwork.work_history import take_work_history
from tracker.records.changes import Change, Record
from tracker.records.model import Contract, Log, Payment

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


def layout_of(data: bytes) -> str:
    """The layout of a file `looks_like_upwork_csv` took (`older`, `2025`, `summary`)."""
    head = data[:_SNIFF_BYTES].decode("utf-8-sig", errors="replace")
    return find_header(head)[0].layout


_LAYOUT_WORDS = {
    "older": "an older transaction history",
    "2025": "a 2025 transaction history",
    "summary": "the weekly summary report",
}
_FORMAT_OF = {"older": "upwork-csv", "2025": "upwork-csv", "summary": "upwork-summary"}


def plan_upwork_import(
    data: bytes,
    existing: Log,
    applied_refs: Set[str],
    *,
    replace: bool = False,
    label: str = DEFAULT_LABEL,
    date_order: str | None = None,
    freelancer: str | None = None,
    agency: bool = False,
    gap_days: int = GAP_DAYS,
    layouts: tuple[str, ...] | None = None,
    remembered: Iterable[tuple[str, str, str]] = (),
) -> UpworkPlan:
    """The change that imports `data` into `existing`, and what it would do in a freelancer's words.

    Args:
        data: the file's bytes, as downloaded (a transaction history or the weekly summary).
        existing: the log the change will be applied to.
        applied_refs: the transaction ids earlier imports applied (payments and refunds).
        replace: add payments to a contract with a typed `earned` (clearing it and `last_paid`),
            as `import --replace` asks; without it those payments are held back and reported.
        label: the change's name in the undo history.
        date_order: `dmy` or `mdy` for a file whose numeric dates read both ways.
        freelancer: on an agency's statement, the one person whose work this log is.
        agency: on an agency's statement, take everyone's work.
        gap_days: how long older hourly invoices may stop before the next is another contract.
        layouts: the layouts the user said the file is (`--format`); None takes any.
        remembered: (ref, grouping, ISO day) of the payments earlier imports applied
            (`Repository.import_groups`), so a later statement finds its contracts.

    Raises:
        DateOrderNeeded: the file's numeric dates read both ways and `date_order` is None.
        FreelancerChoiceNeeded: an agency's statement and no choice, given or kept.
        InputError: for a file that is not an export or has a broken row; the message gives the
            line (1-based, the header is line 1) and the column.
    """
    table = read_upwork_table(data, date_order)
    if layouts is not None and table.columns.layout not in layouts:
        layout = table.columns.layout
        raise InputError(
            "line 1",
            f"this is {_LAYOUT_WORDS[layout]}; import it with --format {_FORMAT_OF[layout]} "
            "or --format auto",
        )
    whose = choose_rows(table.rows, existing, freelancer, agency)
    transactions = group_transactions(whose.rows)
    clients = ClientFinder(existing)
    placements = place_earnings(
        transactions.earnings, existing, clients.by_name, gap_days=gap_days, remembered=remembered
    )
    planner = _Planner(existing, table.columns, applied_refs, replace, placements)
    for earning in sorted(transactions.earnings, key=lambda e: (e.date, e.rows[0].line)):
        planner.add_earning(earning)
    for refund in sorted(transactions.refunds, key=lambda r: (r.date, r.rows[0].line)):
        planner.add_refund(refund)
    refuse_earnings_counted_twice(
        planner.payments,
        existing,
        applied_refs,
        summary=table.columns.layout == WEEKLY_SUMMARY,
    )
    ignored = dict(transactions.ignored)
    if whose.left_out:
        ignored[OTHER_FREELANCER] = whose.left_out
    return planner.plan(label, ignored, clients, whose.setting, gap_days)


@dataclass
class _Draft:
    """A contract the file brings that the log does not have yet."""

    id: str
    title: str
    earnings: list[Earning] = field(default_factory=list)
    refunded: Decimal = ZERO
    titled: bool = False


@dataclass
class _Planner:
    existing: Log
    columns: UpworkColumns
    applied_refs: Set[str]
    replace: bool
    placements: dict[str, Placement]
    payments: list[Payment] = field(default_factory=list)
    refunded: dict[str, Decimal] = field(default_factory=dict)
    drafts: dict[str, _Draft] = field(default_factory=dict)
    rules: dict[str, set[str]] = field(default_factory=dict)
    held_back: dict[str, int] = field(default_factory=dict)
    unmatched_refunds: list[Refund] = field(default_factory=list)
    applied: list[str] = field(default_factory=list)
    named: dict[str, tuple[str, str]] = field(default_factory=dict)
    groups: list[tuple[str, str, str]] = field(default_factory=list)
    already_imported: int = 0

    def __post_init__(self) -> None:
        self.contracts = self.existing.contract_by_id()
        self.contract_of_ref = {p.ref: p.contract for p in self.existing.payments if p.ref}
        self.existing_refs = {p.ref for p in self.existing.payments if p.ref}
        self.contract_of_ref.update({ref: p.contract for ref, p in self.placements.items()})

    def add_earning(self, earning: Earning) -> None:
        placed = self.placements[earning.ref]
        contract_id = placed.contract
        if earning.ref in self.applied_refs or earning.ref in self.existing_refs:
            self.already_imported += 1
            return
        known = self.contracts.get(contract_id)
        if (
            known is not None
            and known.earned is not None
            and not self.replace
            and not from_work_history(known)
        ):
            self.held_back[contract_id] = self.held_back.get(contract_id, 0) + 1
            return
        if known is None:
            title = placed.title or _UNTITLED[earning.kind]
            draft = self.drafts.setdefault(contract_id, _Draft(contract_id, title))
            if placed.title and not draft.titled:  # a bonus placed first names no contract
                draft.title, draft.titled = placed.title, True
            draft.earnings.append(earning)
        self.rules.setdefault(contract_id, set()).add(placed.rule)
        self.named.setdefault(contract_id, (client_name_of(earning), placed.title))
        self.payments.append(Payment(contract_id, earning.date, earning.amount, earning.ref))
        self.applied.append(earning.ref)
        if placed.grouping:
            self.groups.append((earning.ref, placed.grouping, earning.date.isoformat()))

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
        """The contract a refund gives back from: the payment its Ref ID names, else the contract
        its number or its title and client name."""
        row = refund.rows[0]
        known = set(self.contracts) | set(self.drafts)
        for text in (*row.descriptions, *(c for c in row.cells)):
            paid = referenced_id(text)
            if paid is not None and self.contract_of_ref.get(paid) in known:
                return self.contract_of_ref[paid]
        for cell in row.cells:
            if cell.strip() in self.contract_of_ref and self.contract_of_ref[cell.strip()] in known:
                return self.contract_of_ref[cell.strip()]
        number, title = contract_title_of(row)
        client = row.client or UNKNOWN_CLIENT
        if number is not None:
            candidates = [f"upwork-{number}"]
        else:
            candidates = [f"upwork-{short_hash(name_key(client), name_key(title))}"]
        for placed in self.placements.values():
            if placed.title and name_key(placed.title) == name_key(title):
                candidates.append(placed.contract)
        return next((c for c in candidates if c in known), None)

    def plan(
        self,
        label: str,
        ignored: dict[str, int],
        clients: ClientFinder,
        setting: dict[str, object] | None,
        gap_days: int,
    ) -> UpworkPlan:
        drafts = list(self.drafts.values())
        new_contracts = [self._new_contract(draft, clients) for draft in drafts]
        removed, updated, moved = self._updated_contracts(clients)
        last_paid: dict[str, date] = {}
        for payment in self.payments:
            last_paid[payment.contract] = max(
                payment.date, last_paid.get(payment.contract, payment.date)
            )
        merged = take_work_history(self.existing, new_contracts, last_paid, removed, updated)
        if self.unmatched_refunds:
            ignored[UNMATCHED_REFUND] = len(self.unmatched_refunds)
        payments = sorted(self.payments, key=lambda p: (p.date, p.contract, p.ref or ""))
        new_contracts.sort(key=lambda c: c.id)
        new_clients = sorted(clients.new, key=lambda c: c.id)
        added: tuple[Record, ...] = (
            *new_clients, *new_contracts, *updated, *payments, *merged
        )  # fmt: skip
        change = Change(
            label,
            added=added,
            removed=tuple(removed),
            settings=setting,
            applied_refs=tuple(sorted(set(self.applied))),
            import_groups=tuple(sorted(set(self.groups))),
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
            contracts=self._contract_plans(new_contracts, payments, clients),
            unknown_client=tuple(
                c
                for c in new_contracts
                if c.client == clients.by_name.get(name_key(UNKNOWN_CLIENT))
            ),
            gap_days=gap_days,
            held_back=tuple(
                HeldBack(contract_id, self.contracts[contract_id].title or contract_id, count)
                for contract_id, count in sorted(self.held_back.items())
            ),
        )
        return UpworkPlan(change, summary)

    def _contract_plans(
        self, new_contracts: list[Contract], payments: list[Payment], clients: ClientFinder
    ) -> tuple[ContractPlan, ...]:
        names = {c.id: c.name for c in (*self.existing.clients, *clients.new)}
        by_contract: dict[str, list[Payment]] = {}
        for payment in payments:
            by_contract.setdefault(payment.contract, []).append(payment)
        plans = []
        extended = [self.contracts[i] for i in sorted(by_contract) if i not in self.drafts]
        for contract in (*new_contracts, *extended):
            made = contract.id in self.drafts
            plans.append(
                ContractPlan(
                    contract=contract,
                    client_name=names.get(contract.client, contract.client),
                    made=made,
                    rule=" and ".join(
                        sorted(
                            self.rules.get(contract.id, ()),
                            key=lambda r: (r.startswith("as a bonus"), r),
                        )
                    ),
                    payments=tuple(by_contract.get(contract.id, ())),
                )
            )
        return tuple(plans)

    def _new_contract(self, draft: _Draft, clients: ClientFinder) -> Contract:
        named = next((r.client for e in draft.earnings for r in e.rows if r.client), "")
        # A contract is one kind; should its rows disagree, hourly wins whatever their order.
        kinds = {e.kind for e in draft.earnings}
        kind = HOURLY if HOURLY in kinds else FIXED
        return Contract(
            id=draft.id,
            client=clients.id_for(named or UNKNOWN_CLIENT),
            kind=kind,
            started=min(e.date for e in draft.earnings),
            title=draft.title,
            refunded=draft.refunded,
        )

    def _updated_contracts(
        self, clients: ClientFinder
    ) -> tuple[list[Record], list[Contract], list[Contract]]:
        first_paid: dict[str, date] = {}
        for payment in self.payments:
            if payment.contract in self.contracts:
                first_paid[payment.contract] = min(
                    payment.date, first_paid.get(payment.contract, payment.date)
                )
        removed: list[Record] = []
        updated: list[Contract] = []
        moved: list[Contract] = []
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
            if from_work_history(old) and contract_id in self.named:
                client, title = self.named[contract_id]
                new = dataclasses.replace(
                    new, client=clients.id_for(client), title=title or new.title
                )
            removed.append(old)
            updated.append(new)
        return removed, updated, moved

    def _notes(self) -> list[str]:
        notes = []
        for refund in self.unmatched_refunds:
            notes.append(
                f"Not applied: the refund of ${refund.amount:,.2f} on line {refund.rows[0].line} "
                "is for a contract that is neither in your log nor in this file."
            )
        return notes


def _ordered(ignored: dict[str, int]) -> tuple[tuple[str, int], ...]:
    """Ignored kinds, most rows first, then by name: the summary's order."""
    return tuple(sorted(ignored.items(), key=lambda item: (-item[1], item[0])))
