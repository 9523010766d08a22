"""The window paints its estimate before it imports what only later parts need.

pyqtgraph and numpy (the charts) and the import machinery (the File menu's imports) cost a
third of start-up, the package's metadata (Help > About) a few per cent; the estimate needs none
of them. A fresh Python starts the window as
`python main.py --db DB` does and reports, at the paint of the Overview's estimate, which of
them were imported (and the estimate it painted, so the paint is the real one).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from shell_logs import AS_OF, seeded, small_log

ROOT = Path(__file__).resolve().parents[2]
LATER = (
    "pyqtgraph",
    "numpy",
    "tracker.usecases.importing",
    "ui.importing.actions",
    "ui.help.about",  # reads the package's metadata when About opens
    "importlib.metadata",
    "ui.help.guide",
)

AT_THE_ESTIMATE = """
import json, os, sys
import ui.app, main
from PySide6.QtCore import QEvent, QObject

later = json.loads(sys.argv[2])
windows = []
make_application, make_window = ui.app.application, ui.app.build_window

class AtTheEstimate(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            for window in windows:
                page = window.dashboard
                if watched is page.percent and page.estimate_shown:
                    imported = [name for name in later if name in sys.modules]
                    print(json.dumps({
                        "imported": imported,
                        "estimate": page.percent.text(),
                        "since": page.since.value.text(),
                        "coming_up": [
                            line.text() for line in page.coming_up.lines[: page.coming_up.shown]
                        ],
                    }))
                    sys.stdout.flush()
                    os._exit(0)
        return False

def application(argv=None):
    app = make_application(argv)
    if not windows and app.property("watched") is None:
        app.setProperty("watched", True)
        app.installEventFilter(AtTheEstimate(app))
    return app

def build_window(*args, **options):
    windows.append(make_window(*args, **options))
    return windows[-1]

ui.app.application, ui.app.build_window = application, build_window
sys.exit(main.main(["--db", sys.argv[1], "--as-of", sys.argv[3]]))
"""


def test_the_estimate_is_painted_before_the_charts_and_imports_are_loaded(
    tmp_path: Path,
) -> None:
    database = seeded(tmp_path / "x.sqlite3", small_log())
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(tmp_path / "settings"),  # opens on the Overview
        "PYTHONPATH": str(ROOT),
    }
    run = subprocess.run(
        [sys.executable, "-c", AT_THE_ESTIMATE, str(database), json.dumps(LATER), str(AS_OF)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    seen = json.loads(run.stdout.splitlines()[-1])
    assert seen["imported"] == []
    assert seen["estimate"].endswith("%")
    # What comes after the estimate says it is being worked out: no dash that reads as "no
    # change" and then turns into a number, no empty list that then fills.
    assert seen["since"] == "\u2026"
    assert len(seen["coming_up"]) == 1 and "Being worked out\u2026" in seen["coming_up"][0]
