"""Reading a repute/1 file into a Log for the in-process probes and the tests, through the real
importer (tracker/io/json_format.py), so the benchmark measures the engine on what users get."""

from __future__ import annotations

from pathlib import Path

from tracker.records.model import Log


def load_log(path: Path) -> Log:
    """The Log a fresh database would hold after importing `path`."""
    from tracker.io.json_format import parse_repute_json

    return parse_repute_json(path.read_bytes(), Log()).as_log()
