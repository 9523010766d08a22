"""The dashboard's sentences, from the engine's typed results."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from fractions import Fraction

from tracker.engine.badges import Badge, Badges
from tracker.engine.results import Move, MoveCause, ScoreReport, Trending, TrendPoint, WindowScore
from tracker.engine.stats import Stats
from tracker.engine.warnings import Warning as EngineWarning
from ui.dashboard import texts


def q(text: str) -> Fraction:
    return Fraction(text)


def window(name: str, score: str, jobs: str, contracts: int, clients: int) -> WindowScore:
    return WindowScore(name, q(score), True, q(jobs), contracts, clients)


SHOWN = ScoreReport(
    as_of=date(2024, 8, 30),
    rules="upwork-2023-12",
    exact=q("93.25"),
    winner="trending",
    hidden_reason=None,
    official=q("92.1"),
    official_on=date(2024, 8, 25),
    next_update=date(2024, 9, 1),
    windows=(
        window("3m", "95", "5", 4, 3),
        window("6m", "275/3", "7.5", 6, 4),
        window("12m", "88", "12.5", 10, 6),
        window("24m", "1450/17", "17", 14, 1),
    ),
    trending=Trending(q("280/3"), True),
    stats=Stats(
        earnings_12m_cents=1_845_000,
        feedback_average=q("4.87"),
        feedback_average_12m=q("4.92"),
        would_recommend=q("0.8"),
        would_recommend_guessed=0,
        long_term_clients=q("0.25"),
        recent_holds=0,
    ),
    badges=Badges(
        top_rated=Badge(False, ("score >= 90 in 11 of the last 16 weeks; 13 needed",)),
        top_rated_plus=Badge(False, ("Top Rated",)),
        rising_talent=Badge(False, ("only without a score",)),
        weeks_at_top=11,
    ),
    contracts=(),
    warnings=(
        EngineWarning(
            contract="k-2",
            title="API upkeep",
            kind="unpaid_hourly",
            text="'API upkeep' open, hourly, unpaid for 34 days",
            advice="bill the client or ask them to close it",
        ),
    ),
)
HIDDEN = replace(
    SHOWN,
    exact=None,
    winner=None,
    hidden_reason="needs 2 contracts from 2 different clients in the last 24 months",
)


def test_the_headline_has_the_whole_percent_and_one_decimal() -> None:
    line = texts.headline(SHOWN)
    assert (line.percent, line.exact, line.hidden_reason) == ("93%", "93.3", None)
    assert line.best == "Best window: Trending, the mean of 3 months (95.0) and 6 months (91.7)"


def test_a_hidden_score_says_why() -> None:
    line = texts.headline(HIDDEN)
    assert line.percent == "\u2013"
    assert line.hidden_reason == HIDDEN.hidden_reason


def test_the_official_value_names_its_update() -> None:
    assert texts.official_text(SHOWN, date(2024, 8, 30)) == (
        "92%",
        "Repute's estimate from the update of 25 Aug 2024",
    )
    today = replace(SHOWN, official_on=date(2024, 8, 30))
    assert texts.official_text(today, date(2024, 8, 30)) == (
        "92%",
        "Repute's estimate from today's update",
    )
    hidden = replace(SHOWN, official=None, official_on=None)
    assert texts.official_text(hidden, date(2024, 8, 30)) == (
        "\u2013",
        "hidden: no score shown yet (Repute's estimate)",
    )


def test_the_next_update_says_when_and_how_often() -> None:
    assert texts.next_update_text(SHOWN, date(2024, 8, 30)) == (
        "In 2 days",
        "Sun 1 Sep \u00b7 updated daily",
    )
    fortnightly = replace(SHOWN, next_update=date(2024, 8, 25))
    assert texts.next_update_text(fortnightly, date(2024, 8, 24)) == (
        "Tomorrow",
        "Sun 25 Aug \u00b7 updated every other Sunday",
    )


def test_windows_mark_the_winner_and_the_invalid() -> None:
    three, six, twelve, all_24 = SHOWN.windows
    score = replace(SHOWN, windows=(three, six, replace(twelve, valid=False), all_24))
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
    hidden = replace(HIDDEN, badges=replace(SHOWN.badges, rising_talent=Badge(True, ())))
    assert texts.badge_lines(hidden)[-1] == texts.BadgeLine("Rising Talent", True, "you have it")


def test_coming_up_lists_moves_with_their_first_cause() -> None:
    moves = (
        Move(
            date(2026, 3, 14),
            q("93.3"),
            q("91"),
            (
                MoveCause("k-1", "'Brand site' leaves the 6-month window"),
                MoveCause("k-2", "'Logo' leaves the 24-month window"),
            ),
        ),
        Move(
            date(2026, 4, 2), q("91"), None, (MoveCause("k-3", "'API' leaves the 24-month window"),)
        ),
    )
    lines = texts.coming_up(moves, date(2026, 3, 1))
    assert lines[0] == texts.ComingUp(
        "14 Mar",
        "'Brand site' leaves the 6-month window (and 1 other change)",
        "93.3 \u2192 91.0",
        "down",
    )
    assert (lines[1].move, lines[1].direction) == ("91.0 \u2192 hidden", "down")
    same = replace(moves[0], before=q("82.91"), after=q("82.94"))
    assert texts.coming_up((same,), None)[0].direction == "same"
    assert texts.coming_up(moves[1:], date(2026, 3, 1)) == [lines[1]]
    assert texts.coming_up((), None) == []
    # A move in another year than the evaluation day's says its year.
    assert texts.coming_up(moves, date(2025, 12, 1))[0].when == "14 Mar 2026"


def test_warnings_keep_their_advice_and_contract() -> None:
    assert texts.warnings(SHOWN) == [
        texts.Warning(
            "'API upkeep' open, hourly, unpaid for 34 days",
            "bill the client or ask them to close it",
            "k-2",
        )
    ]


def test_the_change_since_last_week_comes_from_the_trend_points() -> None:
    points = (
        TrendPoint(date(2026, 2, 22), q("90"), None, None, q("0"), q("0")),
        TrendPoint(date(2026, 3, 1), q("91.25"), None, None, q("0"), q("0")),
    )
    assert texts.change_since(points, date(2026, 3, 1)) == 1.25
    assert texts.change_since(points[1:], date(2026, 3, 1)) is None
    assert texts.since_text(1.25) == "+1.3"
    assert texts.since_text(-0.04) == "\u00b10.0"
