"""Under umask 000 everything Repute writes is its user's alone: 0600 files, 0700 folders.

Before: `~/.config/Repute` came out 0777, `Repute.conf` (the recent databases) 0666 and the
`--screenshot` picture 0666. Each command runs as its own process started with umask 000.
"""

from __future__ import annotations

import stat
import subprocess
from pathlib import Path

from tests.robustness.processes import PYTHON, REPO_ROOT, SAMPLE, child_env, repute

# The window as main.py starts it (its umask policy first), with the real settings file: opening
# a second database records it among the recent ones, and the settings are written out.
_WINDOW = """
import sys
from pathlib import Path
import main
main.keep_private()
from ui.app import build_window
window = build_window(Path(sys.argv[1]), None, poll_interval_ms=0)
window.files.open_path(Path(sys.argv[2]))
window.settings.sync()
window.close()
window.operations.repository.close()
"""


def _modes(root: Path) -> dict[str, int]:
    return {
        str(p.relative_to(root)): stat.S_IMODE(p.stat().st_mode)
        for p in [root, *root.rglob("*")]
        if not p.is_symlink()
    }


def test_every_file_repute_writes_is_private_under_umask_000(tmp_path: Path) -> None:
    home = tmp_path / "home"
    work = tmp_path / "work"
    work.mkdir(mode=0o700)
    db = work / "log" / "repute.sqlite3"
    runs = [
        ["--db", str(db), "import", str(SAMPLE)],
        ["--db", str(db), "backup"],
        ["--db", str(db), "export", str(work / "out.json")],
        ["--db", str(db), "export", str(work / "out.csv"), "--table", "contracts"],
        ["--db", str(db), "--screenshot", str(work / "shot.png"), "--size", "400x300"],
    ]
    for argv in runs:
        done = repute(*argv, home=home, umask=0)
        assert done.returncode == 0, (argv, done.stderr)
    other = work / "other.sqlite3"
    done = subprocess.run(
        [PYTHON, "-c", _WINDOW, str(db), str(other)],
        env=child_env(home),
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        timeout=120,
        umask=0,
    )
    assert done.returncode == 0, done.stderr
    settings = home / "config" / "Repute"
    assert (settings / "Repute.conf").exists()
    written = {**_modes(work), **{f"config/{k}": v for k, v in _modes(settings).items()}}
    loose = {
        name: oct(mode)
        for name, mode in written.items()
        if mode & 0o077 and name != "."  # the test's own folder
    }
    assert loose == {}
    assert written["config/Repute.conf"] == 0o600 and written["config/."] == 0o700
