"""The `--json` objects of shared/interface.md, made from the engine's typed results.

The one place where exact values become JSON numbers: scores rounded half up to 4 decimals, money
in dollars, days as ISO dates. Key order is the order interface.md lists them in; a value the
engine does not know is written as null, never left out.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from tracker.collector import without_cycle_collection
from tracker.engine.badges import Badge
from tracker.engine.numbers import dollars, iso, one_decimal, out4, whole_percent
from tracker.engine.results import (
    ContractLine,
    Explained,
    Forecast,
    Move,
    ScoreReport,
    Trend,
    TrendPoint,
)

if TYPE_CHECKING:
    from tracker.engine.calibration.fit import Calibration, CalibrationPoint
    from tracker.engine.plan import Plan
    from tracker.engine.whatif import WhatIf

Json = dict[str, Any]


def status(exact: object | None) -> str:
    return "shown" if exact is not None else "hidden"


def number(value: Decimal | None) -> float | None:
    """A value already rounded by the engine (a delta that adds up), as a JSON number."""
    return None if value is None else float(value)


def windows_json(report: ScoreReport) -> Json:
    out: Json = {}
    for w in report.windows:
        out[w.name] = {
            "score": out4(w.score),
            "valid": w.valid,
            "jobs": float(w.jobs),
            "contracts": w.contracts,
            "clients": w.clients,
        }
    out["trending"] = {"score": out4(report.trending.score), "valid": report.trending.valid}
    return out


def badge_json(badge: Badge) -> Json:
    return {"has": badge.has, "missing": list(badge.missing)}


def contract_json(c: ContractLine, written: dict[int, float | None] | None = None) -> Json:
    """One contract line; `written` keeps the numbers of the fractions met so far by identity
    (a report's lines share their weights, tiers and effects: ten thousand lines have a few
    hundred distinct ones, each rounded once), for the lines of one report at a time."""
    return contracts_json((c,), {} if written is None else written)[0]


def contracts_json(lines: tuple[ContractLine, ...], written: dict[int, float | None]) -> list[Json]:
    """Every line as contract_json writes it, each value the lines share written once: the
    numbers by the fractions' identity (see contract_json), the days and the window lists by
    value (ten thousand lines have a few thousand days and a handful of window lists)."""
    days: dict[date | None, str | None] = {None: None}
    window_lists: dict[tuple[str, ...], list[str]] = {}
    out = []
    for c in lines:
        weight, tier, effect = c.weight, c.tier, c.effect
        w = written.get(id(weight))
        if w is None:
            w = written[id(weight)] = float(weight)
        t = written.get(id(tier))
        if t is None:
            t = written[id(tier)] = float(tier)
        e = written.get(id(effect))
        if e is None and effect is not None:
            e = written[id(effect)] = out4(effect)
        anchor = days.get(c.anchor)
        if anchor is None:
            anchor = days[c.anchor] = c.anchor.isoformat()
        ended = c.ended
        if ended in days:
            ended_text = days[ended]
        else:
            ended_text = days[ended] = iso(ended)
        windows = window_lists.get(c.windows)
        if windows is None:
            windows = window_lists[c.windows] = list(c.windows)
        out.append(
            {
                "id": c.id,
                "outcome": c.outcome,
                "reason_code": c.reason_code,
                "reason": c.reason,
                "earned": c.earned_cents / 100,  # dollars(), inlined
                "anchor": anchor,
                "weight": w,
                "tier": t,
                "duration": c.duration,
                "windows": windows,
                "effect": e,
                "title": c.title,
                "client": c.client,
                "kind": c.kind,
                "ended": ended_text,
            }
        )
    return out


@without_cycle_collection
def score_json(r: ScoreReport) -> Json:
    """`score --json` (and `explain --json`): without `next_change`, which only the text shows."""
    exact = r.exact
    stats, badges = r.stats, r.badges
    written: dict[int, float | None] = {}  # see contract_json; the report keeps its fractions
    return {
        "as_of": r.as_of.isoformat(),
        "rules": r.rules,
        "status": status(exact),
        "hidden_reason": r.hidden_reason,
        "score": whole_percent(exact) if exact is not None else None,
        "exact": out4(exact),
        "winner": r.winner,
        # One decimal, rounded half up from the exact value (not from the 4-place float).
        "display": one_decimal(exact) if exact is not None else None,
        "official": out4(r.official),
        "official_score": whole_percent(r.official) if r.official is not None else None,
        "official_on": iso(r.official_on),
        "next_update": r.next_update.isoformat(),
        "windows": windows_json(r),
        "stats": {
            "earnings_12m": dollars(stats.earnings_12m_cents),
            "feedback_average": out4(stats.feedback_average),
            "feedback_average_12m": out4(stats.feedback_average_12m),
            "would_recommend": out4(stats.would_recommend),
            "would_recommend_guessed": stats.would_recommend_guessed,
            "long_term_clients": out4(stats.long_term_clients),
            "recent_holds": stats.recent_holds,
        },
        "badges": {
            "top_rated": badge_json(badges.top_rated),
            "top_rated_plus": badge_json(badges.top_rated_plus),
            "rising_talent": badge_json(badges.rising_talent),
            "weeks_at_top": badges.weeks_at_top,
        },
        "contracts": contracts_json(r.contracts, written),
        "warnings": [
            {
                "contract": w.contract,
                "title": w.title,
                "kind": w.kind,
                "text": w.text,
                "advice": w.advice,
            }
            for w in r.warnings
        ],
    }


@without_cycle_collection
def explained_json(r: Explained) -> Json:
    """`explain --since --json`."""
    return {
        "since": r.since.isoformat(),
        "as_of": r.as_of.isoformat(),
        "before": out4(r.before),
        "after": out4(r.after),
        "change": out4(r.change),
        "winner_before": r.winner_before,
        "winner_after": r.winner_after,
        "rules_before": r.rules_before,
        "rules_after": r.rules_after,
        "status_before": status(r.before),
        "status_after": status(r.after),
        "causes": [
            {
                "contract": c.contract,
                "what": c.what,
                "delta": number(c.delta),
                "text": c.text,
                "date": iso(c.day),
            }
            for c in r.causes
        ],
    }


def move_json(m: Move) -> Json:
    return {
        "date": m.day.isoformat(),
        "before": out4(m.before),
        "after": out4(m.after),
        "score_before": whole_percent(m.before) if m.before is not None else None,
        "score_after": whole_percent(m.after) if m.after is not None else None,
        "status_before": status(m.before),
        "status_after": status(m.after),
        "causes": [{"contract": c.contract, "text": c.text} for c in m.causes],
    }


@without_cycle_collection
def forecast_json(r: Forecast) -> Json:
    """`forecast --json`."""
    return {
        "as_of": r.as_of.isoformat(),
        "until": r.until.isoformat(),
        "changes": [move_json(m) for m in r.moves],
    }


TREND_COLUMNS = ("date", "live", "official", "observed", "invites_per_week", "proposals_per_week")


def point_json(
    p: TrendPoint,
    scores: dict[int, float | None] | None = None,
    rates: dict[int, float | None] | None = None,
) -> Json:
    """One point; `scores` and `rates` as `written` in contract_json (days share their values)."""
    scores = {} if scores is None else scores
    rates = {} if rates is None else rates
    return {
        "date": p.day.isoformat(),
        "live": _written(p.live, scores),
        "official": _written(p.official, scores),
        "observed": p.observed,
        "invites_per_week": _written(p.invites_per_week, rates, float),
        "proposals_per_week": _written(p.proposals_per_week, rates, float),
    }


def _written(
    value: Fraction | None,
    written: dict[int, float | None],
    number_of: Callable[[Fraction], float | None] = out4,
) -> float | None:
    """number_of(value), looked up by the value's identity in `written` first."""
    if value is None:
        return None
    number = written.get(id(value))
    if number is None:
        number = written[id(value)] = number_of(value)
    return number


@without_cycle_collection
def trend_json(r: Trend) -> Json:
    """`trend --json` (and, column by column, `trend --csv`)."""
    # See contract_json: the trend keeps its fractions while these are written.
    scores: dict[int, float | None] = {}
    rates: dict[int, float | None] = {}
    return {"points": [point_json(p, scores, rates) for p in r.points]}


def trend_csv(r: Trend) -> str:
    """`trend --csv`: the columns of `trend --json`, one row a point, empty cells for null."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(TREND_COLUMNS)
    for p in trend_json(r)["points"]:
        writer.writerow(["" if p[c] is None else p[c] for c in TREND_COLUMNS])
    return out.getvalue()


def whatif_json(r: WhatIf) -> Json:
    """`whatif --json`: two `score --json` objects, their change, the forecast after, causes."""
    return {
        "as_of": r.as_of.isoformat(),
        "before": score_json(r.before),
        "after": score_json(r.after),
        "change": out4(r.change),
        "forecast_after": [move_json(m) for m in r.forecast_after],
        "causes": [
            {"contract": c.contract, "what": c.what, "delta": number(c.delta), "text": c.text}
            for c in r.causes
        ],
        "badges_changed": list(r.badges_changed),
    }


def plan_json(r: Plan) -> Json:
    """`plan --json`, with its extensions after the keys interface.md lists."""
    amount = dollars(r.amount_cents)
    stars = float(r.stars)
    return {
        "as_of": r.as_of.isoformat(),
        "target": int(r.target) if r.target.is_integer() else r.target,
        "by": r.by.isoformat(),
        "assumption": {
            "amount": amount,
            "stars": stars,
            "private": r.private,
            "per_month": r.per_month,
        },
        "reachable": r.reachable,
        "contracts_needed": r.contracts_needed,
        "reached_on": iso(r.reached_on),
        "score_on_by": out4(r.score_on_by),
        "contracts": [
            {"ended": day.isoformat(), "amount": amount, "stars": stars, "private": r.private}
            for day in r.contract_days
        ],
        "rules": r.rules,
        "amount_source": r.amount_source,
        "contracts_possible": r.contracts_possible,
        "score_now": out4(r.score_now),
        "score_with_all": out4(r.score_with_all),
        "hidden_reason_on_by": r.hidden_reason_on_by,
        "below_from": iso(r.below_from),
        "held_from": iso(r.held_from),
        "score_on_by_without": out4(r.score_on_by_without),
        "below_from_without": iso(r.below_from_without),
    }


def calibration_point_json(p: CalibrationPoint) -> Json:
    return {
        "date": p.day.isoformat(),
        "recorded": p.recorded,
        "official_on": iso(p.official_on),
        "default": out4(p.default),
        "fit": out4(p.fit),
    }


def calibration_json(r: Calibration) -> Json:
    """`calibrate --json`, with its extensions `error_fit`, `fit_parameters` and `points`."""
    return {
        "snapshots": r.snapshots,
        "fitted": r.fitted,
        "reason": r.reason,
        "error_before": out4(r.error_before),
        "error_after": out4(r.error_after),
        "error_loo": out4(r.error_loo),
        "parameters": dict(r.parameters),
        "saved_as": r.saved_as,
        "counted_agreement": {"marks": r.marks.marks, "agree": r.marks.agree},
        "counted_disagreements": [
            {
                "contract": d.contract,
                "date": d.day.isoformat(),
                "marked": d.marked,
                "model": d.model,
                "reason_code": d.reason_code,
                "reason": d.reason,
            }
            for d in r.marks.disagreements
        ],
        "error_fit": out4(r.error_fit),
        "fit_parameters": dict(r.fit_parameters),
        "points": [calibration_point_json(p) for p in r.points],
    }
