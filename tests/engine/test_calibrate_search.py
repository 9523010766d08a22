"""The global fit (jss-model.md section 10, Search revised): every grid point scored exactly as
the engine would, the best one found whatever the parameters that made the recorded values, the
same fit for the same log, ties to more agreeing marks and then to the set nearest the defaults."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.engine.build import LogBuilder, calibrated, d
from tests.engine.strategies import days_in_span, logs
from tests.engine.test_calibrate import SNAPSHOT_DAYS, fr, varied_log, with_snapshots
from tests.profiles import examples
from tracker.engine.calibration.cost import SnapshotErrors, public_class
from tracker.engine.calibration.grid import DEFAULTS, GRIDS, Params
from tracker.engine.calibration.search import GridSearch
from tracker.records.model import Log, Snapshot


def class_index(search: GridSearch, params: Params) -> int:
    """The threshold class that classes every rating of the log as `params` does."""
    wanted = [
        public_class(r, params.public_positive, params.public_neutral) for r in search.ratings
    ]
    for i, c in enumerate(search.classes):
        if [public_class(r, c.positive, c.neutral) for r in search.ratings] == wanted:
            return i
    raise AssertionError("no class for these thresholds")


grid_points = st.builds(
    Params,
    st.sampled_from(GRIDS["public_positive"]),
    st.sampled_from(GRIDS["public_neutral"][:21]),
    st.sampled_from(GRIDS["neutral_value"]),
    st.sampled_from(GRIDS["negative_value"]),
    st.sampled_from(GRIDS["anchor"]),
    st.sampled_from(GRIDS["feedback_wait_days"]),
    st.booleans(),
    st.sampled_from(GRIDS["clients_over"]),
).filter(lambda p: p.public_neutral < p.public_positive)


@settings(max_examples=examples(60), deadline=None)
@given(
    logs(max_contracts=8),
    st.lists(days_in_span(), min_size=1, max_size=4),
    st.lists(st.integers(0, 100), min_size=4, max_size=4),
    st.lists(grid_points, min_size=1, max_size=3),
)
def test_every_grid_point_is_scored_as_the_engine_scores_it(
    log: Log, days: list[date], recorded: list[int], points: list[Params]
) -> None:
    snapshots = tuple(Snapshot(day, jss) for day, jss in zip(days, recorded, strict=False))
    errors = SnapshotErrors(replace(log, snapshots=snapshots))
    search = GridSearch(errors)
    for params in points:
        each = search.chunk_errors(params.anchor, params.feedback_wait_days, params.clients_over)
        c = class_index(search, params)
        t = GRIDS["trending"].index(params.trending)
        n = GRIDS["neutral_value"].index(params.neutral_value)
        g = GRIDS["negative_value"].index(params.negative_value)
        exact = errors.errors(params)[0]
        for s, error in enumerate(exact):
            assert abs(each[s, c, t, n, g] - float(error)) < 1e-9


# Spread over the grid, Trending off among them; the first is the local-minimum case.
MADE_WITH = [
    DEFAULTS._replace(public_positive=fr("4.8"), neutral_value=fr("0.25")),
    DEFAULTS._replace(trending=False, negative_value=fr("-0.6"), public_neutral=fr("4.1")),
    DEFAULTS._replace(
        public_positive=fr("4.6"), neutral_value=fr("0.9"), anchor="end", feedback_wait_days=0
    ),
]


def test_histories_made_with_sets_across_the_grid_are_fitted_within_half_a_point() -> None:
    base = varied_log().build()
    for params in MADE_WITH:
        report, _ = calibrated(with_snapshots(base, params), None)
        assert report["error_fit"] <= 0.5, (params, report["fit_parameters"])
        assert report["error_before"] > 0.5 + report["error_fit"]
        assert report["fitted"] is True


def test_trending_off_is_found_when_the_recorded_values_never_used_it() -> None:
    # A one-star job 4 to 5 months old: in the 6-month window, no longer in the 3-month one, so
    # Trending would show far more than the 6-month score the recorded values follow.
    days = [d("2024-03-20"), d("2024-04-03"), d("2024-04-17"), d("2024-05-01"), d("2024-05-15")]
    made = DEFAULTS._replace(trending=False)
    log = with_snapshots(few_ratings_log().build(), made, days)
    errors = SnapshotErrors(log)
    assert errors.mean(DEFAULTS) > 5 + errors.mean(made)
    fit, _ = GridSearch(errors).run()
    assert fit == made


def test_the_same_log_gives_the_same_fit_whatever_the_order_of_its_snapshots() -> None:
    log = with_snapshots(varied_log().build(), MADE_WITH[1])
    shuffled = replace(log, snapshots=tuple(reversed(log.snapshots)))
    first, _ = calibrated(log, None)
    again, _ = calibrated(log, None)
    other, _ = calibrated(shuffled, None)
    assert first == again == other


def few_ratings_log() -> LogBuilder:
    """Five-star and one-star jobs only: no rating between 1 and 5 for the thresholds to split,
    and no neutral contract for the neutral value to weigh."""
    b = LogBuilder()
    for i in range(12):
        day = date(2023, 1, 5).toordinal() + 40 * i
        start = date.fromordinal(day).isoformat()
        end = date.fromordinal(day + 10).isoformat()
        b.job(
            f"k{i:02}",
            f"c{i % 4}",
            start,
            ended=end,
            pays=[(end, 500)],
            stars=1 if i in (3, 8) else 5,
        )
    return b


def test_ties_go_to_the_set_nearest_the_defaults() -> None:
    # Every threshold pair between 1 and 5 and every neutral value give the same error here: the
    # defaults stay for them, and only the negative value the recorded values need moves.
    days = [d("2024-01-10") + k * (SNAPSHOT_DAYS[1] - SNAPSHOT_DAYS[0]) for k in range(6)]
    log = with_snapshots(
        few_ratings_log().build(), DEFAULTS._replace(negative_value=fr("-0.4")), days
    )
    fit, without_each = GridSearch(SnapshotErrors(log)).run()
    assert fit.public_positive == DEFAULTS.public_positive
    assert fit.public_neutral == DEFAULTS.public_neutral
    assert fit.neutral_value == DEFAULTS.neutral_value
    assert fit.anchor == DEFAULTS.anchor
    assert SnapshotErrors(log).mean(fit) == SnapshotErrors(log).mean(
        DEFAULTS._replace(negative_value=fr("-0.4"))
    )
    assert len(without_each) == len(log.snapshots)


def test_when_nothing_tells_the_sets_apart_the_defaults_are_the_fit() -> None:
    # Five-star jobs only: no neutral or negative contract, no rating near a threshold; most of
    # the grid ties, and the tie goes to the defaults themselves.
    b = LogBuilder()
    for i in range(8):
        start = date(2023, 3, 1) + timedelta(days=45 * i)
        end = (start + timedelta(days=12)).isoformat()
        b.job(f"k{i}", f"c{i % 3}", start.isoformat(), ended=end, pays=[(end, 300)], stars=5)
    days = [d("2024-01-14") + timedelta(days=28 * k) for k in range(5)]
    log = with_snapshots(b.build(), DEFAULTS, days)
    fit, without_each = GridSearch(SnapshotErrors(log)).run()
    assert fit == DEFAULTS
    assert without_each == [DEFAULTS] * 5
