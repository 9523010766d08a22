"""The engine's answers as plain dicts, in the exact shapes of shared/interface.md.

The command line prints them as JSON; the window reads the same dicts.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable
from datetime import date, timedelta
from fractions import Fraction
from itertools import accumulate
from typing import Any

from tracker.engine.badges import Badge, badges_on
from tracker.engine.calendar import (
    ONE_DAY,
    WINDOW_NAMES,
    add_months,
    last_update_on_or_before,
    next_update_after,
    update_days,
)
from tracker.engine.explain import explain_between
from tracker.engine.forecast import Move, forecast
from tracker.engine.numbers import dollars, iso, one_decimal, out4, round_fraction, whole_percent
from tracker.engine.rules import RuleChoice, resolve
from tracker.engine.score import Evaluation, LogIndex, estimate_on, evaluate
from tracker.engine.stats import stats_on
from tracker.engine.texts import reason_text
from tracker.engine.timeline import sweep
from tracker.engine.warnings import warnings_on
from tracker.engine.windows import Estimate
from tracker.records.model import Log


def official_estimate(
    index: LogIndex, day: date, choice: RuleChoice
) -> tuple[Estimate | None, date | None]:
    """The official value on `day`: the estimate on the last update day (None before the first)."""
    update = last_update_on_or_before(day)
    if update is None:
        return None, None
    return estimate_on(index, update, choice), update


def windows_dict(estimate: Estimate) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in WINDOW_NAMES:
        w = estimate.windows[name]
        out[name] = {
            "score": out4(w.score),
            "valid": w.valid,
            "jobs": w.jobs_quarters / 4,
            "contracts": w.contracts,
            "clients": w.clients,
        }
    out["trending"] = {"score": out4(estimate.trending), "valid": estimate.trending_valid}
    return out


def estimate_fields(estimate: Estimate) -> dict[str, Any]:
    exact = estimate.exact
    return {
        "status": "shown" if exact is not None else "hidden",
        "hidden_reason": estimate.hidden_reason,
        "score": whole_percent(exact) if exact is not None else None,
        "exact": out4(exact),
        "winner": estimate.winner,
        # One decimal, rounded half up from the exact value (not from the 4-place float).
        "display": one_decimal(exact) if exact is not None else None,
    }


def badge_dict(badge: Badge) -> dict[str, Any]:
    return {"has": badge.has, "missing": list(badge.missing)}


def contract_rows(evaluation: Evaluation) -> list[dict[str, Any]]:
    rows = []
    rules = evaluation.rules
    for cid, state in evaluation.states.items():
        c = evaluation.index.by_id[cid].contract
        ws = evaluation.windows[cid]
        rows.append(
            {
                "id": cid,
                "outcome": state.outcome,
                "reason_code": state.reason_code,
                "reason": reason_text(c, state, rules) if rules else "",
                "earned": dollars(state.earned_cents),
                "anchor": state.anchor.isoformat(),
                "weight": state.weight_quarters / 4,
                "tier": state.tier_quarters / 4,
                "duration": state.duration,
                "windows": [WINDOW_NAMES[w] for w in ws],
                "effect": out4(evaluation.effect(cid)),
                "title": c.title,
                "client": c.client,
                "kind": c.kind,
                "ended": iso(c.ended if state.ended else None),
            }
        )
    rows.sort(key=lambda r: str(r["id"]))
    rows.sort(key=lambda r: str(r["anchor"]), reverse=True)
    return rows


def score_report(
    log: Log, as_of: date, rules: str | None = None, *, with_next_change: bool = True
) -> dict[str, Any]:
    """`score --json`, plus `warnings`, `next_change` and `official_on`."""
    choice = resolve(log, rules)
    index = LogIndex.of(log)
    evaluation = evaluate(index, as_of, choice)
    official, official_on = (
        (evaluation.estimate, as_of)
        if last_update_on_or_before(as_of) == as_of
        else official_estimate(index, as_of, choice)
    )
    stats = stats_on(evaluation)
    badges = badges_on(evaluation, choice, stats)
    report: dict[str, Any] = {
        "as_of": as_of.isoformat(),
        "rules": evaluation.rules_name or choice.name,
    }
    report.update(estimate_fields(evaluation.estimate))
    report["official"] = out4(official.exact) if official is not None else None
    report["official_score"] = (
        whole_percent(official.exact)
        if official is not None and official.exact is not None
        else None
    )
    report["official_on"] = iso(official_on)
    report["next_update"] = next_update_after(as_of).isoformat()
    report["windows"] = windows_dict(evaluation.estimate)
    report["stats"] = {
        "earnings_12m": dollars(stats.earnings_12m_cents),
        "feedback_average": out4(stats.feedback_average),
        "feedback_average_12m": out4(stats.feedback_average_12m),
        "would_recommend": out4(stats.would_recommend),
        "would_recommend_guessed": stats.would_recommend_guessed,
        "long_term_clients": out4(stats.long_term_clients),
        "recent_holds": stats.recent_holds,
    }
    report["badges"] = {
        "top_rated": badge_dict(badges.top_rated),
        "top_rated_plus": badge_dict(badges.top_rated_plus),
        "rising_talent": badge_dict(badges.rising_talent),
        "weeks_at_top": badges.weeks_at_top,
    }
    report["contracts"] = contract_rows(evaluation)
    report["warnings"] = [
        {
            "contract": w.contract,
            "title": w.title,
            "kind": w.kind,
            "text": w.text,
            "advice": w.advice,
        }
        for w in warnings_on(evaluation)
    ]
    if with_next_change:
        moves = forecast(log, as_of, choice).moves
        report["next_change"] = move_dict(moves[0]) if moves else None
    return report


def rounded_deltas(deltas: list[Fraction], total: Fraction) -> list[float]:
    """Deltas rounded to 4 places that add up to the rounded total (the largest takes the rest)."""
    rounded = [round_fraction(d, 4) for d in deltas]
    rest = round_fraction(total, 4) - sum(rounded)
    if rest and rounded:
        biggest = max(range(len(deltas)), key=lambda i: abs(deltas[i]))
        rounded[biggest] += rest
    return [float(r) for r in rounded]


def explain_since_report(
    log: Log, since: date, as_of: date, rules: str | None = None
) -> dict[str, Any]:
    """`explain --since --json`."""
    choice = resolve(log, rules)
    result = explain_between(LogIndex.of(log), choice, since, as_of)
    change = result.change
    deltas: list[float | None]
    if change is None:
        deltas = [None] * len(result.causes)
    else:
        deltas = list(rounded_deltas([c.delta or Fraction(0) for c in result.causes], change))
    return {
        "since": since.isoformat(),
        "as_of": as_of.isoformat(),
        "before": out4(result.before.exact),
        "after": out4(result.after.exact),
        "change": out4(change),
        "winner_before": result.before.winner,
        "winner_after": result.after.winner,
        "rules_before": result.rules_before,
        "rules_after": result.rules_after,
        "status_before": "shown" if result.before.shown else "hidden",
        "status_after": "shown" if result.after.shown else "hidden",
        "causes": [
            {"contract": c.contract, "what": c.what, "delta": d, "text": c.text, "date": iso(c.day)}
            for c, d in zip(result.causes, deltas, strict=False)
        ],
    }


def move_dict(move: Move) -> dict[str, Any]:
    b, a = move.before, move.after
    return {
        "date": move.day.isoformat(),
        "before": out4(b.exact),
        "after": out4(a.exact),
        "score_before": whole_percent(b.exact) if b.exact is not None else None,
        "score_after": whole_percent(a.exact) if a.exact is not None else None,
        "status_before": "shown" if b.shown else "hidden",
        "status_after": "shown" if a.shown else "hidden",
        "causes": [{"contract": cid, "text": text} for cid, text in move.causes],
    }


def forecast_report(
    log: Log, as_of: date, until: date | None = None, rules: str | None = None
) -> dict[str, Any]:
    """`forecast --json`."""
    result = forecast(log, as_of, resolve(log, rules), until)
    return {
        "as_of": as_of.isoformat(),
        "until": result.until.isoformat(),
        "changes": [move_dict(m) for m in result.moves],
    }


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


class DailyCounts:
    """Records per day, with running totals, so a 28-day rate is two bisections."""

    def __init__(self, counts: list[tuple[date, int]]) -> None:
        self.days = [d for d, _ in counts]
        self.totals = [0, *accumulate(n for _, n in counts)]

    def per_week(self, day: date) -> float:
        """Records dated in (day - 28 days, day], divided by 4."""
        upto = self.totals[bisect_right(self.days, day)]
        before = self.totals[bisect_right(self.days, day - timedelta(days=28))]
        return (upto - before) / 4


def trend_report(
    log: Log,
    start: date,
    end: date,
    step: str = "day",
    rules: str | None = None,
    invite_counts: list[tuple[date, int]] | None = None,
    proposal_counts: list[tuple[date, int]] | None = None,
) -> dict[str, Any]:
    """`trend --json`: live, official, observed and the invite and proposal rates per point."""
    choice = resolve(log, rules)
    index = LogIndex.of(log)
    days = trend_days(start, end, step)
    points: list[dict[str, Any]] = []
    if not days:
        return {"points": points}
    first_update = last_update_on_or_before(days[0])
    sweep_from = min(days[0], first_update) if first_update else days[0]
    series = sweep(index, choice, sweep_from, days[-1])
    # The rates need only how many records each day has; a caller that counted them passes them.
    invites = DailyCounts(invite_counts or counts_by_day(i.date for i in log.invites))
    proposals = DailyCounts(proposal_counts or counts_by_day(p.date for p in log.proposals))
    snapshots = sorted((s.date, s.jss) for s in log.snapshots)
    snapshot_days = [d for d, _ in snapshots]
    previous = None
    for day in days:
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
            {
                "date": day.isoformat(),
                "live": out4(live.exact),
                "official": out4(official),
                "observed": observed,
                "invites_per_week": invites.per_week(day),
                "proposals_per_week": proposals.per_week(day),
            }
        )
        previous = day
    return {"points": points}


def default_trend_start(end: date) -> date:
    return add_months(end, -24)
