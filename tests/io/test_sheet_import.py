"""A user's own spreadsheet through a column mapping: values as people type them, errors by cell."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from io_samples import EXAMPLE, d, encode, small_log

from tracker.io.csv_tables import (
    columns_of,
    export_table_csv,
    fragment_from_csv,
    read_csv_table,
)
from tracker.io.import_plan import plan_import
from tracker.io.json_format import parse_repute_json
from tracker.io.problems import InputError
from tracker.io.sheet_import import sheet_fields
from tracker.records.changes import apply_to_log
from tracker.records.field_values import BadValue, parse_number_text
from tracker.records.model import Client, Contract, Feedback, Invite, Log

CONTRACTS = b"""Client,Job,Type,Start date,End date,Why it ended,Refund,Disputed
Acme Ltd,Logo redesign,Fixed,2025-01-03,2025-03-01,Completed,,no
Blue Inc,Retainer,Hourly,2025-02-01,,,"$1,250.50",Yes
acme ltd,Brochure,fixed,2025-04-01,2025-04-20,No longer needed,0,
"""
CONTRACT_MAPPING = {
    "client": "Client",
    "title": "Job",
    "kind": "Type",
    "started": "Start date",
    "ended": "End date",
    "end_reason": "Why it ended",
    "refunded": "Refund",
    "disputed": "Disputed",
}


def contracts_from(data: bytes, existing: Log | None = None, mapping: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    headers, rows = read_csv_table(data)
    return fragment_from_csv(
        "contracts", headers, rows, mapping or CONTRACT_MAPPING, existing or Log()
    )


def error_of(table: str, data: bytes, mapping: dict[str, str], existing: Log | None = None) -> str:
    headers, rows = read_csv_table(data)
    with pytest.raises(InputError) as caught:
        fragment_from_csv(table, headers, rows, mapping, existing or Log())
    return str(caught.value)


def test_contracts_are_read_with_values_as_people_type_them() -> None:
    fragment = contracts_from(CONTRACTS)
    logo, retainer, brochure = fragment.contracts
    assert (logo.client, logo.title, logo.kind, logo.started, logo.ended, logo.end_reason) == (
        "acme-ltd",
        "Logo redesign",
        "fixed",
        d("2025-01-03"),
        d("2025-03-01"),
        "completed",
    )
    assert (retainer.kind, retainer.ended, retainer.refunded, retainer.disputed) == (
        "hourly",
        None,
        Decimal("1250.50"),
        True,
    )
    assert brochure.client == "acme-ltd" and brochure.end_reason == "no_longer_needed"


def test_client_names_become_new_clients_once_or_known_ones() -> None:
    fragment = contracts_from(CONTRACTS)
    assert fragment.clients == (Client("acme-ltd", "Acme Ltd"), Client("blue-inc", "Blue Inc"))
    existing = Log(clients=(Client("acme", "Acme Ltd"),))
    fragment = contracts_from(CONTRACTS, existing)
    assert fragment.clients == (Client("blue-inc", "Blue Inc"),)
    assert fragment.contracts[0].client == "acme"


def test_contracts_without_an_id_column_get_a_stable_id_so_a_second_import_adds_nothing() -> None:
    first = contracts_from(CONTRACTS)
    assert all(c.id.startswith("sheet-") for c in first.contracts)
    assert [c.id for c in contracts_from(CONTRACTS).contracts] == [c.id for c in first.contracts]
    log = apply_to_log(Log(), plan_import(Log(), first, replace=False).change)
    again = plan_import(log, contracts_from(CONTRACTS, log), replace=False)
    assert again.change.is_empty()


def test_feedback_names_its_contract_by_id_or_by_title() -> None:
    existing = small_log()  # k-1 is titled "Logo"
    data = (
        b"Contract,Date,Stars,Private,Skills,Comment\n"
        b"Logo,2025-03-05,4.5,8,5,Good\n"
        b"k-1,2025-03-06,5,,,\n"
    )
    headers, rows = read_csv_table(data)
    mapping = {
        "contract": "Contract",
        "date": "Date",
        "stars": "Stars",
        "private": "Private",
        "scores.skills": "Skills",
        "comment": "Comment",
    }
    fragment = fragment_from_csv("feedback", headers, rows, mapping, existing)
    assert fragment.feedback == (
        Feedback(
            "k-1",
            d("2025-03-05"),
            stars=Decimal("4.5"),
            private=8,
            scores=(("skills", Decimal(5)),),
            comment="Good",
        ),
        Feedback("k-1", d("2025-03-06"), stars=Decimal(5)),
    )


def test_invites_with_client_names_and_rates() -> None:
    data = (
        b"When,Job,Client,Rate,Status\n"
        b"2025-02-01,Brand refresh,Acme Ltd,$40,Accepted\n"
        b"2025-02-03,Site,,,\n"
    )
    headers, rows = read_csv_table(data)
    mapping = {"date": "When", "job": "Job", "client": "Client", "rate": "Rate", "status": "Status"}
    fragment = fragment_from_csv("invites", headers, rows, mapping, Log())
    first, second = fragment.invites
    assert (first.client, first.rate, first.status) == ("acme-ltd", Decimal("40.00"), "accepted")
    assert (second.client, second.rate, second.status) == (None, None, "pending")
    assert fragment.clients == (Client("acme-ltd", "Acme Ltd"),)
    assert isinstance(first, Invite) and first.id.startswith("sheet-") and first.id != second.id


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ("abc", "line 3, column Refund: 'abc' is not a number"),
        ("12.345", "line 3, column Refund: 12.345 has more than 2 decimals"),
        ("1,2,3", "line 3, column Refund: '1,2,3' is not a number"),
    ],
)
def test_a_bad_number_names_its_line_and_column(cell: str, message: str) -> None:
    data = CONTRACTS.replace(
        b'"$1,250.50"', cell.encode() if "," not in cell else b'"' + cell.encode() + b'"'
    )
    assert error_of("contracts", data, CONTRACT_MAPPING) == message


def test_bad_cells_name_their_line_and_column() -> None:
    data = CONTRACTS.replace(b"2025-04-20", b"20/04/2025")
    assert error_of("contracts", data, CONTRACT_MAPPING) == (
        "line 4, column End date: '20/04/2025' is not a date"
    )
    data = CONTRACTS.replace(b"Hourly", b"Monthly")
    assert error_of("contracts", data, CONTRACT_MAPPING) == (
        "line 3, column Type: 'monthly' is not a contract kind (hourly, fixed)"
    )
    data = CONTRACTS.replace(b",Yes\n", b",Maybe\n")
    assert error_of("contracts", data, CONTRACT_MAPPING) == (
        "line 3, column Disputed: 'Maybe' is not yes or no"
    )
    data = CONTRACTS.replace(b"2025-03-01,Completed", b"2024-03-01,Completed")
    assert error_of("contracts", data, CONTRACT_MAPPING) == (
        "line 2, column End date: 2024-03-01 is before the start (2025-01-03)"
    )


def test_a_missing_required_cell_names_its_line_and_column() -> None:
    data = CONTRACTS.replace(b"Blue Inc,Retainer,Hourly", b"Blue Inc,Retainer,")
    assert error_of("contracts", data, CONTRACT_MAPPING) == (
        "line 3, column Type: is missing, and it is required"
    )


def test_line_numbers_count_blank_lines_and_the_header() -> None:
    data = CONTRACTS.replace(b"no\nBlue", b"no\n\n\nBlue").replace(b"Hourly", b"Weekly")
    assert error_of("contracts", data, CONTRACT_MAPPING).startswith("line 5, column Type:")


def test_a_feedback_for_an_unknown_contract_names_the_cell() -> None:
    data = b"Contract,Date\nNo such job,2025-03-05\n"
    assert error_of("feedback", data, {"contract": "Contract", "date": "Date"}, small_log()) == (
        "line 2, column Contract: no contract has the id 'No such job'"
    )


def test_twin_rows_point_at_the_earlier_line() -> None:
    data = CONTRACTS + b"Acme Ltd,Logo redesign,Fixed,2025-01-03,,,,\n"
    message = error_of("contracts", data, CONTRACT_MAPPING)
    assert message.startswith("line 5: 'sheet-") and message.endswith("is used twice (see line 2)")


@pytest.mark.parametrize(
    ("mapping", "message"),
    [
        ({"client": "Client", "kind": "Type"}, "mapping: contracts need a column for started"),
        (
            {**CONTRACT_MAPPING, "colour": "Job"},
            "mapping: 'colour' is not a field of contracts ("
            + ", ".join(sheet_fields("contracts"))
            + ")",
        ),
        (
            {**CONTRACT_MAPPING, "notes": "Remarks"},
            "mapping: the file has no column 'Remarks' (for notes)",
        ),
    ],
)
def test_a_mapping_that_does_not_fit_the_file_is_refused(
    mapping: dict[str, str], message: str
) -> None:
    assert error_of("contracts", CONTRACTS, mapping) == message


def test_columns_are_matched_ignoring_case_and_spacing() -> None:
    mapping = {**CONTRACT_MAPPING, "started": "start  DATE"}
    assert len(contracts_from(CONTRACTS, mapping=mapping).contracts) == 3


def test_an_exported_table_reads_back_through_the_identity_mapping() -> None:
    log = parse_repute_json(encode(EXAMPLE), Log()).as_log()
    for table in (
        "contracts",
        "feedback",
        "invites",
        "payments",
        "snapshots",
        "events",
        "clients",
        "proposals",
    ):
        headers, rows = read_csv_table(export_table_csv(log, table))
        mapping = {column: column for column in columns_of(table)}
        fragment = fragment_from_csv(table, headers, rows, mapping, log)
        assert getattr(fragment, table) == getattr(log, table), table


def test_a_formula_guard_of_the_own_export_is_taken_off_again() -> None:
    log = parse_repute_json(encode(EXAMPLE), Log()).as_log()
    contract = log.contracts[0]
    notes = "=cmd|' /C calc'!A0"
    log = replace(log, contracts=(replace(contract, notes=notes),))
    headers, rows = read_csv_table(export_table_csv(log, "contracts"))
    fragment = fragment_from_csv(
        "contracts", headers, rows, {c: c for c in columns_of("contracts")}, log
    )
    assert fragment.contracts[0].notes == notes


@pytest.mark.parametrize(
    ("cell", "number"),
    [
        ("1,250.50", "1250.50"),
        ("$450", "450"),
        ("(120.00)", "-120.00"),
        ("-3", "-3"),
        (" 7 ", "7"),
        ("€ 12.5", "12.5"),
        (".5", "0.5"),
    ],
)
def test_numbers_as_spreadsheets_show_them(cell: str, number: str) -> None:
    assert parse_number_text(cell) == Decimal(number)


@pytest.mark.parametrize("cell", ["abc", "1.2.3", "12,34", "1e5", "NaN", "Infinity", "--1", ""])
def test_text_that_is_not_a_number(cell: str) -> None:
    with pytest.raises(BadValue):
        parse_number_text(cell)


def test_the_fields_a_column_can_map_to() -> None:
    assert sheet_fields("invites") == ["id", "date", "job", "client", "rate", "status", "responded"]
    assert "scores.cooperation" in sheet_fields("feedback") and "scores" not in sheet_fields(
        "feedback"
    )


def test_payments_name_their_contract_by_title_and_by_client_when_titles_are_shared() -> None:
    twin = Contract("k-3", "blue", "fixed", d("2025-04-01"), title="Logo")
    existing = replace(small_log(), contracts=(*small_log().contracts, twin))
    data = (
        b"Job,Client,Paid on,Amount\n"
        b"Logo,Acme Ltd,2025-03-03,100\n"
        b"logo,blue,2025-04-03,200\n"
        b"Retainer?,,2025-04-04,1\n"
    )
    headers, rows = read_csv_table(data)
    mapping = {
        "contract": "Job",
        "contract_client": "Client",
        "date": "Paid on",
        "amount": "Amount",
    }
    fragment = fragment_from_csv("payments", headers, rows[:2], mapping, existing)
    assert [(p.contract, p.amount) for p in fragment.payments] == [
        ("k-1", Decimal(100)),
        ("k-3", Decimal(200)),
    ]
    assert fragment.clients == ()  # the client named the contract; it is not a new client
    without_client = {k: v for k, v in mapping.items() if k != "contract_client"}
    assert error_of("payments", data, without_client, existing) == (
        "line 2, column Job: 2 contracts are titled 'Logo' (clients Acme Ltd, Blue Inc); "
        "map the contract's client to a column to tell them apart"
    )
    wrong_client = b"Job,Client,Paid on,Amount\nLogo,Nobody,2025-03-03,100\n"
    assert error_of("payments", wrong_client, mapping, existing) == (
        "line 2, column Job: no contract 'Logo' of the client 'Nobody'"
    )


def test_a_mapping_can_give_every_row_the_same_value() -> None:
    data = b"Client,Job,Start date\nAcme Ltd,Logo redesign,2025-01-03\nBlue Inc,Poster,2025-02-01\n"
    headers, rows = read_csv_table(data)
    mapping = {"client": "Client", "title": "Job", "started": "Start date"}
    fragment = fragment_from_csv(
        "contracts", headers, rows, mapping, Log(), constants={"kind": "Fixed"}
    )
    assert [c.kind for c in fragment.contracts] == ["fixed", "fixed"]
    with pytest.raises(InputError, match="contracts need a column for kind"):
        fragment_from_csv("contracts", headers, rows, mapping, Log())
    with pytest.raises(InputError) as bad:
        fragment_from_csv("contracts", headers, rows, mapping, Log(), constants={"kind": "fxed"})
    assert str(bad.value).startswith("mapping: every row's kind 'fxed': ")
    with pytest.raises(InputError, match="title is both a column and a value for every row"):
        fragment_from_csv("contracts", headers, rows, mapping, Log(), constants={"title": "X"})
