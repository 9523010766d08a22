"""Facts about the whole log that a table's columns need (names, paid totals), computed once.

Each is worked out on first use and kept until the next refresh, so a page pays only for the
columns it shows and a 10,000-contract log is walked once, not once per cell.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from decimal import Decimal
from functools import cached_property

from tracker.records.model import Feedback, Log


class LogLookups:
    """Read-only indexes over one Log, made on demand."""

    def __init__(self, log: Log) -> None:
        self.log = log
        self.currency = log.profile.currency

    @cached_property
    def contract_titles(self) -> dict[str, str]:
        return {c.id: c.title or c.id for c in self.log.contracts}

    @cached_property
    def client_names(self) -> dict[str, str]:
        return {c.id: c.name or c.id for c in self.log.clients}

    @cached_property
    def paid_by_contract(self) -> dict[str, Decimal]:
        totals: dict[str, Decimal] = defaultdict(Decimal)
        for payment in self.log.payments:
            totals[payment.contract] += payment.amount
        return dict(totals)

    @cached_property
    def latest_feedback(self) -> dict[str, Feedback]:
        """Each contract's feedback that counts: the latest final one, else the latest interim."""
        chosen: dict[str, Feedback] = {}
        for item in self.log.feedback:
            held = chosen.get(item.contract)
            rank = (item.kind == "final", item.date)
            if held is None or rank > (held.kind == "final", held.date):
                chosen[item.contract] = item
        return chosen

    @cached_property
    def contracts_per_client(self) -> Counter[str]:
        return Counter(c.client for c in self.log.contracts)

    @cached_property
    def paid_by_client(self) -> dict[str, Decimal]:
        totals: dict[str, Decimal] = defaultdict(Decimal)
        for contract in self.log.contracts:
            totals[contract.client] += self.paid(contract.id, contract.earned)
        return dict(totals)

    def paid(self, contract_id: str, typed: Decimal | None) -> Decimal:
        """What a contract paid: its listed payments, else the amount typed in."""
        listed = self.paid_by_contract.get(contract_id)
        if listed is not None:
            return listed
        return typed if typed is not None else Decimal(0)
