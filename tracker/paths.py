"""Where the database lives: `--db`, else REPUTE_DB, else the user's data folder.

The composition root resolves the path once and passes it on; nothing else looks at the environment.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from platformdirs import user_data_dir

DB_ENV_VAR = "REPUTE_DB"
DB_FILE_NAME = "repute.sqlite3"


def default_db_path() -> Path:
    """The database in the platform's per-user data folder (~/.local/share/Repute on Linux)."""
    return Path(user_data_dir("Repute")) / DB_FILE_NAME


def resolve_db_path(cli_value: str | None, environ: Mapping[str, str]) -> Path:
    """The database path the user asked for: `--db`, then REPUTE_DB, then the default.

    An empty value counts as not given, so `REPUTE_DB=` in a shell falls back to the default; `~` is
    expanded because an environment variable set in a desktop file never passes through a shell.
    """
    for value in (cli_value, environ.get(DB_ENV_VAR)):
        if value:
            return Path(value).expanduser()
    return default_db_path()
