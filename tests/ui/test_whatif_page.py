"""The What if page: sandboxed changes equal the engine's what-if, nothing is written, and the plan.

Also the sandbox's steps on their own (plain data in, Change out) and the dashboard's plan line.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import timedelta
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QSettings, Qt
from PySide6.QtGui import QTextDocumentFragment
from PySide6.QtWidgets import QDialog, QLabel, QToolButton
from pytestqt.qtbot import QtBot
from shell_logs import AS_OF, d, seeded, small_log

from tracker.engine.plan import Plan, PlanRequest, plan_report
from tracker.engine.whatif import whatif_report
from tracker.records.changes import Change, apply_to_log
from tracker.records.model import Client, Contract, Feedback, Log, Payment
from tracker.store.repository import Repository
from tracker.usecases.whatif import (
    AddContract,
    ChangePrivate,
    CloseContract,
    Dispute,
    Refund,
    RemoveContract,
    StepError,
    apply_step,
    sandboxed,
)
from ui.dashboard.page import DashboardPage
from ui.main_window import MainWindow
from ui.operations import EngineReports, Operations
from ui.theme import Theme
from ui.whatif import plan_words
from ui.whatif.page import WhatIfPage
from ui.wording import one_decimal

FIVE = Decimal("5.0")


def contract(log: Log, cid: str) -> Contract:
    return log.contract_by_id()[cid]


def whatif_page(qtbot: QtBot, operations: Operations, theme: Theme) -> WhatIfPage:
    page = WhatIfPage(operations, theme)
    qtbot.addWidget(page)
    page.resize(1200, 900)
    page.show()
    qtbot.waitUntil(lambda: page.report is not None)
    return page


def table_texts(page: WhatIfPage) -> list[list[str]]:
    """The before/after table as the user reads it, row by row."""
    rows: dict[int, dict[int, str]] = {}
    for index in range(page.table.count()):
        item = page.table.itemAt(index)
        widget = item.widget() if item is not None else None
        if isinstance(widget, QLabel):
            row, column, _, _ = page.table.getItemPosition(index)
            rows.setdefault(row, {})[column] = widget.text()
    return [[rows[r].get(c, "") for c in sorted(rows[r])] for r in sorted(rows)]


def plain(html: str) -> str:
    return QTextDocumentFragment.fromHtml(html).toPlainText()


# --- the sandbox's steps -------------------------------------------------------------------------


def test_closing_an_open_contract_ends_it_and_adds_its_feedback() -> None:
    log = small_log()
    step = CloseContract("k-6", AS_OF, Decimal("3.0"), 5)
    change = step.change(log)
    old = contract(log, "k-6")
    closed = replace(old, ended=AS_OF, closed_by="client", end_reason="completed")
    assert change.removed == (old,)
    assert change.added == (closed, Feedback("k-6", AS_OF, "final", Decimal("3.0"), 5))
    assert change.label == "Close 'Upkeep' on 1 Mar 2026 with 3.0 stars, private 5"


def test_closing_with_no_feedback_adds_none() -> None:
    change = CloseContract("k-6", AS_OF).change(small_log())
    assert [type(r) for r in change.added] == [Contract]
    assert change.label.endswith("with no feedback")


@pytest.mark.parametrize(
    ("step", "problem"),
    [
        (CloseContract("k-1", AS_OF), "'Job k-1' is already closed (on 1 Apr 2025)"),
        (
            CloseContract("k-6", d("2025-12-01")),
            "the end, 1 Dec 2025, is before the start of 'Upkeep' (15 Dec 2025)",
        ),
        (CloseContract("k-99", AS_OF), "contract 'k-99' is not in the log (any more)"),
        (ChangePrivate("k-6", 3), "'Upkeep' has no feedback yet; close it with feedback instead"),
        (
            Refund("k-2", Decimal("400.01")),
            "a refund of $400.01 in all is more than the $400.00 paid",
        ),
        (Dispute("k-6", d("2025-01-01")), "the end, 1 Jan 2025, is before the start of 'Upkeep'"),
        (AddContract("Logo", Decimal("0"), AS_OF), "the amount $0.00 must be more than $0"),
    ],
)
def test_a_step_that_does_not_fit_says_why_in_one_sentence(step: object, problem: str) -> None:
    with pytest.raises(StepError) as caught:
        apply_step(small_log(), step)  # type: ignore[arg-type]
    assert str(caught.value).startswith(problem)


def test_adding_a_contract_adds_a_client_a_payment_and_feedback() -> None:
    log = small_log()
    change = AddContract("Landing page", Decimal("450"), AS_OF, FIVE, 9).change(log)
    assert change.added == (
        Client("what-if-client-1", name="New client (what if)"),
        Contract("what-if-1", "what-if-client-1", "fixed", AS_OF, "Landing page", ended=AS_OF),
        Payment("what-if-1", AS_OF, Decimal("450")),
        Feedback("what-if-1", AS_OF, "final", FIVE, 9),
    )
    for_acme = AddContract("Again", Decimal("90"), AS_OF, None, None, client="acme").change(log)
    assert [type(r) for r in for_acme.added] == [Contract, Payment]
    assert for_acme.label == "Add 'Again', $90.00 for Acme, ended 1 Mar 2026, with no feedback"


def test_a_private_score_dispute_refund_and_removal_change_what_they_say() -> None:
    log = small_log()
    k5 = contract(log, "k-5")
    private = ChangePrivate("k-5", 4).change(log)
    assert private.added[0].private == 4 and private.added[0].private_is_guess is False  # type: ignore[union-attr]
    assert private.removed == tuple(f for f in log.feedback if f.contract == "k-5")
    assert Dispute("k-5", AS_OF).change(log).added == (replace(k5, disputed=True),)
    opened = Dispute("k-6", AS_OF).change(log).added[0]
    assert opened.ended == AS_OF and opened.disputed  # type: ignore[union-attr]
    assert Refund("k-5", Decimal("50")).change(log).added == (replace(k5, refunded=Decimal("50")),)
    removal = RemoveContract("k-5").change(log)
    assert set(removal.removed) == {
        k5,
        *(p for p in log.payments if p.contract == "k-5"),
        *(f for f in log.feedback if f.contract == "k-5"),
    }


def test_steps_stack_and_one_that_no_longer_fits_is_left_out_with_its_reason() -> None:
    log = small_log()
    result = sandboxed(log, [CloseContract("k-6", AS_OF, FIVE), ChangePrivate("k-6", 2)])
    assert result.applied == 2
    assert [f.private for f in result.log.feedback if f.contract == "k-6"] == [2]
    result = sandboxed(log, [RemoveContract("k-6"), CloseContract("k-6", AS_OF)])
    assert result.applied == 1
    assert result.outcomes[1].problem == "contract 'k-6' is not in the log (any more)"
    assert result.log == apply_to_log(log, RemoveContract("k-6").change(log))


# --- the page ------------------------------------------------------------------------------------


def test_the_pages_after_equals_whatif_report_on_the_same_change(
    qtbot: QtBot, operations: Operations, theme: Theme
) -> None:
    page = whatif_page(qtbot, operations, theme)
    log = operations.log()
    form = page.form
    form.choose("close")
    picker, on, feedback = form.close_fields
    picker.setCurrentIndex(picker.findData("k-6"))
    on.setDate(QDate(2026, 2, 20))
    feedback.stars.setValue(3.0)
    feedback.private.setValue(5)
    qtbot.mouseClick(form.add_button, Qt.MouseButton.LeftButton)

    k6 = contract(log, "k-6")
    by_hand = Change(
        "close",
        removed=(k6,),
        added=(
            replace(k6, ended=d("2026-02-20"), closed_by="client", end_reason="completed"),
            Feedback("k-6", d("2026-02-20"), "final", Decimal("3.0"), 5),
        ),
    )
    expected = whatif_report(log, apply_to_log(log, by_hand), AS_OF, None)
    assert page.report == expected
    assert expected.change is not None and expected.change < 0
    estimate_row = table_texts(page)[1]
    assert plain(estimate_row[2]).endswith(one_decimal(expected.after.exact))
    assert plain(estimate_row[1]).endswith(one_decimal(expected.before.exact))
    assert page.headline.text().startswith("The estimate would fall from")
    sandbox = page.chart.sandbox
    assert sandbox is not None and page.chart.real is not None
    today = page.chart.real.days.index(AS_OF)
    assert expected.after.exact is not None
    assert sandbox.live[today] == pytest.approx(float(expected.after.exact), abs=1e-4)
    assert page.chart.text_at(today) == (
        f"1 Mar 2026 \u00b7 as logged {one_decimal(expected.before.exact)} \u00b7 "
        f"with the changes {one_decimal(expected.after.exact)}"
    )


def test_removing_a_sandbox_change_restores_before(
    qtbot: QtBot, operations: Operations, theme: Theme
) -> None:
    page = whatif_page(qtbot, operations, theme)
    before = page.report
    assert before is not None and before.before == before.after
    page.add_step(CloseContract("k-6", AS_OF, Decimal("2.0"), 1))
    page.add_step(RemoveContract("k-1"))
    assert page.report is not None and page.report.after != page.report.before
    removers = page.remove_buttons
    assert [b.text() for b in removers] == ["Remove", "Remove"]
    assert len([b for b in page.findChildren(QToolButton) if b.text() == "Remove"]) == 2
    qtbot.mouseClick(removers[0], Qt.MouseButton.LeftButton)
    assert len(page.steps) == 1
    assert (
        page.report.after
        == whatif_report(
            operations.log(),
            apply_to_log(operations.log(), RemoveContract("k-1").change(operations.log())),
            AS_OF,
            None,
        ).after
    )
    page.remove_step(0)
    assert page.report == before
    assert page.after_log() == operations.log()
    assert page.chart.sandbox is None


def test_the_database_is_byte_for_byte_unchanged_after_using_the_page(
    qtbot: QtBot, theme: Theme, tmp_path: Path
) -> None:
    path = seeded(tmp_path / "mine.sqlite3", small_log())
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    repository = Repository.open(path, create=True)
    operations = Operations(repository, AS_OF, reports=EngineReports(), poll_interval_ms=0)
    page = whatif_page(qtbot, operations, theme)
    for step in (
        CloseContract("k-6", AS_OF, FIVE, 9),
        AddContract("Landing page", Decimal("450"), AS_OF),
        ChangePrivate("k-5", 3),
        Dispute("k-4", AS_OF),
        Refund("k-3", Decimal("200")),
        RemoveContract("k-2"),
    ):
        page.add_step(step)
    assert page.result is not None and page.result.applied == 6
    page.plan.asked.emit()
    page.remove_step(2)
    page.clear_steps()
    assert repository.undo_label is None
    repository.close()
    assert sorted(tmp_path.glob("mine.sqlite3*")) == [path]
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_a_change_that_does_not_fit_shows_its_reason_and_adds_nothing(
    qtbot: QtBot, operations: Operations, theme: Theme
) -> None:
    page = whatif_page(qtbot, operations, theme)
    form = page.form
    form.choose("close")
    picker, on, _feedback = form.close_fields
    picker.setCurrentIndex(picker.findData("k-6"))
    on.setDate(QDate(2025, 12, 1))
    qtbot.mouseClick(form.add_button, Qt.MouseButton.LeftButton)
    assert page.steps == []
    assert form.problem.isVisible()
    assert "The end, 1 Dec 2025, is before the start of 'Upkeep'" in plain(form.problem.text())


def test_the_sandbox_follows_the_log_when_it_changes(
    qtbot: QtBot, operations: Operations, theme: Theme
) -> None:
    page = whatif_page(qtbot, operations, theme)
    page.add_step(CloseContract("k-6", AS_OF, FIVE))
    log = operations.log()
    k6 = contract(log, "k-6")
    operations.apply(Change("close k-6", removed=(k6,), added=(replace(k6, ended=AS_OF),)))
    assert page.result is not None and page.result.applied == 0
    assert page.result.outcomes[0].problem == "'Upkeep' is already closed (on 1 Mar 2026)"


def test_the_plan_form_answers_with_plan_report_on_the_sandboxed_log(
    qtbot: QtBot, operations: Operations, theme: Theme
) -> None:
    page = whatif_page(qtbot, operations, theme)
    page.plan.target.setValue(85)
    page.plan.per_month.setValue(3)
    qtbot.mouseClick(page.plan.ask, Qt.MouseButton.LeftButton)
    request = PlanRequest.from_options(AS_OF, 85, AS_OF.replace(month=9), None, FIVE, None, 3)
    expected = plan_report(operations.log(), request, None)
    assert page.plan_report == expected
    assert page.plan.answer.text() == plan_words.answer(expected)
    page.add_step(CloseContract("k-6", AS_OF, Decimal("1.0"), 0))
    assert page.result is not None
    assert page.plan_report == plan_report(page.result.log, request, None)
    assert page.plan.answer.text().endswith("With the 1 change above.")


def test_the_window_opens_the_page_and_keeps_the_sandbox_on_a_palette_change(
    qtbot: QtBot, theme: Theme, settings: QSettings, tmp_path: Path
) -> None:
    repository = Repository.open(seeded(tmp_path / "mine.sqlite3", small_log()), create=True)
    operations = Operations(repository, AS_OF, reports=EngineReports(), poll_interval_ms=0)
    window = MainWindow(
        operations, theme, settings, db_path=tmp_path / "mine.sqlite3", data_dir=tmp_path / "data"
    )
    operations.setParent(window)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.loaded)
    page = window.go("whatif")
    assert isinstance(page, WhatIfPage)
    page.add_step(RemoveContract("k-1"))
    window.theme = replace(window.theme, dark=not window.theme.dark)
    window.follow_palette()
    rebuilt = window.go("whatif")
    assert rebuilt is not page and isinstance(rebuilt, WhatIfPage)
    assert rebuilt.steps == [RemoveContract("k-1")]
    assert not any(isinstance(w, QDialog) and w.isVisible() for w in window.findChildren(QDialog))
    window.close()
    repository.close()


# --- the plan on the dashboard -------------------------------------------------------------------


def test_the_plan_line_next_to_the_badges_matches_plan_report(
    qtbot: QtBot, operations: Operations, theme: Theme
) -> None:
    page = DashboardPage(operations, theme)
    qtbot.addWidget(page)
    page.resize(1100, 760)
    page.show()
    qtbot.waitUntil(lambda: page.settled)
    request = PlanRequest.from_options(AS_OF, 90, None, None, 5, None, 2)
    expected = plan_report(operations.log(), request, None)
    n = expected.contracts_needed
    assert n is not None and n > 0 and expected.reached_on is not None
    assert page.plan == expected
    text = plain(page.plan_line.text())
    assert plan_words.badge_line(expected) in text
    assert f"{n} five-star contracts of about $" in text
    assert plan_words.near_day(expected.reached_on, AS_OF) in text


def test_no_plan_line_at_90_or_above(qtbot: QtBot, operations: Operations, theme: Theme) -> None:
    page = DashboardPage(operations, theme)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.settled)
    assert page.plan_line.isVisible()
    jobs = []
    for k in range(6):
        day = AS_OF - timedelta(days=3 + k)
        cid = f"n-{k}"
        jobs += [
            Client(f"c-{k}", f"C{k}"),
            Contract(cid, f"c-{k}", "fixed", day, title=cid, ended=day),
            Payment(cid, day, Decimal("900")),
            Feedback(cid, day, stars=FIVE),
        ]
    operations.apply(Change("six good jobs", added=tuple(jobs)))
    qtbot.waitUntil(lambda: page.settled)
    assert (operations.score().score or 0) >= 90
    assert page.plan is None and not page.plan_line.isVisible()


def test_plan_words_for_every_kind_of_answer() -> None:
    base = Plan(
        as_of=d("2026-03-01"),
        target=90.0,
        by=d("2026-09-01"),
        amount_cents=45_000,
        stars=Decimal("5.0"),
        private=None,
        per_month=2,
        contracts_needed=3,
        reached_on=d("2026-04-14"),
        score_on_by=Fraction("92.5"),
        contract_days=(d("2026-03-16"), d("2026-03-31"), d("2026-04-15")),
        rules="upwork-2024-09",
        amount_source="as given",
        contracts_possible=12,
        score_now=Fraction("84.1"),
        score_with_all=Fraction("97"),
        hidden_reason_on_by=None,
        below_from=None,
        held_from=d("2026-04-14"),
        score_on_by_without=Fraction("84.1"),
        below_from_without=None,
    )
    assert plan_words.badge_line(base) == (
        "To reach 90 for Top Rated: 3 five-star contracts of about $450, one every 15 days: "
        "90 first on 14 Apr, and on 1 Sep too (an estimate)."
    )
    assert plan_words.answer(base) == (
        "3 five-star contracts of about $450, one every 15 days: the estimate reaches 90 on "
        "14 Apr and is 93% (92.5) on 1 Sep 2026 (now: 84% (84.1))."
    )
    never = replace(base, contracts_needed=None, score_with_all=Fraction("88.04"))
    assert plan_words.badge_line(never) == (
        "To reach 90 for Top Rated: out of reach by 1 Sep at two five-star contracts a month of "
        "about $450 (all 12 would give 88% (88.0))."
    )
    assert plan_words.answer(never).startswith("90 is not reachable by 1 Sep 2026: even all 12")
    on_by = replace(base, reached_on=d("2026-09-01"))
    assert plan_words.badge_line(on_by).endswith("one every 15 days: 90 on 1 Sep (an estimate).")
    waiting = replace(base, contracts_needed=0)
    assert "no new contract needed" in plan_words.badge_line(waiting)
    there = replace(base, contracts_needed=0, reached_on=d("2026-03-01"))
    assert plan_words.answer(there).startswith("You are there: the estimate is 84% (84.1) now")
    assert not plan_words.should_show_badge_line(Fraction("89.5"))
    assert plan_words.should_show_badge_line(Fraction("89.4"))
    assert not plan_words.should_show_badge_line(None)


def test_one_change_that_moves_nothing_is_counted_in_the_singular(
    qtbot: QtBot, operations: Operations, theme: Theme
) -> None:
    page = whatif_page(qtbot, operations, theme)
    page.add_step(CloseContract("k-6", AS_OF))
    notes = [w.text() for w in page.findChildren(QLabel) if "more change" in w.text()]
    assert notes == ["and 1 more change that does not move the estimate on this day"]
