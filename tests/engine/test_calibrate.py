"""Calibration (jss-model.md section 10): the grid search, the memoised estimates, the report."""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from datetime import date, timedelta
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.engine.build import LogBuilder, calibrated, d
from tests.engine.strategies import days_in_span, logs
from tests.profiles import examples
from tracker.cli import run
from tracker.engine.calendar import last_update_on_or_before, update_days
from tracker.engine.calibration.cost import OfficialEstimates, SnapshotErrors
from tracker.engine.calibration.fit import calibrate_report
from tracker.engine.calibration.grid import (
    DEFAULTS,
    GRIDS,
    ORDER,
    Params,
    changed_parameters,
    distance,
)
from tracker.engine.calibration.search import GridSearch
from tracker.engine.numbers import out4, whole_percent
from tracker.engine.reports import score_report
from tracker.engine.rules import RuleChoice, resolve, rule_set_names
from tracker.engine.score import LogIndex, evaluate
from tracker.io.json_format import export_json
from tracker.records.changes import apply_to_log
from tracker.records.model import Log, Snapshot

F = Fraction


def fr(text: str) -> Fraction:
    return Fraction(text)


# --- the grid and the search -------------------------------------------------------------------


def test_the_grids_are_those_of_the_model() -> None:
    assert ORDER == (
        "public_positive",
        "public_neutral",
        "neutral_value",
        "negative_value",
        "anchor",
        "feedback_wait_days",
        "trending",
        "clients_over",
    )
    assert GRIDS["public_positive"][0] == 4 and GRIDS["public_positive"][-1] == 5
    assert len(GRIDS["public_positive"]) == 21 and len(GRIDS["public_neutral"]) == 31
    assert GRIDS["public_neutral"][0] == 3 and GRIDS["public_neutral"][-1] == fr("4.5")
    assert GRIDS["neutral_value"] == tuple(F(k, 20) for k in range(21))
    assert GRIDS["negative_value"] == tuple(F(k - 20, 20) for k in range(21))
    assert GRIDS["anchor"] == ("last_activity", "end")
    assert GRIDS["feedback_wait_days"] == (0, 7, 14, 21)
    assert GRIDS["trending"] == (True, False)
    assert GRIDS["clients_over"] == ("24 months", "lifetime")
    expected = Params(fr("4.5"), fr("3.5"), fr("0.5"), F(0), "last_activity", 14, True, "24 months")
    assert expected == DEFAULTS


def test_distance_counts_changed_parameters_first_then_grid_steps() -> None:
    assert distance(DEFAULTS)[:2] == (0, 0)
    one_far = DEFAULTS._replace(public_positive=fr("4.1"))  # 1 changed, 8 steps
    two_near = DEFAULTS._replace(public_positive=fr("4.55"), neutral_value=fr("0.55"))
    assert distance(one_far)[:2] == (1, 8) and distance(two_near)[:2] == (2, 2)
    assert distance(one_far) < distance(two_near)
    # Equally near (4.45 and 4.55): the smaller, first in the grid.
    assert distance(DEFAULTS._replace(public_positive=fr("4.45"))) < distance(
        DEFAULTS._replace(public_positive=fr("4.55"))
    )
    assert distance(DEFAULTS._replace(trending=False))[:2] == (1, 1)


def test_changed_parameters_are_json_values() -> None:
    fit = DEFAULTS._replace(
        public_positive=fr("4.35"), anchor="end", feedback_wait_days=7, trending=False
    )
    assert changed_parameters(fit) == {
        "public_positive": 4.35,
        "anchor": "end",
        "feedback_wait_days": 7,
        "trending": False,
    }
    assert changed_parameters(DEFAULTS) == {}


# --- the memoised official estimates equal the engine's -----------------------------------------


def choice_for(params: Params) -> RuleChoice:
    return RuleChoice("fit", overrides=tuple(sorted(changed_parameters(params).items())))


grid_points = st.builds(
    Params,
    st.sampled_from(GRIDS["public_positive"][10:]),
    st.sampled_from(GRIDS["public_neutral"][:21]),
    st.sampled_from(GRIDS["neutral_value"]),
    st.sampled_from(GRIDS["negative_value"]),
    st.sampled_from(GRIDS["anchor"]),
    st.sampled_from(GRIDS["feedback_wait_days"]),
    st.booleans(),
    st.sampled_from(GRIDS["clients_over"]),
)


@settings(max_examples=examples(150), deadline=None)
@given(
    logs(max_contracts=9),
    st.lists(days_in_span(), min_size=1, max_size=4),
    st.lists(grid_points, min_size=1, max_size=4),
)
def test_memoised_estimates_equal_evaluate_with_overrides(
    log: Log, days: list[date], points: list[Params]
) -> None:
    fast = OfficialEstimates(log)
    index = LogIndex(log)
    for params in points:  # several grid points share one cache, as in a search
        for day in days:
            update = last_update_on_or_before(day)
            if update is None:
                continue
            expected = evaluate(index, update, choice_for(params)).estimate.exact
            assert fast.on_update_day(update, params) == expected


# --- the report ---------------------------------------------------------------------------------


def varied_log() -> LogBuilder:
    """Two years of work with ratings on both sides of every threshold."""
    b = LogBuilder()
    stars = [
        "5",
        "4.9",
        "4.7",
        "4.6",
        "5",
        "4.4",
        "5",
        "4.8",
        "3.9",
        "5",
        "4.65",
        "5",
        "3.2",
        "5",
        "4.75",
        "4.5",
        "5",
        "4.85",
        "4.0",
        "5",
    ]
    day = d("2023-01-10")
    for i, s in enumerate(stars):
        end = day + timedelta(days=9)
        b.job(
            f"k{i:02}",
            f"c{i % 7}",
            day.isoformat(),
            ended=end.isoformat(),
            pays=[(end.isoformat(), 300 + 97 * i)],
            stars=s,
        )
        day += timedelta(days=37)
    b.job(
        "long",
        "c9",
        "2023-03-01",
        ended="2024-02-01",
        pays=[("2023-03-30", 800), ("2023-07-01", 800), ("2023-12-20", 800)],
    )
    b.job("quiet", "c8", "2024-05-01", ended="2024-05-20", pays=[("2024-05-20", 450)])
    return b


SNAPSHOT_DAYS = [d("2024-09-01") + timedelta(days=33 * k) for k in range(10)]


def with_snapshots(log: Log, params: Params, days: list[date] = SNAPSHOT_DAYS) -> Log:
    """Snapshots of the whole official score under `params`, as a user would note them."""
    fast = OfficialEstimates(log)
    snapshots = []
    for day in days:
        exact = fast.on_snapshot(Snapshot(day, 0), params)
        assert exact is not None
        snapshots.append(Snapshot(day, whole_percent(exact)))
    return replace(log, snapshots=tuple(snapshots))


# Stricter on the public side and harsher on negatives than the defaults.
TRUE = DEFAULTS._replace(public_positive=fr("4.8"), negative_value=fr("-0.5"))


def test_calibration_recovers_a_known_threshold_exactly() -> None:
    log = with_snapshots(varied_log().build(), DEFAULTS._replace(public_positive=fr("4.8")))
    report, change = calibrate_report(log, None)
    assert report.fitted is True and report.reason is None
    assert report.parameters == {"public_positive": 4.8}
    assert report.error_before is not None and report.error_before > 10
    assert report.error_after is not None and report.error_after < F(1, 2)
    assert report.saved_as is None and change is None
    assert report.snapshots == 10


def test_calibration_fits_snapshots_made_with_two_known_parameters() -> None:
    log = with_snapshots(varied_log().build(), TRUE)
    report, _ = calibrate_report(log, None)
    assert report.fitted is True
    assert report.error_before is not None and report.error_before > 10
    assert report.error_after is not None and report.error_after < 1
    assert report.error_loo is not None and report.error_loo < 1
    assert report.parameters["public_positive"] == pytest.approx(4.8, abs=0.051)
    assert report.parameters["negative_value"] < 0


def test_the_report_points_show_recorded_default_and_fit() -> None:
    log = with_snapshots(varied_log().build(), TRUE)
    report, _ = calibrate_report(log, None)
    assert [p.day for p in report.points] == list(SNAPSHOT_DAYS)
    first = report.points[0]
    recorded = {s.date: s.jss for s in log.snapshots}
    assert first.recorded == recorded[first.day]
    assert first.official_on is not None
    assert first.default == score_report(log, first.official_on, "upwork-2024-09").exact
    assert first.fit is not None and abs(first.fit - first.recorded) < 1


def test_fewer_than_five_snapshots_give_no_fit() -> None:
    log = with_snapshots(varied_log().build(), TRUE, SNAPSHOT_DAYS[:4])
    report, change = calibrate_report(log, "mine")
    assert report.fitted is False and change is None
    assert report.reason == "needs at least 5 recorded values; you have 4"
    assert report.parameters == {} and report.saved_as is None
    assert report.error_loo is None
    assert report.error_before is not None and report.error_after == report.error_before > 0


def test_no_snapshot_at_all() -> None:
    report, change = calibrate_report(varied_log().build(), None)
    assert report.reason == "needs at least 5 recorded values; you have 0"
    assert report.error_before is None and change is None


def test_a_fit_not_half_a_point_better_is_not_kept() -> None:
    log = with_snapshots(varied_log().build(), DEFAULTS)
    report, change = calibrate_report(log, "mine")
    assert report.fitted is False and change is None
    assert report.reason == "the defaults already fit as well"
    assert report.parameters == {} and report.saved_as is None
    assert report.error_before is not None
    assert report.error_after == report.error_before < F(1, 2)
    assert report.error_loo is not None


def test_a_hidden_official_estimate_counts_as_zero() -> None:
    log = varied_log().build()
    early = [Snapshot(d("2015-01-04"), 90), Snapshot(d("2022-06-05"), 80)]  # no score / no work
    errors = SnapshotErrors(replace(log, snapshots=tuple(early)))
    assert errors.errors(DEFAULTS) == ([F(90), F(80)], F(170))
    assert errors.mean(DEFAULTS) == 85


def test_the_error_is_the_mean_distance_to_the_official_value_on_the_update_day() -> None:
    # A poor job rated between two update days moves the live estimate, not the official one.
    log = (
        varied_log()
        .job("poor", "cz", "2024-03-11", ended="2024-03-12", pays=[("2024-03-12", 500)], stars=2)
        .build()
    )
    sunday = d("2024-03-10")  # fortnightly then: the value shown on 03-16 is that of 03-10
    assert update_days(sunday, d("2024-03-16")) == [sunday]
    official = evaluate(LogIndex(log), sunday, resolve(log, None)).estimate.exact
    assert official is not None
    assert official != evaluate(LogIndex(log), d("2024-03-16"), resolve(log, None)).estimate.exact
    errors = SnapshotErrors(replace(log, snapshots=(Snapshot(d("2024-03-16"), 90),)))
    assert errors.mean(DEFAULTS) == abs(official - 90)


def test_leave_one_out_predicts_each_snapshot_from_a_fit_on_the_others() -> None:
    # Six snapshots from TRUE, one of them far off: recomputed the slow way, one log per left-out
    # snapshot, each fit from scratch.
    log = with_snapshots(varied_log().build(), TRUE, SNAPSHOT_DAYS[:6])
    odd = replace(log.snapshots[2], jss=40)
    log = replace(log, snapshots=(*log.snapshots[:2], odd, *log.snapshots[3:]))
    missed = []
    for left_out in log.snapshots:
        others = tuple(s for s in log.snapshots if s != left_out)
        fit, _ = GridSearch(SnapshotErrors(replace(log, snapshots=others))).run()
        predicted = OfficialEstimates(log).on_snapshot(left_out, fit)
        assert predicted is not None
        missed.append(abs(predicted - left_out.jss))
    report, _ = calibrate_report(log, None)
    assert report.error_loo == sum(missed, F(0)) / 6
    assert report.error_fit is not None and report.error_loo > report.error_fit


def test_progress_is_reported_once_per_chunk_of_the_grid() -> None:
    log = with_snapshots(varied_log().build(), TRUE, SNAPSHOT_DAYS[:6])
    seen: list[tuple[int, int]] = []
    calibrate_report(log, None, progress=lambda done, total: seen.append((done, total)))
    # One step per anchor rule, feedback wait and span of the clients' minimum.
    assert seen == [(k, 16) for k in range(1, 17)]


def test_a_saved_fit_is_selectable_by_name_and_kept_with_the_others() -> None:
    log = with_snapshots(varied_log().build(), TRUE)
    log = replace(
        log,
        settings=(("custom_rules", {"old": {"base": "auto", "parameters": {"anchor": "end"}}}),),
    )
    report, change = calibrate_report(log, "mine")
    assert change is not None and report.saved_as == "mine"
    assert change.label == "save rule set mine"
    saved = apply_to_log(log, change)
    assert {"old", "mine"} <= set(rule_set_names(saved))
    custom = dict(saved.settings)["custom_rules"]
    assert custom["mine"] == {"base": "auto", "parameters": report.parameters}
    assert custom["old"] == {"base": "auto", "parameters": {"anchor": "end"}}
    # Scored with --rules mine, each snapshot's update day shows the fitted official estimate.
    for point in report.points:
        assert point.official_on is not None
        scored = score_report(saved, point.official_on, "mine")
        assert scored.rules == "mine"
        assert scored.exact == point.fit
    assert resolve(saved, "mine").on(d("2025-01-01")).public_positive == fr(
        str(report.parameters["public_positive"])
    )


def test_error_numbers_are_rounded_exact_means() -> None:
    log = with_snapshots(varied_log().build(), TRUE)
    report, _ = calibrated(log, None)  # as `calibrate --json` writes it
    errors = SnapshotErrors(log)
    assert report["error_before"] == out4(errors.mean(DEFAULTS))


# --- the command ----------------------------------------------------------------------------------


def database(tmp_path: Path, log: Log) -> Path:
    path = tmp_path / "repute.sqlite3"
    source = tmp_path / "log.json"
    source.write_bytes(export_json(log))
    assert run(["--db", str(path), "import", str(source)]) == 0
    return path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(autouse=True)
def today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REPUTE_TODAY", "2026-11-26")
    monkeypatch.delenv("REPUTE_DB", raising=False)


CALIBRATE_KEYS = [
    "snapshots",
    "fitted",
    "reason",
    "error_before",
    "error_after",
    "error_loo",
    "parameters",
    "saved_as",
    "counted_agreement",
    "counted_disagreements",
]


def test_calibrate_save_makes_a_rule_set_selectable_and_exported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = database(tmp_path, with_snapshots(varied_log().build(), TRUE))
    capsys.readouterr()
    assert run(["--db", str(db), "calibrate", "--save", "mine", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert list(report)[: len(CALIBRATE_KEYS)] == CALIBRATE_KEYS
    assert report["fitted"] is True and report["saved_as"] == "mine"
    point = report["points"][-1]
    assert (
        run(
            ["--db", str(db), "score", "--as-of", point["official_on"], "--rules", "mine", "--json"]
        )
        == 0
    )
    scored = json.loads(capsys.readouterr().out)
    assert scored["rules"] == "mine" and scored["exact"] == point["fit"]
    out = tmp_path / "export.json"
    assert run(["--db", str(db), "export", str(out)]) == 0
    exported = json.loads(out.read_text(encoding="utf-8"))
    assert exported["settings"]["custom_rules"]["mine"] == {
        "base": "auto",
        "parameters": report["parameters"],
    }


def test_calibrate_without_save_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = database(tmp_path, with_snapshots(varied_log().build(), TRUE))
    before = digest(db)
    capsys.readouterr()
    assert run(["--db", str(db), "calibrate"]) == 0
    text = capsys.readouterr().out
    assert "Calibration on 10 recorded values" in text and "Not saved" in text
    assert digest(db) == before


def test_calibrate_refuses_with_four_snapshots_and_saves_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = database(tmp_path, with_snapshots(varied_log().build(), TRUE, SNAPSHOT_DAYS[:4]))
    before = digest(db)
    capsys.readouterr()
    assert run(["--db", str(db), "calibrate", "--save", "mine", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["fitted"] is False and report["saved_as"] is None
    assert report["reason"] == "needs at least 5 recorded values; you have 4"
    assert digest(db) == before
    assert run(["--db", str(db), "score", "--rules", "mine"]) == 2


@pytest.mark.parametrize("name", ["auto", "upwork-2015", " "])
def test_calibrate_save_needs_a_name_of_its_own(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    db = database(tmp_path, with_snapshots(varied_log().build(), TRUE))
    assert run(["--db", str(db), "calibrate", "--save", name]) == 2
    assert "its own name" in capsys.readouterr().err
