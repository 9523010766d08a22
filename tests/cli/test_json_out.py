"""The JSON of the command line is made from the typed results, at its edge only: the results
carry exact values and dates, the JSON their 4-place numbers and ISO strings, every key present."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

from tests.engine.build import LogBuilder
from tracker.cli.json_out import explained_json, score_json, trend_json
from tracker.engine.reports import explain_since_report, score_report, trend_report

SCORE_KEYS = [
    "as_of",
    "rules",
    "status",
    "hidden_reason",
    "score",
    "exact",
    "winner",
    "display",
    "official",
    "official_score",
    "official_on",
    "next_update",
    "windows",
    "stats",
    "badges",
    "contracts",
    "warnings",
]


def two_clients() -> LogBuilder:
    # k1 positive ($400: 1.25 jobs), k2 neutral (public 4.0, private 8; 1.5 jobs).
    b = LogBuilder()
    b.job("k1", "a", "2026-01-05", ended="2026-01-20", pays=[("2026-01-20", 400)], stars=5)
    b.job(
        "k2", "b", "2026-02-01", ended="2026-02-15", pays=[("2026-02-15", 1200)], stars=4, private=8
    )
    return b


def test_the_score_is_exact_in_the_result_and_at_4_places_in_the_json() -> None:
    report = score_report(two_clients().build(), date(2026, 3, 1), with_next_change=False)
    assert report.exact == Fraction(800, 11)  # 100 * 2 / 2.75
    assert report.window("24m").jobs == Fraction(11, 4)
    assert report.next_update == date(2026, 3, 2)
    written = score_json(report)
    assert list(written) == SCORE_KEYS
    assert (written["exact"], written["score"], written["display"]) == (72.7273, 73, "72.7")
    assert written["windows"]["24m"]["jobs"] == 2.75
    assert written["next_update"] == "2026-03-02"


def test_a_hidden_score_writes_every_key_with_null() -> None:
    b = LogBuilder().job(
        "k1", "a", "2026-01-05", ended="2026-01-20", pays=[("2026-01-20", 400)], stars=5
    )
    report = score_report(b.build(), date(2026, 3, 1), with_next_change=False)
    assert report.exact is None and not report.shown and report.score is None
    written = score_json(report)
    assert list(written) == SCORE_KEYS
    assert written["status"] == "hidden"
    assert written["exact"] is None and written["score"] is None and written["winner"] is None
    assert written["hidden_reason"] == report.hidden_reason


def test_the_parts_of_a_move_are_written_as_the_engine_rounded_them() -> None:
    b = two_clients()
    b.job("k0", "c", "2025-12-01", ended="2025-12-10", pays=[("2025-12-10", 300)], stars=5)
    report = explain_since_report(b.build(), date(2026, 1, 25), date(2026, 3, 1))
    assert report.change is not None and report.change < 0  # k2 ends neutral in the span
    written = explained_json(report)
    # The parts add up, as written, to the written change.
    total = sum(Fraction(str(c["delta"])) for c in written["causes"])
    assert total == Fraction(str(written["change"]))
    assert [c["date"] for c in written["causes"]] == [
        None if c.day is None else c.day.isoformat() for c in report.causes
    ]


def test_trend_rates_are_quarters_exactly() -> None:
    trend = trend_report(two_clients().build(), date(2026, 2, 27), date(2026, 3, 1))
    assert [p.day for p in trend.points] == [date(2026, 2, 27), date(2026, 2, 28), date(2026, 3, 1)]
    assert all(p.invites_per_week == 0 for p in trend.points)
    points = trend_json(trend)["points"]
    assert points[-1]["live"] == 72.7273 and points[-1]["invites_per_week"] == 0.0
