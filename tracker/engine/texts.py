"""The sentences that explain a contract's outcome and its moves, in the user's words."""

from __future__ import annotations

from fractions import Fraction
from functools import lru_cache

from tracker.engine.calendar import WINDOW_NAMES
from tracker.engine.facts import RatedFeedback
from tracker.engine.numbers import rating_text
from tracker.engine.outcome import ContractState
from tracker.engine.rules import Rules
from tracker.records.model import Contract


def plural(count: int | float, noun: str, nouns: str | None = None) -> str:
    """`count` and its noun, in the singular only for exactly one ("1 row", "2 rows")."""
    shown = f"{count:g}" if isinstance(count, float) else str(count)
    return f"{shown} {noun if count == 1 else (nouns or noun + 's')}"


def idle_time(days: int) -> str:
    """How long a contract went unpaid, in the unit a person would use (not "2473 days")."""
    if days < 120:
        return plural(days, "day")
    if days < 730:
        return f"about {days // 30} months"
    return f"over {days // 365} years"


END_REASON_WORDS = {
    "freelancer_unresponsive": "freelancer unresponsive",
    "quality": "quality",
    "deadline": "a missed deadline",
}


def feedback_text(fb: RatedFeedback) -> str:
    public = fb.public
    return _feedback_words(
        None if public is None else (public.numerator, public.denominator),
        fb.private,
        fb.record.private_is_guess,
        fb.record.kind == "interim",
    )


@lru_cache(maxsize=4096)
def _feedback_words(
    public: tuple[int, int] | None, private: int | None, guessed: bool, interim: bool
) -> str:
    # Keyed by what the words say (a rating as its two integers: hashing a Fraction is slow);
    # a log's feedback repeats a few dozen of these.
    parts = []
    if public is not None:
        parts.append(f"public {rating_text(Fraction(*public))}")
    if private is not None:
        guess = " (guessed)" if guessed else ""
        parts.append(f"private {private}{guess}")
    if interim:
        parts.append("interim feedback")
    return ", ".join(parts)


def reason_text(contract: Contract, state: ContractState, rules: Rules) -> str:
    # reports.contract_lines makes each of these once per code and what the words read besides
    # (reports._REASON_DEPENDS_ON, else the outcome): words that read more must say so there.
    code = state.reason_code
    if code == "flagged":
        return "the client was flagged or suspended by the marketplace: not counted"
    if code == "open":
        return "open, no feedback and not long-term yet: not counted while open"
    if code == "dormant":
        return f"open with no payment for {state.days_idle} days: counted negative (dormant)"
    if code == "disputed":
        return "ended in a dispute: counted negative"
    if code == "blamed":
        why = END_REASON_WORDS.get(contract.end_reason or "", contract.end_reason or "")
        return f"ended for {why}: counted negative"
    if code == "feedback":
        assert state.feedback is not None
        return feedback_text(state.feedback)
    if code == "long_term":
        return f"no feedback, paid over {state.paid_span_days} days (long-term): counted positive"
    if code == "awaiting_feedback":
        return f"ended, waiting for feedback ({rules.feedback_wait_days} days): not counted yet"
    if code == "no_feedback":
        if state.outcome == "negative":
            return "ended with no feedback: counted negative"
        return "ended with no feedback: not counted"
    if code == "zero_earned":
        return "$0 earned: counts only when negative"
    return code


def title_of(contract: Contract) -> str:
    return f"'{contract.title or contract.id}'"


def window_list(windows: tuple[int, ...]) -> list[str]:
    return [WINDOW_NAMES[w] for w in windows]


def move_text(
    contract: Contract,
    before: ContractState | None,
    after: ContractState | None,
    windows_before: tuple[int, ...],
    windows_after: tuple[int, ...],
    rules: Rules,
    future: bool = False,
) -> tuple[str, str]:
    """(what, sentence) for one contract's change of state between two days."""
    name = title_of(contract)
    assert after is not None
    if before is None or (not before.counted and after.counted):
        if after.counted:
            if after.reason_code == "feedback" and after.feedback is not None:
                return "counts", (
                    f"{name} counts {after.outcome}: feedback {feedback_text(after.feedback)}"
                )
            return "counts", f"{name}: {reason_text(contract, after, rules)}"
        return "started", f"{name} started: {reason_text(contract, after, rules)}"
    if before.outcome != after.outcome:
        if after.outcome == "excluded":
            return "outcome", f"{name} no longer counts: {reason_text(contract, after, rules)}"
        if after.reason_code == "feedback" and after.feedback is not None:
            return "outcome", (
                f"feedback {feedback_text(after.feedback)} on {name} counted {after.outcome}"
            )
        return "outcome", f"{name}: {reason_text(contract, after, rules)}"
    if before.reason_code != after.reason_code or before.feedback != after.feedback:
        return (
            "reason",
            f"{name} still counts {after.outcome}: {reason_text(contract, after, rules)}",
        )
    if before.weight_quarters != after.weight_quarters:
        return "weight", (
            f"{name} now weighs {after.weight_quarters / 4:g} jobs"
            f" (was {before.weight_quarters / 4:g})"
        )
    left = [w for w in windows_before if w not in windows_after]
    entered = [w for w in windows_after if w not in windows_before]
    if left and not entered:
        widest = WINDOW_NAMES[max(left)]
        months = widest.rstrip("m")
        return "left_window", f"{name} {'leaves' if future else 'left'} the {months}-month window"
    if entered:
        return "entered_window", (
            f"{name} is in the {', '.join(window_list(tuple(entered)))} window"
            f"{'s' if len(entered) > 1 else ''} again (new activity on {after.anchor.isoformat()})"
        )
    return "anchor", f"{name} has new activity on {after.anchor.isoformat()}"
