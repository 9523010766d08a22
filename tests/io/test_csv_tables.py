"""CSV tables: the JSON keys as columns, empty cells for null, no cell that runs as a formula."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from decimal import Decimal

import pytest
from io_samples import EXAMPLE, encode, small_log

from tracker.io.csv_tables import TABLE_NAMES, columns_of, export_table_csv, read_csv_table
from tracker.io.json_format import parse_repute_json
from tracker.io.problems import InputError
from tracker.records.model import Client, Log


def rows_of(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))


def example_log() -> Log:
    return parse_repute_json(encode(EXAMPLE), Log()).as_log()


def test_every_table_can_be_exported() -> None:
    assert TABLE_NAMES == (
        "clients",
        "contracts",
        "payments",
        "feedback",
        "invites",
        "proposals",
        "snapshots",
        "counted_marks",
        "events",
    )
    for table in TABLE_NAMES:
        assert rows_of(export_table_csv(example_log(), table))[0] == columns_of(table)


def test_the_columns_are_the_json_keys_in_the_format_s_order() -> None:
    assert columns_of("contracts") == [
        "id",
        "client",
        "title",
        "kind",
        "started",
        "ended",
        "closed_by",
        "end_reason",
        "disputed",
        "refunded",
        "earned",
        "last_paid",
        "category",
        "notes",
    ]
    assert columns_of("feedback") == [
        "contract",
        "date",
        "kind",
        "stars",
        "private",
        "private_is_guess",
        "scores.skills",
        "scores.quality",
        "scores.availability",
        "scores.deadlines",
        "scores.communication",
        "scores.cooperation",
        "comment",
    ]


def test_a_row_holds_the_record_with_empty_cells_for_null() -> None:
    data = export_table_csv(example_log(), "contracts")
    assert rows_of(data)[1] == [
        "k-1",
        "acme",
        "Logo redesign",
        "fixed",
        "2025-01-03",
        "2025-03-01",
        "client",
        "completed",
        "false",
        "0.00",
        "",
        "",
        "Design & Creative",
        "",
    ]
    assert rows_of(export_table_csv(example_log(), "feedback"))[1] == [
        "k-1",
        "2025-03-02",
        "final",
        "4.8",
        "9",
        "true",
        "5",
        "5",
        "4.5",
        "5",
        "4.5",
        "5",
        "Great work",
    ]
    assert rows_of(export_table_csv(example_log(), "invites"))[1] == [
        "i-1",
        "2025-02-01",
        "Brand refresh",
        "",
        "40.00",
        "accepted",
        "2025-02-01",
    ]


def test_lines_end_with_crlf_and_the_bytes_are_utf8() -> None:
    log = replace(example_log(), clients=(Client("acme", "Zoë & Co"),))
    data = export_table_csv(log, "clients")
    assert data == "id,name,country,flagged\r\nacme,Zoë & Co,,false\r\n".encode()


@pytest.mark.parametrize(
    ("text", "cell"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1 555 0100", "'+1 555 0100"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tindented", "'\tindented"),
        ("\rreturn", "'\rreturn"),
        ("plain = fine", "plain = fine"),
        ("", ""),
    ],
)
def test_a_text_cell_that_would_run_as_a_formula_is_prefixed(text: str, cell: str) -> None:
    log = replace(example_log(), clients=(Client("acme", text),))
    assert rows_of(export_table_csv(log, "clients"))[1][1] == cell


def test_ids_and_references_are_neutralised_too_but_numbers_are_not() -> None:
    log = small_log()
    contract = replace(log.contracts[0], id="=k", title="-5", refunded=Decimal("12.50"))
    row = rows_of(export_table_csv(replace(log, contracts=(contract,)), "contracts"))[1]
    assert row[0] == "'=k" and row[2] == "'-5" and row[9] == "12.50"


def test_export_is_deterministic_whatever_the_loaded_order() -> None:
    log = small_log()
    shuffled = replace(log, payments=log.payments[::-1], contracts=log.contracts[::-1])
    for table in TABLE_NAMES:
        assert export_table_csv(shuffled, table) == export_table_csv(log, table)


def test_an_unknown_table_is_refused_with_the_names() -> None:
    with pytest.raises(InputError) as caught:
        export_table_csv(Log(), "jobs")
    assert str(caught.value) == (
        "--table: 'jobs' is not a table (clients, contracts, payments, feedback, invites, "
        "proposals, snapshots, counted_marks, events)"
    )


class TestReadCsvTable:
    def test_header_and_rows(self) -> None:
        headers, rows = read_csv_table(
            b"Title, Start\r\nLogo,2025-01-03\r\n\r\nSite,2025-02-01\r\n"
        )
        assert headers == ["Title", "Start"]
        assert rows == [["Logo", "2025-01-03"], [], ["Site", "2025-02-01"]]

    def test_a_byte_order_mark_and_semicolons_from_a_european_spreadsheet(self) -> None:
        headers, rows = read_csv_table("\ufeffTitle;Amount\nLogo;1.250,00\n".encode())
        assert headers == ["Title", "Amount"] and rows == [["Logo", "1.250,00"]]

    def test_quoted_cells_keep_their_commas_and_line_breaks(self) -> None:
        _, rows = read_csv_table(b'Title,Notes\n"Logo, v2","two\nlines"\n')
        assert rows == [["Logo, v2", "two\nlines"]]

    @pytest.mark.parametrize(
        ("data", "message"),
        [
            (b"", "line 1: the file is empty; a CSV with a header line was expected"),
            (b"\n\n", "line 1: the file is empty; a CSV with a header line was expected"),
            (b"Title\nLogo\n\xff\n", "line 3: the file is not UTF-8 text; save it as CSV UTF-8"),
            (b",,\nLogo,x,y\n", "line 1: the first line should name the columns, and it is empty"),
        ],
    )
    def test_a_file_that_cannot_be_read_says_where(self, data: bytes, message: str) -> None:
        with pytest.raises(InputError) as caught:
            read_csv_table(data)
        assert str(caught.value) == message

    def test_the_own_export_reads_back(self) -> None:
        data = export_table_csv(example_log(), "feedback")
        headers, rows = read_csv_table(data)
        assert headers == columns_of("feedback") and len(rows) == 1
