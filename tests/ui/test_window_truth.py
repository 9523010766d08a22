"""Incremental equals fresh: whatever was edited, undone, redone or imported, every page shows the
same text as a window freshly opened on the same database.

Hypothesis draws the sequence of steps; each goes through the window's one path (Operations, the
Edit menu's actions, the File actions). A page that refreshes only part of itself, or waits for
something that never comes, shows a stale value somewhere, and its text differs from the fresh
window's. The Model page is left out: its fit runs in a thread of its own (its own tests hold it).
"""

from __future__ import annotations

import tempfile
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pytestqt.qtbot import QtBot
from real_windows import (
    PAGES,
    SAMPLE_DAY,
    close_real_window,
    open_real_window,
    page_text,
    settle,
)
from shell_fakes import DialogLog

from tests.profiles import examples
from tracker.io.json_format import export_json
from tracker.records.changes import Change
from tracker.records.model import Client, Contract, Feedback, Invite, Log, Payment
from ui.main_window import MainWindow
from ui.trend.page import TrendPage

SHOWN_PAGES = ("overview", "trend", "why", "log:Contracts", "log:Feedback")


def a_finished_job(number: int, stars: str, amount: int, days_ago: int) -> Change:
    """A new client's fixed-price job, paid and rated, ended `days_ago` before the sample day."""
    ended = SAMPLE_DAY - timedelta(days=days_ago)
    client, contract = f"new-client-{number}", f"new-job-{number}"
    return Change(
        f"add contract 'New job {number}'",
        added=(
            Client(client, f"New client {number}"),
            Contract(
                contract,
                client,
                "fixed",
                ended - timedelta(days=20),
                title=f"New job {number}",
                ended=ended,
                closed_by="client",
                end_reason="completed",
            ),
            Payment(contract, ended, Decimal(amount)),
            Feedback(contract, ended + timedelta(days=1), stars=Decimal(stars)),
        ),
    )


def invites_file(folder: Path, number: int, days_ago: int) -> Path:
    day = SAMPLE_DAY - timedelta(days=days_ago)
    path = folder / f"invites-{number}.json"
    path.write_bytes(export_json(Log(invites=(Invite(f"inv-new-{number}", day, job="Poster"),))))
    return path


steps = st.lists(
    st.one_of(
        st.tuples(st.just("go"), st.sampled_from(SHOWN_PAGES)),
        st.tuples(
            st.just("add"),
            st.sampled_from(["5.0", "4.0", "2.0"]),
            st.sampled_from([300, 1000, 6000]),
            st.integers(min_value=1, max_value=200),
        ),
        st.tuples(st.just("undo")),
        st.tuples(st.just("redo")),
        st.tuples(st.just("import"), st.integers(min_value=0, max_value=60)),
        st.tuples(st.just("hover"), st.integers(min_value=0, max_value=300)),
        st.tuples(st.just("sample")),
        st.tuples(st.just("own log")),
    ),
    min_size=1,
    max_size=6,
)


def take(qtbot: QtBot, window: MainWindow, folder: Path, step: tuple, number: int) -> None:
    kind = step[0]
    if kind == "go":
        window.go(step[1])
    elif kind == "add":
        window.operations.apply(a_finished_job(number, step[1], step[2], step[3]))
    elif kind == "undo":
        window.menus.undo_action.trigger()
    elif kind == "redo":
        window.menus.redo_action.trigger()
    elif kind == "import":
        window.files.import_path(invites_file(folder, number, step[1]))
    elif kind == "hover":
        page = window.go("trend")
        assert isinstance(page, TrendPage)
        settle(qtbot, window)
        page.chart.hover(SAMPLE_DAY - timedelta(days=step[1]))
    elif kind == "sample":
        window.files.explore_sample()
    elif kind == "own log":
        window.files.back_to_own_log()
    settle(qtbot, window)


def same_view(fresh: MainWindow, window: MainWindow) -> None:
    """What the user pointed at is not in the database: the fresh window points at it too."""
    trend = window.pages.get("trend")
    if isinstance(trend, TrendPage) and trend.chart.hovered_day is not None:
        fresh_trend = fresh.go("trend")
        assert isinstance(fresh_trend, TrendPage)
        fresh_trend.chart.hover(trend.chart.hovered_day)


@settings(
    max_examples=examples(12),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=steps)
def test_every_page_shows_what_a_fresh_window_shows(
    qtbot: QtBot, dialogs: DialogLog, steps: list[tuple]
) -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        window = open_real_window(qtbot, folder / "mine.sqlite3", folder)
        window.files.explore_sample()
        settle(qtbot, window)
        fresh = None
        try:
            for number, step in enumerate(steps):
                take(qtbot, window, folder, step, number)
            showing = window.current_key()
            seen = {showing: page_text(qtbot, window, showing)}  # as it stands, not revisited
            for key in PAGES:
                seen.setdefault(key, page_text(qtbot, window, key))
            fresh = open_real_window(qtbot, window.files.current_path, folder)
            same_view(fresh, window)
            for key in (showing, *PAGES):
                assert seen[key] == page_text(qtbot, fresh, key), f"{key} after {steps}"
        finally:
            close_real_window(qtbot, window)
            if fresh is not None:
                close_real_window(qtbot, fresh)
