"""Fixtures shared by every test; the first lines make Qt headless before anything imports it,
and hypothesis's profile (quick by hand, full in CI) is loaded before any test module.

Without a display the xcb platform aborts the whole process (not an exception), so offscreen must
be chosen here, at the top, before any test module imports PySide6.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from typing import TYPE_CHECKING

import pytest
from hypothesis import settings

from tests.profiles import chosen_profile

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

# Every test module reads the volume of its properties when it is imported (tests/profiles.py).
settings.load_profile(chosen_profile(os.environ))


@pytest.fixture(scope="session")
def qapp(qapp: QApplication) -> QApplication:
    """pytest-qt's application, refused without a font: every glyph would be a box, silently."""
    from PySide6.QtGui import QFontInfo

    family = QFontInfo(qapp.font()).family()
    assert family, "Qt found no font: install fonts-dejavu-core (see shared/stack.md)"
    return qapp
