"""Operations: one path for every change, one `changed` signal, undo and redo in the repository."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest
from pytestqt.qtbot import QtBot
from shell_fakes import FakeRepository
from shell_logs import AS_OF, good_job, small_log

from tracker.engine.reports import forecast_report, score_report, trend_report
from tracker.engine.results import ContractLine, ScoreReport
from tracker.records.changes import Change
from tracker.records.model import Client, Invite, Log, Payment, Profile, Proposal
from ui.operations import ALL_TABLES, Changes, EngineReports, Operations, tables_of


def recorded(operations: Operations) -> list[Changes]:
    seen: list[Changes] = []
    operations.changed.connect(seen.append)
    return seen


def add_job_change() -> Change:
    contract, payment, feedback = good_job("k-9", "cora", "2026-02-20")
    return Change("add contract 'New k-9'", added=(contract, payment, feedback))


def test_apply_emits_changed_once_with_the_tables_it_touched(operations: Operations) -> None:
    seen = recorded(operations)
    returned = operations.apply(add_job_change())
    assert len(seen) == 1
    assert returned is seen[0]  # what changed, as the views were told
    assert seen[0].tables == frozenset({"contracts", "payments", "feedback"})
    assert seen[0].label == "add contract 'New k-9'"
    assert seen[0].kind == "apply"
    assert not seen[0].reload
    assert len(operations.log().contracts) == 7


def test_undo_and_redo_restore_the_exact_log(operations: Operations) -> None:
    before = operations.log()
    operations.apply(add_job_change())
    after = operations.log()
    seen = recorded(operations)
    operations.undo()
    assert operations.log() == before
    operations.redo()
    assert operations.log() == after
    assert [c.kind for c in seen] == ["undo", "redo"]
    assert all(c.tables == frozenset({"contracts", "payments", "feedback"}) for c in seen)


def test_undo_with_nothing_to_undo_says_nothing(operations: Operations) -> None:
    seen = recorded(operations)
    operations.undo()
    operations.redo()
    assert seen == []


def test_a_change_that_does_not_fit_fails_in_words_and_changes_nothing(
    operations: Operations,
) -> None:
    seen = recorded(operations)
    failures: list[str] = []
    operations.failed.connect(failures.append)
    before = operations.log()
    missing = Payment("k-1", date(2020, 1, 1), Decimal("1"))
    assert operations.apply(Change("delete a payment", removed=(missing,))) is None
    assert seen == []
    assert operations.log() == before
    assert len(failures) == 1
    assert failures[0].startswith("Nothing was saved: payments: cannot remove")


class CountingReports(EngineReports):
    """The engine's reports, counting how often the estimate is worked out."""

    def __init__(self) -> None:
        self.scores = 0
        self.line_sets = 0
        self.contracts_with_the_score: list[bool] = []

    def score_report(self, *args: Any, **options: Any) -> ScoreReport:
        self.scores += 1
        self.contracts_with_the_score.append(options.get("with_contracts", True))
        return super().score_report(*args, **options)

    def contract_lines_report(
        self, log: Log, as_of: date, rules: str | None = None
    ) -> tuple[ContractLine, ...]:
        self.line_sets += 1
        return super().contract_lines_report(log, as_of, rules)


def test_the_estimate_is_computed_once_per_change(qtbot: QtBot) -> None:
    reports = CountingReports()
    operations = Operations(FakeRepository(small_log()), AS_OF, reports=reports, poll_interval_ms=0)
    operations.score()
    operations.score()
    assert reports.scores == 1
    operations.apply(add_job_change())
    operations.score()
    operations.score()
    assert reports.scores == 2


def test_the_contract_lines_are_made_only_when_asked_and_once_per_change(qtbot: QtBot) -> None:
    """The Overview shows the estimate after an edit; a line per contract is for the panel."""
    reports = CountingReports()
    operations = Operations(FakeRepository(small_log()), AS_OF, reports=reports, poll_interval_ms=0)
    operations.score()
    assert reports.line_sets == 0 and reports.contracts_with_the_score == [False]
    before = operations.contract_lines()
    operations.contract_lines()
    assert reports.line_sets == 1
    assert before == score_report(small_log(), AS_OF).contracts
    operations.apply(add_job_change())
    operations.score()
    assert reports.line_sets == 1
    after = operations.contract_lines()
    assert reports.line_sets == 2
    assert after == score_report(operations.log(), AS_OF).contracts != before


def test_the_estimate_before_a_change_is_kept_for_the_status_bar(operations: Operations) -> None:
    before = operations.score().exact
    operations.apply(add_job_change())
    assert operations.previous_exact == before
    assert operations.score().exact != before


def test_a_write_from_another_process_reloads_everything(
    operations: Operations, repository: FakeRepository
) -> None:
    seen = recorded(operations)
    operations.reload_if_changed_elsewhere()
    assert seen == []
    repository.elsewhere = True
    operations.reload_if_changed_elsewhere()
    assert len(seen) == 1
    assert seen[0].reload and seen[0].tables == ALL_TABLES
    assert seen[0].touches("invites")


def test_a_new_evaluation_day_reloads(operations: Operations) -> None:
    seen = recorded(operations)
    operations.set_as_of(AS_OF)
    assert seen == []
    operations.set_as_of(date(2026, 3, 2))
    assert operations.as_of == date(2026, 3, 2)
    assert operations.score().as_of == date(2026, 3, 2)
    assert [c.kind for c in seen] == ["reload"]


def test_replacing_the_repository_closes_the_old_one(
    operations: Operations, repository: FakeRepository
) -> None:
    other = FakeRepository()
    seen = recorded(operations)
    operations.replace_repository(other, "Opened other.sqlite3")
    assert repository.closed
    assert operations.log() == other.log()
    assert operations.score().exact is None  # an empty log has no estimate
    assert seen[0].reload


@pytest.mark.parametrize(
    ("change", "tables"),
    [
        (Change("rename", profile=Profile(name="J")), {"profile"}),
        (Change("rules", settings={"rules": "upwork-2015"}), {"settings"}),
        (Change("client", added=(Client("x"),)), {"clients"}),
    ],
)
def test_tables_of_a_change(change: Change, tables: set[str]) -> None:
    assert tables_of(change) == frozenset(tables)


def test_the_poll_timer_notices_another_writer(qtbot: QtBot) -> None:
    repository = FakeRepository(small_log())
    operations = Operations(repository, AS_OF, poll_interval_ms=20)
    repository.elsewhere = True
    with qtbot.waitSignal(operations.changed, timeout=2000) as blocker:
        pass
    assert blocker.args[0].reload
    operations.stop_polling()


def test_the_window_s_trend_and_forecast_are_the_engine_s_after_every_edit(
    operations: Operations,
) -> None:
    """The window counts invites once per change of them, and asks the forecast for the moves it
    shows: neither may leave a number behind the log's."""
    start = AS_OF - timedelta(days=60)

    def same_as_the_engine() -> None:
        log = operations.log()
        assert operations.reports.trend_report(log, start, AS_OF) == trend_report(log, start, AS_OF)
        assert operations.forecast().moves == forecast_report(log, AS_OF).moves[:3]

    same_as_the_engine()
    invites_before = operations.reports.trend_report(operations.log(), start, AS_OF).points[-1]
    for change in (
        Change("an invite", added=(Invite("i-1", AS_OF - timedelta(days=3)),)),
        Change("a proposal", added=(Proposal("p-1", AS_OF - timedelta(days=2)),)),
        add_job_change(),
        Change("another invite", added=(Invite("i-2", AS_OF - timedelta(days=1)),)),
    ):
        operations.apply(change)
        same_as_the_engine()
    operations.undo()
    same_as_the_engine()
    rates = operations.reports.trend_report(operations.log(), start, AS_OF).points[-1]
    # i-1 is in the last 28 days (i-2 was undone): a quarter more a week than before.
    assert rates.invites_per_week == invites_before.invites_per_week + Fraction(1, 4)
