"""The invites and proposals per day are counted once for the same records, and again for new
ones: a trend drawn after an edit shows the rates of the log it is given; each rate counts the
records of the 28 days up to its day."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from tracker.engine.reports import DailyCounts, counts_by_day, dated_counts, trend_report
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


def test_an_edit_s_new_tuple_of_the_same_records_is_not_counted_again() -> None:
    """An edit to a contract gives the log new tuples of its very invites: their counts are the
    ones kept; one record more or one date moved is counted anew."""
    invites = tuple(Invite(f"i-{n}", date(2025, 3, 1 + n % 9)) for n in range(30))
    counts = dated_counts(invites)
    assert dated_counts(tuple(invites)) is counts
    assert dated_counts(tuple(list(invites))) is counts
    moved = (*invites[:-1], replace(invites[-1], date=date(2025, 3, 10)))
    assert dated_counts(moved) is not counts
    assert dated_counts(moved).per_week_on([DAY]) == [Fraction(30, 4)]
    assert dated_counts(invites).per_week_on([date(2025, 3, 9)]) == [Fraction(30, 4)]
    assert dated_counts(invites[:-1]).per_week_on([DAY]) == [Fraction(29, 4)]


@given(
    # A few months, so records fall on a rate's first and last days and just outside them.
    st.lists(st.dates(date(2025, 1, 1), date(2025, 3, 31)), max_size=60),
    st.lists(st.dates(date(2024, 12, 15), date(2025, 4, 30)), max_size=40),
)
def test_a_rate_counts_the_records_of_the_28_days_up_to_its_day(
    record_days: list[date], days: list[date]
) -> None:
    counts = DailyCounts(counts_by_day(record_days))
    expected = [
        Fraction(sum(1 for d in record_days if day - timedelta(days=28) < d <= day), 4)
        for day in days
    ]
    assert counts.per_week_on(days) == expected
