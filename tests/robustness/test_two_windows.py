"""The window and another writer: the window notices within its poll (SQLite's data_version, read
every POLL_INTERVAL_MS) and reloads; two writers with the window's Operations never write over
each other's work: a stale edit or undo is refused with a sentence in the status bar, and the
other's is kept. (run_window also keeps a second window out with a lock: test_window_lock.py; this
is the second line of defence, and what protects the window from the command line.)"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from pytestqt.qtbot import QtBot

from tests.robustness.conftest import Dialogs
from tests.robustness.processes import SAMPLE, repute
from tests.robustness.window_kit import close_window, open_window
from tracker.records.changes import Change
from tracker.records.model import Client, Contract
from tracker.store.repository import Repository
from ui.operations import POLL_INTERVAL_MS, Changes, Operations

LOGO = Contract("k-1", "acme", "fixed", date(2025, 1, 3), title="Logo")
POLL_MS = 50


def seeded(path: Path) -> Path:
    with Repository.open(path, create=True) as repository:
        repository.apply(Change("start", added=(Client("acme", "Acme"), LOGO)))
    return path


def operations_on(path: Path) -> Operations:
    return Operations(
        Repository.open(path, create=False), date(2026, 11, 26), poll_interval_ms=POLL_MS
    )


def test_the_window_polls_often_enough() -> None:
    assert 0 < POLL_INTERVAL_MS <= 2000


def test_the_window_reloads_when_the_command_line_writes(
    qtbot: QtBot, dialogs: Dialogs, tmp_path: Path
) -> None:
    db = tmp_path / "repute.sqlite3"
    window = open_window(qtbot, db, tmp_path, poll_interval_ms=POLL_MS)
    try:
        assert window.overview.currentWidget() is window.welcome  # an empty log
        imported = repute("--db", str(db), "import", str(SAMPLE), home=tmp_path / "home")
        assert imported.returncode == 0, imported.stderr
        qtbot.waitUntil(lambda: "another program" in window.message.text(), timeout=5000)
        assert window.overview.currentWidget() is window.dashboard
        assert len(window.operations.log().contracts) == 42
        assert window.windowTitle().startswith("Sam Rivera")
    finally:
        close_window(window, qtbot)


def test_a_second_window_sees_the_first_ones_edit(qtbot: QtBot, tmp_path: Path) -> None:
    db = seeded(tmp_path / "repute.sqlite3")
    one, two = operations_on(db), operations_on(db)
    try:
        two.log()
        with qtbot.waitSignal(two.changed, timeout=5000) as reloaded:
            one.apply(Change("a client", added=(Client("globex", "Globex"),)))
        changes: Changes = reloaded.args[0]
        assert changes.reload and changes.kind == "reload"
        assert [c.id for c in two.log().clients] == ["acme", "globex"]
    finally:
        for operations in (one, two):
            operations.stop_polling()
            operations.repository.close()


def test_two_windows_never_write_over_each_other(qtbot: QtBot, tmp_path: Path) -> None:
    db = seeded(tmp_path / "repute.sqlite3")
    one, two = operations_on(db), operations_on(db)
    for operations in (one, two):
        operations.stop_polling()  # the worst case: the second window has not reloaded yet
    failures: list[str] = []
    two.failed.connect(failures.append)
    try:
        stale = two.log().contracts[0]
        one.apply(Change("retitle", removed=(LOGO,), added=(replace(LOGO, title="One's"),)))
        two.apply(Change("retitle", removed=(stale,), added=(replace(stale, title="Two's"),)))
        assert len(failures) == 1
        assert failures[0].startswith("Nothing was saved: cannot remove contract 'k-1'")
        assert [c.title for c in two.log().contracts] == ["One's"]

        one.apply(Change("rules", settings={"rules": "upwork-2020-11"}))
        two.apply(Change("rules", settings={"rules": "upwork-2024-09"}))
        one.undo()  # would put back "auto" over two's choice
        assert two.log().setting("rules") == "upwork-2024-09"
    finally:
        for operations in (one, two):
            operations.repository.close()


def test_after_a_change_from_outside_undo_is_dropped_and_said(
    qtbot: QtBot, dialogs: Dialogs, tmp_path: Path
) -> None:
    db = seeded(tmp_path / "repute.sqlite3")
    window = open_window(qtbot, db, tmp_path)
    other = Repository.open(db, create=False)
    try:
        window.operations.apply(Change("rules 2020", settings={"rules": "upwork-2020-11"}))
        other.apply(Change("rules 2024", settings={"rules": "upwork-2024-09"}))
        window.menus.undo_action.trigger()  # before the poll noticed: the press notices it
        assert "changed by another program" in window.message.text()
        assert "Could not undo" not in window.message.text()
        assert not window.menus.undo_action.isEnabled()
        assert window.operations.log().setting("rules") == "upwork-2024-09"
    finally:
        other.close()
        close_window(window, qtbot)
