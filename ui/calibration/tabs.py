"""The Model entry of the sidebar: the assumptions and settings, and the fit to the user's record.

Both are about the model behind the estimate, so they share one page, as two tabs.
"""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QWidget

from ui.calibration.page import CalibrationPage
from ui.operations import Operations
from ui.theme import Theme

SETTINGS_TAB = "Assumptions and settings"
FIT_TAB = "Fit to my recorded values"


class ModelTabs(QTabWidget):
    """The Model page and the calibration page, side by side as tabs."""

    def __init__(self, operations: Operations, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from ui.model_page.page import ModelPage

        self.setDocumentMode(True)
        self.model_page = ModelPage(operations, theme)
        self.calibration = CalibrationPage(operations, theme)
        self.addTab(self.model_page, SETTINGS_TAB)
        self.addTab(self.calibration, FIT_TAB)

    def show_calibration(self) -> CalibrationPage:
        self.setCurrentWidget(self.calibration)
        return self.calibration
