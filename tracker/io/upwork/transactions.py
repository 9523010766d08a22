"""The rows of the transaction history folded into transactions: payments, refunds, the rest.

One payment can be several rows sharing a transaction id (the gross, the fee taken from it, the
VAT on the fee); the payment is the gross, and the deductions are counted as ignored.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from tracker.io.upwork.kinds import (
    BONUS,
    DUPLICATE,
    EARNINGS,
    FIXED,
    HOURLY,
    OTHER,
    REFUND,
    ZERO_AMOUNT,
    classify_deduction,
)
from tracker.io.upwork.rows import UpworkRow


@dataclass(frozen=True, slots=True)
class Earning:
    """A payment from a client: the gross of the rows sharing `ref`; `rows` are those rows."""

    ref: str
    date: date
    amount: Decimal
    kind: str
    rows: tuple[UpworkRow, ...]


@dataclass(frozen=True, slots=True)
class Refund:
    """Money given back to a client: `amount` is positive, `rows` are the refund's rows."""

    ref: str
    date: date
    amount: Decimal
    rows: tuple[UpworkRow, ...]


@dataclass(frozen=True, slots=True)
class Transactions:
    """A file's earnings and refunds in file order, and the rows ignored, counted by kind."""

    earnings: tuple[Earning, ...]
    refunds: tuple[Refund, ...]
    ignored: Counter[str]


def group_transactions(rows: tuple[UpworkRow, ...]) -> Transactions:
    """Fold rows into transactions; a row repeated cell for cell is counted once."""
    ignored: Counter[str] = Counter()
    seen: set[tuple[str, ...]] = set()
    groups: dict[str, list[UpworkRow]] = {}
    for row in rows:
        if row.cells in seen:
            ignored[DUPLICATE] += 1
            continue
        seen.add(row.cells)
        if row.kind in EARNINGS or row.kind == REFUND:
            groups.setdefault(row.ref, []).append(row)
        elif row.kind == OTHER:
            ignored[f"other:{row.type_text}"] += 1
        else:
            ignored[row.kind] += 1
    earnings: list[Earning] = []
    refunds: list[Refund] = []
    for ref, group in groups.items():
        gross = [r for r in group if r.kind in EARNINGS and r.amount > 0]
        taken = [r for r in group if r.kind in EARNINGS and r.amount < 0]
        given_back = [r for r in group if r.kind == REFUND and r.amount != 0]
        ignored[ZERO_AMOUNT] += sum(1 for r in group if r.amount == 0)
        if gross:
            earnings.append(_earning(ref, gross))
            for row in taken:
                ignored[classify_deduction(row.descriptions)] += 1
        else:
            given_back = sorted(given_back + taken, key=lambda r: r.line)
        if given_back:
            amount = sum((abs(r.amount) for r in given_back), Decimal("0.00"))
            refunds.append(Refund(ref, min(r.date for r in given_back), amount, tuple(given_back)))
    return Transactions(tuple(earnings), tuple(refunds), +ignored)


def _earning(ref: str, gross: list[UpworkRow]) -> Earning:
    kinds = {r.kind for r in gross}
    kind = next(k for k in (HOURLY, FIXED, BONUS) if k in kinds)
    amount = sum((r.amount for r in gross), Decimal("0.00"))
    return Earning(ref, min(r.date for r in gross), amount, kind, tuple(gross))
