"""Human output of `whatif`, `plan` and `calibrate`, from their report dicts."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from tracker.cli.text import moves_table, number, table
from tracker.engine.calendar import WINDOW_NAMES
from tracker.engine.labels import BADGE_NAMES
from tracker.engine.numbers import dollars, out4
from tracker.engine.results import ScoreReport, Trending, WindowScore

if TYPE_CHECKING:
    from tracker.engine.calibration.fit import Calibration
    from tracker.engine.plan import Plan
    from tracker.engine.whatif import WhatIf
from tracker.engine.calibration.grid import DEFAULTS

PARAMETER_WORDS = {
    "public_positive": "public rating that counts positive",
    "public_neutral": "public rating that counts neutral",
    "neutral_value": "value of a neutral contract",
    "negative_value": "value of a negative contract",
    "anchor": "windows counted from",
    "feedback_wait_days": "days the score waits for feedback",
    "trending": "Trending (mean of 3 and 6 months) as a candidate",
    "clients_over": "two different clients counted over",
}


def signed(value: Fraction | Decimal | float | None, places: int = 1) -> str:
    if value is None:
        return "-"
    text = number(value, places)
    return text if text.startswith("-") else "+" + text


def shown(report: ScoreReport) -> str:
    """'88% (88.1)' or 'hidden'."""
    if report.exact is None:
        return "hidden"
    return f"{report.score}% ({number(report.exact)})"


def whatif_text(r: WhatIf) -> str:
    before, after = r.before, r.after
    change = signed(r.change, 2) if r.change is not None else "no number (hidden on one side)"
    out = [f"What if, on {r.as_of} (rules: {after.rules}): nothing is written", ""]
    rows = [["Estimate", shown(before), shown(after), change]]
    for name in (*reversed(WINDOW_NAMES), "trending"):
        b = before.trending if name == "trending" else before.window(name)
        a = after.trending if name == "trending" else after.window(name)
        moved = ""
        b_score, a_score = out4(b.score), out4(a.score)
        if b_score is not None and a_score is not None:
            # The difference of the two written (4-place) scores, as --json would give it.
            moved = signed(a_score - b_score, 2)
        rows.append([f"  {name}", window_cell(b), window_cell(a), moved])
    for key, label in BADGE_NAMES.items():
        rows.append(
            [label, yes_no(before.badges.named(key).has), yes_no(after.badges.named(key).has), ""]
        )
    out.append(table(["", "before", "after", "change"], rows))
    if before.exact is None:
        out.append(f"Before: {before.hidden_reason}")
    if after.exact is None:
        out.append(f"After: {after.hidden_reason}")
    out.append("")
    if r.causes:
        out.append("Why:")
        out.extend(f"  {signed(c.delta, 2):>8}  {c.text}" for c in r.causes)
    else:
        out.append("Why: no contract counts differently on this day.")
    for line in r.badges_changed:
        out.append(f"  {line}")
    out.append("")
    out.append("After the change, with no new activity:")
    out.append(moves_table(r.forecast_after, "  no change ahead."))
    return "\n".join(out)


def window_cell(window: WindowScore | Trending) -> str:
    if window.score is None:
        return "-"
    return number(window.score) + ("" if window.valid else " (not valid)")


def yes_no(has: bool) -> str:
    return "yes" if has else "no"


def money(value: float) -> str:
    return f"${value:,.2f}"


def percent_and_exact(value: Fraction | None) -> str:
    """'88% (87.5)': the whole score the marketplace would show, and the estimate."""
    return "hidden" if value is None else f"{number(value, 0)}% ({number(value)})"


def plan_text(r: Plan) -> str:
    pace = 30 // r.per_month
    private = f", private {r.private}" if r.private is not None else ""
    now = percent_and_exact(r.score_now)
    amount = money(dollars(r.amount_cents))
    out = [
        f"Target {number(r.target, 0)} by {r.by} (estimate on {r.as_of}: {now})",
        f"Assuming contracts of {amount} ({r.amount_source}),",
        f"  {number(float(r.stars))} stars{private}, {r.per_month} a month (one every {pace} days),"
        f" each for a new client",
        "",
    ]
    out.append(plan_answer(r))
    if not r.reachable:
        if r.hidden_reason_on_by:
            out.append(f"Without them: {r.hidden_reason_on_by}")
        return "\n".join(out)
    if r.contracts_needed == 0:
        return "\n".join(out)
    out.append("")
    private_cell = str(r.private) if r.private is not None else "-"
    rows = [
        [day.isoformat(), amount, number(float(r.stars)), private_cell] for day in r.contract_days
    ]
    out.append(table(["ends", "amount", "stars", "private"], rows))
    return "\n".join(out)


def reaches_now(r: Plan) -> bool:
    """The displayed score on as_of is at the target or above."""
    return r.score_now is not None and float(number(r.score_now, 0)) >= r.target


def plan_answer(r: Plan) -> str:
    """The plan in one sentence: how many contracts, why, when the target is reached and whether
    it holds until `by`; or why it cannot be reached. Never a claim the timeline contradicts."""
    target, by = number(r.target, 0), r.by.isoformat()
    on_by = percent_and_exact(r.score_on_by)
    without_on_by = percent_and_exact(r.score_on_by_without)
    now = percent_and_exact(r.score_now)
    falls = r.below_from_without
    if reaches_now(r) and falls:
        without = f"the score is {now} now but falls below {target} on {falls} with no new work"
    else:
        without = f"with no new work the score is {without_on_by} on {by}"
    if not r.reachable:
        possible = r.contracts_possible
        if possible == 0:
            first = r.as_of + timedelta(days=30 // r.per_month)
            return (
                f"Not reachable by {by}: at {r.per_month} a month the first contract would"
                f" end on {first.isoformat()}, after {by}; {without}."
            )
        every = "the 1 such contract" if possible == 1 else f"all {possible} such contracts"
        return (
            f"Not reachable by {by}: {without}, and even {every} would give"
            f" {percent_and_exact(r.score_with_all)} on {by}."
        )
    n = r.contracts_needed
    reached, below, held = r.reached_on, r.below_from, r.held_from
    if reached == r.as_of and not below:
        path = f"stays at {target} or more until {by} ({on_by} then)"
    elif not below:
        path = f"reaches {target} on {reached} and stays there until {by} ({on_by} then)"
    else:
        start = (
            f"is at {target} or more now"
            if reached == r.as_of
            else f"reaches {target} on {reached}"
        )
        path = (
            f"{start}, falls below it on {below} and is back at {target} or more from {held}"
            f" until {by} ({on_by} then)"
        )
    if n == 0:
        return f"No new contract needed for {target} on {by}: the score {path}."
    return (
        f"{n} contract{'s' if n != 1 else ''} needed for {target} on {by}: {without};"
        f" with {'it' if n == 1 else 'them'} the score {path}."
    )


def parameter_value(name: str, value: Any) -> str:
    if isinstance(value, bool):
        return "on" if value else "off"
    if isinstance(value, str):
        return value.replace("_", " ")
    if name == "feedback_wait_days":
        return str(value)
    return number(float(value), 2)


def calibrate_text(r: Calibration) -> str:
    out = [f"Calibration on {r.snapshots} recorded value{'s' if r.snapshots != 1 else ''}"]
    if r.error_before is not None:
        out.append(f"  Error with the defaults   {number(r.error_before, 2)} points on average")
    if not r.fitted:
        out.append(f"  No fit: {r.reason}.")
        if r.error_fit is not None:
            out.append(
                f"  (the best fit found is off by {number(r.error_fit, 2)} points;"
                f" leave-one-out {number(r.error_loo, 2)})"
            )
        out.extend(marks_text(r))
        return "\n".join(out)
    out.append(f"  Error after the fit       {number(r.error_after, 2)} points")
    out.append(
        f"  Leave-one-out             {number(r.error_loo, 2)} points"
        " (each value predicted by a fit on the others)"
    )
    out.append("  Changed:")
    for name, value in r.parameters.items():
        default = getattr(DEFAULTS, name)
        out.append(
            f"    {PARAMETER_WORDS.get(name, name)}: {parameter_value(name, default)}"
            f" -> {parameter_value(name, value)}"
        )
    if r.saved_as:
        out.append(f"  Saved as rule set '{r.saved_as}': use --rules {r.saved_as}")
    else:
        out.append("  Not saved: add --save NAME to keep it as your own rule set.")
    if r.points:
        out.append("")
        rows = [
            [p.day.isoformat(), str(p.recorded), number(p.default), number(p.fit)] for p in r.points
        ]
        out.append(table(["date", "recorded", "default", "fit"], rows))
    out.extend(marks_text(r))
    return "\n".join(out)


def marks_text(r: Calibration) -> list[str]:
    """The counted marks: how many agree with the model, and each one that does not, with why."""
    if not r.marks.marks:
        return []
    under = "the fit" if r.fitted else "the defaults"
    out = ["", f"Counted marks: {r.marks.agree} of {r.marks.marks} agree with the model ({under})"]
    for d in r.marks.disagreements:
        out.append(f"  {d.day.isoformat()}  {d.reason}")
    return out
