"""What the engine needs of each contract, precomputed once per log (sorted, in integer cents).

Evaluating a date then costs a few bisections per contract, whatever the history's length.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache
from itertools import accumulate
from operator import attrgetter

from tracker.records.model import Contract, Feedback, Log, Payment


def cents(amount: Decimal) -> int:
    """Money in integer cents (amounts carry at most two decimals; rounded half up otherwise)."""
    numerator, denominator = amount.as_integer_ratio()
    if 100 % denominator == 0:  # whole cents: the common case, in integers only
        return numerator * (100 // denominator)
    scaled = amount.scaleb(2)
    if scaled == scaled.to_integral_value():
        return int(scaled)
    whole = int(scaled)
    rest = scaled - whole
    if rest >= Decimal("0.5"):
        whole += 1
    elif rest <= Decimal("-0.5"):
        whole -= 1
    return whole


@lru_cache(maxsize=1024)
def exact(value: Decimal) -> Fraction:
    """A decimal as the exact fraction it is (ratings repeat, so this is cached)."""
    return Fraction(value)


def public_rating(feedback: Feedback) -> Fraction | None:
    """Stars, else the unrounded mean of the sub-scores present, else None."""
    if feedback.stars is not None:
        return exact(feedback.stars)
    return _mean_of(tuple(v for _, v in feedback.scores if v is not None))


@lru_cache(maxsize=4096)
def _mean_of(values: tuple[Decimal, ...]) -> Fraction | None:
    # Sub-scores repeat across a log's feedback: each distinct set's mean made once.
    if not values:
        return None
    return sum((exact(v) for v in values), Fraction(0)) / len(values)


@dataclass(slots=True, unsafe_hash=True)
class RatedFeedback:
    """A feedback that carries something: its public rating and private score.

    Never changed once made; not frozen only because a frozen dataclass's constructor costs
    several times as much, and an agency's log has ten thousand (hashed by its fields all the
    same).
    """

    record: Feedback
    date: date
    public: Fraction | None
    private: int | None


@dataclass(slots=True)
class ContractFacts:
    contract: Contract
    client_flagged: bool
    pay_dates: list[date]
    pay_cum: list[int]  # pay_cum[i] = cents paid by the first i payments
    typed_cents: int  # > 0 only for a typed schedule (no listed payments)
    typed_end: date | None  # E of the typed schedule
    refunded_cents: int
    finals: list[RatedFeedback]
    final_dates: list[date]
    interims: list[RatedFeedback]
    interim_dates: list[date]
    latest: date  # the latest date that can be this contract's anchor

    @property
    def id(self) -> str:
        return self.contract.id

    def feedback_on(self, day: date) -> RatedFeedback | None:
        """The latest final feedback dated <= day, else the latest interim one."""
        i = bisect_right(self.final_dates, day)
        if i:
            return self.finals[i - 1]
        j = bisect_right(self.interim_dates, day)
        return self.interims[j - 1] if j else None


# A contract's facts with what they are made of (the contract, whether its client is flagged,
# its payments and rated feedback), by contract id, kept from the last log built: after one edit
# in the window every other contract's records are the same, and its facts are not made again.
# Facts depend on the records' values only, so equal records (the same objects, most often: a
# list compares those without looking inside) give the same facts.
KeptFacts = tuple["ContractFacts", Contract, bool, list[Payment], list[Feedback]]
_made: dict[str, KeptFacts] = {}


def build_facts(log: Log, *, keep: bool = True) -> list[ContractFacts]:
    """One ContractFacts per contract, in the log's contract order.

    keep=False leaves the kept facts as they are: for a log of a few contracts beside the real
    one (a plan's assumed contracts), which would otherwise push the real log's facts out.
    """
    flagged = {c.id for c in log.clients if c.flagged}
    payments: dict[str, list[Payment]] = {}
    for p in log.payments:
        paid = payments.get(p.contract)
        if paid is None:
            payments[p.contract] = [p]
        else:
            paid.append(p)
    feedback: dict[str, list[Feedback]] = {}
    for f in log.feedback:
        if f.stars is None and f.private is None and not any(v is not None for _, v in f.scores):
            continue
        given = feedback.get(f.contract)
        if given is None:
            feedback[f.contract] = [f]
        else:
            given.append(f)
    facts = []
    kept = _made
    made: dict[str, KeptFacts] = {}
    for c in log.contracts:
        pays = payments.get(c.id, _NONE)
        given = feedback.get(c.id, _NONE)
        is_flagged = c.client in flagged
        known = kept.get(c.id)
        if (
            known is None
            or not (known[1] is c or known[1] == c)
            or known[2] != is_flagged
            or known[3] != pays
            or known[4] != given
        ):
            known = (_contract_facts(c, is_flagged, pays, given), c, is_flagged, pays, given)
        made[c.id] = known
        facts.append(known[0])
    if keep:
        _made.clear()
        _made.update(made)
    return facts


_by_date = attrgetter("date")
_NONE: list = []  # type: ignore[type-arg]  # no payments, no feedback
_nothing: list = []  # type: ignore[type-arg]  # shared by contracts without payments or feedback


def _contract_facts(
    c: Contract, client_flagged: bool, payments: list[Payment], given: list[Feedback]
) -> ContractFacts:
    nothing = _nothing
    typed = 0
    typed_end = None
    if len(payments) == 1:  # most contracts: one payment
        only = payments[0]
        dates, cum = [only.date], [0, cents(only.amount)]
    elif payments:
        # By date only: every reader looks the running total up at the end of a day's payments
        # (bisect_right) or at its start (bisect_left), where the order within a day is summed.
        pays = sorted(payments, key=_by_date)
        dates = [p.date for p in pays]
        cum = [0, *accumulate([cents(p.amount) for p in pays])]
    else:
        dates, cum = nothing, [0]
        if c.earned is not None and c.earned > 0:
            typed = cents(c.earned)
            typed_end = c.last_paid or c.ended or c.started
    finals = interims = final_dates = interim_dates = nothing
    if len(given) == 1:  # most rated contracts: one feedback
        f = given[0]
        rated = [RatedFeedback(f, f.date, public_rating(f), f.private)]
        if f.kind == "interim":
            interims, interim_dates = rated, [f.date]
        else:
            finals, final_dates = rated, [f.date]
    elif given:
        rated = [
            RatedFeedback(f, f.date, public_rating(f), f.private)
            for f in sorted(given, key=_by_date)
        ]
        if any(f.kind == "interim" for f in given):
            finals = [r for r in rated if r.record.kind != "interim"]
            interims = [r for r in rated if r.record.kind == "interim"]
        else:
            finals = rated
        final_dates = [r.date for r in finals] if finals else nothing
        interim_dates = [r.date for r in interims] if interims else nothing
    latest = c.started
    ended = c.ended
    if ended is not None and ended > latest:
        latest = ended
    if dates and dates[-1] > latest:
        latest = dates[-1]
    if typed_end is not None and typed_end > latest:
        latest = typed_end
    return ContractFacts(
        c,
        client_flagged,
        dates,
        cum,
        typed,
        typed_end,
        cents(c.refunded) if c.refunded else 0,
        finals,
        final_dates,
        interims,
        interim_dates,
        latest,
    )
