"""The Help menu of one window: How the estimate works, Where my data is, About."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMessageBox

if TYPE_CHECKING:
    # Imported when first opened: About reads the package's metadata (importlib.metadata, email:
    # 15 ms of every start-up), and the menu itself needs neither.
    from ui.help.about import AboutDialog
    from ui.help.guide import EstimateGuide


class HelpMenu(QObject):
    """Adds the menu to `window`; `database` says which database the window shows right now."""

    def __init__(self, window: QMainWindow, database: Callable[[], Path]) -> None:
        super().__init__(window)
        self.window = window
        self.database = database
        self.guide: EstimateGuide | None = None
        self.about: AboutDialog | None = None
        menu = window.menuBar().addMenu("&Help")
        self.guide_action = QAction("How the &estimate works", window)
        self.guide_action.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
        self.guide_action.triggered.connect(lambda _checked=False: self.show_guide())
        self.data_action = QAction("Where my &data is", window)
        self.data_action.triggered.connect(lambda _checked=False: self.open_data_folder())
        self.about_action = QAction("&About Repute", window)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(lambda _checked=False: self.show_about())
        for action in (self.guide_action, self.data_action, self.about_action):
            menu.addAction(action)
        self.menu = menu

    def show_guide(self) -> EstimateGuide:
        """One guide per window, brought to the front when asked again."""
        if self.guide is None:
            from ui.help.guide import EstimateGuide

            self.guide = EstimateGuide(self.window)
        self.guide.show()
        self.guide.raise_()
        return self.guide

    def data_folder(self) -> Path:
        return self.database().parent

    def open_data_folder(self) -> bool:
        """The folder of the database in use, in the system's file manager; where no file manager
        answers (a bare desktop), its path in words, rather than a menu entry that does nothing."""
        folder = self.data_folder()
        if QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))):
            return True
        QMessageBox.information(
            self.window,
            "Where my data is",
            f"The database in use is the file {self.database().name} in the folder {folder}\n\n"
            "No file manager answered here to show it: open that folder yourself to copy or "
            "back it up.",
        )
        return False

    def show_about(self) -> AboutDialog:
        """Made afresh each time: the database in use may have changed since."""
        from ui.help.about import AboutDialog

        if self.about is not None:
            self.about.deleteLater()
        self.about = AboutDialog(self.database(), self.window)
        self.about.show()
        return self.about
