"""Lifetime eligibility: the minimum of different clients counted ever instead of in 24 months.

The story of every test: an old job for Acme in 2021, then two jobs for Beta from late 2024. In
mid-2025 the last 24 months hold one client (Beta), but the freelancer has had two clients ever.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, timedelta
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.engine.build import LogBuilder, d
from tests.engine.strategies import logs, one_client_since_an_early_job, recent_days
from tests.engine.test_properties import (
    causes_add_up_to_the_change,
    effect_is_the_score_with_minus_without,
    sweep_equals_evaluating_each_day,
)
from tests.profiles import examples
from tracker.cli import run
from tracker.cli.text_planning import calibrate_text
from tracker.engine.calibration.cost import OfficialEstimates, SnapshotErrors
from tracker.engine.calibration.fit import calibrate_report
from tracker.engine.calibration.grid import DEFAULTS
from tracker.engine.calibration.search import GridSearch
from tracker.engine.explain import explain_between
from tracker.engine.forecast import forecast
from tracker.engine.numbers import round_fraction
from tracker.engine.plan import PlanRequest, plan_report
from tracker.engine.rules import ERA_BY_NAME, RuleChoice, resolve
from tracker.engine.score import LogIndex, evaluate
from tracker.engine.timeline import sweep
from tracker.engine.whatif import whatif_report
from tracker.io.json_format import export_json
from tracker.records.changes import apply_to_log
from tracker.records.model import Log, Snapshot

LIFETIME = {"clients_over": "lifetime"}
EVER = RuleChoice("ever", overrides=(("clients_over", "lifetime"),))
BY_DATE = RuleChoice("auto")
DAY = d("2025-06-01")


def acme_then_beta() -> LogBuilder:
    b = LogBuilder()
    # Past every window by 2025 (its last date + 24 months is 2023-04-01): counted, in no window.
    b.job("old", "acme", "2021-03-01", "2021-04-01", pays=[("2021-04-01", 500)], stars=5)
    b.job("b1", "beta", "2024-10-01", "2024-10-15", pays=[("2024-10-15", 400)], stars=5)
    b.job("b2", "beta", "2025-01-05", "2025-01-20", pays=[("2025-01-20", 400)], stars=4)
    return b


def with_own_rules(log: Log, base: str = "auto") -> Log:
    rule_set = {"ever": {"base": base, "parameters": LIFETIME}}
    return replace(log, settings=(("custom_rules", rule_set), ("rules", "ever")))


def test_one_client_in_24_months_is_hidden_by_default_and_shown_under_lifetime() -> None:
    index = LogIndex(acme_then_beta().build())
    by_date = evaluate(index, DAY, BY_DATE).estimate
    assert by_date.exact is None
    assert by_date.hidden_reason == (
        "needs 2 contracts from 2 different clients in the last 24 months;"
        " you have 2 contracts from 1 client"
    )
    ever = evaluate(index, DAY, EVER).estimate
    # b1 positive (weight 1), b2 a 4-star neutral (0.5): (1 + 0.5) / 2 = 75.
    assert ever.exact == Fraction(75)
    assert ever.windows["24m"].clients == 1  # what the window holds is still shown as it is
    assert evaluate(index, DAY, EVER, full=False).estimate == ever


def test_under_lifetime_the_reason_names_the_clients_ever() -> None:
    b = LogBuilder()
    b.job("b1", "beta", "2024-10-01", "2024-10-15", pays=[("2024-10-15", 400)], stars=5)
    b.job("b2", "beta", "2025-01-05", "2025-01-20", pays=[("2025-01-20", 400)], stars=5)
    estimate = evaluate(LogIndex(b.build()), DAY, EVER).estimate
    assert estimate.exact is None
    assert estimate.hidden_reason == (
        "needs 2 contracts in the last 24 months and 2 different clients ever;"
        " you have 2 contracts and 1 client"
    )


def test_a_client_counts_ever_only_through_a_job_that_counts() -> None:
    b = acme_then_beta()
    b.clients["acme"] = replace(b.clients["acme"], flagged=True)  # its jobs are excluded
    assert evaluate(LogIndex(b.build()), DAY, EVER).estimate.exact is None
    b = acme_then_beta()
    b.contracts[0] = replace(b.contracts[0], started=d("2025-07-01"), ended=None)
    b.payments = b.payments[1:]
    b.feedback = b.feedback[1:]
    assert evaluate(LogIndex(b.build()), DAY, EVER).estimate.exact is None  # not started yet


def test_the_option_only_acts_from_upwork_2024_09() -> None:
    # The same story a year earlier: on 2024-06-01 the rules are upwork-2023-12.
    b = LogBuilder()
    b.job("old", "acme", "2020-03-01", "2020-04-01", pays=[("2020-04-01", 500)], stars=5)
    b.job("b1", "beta", "2023-10-01", "2023-10-15", pays=[("2023-10-15", 400)], stars=5)
    b.job("b2", "beta", "2024-01-05", "2024-01-20", pays=[("2024-01-20", 400)], stars=5)
    index = LogIndex(b.build())
    assert evaluate(index, d("2024-06-01"), EVER).estimate.exact is None
    forced = RuleChoice(
        "ever-2024", forced=ERA_BY_NAME["upwork-2024-09"], overrides=(("clients_over", "lifetime"),)
    )
    assert evaluate(index, d("2024-06-01"), forced).estimate.exact == 100


def test_the_saved_rule_set_carries_the_option() -> None:
    log = with_own_rules(acme_then_beta().build())
    choice = resolve(log, None)
    rules = choice.on(DAY)
    assert rules is not None and rules.clients_over == "lifetime" and rules.lifetime_clients
    assert evaluate(LogIndex(log), DAY, choice).estimate.exact == 75
    # Anything but the exact word keeps the 24 months.
    odd = replace(
        log, settings=(("custom_rules", {"ever": {"parameters": {"clients_over": "ever"}}}),)
    )
    assert resolve(odd, "ever").on(DAY).clients_over == "24 months"  # type: ignore[union-attr]


def test_the_old_job_s_effect_is_the_whole_score_under_lifetime() -> None:
    index = LogIndex(acme_then_beta().build())
    ever = evaluate(index, DAY, EVER)
    assert ever.windows["old"] == ()
    assert ever.effect("old") is None  # without it the score is hidden
    assert evaluate(index, DAY, BY_DATE).effect("old") is None  # hidden either way


def test_the_sweep_shows_the_score_from_the_second_job_under_lifetime() -> None:
    index = LogIndex(acme_then_beta().build())
    series = sweep(index, EVER, d("2024-10-01"), d("2025-03-01"))
    assert series.on(d("2024-10-14")).exact is None  # b1 still open, no feedback
    assert series.on(d("2025-01-19")).exact is None  # one contract in 24 months
    assert series.on(d("2025-01-20")).exact == 75
    plain = sweep(index, BY_DATE, d("2024-10-01"), d("2025-03-01"))
    assert all(e.exact is None for e in plain.estimates)


def test_explain_finds_the_second_job_counting_and_nothing_of_the_old_one() -> None:
    index = LogIndex(acme_then_beta().build())
    result = explain_between(index, EVER, d("2025-01-01"), DAY)
    assert result.before.exact is None and result.after.exact == 75
    counts = [(c.contract, c.day, c.text) for c in result.causes if c.what == "counts"]
    assert counts == [("b2", d("2025-01-20"), "'b2' counts neutral: feedback public 4.0")]
    assert "old" not in {c.contract for c in result.causes}  # counted all along, in no window


def test_explain_names_the_old_job_when_its_feedback_arrives_out_of_every_window() -> None:
    b = acme_then_beta()
    b.feedback = [f for f in b.feedback if f.contract != "old"]
    b.fb("old", "2025-03-01", stars=5)  # late feedback: it counts from then, in no window
    index = LogIndex(b.build())
    result = explain_between(index, EVER, d("2025-02-01"), DAY)
    assert result.before.exact is None and result.after.exact == 75
    assert [(c.contract, c.day) for c in result.causes if c.what == "counts"] == [
        ("old", d("2025-03-01"))
    ]


def test_forecast_sees_the_score_hide_when_the_beta_jobs_get_old() -> None:
    log = acme_then_beta().build()
    moves = forecast(log, DAY, EVER).moves
    hides = [m for m in moves if m.before.shown and not m.after.shown]
    # b1 leaves the 24-month window the day after 2026-10-15: one contract left, hidden.
    assert [m.day for m in hides] == [date(2026, 10, 16)]


def test_whatif_removing_the_old_job_hides_the_score_under_lifetime() -> None:
    log = with_own_rules(acme_then_beta().build())
    without = replace(
        log,
        contracts=tuple(c for c in log.contracts if c.id != "old"),
        payments=tuple(p for p in log.payments if p.contract != "old"),
        feedback=tuple(f for f in log.feedback if f.contract != "old"),
    )
    report = whatif_report(log, without, DAY, None)
    assert report.before.score == 75
    assert report.after.score is None
    assert [c.contract for c in report.causes] == ["old"]


def test_plan_needs_no_new_job_under_lifetime_but_one_new_client_by_date() -> None:
    log = acme_then_beta().build()
    request = PlanRequest.from_options(DAY, 70, DAY + timedelta(days=60), None, 5, None, 2)
    assert plan_report(with_own_rules(log), request, None).contracts_needed == 0
    assert plan_report(log, request, None).contracts_needed == 1
    # Without the old job, lifetime needs the new client too.
    beta_only = replace(
        log,
        contracts=tuple(c for c in log.contracts if c.id != "old"),
        payments=tuple(p for p in log.payments if p.contract != "old"),
        feedback=tuple(f for f in log.feedback if f.contract != "old"),
    )
    assert plan_report(with_own_rules(beta_only), request, None).contracts_needed == 1


def test_the_fit_finds_lifetime_when_the_recorded_values_need_it() -> None:
    b = acme_then_beta()
    for day, jss in (("2025-02-01", 75), ("2025-03-01", 75), ("2025-04-01", 75)):
        b.snapshots.append(Snapshot(d(day), jss))
    b.snapshots += [Snapshot(d("2025-05-01"), 75), Snapshot(d("2025-06-01"), 75)]
    log = b.build()
    made = DEFAULTS._replace(clients_over="lifetime")
    fast = OfficialEstimates(log)
    assert fast.on_snapshot(log.snapshots[0], DEFAULTS) is None
    assert fast.on_snapshot(log.snapshots[0], made) == 75
    errors = SnapshotErrors(log)
    assert errors.mean(DEFAULTS) == 75 and errors.mean(made) == 0
    search = GridSearch(errors)
    each = search.chunk_errors("last_activity", 14, "lifetime")
    pairs = [(k.positive, k.neutral) for k in search.classes]
    defaults = pairs.index((DEFAULTS.public_positive, DEFAULTS.public_neutral))
    assert float(each[:, defaults, 0, 10, 20].max()) == 0.0  # Trending on, values 0.5 and 0
    assert float(search.chunk_errors("last_activity", 14, "24 months")[:, defaults].min()) == 75
    fit, _ = search.run()
    assert fit == made


# --- saved with the user's rule set, exported with the log's settings -----------------------------


def test_a_lifetime_rule_set_survives_the_database_and_the_export(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REPUTE_TODAY", DAY.isoformat())
    monkeypatch.delenv("REPUTE_DB", raising=False)
    source = tmp_path / "log.json"
    source.write_bytes(export_json(with_own_rules(acme_then_beta().build())))
    first, second = tmp_path / "first.sqlite3", tmp_path / "second.sqlite3"
    assert run(["--db", str(first), "import", str(source)]) == 0
    exported = tmp_path / "export.json"
    assert run(["--db", str(first), "export", str(exported)]) == 0
    settings = json.loads(exported.read_text(encoding="utf-8"))["settings"]
    assert settings["custom_rules"]["ever"] == {"base": "auto", "parameters": LIFETIME}
    assert run(["--db", str(second), "import", str(exported)]) == 0
    capsys.readouterr()
    for db in (first, second):
        assert run(["--db", str(db), "score", "--json"]) == 0
        scored = json.loads(capsys.readouterr().out)
        assert (scored["rules"], scored["score"]) == ("ever", 75)
        assert run(["--db", str(db), "score", "--rules", "auto", "--json"]) == 0
        assert json.loads(capsys.readouterr().out)["score"] is None


def test_a_fit_that_found_lifetime_is_saved_with_it() -> None:
    b = acme_then_beta()
    b.snapshots += [Snapshot(d(day), 75) for day in ("2025-02-01", "2025-03-01", "2025-04-01")]
    b.snapshots += [Snapshot(d("2025-05-01"), 75), Snapshot(d("2025-06-01"), 75)]
    report, change = calibrate_report(b.build(), "mine")
    assert report.parameters == LIFETIME and change is not None
    saved = apply_to_log(b.build(), change)
    assert evaluate(LogIndex(saved), DAY, resolve(saved, "mine")).estimate.exact == 75
    assert "two different clients counted over: 24 months -> lifetime" in calibrate_text(report)


# --- the engine's invariants where lifetime eligibility decides ---------------------------------


@settings(max_examples=examples(40), deadline=None)
@given(one_client_since_an_early_job(), recent_days(), st.integers(20, 120))
def test_the_sweep_equals_each_day_from_scratch(log: Log, first: date, length: int) -> None:
    sweep_equals_evaluating_each_day(log, first, length)


@settings(max_examples=examples(60), deadline=None)
@given(one_client_since_an_early_job(), recent_days())
def test_each_effect_is_the_score_with_minus_without(log: Log, day: date) -> None:
    effect_is_the_score_with_minus_without(log, day)


@settings(max_examples=examples(40), deadline=None)
@given(one_client_since_an_early_job(), recent_days(), st.integers(1, 400))
def test_the_causes_of_a_move_add_up(log: Log, t1: date, gap: int) -> None:
    causes_add_up_to_the_change(log, t1, gap)


@settings(max_examples=examples(40), deadline=None)
@given(one_client_since_an_early_job(), logs(max_contracts=4), recent_days())
def test_what_if_causes_add_up(log: Log, other: Log, day: date) -> None:
    # The early job removed (the first of each), other jobs and clients added under new ids.
    changed = replace(
        log,
        contracts=log.contracts[1:]
        + tuple(replace(c, id=f"o{c.id}", client=f"o{c.client}") for c in other.contracts),
        payments=log.payments[1:]
        + tuple(replace(p, contract=f"o{p.contract}") for p in other.payments),
        feedback=log.feedback[1:]
        + tuple(replace(f, contract=f"o{f.contract}") for f in other.feedback),
        clients=log.clients + tuple(replace(c, id=f"o{c.id}") for c in other.clients),
    )
    report = whatif_report(log, changed, day, None)
    if report.change is None:
        assert all(c.delta is None for c in report.causes)
        return
    total = sum(c.delta or 0 for c in report.causes)
    assert total == round_fraction(report.change, 4)
