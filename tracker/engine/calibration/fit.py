"""Calibration: fit the free parameters to the official values the user recorded.

jss-model.md section 10 and the `calibrate --json` shape of interface.md. The error of a grid
point is the mean over the snapshots of |official estimate on the snapshot's date - recorded
value|, with the rule set in force on each update day plus the parameters (whatever rule set the
user forces elsewhere: a fit describes the marketplace's own eras).
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from typing import Any

from tracker.engine.calendar import last_update_on_or_before
from tracker.engine.calibration.cost import SnapshotErrors
from tracker.engine.calibration.grid import DEFAULTS, Params, changed_parameters
from tracker.engine.calibration.marks import marks_report
from tracker.engine.calibration.search import GridSearch
from tracker.engine.numbers import iso, out4
from tracker.engine.rules import AUTO, saved_rule_sets
from tracker.records.changes import Change
from tracker.records.model import Log

MIN_SNAPSHOTS = 5
KEEP_IF_BETTER_BY = Fraction(1, 2)

Progress = Callable[[int, int], None]


def calibrate_report(
    log: Log, save_name: str | None, progress: Progress | None = None
) -> tuple[dict[str, Any], Change | None]:
    """`calibrate --json`, and the change that saves a kept fit as rule set `save_name`.

    Without enough snapshots or without a fit worth keeping, `fitted` is false, `reason` says why,
    `parameters` is empty, `error_after` equals `error_before` (the defaults stay) and nothing is
    saved. `error_loo` is the mean error of each snapshot predicted by the search run on the other
    snapshots (the raw search: neither the minimum count nor the 0.5-point rule applies inside it).
    The counted marks are compared under the kept fit, else the defaults, with or without a fit.

    Extensions: `error_fit` (the error of the best fit found, kept or not), `fit_parameters` (its
    changed parameters), and `points` (per snapshot: recorded, default and fit estimates, for the
    chart).

    `progress(done, total)` is called as the search goes (one step per anchor rule, wait and
    span of the clients' minimum).
    """
    errors = SnapshotErrors(log)
    count = len(errors.snapshots)
    before = errors.mean(DEFAULTS) if count else None
    report: dict[str, Any] = {
        "snapshots": count,
        "fitted": False,
        "reason": None,
        "error_before": out4(before),
        "error_after": out4(before),
        "error_loo": None,
        "parameters": {},
        "saved_as": None,
        **marks_report(errors.estimates, DEFAULTS),
        "error_fit": None,
        "fit_parameters": {},
        "points": points(errors, None),
    }
    if count < MIN_SNAPSHOTS:
        report["reason"] = f"needs at least {MIN_SNAPSHOTS} recorded values; you have {count}"
        return report, None
    assert before is not None
    fit, without_each = GridSearch(errors, log.counted_marks).run(progress)
    fit_error = errors.mean(fit)
    report["error_loo"] = out4(leave_one_out(errors, without_each))
    report["error_fit"] = out4(fit_error)
    report["fit_parameters"] = changed_parameters(fit)
    report["points"] = points(errors, fit)
    if before - fit_error < KEEP_IF_BETTER_BY:
        report["reason"] = "the defaults already fit as well"
        return report, None
    report["fitted"] = True
    report["error_after"] = out4(fit_error)
    report["parameters"] = changed_parameters(fit)
    report.update(marks_report(errors.estimates, fit))
    if save_name is None:
        return report, None
    report["saved_as"] = save_name
    return report, save_change(log, save_name, fit)


def leave_one_out(errors: SnapshotErrors, without_each: list[Params]) -> Fraction:
    """The mean exact error of each snapshot under the fit made without it."""
    missed = sum((errors.errors(fit)[0][i] for i, fit in enumerate(without_each)), Fraction(0))
    return missed / len(errors.snapshots)


def points(errors: SnapshotErrors, fit: Params | None) -> list[dict[str, Any]]:
    """Per snapshot: the recorded value beside the default and the fitted official estimates."""
    out = []
    for s in errors.snapshots:
        out.append(
            {
                "date": s.date.isoformat(),
                "recorded": s.jss,
                "official_on": iso(last_update_on_or_before(s.date)),
                "default": out4(errors.estimates.on_snapshot(s, DEFAULTS)),
                "fit": out4(errors.estimates.on_snapshot(s, fit)) if fit is not None else None,
            }
        )
    return out


def save_change(log: Log, name: str, fit: Params) -> Change:
    """The settings change that adds (or replaces) the user's rule set `name`, based on the rule
    set in force on each date, so that `--rules name` selects it and the export carries it."""
    saved = saved_rule_sets(log)
    saved[name] = {"base": AUTO, "parameters": changed_parameters(fit)}
    return Change(label=f"save rule set {name}", settings={"custom_rules": saved})
