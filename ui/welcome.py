"""The first screen of an empty log: what Repute does, and two ways to start."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from tracker.records.model import Log
from ui.theme import Theme, set_role

POINTS = (
    (
        "Where you stand",
        "your Job Success estimate after every change, each window's score, the badges",
    ),
    ("Why it moved", "every point accounted for, contract by contract, between any two dates"),
    ("What comes next", "the days it will change with no new work, and the contracts at risk"),
    ("Next to your invites", "the estimate and the invites per week on one time axis"),
)


def log_is_empty(log: Log) -> bool:
    """Nothing a freelancer entered yet: the Overview teaches instead of showing dashes."""
    return not (log.contracts or log.clients or log.invites or log.proposals or log.snapshots)


class WelcomePanel(QWidget):
    """Explains Repute in four lines and offers the sample profile or an import."""

    explore_sample = Signal()
    import_history = Signal()

    def __init__(
        self, theme: Theme, db_path: Path | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        column = QVBoxLayout(self)
        column.setContentsMargins(64, 56, 64, 40)
        column.setSpacing(18)
        title = set_role(QLabel("Welcome to Repute"), "title")
        lead = QLabel(
            "Repute estimates your Upwork Job Success Score from your own log of contracts, "
            "payments and feedback, and shows what moves it."
        )
        lead.setWordWrap(True)
        column.addWidget(title)
        column.addWidget(lead)
        column.addSpacing(6)
        for name, text in POINTS:
            line = QLabel(
                f"<span style='color:{theme.good.name()}; font-weight:bold'>✓</span>&nbsp;&nbsp;"
                f"<b>{name}</b>: {text}"
            )
            line.setWordWrap(True)
            column.addWidget(line)
        column.addSpacing(16)

        buttons = QHBoxLayout()
        buttons.setSpacing(12)
        self.sample_button = QPushButton("Explore a sample profile")
        self.sample_button.setDefault(True)
        self.sample_button.clicked.connect(self.explore_sample)
        self.import_button = QPushButton("Import your history…")
        self.import_button.clicked.connect(self.import_history)
        for button in (self.sample_button, self.import_button):
            button.setMinimumHeight(34)
            buttons.addWidget(button)
        buttons.addStretch(1)
        column.addLayout(buttons)
        notes = [
            "The sample is three years of a designer's work, opened as a database of its own: "
            "it never mixes with your log.",
            "Import what you can download from Upwork (the transaction history, the weekly "
            "summary report or the work history of your profile) or a Repute JSON file, or add "
            "your contracts by hand on the Log pages (Ctrl+N).",
            "",
        ]
        for text in notes:
            note = set_role(QLabel(text), "muted")
            note.setWordWrap(True)
            note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            column.addWidget(note)
        self.where = note
        self.show_path(db_path)
        column.addStretch(1)

    def show_path(self, db_path: Path | None) -> None:
        """Name the database open now (another one may be opened after the window)."""
        self.where.setText(
            "Repute never talks to the marketplace. Your log stays in one file on this computer"
            + (f": {db_path}" if db_path else ".")
        )
