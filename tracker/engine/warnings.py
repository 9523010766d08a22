"""Contracts at risk, from the marketplace's current notices (jss-model.md section 7)."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from tracker.engine.score import Evaluation
from tracker.engine.texts import idle_time, title_of

HOURLY_UNPAID_DAYS = 30
FIXED_UNPAID_DAYS = 76
DORMANT_DAYS = 90


@dataclass(frozen=True)
class Warning:
    contract: str
    title: str
    kind: str
    text: str
    advice: str


def warnings_on(evaluation: Evaluation) -> list[Warning]:
    out: list[Warning] = []
    by_id = evaluation.index.by_id
    states = evaluation.states
    by_id_order = not any(a > b for a, b in pairwise(states))  # an evaluation's come by id
    for cid in states if by_id_order else sorted(states):
        state = states[cid]
        # Most contracts have ended and are not long-term: nothing to say about them.
        if state.ended and state.reason_code != "long_term":
            continue
        f = by_id[cid]
        c = f.contract
        if f.client_flagged:
            continue
        name = title_of(c)
        if not state.ended:
            idle = state.days_idle
            if c.kind == "hourly" and idle >= HOURLY_UNPAID_DAYS:
                out.append(
                    Warning(
                        cid,
                        c.title,
                        "unpaid_hourly",
                        f"{name} open, hourly, unpaid for {idle_time(idle)}",
                        "bill the client or ask them to close it",
                    )
                )
            elif c.kind == "fixed" and idle >= FIXED_UNPAID_DAYS:
                left = max(DORMANT_DAYS - idle, 0)
                out.append(
                    Warning(
                        cid,
                        c.title,
                        "unpaid_fixed",
                        f"{name} open, fixed-price, unpaid for {idle_time(idle)}",
                        f"ask for a milestone payment or to close it; dormant in {left} days"
                        if left
                        else "ask for a payment or to close it; it is dormant",
                    )
                )
        if state.reason_code == "long_term":
            out.append(
                Warning(
                    cid,
                    c.title,
                    "long_term_no_feedback",
                    f"{name} long-term, no feedback yet",
                    "counts positive until feedback comes; a low rating would turn it",
                )
            )
    return out
