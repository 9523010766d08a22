"""What an import of the transaction history did, in the words of the freelancer who ran it.

The command line prints `lines()`; the window shows the same lines as the preview before anything
is written, and can read the counts and records for its own layout.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from tracker.io.summary_lines import (
    HELD_BACK,
    NEEDS_YOU,
    NEW_CONTRACTS,
    OPEN_CONTRACTS,
    HeldBack,
    SummaryLine,
)
from tracker.io.upwork.kinds import (
    CARD_PAYMENT,
    CONNECTS,
    DUPLICATE,
    FEE,
    MEMBERSHIP,
    UNMATCHED_REFUND,
    VAT,
    WITHDRAWAL,
    ZERO_AMOUNT,
)
from tracker.io.upwork.whose import OTHER_FREELANCER
from tracker.records.model import Client, Contract, Payment

# How each ignored kind is named in the summary: singular, plural.
_IGNORED_NAMES: dict[str, tuple[str, str]] = {
    FEE: ("fee", "fees"),
    VAT: ("VAT or tax row", "VAT and tax rows"),
    WITHDRAWAL: ("withdrawal", "withdrawals"),
    MEMBERSHIP: ("membership payment", "membership payments"),
    CONNECTS: ("Connects purchase", "Connects purchases"),
    CARD_PAYMENT: ("card payment", "card payments"),
    ZERO_AMOUNT: ("row of $0.00", "rows of $0.00"),
    DUPLICATE: ("repeated row", "repeated rows"),
    OTHER_FREELANCER: ("row of another freelancer", "rows of other freelancers"),
}
_LISTED = 8


@dataclass(frozen=True, slots=True)
class ContractPlan:
    """One contract the import makes (`made`) or extends, its payments, and the rule that grouped
    them (in words: "by its contract number 35695275")."""

    contract: Contract
    client_name: str
    made: bool
    rule: str
    payments: tuple[Payment, ...]

    @property
    def total(self) -> Decimal:
        return sum((p.amount for p in self.payments), Decimal("0.00"))

    def line(self) -> str:
        """`Make 'Logo' (upwork-5) for Acme: 3 payments ($900.00), 2025-01-06 to 2025-01-20;
        grouped by its contract number 5.`"""
        verb = "Make" if self.made else "Extend"
        paid = count_of(len(self.payments), "payment", "payments")
        span = ""
        if self.payments:
            first, last = self.payments[0].date, self.payments[-1].date
            span = f", {first}" if first == last else f", {first} to {last}"
        rule = f"; grouped {self.rule}" if self.rule else ""
        return (
            f"{verb} '{self.contract.title or self.contract.id}' ({self.contract.id}) for "
            f"{self.client_name}: {paid} ({_money(self.total)}){span}{rule}."
        )


@dataclass(frozen=True, slots=True)
class UpworkSummary:
    """The counts and records behind an import's summary.

    `ignored` counts rows by kind: the kinds of upwork_kinds, `duplicate`, `zero_amount`, or
    `other:<type as written>` for a transaction type Repute does not know.
    """

    payments_added: int = 0
    payments_total: Decimal = Decimal("0.00")
    refunds_applied: int = 0
    refunds_total: Decimal = Decimal("0.00")
    already_imported: int = 0
    ignored: tuple[tuple[str, int], ...] = ()
    new_clients: tuple[Client, ...] = ()
    new_contracts: tuple[Contract, ...] = ()
    moved_starts: tuple[Contract, ...] = ()
    notes: tuple[str, ...] = ()
    contracts: tuple[ContractPlan, ...] = ()
    unknown_client: tuple[Contract, ...] = ()
    gap_days: int = 30
    held_back: tuple[HeldBack, ...] = ()

    def plan_lines(self) -> list[str]:
        """What `import --dry-run` prints: every contract made or extended with each payment,
        then the summary."""
        lines = ["Dry run: nothing was written. The import would:"]
        for plan in self.contracts:
            lines.append(plan.line())
            lines.extend(
                f"    {p.date}  {_money(p.amount):>12}  {p.ref or ''}".rstrip()
                for p in plan.payments
            )
        if any("hourly invoices" in plan.rule for plan in self.contracts):
            lines.append(
                f"Older hourly invoices are one contract per client and rate; one that comes more "
                f"than {self.gap_days} days after the last is another contract."
            )
        return lines + self.lines()

    @property
    def needs_you(self) -> tuple[Contract, ...]:
        """New contracts: open and without feedback until the user says how they went."""
        return tuple(c for c in self.new_contracts if c.ended is None)

    def lines(self) -> list[str]:
        """The summary as the command line prints it."""
        return [line.printed() for line in self.summary()]

    def summary(self) -> list[SummaryLine]:
        """The summary as short sentences, most important first, each saying what it is about."""
        lines = [SummaryLine(_added_line(self.payments_added, self.payments_total))]
        if self.refunds_applied:
            lines.append(
                SummaryLine(
                    f"Applied {count_of(self.refunds_applied, 'refund', 'refunds')} "
                    f"({_money(self.refunds_total)}) to the contract"
                    f"{' it' if self.refunds_applied == 1 else 's they'} came from."
                )
            )
        if self.already_imported:
            lines.append(
                SummaryLine(
                    f"Skipped {count_of(self.already_imported, 'transaction', 'transactions')} "
                    "already in your log."
                )
            )
        if self.ignored:
            total = sum(n for _, n in self.ignored)
            parts = ", ".join(_ignored_part(kind, n) for kind, n in self.ignored)
            lines.append(
                SummaryLine(
                    f"Ignored {count_of(total, 'row that is', 'rows that are')} not earnings: "
                    f"{parts}."
                )
            )
        if self.new_clients:
            names = _listed([c.name for c in self.new_clients])
            lines.append(SummaryLine(f"New clients ({len(self.new_clients)}): {names}."))
        if self.new_contracts:
            titles = _listed([_contract_label(c) for c in self.new_contracts])
            lines.append(
                SummaryLine(f"New contracts ({len(self.new_contracts)}): {titles}.", NEW_CONTRACTS)
            )
        if self.moved_starts:
            titles = _listed([_contract_label(c) for c in self.moved_starts])
            moved = count_of(len(self.moved_starts), "contract", "contracts")
            lines.append(
                SummaryLine(f"Moved the start of {moved} back to the first payment: {titles}.")
            )
        lines.extend(_held_back_line(held) for held in self.held_back)
        lines.extend(SummaryLine(note) for note in self.notes)
        if self.unknown_client:
            titles = _listed([_contract_label(c) for c in self.unknown_client])
            n = len(self.unknown_client)
            lines.append(
                SummaryLine(
                    f"{count_of(n, 'new contract has', 'new contracts have')} no client "
                    f"in the file ({titles}); {'it is' if n == 1 else 'they are'} under Unknown "
                    "client until you set the client.",
                    NEEDS_YOU,
                )
            )
        if self.needs_you:
            lines.append(
                SummaryLine(
                    _needs_you_line(self.needs_you, all_new=self.needs_you == self.new_contracts),
                    OPEN_CONTRACTS,
                )
            )
        return lines


def _held_back_line(held: HeldBack) -> SummaryLine:
    return SummaryLine(
        f"Held back {count_of(held.payments, 'payment', 'payments')} for {held.title} "
        f"({held.contract}): it has a typed amount earned.",
        HELD_BACK,
        option_hint="import again with --replace to use the payments instead",
    )


def _needs_you_line(contracts: tuple[Contract, ...], *, all_new: bool) -> str:
    n = len(contracts)
    if all_new:
        which = "the new contract is" if n == 1 else f"the {n} new contracts are"
    else:
        which = count_of(n, "new contract is", "new contracts are")
    listed = "" if all_new else f" ({_listed([_contract_label(c) for c in contracts])})"
    has = "has" if n == 1 else "have"
    when = "when it ends" if n == 1 else "when each one ends"
    return f"{which} open and {has} no feedback{listed}; {when}, add its end date and feedback."


def _added_line(count: int, total: Decimal) -> str:
    if not count:
        return "No new payments."
    return f"Added {count_of(count, 'payment', 'payments')} ({_money(total)})."


def _ignored_part(kind: str, count: int) -> str:
    if kind.startswith("other:"):
        return f"{count} '{kind.removeprefix('other:')}'"
    if kind == UNMATCHED_REFUND:
        return count_of(
            count, "refund for a contract not in your log", "refunds for contracts not in your log"
        )
    singular, plural = _IGNORED_NAMES.get(kind, (kind, kind))
    return count_of(count, singular, plural)


def _contract_label(contract: Contract) -> str:
    return f"{contract.title or 'untitled'} ({contract.id})"


def _listed(items: list[str]) -> str:
    shown = ", ".join(items[:_LISTED])
    return shown if len(items) <= _LISTED else f"{shown} and {len(items) - _LISTED} more"


def count_of(n: int, singular: str, plural: str) -> str:
    """`1 payment`, `2 payments`."""
    return f"{n} {singular if n == 1 else plural}"


def _money(amount: Decimal) -> str:
    return f"-${-amount:,.2f}" if amount < 0 else f"${amount:,.2f}"
