"""Calibration: fit the free parameters to the official values the user recorded.

jss-model.md section 10 and the `calibrate --json` shape of interface.md. The error of a grid
point is the mean over the snapshots of |official estimate on the snapshot's date - recorded
value|, with the rule set in force on each update day plus the parameters (whatever rule set the
user forces elsewhere: a fit describes the marketplace's own eras).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from fractions import Fraction
from typing import Any

from tracker.engine.calendar import last_update_on_or_before
from tracker.engine.calibration.cost import SnapshotErrors
from tracker.engine.calibration.grid import DEFAULTS, Params, changed_parameters
from tracker.engine.calibration.marks import MarksCompared, marks_report
from tracker.engine.calibration.search import GridSearch
from tracker.engine.rules import AUTO, saved_rule_sets
from tracker.records.changes import Change
from tracker.records.model import Log

MIN_SNAPSHOTS = 5
KEEP_IF_BETTER_BY = Fraction(1, 2)

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class CalibrationPoint:
    """One recorded value beside the default and the fitted official estimates of its day."""

    day: date
    recorded: int
    official_on: date | None  # the update day the recorded value comes from
    default: Fraction | None
    fit: Fraction | None  # None without a fit


@dataclass(frozen=True)
class Calibration:
    """`calibrate`: the fit of the free parameters to the recorded values, and the marks.

    Without enough snapshots or without a fit worth keeping, `fitted` is false, `reason` says
    why, `parameters` is empty, `error_after` equals `error_before` (the defaults stay) and nothing
    is saved. `error_loo` is the mean error of each snapshot predicted by the search run on the
    other snapshots. The counted marks are compared under the kept fit, else the defaults.
    `error_fit` and `fit_parameters` are the best fit found, kept or not. Parameters are as a
    saved rule set stores them (numbers or words), by their names in the grid.
    """

    snapshots: int
    fitted: bool
    reason: str | None
    error_before: Fraction | None
    error_after: Fraction | None
    error_loo: Fraction | None
    parameters: Mapping[str, Any]
    saved_as: str | None
    marks: MarksCompared
    error_fit: Fraction | None
    fit_parameters: Mapping[str, Any]
    points: tuple[CalibrationPoint, ...]


def calibrate_report(
    log: Log, save_name: str | None, progress: Progress | None = None
) -> tuple[Calibration, Change | None]:
    """`calibrate`, and the change that saves a kept fit as rule set `save_name`.

    `progress(done, total)` is called as the search goes (one step per anchor rule, wait and
    span of the clients' minimum).
    """
    errors = SnapshotErrors(log)
    count = len(errors.snapshots)
    before = errors.mean(DEFAULTS) if count else None
    nothing = Calibration(
        snapshots=count,
        fitted=False,
        reason=None,
        error_before=before,
        error_after=before,
        error_loo=None,
        parameters={},
        saved_as=None,
        marks=marks_report(errors.estimates, DEFAULTS),
        error_fit=None,
        fit_parameters={},
        points=points(errors, None),
    )
    if count < MIN_SNAPSHOTS:
        reason = f"needs at least {MIN_SNAPSHOTS} recorded values; you have {count}"
        return replace(nothing, reason=reason), None
    assert before is not None
    fit, without_each = GridSearch(errors, log.counted_marks).run(progress)
    fit_error = errors.mean(fit)
    searched = replace(
        nothing,
        error_loo=leave_one_out(errors, without_each),
        error_fit=fit_error,
        fit_parameters=changed_parameters(fit),
        points=points(errors, fit),
    )
    if before - fit_error < KEEP_IF_BETTER_BY:
        return replace(searched, reason="the defaults already fit as well"), None
    kept = replace(
        searched,
        fitted=True,
        error_after=fit_error,
        parameters=changed_parameters(fit),
        marks=marks_report(errors.estimates, fit),
    )
    if save_name is None:
        return kept, None
    return replace(kept, saved_as=save_name), save_change(log, save_name, fit)


def leave_one_out(errors: SnapshotErrors, without_each: list[Params]) -> Fraction:
    """The mean exact error of each snapshot under the fit made without it."""
    missed = sum((errors.errors(fit)[0][i] for i, fit in enumerate(without_each)), Fraction(0))
    return missed / len(errors.snapshots)


def points(errors: SnapshotErrors, fit: Params | None) -> tuple[CalibrationPoint, ...]:
    """Per snapshot: the recorded value beside the default and the fitted official estimates."""
    return tuple(
        CalibrationPoint(
            s.date,
            s.jss,
            last_update_on_or_before(s.date),
            errors.estimates.on_snapshot(s, DEFAULTS),
            errors.estimates.on_snapshot(s, fit) if fit is not None else None,
        )
        for s in errors.snapshots
    )


def save_change(log: Log, name: str, fit: Params) -> Change:
    """The settings change that adds (or replaces) the user's rule set `name`, based on the rule
    set in force on each date, so that `--rules name` selects it and the export carries it."""
    saved = saved_rule_sets(log)
    saved[name] = {"base": AUTO, "parameters": changed_parameters(fit)}
    return Change(label=f"save rule set {name}", settings={"custom_rules": saved})
