"""The global fit: every point of the grid scored, not a descent that may stop in a local minimum.

jss-model.md section 10 (Search, revised). How it stays fast (30 snapshots over 4 years: a few
seconds for the fit and all its leave-one-out fits together):
- The thresholds act only through the public ratings present in the log: two threshold pairs that
  put every rating in the same class are the same for every snapshot. The pairs are grouped in
  such classes (a few dozen), each represented by its pair nearest the defaults.
- For each anchor rule, feedback wait and span of the clients' minimum (24 months or lifetime:
  16 chunks), each contract's part on each snapshot's update day is computed once per public
  class it can take, summed per rating group, then per threshold class: window weights per
  outcome, counts and clients (under lifetime, also the clients of the contracts past every
  window that still count).
- The neutral and negative values only change the window sums linearly: all 21 x 21 of them, and
  Trending on and off, are scored at once as arrays.
- The error of each point is kept per snapshot, so each leave-one-out fit is the same search on the
  total minus one snapshot's errors: a fit that never saw the left-out value.

Errors are compared as floats within TOLERANCE (1e-9 of a point): values closer than that are a tie.
Ties go, in order, to the point with more counted marks agreeing, then to the one nearest the
defaults (calibrate_grid.distance). The caller recomputes the winner's errors exactly.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from itertools import product

import numpy as np
from numpy.typing import NDArray

from tracker.engine.calendar import last_update_on_or_before
from tracker.engine.calibration.cost import CLASS_SLOT, OUTCOMES, SnapshotErrors, public_class
from tracker.engine.calibration.grid import (
    DEFAULTS,
    GRIDS,
    Params,
    allowed,
    distance,
    steps_from_default,
)
from tracker.engine.calibration.marks import model_decision
from tracker.engine.outcome import contract_state
from tracker.engine.score import windows_of
from tracker.records.model import CountedMark

TOLERANCE = 1e-9
VALUES = len(GRIDS["neutral_value"])  # 21 neutral values x 21 negative values
Progress = Callable[[int, int], None]
Floats = NDArray[np.float64]
Ints = NDArray[np.int64]


@dataclass(frozen=True)
class ThresholdClass:
    """Threshold pairs that put every public rating of the log in the same class."""

    positive: Fraction
    neutral: Fraction
    distance: tuple[int, int, tuple[int, ...]]


def threshold_classes(ratings: list[Fraction]) -> list[ThresholdClass]:
    """The allowed threshold pairs grouped by how they class `ratings`, in grid order of their
    representative (the pair nearest the defaults)."""
    ordered = sorted(set(ratings))
    best: dict[tuple[int, int], ThresholdClass] = {}
    for positive, neutral in product(GRIDS["public_positive"], GRIDS["public_neutral"]):
        point = DEFAULTS._replace(public_positive=positive, public_neutral=neutral)
        if not allowed(point):
            continue
        signature = (bisect_left(ordered, positive), bisect_left(ordered, neutral))
        candidate = ThresholdClass(positive, neutral, distance(point))
        found = best.get(signature)
        if found is None or candidate.distance < found.distance:
            best[signature] = candidate
    return sorted(best.values(), key=lambda c: c.distance[2])


@dataclass(frozen=True)
class Candidate:
    """The best point of one search so far, with what ranks it against the others."""

    error: float
    agree: int
    distance: tuple[int, int, tuple[int, ...]]
    params: Params

    def beats(self, other: Candidate | None) -> bool:
        if other is None or self.error < other.error - TOLERANCE:
            return True
        if self.error > other.error + TOLERANCE:
            return False
        return (-self.agree, self.distance) < (-other.agree, other.distance)


class GridSearch:
    """The best grid point for all the snapshots and for each set of all but one."""

    def __init__(self, errors: SnapshotErrors, marks: tuple[CountedMark, ...] = ()) -> None:
        self.errors = errors
        self.estimates = errors.estimates
        self.marks = marks
        self.client_bits: dict[str, int] = {}
        self.updates = [last_update_on_or_before(s.date) for s in errors.snapshots]
        self.recorded = np.array([s.jss for s in errors.snapshots], dtype=np.float64)
        ratings: list[Fraction] = []
        for day in {u for u in self.updates if u is not None}:
            ratings.extend(self.estimates.alive(day).ratings)
        ratings.extend(self.mark_ratings())
        self.ratings = sorted(set(ratings))
        self.classes = threshold_classes(self.ratings)
        k = np.arange(VALUES)
        self.neutral_20 = k.astype(np.float64)[:, None]  # 0.00 .. 1.00 in twentieths
        self.negative_20 = (k - (VALUES - 1)).astype(np.float64)[None, :]  # -1.00 .. 0.00
        self.value_distance = [self.value_distances(name) for name in ("neutral", "negative")]
        # The thresholds' part of the distance from the defaults, per class (its representative).
        self.class_changed = np.array(
            [sum(1 for k in self.threshold_steps(c) if k) for c in self.classes], dtype=np.int64
        )
        self.class_steps = np.array(
            [sum(self.threshold_steps(c)) for c in self.classes], dtype=np.int64
        )

    def client_bit(self, client: str) -> int:
        return self.client_bits.setdefault(client, len(self.client_bits))

    def mark_ratings(self) -> list[Fraction]:
        out = []
        for mark in self.marks:
            f = self.estimates.index.by_id.get(mark.contract)
            fb = f.feedback_on(mark.date) if f is not None else None
            if fb is not None and fb.public is not None:
                out.append(fb.public)
        return out

    @staticmethod
    def threshold_steps(threshold: ThresholdClass) -> tuple[int, int]:
        return (
            steps_from_default("public_positive", threshold.positive),
            steps_from_default("public_neutral", threshold.neutral),
        )

    @staticmethod
    def value_distances(which: str) -> tuple[Ints, Ints]:
        """Per grid value: changed (0/1) and steps from the default."""
        name = f"{which}_value"
        default = GRIDS[name].index(getattr(DEFAULTS, name))
        steps = np.abs(np.arange(VALUES) - default)
        return (steps > 0).astype(np.int64), steps

    def run(self, progress: Progress | None = None) -> tuple[Params, list[Params]]:
        """The fit on all the snapshots, and the fit without each one, in snapshot order;
        `progress(done, total)` after each of the 16 chunks."""
        count = len(self.errors.snapshots)
        best: list[Candidate | None] = [None] * (count + 1)
        chunks = list(product(GRIDS["anchor"], GRIDS["feedback_wait_days"], GRIDS["clients_over"]))
        agreements: dict[int, Ints] = {}
        for done, (anchor, wait, over) in enumerate(chunks, start=1):
            each = self.chunk_errors(anchor, wait, over)  # (snapshots, classes, trending, 21, 21)
            if wait not in agreements:
                agreements[wait] = self.agreement(wait)
            agree = agreements[wait]
            total = each.sum(axis=0)
            for target in range(count + 1):
                errors = total if target == count else total - each[target]
                found = self.best_in_chunk(errors, agree, anchor, wait, over)
                if found.beats(best[target]):
                    best[target] = found
            if progress is not None:
                progress(done, len(chunks))
        full = best[count]
        assert full is not None
        return full.params, [b.params for b in best[:count] if b is not None]

    def best_in_chunk(
        self, errors: Floats, agree: Ints, anchor: str, wait: int, over: str
    ) -> Candidate:
        """The best point of one chunk: least error, then most agreeing marks, then nearest the
        defaults (fewer changed, fewer steps, first in the grids), ranked as arrays: a log where
        a value changes nothing ties thousands of points."""
        least = float(errors.min())
        classes, trending, neutral, negative = np.nonzero(errors <= least + TOLERANCE)
        marks = agree[classes]
        keep = marks == marks.max()
        classes, trending = classes[keep], trending[keep]
        neutral, negative = neutral[keep], negative[keep]
        (n_changed, n_steps), (g_changed, g_steps) = self.value_distance
        changed = self.class_changed[classes] + n_changed[neutral] + g_changed[negative] + trending
        steps = self.class_steps[classes] + n_steps[neutral] + g_steps[negative] + trending
        first = int(np.lexsort((trending, negative, neutral, classes, steps, changed))[0])
        c, t = int(classes[first]), int(trending[first])
        n, g = int(neutral[first]), int(negative[first])
        threshold = self.classes[c]
        params = Params(
            threshold.positive,
            threshold.neutral,
            GRIDS["neutral_value"][n],
            GRIDS["negative_value"][g],
            anchor,
            wait,
            GRIDS["trending"][t],
            over,
        )
        return Candidate(float(errors[c, t, n, g]), int(agree[c]), distance(params), params)

    def agreement(self, wait: int) -> Ints:
        """Per threshold class: how many counted marks the model agrees with (the anchor does not
        change whether a contract counts)."""
        agree = np.zeros(len(self.classes), dtype=np.int64)
        for mark in self.marks:
            for i, threshold in enumerate(self.classes):
                params = DEFAULTS._replace(
                    public_positive=threshold.positive,
                    public_neutral=threshold.neutral,
                    feedback_wait_days=wait,
                )
                counted = model_decision(self.estimates, mark, params)[0]
                agree[i] += counted == mark.counted
        return agree

    def chunk_errors(self, anchor: str, wait: int, over: str) -> Floats:
        """|official estimate - recorded value| per snapshot, threshold class, Trending (on, off)
        and neutral x negative value, for one anchor rule, feedback wait and clients' span."""
        count = len(self.errors.snapshots)
        out = np.empty((count, len(self.classes), 2, VALUES, VALUES), dtype=np.float64)
        for s, day in enumerate(self.updates):
            if day is None:
                out[s] = self.recorded[s]  # no official value yet: it counts as 0
                continue
            out[s] = np.abs(self.estimates_on(day, anchor, wait, over) - self.recorded[s])
        return out

    def estimates_on(self, day: date, anchor: str, wait: int, over: str) -> Floats:
        """The official estimate (0 when hidden) per threshold class, Trending and values."""
        params = DEFAULTS._replace(anchor=anchor, feedback_wait_days=wait, clients_over=over)
        era = self.estimates.rules_on(day, params)
        assert era is not None
        weights, valid = self.window_sums(day, params)  # (classes, 4, 3), (classes, 4)
        p = weights[:, :, 0, None, None].astype(np.float64)
        n = weights[:, :, 1, None, None].astype(np.float64)
        g = weights[:, :, 2, None, None].astype(np.float64)
        total = p + n + g
        value = 20 * p + self.neutral_20 * n + self.negative_20 * g
        with np.errstate(divide="ignore", invalid="ignore"):
            score = np.clip(5 * value / total, 0, 100)  # (classes, 4, 21, 21)
        shown = valid[:, :, None, None]
        score = np.where(shown, score, -np.inf)
        best_of_three = np.maximum(np.maximum(score[:, 3], score[:, 2]), score[:, 1])
        trending = (score[:, 0] + score[:, 1]) / 2
        with_trending = np.maximum(best_of_three, trending) if era.trending else best_of_three
        hidden = ~valid[:, 3, None, None]
        result = np.stack([with_trending, best_of_three], axis=1)  # (classes, 2, 21, 21)
        return np.where(hidden[:, None], 0.0, result)

    def window_sums(self, day: date, base: Params) -> tuple[Ints, NDArray[np.bool_]]:
        """Per threshold class: each window's weight in quarters per outcome, and whether the
        window is valid (the minimum of contracts and clients of the era in force on the day).

        Each contract's part is computed once per public class its rating takes under some
        threshold class, summed per (rating group, class slot), then per threshold class."""
        alive = self.estimates.alive(day)
        era = self.estimates.rules_on(day, base)
        assert era is not None
        groups = len(alive.ratings) + 1  # the last: contracts without a public rating
        slots = np.zeros((len(self.classes), groups), dtype=np.int64)
        # Per rating group: each slot its rating takes, with a class giving it.
        taken: list[dict[int, int]] = [{} for _ in range(groups)]
        for c, t in enumerate(self.classes):
            for g, rating in enumerate(alive.ratings):
                slot = CLASS_SLOT[public_class(rating, t.positive, t.neutral)]
                slots[c, g] = slot
                taken[g].setdefault(slot, c)
        taken[groups - 1][0] = 0
        weights = np.zeros((groups, 4, 4, 3), dtype=np.int64)  # group, slot, window, outcome
        counts = np.zeros((groups, 4, 4), dtype=np.int64)
        clients = [[[0] * 4 for _ in range(4)] for _ in range(groups)]  # bit sets of clients
        ever = era.lifetime_clients
        counted_ever = [[0] * 4 for _ in range(groups)]  # bit sets of clients, in a window or not
        for i, f in enumerate(alive.facts):
            group = alive.group[i] if alive.group[i] >= 0 else groups - 1
            bit = 1 << self.client_bit(f.contract.client)
            for slot, c in taken[group].items():
                threshold = self.classes[c]
                rules = self.estimates.rules_on(
                    day,
                    base._replace(
                        public_positive=threshold.positive, public_neutral=threshold.neutral
                    ),
                )
                assert rules is not None
                state = contract_state(f, day, rules)
                if ever and state.counted:
                    counted_ever[group][slot] |= bit
                windows = windows_of(state, day)
                if not windows:
                    continue
                outcome = OUTCOMES.index(state.outcome)
                for w in windows:
                    weights[group, slot, w, outcome] += state.weight_quarters
                    counts[group, slot, w] += 1
                    clients[group][slot][w] |= bit
        rows = np.arange(groups)
        per_class = weights[rows[None, :], slots]  # (classes, groups, 4, 3)
        window_weights = per_class.sum(axis=1)
        window_counts = counts[rows[None, :], slots].sum(axis=1)
        distinct = np.zeros((len(self.classes), 4), dtype=np.int64)
        past = self.past_clients(day, base) if ever else []
        for c in range(len(self.classes)):
            row = slots[c].tolist()
            if ever:
                # Every window asks for the clients ever: those of the alive contracts that
                # count, in a window or not, and those of the contracts past every window.
                seen = past[c]
                for g in range(groups):
                    seen |= counted_ever[g][row[g]]
                distinct[c, :] = seen.bit_count()
                continue
            for w in range(4):
                seen = 0
                for g in range(groups):
                    seen |= clients[g][row[g]][w]
                distinct[c, w] = seen.bit_count()
        valid = (
            (window_counts > 0)
            & (window_counts >= era.min_contracts)
            & (distinct >= era.min_clients)
        )
        return window_weights, valid

    def past_clients(self, day: date, base: Params) -> list[int]:
        """Per threshold class: the bit set of the clients of the contracts past every window on
        `day` that still count (each state computed once per public class it takes)."""
        out = [0] * len(self.classes)
        index = self.estimates.index
        for f in index.facts:
            if f.contract.started > day or index.horizon[f.id] >= day:
                continue
            fb = f.feedback_on(day)
            rating = fb.public if fb is not None else None
            bit = 1 << self.client_bit(f.contract.client)
            counted_by_slot: dict[int, bool] = {}
            for c, threshold in enumerate(self.classes):
                slot = 0
                if rating is not None:
                    slot = CLASS_SLOT[public_class(rating, threshold.positive, threshold.neutral)]
                if slot not in counted_by_slot:
                    rules = self.estimates.rules_on(
                        day,
                        base._replace(
                            public_positive=threshold.positive, public_neutral=threshold.neutral
                        ),
                    )
                    assert rules is not None
                    counted_by_slot[slot] = contract_state(f, day, rules).counted
                if counted_by_slot[slot]:
                    out[c] |= bit
        return out
