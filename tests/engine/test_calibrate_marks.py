"""Counted marks in the calibration (jss-model.md section 10): each mark compared with the model's
decision on its date, the agreement, every disagreement with the model's reason, the fit
preferring more agreeing marks among sets of equal error, and marks reported without a fit."""

from __future__ import annotations

from datetime import date, timedelta

from tests.engine.build import LogBuilder, calibrated, d
from tests.engine.test_calibrate import with_snapshots
from tracker.cli.text_planning import calibrate_text
from tracker.engine.calibration.fit import calibrate_report
from tracker.engine.calibration.grid import DEFAULTS


def history() -> LogBuilder:
    """A year of five-star and one-star jobs for four clients, every one paid."""
    b = LogBuilder()
    for i in range(10):
        start = date(2023, 6, 5) + timedelta(days=30 * i)
        end = (start + timedelta(days=10)).isoformat()
        stars = 1 if i == 4 else 5
        b.job(f"k{i}", f"c{i % 4}", start.isoformat(), ended=end, pays=[(end, 400)], stars=stars)
    return b


DAYS = [d("2024-06-02") + timedelta(days=14 * k) for k in range(6)]


def test_marks_that_agree_are_counted_and_each_disagreement_has_the_model_s_reason() -> None:
    log = (
        history()
        .job(
            "logo", "c1", "2024-08-01", ended="2024-08-20", pays=[("2024-08-20", 300)], title="Logo"
        )
        .mark("k1", "2024-06-02", True)  # five stars: counted, as listed
        .mark("k4", "2024-06-02", True)  # one star: counted negative, as listed
        .mark("logo", "2024-08-25", True)  # ended 5 days before: the model waits for feedback
        .build()
    )
    report, _ = calibrated(log, None)
    assert report["counted_agreement"] == {"marks": 3, "agree": 2}
    assert report["counted_disagreements"] == [
        {
            "contract": "logo",
            "date": "2024-08-25",
            "marked": True,
            "model": False,
            "reason_code": "awaiting_feedback",
            "reason": "'Logo' counts there; the model excludes it: ended, waiting for feedback"
            " (14 days): not counted yet",
        }
    ]


def test_too_few_snapshots_still_report_the_marks() -> None:
    log = history().mark("k1", "2024-06-02", False).snapshot("2024-06-02", 90).build()
    report, _ = calibrated(log, None)
    assert report["fitted"] is False and report["reason"].startswith("needs at least 5")
    assert report["counted_agreement"] == {"marks": 1, "agree": 0}
    [disagreement] = report["counted_disagreements"]
    assert disagreement["marked"] is False and disagreement["model"] is True
    assert disagreement["reason"] == (
        "'k1' does not count there; the model counts it: positive by its feedback (public 5.0)"
    )
    text = calibrate_text(calibrate_report(log, None)[0])
    assert "Counted marks: 0 of 1 agree with the model (the defaults)" in text
    assert "'k1' does not count there; the model counts it" in text


def test_a_log_without_marks_reports_zero_and_an_empty_list() -> None:
    report, _ = calibrated(history().build(), None)
    assert report["counted_agreement"] == {"marks": 0, "agree": 0}
    assert report["counted_disagreements"] == []


def with_a_late_zero_dollar_job(counted: bool | None) -> LogBuilder:
    """After the last snapshot, a $0 job rated 4.2 (the only rating between 1 and 5): it changes
    no recorded value, so every neutral threshold fits them equally; only a mark tells which."""
    b = history().job("free", "c2", "2024-10-01", ended="2024-10-05", stars="4.2")
    if counted is not None:
        b.mark("free", "2024-10-20", counted)
    return b


def test_among_sets_of_equal_error_the_fit_takes_the_one_more_marks_agree_with() -> None:
    fits = {}
    for counted in (None, False, True):
        log = with_snapshots(with_a_late_zero_dollar_job(counted).build(), DEFAULTS, DAYS)
        report, _ = calibrated(log, None)
        fits[counted] = report
    # Without a mark, or with one the defaults agree with, the defaults stay.
    assert fits[None]["fit_parameters"] == {} and fits[False]["fit_parameters"] == {}
    # Listed as counting: the model can count a $0 job only as negative, so the fit takes the
    # nearest neutral threshold above 4.2, at no cost in error.
    assert fits[True]["fit_parameters"] == {"public_neutral": 4.25}
    assert fits[True]["error_fit"] == fits[None]["error_fit"]
    assert fits[True]["fitted"] is False  # not 0.5 better: the defaults stay, and report the mark
    assert fits[True]["counted_agreement"] == {"marks": 1, "agree": 0}
    assert fits[True]["counted_disagreements"][0]["reason_code"] == "zero_earned"
