"""What one run of Repute works with, resolved once from its arguments and its environment.

The composition root (main.py, and tracker.cli.run for tests) reads the environment here and
nowhere else: the database (`--db`, else REPUTE_DB, else the user's data folder), what "today" is
(the local calendar date, or REPUTE_TODAY), and the largest file an import reads
(REPUTE_MAX_INPUT_MIB). The engine takes its day as an argument; the command line's handlers and
the window are handed a Startup.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from tracker.io.input_file import input_limit
from tracker.records.date_range import outside_range

APP_NAME = "Repute"
DB_ENV_VAR = "REPUTE_DB"
TODAY_ENV_VAR = "REPUTE_TODAY"
DB_FILE_NAME = "repute.sqlite3"


class BadToday(ValueError):
    """REPUTE_TODAY is set to something that is not an accepted date (a usage error)."""


@dataclass(frozen=True, slots=True)
class Startup:
    """The resolved start of one run: which database, which day, which limits."""

    db_path: Path
    today: date
    today_is_fixed: bool  # REPUTE_TODAY set: the window does not follow the calendar past midnight
    input_limit: int  # the largest file an import reads, in bytes

    @property
    def data_folder(self) -> Path:
        """The user's data folder: the default database, the sample profile's copy."""
        return default_data_folder()

    def current_day(self) -> date:
        """Today as the window sees it each minute: the fixed day, else the calendar's."""
        return self.today if self.today_is_fixed else date.today()


def resolve_startup(db_option: str | None, environ: Mapping[str, str]) -> Startup:
    """The Startup of a run given `--db` (None when not given) and its environment.

    Raises:
        BadToday: REPUTE_TODAY is not a YYYY-MM-DD date in the accepted range.
    """
    fixed = fixed_today(environ)
    return Startup(
        db_path=resolve_db_path(db_option, environ),
        today=fixed or date.today(),
        today_is_fixed=fixed is not None,
        input_limit=input_limit(environ),
    )


def default_data_folder() -> Path:
    """The platform's per-user data folder (~/.local/share/Repute on Linux).

    platformdirs is imported here, not at the top: it loads tempfile, shutil and random (about
    10 ms), which a command given its database (`--db`, REPUTE_DB) never needs.
    """
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME))


def default_db_path() -> Path:
    """The database in the user's data folder."""
    return default_data_folder() / DB_FILE_NAME


def resolve_db_path(cli_value: str | None, environ: Mapping[str, str]) -> Path:
    """The database path the user asked for: `--db`, then REPUTE_DB, then the default.

    An empty value counts as not given, so `REPUTE_DB=` in a shell falls back to the default; `~` is
    expanded because an environment variable set in a desktop file never passes through a shell.
    """
    for value in (cli_value, environ.get(DB_ENV_VAR)):
        if value:
            return Path(value).expanduser()
    return default_db_path()


def fixed_today(environ: Mapping[str, str]) -> date | None:
    """The day REPUTE_TODAY fixes, or None when it is unset or empty (the calendar's day then).

    Raises:
        BadToday: REPUTE_TODAY is not a YYYY-MM-DD date in the accepted range.
    """
    fixed = environ.get(TODAY_ENV_VAR)
    if not fixed:
        return None
    try:
        if len(fixed) != 10:
            raise ValueError
        day = date.fromisoformat(fixed)
    except ValueError:
        raise BadToday(
            f"REPUTE_TODAY {fixed!r} is not a date (YYYY-MM-DD, a day that exists)"
        ) from None
    if (beyond := outside_range(day, f"REPUTE_TODAY {fixed!r}")) is not None:
        raise BadToday(beyond)
    return day
