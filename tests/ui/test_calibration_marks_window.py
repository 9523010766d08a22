"""Tried as a new user would: on the sample, record a handful of official values and two counted
marks, press "Fit to my recorded values", read what changed and why, save it, and undo."""

from __future__ import annotations

from datetime import timedelta
from fractions import Fraction
from pathlib import Path

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot
from shell_fakes import FakeRepository
from shell_logs import AS_OF
from test_calibration_page import page_on, run_to_the_end

from tracker.engine.calibration.cost import OfficialEstimates
from tracker.engine.calibration.grid import DEFAULTS
from tracker.engine.numbers import out4, whole_percent
from tracker.engine.reports import score_report
from tracker.io.json_format import parse_repute_json
from tracker.records.changes import Change
from tracker.records.model import CountedMark, Log, Snapshot
from ui.calibration import words
from ui.theme import Theme

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "sample-profile.json"
# What the marketplace does, unknown to the user: Trending gone, negatives weigh against.
MARKETPLACE = DEFAULTS._replace(negative_value=Fraction("-0.5"), trending=False)


def sample_with_no_recorded_value(*, events: bool = True) -> Log:
    """The sample's work (and its events), before the user has noted any official value or mark."""
    sample = parse_repute_json(SAMPLE.read_bytes(), Log()).as_log()
    return Log(
        profile=sample.profile,
        settings=sample.settings,
        clients=sample.clients,
        contracts=sample.contracts,
        payments=sample.payments,
        feedback=sample.feedback,
        events=sample.events if events else (),
    )


def test_recording_values_and_marks_then_fitting_shows_what_changed_and_undo_takes_it_back(
    qtbot: QtBot, theme: Theme
) -> None:
    start = sample_with_no_recorded_value()
    page, operations = page_on(qtbot, theme, start)
    assert not page.fit_button.isEnabled()
    # Six official values, read off the marketplace every four weeks, typed in one by one.
    marketplace = OfficialEstimates(start)
    for k in range(6):
        day = AS_OF - timedelta(days=28 * k)
        exact = marketplace.on_snapshot(Snapshot(day, 0), MARKETPLACE)
        assert exact is not None
        operations.apply(Change("record", added=(Snapshot(day, whole_percent(exact)),)))
    # Two marks from the insights page: one as the model has it, one it decides differently.
    counted = [c for c in score_report(start, AS_OF).contracts if c.outcome != "excluded"]
    agreeing, differing = counted[0].id, counted[1].id
    operations.apply(
        Change(
            "mark",
            added=(
                CountedMark(agreeing, AS_OF, True),
                CountedMark(differing, AS_OF, False),
            ),
        )
    )
    assert page.fit_button.isEnabled()

    run_to_the_end(qtbot, page)
    report = page.report
    assert report is not None and report.fitted is True
    assert report.error_after is not None and report.error_before is not None
    assert report.error_after <= Fraction(1, 2) < report.error_before
    # Six whole percents leave room: the fit explains them with its own set, each move in words.
    assert report.parameters["negative_value"] < 0
    shown = page.parameters.text()
    assert shown.count("\u2022 ") == len(report.parameters)
    for name, value in report.parameters.items():
        sentence = words.parameter_sentence(name, value)
        assert sentence[0].upper() + sentence[1:] in shown.replace("&#x27;", "'")
    assert "A negative contract is worth -0." in shown
    before = out4(score_report(operations.log(), AS_OF).exact)
    assert before is not None
    assert page.estimate.isVisible()
    assert page.estimate.text().startswith(f"The estimate today: {before:.1f} with the defaults, ")
    shown_estimate = page.estimate.text()
    labels = [label.text() for label in page.figures[2].findChildren(QLabel)]
    assert labels[0].casefold() == "a new recorded value"
    assert "how far off it is likely to be" in page.figures[2].note.text()
    assert page.marks_summary.text() == "1 of 2 marks agree with the fit."
    title = operations.log().contract_by_id()[differing].title
    assert f"'{title}' does not count there; the model counts it:" in page.marks.text()

    repository = operations.repository
    assert isinstance(repository, FakeRepository)
    page.save_button.click()
    assert operations.log().setting("rules") == "my-fit"
    # What the window said the fit would show today is what the saved rules show.
    after = out4(score_report(operations.log(), AS_OF).exact)
    assert after is not None
    assert shown_estimate.endswith(f", {after:.1f} with the fit.")
    operations.undo()
    assert operations.log().setting("rules") in (None, "auto")
    assert out4(score_report(operations.log(), AS_OF).exact) == before


def test_with_too_few_values_to_fit_the_marks_are_still_compared(
    qtbot: QtBot, theme: Theme
) -> None:
    # Seen in a real window: three values and a mark, and the tab said nothing of the mark,
    # though `calibrate` on the same database lists its disagreement.
    start = sample_with_no_recorded_value(events=False)
    page, operations = page_on(qtbot, theme, start)
    counted = [c for c in score_report(start, AS_OF).contracts if c.outcome != "excluded"]
    differing = counted[0].id
    values = tuple(Snapshot(AS_OF - timedelta(days=28 * k), 90) for k in range(3))
    operations.apply(Change("record", added=(*values, CountedMark(differing, AS_OF, False))))
    assert not page.fit_button.isEnabled()
    assert page.results.isVisible()
    assert page.marks_summary.text() == "0 of 1 mark agrees with the defaults."
    title = operations.log().contract_by_id()[differing].title
    assert f"'{title}' does not count there; the model counts it:" in page.marks.text()
    assert not page.save_box.isVisible()
