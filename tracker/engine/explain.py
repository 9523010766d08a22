"""Why the estimate moved between two dates: a telescoping sum of causes (jss-model.md 8)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from tracker.engine.history import change_days, contribution, segment_on, windows_on
from tracker.engine.outcome import ContractState
from tracker.engine.rules import RuleChoice
from tracker.engine.score import Evaluation, LogIndex, evaluate
from tracker.engine.texts import move_text
from tracker.engine.timeline import Segment, all_segments
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


@dataclass(frozen=True)
class ContractMove:
    """One change of what the windows see of a contract, on the day it happened."""

    day: date
    contract: str
    old_state: ContractState | None
    old_windows: tuple[int, ...]
    new_state: ContractState | None
    new_windows: tuple[int, ...]


def contract_moves(
    cid: str, segments: list[Segment], first: Evaluation, last: Evaluation
) -> list[ContractMove]:
    """Each day in (first.day, last.day] on which the contract's part changed, from its part
    on the first day to its part on the last: one move per event (feedback, end, leaving a
    window), dated on that event's day, so that the words and the date describe the same thing."""
    t1, t2 = first.day, last.day
    ever = last.rules is not None and last.rules.lifetime_clients
    state, windows = first.states.get(cid), first.windows.get(cid, ())
    moves = []
    for day in change_days(segments, t1, t2):
        seg = segment_on(segments, day)
        # Past its last segment a contract is in no window any more (its state stays the same).
        new_state = seg.state if seg else state
        new_windows = windows_on(seg, day)
        if new_state is None or contribution(new_state, new_windows, ever) == contribution(
            state, windows, ever
        ):
            continue
        moves.append(ContractMove(day, cid, state, windows, new_state, new_windows))
        state, windows = new_state, new_windows
    final_state, final_windows = last.states.get(cid), last.windows.get(cid, ())
    if contribution(final_state, final_windows, ever) != contribution(state, windows, ever):
        # Never expected (the segments end where `last` is); kept so the causes always add up.
        moves.append(ContractMove(t2, cid, state, windows, final_state, final_windows))
    return moves


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
    # Under one rule set (r2) all along, so the first segment is the rebased state.
    along = choice if r1 == r2 else RuleChoice(last.rules_name or r2.name, forced=r2)
    # Every contract, even one whose part is the same on both days (it may have changed between).
    segments = all_segments(index, along, t1, t2)
    ids = sorted(set(rebased.states) | set(last.states) | set(segments))
    moves = sorted(
        (move for cid in ids for move in contract_moves(cid, segments.get(cid, []), rebased, last)),
        key=lambda move: (move.day, move.contract),
    )
    tally = rebased.tally.copy()
    ever = r2.lifetime_clients
    for move in moves:
        contract = index.by_id[move.contract].contract
        for state, windows, sign in (
            (move.old_state, move.old_windows, -1),
            (move.new_state, move.new_windows, 1),
        ):
            if state is not None and state.counted:
                value = r2.value_twentieths(state.outcome)
                counted = ever
                tally.add_contract(
                    state.weight_quarters, value, contract.client, windows, counted, sign
                )
        what, text = move_text(
            contract, move.old_state, move.new_state, move.old_windows, move.new_windows, r2
        )
        steps.append((move.contract, what, text, move.day, estimate_from(tally, r2)))

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
