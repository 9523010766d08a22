"""`plan` says what happens, and every day it names is checked against `score` on that day.

The sample profile on 2026-11-26 (95.0 now) falls below 90 on 2027-05-30 and is back above it on
2027-07-25 with no new work: the shape behind issue 13's three contradictions.
"""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from pathlib import Path

import pytest

from tracker.cli import run
from tracker.engine.plan import PlanRequest, latest_by, plan_report
from tracker.store.repository import Repository

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "resources" / "sample-profile.json"
TODAY = "2026-11-26"


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("plan") / "repute.sqlite3"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("REPUTE_TODAY", TODAY)
        assert run(["--db", str(path), "import", str(SAMPLE)]) == 0
    return path


def shown_score(db: Path, day: str, capsys: pytest.CaptureFixture[str]) -> int | None:
    """The whole score `score` shows on `day` (None when hidden)."""
    capsys.readouterr()
    assert run(["--db", str(db), "score", "--as-of", day, "--json"]) == 0
    return json.loads(capsys.readouterr().out)["score"]  # type: ignore[no-any-return]


def plan(db: Path, capsys: pytest.CaptureFixture[str], *options: str) -> str:
    capsys.readouterr()
    assert run(["--db", str(db), "plan", *options]) == 0
    return capsys.readouterr().out


def before(day: str) -> str:
    return (date.fromisoformat(day) - timedelta(days=1)).isoformat()


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REPUTE_TODAY", TODAY)


def test_no_contract_needed_says_the_score_dips_on_the_way(
    sample_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = plan(sample_db, capsys, "--target", "90", "--by", "2027-11-26")
    match = re.search(
        r"No new contract needed for 90 on 2027-11-26: the score is at 90 or more now, falls below"
        r" it on (\S+) and is back at 90 or more from (\S+) until 2027-11-26",
        text,
    )
    assert match, text
    below, back = match.groups()
    score = {day: shown_score(sample_db, day, capsys) for day in (before(below), below, back)}
    assert score[before(below)] >= 90 > score[below]  # type: ignore[operator]
    assert score[back] >= 90  # type: ignore[operator]
    assert shown_score(sample_db, before(back), capsys) < 90  # type: ignore[operator]
    assert "reaches 90 on" not in text


def test_a_score_already_above_the_target_is_never_said_to_reach_it_later(
    sample_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = plan(sample_db, capsys, "--target", "95", "--by", "2027-06-01")
    match = re.search(
        r"(\d+) contracts? needed for 95 on 2027-06-01: the score is 95% \(95\.0\) now but falls"
        r" below 95 on (\S+) with no new work; with (?:it|them) the score stays at 95 or more"
        r" until 2027-06-01",
        text,
    )
    assert match, text
    assert int(match[1]) >= 1
    assert shown_score(sample_db, match[2], capsys) < 95  # type: ignore[operator]
    assert shown_score(sample_db, TODAY, capsys) >= 95  # type: ignore[operator]
    assert "reaches 95 on" not in text


def test_no_contract_can_end_in_time_is_said_so_never_all_0(
    sample_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = plan(sample_db, capsys, "--target", "97", "--by", "2026-12-05")
    assert "all 0" not in text
    assert (
        "Not reachable by 2026-12-05: at 2 a month the first contract would end on 2026-12-11,"
        " after 2026-12-05;" in text
    )


def test_an_unreachable_target_says_how_far_all_the_contracts_get(
    sample_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = plan(sample_db, capsys, "--target", "99", "--by", "2026-12-20")
    assert "even the 1 such contract would give 95% (95.0) on 2026-12-20." in text
    assert shown_score(sample_db, "2026-12-20", capsys) == 94


@pytest.mark.parametrize("target", [85, 90, 93, 95, 97, 99, 100])
@pytest.mark.parametrize("months", [1, 3, 6, 9, 12, 20])
def test_the_days_a_plan_names_agree_with_the_timeline(
    sample_db: Path, target: int, months: int
) -> None:
    """With no new contract needed, `score` on each named day says what the plan says."""
    repo = Repository.open(sample_db, create=False)
    try:
        log = repo.log()
    finally:
        repo.close()
    as_of = date.fromisoformat(TODAY)
    by = min(as_of + timedelta(days=30 * months), latest_by(as_of))
    report = plan_report(log, PlanRequest.from_options(as_of, target, by, None, 5, None, 2), None)
    if report.contracts_needed != 0:
        assert report.contracts_needed is None or report.contracts_needed > 0
        return
    from tracker.engine.reports import score_report

    def shown(day: date | None) -> int:
        assert day is not None
        return score_report(log, day, None).score or 0

    reached, held, below = report.reached_on, report.held_from, report.below_from
    assert shown(reached) >= target
    assert shown(held) >= target
    assert shown(report.by) >= target
    if held != report.as_of:
        assert held is not None and shown(held - timedelta(days=1)) < target
    if below is not None:
        assert shown(below) < target
        assert reached is not None and held is not None and reached < below < held
