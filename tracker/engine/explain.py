"""Why the estimate moved between two dates: a telescoping sum of causes (jss-model.md 8)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from tracker.engine.history import contribution, last_change
from tracker.engine.rules import RuleChoice
from tracker.engine.score import Evaluation, LogIndex, evaluate
from tracker.engine.texts import move_text
from tracker.engine.timeline import all_segments
from tracker.engine.windows import Estimate, estimate_from


@dataclass(frozen=True)
class Cause:
    contract: str | None
    what: str
    delta: Fraction | None
    text: str
    day: date | None


@dataclass(frozen=True)
class Explanation:
    since: date
    as_of: date
    before: Estimate
    after: Estimate
    rules_before: str | None
    rules_after: str | None
    causes: list[Cause]

    @property
    def change(self) -> Fraction | None:
        if self.before.exact is None or self.after.exact is None:
            return None
        return self.after.exact - self.before.exact


def explain_between(index: LogIndex, choice: RuleChoice, t1: date, t2: date) -> Explanation:
    first = evaluate(index, t1, choice)
    last = evaluate(index, t2, choice)
    r1, r2 = first.rules, last.rules
    causes: list[Cause] = []
    if r2 is None:
        # Both days are before any rule set: nothing can be explained with numbers.
        return Explanation(t1, t2, first.estimate, last.estimate, None, None, causes)
    rebased: Evaluation = first
    steps: list[tuple[str | None, str, str, date | None, Estimate]] = []
    if r1 != r2:
        rebased = evaluate(index, t1, RuleChoice(last.rules_name or r2.name, forced=r2))
        old = first.rules_name or "no rule set"
        steps.append(
            (
                None,
                "rules_changed",
                f"the rules changed from {old} to {last.rules_name}",
                None,
                rebased.estimate,
            )
        )
    ids = sorted(set(rebased.states) | set(last.states))
    moved = [
        cid
        for cid in ids
        if contribution(rebased.states.get(cid), rebased.windows.get(cid, ()))
        != contribution(last.states.get(cid), last.windows.get(cid, ()))
    ]
    segments = all_segments(index, choice, t1, t2, set(moved)) if moved else {}
    order = sorted((last_change(segments.get(cid, []), t1, t2) or t2, cid) for cid in moved)
    tally = rebased.tally.copy()
    for day, cid in order:
        contract = index.by_id[cid].contract
        old_state, new_state = rebased.states.get(cid), last.states.get(cid)
        old_w, new_w = rebased.windows.get(cid, ()), last.windows.get(cid, ())
        if old_state is not None and old_w:
            value = r2.value_twentieths(old_state.outcome)
            for w in old_w:
                tally.add(w, old_state.weight_quarters, value, contract.client, -1)
        if new_state is not None and new_w:
            value = r2.value_twentieths(new_state.outcome)
            for w in new_w:
                tally.add(w, new_state.weight_quarters, value, contract.client)
        what, text = move_text(contract, old_state, new_state, old_w, new_w, r2)
        steps.append((cid, what, text, day, estimate_from(tally, r2)))

    both_shown = first.estimate.exact is not None and last.estimate.exact is not None
    shown = first.estimate.exact
    for step_contract, what, text, step_day, estimate in steps:
        delta: Fraction | None = None
        if both_shown:
            delta = Fraction(0)
            if estimate.exact is not None:
                assert shown is not None
                delta = estimate.exact - shown
                shown = estimate.exact
        causes.append(Cause(step_contract, what, delta, text, step_day))
    return Explanation(
        t1, t2, first.estimate, last.estimate, first.rules_name, last.rules_name, causes
    )
