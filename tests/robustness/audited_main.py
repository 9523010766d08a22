"""Run Repute's commands, or its window, in a process that records what it did to the outside world.

`python -m tests.robustness.audited_main LOG PLAN.json`: an audit hook (PEP 578) sees every socket
Python makes or connects and every file it opens under a watched folder, and writes one JSON line
per event to LOG. PLAN lists what to run: `{"watch": FOLDER, "runs": [["--db", X, "score"], ...,
["window", DB], ["python", SCRIPT]]}` (a script: the tests' proof that the hook sees sockets).
Each run's exit code is logged too. The hook is installed before Repute is imported, so nothing
escapes it from the first import on.
"""

from __future__ import annotations

import json
import os
import runpy
import sys
from pathlib import Path
from typing import Any

SOCKET_EVENTS = ("socket.connect", "socket.bind", "socket.sendto", "socket.sendmsg")
NAME_EVENTS = ("socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyaddr")


class Recorder:
    """Writes events with os.write, which raises no audit event of its own."""

    def __init__(self, log: Path, watch: str) -> None:
        self.descriptor = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        self.watch = watch

    def write(self, entry: dict[str, Any]) -> None:
        os.write(self.descriptor, (json.dumps(entry) + "\n").encode())

    def hook(self, event: str, args: tuple[Any, ...]) -> None:
        if event == "socket.__new__":
            self.write({"event": event, "family": int(args[1])})
        elif event in SOCKET_EVENTS:
            self.write({"event": event, "family": int(args[0].family), "address": repr(args[1])})
        elif event in NAME_EVENTS:
            self.write({"event": event, "name": repr(args[0])})
        elif event == "open" and isinstance(args[0], str) and args[0].startswith(self.watch):
            self.write({"event": "open", "path": args[0], "mode": str(args[1])})


def run_window(db: str) -> int:
    """The real window on `db`, every page shown, the change poll running, then closed."""
    from ui.app import application, build_window
    from ui.navigation import TOP_PAGES
    from ui.screenshot import settle

    app = application()
    window = build_window(Path(db), None, remember_layout=False, poll_interval_ms=50)
    window.show()
    settle(app, 300)
    for key, _title in TOP_PAGES:
        window.go(key)
        settle(app, 150)
    window.close()
    window.operations.repository.close()
    return 0


def main() -> int:
    log, plan_file = Path(sys.argv[1]), Path(sys.argv[2])
    plan = json.loads(plan_file.read_text())
    recorder = Recorder(log, plan["watch"])
    sys.addaudithook(recorder.hook)
    from main import main as repute_main

    for argv in plan["runs"]:
        recorder.write({"event": "run", "argv": argv})
        if argv[0] == "window":
            code = run_window(argv[1])
        elif argv[0] == "python":
            runpy.run_path(argv[1])
            code = 0
        else:
            code = repute_main(argv)
        recorder.write({"event": "exit", "argv": argv, "code": code})
    return 0


if __name__ == "__main__":
    sys.exit(main())
