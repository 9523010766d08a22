"""A page whose content scrolls when the window is smaller than it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget


def fill_with_scrolling(page: QWidget, content: QWidget) -> QScrollArea:
    """Make `content` fill `page` edge to edge, in a frameless scroll area.

    The vertical bar keeps its place even while everything fits: a page grows as its later
    figures come in (the Overview's second stage, a plan's result), and a bar appearing only then
    took its width from the content, moving every column sideways under the reader's eyes.
    """
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setWidget(content)
    outer = QVBoxLayout(page)
    outer.setContentsMargins(0, 0, 0, 0)
    outer.addWidget(scroll)
    return scroll
