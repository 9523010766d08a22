"""Fixtures of the window's tests: offscreen Qt, a small log, Operations on a stand-in repository.

The estimate is the real engine's, so every page is checked against the numbers the engine gives.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path

import pytest

from ui.pyside_defects import guard_singleton_refcounts

# Before any Qt call: without it this PySide6 aborts the run after a few thousand calls.
guard_singleton_refcounts()

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox  # noqa: E402
from shell_fakes import DialogLog, FakeRepository  # noqa: E402
from shell_logs import AS_OF, small_log  # noqa: E402

from ui.operations import EngineReports, Operations  # noqa: E402
from ui.theme import Theme, apply_theme  # noqa: E402


@pytest.fixture
def theme(qapp: QApplication) -> Theme:
    return apply_theme(qapp)


@pytest.fixture
def repository(tmp_path: Path) -> FakeRepository:
    return FakeRepository(small_log(), path=tmp_path / "fake.sqlite3")


@pytest.fixture
def operations(qapp: QApplication, repository: FakeRepository) -> Iterator[Operations]:
    ops = Operations(repository, AS_OF, reports=EngineReports(), poll_interval_ms=0)
    yield ops
    ops.deleteLater()


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> DialogLog:
    """Message boxes and file dialogs answered at once, and recorded, so no modal stays open."""
    log = DialogLog()
    for kind in ("information", "warning", "critical", "question"):
        monkeypatch.setattr(QMessageBox, kind, staticmethod(log.box(kind)))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(log.dialog))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(log.dialog))
    return log
