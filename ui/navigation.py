"""The sidebar and the stack of pages it selects, each page built the first time it is shown.

Building pages on demand keeps start-up to what the first screen needs. Keys name pages:
overview, trend, why, whatif, model, and log:Contracts, log:Payments... for the log's tables.

Every page listens to Operations.changed itself (`on_changed`); what the window asks of some of
them beyond that is declared below, one protocol per capability, checked with isinstance.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from datetime import date
from typing import Protocol, runtime_checkable

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QStackedWidget, QTreeWidget, QTreeWidgetItem, QWidget

LOG_TITLES = (
    "Contracts",
    "Payments",
    "Feedback",
    "Invites",
    "Proposals",
    "Snapshots",
    "Counted marks",
    "Events",
    "Clients",
)
TOP_PAGES = (
    ("overview", "Overview"),
    ("trend", "Trend"),
    ("why", "Why it moved"),
    ("log", "Log"),
    ("whatif", "What if"),
    ("model", "Model"),
)
KEY_ROLE = Qt.ItemDataRole.UserRole
PageBuilder = Callable[[str], QWidget]
LogPagesBuilder = Callable[[], list[tuple[str, QWidget]]]


def page_keys() -> list[str]:
    """Every page's key, in sidebar order."""
    keys: list[str] = []
    for key, _title in TOP_PAGES:
        keys.extend(f"log:{title}" for title in LOG_TITLES) if key == "log" else keys.append(key)
    return keys


@runtime_checkable
class ShowsRecords(Protocol):
    """A log page: shows one record by its identity (a contract's id), opens a new one's form,
    and takes the keyboard to its filter."""

    def select(self, identity: Hashable) -> bool: ...
    def add(self) -> None: ...
    def focus_filter(self) -> None: ...


@runtime_checkable
class ExplainsSpans(Protocol):
    """Why it moved: the estimate's moves between two days (a span chosen on the trend)."""

    def explain(self, since: date, until: date) -> None: ...


class Navigation(QObject):
    """Keeps the sidebar and the page stack in step; builds pages through the given builders."""

    def __init__(
        self, build_page: PageBuilder, build_log_pages: LogPagesBuilder, parent: QObject
    ) -> None:
        super().__init__(parent)
        self.build_page = build_page
        self.build_log_pages = build_log_pages
        self.keys = page_keys()
        self.pages: dict[str, QWidget] = {}
        self.stack = QStackedWidget()
        for _key in self.keys:
            self.stack.addWidget(QWidget())
        self.sidebar = self._sidebar()

    def _sidebar(self) -> QTreeWidget:
        tree = QTreeWidget()
        tree.setObjectName("Sidebar")
        tree.setHeaderHidden(True)
        tree.setRootIsDecorated(False)
        tree.setIndentation(16)
        tree.setMinimumWidth(150)
        tree.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        for key, title in TOP_PAGES:
            item = QTreeWidgetItem([title])
            item.setData(0, KEY_ROLE, key if key != "log" else f"log:{LOG_TITLES[0]}")
            tree.addTopLevelItem(item)
            if key == "log":
                for child_title in LOG_TITLES:
                    child = QTreeWidgetItem([child_title])
                    child.setData(0, KEY_ROLE, f"log:{child_title}")
                    item.addChild(child)
                item.setExpanded(True)
        tree.currentItemChanged.connect(self._sidebar_moved)
        return tree

    def install(self, key: str, page: QWidget) -> None:
        """Put a built page in its place in the stack."""
        index = self.keys.index(key)
        old = self.stack.widget(index)
        self.stack.insertWidget(index, page)
        if old is not None:
            self.stack.removeWidget(old)
            old.deleteLater()
        self.pages[key] = page

    def drop(self, key: str) -> None:
        """Forget a built page (it is built again when next shown)."""
        page = self.pages.pop(key, None)
        if page is not None:
            self.stack.insertWidget(self.keys.index(key), QWidget())
            self.stack.removeWidget(page)
            page.deleteLater()

    def go(self, key: str, *, from_sidebar: bool = False) -> QWidget:
        """Show a page (built on first use) and keep the sidebar in step."""
        if key == "log":
            key = f"log:{LOG_TITLES[0]}"
        if key not in self.pages:
            if key.startswith("log:"):
                self._install_log_pages()
            else:
                self.install(key, self.build_page(key))
        page = self.pages[key]
        self.stack.setCurrentWidget(page)
        if not from_sidebar:
            self._select_in_sidebar(key)
        return page

    def current_key(self) -> str:
        widget = self.stack.currentWidget()
        return next((key for key, page in self.pages.items() if page is widget), "overview")

    def _sidebar_moved(self, item: QTreeWidgetItem | None, _previous: object = None) -> None:
        if item is not None:
            self.go(str(item.data(0, KEY_ROLE)), from_sidebar=True)

    def _select_in_sidebar(self, key: str) -> None:
        for index in range(self.sidebar.topLevelItemCount()):
            item = self.sidebar.topLevelItem(index)
            if item is None:
                continue
            children = [item.child(i) for i in range(item.childCount())] or [item]
            for candidate in children:
                if candidate is not None and candidate.data(0, KEY_ROLE) == key:
                    self.sidebar.blockSignals(True)
                    self.sidebar.setCurrentItem(candidate)
                    self.sidebar.blockSignals(False)
                    return

    def _install_log_pages(self) -> None:
        for title, page in self.build_log_pages():
            self.install(f"log:{title}", page)
