"""The main window: a sidebar of pages, menus, a toolbar, and a status bar that says what happened.

Pages other than the Overview are built the first time they are shown, so the window paints
sooner; every page listens to Operations.changed and refreshes what a change touched.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from fractions import Fraction
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QEvent, QObject, QSettings, QSize, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QIcon
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from tracker.engine.numbers import out4
from tracker.io.input_file import DEFAULT_LIMIT
from ui.dashboard.page import DashboardPage
from ui.file_menu import FileActions, OpenRepository, open_store_repository
from ui.navigation import ExplainsSpans, Navigation, ShowsRecords
from ui.operations import Changes, Operations
from ui.pyside_defects import shielded
from ui.theme import Theme, current_theme, icon_path, set_role, sidebar_style
from ui.welcome import WelcomePanel, log_is_empty
from ui.window_menus import WindowMenus
from ui.wording import long_date, one_decimal

STATUS_SECONDS = 12


def _estimate_words(exact: Fraction | None) -> str:
    return "hidden" if exact is None else one_decimal(exact)


def status_text(changes: Changes, before: Fraction | None, after: Fraction | None) -> str:
    """'Saved. Estimate 93.3 (was 92.1) after "feedback on 'API upkeep'".' from the exact
    estimates before and after (None: hidden); unchanged when equal at 4 places."""
    if changes.kind == "reload":
        return f"{changes.label}. Estimate {_estimate_words(after)}."
    if before is None and after is None:
        # "unchanged at hidden" is not English; a hidden score has no value to stay at.
        estimate = "Estimate still hidden"
    elif out4(before) == out4(after):
        estimate = f"Estimate unchanged at {_estimate_words(after)}"
    else:
        estimate = f"Estimate {_estimate_words(after)} (was {_estimate_words(before)})"
    if changes.kind == "undo":
        return f"Undone: \u201c{changes.label}\u201d. {estimate}."
    if changes.kind == "redo":
        return f"Redone: \u201c{changes.label}\u201d. {estimate}."
    return f"Saved. {estimate} after \u201c{changes.label}\u201d."


class MainWindow(QMainWindow):
    """Repute's window over one Operations object."""

    def __init__(
        self,
        operations: Operations,
        theme: Theme,
        settings: QSettings,
        *,
        db_path: Path,
        data_dir: Path,
        follow_today: Callable[[], date] | None = None,
        input_limit: int = DEFAULT_LIMIT,
        open_repository: OpenRepository = open_store_repository,
        remember_layout: bool = True,
    ) -> None:
        super().__init__()
        self.operations = operations
        self.theme = theme
        self.settings = settings
        self.remember_layout = remember_layout
        self.files = FileActions(
            operations,
            self,
            settings,
            own_db_path=db_path,
            data_dir=data_dir,
            input_limit=input_limit,
            open_repository=open_repository,
        )
        self.setWindowIcon(QIcon(icon_path("repute")))
        self.setMinimumSize(760, 520)

        self.navigation = Navigation(self._build_page, self._build_log_pages, self)
        self.sidebar = self.navigation.sidebar
        self.sidebar.setStyleSheet(sidebar_style(theme))
        self.stack = self.navigation.stack
        self.overview = QStackedWidget()
        self.welcome = WelcomePanel(theme, db_path)
        self.welcome.explore_sample.connect(self.files.explore_sample)
        self.welcome.import_history.connect(self.files.import_history)
        self.dashboard = self._make_dashboard()
        self.overview.addWidget(self.welcome)
        self.overview.addWidget(self.dashboard)
        self.navigation.install("overview", self.overview)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.sidebar)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setCollapsible(1, False)
        self.splitter.setSizes([190, 1000])
        self.setCentralWidget(self.splitter)

        self.message = QLabel()
        self.message.setTextFormat(Qt.TextFormat.RichText)
        self.where = set_role(QLabel(), "small")
        self.statusBar().addWidget(self.message, 1)
        self.statusBar().addPermanentWidget(self.where)
        self._message_timer = QTimer(self)
        self._message_timer.setSingleShot(True)
        self._message_timer.timeout.connect(self._clear_message)

        self.menus = WindowMenus(self, self, self.files, operations)
        self.profile_label = self.menus.profile_label
        operations.changed.connect(self.on_changed)
        operations.failed.connect(self.show_failure)
        operations.notice.connect(self.show_message)
        self.files.opened.connect(lambda _path: self._after_open())
        self.files.recent_changed.connect(self.menus.fill_recent)

        self._today_timer: QTimer | None = None
        if follow_today is not None:
            self._today_timer = QTimer(self)
            self._today_timer.setInterval(60_000)
            self._today_timer.timeout.connect(lambda: operations.set_as_of(follow_today()))
            self._today_timer.start()

        self.started = False
        self.loaded = False
        self._kept_sandbox: list[Any] = []
        self._show_overview_panel(provisional=True)
        # The application's display name ("Repute") is added by Qt: the title names the log.
        self.setWindowTitle(db_path.name)
        self.installEventFilter(self)
        self.restore_layout()

    # Pages

    def _make_dashboard(self) -> DashboardPage:
        dashboard = DashboardPage(self.operations, self.theme)
        dashboard.trend_requested.connect(lambda: self.go("trend"))
        dashboard.contract_requested.connect(self.show_contract)
        dashboard.whatif_requested.connect(lambda: self.go("whatif"))
        dashboard.back_to_own_log.connect(self.files.back_to_own_log)
        return dashboard

    @property
    def pages(self) -> dict[str, QWidget]:
        return self.navigation.pages

    def go(self, key: str) -> QWidget:
        """Show a page, built on first use (overview, trend, why, whatif, model, log:Contracts)."""
        return self.navigation.go(key)

    def settled(self) -> bool:
        """Started, the log read, and the Overview (when shown) up to date."""
        if not self.loaded:
            return False
        showing_dashboard = self.current_key() == "overview" and (
            self.overview.currentWidget() is self.dashboard
        )
        return self.dashboard.settled if showing_dashboard else True

    def current_key(self) -> str:
        return self.navigation.current_key()

    def _build_page(self, key: str) -> QWidget:
        if key == "trend":
            from ui.trend.page import TrendPage

            trend = TrendPage(self.operations, self.theme)
            trend.why_requested.connect(self.explain_span)
            return trend
        if key == "why":
            from ui.why.page import WhyPage

            why = WhyPage(self.operations, self.theme)
            why.contract_requested.connect(self.show_contract)
            return why
        if key == "model":
            from ui.calibration.tabs import ModelTabs

            return ModelTabs(self.operations, self.theme)
        if key == "whatif":
            from ui.whatif.page import WhatIfPage

            whatif = WhatIfPage(self.operations, self.theme, steps=self._kept_sandbox)
            whatif.contract_requested.connect(self.show_contract)
            return whatif
        raise KeyError(f"no page {key!r}")

    def _build_log_pages(self) -> list[tuple[str, QWidget]]:
        from ui.log.pages import build_log_pages

        return build_log_pages(self.operations)

    def show_contract(self, contract_id: str) -> None:
        """Open the Contracts page, on one contract when an id is given (a cause, a warning)."""
        page = self.go("log:Contracts")
        if contract_id and isinstance(page, ShowsRecords):
            page.select(contract_id)

    def explain_span(self, first: date, last: date) -> None:
        """Open Why it moved for a span chosen on the chart."""
        page = self.go("why")
        if isinstance(page, ExplainsSpans):
            page.explain(first, last)

    def add_record(self, title: str) -> None:
        """Open the form for a new record of a log page (Ctrl+N: a new contract)."""
        page = self.go(f"log:{title}")
        if isinstance(page, ShowsRecords):
            page.add()

    def focus_filter(self) -> None:
        """Ctrl+F: the filter of the log page shown (the other pages have none)."""
        page = self.stack.currentWidget()
        if isinstance(page, ShowsRecords):
            page.focus_filter()

    # Reacting

    def on_changed(self, changes: Changes) -> None:
        score = self.operations.score()
        self._show_overview_panel()
        self._update_undo()
        if changes.touches("profile") or changes.reload:
            self._update_titles()
        self.show_message(status_text(changes, self.operations.previous_exact, score.exact))

    def _after_open(self) -> None:
        self._show_overview_panel()
        self._update_titles()
        self._update_undo()
        self.dashboard.show_sample_banner(self.files.is_sample)
        self.loaded = True

    def _show_overview_panel(self, *, provisional: bool = False) -> None:
        """The welcome panel for an empty log, else the dashboard.

        Before the first paint the log is not read yet: the database says cheaply if it is empty.
        """
        if provisional:
            empty = self.operations.repository.is_empty()
        else:
            empty = log_is_empty(self.operations.log())
        self.overview.setCurrentWidget(self.welcome if empty else self.dashboard)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """After the window's first paint, read the log and finish what start-up left."""
        if watched is self and event.type() == QEvent.Type.Paint and not self.started:
            self.started = True
            self.removeEventFilter(self)
            QTimer.singleShot(0, self._after_open)
        return False

    def _update_undo(self) -> None:
        self.menus.show_undo(self.operations.undo_label, self.operations.redo_label)

    def _update_titles(self) -> None:
        profile = self.operations.log().profile
        who = profile.name or self.files.current_path.name
        platform = (
            profile.platform.capitalize() if profile.platform.lower() != "upwork" else "Upwork"
        )
        prefix = "sample profile: " if self.files.is_sample else ""
        self.setWindowTitle(f"{prefix}{who} ({platform})")
        self.profile_label.setText(
            f"{prefix}{who} · estimate on {long_date(self.operations.as_of)}"
        )
        self.where.setText(str(self.files.current_path))
        self.welcome.show_path(self.files.current_path)

    def show_message(self, text: str) -> None:
        # An import's whole summary ran past the window's edge, cut mid-word: end it with "…",
        # and keep all of it in the tooltip.
        room = self.message.width()
        metrics = self.message.fontMetrics()
        shown = text
        if room > 100 and metrics.horizontalAdvance(text) > room:
            shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, room)
        self.message.setText(shown)
        self.message.setToolTip(text if shown != text else "")
        self._message_timer.start(STATUS_SECONDS * 1000)

    def show_failure(self, text: str) -> None:
        colour = self.theme.attention.name()
        self.message.setText(f"<span style='color:{colour}; font-weight:bold'>!</span>&nbsp;{text}")
        self._message_timer.start(STATUS_SECONDS * 2000)

    def _clear_message(self) -> None:
        self.message.setText("")
        self.message.setToolTip("")

    # Layout memory

    def _first_size(self) -> QSize:
        """1280x820, or less on a smaller screen: on a 1280x800 one the window ran past its
        bottom edge and the status bar ("changed by another program") was never seen."""
        screen = self.screen()
        if screen is None:
            return QSize(1280, 820)
        room = screen.availableGeometry()
        frame = 40  # the title bar and borders the window manager adds around the window
        return QSize(min(1280, room.width() - 8), min(820, room.height() - frame))

    def restore_layout(self) -> None:
        if not self.remember_layout:
            return
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            self.resize(self._first_size())
        state = self.settings.value("window/state")
        if isinstance(state, QByteArray):
            self.restoreState(state)
        splitter = self.settings.value("window/splitter")
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)
        page = self.settings.value("window/page")
        if isinstance(page, str) and page in self.navigation.keys:
            self.go(page)
        else:
            self.go("overview")

    def save_layout(self) -> None:
        if not self.remember_layout:
            return
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.settings.setValue("window/splitter", self.splitter.saveState())
        self.settings.setValue("window/page", self.current_key())
        self.settings.sync()

    @shielded
    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            QTimer.singleShot(0, self.follow_palette)

    def follow_palette(self) -> None:
        """Light or dark changed in the system: new colours, and the drawn pages made again."""
        theme = current_theme()
        if theme.dark == self.theme.dark:
            return
        self.theme = theme
        self.sidebar.setStyleSheet(sidebar_style(theme))
        showing = self.current_key()
        dashboard, self.dashboard = self.dashboard, self._make_dashboard()
        self.overview.insertWidget(self.overview.indexOf(dashboard), self.dashboard)
        self.overview.removeWidget(dashboard)
        dashboard.deleteLater()
        self._show_overview_panel()
        self.dashboard.show_sample_banner(self.files.is_sample)
        from ui.whatif.page import WhatIfPage

        whatif = self.pages.get("whatif")
        self._kept_sandbox = list(whatif.steps) if isinstance(whatif, WhatIfPage) else []
        for key in ("trend", "why", "whatif", "model"):
            self.navigation.drop(key)
        self.go(showing)

    @shielded
    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_layout()
        self.operations.stop_polling()
        super().closeEvent(event)
