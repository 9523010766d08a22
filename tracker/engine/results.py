"""What the reports answer, as typed values: exact fractions, cents, dates.

Nothing here is rounded for a reader: a score is the exact `Fraction` the model gives, money is in
cents, a day is a `date`. Each face writes them in its own words: the command line's JSON
(`tracker.cli.json_out`, 4 decimals as interface.md says), its tables, and the window.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING

from tracker.engine.calendar import WINDOW_NAMES
from tracker.engine.numbers import ShownMove, round_fraction, shown_move, whole_percent

if TYPE_CHECKING:  # only named here: the window reads results before the engine is loaded
    from tracker.engine.badges import Badges
    from tracker.engine.stats import Stats
    from tracker.engine.warnings import Warning


def four_places(value: Fraction | None) -> Decimal | None:
    """`value` as every face writes it first: rounded half up to 4 decimals (None stays None)."""
    return None if value is None else round_fraction(value, 4)


@dataclass(frozen=True)
class WindowScore:
    """One window (3m, 6m, 12m, 24m) on the day: its score (None with nothing in it), its counts."""

    name: str
    score: Fraction | None
    valid: bool
    jobs: Fraction  # the weighted number of jobs, in quarters of a job
    contracts: int
    clients: int


@dataclass(frozen=True)
class Trending:
    """The mean of the 3- and 6-month scores, valid when both are."""

    score: Fraction | None
    valid: bool


@dataclass(slots=True, unsafe_hash=True)
class ContractLine:
    """One contract as the estimate counts it on the day (`explain`).

    Never changed once made; not frozen only because a frozen dataclass's constructor costs six
    times as much, and an agency's report makes ten thousand (hashed by its fields all the same).
    """

    id: str
    outcome: str
    reason_code: str
    reason: str
    earned_cents: int
    anchor: date
    weight: Fraction  # jobs, in quarters
    tier: Fraction
    duration: int
    windows: tuple[str, ...]
    effect: Fraction | None  # the estimate with the contract minus without it
    title: str
    client: str
    kind: str
    ended: date | None


@dataclass(frozen=True)
class MoveCause:
    contract: str | None
    text: str


@dataclass(frozen=True)
class Move:
    """A day on which the estimate moves with no new activity (`forecast`)."""

    day: date
    before: Fraction | None  # None: hidden
    after: Fraction | None
    causes: tuple[MoveCause, ...]


@dataclass(frozen=True)
class ScoreReport:
    """`score`: the estimate on `as_of`, its windows, stats, badges, contracts and warnings."""

    as_of: date
    rules: str
    exact: Fraction | None  # None: hidden, for `hidden_reason`
    winner: str | None
    hidden_reason: str | None
    official: Fraction | None  # what the stats page shows, from the last update day
    official_on: date | None
    next_update: date
    windows: tuple[WindowScore, ...]  # in WINDOW_NAMES order
    trending: Trending
    stats: Stats
    badges: Badges
    contracts: tuple[ContractLine, ...]
    warnings: tuple[Warning, ...]
    next_change: Move | None = None  # asked for apart: the forecast takes longer

    @property
    def shown(self) -> bool:
        return self.exact is not None

    @property
    def score(self) -> int | None:
        """The whole percent the marketplace shows."""
        return None if self.exact is None else whole_percent(self.exact)

    def window(self, name: str) -> WindowScore:
        return self.windows[WINDOW_NAMES.index(name)]


@dataclass(frozen=True)
class Cause:
    """One step of a move between two days, with its part of the change (written at 4 places
    so that the parts add up to the written change)."""

    contract: str | None
    what: str
    delta: Decimal | None
    text: str
    day: date | None


@dataclass(frozen=True)
class Explained:
    """`explain --since`: the estimate on two days and the causes of the move between them."""

    since: date
    as_of: date
    before: Fraction | None
    after: Fraction | None
    winner_before: str | None
    winner_after: str | None
    rules_before: str | None
    rules_after: str | None
    causes: tuple[Cause, ...]

    @property
    def change(self) -> Fraction | None:
        if self.before is None or self.after is None:
            return None
        return self.after - self.before

    def shown(self, places: int = 1) -> ShownMove:
        """The move as written at `places` decimals, its parts adding up as written."""
        return shown_move(
            four_places(self.before),
            four_places(self.after),
            four_places(self.change),
            [c.delta for c in self.causes],
            places,
        )


@dataclass(frozen=True)
class Forecast:
    """`forecast`: the coming moves from `as_of` to `until`."""

    as_of: date
    until: date
    moves: tuple[Move, ...]


@dataclass(frozen=True)
class TrendPoint:
    day: date
    live: Fraction | None
    official: Fraction | None
    observed: int | None  # a recorded value since the previous point
    invites_per_week: Fraction
    proposals_per_week: Fraction


@dataclass(frozen=True)
class Trend:
    points: tuple[TrendPoint, ...]
