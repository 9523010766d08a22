"""Calibration in the window: a worker thread with progress, the report's numbers, one undoable
save.

The log is the shipped sample profile with its recorded values replaced by what the official
estimate gives under known, stricter parameters, so that a fit is found and kept.
"""

from __future__ import annotations

import threading
import time
from dataclasses import replace
from fractions import Fraction
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QDialog, QWidget
from pytestqt.qtbot import QtBot
from shell_fakes import FakeRepository
from shell_logs import AS_OF, small_log

from tracker.engine.calibration.cost import OfficialEstimates
from tracker.engine.calibration.fit import Calibration, calibrate_report
from tracker.engine.calibration.grid import DEFAULTS
from tracker.engine.calibration.marks import MarksCompared
from tracker.engine.numbers import whole_percent
from tracker.engine.reports import score_report
from tracker.engine.rules import rule_set_names
from tracker.io.json_format import parse_repute_json
from tracker.records.model import Log, Snapshot
from ui.calibration import words
from ui.calibration.page import CalibrationPage
from ui.calibration.tabs import ModelTabs
from ui.calibration.worker import running
from ui.model_page.page import ModelPage
from ui.operations import EngineReports, Operations
from ui.theme import Theme

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "sample-profile.json"
STRICTER = DEFAULTS._replace(public_positive=Fraction("4.8"), negative_value=Fraction("-0.5"))


def recorded_with(log: Log, params: object) -> Log:
    """The log's snapshots replaced by the whole official estimate under `params`."""
    fast = OfficialEstimates(log)
    snapshots = []
    for snapshot in log.snapshots:
        exact = fast.on_snapshot(snapshot, params)  # type: ignore[arg-type]
        assert exact is not None
        snapshots.append(Snapshot(snapshot.date, whole_percent(exact)))
    return replace(log, snapshots=tuple(snapshots))


@pytest.fixture(scope="module")
def fitted_log() -> Log:
    sample = parse_repute_json(SAMPLE.read_bytes(), Log()).as_log()
    return recorded_with(sample, STRICTER)


def page_on(qtbot: QtBot, theme: Theme, log: Log) -> tuple[CalibrationPage, Operations]:
    operations = Operations(FakeRepository(log), AS_OF, reports=EngineReports(), poll_interval_ms=0)
    page = CalibrationPage(operations, theme)
    qtbot.addWidget(page)
    page.resize(1100, 900)
    page.show()
    qtbot.waitUntil(lambda: not page._dirty)
    return page, operations


def run_to_the_end(qtbot: QtBot, page: CalibrationPage) -> tuple[list[tuple[int, int]], int]:
    """Start a fit; return the progress seen and how often a UI timer ticked meanwhile."""
    seen: list[tuple[int, int]] = []
    ticks = [0]
    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(lambda: ticks.__setitem__(0, ticks[0] + 1))
    timer.start()
    page.fit_button.click()
    run = page.run
    assert run is not None
    run.progressed.connect(lambda done, total: seen.append((done, total)))
    assert page.progress.isVisible() and not page.fit_button.isEnabled()
    qtbot.waitUntil(lambda: page.run is None, timeout=60_000)
    timer.stop()
    assert run.worker_thread is not None and run.worker_thread != threading.get_ident()
    return seen, ticks[0]


def test_fewer_than_five_recorded_values_say_what_is_needed(qtbot: QtBot, theme: Theme) -> None:
    page, _ = page_on(qtbot, theme, small_log())
    assert page.status.text().startswith("A fit needs at least 5 recorded values; you have 1.")
    assert not page.fit_button.isEnabled()
    page.start()
    assert page.run is None and not page.results.isVisible()


def test_the_fit_runs_in_a_worker_with_progress_and_the_window_stays_responsive(
    qtbot: QtBot, theme: Theme, fitted_log: Log, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tracker.engine.calibration.fit as calibrate

    real = calibrate.calibrate_report

    def slow_fit(log, save_name, progress=None):  # type: ignore[no-untyped-def]
        # A fit as long as a big log's (the sample's is too quick to tell a blocked window apart).
        def step(done: int, total: int) -> None:
            time.sleep(0.03)
            if progress is not None:
                progress(done, total)

        return real(log, save_name, progress=step)

    monkeypatch.setattr(calibrate, "calibrate_report", slow_fit)
    page, operations = page_on(qtbot, theme, fitted_log)
    assert page.fit_button.isEnabled()
    seen, ticks = run_to_the_end(qtbot, page)
    assert seen and seen[-1] == (16, 16)  # one step per anchor rule, wait and clients' span
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)
    assert ticks > 20, ticks
    assert not page.progress.isVisible() and page.fit_button.isEnabled()
    # The thread's own `finished` comes after the report it emitted: it is let go soon after.
    qtbot.waitUntil(lambda: running() == [], timeout=10_000)

    expected, _ = calibrate_report(fitted_log, words.DEFAULT_NAME)
    assert page.report == expected
    assert expected.error_after is not None and expected.error_before is not None
    assert expected.fitted and expected.error_after < expected.error_before - Fraction(1, 2)
    assert page.results.isVisible()
    assert [f.value.text() for f in page.figures] == [
        words.points_text(expected.error_before),
        words.points_text(expected.error_after),
        words.points_text(expected.error_loo),
    ]
    # In words: the sample's ratings between 4.5 and the fitted threshold now count as neutral.
    assert "-star review counts as neutral, not positive" in page.parameters.text()
    assert "A negative contract is worth -0.50, not 0.00" in page.parameters.text()
    assert "public rating that counts positive: 4.50 \u2192 " in page.parameters.toolTip()
    assert page.chart.points == expected.points
    assert operations.log() is fitted_log


def test_saving_applies_one_undoable_change_and_selects_the_fit(
    qtbot: QtBot, theme: Theme, fitted_log: Log
) -> None:
    page, operations = page_on(qtbot, theme, fitted_log)
    run_to_the_end(qtbot, page)
    assert page.report is not None
    repository = operations.repository
    assert isinstance(repository, FakeRepository)
    page.name.setText("auto")
    assert not page.save_button.isEnabled()
    assert "built-in rule set" in page.save_note.text()
    page.name.setText("Northbeam fit")
    assert page.save_button.isEnabled()
    before = score_report(fitted_log, AS_OF)
    page.save_button.click()

    assert len(repository.applied) == 1
    change = repository.applied[0]
    assert change.label == "use the fitted rule set 'Northbeam fit'"
    log = operations.log()
    assert log.setting("rules") == "Northbeam fit"
    assert log.setting("custom_rules") == {
        "Northbeam fit": {"base": "auto", "parameters": page.report.parameters}
    }
    assert "Northbeam fit" in rule_set_names(log)
    after = score_report(log, AS_OF)
    assert after.rules == "Northbeam fit"
    assert "in use" in page.save_note.text() and not page.save_button.isEnabled()
    assert page.results.isVisible()

    operations.undo()
    assert operations.log().settings == fitted_log.settings
    assert score_report(operations.log(), AS_OF) == before
    assert page.save_button.isEnabled()


def test_a_fit_not_worth_keeping_offers_no_save(qtbot: QtBot, theme: Theme) -> None:
    sample = parse_repute_json(SAMPLE.read_bytes(), Log()).as_log()
    page, _ = page_on(qtbot, theme, recorded_with(sample, DEFAULTS))
    run_to_the_end(qtbot, page)
    assert page.report is not None and not page.report.fitted
    assert page.summary.text().startswith("The defaults already fit as well")
    assert not page.save_box.isVisible()


def test_a_fit_can_be_stopped_and_changes_nothing(
    qtbot: QtBot, theme: Theme, fitted_log: Log
) -> None:
    page, operations = page_on(qtbot, theme, fitted_log)
    notices: list[str] = []
    operations.notice.connect(notices.append)
    page.fit_button.click()
    page.cancel()
    qtbot.waitUntil(lambda: page.run is None, timeout=60_000)
    assert notices == ["Calibration stopped; nothing changed."]
    assert page.report is None and not page.results.isVisible()


def test_the_model_entry_holds_the_settings_and_the_fit_as_tabs(
    qtbot: QtBot, operations: Operations, theme: Theme
) -> None:
    tabs = ModelTabs(operations, theme)
    qtbot.addWidget(tabs)
    tabs.show()
    assert isinstance(tabs.model_page, ModelPage)
    assert tabs.show_calibration() is tabs.calibration
    assert tabs.currentWidget() is tabs.calibration
    assert not any(isinstance(w, QDialog) and w.isVisible() for w in tabs.findChildren(QWidget))


def test_the_words_of_a_report() -> None:
    report = Calibration(
        snapshots=12,
        fitted=True,
        reason=None,
        error_before=Fraction("2.0935"),
        error_after=Fraction("0.5146"),
        error_loo=Fraction("0.5974"),
        parameters={"public_positive": 4.85, "anchor": "end"},
        saved_as=None,
        marks=MarksCompared(0, 0, ()),
        error_fit=Fraction("0.5146"),
        fit_parameters={"public_positive": 4.85, "anchor": "end"},
        points=(),
    )
    assert words.summary(report) == (
        "The fit brings the estimate from 2.09 points off your recorded values to 0.51 points "
        "on average. Predicting each value from a fit on the others, it is off by 0.60 points: "
        "that is what to expect of the next one."
    )
    assert words.parameter_lines(report) == [
        "public rating that counts positive: 4.50 \u2192 4.85",
        "windows counted from: last activity \u2192 end",
    ]
    refused = replace(
        report,
        fitted=False,
        error_before=None,
        error_fit=None,
        reason="needs at least 5 recorded values; you have 3",
    )
    assert words.summary(refused) == "Needs at least 5 recorded values; you have 3."
    assert words.name_problem(" ") == "give the rule set a name"
    assert words.name_problem("upwork-2015") is not None
    assert words.name_problem("my-thresholds") is not None
    assert words.name_problem("mine") is None
