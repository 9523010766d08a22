"""In-process: the time from one edit to the recomputed estimate (every effect and badge included).

This is what the window pays after each change before it can redraw; the command-line timings
hide it behind process start.

Usage: python bench/probe_engine_edit.py LOG.json AS_OF REPEAT (prints {"seconds": [...]})
"""

from __future__ import annotations

import json
import sys
import time
from datetime import date
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main(path: str, as_of_text: str, repeat: int) -> int:
    """Time apply_to_log + score_report for `repeat` different edits of the same log."""
    from bench.edits import feedback_arrives
    from bench.log_loading import load_log
    from tracker.engine.reports import score_report
    from tracker.records.changes import apply_to_log

    as_of = date.fromisoformat(as_of_text)
    log = load_log(Path(path))
    score_report(log, as_of)
    seconds = []
    for nth in range(repeat):
        change = feedback_arrives(log, as_of, nth)
        started = time.perf_counter()
        score_report(apply_to_log(log, change), as_of)
        seconds.append(time.perf_counter() - started)
    print(json.dumps({"seconds": seconds, "contracts": len(log.contracts)}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2], int(sys.argv[3])))
