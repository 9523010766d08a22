"""The official estimate on each snapshot's date under any grid point, memoised at three levels.

The calibration asks for thousands of (date, parameters) estimates, mostly repeated across the
leave-one-out fits. What each level depends on:
- one contract's state on an update day: its public class under the thresholds, the anchor rule
  and the feedback wait (not the values);
- the windows' weights per outcome, counts and clients on that day: the same plus the thresholds;
- the estimate: that plus the neutral and negative values, which only change the window sums.
The result equals `score.evaluate` with a RuleChoice carrying the parameters as overrides (a test
checks it).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from datetime import date
from fractions import Fraction

from tracker.engine.calendar import last_update_on_or_before
from tracker.engine.calibration.grid import Params
from tracker.engine.facts import ContractFacts
from tracker.engine.outcome import NEGATIVE, NEUTRAL, POSITIVE, contract_state
from tracker.engine.rules import Rules, era_on
from tracker.engine.score import LogIndex, windows_of
from tracker.engine.windows import Tally, estimate_from
from tracker.records.model import Log, Snapshot

OUTCOMES = (POSITIVE, NEUTRAL, NEGATIVE)
ClassKey = tuple[Fraction, Fraction, str, int]


@dataclass(frozen=True)
class WindowCounts:
    """Per window (3m, 6m, 12m, 24m): weight in quarters of each counted outcome, the number of
    counted contracts and how many of them each client has."""

    weights: tuple[tuple[int, int, int], ...]
    counts: tuple[int, ...]
    clients: tuple[Counter[str], ...]


def public_class(rating: Fraction, positive: Fraction, neutral: Fraction) -> str:
    return POSITIVE if rating >= positive else NEUTRAL if rating >= neutral else NEGATIVE


# A contract's slot in the per-day cache: without a public rating, or by its public class.
CLASS_SLOT = {POSITIVE: 1, NEUTRAL: 2, NEGATIVE: 3}
# What one contract adds to the windows: (index in OUTCOMES, weight in quarters, client, windows).
Part = tuple[int, int, str, tuple[int, ...]]


@dataclass(frozen=True)
class Alive:
    """The contracts that can be in a window on one day, grouped by the public rating known then
    (a handful of distinct ratings: each is compared with the thresholds once per grid point)."""

    facts: list[ContractFacts]
    group: list[int]  # index into `ratings`, -1 without a public rating
    ratings: list[Fraction]


@dataclass
class Parts:
    """Each alive contract's part on one day under one anchor rule and feedback wait, per slot;
    `known` marks the slots computed (as bits), since None means "in no window"."""

    parts: list[list[Part | None]]
    known: list[int]


class OfficialEstimates:
    """The exact official estimate of a log on each update day, under any grid point."""

    def __init__(self, log: Log) -> None:
        self.index = LogIndex(log)
        self._alive: dict[date, Alive] = {}
        self._parts: dict[tuple[date, str, int], Parts] = {}
        self._counts: dict[tuple[date, ClassKey], WindowCounts] = {}
        self._estimates: dict[tuple[date, Params], Fraction | None] = {}
        self._rules: dict[tuple[str, Params], Rules] = {}
        self._ever: dict[tuple[date, Rules], dict[str, int]] = {}

    def on_snapshot(self, snapshot: Snapshot, params: Params) -> Fraction | None:
        """The official estimate on the snapshot's date (None before the first update or hidden)."""
        update = last_update_on_or_before(snapshot.date)
        return None if update is None else self.on_update_day(update, params)

    def on_update_day(self, day: date, params: Params) -> Fraction | None:
        key = (day, params)
        if key in self._estimates:
            return self._estimates[key]
        rules = self.rules_on(day, params)
        result = None
        if rules is not None:
            counts = self.window_counts(day, params, rules)
            tally = Tally()
            values = [rules.value_twentieths(o) for o in OUTCOMES]
            for w in range(4):
                weights = counts.weights[w]
                tally.weight[w] = sum(weights)
                tally.value[w] = sum(q * v for q, v in zip(weights, values, strict=True))
                tally.count[w] = counts.counts[w]
                tally.clients[w] = counts.clients[w]
            if rules.lifetime_clients:
                tally.lifetime = self.clients_ever(day, rules)
            result = estimate_from(tally, rules).exact
        self._estimates[key] = result
        return result

    def rules_on(self, day: date, params: Params) -> Rules | None:
        """The rule set in force on `day` with the parameters put in."""
        era = era_on(day)
        if era is None:
            return None
        key = (era.name, params)
        rules = self._rules.get(key)
        if rules is None:
            fields = params._asdict()
            fields["trending"] = era.trending and params.trending
            rules = replace(era, **fields)
            self._rules[key] = rules
        return rules

    def clients_ever(self, day: date, rules: Rules) -> dict[str, int]:
        """Client -> counted contracts started by `day`, in a window or not (for rules that count
        the clients ever)."""
        key = (day, rules)
        found = self._ever.get(key)
        if found is None:
            found = {}
            for f in self.index.facts:
                if f.contract.started <= day and contract_state(f, day, rules).counted:
                    found[f.contract.client] = found.get(f.contract.client, 0) + 1
            self._ever[key] = found
        return found

    def alive(self, day: date) -> Alive:
        """The contracts that can be in a window on `day`, with their public rating known then."""
        found = self._alive.get(day)
        if found is None:
            facts: list[ContractFacts] = []
            group: list[int] = []
            ratings: list[Fraction] = []
            position: dict[Fraction, int] = {}
            for f in self.index.facts:
                if f.contract.started <= day <= self.index.horizon[f.id]:
                    fb = f.feedback_on(day)
                    rating = fb.public if fb is not None else None
                    facts.append(f)
                    if rating is None:
                        group.append(-1)
                        continue
                    if rating not in position:
                        position[rating] = len(ratings)
                        ratings.append(rating)
                    group.append(position[rating])
            found = Alive(facts, group, ratings)
            self._alive[day] = found
        return found

    def window_counts(self, day: date, params: Params, rules: Rules) -> WindowCounts:
        class_key: ClassKey = (
            params.public_positive,
            params.public_neutral,
            params.anchor,
            params.feedback_wait_days,
        )
        found = self._counts.get((day, class_key))
        if found is not None:
            return found
        alive = self.alive(day)
        slots = [
            CLASS_SLOT[public_class(r, params.public_positive, params.public_neutral)]
            for r in alive.ratings
        ]
        cache = self._parts.get((day, params.anchor, params.feedback_wait_days))
        if cache is None:
            cache = Parts([[None] * 4 for _ in alive.facts], [0] * len(alive.facts))
            self._parts[(day, params.anchor, params.feedback_wait_days)] = cache
        weights = [[0, 0, 0] for _ in range(4)]
        counts = [0, 0, 0, 0]
        clients: list[Counter[str]] = [Counter(), Counter(), Counter(), Counter()]
        for i, f in enumerate(alive.facts):
            g = alive.group[i]
            slot = slots[g] if g >= 0 else 0
            if not cache.known[i] >> slot & 1:
                # The rules give this contract the public class of `slot`: its state is the
                # same under every grid point that does.
                state = contract_state(f, day, rules)
                windows = windows_of(state, day)
                cache.parts[i][slot] = (
                    (
                        OUTCOMES.index(state.outcome),
                        state.weight_quarters,
                        f.contract.client,
                        windows,
                    )
                    if windows
                    else None
                )
                cache.known[i] |= 1 << slot
            part = cache.parts[i][slot]
            if part is None:
                continue
            outcome, quarters, client, windows = part
            for w in windows:
                weights[w][outcome] += quarters
                counts[w] += 1
                clients[w][client] += 1
        result = WindowCounts(
            tuple((a, b, c) for a, b, c in weights), tuple(counts), tuple(clients)
        )
        self._counts[(day, class_key)] = result
        return result


class SnapshotErrors:
    """|official estimate - recorded value| of every snapshot under a grid point, memoised, so
    that the leave-one-out fits only subtract one snapshot's error from a cached total."""

    def __init__(self, log: Log) -> None:
        self.snapshots = sorted(log.snapshots, key=lambda s: s.date)
        self.estimates = OfficialEstimates(log)
        self._errors: dict[Params, tuple[list[Fraction], Fraction]] = {}

    def errors(self, params: Params) -> tuple[list[Fraction], Fraction]:
        """Each snapshot's error, and their sum (a hidden official estimate counts as 0)."""
        found = self._errors.get(params)
        if found is None:
            each = []
            for s in self.snapshots:
                official = self.estimates.on_snapshot(s, params)
                each.append(abs((official or Fraction(0)) - s.jss))
            found = (each, sum(each, Fraction(0)))
            self._errors[params] = found
        return found

    def mean(self, params: Params) -> Fraction:
        return self.errors(params)[1] / len(self.snapshots)
