"""A weekly summary and a transaction history list the same earnings twice over.

The summary's rows have no transaction ids (each gets a `summary-` ref made of what it says), so
nothing can tell which summary row is which statement payment. Rather than guess, an import of one
kind is refused where the log already holds the other kind's payments on the same days.
"""

from __future__ import annotations

from collections.abc import Iterable, Set
from datetime import date

from tracker.io.problems import InputError
from tracker.records.model import Log, Payment

SUMMARY_REF_PREFIX = "summary-"

_KIND_WORDS = {True: "a weekly summary report", False: "a transaction history"}
_WAY_OUT = {
    True: "import one kind of file for a period (the transaction history says more)",
    False: (
        "to use the transaction history instead, first remove those payments (Log > Payments: "
        f"their reference starts with '{SUMMARY_REF_PREFIX}')"
    ),
}


def refuse_earnings_counted_twice(
    new_payments: Iterable[Payment], existing: Log, applied_refs: Set[str], *, summary: bool
) -> None:
    """Refuse the import when the other kind of file already brought payments on its days.

    Raises:
        InputError: naming how many payments, the days, and what to do instead.
    """
    days = [p.date for p in new_payments]
    if not days:
        return
    first, last = min(days), max(days)
    already = sorted(
        p.date
        for p in existing.payments
        if p.ref in applied_refs
        and p.ref is not None
        and p.ref.startswith(SUMMARY_REF_PREFIX) != summary
        and first <= p.date <= last
    )
    if already:
        raise InputError(
            "",
            f"this file is {_KIND_WORDS[summary]} of {_span(first, last)}, and your log already "
            f"has {len(already)} payment{'s' if len(already) != 1 else ''} of those days from "
            f"{_KIND_WORDS[not summary]} ({_span(already[0], already[-1])}): importing both would "
            "count the same earnings twice; " + _WAY_OUT[summary],
        )


def _span(first: date, last: date) -> str:
    return first.isoformat() if first == last else f"{first.isoformat()} to {last.isoformat()}"
