"""Which database a command uses: --db, else REPUTE_DB, else the user's data folder."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tracker.paths import default_db_path, resolve_db_path


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
