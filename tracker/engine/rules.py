"""Rule sets: named, frozen parameter sets of the model, and which one applies on a date.

jss-model.md section 2. Every number the engine uses lives here, so that the user can see it,
question it, and the calibration can tune it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from fractions import Fraction
from typing import Any

from tracker.records.model import Log

RULES_START = date(2015, 3, 1)
# "Two different clients in your lifetime" is worded so only in recent help texts: the option
# takes effect in the rule sets from upwork-2024-09 on, whatever a user's set asks of older dates.
LIFETIME_FROM = date(2024, 9, 1)
CLIENTS_IN_24_MONTHS, CLIENTS_EVER = "24 months", "lifetime"
NO_SCORE_BEFORE = f"no score before {RULES_START.isoformat()}"


@dataclass(frozen=True)
class Rules:
    """The parameters of one rule set (defaults: upwork-2023-12)."""

    name: str
    in_force_from: date
    public_positive: Fraction = Fraction(9, 2)
    public_neutral: Fraction = Fraction(7, 2)
    private_positive: int = 9
    private_neutral: int = 7
    combine: str = "worst"  # or "private_first"
    positive_value: Fraction = Fraction(1)
    neutral_value: Fraction = Fraction(1, 2)
    negative_value: Fraction = Fraction(0)
    formula: str = "net"  # or "literal"
    anchor: str = "last_activity"  # or "end"
    feedback_wait_days: int = 14
    idle_days: int | None = None
    # (upper limit in cents, weight in quarters), the last tier for everything above; None = tier 1.
    tiers: tuple[tuple[int, int], ...] | None = ((25_000, 4), (100_000, 5))
    top_tier_quarters: int = 6
    cap: int = 8
    min_contracts: int = 2
    min_clients: int = 2
    trending: bool = True
    zero_earned: str = "excluded"  # or "counts"
    no_feedback: str = "excluded"  # or "negative"
    blamed_reasons: frozenset[str] = frozenset({"freelancer_unresponsive", "quality", "deadline"})
    large_contract_amount_cents: int = 500_000
    daily_updates: bool = False  # the official value is updated every day (tracker.engine.calendar)
    # Where the minimum of different clients is counted: in the 24-month window, or ever.
    clients_over: str = CLIENTS_IN_24_MONTHS
    # Derived: whether this rule set counts the clients ever (the option, in a rule set it has).
    lifetime_clients: bool = field(default=False, init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(
            self,
            "lifetime_clients",
            self.clients_over == CLIENTS_EVER and self.in_force_from >= LIFETIME_FROM,
        )
        if self.formula == "literal":
            values = {"positive": 20, "neutral": 0, "negative": -20}
        else:
            values = {
                "positive": int(self.positive_value * 20),
                "neutral": int(self.neutral_value * 20),
                "negative": int(self.negative_value * 20),
            }
        # Derived once: the engine asks for these on every contract of every day.
        object.__setattr__(self, "_values", values)
        object.__setattr__(
            self, "public_limits", _ratio_pair(self.public_positive, self.public_neutral)
        )

    def value_twentieths(self, outcome: str) -> int:
        """The value of a counted outcome, in twentieths (so every window sum is an integer)."""
        return self._values[outcome]  # type: ignore[attr-defined,no-any-return]


def _ratio_pair(positive: Fraction, neutral: Fraction) -> tuple[int, int, int, int]:
    return (positive.numerator, positive.denominator, neutral.numerator, neutral.denominator)


UPWORK_2015 = Rules(
    name="upwork-2015",
    in_force_from=RULES_START,
    combine="private_first",
    idle_days=90,
    tiers=None,
    min_contracts=0,
    min_clients=3,
    trending=False,
    zero_earned="counts",
    no_feedback="negative",
)
UPWORK_2020_03 = replace(
    UPWORK_2015,
    name="upwork-2020-03",
    in_force_from=date(2020, 3, 1),
    idle_days=None,
    tiers=Rules.tiers,
    trending=True,
    zero_earned="excluded",
)
UPWORK_2020_11 = replace(
    UPWORK_2020_03,
    name="upwork-2020-11",
    in_force_from=date(2020, 11, 8),
    no_feedback="excluded",
    min_contracts=4,
    min_clients=2,
)
UPWORK_2023_12 = Rules(name="upwork-2023-12", in_force_from=date(2023, 12, 1))
UPWORK_2024_09 = replace(
    UPWORK_2023_12, name="upwork-2024-09", in_force_from=date(2024, 9, 1), daily_updates=True
)

ERAS: tuple[Rules, ...] = (
    UPWORK_2015,
    UPWORK_2020_03,
    UPWORK_2020_11,
    UPWORK_2023_12,
    UPWORK_2024_09,
)
ERA_BY_NAME = {era.name: era for era in ERAS}
AUTO = "auto"


def _twentieths(value: Any) -> Fraction:
    """A value in steps of 0.05, the grid window sums are exact on (0.33 is read as 0.35)."""
    return Fraction(round(Fraction(str(value)) * 20), 20)


# Parameters a user's own rule set may change, with how to read each from JSON.
TUNABLE: dict[str, Callable[[Any], Any]] = {
    "public_positive": lambda v: Fraction(str(v)),
    "public_neutral": lambda v: Fraction(str(v)),
    "private_positive": int,
    "private_neutral": int,
    "positive_value": lambda v: _twentieths(v),
    "neutral_value": lambda v: _twentieths(v),
    "negative_value": lambda v: _twentieths(v),
    "formula": str,
    "anchor": str,
    "feedback_wait_days": int,
    "combine": str,
    # Off drops the Trending window (a fit may find it gone); only a literal true keeps it.
    "trending": lambda v: v is True,
    # Only the exact word turns lifetime eligibility on; anything else keeps the 24 months.
    "clients_over": lambda v: CLIENTS_EVER if v == CLIENTS_EVER else CLIENTS_IN_24_MONTHS,
}


class UnknownRules(ValueError):
    """A rule set name that is neither built in nor saved by the user."""


def era_on(day: date) -> Rules | None:
    """The built-in rule set in force on `day` (None before the first)."""
    current = None
    for era in ERAS:
        if era.in_force_from <= day:
            current = era
    return current


def apply_overrides(rules: Rules, overrides: dict[str, Any]) -> Rules:
    return replace(rules, **{k: TUNABLE[k](v) for k, v in overrides.items() if k in TUNABLE})


@dataclass(frozen=True)
class RuleChoice:
    """Which rules apply on each date: by date (auto), one forced era, or the user's own set."""

    name: str
    forced: Rules | None = None
    overrides: tuple[tuple[str, Any], ...] = ()
    _cache: dict[date, Rules | None] = field(default_factory=dict, compare=False, repr=False)

    def on(self, day: date) -> Rules | None:
        """The rules for `day`; None when no rule set is in force (before 2015-03-01)."""
        if day < RULES_START:
            return None
        base = self.forced or era_on(day)
        assert base is not None
        if not self.overrides:
            return base
        key = base.in_force_from
        cached = self._cache.get(key)
        if cached is None:
            cached = apply_overrides(base, dict(self.overrides))
            if self.forced is None:
                cached = replace(cached, name=self.name)
            self._cache[key] = cached
        return cached

    def name_on(self, day: date) -> str | None:
        rules = self.on(day)
        if rules is None:
            return None
        return self.name if self.overrides else rules.name

    def boundaries(self) -> list[date]:
        """The dates on which the rules may change (the first is 2015-03-01)."""
        if self.forced is not None:
            return [RULES_START]
        return [era.in_force_from for era in ERAS]


def saved_rule_sets(log: Log) -> dict[str, dict[str, Any]]:
    saved = log.setting("custom_rules", {})
    return dict(saved) if isinstance(saved, dict) else {}


def rule_set_names(log: Log) -> list[str]:
    """Built-in names, then the user's saved ones."""
    return [era.name for era in ERAS] + sorted(saved_rule_sets(log))


def resolve(log: Log, name: str | None) -> RuleChoice:
    """The rule choice for `name` (None: the database's own setting, by default 'auto').

    Raises:
        UnknownRules: when the name is not known.
    """
    if name is None:
        setting = log.setting("rules", AUTO)
        name = setting if isinstance(setting, str) else AUTO
    if name == AUTO:
        return RuleChoice(AUTO)
    if name in ERA_BY_NAME:
        return RuleChoice(name, forced=ERA_BY_NAME[name])
    saved = saved_rule_sets(log)
    if name in saved:
        spec = saved[name]
        params = spec.get("parameters", {}) if isinstance(spec, dict) else {}
        base = spec.get("base", AUTO) if isinstance(spec, dict) else AUTO
        return RuleChoice(
            name,
            forced=ERA_BY_NAME.get(base),
            overrides=tuple(sorted((k, v) for k, v in params.items() if k in TUNABLE)),
        )
    raise UnknownRules(
        f"unknown rule set '{name}'; known: {', '.join([AUTO, *rule_set_names(log)])}"
    )

