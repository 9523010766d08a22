"""The dashboard's sentences, from report dicts in the engine's shapes."""

from __future__ import annotations

from datetime import date
from typing import Any

from ui.dashboard import texts

SHOWN: dict[str, Any] = {
    "status": "shown",
    "hidden_reason": None,
    "score": 93,
    "exact": 93.25,
    "winner": "trending",
    "official": 92.1,
    "official_on": "2024-08-25",
    "next_update": "2024-09-01",
    "windows": {
        "3m": {"score": 95.0, "valid": True, "jobs": 5.0, "contracts": 4, "clients": 3},
        "6m": {"score": 91.6667, "valid": True, "jobs": 7.5, "contracts": 6, "clients": 4},
        "12m": {"score": 88.0, "valid": True, "jobs": 12.5, "contracts": 10, "clients": 6},
        "24m": {"score": 85.2941, "valid": True, "jobs": 17.0, "contracts": 14, "clients": 1},
        "trending": {"score": 93.3333, "valid": True},
    },
    "stats": {
        "earnings_12m": 18450.0,
        "feedback_average": 4.87,
        "feedback_average_12m": 4.92,
        "would_recommend": 0.8,
        "long_term_clients": 0.25,
        "recent_holds": 0,
    },
    "badges": {
        "top_rated": {
            "has": False,
            "missing": ["score >= 90 in 11 of the last 16 weeks; 13 needed"],
        },
        "top_rated_plus": {"has": False, "missing": ["Top Rated"]},
        "rising_talent": {"has": False, "missing": ["only without a score"]},
    },
    "warnings": [
        {
            "contract": "k-2",
            "title": "API upkeep",
            "kind": "unpaid_hourly",
            "text": "'API upkeep' open, hourly, unpaid for 34 days",
            "advice": "bill the client or ask them to close it",
        }
    ],
}
HIDDEN = {
    **SHOWN,
    "status": "hidden",
    "score": None,
    "exact": None,
    "winner": None,
    "hidden_reason": "needs 2 contracts from 2 different clients in the last 24 months",
}


def test_the_headline_has_the_whole_percent_and_one_decimal() -> None:
    line = texts.headline(SHOWN)
    assert (line.percent, line.exact, line.hidden_reason) == ("93%", "93.3", None)
    assert line.best == "Best window: Trending, the mean of 3 months (95.0) and 6 months (91.7)"


def test_a_hidden_score_says_why() -> None:
    line = texts.headline(HIDDEN)
    assert line.percent == "\u2013"
    assert line.hidden_reason == HIDDEN["hidden_reason"]


def test_the_official_value_names_its_update() -> None:
    assert texts.official_text(SHOWN, date(2024, 8, 30)) == (
        "92%",
        "Repute's estimate from the update of 25 Aug 2024",
    )
    today = {**SHOWN, "official_on": "2024-08-30"}
    assert texts.official_text(today, date(2024, 8, 30)) == (
        "92%",
        "Repute's estimate from today's update",
    )
    hidden = {**SHOWN, "official": None, "official_on": None}
    assert texts.official_text(hidden, date(2024, 8, 30)) == (
        "\u2013",
        "hidden: no score shown yet (Repute's estimate)",
    )


def test_the_next_update_says_when_and_how_often() -> None:
    assert texts.next_update_text(SHOWN, date(2024, 8, 30)) == (
        "In 2 days",
        "Sun 1 Sep \u00b7 updated daily",
    )
    fortnightly = {**SHOWN, "next_update": "2024-08-25"}
    assert texts.next_update_text(fortnightly, date(2024, 8, 24)) == (
        "Tomorrow",
        "Sun 25 Aug \u00b7 updated every other Sunday",
    )


def test_windows_mark_the_winner_and_the_invalid() -> None:
    score = {
        **SHOWN,
        "windows": {**SHOWN["windows"], "12m": {**SHOWN["windows"]["12m"], "valid": False}},
    }
    cells = texts.window_cells(score)
    assert [c.name for c in cells] == ["24 months", "12 months", "6 months", "3 months", "Trending"]
    assert [c.state for c in cells] == ["valid", "invalid", "valid", "in_trending", "best"]
    assert cells[0].detail == "14 contracts, 1 client"
    assert cells[1].score == "88.0"


def test_the_stats_read_like_the_marketplace_page() -> None:
    items = {item.label: item for item in texts.stat_items(SHOWN)}
    assert items["Feedback average"].value == "4.87"
    assert items["Feedback average"].note == "last 12 months 4.92"
    assert items["Would recommend"].value == "80%"
    assert items["Earnings"].value == "$18,450"


def test_badges_say_what_is_missing_and_rising_talent_only_without_a_score() -> None:
    lines = texts.badge_lines(SHOWN)
    assert [(b.name, b.has) for b in lines] == [("Top Rated", False), ("Top Rated Plus", False)]
    assert lines[0].text == (
        "not yet: 13 of the last 16 weeks at 90 or more are needed; you have 11"
    )
    assert lines[1].text == "not yet: Top Rated"
    hidden = {
        **HIDDEN,
        "badges": {**SHOWN["badges"], "rising_talent": {"has": True, "missing": []}},
    }
    assert texts.badge_lines(hidden)[-1] == texts.BadgeLine("Rising Talent", True, "you have it")


def test_coming_up_lists_moves_with_their_first_cause() -> None:
    forecast = {
        "changes": [
            {
                "date": "2026-03-14",
                "before": 93.3,
                "after": 91.0,
                "score_before": 93,
                "score_after": 91,
                "status_before": "shown",
                "status_after": "shown",
                "causes": [
                    {"contract": "k-1", "text": "'Brand site' leaves the 6-month window"},
                    {"contract": "k-2", "text": "'Logo' leaves the 24-month window"},
                ],
            },
            {
                "date": "2026-04-02",
                "before": 91.0,
                "after": None,
                "score_before": 91,
                "score_after": None,
                "status_before": "shown",
                "status_after": "hidden",
                "causes": [{"contract": "k-3", "text": "'API' leaves the 24-month window"}],
            },
        ]
    }
    lines = texts.coming_up(forecast, None)
    assert lines[0] == texts.ComingUp(
        "14 Mar",
        "'Brand site' leaves the 6-month window (and 1 other change)",
        "93.3 \u2192 91.0",
        "down",
    )
    assert (lines[1].move, lines[1].direction) == ("91.0 \u2192 hidden", "down")
    same = {**forecast["changes"][0], "before": 82.91, "after": 82.94}
    assert texts.coming_up({"changes": [same]}, None)[0].direction == "same"
    assert texts.coming_up(None, forecast["changes"][1]) == [lines[1]]
    assert texts.coming_up({"changes": []}, None) == []


def test_warnings_keep_their_advice_and_contract() -> None:
    assert texts.warnings(SHOWN) == [
        texts.Warning(
            "'API upkeep' open, hourly, unpaid for 34 days",
            "bill the client or ask them to close it",
            "k-2",
        )
    ]


def test_the_change_since_last_week_comes_from_the_trend_points() -> None:
    points = [
        {"date": "2026-02-22", "live": 90.0},
        {"date": "2026-03-01", "live": 91.25},
    ]
    assert texts.change_since(points, date(2026, 3, 1)) == 1.25
    assert texts.change_since(points[1:], date(2026, 3, 1)) is None
    assert texts.since_text(1.25) == "+1.3"
    assert texts.since_text(-0.04) == "\u00b10.0"
