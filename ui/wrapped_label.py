"""A word-wrapped label that lays its text out once per width, not once per question."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QLabel, QWidget


class WrappedLabel(QLabel):
    """A QLabel that wraps its words and remembers its height for each width it was asked.

    A page in a resizable scroll area is measured several times for one change: the scroll area
    asks the page's height for its width, the page's layouts ask each column at the widths they
    try, and the next pass asks again. QLabel lays its text out anew for every question (a rich
    text runs a whole document layout), so the Overview's dozen wrapped lines were laid out about
    180 times per edit, 5 to 9 ms of it, for some 20 distinct answers.

    A height depends on the text, the width, the font and the style (margins, indent, word wrap
    and format are set once, when the label is made): the answers are kept for one text and
    dropped at any change of the widget's state (font, style, screen, language, ...), which is
    rare, so that nothing a height depends on is ever missed.
    """

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setWordWrap(True)
        self._heights_of = ""  # the text the kept heights are for
        self._heights: dict[int, int] = {}

    def heightForWidth(self, width: int) -> int:
        text = self.text()
        if text != self._heights_of:
            self._heights_of = text
            self._heights.clear()
        height = self._heights.get(width)
        if height is None:
            height = self._heights[width] = super().heightForWidth(width)
        return height

    def changeEvent(self, event: QEvent) -> None:
        self._heights.clear()
        super().changeEvent(event)
