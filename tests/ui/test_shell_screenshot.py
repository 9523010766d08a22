"""`--screenshot`: a picture of the window that is not blank."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication
from shell_logs import AS_OF, seeded, small_log

from tracker.startup import resolve_startup
from ui.screenshot import save_screenshot


def colours(path: Path) -> set[int]:
    image = QImage(str(path))
    step = 7
    return {
        image.pixel(x, y)
        for x in range(0, image.width(), step)
        for y in range(0, image.height(), step)
    }


@pytest.mark.parametrize("page", ["overview", "trend", "why", "model"])
def test_a_screenshot_is_a_picture_of_the_window(
    qapp: QApplication, tmp_path: Path, page: str
) -> None:
    out = tmp_path / f"{page}.png"
    database = seeded(tmp_path / "x.sqlite3", small_log())
    before = database.read_bytes()
    code = save_screenshot(resolve_startup(str(database), {}), out, (1100, 700), AS_OF, page=page)
    assert code == 0
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1100, 700)
    assert len(colours(out)) > 40
    assert database.read_bytes() == before


def test_a_database_that_cannot_open_gives_1_and_no_picture(
    qapp: QApplication, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    not_a_database = tmp_path / "notes.sqlite3"
    not_a_database.write_text("my notes, not a database")
    out = tmp_path / "shot.png"
    assert save_screenshot(resolve_startup(str(not_a_database), {}), out, (800, 600), AS_OF) == 1
    assert not out.exists()
    assert capsys.readouterr().err.startswith("repute: ")


def test_without_a_screen_the_window_says_so(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from ui.app import run_window

    monkeypatch.setattr("sys.platform", "linux")
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    assert run_window(resolve_startup(str(tmp_path / "x.sqlite3"), {}), AS_OF) == 1
    assert "no screen to open the window on" in capsys.readouterr().err
    assert not (tmp_path / "x.sqlite3").exists()


def test_the_picture_is_the_window_as_it_stays(qapp: QApplication, tmp_path: Path) -> None:
    """The picture is taken a few event rounds after the window's last change once SETTLE_MS have
    passed since it was shown (here long before its work is done): it is the window as it looks
    long after, pixel for pixel."""
    import time

    from PySide6.QtCore import QElapsedTimer, QSettings

    from ui.app import build_window
    from ui.screenshot import SETTLE_MS, settle, wait_until_settled

    database = seeded(tmp_path / "x.sqlite3", small_log())
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = build_window(
        database, AS_OF, settings=settings, remember_layout=False, poll_interval_ms=0
    )
    try:
        window.resize(1100, 700)
        window.go("overview")  # as save_screenshot does
        shown = QElapsedTimer()
        shown.start()
        time.sleep(SETTLE_MS / 1000)  # as if the window's work had taken all of SETTLE_MS
        window.show()
        wait_until_settled(qapp, window, shown)
        picture = window.grab().toImage()
        settle(qapp, 500)  # half a second more of events: nothing is left to move
        later = window.grab().toImage()
    finally:
        window.close()
        window.operations.repository.close()
    assert picture == later
