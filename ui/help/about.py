"""Help > About: version and licence from the package's metadata, the data folder, Qt, Python."""

from __future__ import annotations

import platform
from importlib.metadata import PackageNotFoundError, metadata
from pathlib import Path

import PySide6
from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

DISTRIBUTION = "repute-tracker"
NO_LICENCE = "none stated yet"


def version_and_licence() -> tuple[str, str]:
    """What the installed package says of itself; a bare checkout was never installed."""
    try:
        meta = metadata(DISTRIBUTION)
    except PackageNotFoundError:
        return "not installed (running from a checkout)", NO_LICENCE
    stated = (meta[field] for field in ("License-Expression", "License") if field in meta)
    licence = next((text for text in stated if text), NO_LICENCE)
    return meta["Version"], licence


def about_lines(db_path: Path) -> list[tuple[str, str]]:
    """The rows of the About box, in reading order."""
    version, licence = version_and_licence()
    return [
        ("Version", version),
        ("Licence", licence),
        ("Your data", str(db_path.parent)),
        ("Database", db_path.name),
        ("Qt", f"{qVersion()} (PySide6 {PySide6.__version__})"),
        ("Python", platform.python_version()),
    ]


class AboutDialog(QDialog):
    """One plain box: what Repute is and the facts a bug report needs, selectable for copying."""

    def __init__(self, db_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("About Repute")
        title = QLabel("<b>Repute</b>")
        summary = QLabel(
            "Estimates your Upwork Job Success Score from a log kept on your own computer. "
            "Nothing is sent anywhere."
        )
        summary.setWordWrap(True)
        self.facts = QLabel("\n".join(f"{name}: {value}" for name, value in about_lines(db_path)))
        self.facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        for widget in (title, summary, self.facts, buttons):
            layout.addWidget(widget)
