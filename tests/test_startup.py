"""A run's Startup: which database (--db, else REPUTE_DB, else the user's data folder), which day
(REPUTE_TODAY, else the calendar's), and the largest file an import reads (REPUTE_MAX_INPUT_MIB)."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pytest

from tracker.io.input_file import DEFAULT_LIMIT, MIB
from tracker.startup import (
    BadToday,
    default_data_folder,
    default_db_path,
    resolve_db_path,
    resolve_startup,
)


def test_the_command_line_wins_over_the_environment() -> None:
    assert resolve_db_path("a.sqlite3", {"REPUTE_DB": "b.sqlite3"}) == Path("a.sqlite3")


def test_the_environment_wins_over_the_default() -> None:
    assert resolve_db_path(None, {"REPUTE_DB": "/data/b.sqlite3"}) == Path("/data/b.sqlite3")


@pytest.mark.parametrize(("cli", "environ"), [(None, {}), (None, {"REPUTE_DB": ""}), ("", {})])
def test_nothing_given_means_the_default(cli: str | None, environ: dict[str, str]) -> None:
    assert resolve_db_path(cli, environ) == default_db_path()


def test_a_home_folder_in_the_value_is_expanded() -> None:
    assert resolve_db_path(None, {"REPUTE_DB": "~/x.sqlite3"}) == Path.home() / "x.sqlite3"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="XDG folders are Linux's")
def test_the_default_is_in_the_platforms_data_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert default_db_path() == tmp_path / "Repute" / "repute.sqlite3"


def test_a_startup_is_made_from_the_arguments_and_the_environment_alone() -> None:
    environ = {"REPUTE_DB": "/data/b.sqlite3", "REPUTE_TODAY": "2026-11-26"}
    startup = resolve_startup(None, {**environ, "REPUTE_MAX_INPUT_MIB": "2"})
    assert startup.db_path == Path("/data/b.sqlite3")
    assert startup.data_folder == default_data_folder()
    assert (startup.today, startup.today_is_fixed) == (date(2026, 11, 26), True)
    assert startup.current_day() == date(2026, 11, 26)  # the window stays on the fixed day
    assert startup.input_limit == 2 * MIB


def test_without_repute_today_the_day_is_the_calendars() -> None:
    startup = resolve_startup("a.sqlite3", {"REPUTE_TODAY": ""})
    assert not startup.today_is_fixed
    assert startup.today in (date.today(), startup.current_day())
    assert startup.input_limit == DEFAULT_LIMIT


@pytest.mark.parametrize("value", ["2026-02-30", "26-11-2026", "9999-12-31"])
def test_a_bad_repute_today_is_refused(value: str) -> None:
    with pytest.raises(BadToday, match="REPUTE_TODAY"):
        resolve_startup(None, {"REPUTE_TODAY": value})
