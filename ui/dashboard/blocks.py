"""Small building blocks of the dashboard: a section heading, a figure, a list of marked lines."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QTextDocumentFragment
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ui.theme import Theme, set_role
from ui.wrapped_label import WrappedLabel

GOOD_MARK = "✓"
ATTENTION_MARK = "!"
OPEN_MARK = "○"


def set_text(label: QLabel, text: str) -> None:
    """Set a label's text only when it differs: an unchanged label costs no relayout."""
    if label.text() != text:
        label.setText(text)


def link(theme: Theme, target: str, text: str) -> str:
    """A rich-text link in the accent colour (the palette's own link blue is lost on dark)."""
    return f"<a style='color:{theme.good.name()}' href='{escape(target)}'>{escape(text)}</a>"


def heading(text: str) -> QLabel:
    """A section's name in small capitals: calm, and easy to scan."""
    label = QLabel(text.upper())
    set_role(label, "heading")
    return label


def muted(text: str = "", *, wrap: bool = True) -> QLabel:
    label = WrappedLabel(text) if wrap else QLabel(text)
    set_role(label, "muted")
    return label


class Figure(QWidget):
    """One number with its name above and what it is from below."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.value = set_role(QLabel("\u2013"), "medium")
        self.note = muted()
        layout.addWidget(heading(name))
        layout.addWidget(self.value)
        layout.addWidget(self.note)
        layout.addStretch(1)

    def show_value(self, value: str, note: str) -> None:
        set_text(self.value, value)
        set_text(self.note, note)


class MarkedList(QWidget):
    """Lines that each start with a mark and a word, so colour is never the only signal.

    Lines can name a contract; clicking its link emits `contract_clicked(id)`.
    """

    contract_clicked = Signal(str)

    def __init__(self, theme: Theme, empty_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.theme = theme
        self.empty_text = empty_text
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(8)
        self.lines: list[QLabel] = []
        self.shown = 0

    def show_waiting(self, text: str) -> None:
        """One muted line saying the list is still worked out: not an empty list that then fills."""
        self.set_lines([self._muted_line(text)])

    def _muted_line(self, text: str) -> tuple[str, str]:
        return ("none", f"<span style='color:{self.theme.muted.name()}'>{escape(text)}</span>")

    def set_lines(self, lines: list[tuple[str, str]]) -> None:
        """Show (tone, html) lines; tones: good, attention, open, up, down or none.

        Labels are reused and only changed text is set, so an edit relays out nothing it need not.
        """
        if not lines:
            lines = [self._muted_line(self.empty_text)]
        while len(self.lines) < len(lines):
            line = WrappedLabel()
            line.setTextFormat(Qt.TextFormat.RichText)
            line.setOpenExternalLinks(False)
            line.linkActivated.connect(self._link)
            self._layout.addWidget(line)
            self.lines.append(line)
        for label, (tone, html) in zip(self.lines, lines, strict=False):
            set_text(label, self._mark(tone) + html)
            label.setVisible(True)
        for label in self.lines[len(lines) :]:
            label.setVisible(False)
        self.shown = len(lines)

    def _mark(self, tone: str) -> str:
        colours = {
            "good": self.theme.good,
            "up": self.theme.good,
            "attention": self.theme.attention,
            "down": self.theme.attention,
        }
        colour = colours.get(tone, self.theme.muted).name()
        glyph = {
            "good": GOOD_MARK,
            "attention": ATTENTION_MARK,
            "open": OPEN_MARK,
            "up": "▲",
            "down": "▼",
            "same": "•",
        }.get(tone)
        if glyph is None:
            return ""
        return f"<span style='color:{colour}; font-weight:bold'>{glyph}</span>&nbsp;&nbsp;"

    def _link(self, target: str) -> None:
        if target.startswith("contract:"):
            self.contract_clicked.emit(target.removeprefix("contract:"))
        elif target == "contracts":
            self.contract_clicked.emit("")

    def texts(self) -> list[str]:
        """The lines as plain text (for tests and screen readers)."""
        return [
            QTextDocumentFragment.fromHtml(label.text()).toPlainText()
            for label in self.lines[: self.shown]
        ]
