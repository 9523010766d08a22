"""The sample profile: remade by its script, valid, and telling the story it promises."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from bench.make_sample_profile import OUT, build, one_record_a_line
from bench.repute_check import problems
from tracker.engine.reports import score_report, trend_report
from tracker.io.json_format import parse_repute_json
from tracker.records.model import Log

LAST_DAY = date(2026, 11, 20)


@pytest.fixture(scope="module")
def document() -> dict[str, object]:
    loaded = json.loads(OUT.read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


@pytest.fixture(scope="module")
def log() -> Log:
    return parse_repute_json(OUT.read_bytes(), Log()).as_log()


def rows(document: dict[str, object], table: str) -> list[dict[str, object]]:
    found = document[table]
    assert isinstance(found, list)
    return found


def test_the_shipped_file_is_what_the_script_makes() -> None:
    assert OUT.read_text(encoding="utf-8") == one_record_a_line(build())


def test_the_file_keeps_every_rule_and_ends_on_the_last_day(document: dict[str, object]) -> None:
    assert problems(document, last_day=LAST_DAY) == []
    parse_repute_json(json.dumps(document).encode(), Log())


def test_the_history_has_the_size_of_three_busy_years(document: dict[str, object]) -> None:
    assert 35 <= len(rows(document, "contracts")) <= 45
    assert len(rows(document, "clients")) == 25
    assert 250 <= len(rows(document, "invites")) <= 350
    assert 120 <= len(rows(document, "proposals")) <= 180
    assert len(rows(document, "snapshots")) >= 10
    assert [e["kind"] for e in rows(document, "events")].count("account_hold") == 1


def test_the_history_has_every_turn_of_the_story(log: Log) -> None:
    contracts = log.contract_by_id()
    paid_days: dict[str, list[date]] = {}
    for payment in log.payments:
        paid_days.setdefault(payment.contract, []).append(payment.date)
    rated = {f.contract for f in log.feedback}

    assert any(c.end_reason == "deadline" and c.closed_by == "client" for c in log.contracts)
    assert any(f.stars is not None and float(f.stars) == 3.8 for f in log.feedback)
    assert any(
        f.private is not None and f.private <= 6 and f.private_is_guess for f in log.feedback
    )
    assert any(f.kind == "interim" and contracts[f.contract].kind == "hourly" for f in log.feedback)
    assert any(
        c.kind == "hourly" and c.ended is None and (LAST_DAY - max(paid_days[c.id])).days == 40
        for c in log.contracts
        if c.id in paid_days
    )
    assert any(
        c.ended is not None
        and c.id not in rated
        and c.id in paid_days
        and (max(paid_days[c.id]) - min(paid_days[c.id])).days >= 90
        for c in log.contracts
    )


def invites_per_week(log: Log, first: date, last: date) -> float:
    count = sum(first <= invite.date <= last for invite in log.invites)
    return count / (((last - first).days + 1) / 7)


def test_invites_dip_after_the_score_drops(log: Log) -> None:
    before = invites_per_week(log, date(2025, 3, 1), date(2025, 6, 30))
    during = invites_per_week(log, date(2025, 8, 1), date(2025, 11, 30))

    assert during < before / 3


def test_the_estimate_sits_near_95_falls_to_the_mid_80s_and_recovers(log: Log) -> None:
    def exact(day: date) -> float:
        value = score_report(log, day).exact
        assert value is not None
        return float(value)

    assert 92 <= exact(date(2025, 6, 1)) <= 98
    dip = [exact(date(2025, 8, 1) + timedelta(days=14 * k)) for k in range(10)]
    assert min(dip) >= 82 and max(dip) <= 88
    assert 93 <= exact(LAST_DAY) <= 97


def test_the_recorded_values_are_close_to_the_official_estimate(log: Log) -> None:
    points = trend_report(log, date(2023, 12, 1), LAST_DAY, step="day").points
    pairs = [(p.observed, p.official) for p in points if p.observed is not None]

    assert len(pairs) == len(log.snapshots)
    assert all(official is not None and abs(seen - official) <= 2 for seen, official in pairs)


def test_the_script_writes_where_it_is_told(tmp_path: Path) -> None:
    from bench.make_sample_profile import main

    assert main([str(tmp_path / "sample.json")]) == 0
    assert (tmp_path / "sample.json").read_bytes() == OUT.read_bytes()
