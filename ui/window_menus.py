"""The window's actions, menus and toolbar, with the keyboard shortcuts of the sketch.

Ctrl+N a new contract, Ctrl+I import, Ctrl+Z / Ctrl+Shift+Z undo and redo (their text says what),
Ctrl+F the table's filter, Ctrl+1..6 the pages.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Protocol

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QSizePolicy, QToolBar, QWidget

from ui.file_menu import FileActions
from ui.help.menu import HelpMenu
from ui.navigation import TOP_PAGES
from ui.operations import Operations
from ui.theme import set_role


class PageCommands(Protocol):
    """What the menus ask of the window's pages (ui.main_window.MainWindow does it)."""

    def go(self, key: str) -> QWidget: ...
    def add_record(self, title: str) -> None: ...
    def focus_filter(self) -> None: ...


class WindowMenus(QObject):
    """Builds the File, Edit, Go and Help menus and the toolbar of a window; keeps undo's words."""

    def __init__(
        self,
        window: QMainWindow,
        pages: PageCommands,
        files: FileActions,
        operations: Operations,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.pages = pages
        self.files = files

        def add(text: str, slot: Callable[[], object], key: object = None) -> QAction:
            action = QAction(text, window)
            if key is not None:
                action.setShortcut(QKeySequence(key))  # type: ignore[call-overload]
            action.triggered.connect(lambda _checked=False: slot())
            window.addAction(action)
            return action

        self.new_db_action = add("&New database\u2026", files.new_database, "Ctrl+Shift+N")
        self.open_action = add(
            "&Open database\u2026", files.open_database, QKeySequence.StandardKey.Open
        )
        self.import_action = add("&Import history\u2026", files.import_history, "Ctrl+I")
        self.export_action = add("&Export as JSON\u2026", files.export_json, "Ctrl+E")
        self.import_sheet_action = add(
            "Import a &spreadsheet (CSV)\u2026", files.import_spreadsheet
        )
        self.export_table_action = add("Export a &table as CSV\u2026", files.export_table)
        self.backup_action = add("&Back up now", files.backup_now)
        self.restore_action = add("&Restore a backup\u2026", files.restore_backup)
        self.quit_action = add("&Quit", window.close, QKeySequence.StandardKey.Quit)
        self.undo_action = add("&Undo", operations.undo, QKeySequence.StandardKey.Undo)
        self.redo_action = add("&Redo", operations.redo, "Ctrl+Shift+Z")
        self.new_contract_action = add(
            "New &contract\u2026", lambda: pages.add_record("Contracts"), "Ctrl+N"
        )
        self.new_invite_action = add("New &invite\u2026", lambda: pages.add_record("Invites"))
        self.filter_action = add(
            "&Filter the table", pages.focus_filter, QKeySequence.StandardKey.Find
        )
        self.go_actions = [
            add(title, partial(pages.go, key), f"Ctrl+{number}")
            for number, (key, title) in enumerate(TOP_PAGES, start=1)
        ]
        self._menus()
        self.profile_label = set_role(QLabel(), "muted")
        self._toolbar()
        # A window opens with nothing to undo: Undo and Redo are greyed from its first paint, not
        # one frame after it (nothing may show a state it then changes without an edit).
        self.show_undo(operations.undo_label, operations.redo_label)

    def _menus(self) -> None:
        bar = self.window.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addAction(self.new_db_action)
        file_menu.addAction(self.open_action)
        self.recent_menu = file_menu.addMenu("Open &recent")
        file_menu.addSeparator()
        file_menu.addAction(self.import_action)
        file_menu.addAction(self.import_sheet_action)
        file_menu.addAction(self.export_action)
        file_menu.addAction(self.export_table_action)
        file_menu.addSeparator()
        file_menu.addAction(self.backup_action)
        file_menu.addAction(self.restore_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = bar.addMenu("&Edit")
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.new_contract_action)
        edit_menu.addAction(self.new_invite_action)
        edit_menu.addAction(self.filter_action)
        go_menu = bar.addMenu("&Go")
        for action in self.go_actions:
            go_menu.addAction(action)
        self.help = HelpMenu(self.window, lambda: self.files.current_path)
        self.fill_recent()

    def _toolbar(self) -> None:
        toolbar = QToolBar("Main")
        toolbar.setObjectName("MainToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.profile_label.setContentsMargins(12, 0, 0, 0)
        toolbar.addWidget(self.profile_label)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        toolbar.addWidget(spacer)
        for text, slot in (
            ("Import\u2026", self.files.import_history),
            ("+ Contract", lambda: self.pages.add_record("Contracts")),
            ("+ Invite", lambda: self.pages.add_record("Invites")),
        ):
            action = QAction(text, self.window)
            action.triggered.connect(lambda _checked=False, slot=slot: slot())
            toolbar.addAction(action)
        # The toolbar's Undo keeps one short word (its tooltip says what it takes back): a label as
        # long as "Undo mark 26 contracts from the insights page…" would push Import and + Invite
        # along the bar after every edit, under the pointer that was about to press them.
        self.toolbar_undo = QAction("Undo", self.window)
        self.toolbar_undo.triggered.connect(lambda _checked=False: self.undo_action.trigger())
        toolbar.addAction(self.toolbar_undo)
        self.window.addToolBar(toolbar)
        self.toolbar = toolbar

    def fill_recent(self) -> None:
        """The recent databases, newest first."""
        self.recent_menu.clear()
        paths = self.files.recent_paths()
        for path in paths:
            action = self.recent_menu.addAction(str(path))
            action.triggered.connect(lambda _checked=False, path=path: self.files.open_path(path))
        self.recent_menu.setEnabled(bool(paths))

    def show_undo(self, undo: str | None, redo: str | None) -> None:
        """Undo and redo say what they would take back or do again."""
        self.undo_action.setText(f"&Undo {undo}" if undo else "&Undo")
        self.undo_action.setEnabled(undo is not None)
        self.undo_action.setToolTip(f"Undo {undo}" if undo else "Nothing to undo")
        self.toolbar_undo.setEnabled(undo is not None)
        self.toolbar_undo.setToolTip(self.undo_action.toolTip())
        self.redo_action.setText(f"&Redo {redo}" if redo else "&Redo")
        self.redo_action.setEnabled(redo is not None)
