"""The Help menu, driven as a user would: each entry opens, and what it shows is read back."""

from __future__ import annotations

import platform
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QUrl, qVersion
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot
from shell_fakes import DialogLog
from shell_logs import small_log
from test_shell_window import make_window

from ui.help.about import version_and_licence
from ui.main_window import MainWindow
from ui.theme import Theme


@pytest.fixture
def window(qtbot: QtBot, theme: Theme, settings: QSettings, tmp_path: Path) -> MainWindow:
    return make_window(qtbot, theme, settings, tmp_path, small_log())[0]


def help_entry(window: MainWindow, text: str) -> None:
    """Trigger the Help menu's entry whose words (without the & of its shortcut) are `text`."""
    (menu_action,) = [a for a in window.menuBar().actions() if a.text() == "&Help"]
    menu = menu_action.menu()
    assert isinstance(menu, QMenu)
    (entry,) = [a for a in menu.actions() if a.text().replace("&", "") == text]
    entry.trigger()


def test_how_the_estimate_works_shows_the_model_page_in_the_window(
    window: MainWindow, qtbot: QtBot
) -> None:
    help_entry(window, "How the estimate works")
    guide = window.menus.help.guide
    assert guide is not None
    qtbot.waitUntil(guide.isVisible)
    shown = guide.browser.toPlainText()
    assert shown.startswith("How Repute makes its estimate")
    headings = ("The rule sets, by date", "upwork-2023-12", "Step 1: each contract gets an outcome")
    for words in headings:
        assert words in shown
    # Rendered, not raw markdown: headings and tables lose their marks.
    assert "## " not in shown
    assert "|---|" not in shown
    help_entry(window, "How the estimate works")
    assert window.menus.help.guide is guide


def test_where_my_data_is_opens_the_folder_of_the_database_in_use(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[QUrl] = []

    def open_url(url: QUrl) -> bool:
        opened.append(url)
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(open_url))
    help_entry(window, "Where my data is")
    assert [url.toLocalFile() for url in opened] == [str(tmp_path)]
    assert opened[0].scheme() == "file"


def test_where_my_data_is_says_the_folder_when_no_file_manager_answers(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, dialogs: DialogLog
) -> None:
    # Seen in a real window on a desktop without a file manager: the entry did nothing at all.
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda _url: False))
    help_entry(window, "Where my data is")
    ((kind, title, text),) = dialogs.messages
    assert (kind, title) == ("information", "Where my data is")
    assert f"in the folder {tmp_path}" in text


def test_about_gives_the_version_licence_data_folder_qt_and_python(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    help_entry(window, "About Repute")
    about = window.menus.help.about
    assert about is not None
    qtbot.waitUntil(about.isVisible)
    lines = about.facts.text().splitlines()
    version, licence = version_and_licence()
    assert lines == [
        f"Version: {version}",
        f"Licence: {licence}",
        f"Your data: {tmp_path}",
        "Database: mine.sqlite3",
        f"Qt: {qVersion()} (PySide6 {__import__('PySide6').__version__})",
        f"Python: {platform.python_version()}",
    ]


def test_the_version_is_the_installed_packages(monkeypatch: pytest.MonkeyPatch) -> None:
    from importlib.metadata import PackageNotFoundError

    import ui.help.about as about

    class Meta(dict[str, str]):
        pass

    monkeypatch.setattr(about, "metadata", lambda _name: Meta(Version="9.8.7", License="MIT"))
    assert about.version_and_licence() == ("9.8.7", "MIT")
    monkeypatch.setattr(about, "metadata", lambda _name: Meta(Version="1.0"))
    assert about.version_and_licence() == ("1.0", about.NO_LICENCE)

    def missing(name: str) -> Meta:
        raise PackageNotFoundError(name)

    monkeypatch.setattr(about, "metadata", missing)
    assert about.version_and_licence()[0].startswith("not installed")


def test_the_guide_names_the_model_page_s_confidence_codes(window: MainWindow) -> None:
    # The guide said "Quoted" where the Model page's Confidence column says "2ND".
    from ui.model_page.page import CONFIDENCE_WORDS

    help_entry(window, "How the estimate works")
    guide = window.menus.help.guide
    assert guide is not None
    shown = guide.browser.toPlainText()
    for code in CONFIDENCE_WORDS:
        assert code in shown
