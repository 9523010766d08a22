"""Windows, their scores and the estimate: jss-model.md section 5.

A Tally holds, per window, integer sums (weights in quarters, weight x value in quarter-twentieths),
the number of counted contracts and how many of them each client has. Adding or removing one
contract is O(1), which makes every contract's effect and the daily sweep cheap.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from tracker.engine.calendar import WINDOW_NAMES
from tracker.engine.rules import Rules

ESTIMATE_ORDER = ("24m", "12m", "6m", "trending")
HUNDRED = Fraction(100)


@dataclass(frozen=True, slots=True)
class WindowResult:
    score: Fraction | None
    valid: bool
    jobs_quarters: int
    contracts: int
    clients: int


@dataclass(slots=True)
class Estimate:
    """The estimate on a day: `exact` is None when hidden, with the reason.

    Never changed once made; not frozen only because a frozen dataclass's constructor costs
    several times as much, and a sweep of ten years makes one a day (it holds a dict of windows,
    so it was never hashable).
    """

    exact: Fraction | None
    winner: str | None
    windows: dict[str, WindowResult]
    trending: Fraction | None
    trending_valid: bool
    hidden_reason: str | None

    @property
    def shown(self) -> bool:
        return self.exact is not None


class Tally:
    """Running sums per window (3m, 6m, 12m, 24m, in that order)."""

    __slots__ = ("clients", "count", "lifetime", "value", "weight")

    def __init__(self) -> None:
        self.value = [0, 0, 0, 0]
        self.weight = [0, 0, 0, 0]
        self.count = [0, 0, 0, 0]
        # client -> contracts in the window (a plain dict: Counter's methods are slower)
        self.clients: list[dict[str, int]] = [{}, {}, {}, {}]
        # client -> counted contracts started so far, in a window or not; kept only under rules
        # that count the clients ever (Rules.lifetime_clients), read only by them.
        self.lifetime: dict[str, int] = {}

    def add(self, w: int, weight_q: int, value_20: int, client: str, sign: int = 1) -> None:
        self.add_windows((w,), weight_q, value_20, client, sign)

    def add_windows(
        self, windows: tuple[int, ...], weight_q: int, value_20: int, client: str, sign: int = 1
    ) -> None:
        """One contract in each of `windows` (or out of them, with sign -1)."""
        # timeline.sweep inlines these lines in its loop: change both together.
        values, weights, counts, clients = self.value, self.weight, self.count, self.clients
        for w in windows:
            values[w] += sign * weight_q * value_20
            weights[w] += sign * weight_q
            counts[w] += sign
            counter = clients[w]
            left = counter.get(client, 0) + sign
            if left:
                counter[client] = left
            else:
                del counter[client]

    def add_lifetime(self, client: str, sign: int = 1) -> None:
        left = self.lifetime.get(client, 0) + sign
        if left:
            self.lifetime[client] = left
        else:
            del self.lifetime[client]

    def add_contract(
        self,
        weight_q: int,
        value_20: int,
        client: str,
        windows: tuple[int, ...],
        counted: bool,
        sign: int = 1,
    ) -> None:
        """A contract's whole part: its windows, and its client's count ever when counted."""
        self.add_windows(windows, weight_q, value_20, client, sign)
        if counted:
            self.add_lifetime(client, sign)

    def copy(self) -> Tally:
        other = Tally()
        other.value = list(self.value)
        other.weight = list(self.weight)
        other.count = list(self.count)
        other.clients = [dict(c) for c in self.clients]
        other.lifetime = dict(self.lifetime)
        return other


def window_score(value: int, weight_q: int) -> Fraction | None:
    """100 x V / W, clamped to [0, 100]; V is in quarter-twentieths, W in quarters."""
    if weight_q <= 0:
        return None
    score = Fraction(100 * value, 20 * weight_q)
    return min(max(score, Fraction(0)), HUNDRED)


def hidden_reason(rules: Rules, contracts: int, clients: int) -> str:
    """Why the 24-month window is not valid; `clients` is counted where the rules count them."""
    if rules.lifetime_clients:
        needs = f"{rules.min_clients} different clients ever"
        have = f"{clients} client{'s' if clients != 1 else ''}"
        if rules.min_contracts > 0:
            needs = f"{rules.min_contracts} contracts in the last 24 months and {needs}"
            have = f"{contracts} contract{'s' if contracts != 1 else ''} and {have}"
        return f"needs {needs}; you have {have}"
    if rules.min_contracts > 0:
        return (
            f"needs {rules.min_contracts} contracts from {rules.min_clients} different clients in"
            f" the last 24 months; you have {contracts} contract{'s' if contracts != 1 else ''}"
            f" from {clients} client{'s' if clients != 1 else ''}"
        )
    return f"needs {rules.min_clients} different clients in the last 24 months; you have {clients}"


def estimate_from(tally: Tally, rules: Rules) -> Estimate:
    """The estimate of a tally, with every window's details (see `quick_estimate` for speed)."""
    windows: dict[str, WindowResult] = {}
    ever = len(tally.lifetime) if rules.lifetime_clients else None
    for w, name in enumerate(WINDOW_NAMES):
        value, weight, count = tally.value[w], tally.weight[w], tally.count[w]
        clients = len(tally.clients[w])
        eligible = clients if ever is None else ever
        valid = count > 0 and count >= rules.min_contracts and eligible >= rules.min_clients
        score = window_score(value, weight) if count > 0 else None
        windows[name] = WindowResult(score, valid, weight, count, clients)
    s3, s6 = windows["3m"], windows["6m"]
    trending_valid = rules.trending and s3.valid and s6.valid
    trending = (s3.score + s6.score) / 2 if trending_valid else None  # type: ignore[operator]
    w24 = windows["24m"]
    if not w24.valid:
        return Estimate(
            None,
            None,
            windows,
            trending,
            trending_valid,
            hidden_reason(rules, w24.contracts, w24.clients if ever is None else ever),
        )
    best: Fraction | None = None
    winner = None
    for name in ESTIMATE_ORDER:
        if name == "trending":
            candidate, valid = trending, trending_valid
        else:
            candidate, valid = windows[name].score, windows[name].valid
        if valid and candidate is not None and (best is None or candidate > best):
            best, winner = candidate, name
    return Estimate(best, winner, windows, trending, trending_valid, None)


def hidden_estimate(reason: str) -> Estimate:
    empty = WindowResult(None, False, 0, 0, 0)
    return Estimate(None, None, {n: empty for n in WINDOW_NAMES}, None, False, reason)


def quick_estimate(
    tally: Tally,
    rules: Rules,
    skip: tuple[int, int, str, tuple[int, ...]] | None = None,
) -> Estimate:
    """The exact estimate and its winner only, in integer arithmetic (for sweeps over many days).

    Equal to `estimate_from(...).exact` and `.winner`; the window details are left out. `skip` =
    (weight_q, value_20, client, windows) leaves one contract out (for its effect).
    """
    scores: list[tuple[int, int] | None] = []
    ever: int | None = None
    if rules.lifetime_clients:
        # A skipped contract is a counted one: its client may leave the count ever too.
        ever = len(tally.lifetime)
        if skip is not None and tally.lifetime.get(skip[2]) == 1:
            ever -= 1
    counts, weights, values, clients_in = tally.count, tally.weight, tally.value, tally.clients
    min_contracts, min_clients = rules.min_contracts, rules.min_clients
    for w in range(4):
        count, weight, value = counts[w], weights[w], values[w]
        clients = len(clients_in[w])
        if skip is not None and w in skip[3]:
            count -= 1
            weight -= skip[0]
            value -= skip[0] * skip[1]
            if clients_in[w].get(skip[2]) == 1:
                clients -= 1
        if ever is not None:
            clients = ever
        if count <= 0 or weight <= 0 or count < min_contracts or clients < min_clients:
            scores.append(None)
            continue
        num = 5 * value  # 100 * V / (20 * W) = 5V / W
        if num < 0:
            num, weight = 0, 1
        elif num > 100 * weight:
            num, weight = 100, 1
        scores.append((num, weight))
    if scores[3] is None:
        return Estimate(None, None, {}, None, False, "hidden")
    candidates: list[tuple[str, tuple[int, int] | None]] = [
        ("24m", scores[3]),
        ("12m", scores[2]),
        ("6m", scores[1]),
    ]
    s3, s6 = scores[0], scores[1]
    if rules.trending and s3 is not None and s6 is not None:
        candidates.append(("trending", (s3[0] * s6[1] + s6[0] * s3[1], 2 * s3[1] * s6[1])))
    best: tuple[int, int] | None = None
    winner = None
    for name, score in candidates:
        if score is not None and (best is None or score[0] * best[1] > best[0] * score[1]):
            best, winner = score, name
    assert best is not None
    return Estimate(Fraction(best[0], best[1]), winner, {}, None, False, None)
