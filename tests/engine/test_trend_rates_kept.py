"""The invites and proposals per day are counted once for the same records, and again for new
ones: a trend drawn after an edit shows the rates of the log it is given."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from fractions import Fraction

from tracker.engine.reports import trend_report
from tracker.records.model import Invite, Log, Proposal

DAY = date(2025, 3, 10)


def rates(log: Log) -> tuple[Fraction, Fraction]:
    point = trend_report(log, DAY, DAY).points[-1]
    return point.invites_per_week, point.proposals_per_week


def test_an_added_invite_or_proposal_is_counted_in_the_next_trend() -> None:
    log = Log(
        invites=(Invite("i-1", date(2025, 3, 1)),),
        proposals=(Proposal("p-1", date(2025, 3, 2)),),
    )
    assert rates(log) == (Fraction(1, 4), Fraction(1, 4))
    assert rates(log) == (Fraction(1, 4), Fraction(1, 4))  # counted once, the same again
    more = replace(log, invites=(*log.invites, Invite("i-2", date(2025, 3, 9))))
    assert rates(more) == (Fraction(2, 4), Fraction(1, 4))
    fewer = replace(more, proposals=())
    assert rates(fewer) == (Fraction(2, 4), Fraction(0))
    assert rates(log) == (Fraction(1, 4), Fraction(1, 4))
