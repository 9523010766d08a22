"""CSV formula protection sees through blanks, and a spreadsheet round trip gives text back whole.

Before: a cell with NUL, a line feed, a space, a no-break space or a zero-width space before `=`
was exported without the `'`; the spreadsheet import turned `'=1+1` (typed so by the user) into
`=1+1` and stripped leading blanks from free text.
"""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.profiles import examples
from tracker.io.csv_tables import export_table_csv, read_csv_table
from tracker.io.sheet_import import fragment_from_csv
from tracker.records.model import Client, Contract, Log

BLANKS = ["\x00", "\n", " ", "\u00a0", "\u200b", "\ufeff", "\u2060", " \t", "\u3000", "\r\n"]
TRIGGERS = ["=", "+", "-", "@"]
HEADERS = {
    "id": "id",
    "client": "client",
    "title": "title",
    "kind": "kind",
    "started": "started",
    "notes": "notes",
}


def _log(title: str, notes: str = "") -> Log:
    contract = Contract("k-1", "acme", "fixed", date(2025, 1, 2), title=title, notes=notes)
    return Log(clients=(Client("acme", "Acme"),), contracts=(contract,))


def _exported_title(title: str) -> str:
    headers, rows = read_csv_table(export_table_csv(_log(title), "contracts"))
    return rows[0][headers.index("title")]


def _round_trip(title: str, notes: str) -> tuple[str, str]:
    headers, rows = read_csv_table(export_table_csv(_log(title, notes), "contracts"))
    existing = Log(clients=(Client("acme", "Acme"),))
    [contract] = fragment_from_csv("contracts", headers, rows, HEADERS, existing).contracts
    return contract.title, contract.notes


def test_a_trigger_behind_any_blank_is_protected() -> None:
    for blank in BLANKS:
        for trigger in TRIGGERS:
            text = f"{blank}{trigger}1+1"
            assert _exported_title(text) == "'" + text, repr(text)


def test_text_that_starts_with_an_apostrophe_comes_back_exactly() -> None:
    assert _round_trip("'=1+1", "'quoted'") == ("'=1+1", "'quoted'")
    assert _round_trip("  =1+1", "\u00a0indented") == ("  =1+1", "\u00a0indented")


def test_plain_text_and_inner_triggers_are_left_alone() -> None:
    assert _exported_title("Logo = brand") == "Logo = brand"
    assert _exported_title("a-b") == "a-b"


_TEXT = st.text(
    st.one_of(
        st.sampled_from([*"\x00\n \u00a0\u200b\ufeff\u2060\t\u3000\r", *TRIGGERS, "'", "a", '"']),
        st.characters(codec="utf-8", exclude_categories=("Cs",)),
    ),
    min_size=1,
    max_size=10,
).filter(lambda text: text.strip() != "")


@settings(max_examples=examples(150), deadline=None, database=None)
@given(title=_TEXT, notes=_TEXT)
def test_free_text_survives_the_export_and_the_spreadsheet_import(title: str, notes: str) -> None:
    cell = _exported_title(title)
    first = next((c for c in cell if not (c.isspace() or c in "\x00\u200b\ufeff\u2060")), "")
    assert first not in TRIGGERS or cell.startswith("'")
    assert _round_trip(title, notes) == (title, notes)
