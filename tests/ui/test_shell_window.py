"""The main window: pages, menus, status bar, undo labels, the welcome panel, the layout."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QSettings
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot
from shell_fakes import DialogLog, FakeRepository
from shell_logs import AS_OF, good_job, seeded, small_log

from tracker.engine.reports import score_report
from tracker.records.changes import Change
from tracker.records.model import Invite, Log
from tracker.store.repository import Repository
from ui.main_window import MainWindow, status_text
from ui.operations import Changes, EngineReports, Operations
from ui.theme import Theme
from ui.welcome import log_is_empty
from ui.wording import one_decimal


@dataclass
class Databases:
    """Opens real repositories and remembers which, so a test can tell the files apart."""

    opened: list[Path] = field(default_factory=list)
    repositories: dict[Path, Repository] = field(default_factory=dict)

    def open(self, path: Path) -> Repository:
        self.opened.append(path)
        repository = Repository.open(path, create=True)
        self.repositories[path] = repository
        return repository


def make_window(
    qtbot: QtBot,
    theme: Theme,
    settings: QSettings,
    tmp_path: Path,
    log: Log,
    *,
    resize: bool = True,
) -> tuple[MainWindow, Databases]:
    databases = Databases()
    repository = databases.open(seeded(tmp_path / "mine.sqlite3", log))
    operations = Operations(repository, AS_OF, reports=EngineReports(), poll_interval_ms=0)
    window = MainWindow(
        operations,
        theme,
        settings,
        db_path=tmp_path / "mine.sqlite3",
        data_dir=tmp_path / "data",
        open_repository=databases.open,
    )
    qtbot.addWidget(window)
    if resize:
        window.resize(1280, 800)
    window.show()
    qtbot.waitUntil(lambda: window.loaded)
    return window, databases


def test_the_sidebar_lists_counted_marks_and_opens_its_page_with_the_insights_checklist(
    qtbot: QtBot, theme: Theme, settings: QSettings, tmp_path: Path
) -> None:
    from PySide6.QtCore import Qt

    from ui.log.marks_checklist import MarksChecklist

    window, _ = make_window(qtbot, theme, settings, tmp_path, small_log())
    log_item = next(
        item
        for index in range(window.sidebar.topLevelItemCount())
        if (item := window.sidebar.topLevelItem(index)) is not None and item.text(0) == "Log"
    )
    titles = [log_item.child(i).text(0) for i in range(log_item.childCount())]
    assert titles[titles.index("Snapshots") + 1] == "Counted marks"
    marks_item = log_item.child(titles.index("Counted marks"))
    window.sidebar.scrollToItem(marks_item)
    where = window.sidebar.visualItemRect(marks_item).center()
    qtbot.mouseClick(window.sidebar.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert window.current_key() == "log:Counted marks"
    page = window.stack.currentWidget()
    button = page.checklist_button
    assert button.isVisible() and button.text() == "Mark from the insights page\u2026"
    offered: list[int] = []

    def run(dialog: MarksChecklist) -> bool:
        offered.append(dialog.list.count())
        return False

    page.run_checklist = run
    button.click()
    assert offered and offered[0] > 0


def test_an_empty_log_shows_the_welcome_panel(
    qtbot: QtBot, theme: Theme, settings: QSettings, tmp_path: Path
) -> None:
    window, _ = make_window(qtbot, theme, settings, tmp_path, Log())
    assert log_is_empty(window.operations.log())
    assert window.overview.currentWidget() is window.welcome
    # It names every kind of file the import reads, not only the transaction history.
    shown = " ".join(label.text() for label in window.welcome.findChildren(QLabel))
    for kind in ("transaction history", "weekly summary report", "work history", "Repute JSON"):
        assert kind in shown


def test_a_log_shows_the_dashboard_and_the_profile(
    qtbot: QtBot, theme: Theme, settings: QSettings, tmp_path: Path
) -> None:
    window, _ = make_window(qtbot, theme, settings, tmp_path, small_log())
    assert window.overview.currentWidget() is window.dashboard
    assert window.windowTitle() == "Jane Doe (Upwork)"


def test_the_toolbar_buttons_stay_where_they_are_when_undo_names_a_long_step(
    qtbot: QtBot, theme: Theme, settings: QSettings, tmp_path: Path
) -> None:
    window, _ = make_window(qtbot, theme, settings, tmp_path, small_log())
    toolbar = window.menus.toolbar
    *others, last = [a for a in toolbar.actions() if a.text()]
    undo = toolbar.widgetForAction(last)

    def places() -> dict[str, QPoint]:
        buttons = {a.text(): toolbar.widgetForAction(a) for a in others}
        return {text: button.mapTo(window, QPoint(0, 0)) for text, button in buttons.items()}

    before = places()
    assert set(before) == {"Import\u2026", "+ Contract", "+ Invite"}
    assert not undo.isEnabled()
    label = "add contract 'A very long title for a contract that goes on and on'"
    window.operations.apply(Change(label, added=good_job("k-9", "cora", "2026-02-20")))
    qtbot.wait(1)
    assert places() == before
    assert undo.isEnabled() and undo.text() == "Undo"
    assert undo.toolTip() == f"Undo {label}"
    assert window.menus.undo_action.text() == f"&Undo {label}"  # the Edit menu says what
    undo.click()
    assert window.message.text().startswith("Undone:")


def test_after_a_change_the_status_bar_says_what_happened_and_undo_names_it(
    qtbot: QtBot, theme: Theme, settings: QSettings, tmp_path: Path
) -> None:
    window, _ = make_window(qtbot, theme, settings, tmp_path, small_log())
    assert not window.menus.undo_action.isEnabled()
    change = Change("add contract 'New k-9'", added=good_job("k-9", "cora", "2026-02-20"))
    window.operations.apply(change)
    after = one_decimal(score_report(window.operations.log(), AS_OF).exact)
    assert after == "85.7"
    assert window.message.text() == (
        "Saved. Estimate 85.7 (was 76.9) after \u201cadd contract 'New k-9'\u201d."
    )
    assert window.menus.undo_action.text() == "&Undo add contract 'New k-9'"
    window.menus.undo_action.trigger()
    assert window.message.text().startswith(
        "Undone: \u201cadd contract 'New k-9'\u201d. Estimate 76.9"
    )
    assert window.menus.redo_action.isEnabled()
    assert not window.menus.undo_action.isEnabled()


@pytest.mark.parametrize(
    ("changes", "before", "after", "text"),
    [
        (
            Changes(frozenset(), "x"),
            Fraction(921, 10),
            Fraction(280, 3),
            "Saved. Estimate 93.3 (was 92.1) after \u201cx\u201d.",
        ),
        (
            Changes(frozenset(), "x"),
            # Equal as written (93.3333): the status bar says unchanged, as it shows them.
            Fraction(933333, 10000),
            Fraction(280, 3),
            "Saved. Estimate unchanged at 93.3 after \u201cx\u201d.",
        ),
        (
            Changes(frozenset(), "add invite i-1"),
            None,
            None,
            "Saved. Estimate still hidden after \u201cadd invite i-1\u201d.",
        ),
        (
            Changes(frozenset(), "x", kind="undo"),
            None,
            None,
            "Undone: \u201cx\u201d. Estimate still hidden.",
        ),
        (
            Changes(frozenset(), "x", kind="redo"),
            None,
            Fraction(90),
            "Redone: \u201cx\u201d. Estimate 90.0 (was hidden).",
        ),
        (
            Changes(frozenset(), "Opened a.sqlite3", True, "reload"),
            None,
            None,
            "Opened a.sqlite3. Estimate hidden.",
        ),
    ],
)
def test_status_text(
    changes: Changes, before: Fraction | None, after: Fraction | None, text: str
) -> None:
    assert status_text(changes, before, after) == text


def test_pages_are_built_when_first_shown_and_the_keys_go_there(
    qtbot: QtBot, theme: Theme, settings: QSettings, tmp_path: Path
) -> None:
    window, _ = make_window(qtbot, theme, settings, tmp_path, small_log())
    assert "trend" not in window.pages
    window.menus.go_actions[1].trigger()
    assert window.current_key() == "trend"
    assert window.sidebar.currentItem().text(0) == "Trend"
    window.menus.go_actions[3].trigger()
    assert window.current_key() == "log:Contracts"
    window.menus.go_actions[5].trigger()
    assert window.current_key() == "model"
    assert window.menus.go_actions[0].shortcut().toString() == "Ctrl+1"


def test_a_span_dragged_on_the_chart_opens_why_for_it(
    qtbot: QtBot, theme: Theme, settings: QSettings, tmp_path: Path
) -> None:

    window, _ = make_window(qtbot, theme, settings, tmp_path, small_log())
    window.go("trend")
    window.pages["trend"].why_requested.emit(date(2025, 9, 1), date(2025, 12, 1))
    assert window.current_key() == "why"
    assert window.pages["why"].report.since == date(2025, 9, 1)


def test_the_layout_is_remembered(
    qtbot: QtBot, theme: Theme, settings: QSettings, tmp_path: Path
) -> None:
    window, _ = make_window(qtbot, theme, settings, tmp_path, small_log())
    window.resize(780, 600)
    window.go("why")
    window.close()
    again, _ = make_window(qtbot, theme, settings, tmp_path, small_log(), resize=False)
    assert again.current_key() == "why"
    assert (again.width(), again.height()) == (780, 600)


def test_the_sample_opens_in_a_database_of_its_own(
    qtbot: QtBot, theme: Theme, settings: QSettings, tmp_path: Path, dialogs: DialogLog
) -> None:
    window, databases = make_window(qtbot, theme, settings, tmp_path, Log())
    mine = tmp_path / "mine.sqlite3"
    before = mine.read_bytes()
    window.welcome.sample_button.click()
    assert dialogs.messages == []
    sample = tmp_path / "data" / "sample.sqlite3"
    assert databases.opened == [tmp_path / "mine.sqlite3", sample, sample]  # made, then opened
    assert window.menus.undo_action.text() == "&Undo"  # the sample is not a step to take back
    assert mine.read_bytes() == before
    assert sample.exists()
    assert window.operations.repository is databases.repositories[sample]
    log = window.operations.log()
    assert log.profile.name == "Sam Rivera"
    assert len(log.contracts) >= 30
    assert window.overview.currentWidget() is window.dashboard
    assert window.dashboard.sample_banner.isVisibleTo(window)
    assert window.windowTitle().startswith("sample profile: Sam Rivera")
    assert [str(p) for p in window.files.recent_paths()] == [str(tmp_path / "mine.sqlite3")]
    window.files.back_to_own_log()
    assert window.operations.log().contracts == ()
    assert not window.dashboard.sample_banner.isVisibleTo(window)


def test_an_import_is_one_undoable_change(
    qtbot: QtBot, theme: Theme, settings: QSettings, tmp_path: Path, dialogs: DialogLog
) -> None:
    from tracker.io.json_format import export_json

    window, _ = make_window(qtbot, theme, settings, tmp_path, Log())
    source = tmp_path / "history.json"
    source.write_bytes(export_json(small_log()))
    dialogs.file_name = str(source)
    with qtbot.waitSignal(window.files.imports.flow.previewed, timeout=10_000) as shown:
        window.menus.import_action.trigger()
    assert window.operations.log().contracts == ()  # the preview writes nothing
    shown.args[0].import_button.click()
    assert window.operations.log().contracts == small_log().contracts
    assert window.menus.undo_action.text() == "&Undo import history.json"
    assert "Added: " in window.message.text()
    window.operations.undo()
    assert window.operations.log().contracts == ()


def test_a_bad_file_is_refused_in_one_sentence(
    qtbot: QtBot, theme: Theme, settings: QSettings, tmp_path: Path, dialogs: DialogLog
) -> None:
    window, _ = make_window(qtbot, theme, settings, tmp_path, Log())
    source = tmp_path / "broken.json"
    source.write_bytes(b'{"format": "repute/1", "contracts": [{"id": "k-1"}]}')
    assert not window.files.import_path(source)
    kind, title, text = dialogs.messages[0]
    assert (kind, title) == ("warning", "Nothing was imported from broken.json")
    assert text.startswith("contracts[0]")
    assert window.operations.log().contracts == ()


def test_the_log_exports_as_json(
    qtbot: QtBot, theme: Theme, settings: QSettings, tmp_path: Path, dialogs: DialogLog
) -> None:
    from tracker.io.json_format import export_json

    window, _ = make_window(qtbot, theme, settings, tmp_path, small_log())
    dialogs.file_name = str(tmp_path / "out.json")
    window.menus.export_action.trigger()
    assert (tmp_path / "out.json").read_bytes() == export_json(window.operations.log())


def test_an_import_into_a_log_backs_it_up_first(
    qtbot: QtBot, theme: Theme, settings: QSettings, tmp_path: Path, dialogs: DialogLog
) -> None:
    from tracker.io.json_format import export_json

    window, _ = make_window(qtbot, theme, settings, tmp_path, small_log())
    more = Log(invites=(Invite("i-new", AS_OF, job="Poster"),))
    source = tmp_path / "more.json"
    source.write_bytes(export_json(more))
    assert window.files.import_path(source)
    made = sorted(path.name for path in (tmp_path / "backups").iterdir())
    assert [name for name in made if name.endswith("-import.sqlite3")] != []
    assert window.operations.log().invites[-1].id == "i-new"


def test_the_window_paints_before_it_reads_the_log(
    qtbot: QtBot, theme: Theme, settings: QSettings, tmp_path: Path
) -> None:
    reads: list[int] = []

    class Counting(FakeRepository):
        def log(self) -> Log:
            reads.append(1)
            return super().log()

    operations = Operations(
        Counting(small_log()), AS_OF, reports=EngineReports(), poll_interval_ms=0
    )
    window = MainWindow(
        operations, theme, settings, db_path=tmp_path / "x.sqlite3", data_dir=tmp_path
    )
    qtbot.addWidget(window)
    assert reads == []
    window.show()
    qtbot.waitUntil(lambda: window.loaded)
    assert reads
    assert window.dashboard.percent.text() == "77%"


def test_the_window_follows_a_switch_to_a_dark_palette(
    qtbot: QtBot, theme: Theme, settings: QSettings, tmp_path: Path, qapp: QApplication
) -> None:
    window, _ = make_window(qtbot, theme, settings, tmp_path, small_log())
    window.go("trend")
    before = window.dashboard
    light = qapp.palette()
    dark = QPalette(light)
    for role, colour in (
        (QPalette.ColorRole.Window, "#202124"),
        (QPalette.ColorRole.WindowText, "#e8eaed"),
        (QPalette.ColorRole.Base, "#181818"),
        (QPalette.ColorRole.Text, "#e8eaed"),
    ):
        dark.setColor(role, QColor(colour))
    try:
        qapp.setPalette(dark)
        qtbot.waitUntil(lambda: window.theme.dark)
        assert window.dashboard is not before
        assert window.current_key() == "trend"
        assert window.pages["trend"].theme.dark
    finally:
        qapp.setPalette(light)
        qtbot.waitUntil(lambda: not window.theme.dark)


def test_back_up_and_restore_from_the_menu(
    qtbot: QtBot, theme: Theme, settings: QSettings, tmp_path: Path, dialogs: DialogLog
) -> None:
    window, _ = make_window(qtbot, theme, settings, tmp_path, small_log())
    window.menus.backup_action.trigger()
    made = [p for p in (tmp_path / "backups").iterdir() if p.name.endswith("-manual.sqlite3")]
    assert len(made) == 1
    assert window.message.text().startswith("Backed up to ")
    window.operations.apply(Change("add a job", added=good_job("k-9", "cora", "2026-02-20")))
    assert len(window.operations.log().contracts) == 7
    dialogs.file_name = str(made[0])
    window.menus.restore_action.trigger()
    assert dialogs.messages[-1][0] == "question"
    assert len(window.operations.log().contracts) == 6
    assert window.message.text().startswith("Restored ")


def test_the_evaluation_day_follows_the_clock(
    qtbot: QtBot, theme: Theme, settings: QSettings, tmp_path: Path
) -> None:

    days = [AS_OF]
    operations = Operations(
        FakeRepository(small_log()), AS_OF, reports=EngineReports(), poll_interval_ms=0
    )
    window = MainWindow(
        operations,
        theme,
        settings,
        db_path=tmp_path / "x.sqlite3",
        data_dir=tmp_path,
        follow_today=lambda: days[-1],
    )
    qtbot.addWidget(window)
    assert window._today_timer is not None
    days.append(date(2026, 3, 2))
    window._today_timer.timeout.emit()
    assert operations.as_of == date(2026, 3, 2)


def test_a_database_that_cannot_open_is_said_and_gives_1(
    qapp: QApplication, tmp_path: Path, dialogs: DialogLog
) -> None:
    from tracker.startup import resolve_startup
    from ui.app import run_window

    not_ours = tmp_path / "other.sqlite3"
    not_ours.write_bytes(b"SQLite format 3\x00" + bytes(100))
    assert run_window(resolve_startup(str(not_ours), {}), AS_OF) == 1
    kind, title, _text = dialogs.messages[0]
    assert (kind, title) == ("critical", "Repute cannot open the database")


def test_a_first_window_fits_on_the_screen_with_its_status_bar(
    qtbot: QtBot, theme: Theme, settings: QSettings, tmp_path: Path
) -> None:
    # Seen on a 1280x800 screen: the first window was 820 high, its status bar under the edge.
    window, _ = make_window(qtbot, theme, settings, tmp_path, small_log(), resize=False)
    screen = window.screen()
    assert screen is not None
    room = screen.availableGeometry()
    assert window.width() <= room.width()
    assert window.height() + 40 <= room.height() or window.height() == window.minimumHeight()
    bar = window.statusBar()
    assert bar.mapTo(window, bar.rect().bottomLeft()).y() < window.height()


def test_a_long_notice_ends_with_an_ellipsis_and_keeps_all_in_its_tooltip(
    qtbot: QtBot, theme: Theme, settings: QSettings, tmp_path: Path
) -> None:
    # Seen after importing a work history: its summary cut mid-word at the window's edge.
    window, _ = make_window(qtbot, theme, settings, tmp_path, small_log())
    long = "Imported work-history.json. " + "Made 2 contracts from the work history. " * 12
    window.operations.notice.emit(long)
    shown = window.message.text()
    assert shown.endswith("\u2026") and len(shown) < len(long)
    assert window.message.fontMetrics().horizontalAdvance(shown) <= window.message.width()
    assert window.message.toolTip() == long
    window.operations.notice.emit("Undone: the last change.")
    assert window.message.text() == "Undone: the last change."
    assert window.message.toolTip() == ""


def test_undo_and_redo_are_greyed_from_the_first_paint_not_one_frame_after(
    qtbot: QtBot, theme: Theme, settings: QSettings, tmp_path: Path
) -> None:
    """A window opens with nothing to undo: its first picture already says so (before, Undo was
    drawn enabled in the first frame and greyed once the log had been read)."""
    repository = Databases().open(seeded(tmp_path / "mine.sqlite3", small_log()))
    operations = Operations(repository, AS_OF, reports=EngineReports(), poll_interval_ms=0)
    window = MainWindow(
        operations, theme, settings, db_path=tmp_path / "mine.sqlite3", data_dir=tmp_path / "data"
    )
    qtbot.addWidget(window)
    menus = window.menus
    # Built, not yet shown or painted: no event has run, so nothing later has corrected it.
    assert not menus.undo_action.isEnabled()
    assert not menus.redo_action.isEnabled()
    assert not menus.toolbar_undo.isEnabled()
    assert menus.toolbar_undo.toolTip() == "Nothing to undo"
