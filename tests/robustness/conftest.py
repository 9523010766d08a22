"""Fixtures of the robustness tests: message boxes answered at once (no modal left open)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from dataclasses import dataclass, field

import pytest


@dataclass
class Dialogs:
    """Every message box shown, and the answer the next question gets."""

    shown: list[tuple[str, str, str]] = field(default_factory=list)
    answer_yes: bool = True

    def box(self, kind: str):  # type: ignore[no-untyped-def]
        from PySide6.QtWidgets import QMessageBox

        def show(_parent: object, title: str, text: str, *_args: object) -> object:
            self.shown.append((kind, title, text))
            if kind == "question":
                yes = QMessageBox.StandardButton.Yes
                return yes if self.answer_yes else QMessageBox.StandardButton.No
            return QMessageBox.StandardButton.Ok

        return show

    def texts(self, kind: str | None = None) -> list[str]:
        return [f"{title}: {text}" for k, title, text in self.shown if kind in (None, k)]


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> Dialogs:
    from PySide6.QtWidgets import QMessageBox

    from ui.pyside_defects import guard_singleton_refcounts

    guard_singleton_refcounts()
    record = Dialogs()
    for kind in ("information", "warning", "critical", "question"):
        monkeypatch.setattr(QMessageBox, kind, staticmethod(record.box(kind)))
    return record
