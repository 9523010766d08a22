"""File > Import in the window: planned on a thread, previewed with the estimate before and after,
written only on Import as one undoable change; bad files and conflicts said in words."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from shell_fakes import DialogLog
from shell_logs import AS_OF, small_log

from tracker.engine.numbers import one_decimal
from tracker.engine.reports import score_report
from tracker.engine.results import ScoreReport
from tracker.io.json_format import export_json
from tracker.records.changes import Change
from tracker.records.model import Invite, Log
from tracker.store.backups import rolling_backups
from tracker.store.repository import Repository
from ui.file_errors import file_error_types
from ui.importing.actions import ImportActions
from ui.importing.planning import Estimate
from ui.importing.preview_dialog import ImportPreviewDialog, before_after_words
from ui.operations import EngineReports, Operations

UPWORK = Path(__file__).parent.parent / "data" / "upwork" / "older.csv"


class ThreadNotingReports(EngineReports):
    """The engine's reports, noting the thread each estimate was worked out on."""

    def __init__(self) -> None:
        self.threads: list[int] = []

    def score_report(self, *args: Any, **options: Any) -> ScoreReport:
        self.threads.append(threading.get_ident())
        return super().score_report(*args, **options)


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Repository]:
    repository = Repository.open(tmp_path / "repute.sqlite3", create=True)
    yield repository
    repository.close()


@pytest.fixture
def reports() -> ThreadNotingReports:
    return ThreadNotingReports()


@pytest.fixture
def imports(qtbot: QtBot, db: Repository, reports: ThreadNotingReports) -> Iterator[ImportActions]:
    window = QWidget()
    qtbot.addWidget(window)
    operations = Operations(db, AS_OF, reports=reports, poll_interval_ms=0)
    actions = ImportActions(
        operations,
        window,
        error_types=file_error_types,
    )
    yield actions
    operations.stop_polling()


def previewed(qtbot: QtBot, imports: ImportActions, path: Path) -> ImportPreviewDialog:
    with qtbot.waitSignal(imports.flow.previewed, timeout=20_000) as shown:
        imports.preview_file(path)
    dialog: ImportPreviewDialog = shown.args[0]
    return dialog


def history(tmp_path: Path, log: Log, name: str = "history.json") -> Path:
    path = tmp_path / name
    path.write_bytes(export_json(log))
    return path


def test_the_preview_says_what_it_adds_and_the_estimate_before_and_after(
    qtbot: QtBot, imports: ImportActions, tmp_path: Path
) -> None:
    dialog = previewed(qtbot, imports, history(tmp_path, small_log()))
    exact = score_report(small_log(), AS_OF, with_next_change=False).exact
    assert exact is not None
    after = one_decimal(exact)  # as `score --json` gives it in "display"
    assert "Would be added: 4 clients, 6 contracts" in dialog.summary.text()
    assert dialog.estimate.text() == f"hidden \u2192 {after}"
    assert "Hidden now: needs 2 contracts" in dialog.why_hidden.text()
    assert "1 new contract is open (Upkeep)" in dialog.needs_you.text()
    dialog.reject()


def test_cancel_writes_nothing(
    qtbot: QtBot, imports: ImportActions, db: Repository, tmp_path: Path
) -> None:
    database = tmp_path / "repute.sqlite3"
    before = database.read_bytes()
    dialog = previewed(qtbot, imports, history(tmp_path, small_log()))
    assert database.read_bytes() == before
    with qtbot.waitSignal(imports.flow.ended) as ended:
        dialog.cancel_button.click()
    assert ended.args == [False]
    assert database.read_bytes() == before
    assert db.log().contracts == ()
    assert rolling_backups(db.path) == []


def test_import_applies_one_undoable_change_after_a_backup(
    qtbot: QtBot, imports: ImportActions, db: Repository, tmp_path: Path
) -> None:
    notices: list[str] = []
    imports.operations.notice.connect(notices.append)
    db.apply(Change(label="an invite first", added=(Invite("i-before", AS_OF, job="Poster"),)))
    dialog = previewed(qtbot, imports, history(tmp_path, small_log()))
    assert rolling_backups(db.path) == []  # the preview writes nothing, not even a backup
    with qtbot.waitSignal(imports.flow.ended) as ended:
        dialog.import_button.click()
    assert ended.args == [True]
    made = [backup.name for backup in rolling_backups(db.path)]
    assert [name for name in made if name.endswith("-import.sqlite3")] != []
    assert db.log().contracts == small_log().contracts
    assert db.undo_label == "import history.json"
    assert notices[-1].startswith("Imported history.json. Added: 4 clients")
    imports.operations.undo()
    assert db.log().contracts == ()


def test_an_import_refused_because_the_log_moved_ends_unwritten_and_says_so(
    qtbot: QtBot, imports: ImportActions, db: Repository, tmp_path: Path
) -> None:
    notices: list[str] = []
    failures: list[str] = []
    imports.operations.notice.connect(notices.append)
    imports.operations.failed.connect(failures.append)
    dialog = previewed(qtbot, imports, history(tmp_path, small_log()))
    with Repository.open(db.path, create=False) as elsewhere:
        elsewhere.apply(Change(label="an invite", added=(Invite("i-other", AS_OF, job="Logo"),)))
    with qtbot.waitSignal(imports.flow.ended) as ended:
        dialog.import_button.click()
    assert ended.args == [False]
    assert db.log().contracts == ()
    assert [invite.id for invite in db.log().invites] == ["i-other"]
    assert failures and failures[-1].startswith("Nothing was saved: the log was changed")
    assert not [notice for notice in notices if notice.startswith("Imported")]


def test_the_plan_and_the_estimates_are_worked_out_off_the_interface_thread(
    qtbot: QtBot, imports: ImportActions, reports: ThreadNotingReports, tmp_path: Path
) -> None:
    dialog = previewed(qtbot, imports, history(tmp_path, small_log()))
    assert reports.threads and threading.get_ident() not in reports.threads
    dialog.reject()


def test_a_bad_file_is_told_in_its_own_words_and_nothing_is_written(
    qtbot: QtBot, imports: ImportActions, db: Repository, tmp_path: Path, dialogs: DialogLog
) -> None:
    broken = tmp_path / "broken.json"
    broken.write_bytes(b'{"format": "repute/1", "contracts": [{"id": "k-1"}]}')
    database = tmp_path / "repute.sqlite3"
    before = database.read_bytes()
    with qtbot.waitSignal(imports.flow.ended) as ended:
        imports.preview_file(broken)
    assert ended.args == [False]
    kind, title, text = dialogs.messages[0]
    assert (kind, title) == ("warning", "Nothing was imported from broken.json")
    assert text.startswith("contracts[0]")
    assert imports.flow.dialog is None
    assert database.read_bytes() == before


def test_records_that_differ_can_be_replaced_after_a_second_look(
    qtbot: QtBot, imports: ImportActions, db: Repository, tmp_path: Path
) -> None:
    db.apply(replace_first_title(small_log(), "Job k-1"))
    renamed = replace_first_title(small_log(), "Renamed job")
    dialog = previewed(qtbot, imports, history(tmp_path, renamed_log(renamed)))
    assert dialog.conflict.text().startswith("Contracts k-1 differ from the database")
    assert not dialog.import_button.isEnabled()
    with qtbot.waitSignal(imports.flow.previewed, timeout=20_000) as again:
        dialog.replace_button.click()
    second: ImportPreviewDialog = again.args[0]
    assert "Would be replaced: 1 contract (contracts k-1)" in second.summary.text()
    second.import_button.click()
    assert [c.title for c in db.log().contracts if c.id == "k-1"] == ["Renamed job"]


def replace_first_title(log: Log, title: str) -> Any:
    from tracker.records.changes import Change

    first = replace(log.contracts[0], title=title)
    return Change("seed", added=(*log.clients, first))


def renamed_log(change: Any) -> Log:
    return Log(clients=small_log().clients, contracts=(change.added[-1],))


def test_a_transaction_history_is_found_by_its_content(
    qtbot: QtBot, imports: ImportActions, db: Repository, tmp_path: Path
) -> None:
    saved_as_text = tmp_path / "earnings.txt"
    saved_as_text.write_bytes(UPWORK.read_bytes())
    dialog = previewed(qtbot, imports, saved_as_text)
    assert dialog.title.text() == "earnings.txt is a transaction history"
    # Before Import nothing is written: what it will do, not what it did.
    assert dialog.summary.text().startswith("\u2022  Add ")
    assert "Ignore " in dialog.summary.text()
    assert "Added " not in dialog.summary.text() and "Ignored " not in dialog.summary.text()
    dialog.import_button.click()
    assert db.log().payments != ()


def test_a_file_with_nothing_new_cannot_be_imported_again(
    qtbot: QtBot, imports: ImportActions, db: Repository, tmp_path: Path
) -> None:
    db.apply(replace_first_title(small_log(), "Job k-1"))
    same = Log(clients=small_log().clients, contracts=small_log().contracts[:1])
    dialog = previewed(qtbot, imports, history(tmp_path, same))
    assert not dialog.import_button.isEnabled()
    assert "Nothing new" in dialog.summary.text()
    dialog.reject()


@pytest.mark.parametrize(
    ("before", "after", "words"),
    [
        (Estimate(92.14), Estimate(93.25), "92.1 \u2192 93.3  (+1.1)"),
        (Estimate(92.14), Estimate(92.14), "stays at 92.1"),
        (Estimate(None, "too few"), Estimate(80.0), "hidden \u2192 80.0"),
        (Estimate(None, "too few"), Estimate(None, "too few"), "stays hidden"),
    ],
)
def test_the_estimate_reads_before_and_after(before: Estimate, after: Estimate, words: str) -> None:
    assert before_after_words(before, after) == words
