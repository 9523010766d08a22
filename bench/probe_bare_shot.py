"""The floor of `--screenshot`: a bare window holding one pyqtgraph plot, drawn and saved as a PNG.

It is timed as a whole process, as `python main.py --screenshot OUT.png` is, and lets the window
settle for the same time Repute's `--screenshot` does before it grabs the picture.

Usage: python bench/probe_bare_shot.py OUT.png
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

SETTLE_MS = 150  # ui.screenshot.SETTLE_MS


def bare_shot(out: str) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import pyqtgraph  # type: ignore[import-untyped]
    from PySide6.QtCore import QElapsedTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    from ui.pyside_defects import guard_singleton_refcounts

    guard_singleton_refcounts()  # the event loop below would otherwise abort on Python 3.11
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    plot = pyqtgraph.PlotWidget()
    plot.plot([0, 1, 2, 3], [93, 95, 85, 95])
    window.setCentralWidget(plot)
    window.resize(1280, 800)
    window.show()
    timer = QElapsedTimer()
    timer.start()
    while timer.elapsed() < SETTLE_MS:  # as ui.screenshot.settle, without importing Repute
        app.processEvents()
    if not window.grab().save(out, "PNG"):
        return 1
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(bare_shot(sys.argv[1]))
