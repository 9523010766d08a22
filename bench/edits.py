"""The one edit the in-process probes time: the feedback that just came in on a finished job."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from tracker.records.changes import Change
from tracker.records.model import Feedback, Log


def feedback_arrives(log: Log, as_of: date, nth: int = 0) -> Change:
    """Five stars on the `nth` most recently ended contract that has no feedback yet.

    This is the most common edit a freelancer makes, and it moves the estimate, so every view
    that depends on the score has to redraw.
    """
    rated = {f.contract for f in log.feedback}
    waiting = sorted(
        (c for c in log.contracts if c.ended is not None and c.ended < as_of and c.id not in rated),
        key=lambda c: (c.ended, c.id),
        reverse=True,
    )
    contract = waiting[nth % len(waiting)]
    assert contract.ended is not None
    given = Feedback(
        contract=contract.id,
        date=min(as_of, contract.ended + timedelta(days=1)),
        stars=Decimal("5.0"),
        private=10,
        private_is_guess=True,
        comment="bench",
    )
    return Change(label=f"feedback on '{contract.title or contract.id}'", added=(given,))
