"""The calibration's sentences, from `calibrate_report`: typed results in, plain words out."""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import Any

from tracker.cli.text_planning import PARAMETER_WORDS, parameter_value
from tracker.engine.calibration.fit import MIN_SNAPSHOTS, Calibration
from tracker.engine.calibration.grid import DEFAULTS
from tracker.engine.numbers import out4
from tracker.engine.rules import AUTO, ERA_BY_NAME
from tracker.engine.texts import plural
from tracker.records.model import Log
from ui.wording import long_date

DEFAULT_NAME = "my-fit"
THRESHOLDS_NAME = "my-thresholds"  # the Model page's own thresholds live under this name


def points_text(value: Fraction | None) -> str:
    """'0.32 points' (the mean distance to the recorded values), from its 4 places."""
    written = out4(value)
    return "\u2013" if written is None else f"{written:.2f} points"


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
        "then tries every combination of seven assumptions (Trending among them) to match. "
        "Nothing changes until you save the fit."
    )


def can_fit(log: Log) -> bool:
    return len(log.snapshots) >= MIN_SNAPSHOTS


def summary(report: Calibration) -> str:
    """One sentence on how well the estimate matches the record, before and after the fit."""
    if report.error_before is None or report.error_fit is None:
        reason = report.reason or "no fit"
        return reason[0].upper() + reason[1:] + "."
    before = points_text(report.error_before)
    if not report.fitted:
        return (
            f"The defaults already fit as well: the estimate is off by {before} on average, and "
            f"the best fit found would be off by {points_text(report.error_fit)}. "
            "The defaults stay."
        )
    return (
        f"The fit brings the estimate from {before} off your recorded values to "
        f"{points_text(report.error_after)} on average. Predicting each value from a fit on "
        f"the others, it is off by {points_text(report.error_loo)}: that is what to expect of "
        "the next one."
    )


def error_figures(report: Calibration) -> list[tuple[str, str, str]]:
    """(name, value, what it means) for the three errors."""
    return [
        ("With the defaults", points_text(report.error_before), "on average, as it is now"),
        (
            "After the fit",
            points_text(report.error_after if report.fitted else report.error_fit),
            "kept: 0.5 or more better" if report.fitted else "not kept: less than 0.5 better",
        ),
        (
            "A new recorded value",
            points_text(report.error_loo),
            "how far off it is likely to be (each value predicted by a fit on the others)",
        ),
    ]


def changed_by(report: Calibration) -> Mapping[str, Any]:
    """The parameters the kept fit changes, else those the best fit found would change."""
    return report.parameters if report.fitted else report.fit_parameters


def parameter_lines(report: Calibration) -> list[str]:
    """'value of a neutral contract: 0.50 -> 1.00' for each parameter the fit changes."""
    changed = changed_by(report)
    out = []
    for name, value in changed.items():
        default = getattr(DEFAULTS, name)
        out.append(
            f"{PARAMETER_WORDS.get(name, name)}: {parameter_value(name, default)} \u2192 "
            f"{parameter_value(name, value)}"
        )
    return out


def stars(value: Fraction) -> str:
    """4.8 -> '4.8', 4.85 -> '4.85', 5 -> '5.0'."""
    text = f"{float(value):.2f}".rstrip("0")
    return text + "0" if text.endswith(".") else text


STEP = Fraction(1, 20)


def parameter_sentences(report: Calibration) -> list[str]:
    """What each parameter the fit moves means, in words ("a 4.8-star review counts as neutral,
    not positive")."""
    changed = changed_by(report)
    out = []
    for name, value in changed.items():
        out.append(parameter_sentence(name, value))
    return out


def parameter_sentence(name: str, value: Any) -> str:
    default = getattr(DEFAULTS, name)
    if name in ("public_positive", "public_neutral"):
        new = Fraction(str(value))
        positive = name == "public_positive"
        upper, lower = ("positive", "neutral") if positive else ("neutral", "negative")
        if new > default:
            below = new - STEP
            span = stars(default) if below == default else f"{stars(default)} to {stars(below)}"
            return (
                f"a {span}-star review counts as {lower}, not {upper} ({upper} now needs "
                f"{stars(new)} stars)"
            )
        above = default - STEP
        span = stars(new) if above == new else f"{stars(new)} to {stars(above)}"
        return (
            f"a {span}-star review counts as {upper}, not {lower} ({upper} now needs "
            f"{stars(new)} stars)"
        )
    if name == "neutral_value":
        return (
            f"a neutral contract is worth {float(value):.2f} of a positive one, "
            f"not {float(default):.2f}"
        )
    if name == "negative_value":
        return (
            f"a negative contract is worth {float(value):.2f}, not {float(default):.2f}: it takes "
            "points away instead of only adding none"
        )
    if name == "anchor":
        return "a contract's windows are counted from its end, not from its last activity"
    if name == "feedback_wait_days":
        return f"after a contract ends, the score waits {value} days for feedback, not {default}"
    if name == "trending":
        return (
            "Trending (the mean of the 3- and 6-month scores) is no longer a candidate: the "
            "best of the 6-, 12- and 24-month scores is shown"
        )
    if name == "clients_over":
        return (
            "the two different clients a score needs are counted ever (lifetime), not only in "
            "the last 24 months"
        )
    return f"{name}: {default} \u2192 {value}"


def estimate_text(before: float | None, after: float | None) -> str:
    """'The estimate today: 93.2 with the defaults, 95.0 with the fit.'"""

    def shown(value: float | None) -> str:
        return "hidden" if value is None else f"{value:.1f}"

    return f"The estimate today: {shown(before)} with the defaults, {shown(after)} with the fit."


def marks_lines(report: Calibration) -> tuple[str, list[str]]:
    """The counted marks: how many agree with the model, and each disagreement with why."""
    agreement = report.marks
    if not agreement.marks:
        return (
            "No counted marks yet. Mark contracts as the marketplace's Job Success insights page "
            "lists them (on a contract's panel, or the Counted marks page) to compare.",
            [],
        )
    under = "the fit" if report.fitted else "the defaults"
    verb = "agrees" if agreement.marks == 1 else "agree"  # "0 of 1 mark agrees"
    head = f"{agreement.agree} of {plural(agreement.marks, 'mark')} {verb} with {under}."
    lines = [f"{long_date(d.day)}: {d.reason}" for d in agreement.disagreements]
    return head, lines


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
