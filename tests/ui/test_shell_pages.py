"""The pages against the real engine: what they show equals what the engine reports."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import numpy as np
import pytest
from pytestqt.qtbot import QtBot
from shell_logs import AS_OF, good_job

from tracker.engine.numbers import out4
from tracker.engine.reports import explain_since_report, score_report, trend_report
from tracker.engine.results import Trend
from tracker.records.changes import Change
from ui.dashboard.page import DashboardPage
from ui.model_page.page import ModelPage
from ui.operations import Operations
from ui.theme import Theme
from ui.trend.page import TrendPage, months_before
from ui.trend.series import series_from_report
from ui.why.page import WhyPage


def shown(qtbot: QtBot, widget: object) -> None:
    qtbot.addWidget(widget)
    widget.resize(1100, 760)  # type: ignore[attr-defined]
    widget.show()  # type: ignore[attr-defined]
    if isinstance(widget, DashboardPage):
        qtbot.waitUntil(lambda: widget.score is not None)


def add_two_good_jobs(operations: Operations) -> None:
    parts = good_job("k-8", "cora", "2026-02-10") + good_job("k-9", "dune", "2026-02-20")
    operations.apply(Change("add two good jobs", added=parts))


def test_the_dashboard_shows_the_engines_estimate_and_follows_a_new_contract(
    qtbot: QtBot, operations: Operations, theme: Theme
) -> None:
    page = DashboardPage(operations, theme)
    shown(qtbot, page)
    expected = score_report(operations.log(), AS_OF)
    assert page.percent.text() == f"{expected.score}%"
    assert page.exact.text().startswith("76.9")
    add_two_good_jobs(operations)
    after = score_report(operations.log(), AS_OF)
    assert after.exact != expected.exact
    assert page.percent.text() == f"{after.score}%"
    assert page.windows.scores[0].text() == f"{out4(after.window('24m').score):.1f}"


def test_the_dashboard_lists_the_engines_warnings(
    qtbot: QtBot, operations: Operations, theme: Theme
) -> None:
    page = DashboardPage(operations, theme)
    shown(qtbot, page)
    assert any("'Upkeep' open, hourly, unpaid" in text for text in page.needs_you.texts())


def test_the_dashboards_small_trend_is_the_engines_year(
    qtbot: QtBot, operations: Operations, theme: Theme
) -> None:
    page = DashboardPage(operations, theme)
    shown(qtbot, page)
    page.refresh_trend()
    report = trend_report(operations.log(), AS_OF - timedelta(days=365), AS_OF)
    assert page.mini_trend is not None and page.mini_trend.series is not None
    np.testing.assert_array_equal(page.mini_trend.series.live, series_from_report(report).live)


def assert_chart_equals(page: TrendPage, report: Trend) -> None:
    expected = series_from_report(report)
    series = page.chart.series
    assert series is not None
    assert series.days == expected.days
    for name in ("live", "official", "observed", "invites", "proposals"):
        np.testing.assert_array_equal(getattr(series, name), getattr(expected, name))
    _x, y = page.chart.live_curve.getOriginalDataset()
    np.testing.assert_array_equal(y, expected.live)


def test_the_chart_draws_the_engines_trend_and_follows_a_change(
    qtbot: QtBot, operations: Operations, theme: Theme
) -> None:
    page = TrendPage(operations, theme)
    shown(qtbot, page)
    start = months_before(AS_OF, 12)
    assert_chart_equals(page, trend_report(operations.log(), start, AS_OF))
    before = page.chart.series
    add_two_good_jobs(operations)
    assert_chart_equals(page, trend_report(operations.log(), start, AS_OF))
    assert page.chart.series is not before


def test_the_range_buttons_ask_the_engine_for_that_range(
    qtbot: QtBot, operations: Operations, theme: Theme
) -> None:
    page = TrendPage(operations, theme)
    shown(qtbot, page)
    page.range_group.button(0).click()
    assert page.report.points[0].day == months_before(AS_OF, 6)
    page.range_group.button(3).click()
    assert page.report.points[0].day == date(2025, 3, 1)
    assert_chart_equals(page, trend_report(operations.log(), date(2025, 3, 1), AS_OF))


def test_the_chart_marks_the_events_of_the_log(
    qtbot: QtBot, operations: Operations, theme: Theme
) -> None:
    page = TrendPage(operations, theme)
    shown(qtbot, page)
    kinds = [mark.kind for mark in page.chart.marks]
    assert kinds.count("ended") == 5
    assert kinds.count("feedback") == 5
    assert kinds.count("hold") == 1
    text = page.chart.text_at(date(2025, 11, 21))
    assert "feedback on 'Job k-4': 4.9 stars" in text
    assert text.startswith("Fri 21 Nov 2025 \u00b7 estimate ")


def test_the_trend_exports_csv_and_png(
    qtbot: QtBot, operations: Operations, theme: Theme, tmp_path: Path
) -> None:
    page = TrendPage(operations, theme)
    shown(qtbot, page)
    page.export_csv(tmp_path / "trend.csv")
    lines = (tmp_path / "trend.csv").read_text().splitlines()
    assert lines[0] == "date,live,official,observed,invites_per_week,proposals_per_week"
    assert len(lines) == len(page.report.points) + 1
    assert lines[-1].startswith("2026-03-01,76.9231,76.9231,,")
    page.export_png(tmp_path / "trend.png")
    assert (tmp_path / "trend.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_dragging_a_span_asks_why(qtbot: QtBot, operations: Operations, theme: Theme) -> None:
    page = TrendPage(operations, theme)
    shown(qtbot, page)
    from ui.trend.series import to_x

    with qtbot.waitSignal(page.why_requested) as blocker:
        page.chart.show_span(to_x(date(2025, 9, 1)), to_x(date(2025, 12, 1)), final=True)
    assert blocker.args == [date(2025, 9, 1), date(2025, 12, 1)]


def test_why_explains_the_span_with_the_engines_causes(
    qtbot: QtBot, operations: Operations, theme: Theme
) -> None:
    page = WhyPage(operations, theme)
    shown(qtbot, page)
    page.explain(date(2025, 9, 1), date(2025, 12, 1))
    report = explain_since_report(operations.log(), date(2025, 9, 1), date(2025, 12, 1))
    assert page.report == report
    causes = sorted(report.causes, key=lambda c: -abs(c.delta or 0))
    assert page.cause_texts() == [c.text for c in causes if abs(c.delta or 0) >= Decimal("0.05")]
    change = out4(report.change)
    assert change is not None
    assert page.change.text() == ("+" if change > 0 else "\u2212") + f"{abs(change):.1f}"


def test_why_starts_on_the_last_move(qtbot: QtBot, operations: Operations, theme: Theme) -> None:
    page = WhyPage(operations, theme)
    shown(qtbot, page)
    assert page.report is not None
    assert page.report.change != 0
    assert page.report.as_of <= AS_OF


def test_choosing_a_rule_set_is_stored_and_the_estimate_follows(
    qtbot: QtBot, operations: Operations, theme: Theme
) -> None:
    page = ModelPage(operations, theme)
    shown(qtbot, page)
    assert operations.score().rules == "upwork-2024-09"
    index = page.rules.findData("upwork-2015")
    page.rules.setCurrentIndex(index)
    page.rules.activated.emit(index)
    assert operations.log().setting("rules") == "upwork-2015"
    assert operations.score().rules == "upwork-2015"
    engine = score_report(operations.log(), AS_OF, "upwork-2015", with_next_change=False)
    assert operations.score() == replace(engine, contracts=())  # the lines are asked apart
    assert operations.contract_lines() == engine.contracts
    operations.undo()
    assert operations.log().setting("rules") is None
    assert page.rules.currentData() == "auto"


def test_thresholds_become_the_users_rule_set(
    qtbot: QtBot, operations: Operations, theme: Theme
) -> None:
    page = ModelPage(operations, theme)
    shown(qtbot, page)
    before = operations.score().exact
    assert before is not None
    page.threshold_fields["public_positive"].setValue(2.9)
    page.threshold_fields["public_neutral"].setValue(2.0)
    page.use_thresholds()
    assert operations.log().setting("rules") == "my-thresholds"
    after = operations.score().exact
    assert after is not None and after > before


def test_thresholds_out_of_order_change_nothing(
    qtbot: QtBot, operations: Operations, theme: Theme
) -> None:
    page = ModelPage(operations, theme)
    shown(qtbot, page)
    failures: list[str] = []
    operations.failed.connect(failures.append)
    page.threshold_fields["public_neutral"].setValue(4.8)
    page.use_thresholds()
    assert operations.log().setting("rules") is None
    assert failures and "neutral threshold must be below" in failures[0]


@pytest.mark.parametrize("months", [6, 12, 24])
def test_months_before_clamps_to_the_month_end(months: int) -> None:
    assert months_before(date(2026, 8, 31), 6) == date(2026, 2, 28)
    assert months_before(date(2026, 3, 1), months).day == 1


def test_the_dashboard_lists_the_coming_moves_after_the_estimate(
    qtbot: QtBot, operations: Operations, theme: Theme
) -> None:
    from tracker.engine.reports import forecast_report

    page = DashboardPage(operations, theme)
    shown(qtbot, page)
    qtbot.waitUntil(lambda: page.mini_trend is not None)
    expected = forecast_report(operations.log(), AS_OF).moves[:3]
    assert expected
    shown_lines = page.coming_up.texts()
    assert len(shown_lines) == len(expected)
    for line, change in zip(shown_lines, expected, strict=True):
        assert change.causes[0].text in line


def test_the_3_month_window_says_it_counts_only_in_trending(
    qtbot: QtBot, operations: Operations, theme: Theme
) -> None:
    # Under "the best valid one is the estimate", a 3-month score marked plainly "valid" and above
    # the estimate read as a contradiction: it only ever counts through Trending.
    add_two_good_jobs(operations)
    page = DashboardPage(operations, theme)
    shown(qtbot, page)
    three_months = score_report(operations.log(), AS_OF).window("3m")
    names = [label.text() for label in page.windows.names]
    states = dict(zip(names, (label.text() for label in page.windows.states), strict=True))
    assert three_months.valid
    assert "in Trending only" in states["3 months"]
    assert all("Trending" not in states[n] for n in ("24 months", "12 months", "6 months"))


def test_a_window_with_no_job_says_so_once(
    qtbot: QtBot, operations: Operations, theme: Theme
) -> None:
    # Seen on an imported old statement: "no job counted" under "no job counted" in every window.
    later = AS_OF + timedelta(days=3 * 365)
    operations.set_as_of(later)
    page = DashboardPage(operations, theme)
    shown(qtbot, page)
    assert score_report(operations.log(), later).window("3m").score is None
    column = list(page.windows.names).index(
        next(label for label in page.windows.names if label.text() == "3 months")
    )
    assert "no job counted" in page.windows.states[column].text()
    assert page.windows.details[column].text() == ""


def test_why_from_a_day_without_an_estimate_says_the_other_end_and_sums_nothing(
    qtbot: QtBot, operations: Operations, theme: Theme
) -> None:
    # Seen in a real window: "No estimate on 2 Dec 2025: ..." with no word of the 77.3 at the end,
    # under a heading promising causes "adding up to the change".
    page = WhyPage(operations, theme)
    shown(qtbot, page)
    since = date(2020, 1, 1)
    page.explain(since, AS_OF)
    assert page.report is not None
    assert page.report.before is None and page.report.after is not None
    after = f"{out4(page.report.after):.1f}"
    assert page.summary.text() == (
        f"No estimate on 1 Jan 2020, {after} on 1 Mar 2026: the causes are listed without numbers."
    )
    assert page.causes_heading.text() == "CAUSES"
    page.explain(date(2025, 9, 1), date(2025, 12, 1))
    assert page.causes_heading.text() == "CAUSES · LARGEST FIRST, ADDING UP TO THE CHANGE"
