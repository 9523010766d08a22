"""Plan (jss-model.md section 10): how many contracts like this reach a target by a date."""

from __future__ import annotations

import json
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from tests.engine.build import LogBuilder, d
from tracker.cli import run
from tracker.engine.numbers import out4
from tracker.engine.plan import (
    MAX_ASSUMED_CONTRACTS,
    PLAN_MAX_MONTHS,
    Plan,
    PlanRequest,
    assumed_log,
    latest_by,
    median_cents,
    plan_amount,
    plan_report,
)
from tracker.engine.reports import score_report
from tracker.io.json_format import export_json
from tracker.records.model import Log

AS_OF = d("2026-11-26")


def request(
    target: float,
    by: str | None = None,
    amount: float | None = None,
    stars: float = 5.0,
    private: int | None = None,
    per_month: int = 2,
    as_of: date = AS_OF,
) -> PlanRequest:
    return PlanRequest.from_options(
        as_of, target, d(by) if by else None, amount, stars, private, per_month
    )


def dented() -> Log:
    """Ten good jobs over the last year and two poor ones lately: 87.5 now."""
    b = LogBuilder()
    for i in range(10):
        day = (d("2025-12-01") + timedelta(days=30 * i)).isoformat()
        b.job(f"g{i}", f"c{i}", day, ended=day, pays=[(day, 400)], stars=5)
    b.job("p1", "x", "2026-10-01", ended="2026-10-05", pays=[("2026-10-05", 700)], stars=3)
    b.job("p2", "y", "2026-11-01", ended="2026-11-03", pays=[("2026-11-03", 900)], stars=4)
    return b.build()


def with_plan_contracts(log: Log, report: Plan, count: int) -> Log:
    """The log with the first `count` contracts the report lists, built here from its words."""
    b = LogBuilder()
    amount = Decimal(report.amount_cents) / 100
    for i, day in enumerate(report.contract_days[:count]):
        b.job(
            f"new{i}",
            f"new-client{i}",
            day.isoformat(),
            ended=day.isoformat(),
            pays=[(day.isoformat(), amount)],
            stars=report.stars,
            private=report.private,
        )
    extra = b.build()
    return Log(
        clients=log.clients + extra.clients,
        contracts=log.contracts + extra.contracts,
        payments=log.payments + extra.payments,
        feedback=log.feedback + extra.feedback,
    )


def score_on(log: Log, day: str) -> int | None:
    return score_report(log, d(day), None, with_next_change=False).score


@pytest.mark.parametrize(("target", "needed"), [(90, 3), (92, 6)])
def test_the_plan_reaches_the_target_on_by_and_one_fewer_does_not(target: int, needed: int) -> None:
    log = dented()
    report = plan_report(log, request(target, by="2027-03-01"), None)
    n = report.contracts_needed
    assert report.reachable is True and n == needed
    assert len(report.contract_days) == n
    assert score_on(with_plan_contracts(log, report, n), "2027-03-01") >= target
    assert score_on(with_plan_contracts(log, report, n - 1), "2027-03-01") < target
    on_by = score_report(with_plan_contracts(log, report, n), d("2027-03-01"), None).exact
    assert report.score_on_by == on_by


def test_reached_on_is_the_first_day_the_whole_score_reaches_the_target() -> None:
    log = dented()
    report = plan_report(log, request(90, by="2027-03-01"), None)
    assert report.contracts_needed is not None and report.reached_on is not None
    planned = with_plan_contracts(log, report, report.contracts_needed)
    day = report.reached_on
    assert day == d("2027-01-10")  # the day the third contract ends
    assert score_on(planned, day.isoformat()) >= 90
    for back in range(1, (day - AS_OF).days + 1):
        earlier = (day - timedelta(days=back)).isoformat()
        score = score_on(planned, earlier)
        assert score is None or score < 90, earlier


def test_the_assumed_contracts_come_at_the_pace_asked() -> None:
    report = plan_report(
        dented(), request(100, by="2027-02-01", per_month=3, amount=450, stars=4.9, private=9), None
    )
    assumption = (report.amount_cents, report.stars, report.private, report.per_month)
    assert assumption == (45_000, Decimal("4.9"), 9, 3)
    # Unreachable at 4.9 stars (and two poor jobs in the 24-month window): the list is empty.
    assert report.reachable is False and report.contract_days == ()
    assert report.contracts_possible == 6  # 2026-12-06, -16, -26, 2027-01-05, -15, -25
    full = plan_report(dented(), request(90, by="2027-02-01", per_month=3, amount=450), None)
    ends = [day.isoformat() for day in full.contract_days]
    assert (
        ends
        == ["2026-12-06", "2026-12-16", "2026-12-26", "2027-01-05", "2027-01-15", "2027-01-25"][
            : len(ends)
        ]
    )


def test_an_unreachable_target() -> None:
    log = dented()
    report = plan_report(log, request(93, by="2027-03-01"), None)
    assert report.reachable is False
    assert report.contracts_needed is None and report.reached_on is None
    assert report.contract_days == ()
    assert report.score_on_by == score_report(log, d("2027-03-01"), None).exact
    assert out4(report.score_with_all) == 91.6667 and report.contracts_possible == 6
    worse = plan_report(log, request(90, by="2027-03-01", stars=4.0), None)
    assert worse.reachable is False


def test_no_contract_needed_when_the_target_is_already_met() -> None:
    log = dented()
    now = score_on(log, "2026-11-26")
    assert now is not None
    report = plan_report(log, request(now), None)
    assert report.reachable is True and report.contracts_needed == 0
    assert report.contract_days == () and report.reached_on == d("2026-11-26")


def test_a_hidden_score_never_reaches_a_target() -> None:
    b = LogBuilder().job(
        "k1", "a", "2026-01-05", ended="2026-01-20", pays=[("2026-01-20", 400)], stars=5
    )
    report = plan_report(b.build(), request(0, by="2026-12-10"), None)
    assert report.reachable is False and report.score_on_by is None
    assert report.contracts_possible == 0


def test_one_new_contract_makes_a_single_client_log_shown() -> None:
    b = LogBuilder().job(
        "k1", "a", "2026-01-05", ended="2026-01-20", pays=[("2026-01-20", 400)], stars=5
    )
    report = plan_report(b.build(), request(90), None)
    assert report.contracts_needed == 1 and report.reached_on == d("2026-12-11")


def test_by_defaults_to_six_months_later_clamped_to_the_month() -> None:
    assert request(90, as_of=d("2025-08-31")).by == d("2026-02-28")
    assert plan_report(dented(), request(90), None).by == d("2027-05-26")


def test_the_pace_is_floor_of_thirty_over_per_month() -> None:
    days = request(90, by="2026-12-31", per_month=7).end_days()
    assert days[:3] == [d("2026-11-30"), d("2026-12-04"), d("2026-12-08")]
    assert days[-1] == d("2026-12-28")
    assert request(90, by="2026-12-26", per_month=1).end_days() == [d("2026-12-26")]


def test_the_median_of_an_even_count_is_the_mean_of_the_middle_two() -> None:
    assert median_cents([30_000, 10_000, 20_001, 100_000]) == 25_001  # 250.005 -> 250.01
    assert median_cents([500, 100, 300]) == 300
    assert median_cents([7]) == 7


def test_the_default_amount_is_the_median_earned_of_the_last_24_months() -> None:
    b = LogBuilder()
    b.job("old", "a", "2024-01-01", ended="2024-11-25", pays=[("2024-11-25", 9000)])  # > 24 months
    b.job("k1", "a", "2024-11-20", ended="2024-11-26", pays=[("2024-11-26", 100)])  # just in
    b.job("k2", "b", "2025-05-01", ended="2025-05-03", pays=[("2025-05-03", 1000)], refunded=200)
    b.job("k3", "c", "2026-01-01", ended="2026-01-09", pays=[("2026-01-09", 300)])
    b.job("k4", "d", "2026-02-01", ended="2026-02-09", earned=450)  # typed schedule
    b.job("open", "e", "2026-03-01", pays=[("2026-03-02", 5000)])  # not ended
    b.job("later", "f", "2026-11-20", ended="2026-11-30", pays=[("2026-11-21", 5000)])  # ends after
    amount, source = plan_amount(b.build(), request(90))
    assert amount == Decimal("375.00")  # 100, 300, 450, 800: (300 + 450) / 2
    assert source == "the median of the 4 contracts ended in the 24 months before"
    assert plan_report(b.build(), request(90), None).amount_cents == 37_500


def test_the_amount_falls_back_to_500() -> None:
    amount, source = plan_amount(LogBuilder().build(), request(90))
    assert amount == Decimal("500.00") and source.startswith("the default")
    given, source = plan_amount(dented(), request(90, amount=123.456))
    assert given == Decimal("123.46") and source == "as given"


def test_assumed_contracts_do_not_reuse_ids() -> None:
    b = LogBuilder().job("plan-1", "plan-client-1", "2026-01-05", ended="2026-01-06")
    log = assumed_log(b.build(), request(90), Decimal(500), 2)
    assert len({c.id for c in log.contracts}) == 3 and len({c.id for c in log.clients}) == 3


@pytest.mark.parametrize(
    "bad",
    [
        dict(target=120),
        dict(target=-1),
        dict(per_month=0),
        dict(per_month=31),
        dict(stars=5.5),
        dict(private=11),
        dict(amount=0),
    ],
)
def test_requests_that_make_no_sense_are_refused(bad: dict) -> None:
    options = dict(target=90, by=None, amount=None, stars=5.0, private=None, per_month=2) | bad
    with pytest.raises(ValueError):
        PlanRequest.from_options(AS_OF, **options)


# --- the command ----------------------------------------------------------------------------------


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A database holding dented(), today being AS_OF."""
    monkeypatch.setenv("REPUTE_TODAY", AS_OF.isoformat())
    monkeypatch.delenv("REPUTE_DB", raising=False)
    path = tmp_path / "repute.sqlite3"
    source = tmp_path / "dented.json"
    source.write_bytes(export_json(dented()))
    assert run(["--db", str(path), "import", str(source)]) == 0
    return path


PLAN_KEYS = [
    "as_of",
    "target",
    "by",
    "assumption",
    "reachable",
    "contracts_needed",
    "reached_on",
    "score_on_by",
    "contracts",
]


def test_plan_command(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert run(["--db", str(db), "plan", "--target", "90", "--by", "2027-03-01", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert list(report)[: len(PLAN_KEYS)] == PLAN_KEYS
    assert report["contracts_needed"] == 3 and report["reached_on"] == "2027-01-10"
    assert list(report["assumption"]) == ["amount", "stars", "private", "per_month"]
    assert list(report["contracts"][0]) == ["ended", "amount", "stars", "private"]
    assert run(["--db", str(db), "plan", "--target", "90", "--by", "2027-03-01"]) == 0
    text = capsys.readouterr().out
    assert "3 contracts needed for 90 on 2027-03-01: " in text
    assert "with them the score reaches 90 on 2027-01-10 and stays there until 2027-03-01" in text


@pytest.mark.parametrize(
    "options",
    [
        ["--target", "120"],
        ["--target", "90", "--stars", "7"],
        ["--target", "90", "--private", "11"],
        ["--target", "90", "--per-month", "0"],
        ["--target", "90", "--by", "2026-11-26"],
        ["--target", "90", "--amount", "-5"],
        ["--target", "ninety"],
        ["--target", "90", "--by", "soon"],
        ["--target", "90", "--rules", "nope"],
        ["--target", "90", "--amount", "inf"],
        ["--target", "90", "--amount", "nan"],
        ["--target", "nan"],
        ["--target", "90", "--stars", "inf"],
        ["--target", "90", "--by", "2029-11-27"],
        ["--target", "90", "--by", "9000-12-31", "--per-month", "30"],
    ],
)
def test_plan_options_that_make_no_sense_exit_2(
    db: Path, capsys: pytest.CaptureFixture[str], options: list[str]
) -> None:
    assert run(["--db", str(db), "plan", *options]) == 2
    assert "error:" in capsys.readouterr().err


def test_a_plan_looks_at_most_36_months_ahead() -> None:
    """The bound that keeps `--by 9000-12-31 --per-month 30` from running for minutes."""
    farthest = latest_by(AS_OF)
    assert farthest == d("2029-11-26") and PLAN_MAX_MONTHS == 36
    with pytest.raises(ValueError, match="more than 36 months"):
        request(90, (farthest + timedelta(days=1)).isoformat())
    daily = request(99, farthest.isoformat(), per_month=30)
    assert len(daily.end_days()) == (farthest - AS_OF).days <= MAX_ASSUMED_CONTRACTS
    report = plan_report(dented(), daily, None)
    assert report.contracts_possible == (farthest - AS_OF).days
