"""What if: the estimate before and after a change that is never written (jss-model.md 10).

The change has already been applied to a copy of the log (`tracker.records.changes.apply_to_log`);
this module only compares the two logs on one day, and says in words why the estimate differs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction

from tracker.engine.badges import Badges
from tracker.engine.history import contribution
from tracker.engine.labels import BADGE_NAMES
from tracker.engine.outcome import ContractState
from tracker.engine.reports import forecast_report, rounded_deltas, score_report
from tracker.engine.results import Move, ScoreReport
from tracker.engine.rules import RuleChoice, Rules, resolve
from tracker.engine.score import Evaluation, LogIndex, evaluate
from tracker.engine.texts import feedback_text, reason_text, title_of, window_list
from tracker.engine.windows import Estimate, Tally, estimate_from
from tracker.records.model import Contract, Log


@dataclass(frozen=True)
class WhatIfCause:
    """A contract whose accounting the change moves, with its part of the change at 4 places."""

    contract: str | None
    what: str
    delta: Decimal | None
    text: str


@dataclass(frozen=True)
class WhatIf:
    """`whatif`: the score reports before and after, their exact difference, the forecast after
    the change, the causes in words and the badges the change gains or loses."""

    as_of: date
    before: ScoreReport
    after: ScoreReport
    change: Fraction | None
    forecast_after: tuple[Move, ...]
    causes: tuple[WhatIfCause, ...]
    badges_changed: tuple[str, ...]


@dataclass(frozen=True)
class Side:
    """One contract as the windows see it in one of the two logs (None: absent or not started)."""

    contract: Contract | None
    state: ContractState | None
    windows: tuple[int, ...]
    ever: bool = False  # the rules count the clients ever (a counted contract counts its client)

    def footprint(self) -> tuple[object, ...]:
        """What the estimate sees: the contribution, and the client it counts for."""
        key = contribution(self.state, self.windows, self.ever)
        return key + ((self.contract.client,) if key and self.contract else ())

    def visible(self) -> tuple[object, ...]:
        """What the user sees of the contract's accounting on the day."""
        s = self.state
        if s is None:
            return ()
        return (
            s.outcome,
            s.reason_code,
            s.weight_quarters,
            s.feedback,
            s.ended,
            self.windows,
            self.contract.client if self.contract else None,
        )


def whatif_report(log: Log, changed: Log, as_of: date, rules: str | None) -> WhatIf:
    """`whatif`: the two score reports, their difference, the forecast after, causes and badges.

    `change` comes from the exact estimates, not from their rounded forms, so that it always equals
    what the two exact values say.
    """
    before = score_report(log, as_of, rules, with_next_change=False)
    after = score_report(changed, as_of, rules, with_next_change=False)
    first = evaluate(LogIndex.of(log), as_of, resolve(log, rules))
    last = evaluate(LogIndex(changed), as_of, resolve(changed, rules))
    change = exact_change(first.estimate, last.estimate)
    causes = differences(first, last)
    return WhatIf(
        as_of=as_of,
        before=before,
        after=after,
        change=change,
        forecast_after=forecast_report(changed, as_of, None, rules).moves,
        causes=parts_of(causes, change),
        badges_changed=tuple(badge_changes(before.badges, after.badges)),
    )


def exact_change(before: Estimate, after: Estimate) -> Fraction | None:
    if before.exact is None or after.exact is None:
        return None
    return after.exact - before.exact


@dataclass(frozen=True)
class Difference:
    contract: str | None
    what: str
    delta: Fraction | None
    text: str


def side_of(evaluation: Evaluation, cid: str) -> Side:
    facts = evaluation.index.by_id.get(cid)
    return Side(
        facts.contract if facts else None,
        evaluation.states.get(cid),
        evaluation.windows.get(cid, ()),
        evaluation.rules is not None and evaluation.rules.lifetime_clients,
    )


def differences(first: Evaluation, last: Evaluation) -> list[Difference]:
    """Each contract whose accounting differs, with its share of the change.

    The shares telescope: if the two logs are read with different rules on the day (a sandboxed
    settings change), the old log is first re-read under the new rules; then contracts are swapped
    to their state after the change one at a time, in id order, so the deltas add up exactly to
    the change. A step through a hidden estimate carries its delta to the next shown step.
    """
    rules = last.rules
    if rules is None:
        return [
            Difference(cid, what, None, text)
            for cid, old, new in moved_contracts(first, last)
            for what, text in [describe(old, new, None)]
        ]
    numbers = first.estimate.exact is not None and last.estimate.exact is not None
    shown = first.estimate.exact
    out = []
    if first.rules != rules:
        first = evaluate(
            first.index, first.day, RuleChoice(last.rules_name or rules.name, forced=rules)
        )
        delta = None
        if numbers:
            delta = Fraction(0)
            if first.estimate.exact is not None:
                assert shown is not None
                delta, shown = first.estimate.exact - shown, first.estimate.exact
        out.append(
            Difference(
                None, "rules_changed", delta, f"the rules change to {last.rules_name or rules.name}"
            )
        )
    tally = first.tally.copy()
    for cid, old, new in moved_contracts(first, last):
        if old.footprint() != new.footprint():
            swap(tally, old, rules, -1)
            swap(tally, new, rules, +1)
        delta = None
        if numbers:
            delta = Fraction(0)
            now = estimate_from(tally, rules).exact
            if now is not None:
                assert shown is not None
                delta, shown = now - shown, now
        what, text = describe(old, new, rules)
        out.append(Difference(cid, what, delta, text))
    return out


def moved_contracts(first: Evaluation, last: Evaluation) -> list[tuple[str, Side, Side]]:
    """The contracts that the user would see differently on the day, in id order."""
    ids = sorted(set(first.index.by_id) | set(last.index.by_id))
    sides = [(cid, side_of(first, cid), side_of(last, cid)) for cid in ids]
    return [(cid, old, new) for cid, old, new in sides if old.visible() != new.visible()]


def swap(tally: Tally, side: Side, rules: Rules, sign: int) -> None:
    if not side.footprint():
        return
    assert side.state is not None and side.contract is not None
    value = rules.value_twentieths(side.state.outcome)
    tally.add_contract(
        side.state.weight_quarters, value, side.contract.client, side.windows, side.ever, sign
    )


def counts_text(
    contract: Contract, state: ContractState, windows: tuple[int, ...], rules: Rules
) -> str:
    """How a contract counts, e.g. 'counts neutral (public 4.0), 1.25 jobs, in 3m, 6m, 12m, 24m'."""
    why = reason_text(contract, state, rules)
    if not state.counted:
        return f"not counted ({why})"
    where = ", ".join(window_list(windows)) if windows else "no window"
    return f"counts {state.outcome} ({why}), {jobs_text(state.weight_quarters)}, in {where}"


def jobs_text(quarters: int) -> str:
    return f"{quarters / 4:g} job{'' if quarters == 4 else 's'}"


def describe(old: Side, new: Side, rules: Rules | None) -> tuple[str, str]:
    """(what, sentence) for one contract that differs between the two logs."""
    contract = new.contract or old.contract
    assert contract is not None
    name = title_of(contract)
    if rules is None:
        return "changed", f"{name} changed (no score on this date)"
    if new.state is None and old.state is None:
        return "changed", f"{name} changed, but it has not started on this date"
    if new.state is None:
        if new.contract is None:
            gone = f"counted {old.state.outcome}" if old.footprint() else "did not count"  # type: ignore[union-attr]
            return "removed", f"{name} removed (it {gone})"
        return "not_started", f"{name} now starts later: not counted on this date"
    now = counts_text(contract, new.state, new.windows, rules)
    if old.state is None:
        if old.contract is None:
            return "added", f"{name} added: {now}"
        return "started", f"{name} now starts earlier: {now}"
    o, n = old.state, new.state
    if n.ended and not o.ended:
        closed = f" on {contract.ended.isoformat()}" if contract.ended else ""
        return "closed", f"{name} closed{closed}: {now}"
    if o.ended and not n.ended:
        return "reopened", f"{name} is open again: {now}"
    if n.feedback != o.feedback and n.feedback is not None:
        return "feedback", f"{name} gets feedback {feedback_text(n.feedback)}: {now}"
    if o.outcome != n.outcome:
        return "outcome", f"{name} was {o.outcome}, now {now}"
    if o.reason_code != n.reason_code:
        return "reason", f"{name}: {now}"
    if o.weight_quarters != n.weight_quarters:
        was = f"{o.weight_quarters / 4:g}"
        return "weight", f"{name} now weighs {jobs_text(n.weight_quarters)} (was {was}): {now}"
    if old.contract and new.contract and old.contract.client != new.contract.client:
        return "client", (
            f"{name} now counts for client {new.contract.client} (was {old.contract.client})"
        )
    if old.windows != new.windows:
        return "windows", f"{name} has activity on {n.anchor.isoformat()}: {now}"
    return "changed", f"{name}: {now}"


def parts_of(causes: list[Difference], change: Fraction | None) -> tuple[WhatIfCause, ...]:
    """The causes with their deltas at 4 places, adding up to the change at 4 places, the
    largest first, as the window's heading and the command line say (the order of the swaps only
    makes the shares telescope: it means nothing to the reader); causes of equal size, and those
    without a number, keep that order (a change of the rules before the contracts)."""
    deltas: list[Decimal | None]
    if change is None:
        deltas = [None] * len(causes)
    else:
        deltas = list(rounded_deltas([c.delta or Fraction(0) for c in causes], change))
    parts = [
        WhatIfCause(c.contract, c.what, d, c.text) for c, d in zip(causes, deltas, strict=True)
    ]
    parts.sort(key=lambda part: -abs(part.delta) if part.delta is not None else 0)
    return tuple(parts)


def badge_changes(before: Badges, after: Badges) -> list[str]:
    """Sentences for the badges gained or lost by the change."""
    out = []
    for key, label in BADGE_NAMES.items():
        had, has = before.named(key).has, after.named(key)
        if had and not has.has:
            out.append(f"{label} lost: " + "; ".join(has.missing))
        elif has.has and not had:
            out.append(f"{label} gained")
    return out
