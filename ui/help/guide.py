"""Help > How the estimate works: the model page (docs/model.md) shown inside the window, offline.

The page ships as a package resource (resources/docs/model.md, a copy of docs/model.md that a test
keeps equal), so an installed wheel or a bundle shows it without the repository or a network.
"""

from __future__ import annotations

from importlib.resources import files

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget


def model_page_markdown() -> str:
    """The text of the model page, as shipped."""
    return (files("resources") / "docs" / "model.md").read_text(encoding="utf-8")


class EstimateGuide(QDialog):
    """A window beside the main one (not modal), so the user can read and look at their log."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("How the estimate works")
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(True)
        self.browser.setMarkdown(model_page_markdown())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.resize(760, 640)
