"""The engine's answers to each report, as the typed values of tracker.engine.results.

The command line writes them as JSON (tracker.cli.json_out) or as tables; the window reads the
same values.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterable
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache
from itertools import accumulate, pairwise
from operator import attrgetter, sub
from typing import TYPE_CHECKING

from tracker.collector import without_cycle_collection
from tracker.engine.badges import badges_on
from tracker.engine.calendar import (
    ONE_DAY,
    WINDOW_NAMES,
    add_months,
    last_update_on_or_before,
    next_update_after,
    update_days,
)
from tracker.engine.numbers import round_fraction
from tracker.engine.outcome import ContractState
from tracker.engine.results import (
    Cause,
    ContractLine,
    Explained,
    Forecast,
    Move,
    MoveCause,
    ScoreReport,
    Trend,
    Trending,
    TrendPoint,
    WindowScore,
)
from tracker.engine.rules import RuleChoice, resolve
from tracker.engine.score import Evaluation, LogIndex, estimate_on, evaluate
from tracker.engine.stats import stats_on
from tracker.engine.texts import feedback_text, reason_text
from tracker.engine.timeline import sweep
from tracker.engine.warnings import warnings_on
from tracker.engine.windows import Estimate
from tracker.records.model import Contract, Invite, Log, Proposal

if TYPE_CHECKING:
    from tracker.engine.forecast import Move as ForecastMove

# explain and forecast are imported by the reports that use them: `score --json` needs neither,
# and their classes cost a fresh process a few milliseconds to make.


def official_estimate(
    index: LogIndex, day: date, choice: RuleChoice
) -> tuple[Estimate | None, date | None]:
    """The official value on `day`: the estimate on the last update day (None before the first)."""
    update = last_update_on_or_before(day)
    if update is None:
        return None, None
    return estimate_on(index, update, choice), update


def window_scores(estimate: Estimate) -> tuple[WindowScore, ...]:
    """The four windows, in WINDOW_NAMES order, with their jobs in quarters made a fraction."""
    scores = []
    for name in WINDOW_NAMES:
        w = estimate.windows[name]
        jobs = Fraction(w.jobs_quarters, 4)
        scores.append(WindowScore(name, w.score, w.valid, jobs, w.contracts, w.clients))
    return tuple(scores)


def contract_lines(evaluation: Evaluation) -> tuple[ContractLine, ...]:
    """Every contract started by the day, the latest anchor first (then by id)."""
    rows = []
    rules = evaluation.rules
    effects = evaluation.effects()
    by_id, windows = evaluation.index.by_id, evaluation.windows
    # Ten thousand lines share a few hundred reasons, weights, tiers and window names: each
    # made once (the reason by what its words depend on; a feedback's words are cached by theirs).
    reasons: dict[tuple[str, object], str] = {}
    fractions: dict[int, Fraction] = {}
    names_of = _window_names
    line = ContractLine
    for cid, state in evaluation.states.items():
        c = by_id[cid].contract
        ws = windows[cid]
        names = names_of.get(ws)
        if names is None:
            names = names_of[ws] = tuple(WINDOW_NAMES[w] for w in ws)
        reason = ""
        if rules:
            code = state.reason_code
            if code == "feedback":
                assert state.feedback is not None
                reason = feedback_text(state.feedback)
            else:
                key = (code, _REASON_DEPENDS_ON.get(code, _outcome)(c, state))
                known = reasons.get(key)
                if known is None:
                    known = reasons[key] = reason_text(c, state, rules)
                reason = known
        q = state.weight_quarters
        weight = fractions.get(q)
        if weight is None:
            weight = fractions[q] = quarters(q)
        q = state.tier_quarters
        tier = fractions.get(q)
        if tier is None:
            tier = fractions[q] = quarters(q)
        rows.append(
            line(
                cid,
                state.outcome,
                state.reason_code,
                reason,
                state.earned_cents,
                state.anchor,
                weight,
                tier,
                state.duration,
                names,
                effects[cid],
                c.title,
                c.client,
                c.kind,
                c.ended if state.ended else None,
            )
        )
    if any(a.id > b.id for a, b in pairwise(rows)):  # an evaluation's states come by id
        rows.sort(key=attrgetter("id"))
    rows.sort(key=attrgetter("anchor"), reverse=True)
    return tuple(rows)


def _outcome(c: Contract, state: ContractState) -> object:
    return state.outcome


# What a reason's words depend on besides its code (reason_text), else the outcome.
_REASON_DEPENDS_ON: dict[str, Callable[[Contract, ContractState], object]] = {
    "dormant": lambda c, state: state.days_idle,
    "blamed": lambda c, state: c.end_reason,
    "long_term": lambda c, state: state.paid_span_days,
}

# A contract's windows by their names, by the windows' indices (a handful of tuples in all).
_window_names: dict[tuple[int, ...], tuple[str, ...]] = {}


@lru_cache(maxsize=4096)
def quarters(count: int) -> Fraction:
    """`count` quarters as a fraction (weights, tiers, weekly rates: a few small counts, shared)."""
    return Fraction(count, 4)


@without_cycle_collection
def score_report(
    log: Log,
    as_of: date,
    rules: str | None = None,
    *,
    with_next_change: bool = True,
    with_contracts: bool = True,
) -> ScoreReport:
    """`score`, with the warnings, the official value and (when asked) the next change.

    with_contracts=False leaves `contracts` empty: a line per contract is the costliest part of
    the report, and a reader that shows the estimate only (the window's Overview after an edit,
    an import's before and after) asks contract_lines_report when it needs them.
    """
    choice = resolve(log, rules)
    index = LogIndex.of(log)
    evaluation = evaluate(index, as_of, choice)
    official, official_on = (
        (evaluation.estimate, as_of)
        if last_update_on_or_before(as_of) == as_of
        else official_estimate(index, as_of, choice)
    )
    stats = stats_on(evaluation)
    estimate = evaluation.estimate
    next_change = None
    if with_next_change:
        from tracker.engine.forecast import forecast

        moves = forecast(log, as_of, choice).moves
        next_change = move_of(moves[0]) if moves else None
    return ScoreReport(
        as_of=as_of,
        rules=evaluation.rules_name or choice.name,
        exact=estimate.exact,
        winner=estimate.winner,
        hidden_reason=estimate.hidden_reason,
        official=official.exact if official is not None else None,
        official_on=official_on,
        next_update=next_update_after(as_of),
        windows=window_scores(estimate),
        trending=Trending(estimate.trending, estimate.trending_valid),
        stats=stats,
        badges=badges_on(evaluation, choice, stats),
        contracts=contract_lines(evaluation) if with_contracts else (),
        warnings=tuple(warnings_on(evaluation)),
        next_change=next_change,
    )


@without_cycle_collection
def contract_lines_report(
    log: Log, as_of: date, rules: str | None = None
) -> tuple[ContractLine, ...]:
    """score_report's `contracts` alone."""
    return contract_lines(evaluate(LogIndex.of(log), as_of, resolve(log, rules)))


def rounded_deltas(deltas: list[Fraction], total: Fraction) -> list[Decimal]:
    """Deltas rounded to 4 places that add up to the rounded total (the largest takes the rest)."""
    rounded = [round_fraction(d, 4) for d in deltas]
    rest = round_fraction(total, 4) - sum(rounded)
    if rest and rounded:
        biggest = max(range(len(deltas)), key=lambda i: abs(deltas[i]))
        rounded[biggest] += rest
    return rounded


@without_cycle_collection
def explain_since_report(log: Log, since: date, as_of: date, rules: str | None = None) -> Explained:
    """`explain --since`."""
    from tracker.engine.explain import explain_between

    choice = resolve(log, rules)
    result = explain_between(LogIndex.of(log), choice, since, as_of)
    change = result.change
    deltas: list[Decimal | None]
    if change is None:
        deltas = [None] * len(result.causes)
    else:
        deltas = list(rounded_deltas([c.delta or Fraction(0) for c in result.causes], change))
    return Explained(
        since=since,
        as_of=as_of,
        before=result.before.exact,
        after=result.after.exact,
        winner_before=result.before.winner,
        winner_after=result.after.winner,
        rules_before=result.rules_before,
        rules_after=result.rules_after,
        causes=tuple(
            Cause(c.contract, c.what, d, c.text, c.day)
            for c, d in zip(result.causes, deltas, strict=False)
        ),
    )


def move_of(move: ForecastMove) -> Move:
    return Move(
        move.day,
        move.before.exact,
        move.after.exact,
        tuple(MoveCause(cid, text) for cid, text in move.causes),
    )


@without_cycle_collection
def forecast_report(
    log: Log, as_of: date, until: date | None = None, rules: str | None = None
) -> Forecast:
    """`forecast`."""
    from tracker.engine.forecast import forecast

    result = forecast(log, as_of, resolve(log, rules), until)
    return Forecast(as_of, result.until, tuple(move_of(m) for m in result.moves))


def trend_days(start: date, end: date, step: str) -> list[date]:
    if step == "update":
        return update_days(start, end)
    stride = timedelta(days=7 if step == "week" else 1)
    days, day = [], start
    while day <= end:
        days.append(day)
        day += stride
    return days


def counts_by_day(days: Iterable[date]) -> list[tuple[date, int]]:
    return sorted(Counter(days).items())


def dated_counts(records: tuple[Invite, ...] | tuple[Proposal, ...]) -> DailyCounts:
    """The records' DailyCounts, kept for equal tuples of records.

    An edit to a contract makes a new log whose invites and proposals are new tuples of the very
    same records: comparing them with the kept tuple takes a quick pass (each element is found
    identical before it is compared), where counting 10,000 invites again took a millisecond and
    more for every trend the window draws after the edit. The kept tuple is held with its counts,
    so a count is never served for records that changed.
    """
    for kept, counts in _dated_counts:
        if kept is records or kept == records:
            return counts
    counts = DailyCounts(counts_by_day(r.date for r in records))
    _dated_counts.append((records, counts))
    if len(_dated_counts) > KEPT_COUNTS:
        del _dated_counts[0]
    return counts


class DailyCounts:
    """Records per day, with running totals, so a 28-day rate is two bisections."""

    def __init__(self, counts: list[tuple[date, int]]) -> None:
        self.days = [d for d, _ in counts]
        self.totals = [0, *accumulate(n for _, n in counts)]

    def per_week_on(self, days: list[date]) -> list[Fraction]:
        """For each of `days`, the records dated in (day - 28 days, day], divided by 4."""
        known, totals = self.days, self.totals
        upto = [totals[bisect_right(known, day)] for day in days]
        before = [totals[bisect_right(known, day - RATE_SPAN)] for day in days]
        return list(map(quarters, map(sub, upto, before)))


RATE_SPAN = timedelta(days=28)
# The counts of the last few tuples of records: the log's invites and proposals, and a what-if
# sandbox's beside them.
_dated_counts: list[tuple[tuple[Invite, ...] | tuple[Proposal, ...], DailyCounts]] = []
KEPT_COUNTS = 4


@without_cycle_collection
def trend_report(
    log: Log,
    start: date,
    end: date,
    step: str = "day",
    rules: str | None = None,
    invite_counts: list[tuple[date, int]] | None = None,
    proposal_counts: list[tuple[date, int]] | None = None,
) -> Trend:
    """`trend`: live, official, observed and the invite and proposal rates per point.

    A caller that counted the invites and proposals per day (the command line asks the database,
    which never reads the records) passes the counts; else the log's records are counted, once
    for the same records."""
    choice = resolve(log, rules)
    index = LogIndex.of(log)
    days = trend_days(start, end, step)
    points: list[TrendPoint] = []
    if not days:
        return Trend(())
    first_update = last_update_on_or_before(days[0])
    sweep_from = min(days[0], first_update) if first_update else days[0]
    series = sweep(index, choice, sweep_from, days[-1])
    # The rates need only how many records each day has.
    invites = DailyCounts(invite_counts) if invite_counts else dated_counts(log.invites)
    proposals = DailyCounts(proposal_counts) if proposal_counts else dated_counts(log.proposals)
    invite_rates, proposal_rates = invites.per_week_on(days), proposals.per_week_on(days)
    snapshots = sorted((s.date, s.jss) for s in log.snapshots)
    snapshot_days = [d for d, _ in snapshots]
    previous = None
    for day, invite_rate, proposal_rate in zip(days, invite_rates, proposal_rates, strict=True):
        if previous is None:
            previous = {"day": day - ONE_DAY, "week": day - timedelta(days=7)}.get(
                step, (last_update_on_or_before(day - ONE_DAY) or day - ONE_DAY)
            )
        live = series.on(day)
        update = last_update_on_or_before(day)
        official = series.on(update).exact if update is not None else None
        k = bisect_right(snapshot_days, day)
        observed = snapshots[k - 1][1] if k and snapshot_days[k - 1] > previous else None
        points.append(
            TrendPoint(
                day,
                live.exact,
                official,
                observed,
                invite_rate,
                proposal_rate,
            )
        )
        previous = day
    return Trend(tuple(points))


def default_trend_start(end: date) -> date:
    return add_months(end, -24)
