"""Counted marks: the marketplace's own list of the jobs that count, compared with the model.

jss-model.md section 10 (Counted marks). The model counts a contract on a date when its outcome
there is anything but excluded, under the rule set in force on that date plus the parameters.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tracker.engine.calibration.cost import OfficialEstimates
from tracker.engine.calibration.grid import Params
from tracker.engine.outcome import EXCLUDED, contract_state
from tracker.engine.rules import NO_SCORE_BEFORE
from tracker.engine.texts import reason_text, title_of
from tracker.records.model import CountedMark


@dataclass(frozen=True)
class Disagreement:
    """A counted mark the model decides otherwise, with why."""

    contract: str
    day: date
    marked: bool  # counted on the marketplace's list
    model: bool  # counted by the model
    reason_code: str
    reason: str


@dataclass(frozen=True)
class MarksCompared:
    """How many counted marks there are, how many the model agrees with, and the others."""

    marks: int
    agree: int
    disagreements: tuple[Disagreement, ...]


def marks_report(estimates: OfficialEstimates, params: Params) -> MarksCompared:
    """The counted marks compared with the model under `params`."""
    marks = sorted(estimates.index.log.counted_marks, key=lambda m: (m.date, m.contract))
    agree = 0
    disagreements = []
    for mark in marks:
        model, code, why = model_decision(estimates, mark, params)
        if model == mark.counted:
            agree += 1
            continue
        contract = estimates.index.by_id[mark.contract].contract
        there = "counts there" if mark.counted else "does not count there"
        verdict = "counts it" if model else "excludes it"
        disagreements.append(
            Disagreement(
                mark.contract,
                mark.date,
                mark.counted,
                model,
                code,
                f"{title_of(contract)} {there}; the model {verdict}: {why}",
            )
        )
    return MarksCompared(len(marks), agree, tuple(disagreements))


def model_decision(
    estimates: OfficialEstimates, mark: CountedMark, params: Params
) -> tuple[bool, str, str]:
    """Whether the model counts the mark's contract on the mark's date, its reason code and
    sentence."""
    facts = estimates.index.by_id[mark.contract]
    rules = estimates.rules_on(mark.date, params)
    if rules is None:
        return False, "no_rules", NO_SCORE_BEFORE
    state = contract_state(facts, mark.date, rules)
    why = reason_text(facts.contract, state, rules)
    if state.reason_code == "feedback":
        why = f"{state.outcome} by its feedback ({why})"
    return state.outcome != EXCLUDED, state.reason_code, why
