"""The plan the dashboard shows next to the badges: how to get back to 90 (jss-model.md 10).

The defaults of section 10 (five-star contracts like the recent ones, two a month, by six months
on), so the line answers the common question without a form; the What if page asks the rest.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from tracker.records.model import Log
from ui.whatif.plan_words import TOP_SCORE

if TYPE_CHECKING:
    from tracker.engine.plan import Plan


def badge_plan(log: Log, as_of: date) -> Plan:
    """`plan_report` for a target of 90 with every other value at its default."""
    from tracker.engine.plan import PlanRequest, plan_report

    request = PlanRequest.from_options(as_of, TOP_SCORE, None, None, 5, None, 2)
    return plan_report(log, request, None)
