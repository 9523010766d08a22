"""The calibration's sentences, from `calibrate_report`: plain data in, plain words out."""

from __future__ import annotations

from typing import Any

from tracker.cli_text_planning import PARAMETER_WORDS, parameter_value
from tracker.engine.calibrate import MIN_SNAPSHOTS
from tracker.engine.calibrate_grid import DEFAULTS
from tracker.engine.rules import AUTO, ERA_BY_NAME
from tracker.model import Log
from ui.wording import long_date, plural

DEFAULT_NAME = "my-fit"
THRESHOLDS_NAME = "my-thresholds"  # the Model page's own thresholds live under this name


def points_text(value: float | None) -> str:
    """'0.32 points' (the mean distance to the recorded values)."""
    return "\u2013" if value is None else f"{value:.2f} points"


def before_run(log: Log) -> str:
    """What a fit will use, or what it still needs."""
    count = len(log.snapshots)
    if count < MIN_SNAPSHOTS:
        return (
            f"A fit needs at least {MIN_SNAPSHOTS} recorded values; you have {count}. Record the "
            "Job Success the marketplace shows you on the Snapshots page, on different update "
            f"days, until there are {MIN_SNAPSHOTS}."
        )
    days = sorted(s.date for s in log.snapshots)
    return (
        f"{plural(count, 'recorded value')}, from {long_date(days[0])} to {long_date(days[-1])}. "
        "Repute compares its official estimate on each of those days with what you recorded, "
        "then tunes six assumptions to match. Nothing changes until you save the fit."
    )


def can_fit(log: Log) -> bool:
    return len(log.snapshots) >= MIN_SNAPSHOTS


def summary(report: dict[str, Any]) -> str:
    """One sentence on how well the estimate matches the record, before and after the fit."""
    if report["error_before"] is None or report.get("error_fit") is None:
        reason = report.get("reason") or "no fit"
        return reason[0].upper() + reason[1:] + "."
    before = points_text(report["error_before"])
    if not report["fitted"]:
        return (
            f"The defaults already fit as well: the estimate is off by {before} on average, and "
            f"the best fit found would be off by {points_text(report['error_fit'])}. "
            "The defaults stay."
        )
    return (
        f"The fit brings the estimate from {before} off your recorded values to "
        f"{points_text(report['error_after'])} on average. Predicting each value from a fit on "
        f"the others, it is off by {points_text(report['error_loo'])}: that is what to expect of "
        "the next one."
    )


def error_figures(report: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(name, value, what it means) for the three errors."""
    return [
        ("With the defaults", points_text(report["error_before"]), "on average, as it is now"),
        (
            "After the fit",
            points_text(report["error_after"] if report["fitted"] else report.get("error_fit")),
            "kept: 0.5 or more better" if report["fitted"] else "not kept: less than 0.5 better",
        ),
        (
            "Leave-one-out",
            points_text(report.get("error_loo")),
            "each value predicted by a fit on the others",
        ),
    ]


def parameter_lines(report: dict[str, Any]) -> list[str]:
    """'value of a neutral contract: 0.50 -> 1.00' for each parameter the fit changes."""
    changed = report["parameters"] if report["fitted"] else report.get("fit_parameters") or {}
    out = []
    for name, value in changed.items():
        default = getattr(DEFAULTS, name)
        out.append(
            f"{PARAMETER_WORDS.get(name, name)}: {parameter_value(name, default)} \u2192 "
            f"{parameter_value(name, value)}"
        )
    return out


def name_problem(name: str) -> str | None:
    """Why a rule set cannot have this name (None: it can)."""
    if not name.strip():
        return "give the rule set a name"
    if name != name.strip():
        return "the name cannot begin or end with a space"
    if name == AUTO or name in ERA_BY_NAME:
        return f"'{name}' is a built-in rule set; choose a name of your own"
    if name == THRESHOLDS_NAME:
        return f"'{name}' holds the thresholds of the Model page; choose another name"
    return None
