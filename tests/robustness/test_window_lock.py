"""One window per database: a second window, in another process or this one, is refused with a
sentence naming the holder; the lock is taken over as soon as its process is gone, even killed;
the command line still writes beside the window (transactions, not the lock) and the window
reloads what it wrote."""

from __future__ import annotations

import signal
import stat
import subprocess
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from tests.robustness.cli_runs import digest
from tests.robustness.conftest import Dialogs
from tests.robustness.processes import PYTHON, REPO_ROOT, SAMPLE, TODAY, child_env, repute
from tests.robustness.window_kit import close_window
from tracker.store import lock_path
from ui.app import build_window, open_locked_repository
from ui.backup_offer import first_window
from ui.main_window import MainWindow

HOLDER = """
import sys
from pathlib import Path
from ui.app import application, build_window, open_locked_repository
app = application()
window = build_window(Path(sys.argv[1]), None, remember_layout=False, poll_interval_ms=0,
                      open_repository=open_locked_repository)
window.show()
print("ready", flush=True)
while True:
    app.processEvents()
    import time; time.sleep(0.01)
"""


def locked_window(qtbot: QtBot, db: Path, folder: Path) -> MainWindow | None:
    """What run_window builds: the window with the lock, or None after telling why not."""

    def build() -> MainWindow:
        window = build_window(
            db,
            date.fromisoformat(TODAY),
            settings=QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat),
            data_dir=folder / "data",
            remember_layout=False,
            poll_interval_ms=50,
            open_repository=open_locked_repository,
        )
        qtbot.addWidget(window)
        return window

    window = first_window(db, build)
    if window is not None:
        window.show()
        qtbot.waitUntil(lambda: window.loaded, timeout=10_000)
    return window


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "repute.sqlite3"
    assert repute("--db", str(path), "import", str(SAMPLE), home=tmp_path / "home").returncode == 0
    return path


@pytest.fixture
def other_window(db: Path, tmp_path: Path) -> Iterator[subprocess.Popen[str]]:
    """A Repute window in another process, holding the database."""
    process = subprocess.Popen(
        [PYTHON, "-c", HOLDER, str(db)],
        env=child_env(tmp_path / "home"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO_ROOT,
    )
    assert process.stdout is not None and process.stdout.readline() == "ready\n"
    yield process
    if process.poll() is None:
        process.kill()
    process.communicate()


def test_a_second_window_in_another_process_is_refused(
    qtbot: QtBot, dialogs: Dialogs, db: Path, tmp_path: Path, other_window: subprocess.Popen[str]
) -> None:
    before = digest(db)
    assert locked_window(qtbot, db, tmp_path) is None
    assert dialogs.texts("critical") == [
        f"Repute cannot open the database: {db} is open in another Repute window (process "
        f"{other_window.pid}); use that window, or close it and try again"
    ]
    assert digest(db) == before


def test_the_lock_is_taken_over_when_its_process_is_killed(
    qtbot: QtBot, dialogs: Dialogs, db: Path, tmp_path: Path, other_window: subprocess.Popen[str]
) -> None:
    other_window.send_signal(signal.SIGKILL)
    other_window.wait()
    window = locked_window(qtbot, db, tmp_path)
    assert window is not None and dialogs.shown == []
    assert len(window.operations.log().contracts) == 42
    close_window(window, qtbot)


def test_one_window_per_database_in_one_process_too(
    qtbot: QtBot, dialogs: Dialogs, db: Path, tmp_path: Path
) -> None:
    first = locked_window(qtbot, db, tmp_path)
    assert first is not None
    assert locked_window(qtbot, db, tmp_path) is None
    assert "is open in another Repute window" in dialogs.texts("critical")[0]
    close_window(first, qtbot)  # closing releases the lock
    again = locked_window(qtbot, db, tmp_path)
    assert again is not None
    assert stat.S_IMODE(lock_path(db).stat().st_mode) == 0o600
    close_window(again, qtbot)


def test_switching_databases_moves_the_lock(
    qtbot: QtBot, dialogs: Dialogs, db: Path, tmp_path: Path
) -> None:
    window = locked_window(qtbot, db, tmp_path)
    assert window is not None
    other = tmp_path / "other.sqlite3"
    assert window.files.open_path(other)
    second = locked_window(qtbot, db, tmp_path)  # the first database is free again
    assert second is not None
    assert not window.files.open_path(db)  # and now held by the second window
    close_window(second, qtbot)
    close_window(window, qtbot)


def test_the_command_line_writes_beside_the_window(
    qtbot: QtBot, dialogs: Dialogs, tmp_path: Path
) -> None:
    db = tmp_path / "empty.sqlite3"
    window = locked_window(qtbot, db, tmp_path)
    assert window is not None
    try:
        imported = repute("--db", str(db), "import", str(SAMPLE), home=tmp_path / "home")
        assert imported.returncode == 0, imported.stderr
        qtbot.waitUntil(lambda: len(window.operations.log().contracts) == 42, timeout=5000)
    finally:
        close_window(window, qtbot)
