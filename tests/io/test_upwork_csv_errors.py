"""Broken transaction histories: one InputError naming the line and column, and no plan at all."""

from pathlib import Path

import pytest

from tracker.io.problems import InputError
from tracker.io.upwork.statement import plan_upwork_import
from tracker.records.model import Log

DATA = Path(__file__).parent.parent / "data" / "upwork"
NEWER = "Date,Transaction ID,Transaction type,Description,Team,Amount $\n"
GOOD = "2026-01-05,9,Hourly,Invoice for Upkeep (5),Acme,$100.00\n"


def error_of(data: bytes | str) -> str:
    raw = data.encode() if isinstance(data, str) else data
    with pytest.raises(InputError) as caught:
        plan_upwork_import(raw, Log(), frozenset())
    return str(caught.value)


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (
            "2026-01-06,10,Hourly,Upkeep (5),Acme,abc",
            "line 3, column Amount $: 'abc' is not a number",
        ),
        (
            "2026-01-06,10,Hourly,Upkeep (5),Acme,1.005",
            "line 3, column Amount $: '1.005' has more than 2 decimals",
        ),
        (
            "2026-13-06,10,Hourly,Upkeep (5),Acme,$1",
            "line 3, column Date: '2026-13-06' is not a date",
        ),
        (
            '"Sept 31, 2026",10,Hourly,Upkeep (5),Acme,$1',
            "line 3, column Date: 'Sept 31, 2026' is not a date",
        ),
        (",10,Hourly,Upkeep (5),Acme,$1", "line 3, column Date: the value is missing (the date)"),
        (
            "2026-01-06,10,,Upkeep (5),Acme,$1",
            "line 3, column Transaction type: the value is missing (the kind of transaction)",
        ),
        (
            "2026-01-06,10,Hourly,Upkeep (5),Acme,",
            "line 3, column Amount $: the value is missing (the amount)",
        ),
        (
            "2026-01-06,10,Hourly,Upkeep (5),Acme",
            "line 3, column Amount $: the value is missing (the amount)",
        ),
        (
            "2026-01-06,,Hourly,Upkeep (5),Acme,$1",
            "line 3, column Transaction ID: the value is missing",
        ),
    ],
)
def test_a_broken_row_names_its_line_and_column(row: str, message: str) -> None:
    assert error_of(NEWER + GOOD + row + "\n").startswith(message)


def test_an_ignored_row_is_checked_too() -> None:
    row = '2026-01-06,,Withdrawal,To bank,,"-1.000,50"'
    assert error_of(NEWER + GOOD + row + "\n") == (
        "line 3, column Amount $: '-1.000,50' is not a number"
    )


def test_a_withdrawal_needs_no_id_and_no_client() -> None:
    plan = plan_upwork_import(
        (NEWER + GOOD + "2026-01-06,,Withdrawal,To bank,,-$5\n").encode(), Log(), frozenset()
    )
    assert dict(plan.summary.ignored) == {"withdrawal": 1}


def test_a_payment_without_a_team_is_unknown_client_never_the_account_name() -> None:
    header = (DATA / "recent.csv").read_text().splitlines()[0]
    row = '"Sep 8, 2026",1,Hourly,Data (42),,,,,,Jane Doe,,Jane Doe,,,$2,,USD,,'
    plan = plan_upwork_import(f"{header}\n{row}\n".encode(), Log(), frozenset())
    assert [c.name for c in plan.summary.new_clients] == ["Unknown client"]
    assert [c.id for c in plan.summary.unknown_client] == ["upwork-42"]
    assert any(line.startswith("Needs you: 1 new contract has no client") for line in
               plan.summary.lines())  # fmt: skip


def test_the_client_may_come_from_another_row_of_the_same_contract() -> None:
    data = (
        NEWER
        + "2026-01-05,9,Hourly,Upkeep (5),,$100.00\n2026-01-12,11,Hourly,Upkeep (5),Acme,$50\n"
    )
    plan = plan_upwork_import(data.encode(), Log(), frozenset())
    assert plan.summary.new_clients[0].name == "Acme"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "line 1: the file is empty"),
        (b"\n\n  \n", "line 4: the file is empty"),
        (b"Name,Email\nJane,j@example.com\n", "line 1: this is not an export of the marketplace"),
        (b"Date,Ref ID,Type,Description,Team\n", "but has no Amount column;"),
        (
            b"Date,Transaction ID,Transaction type,Description,Team,Amount in local currency\n",
            "but has no Amount $ column;",
        ),
        (
            b'Date,Ref ID,Type,Description,Team,Amount\n"Feb 1, 2025",5,Fixed,Caf\xe9,Acme,$9\n',
            "line 2: the file is not UTF-8 text",
        ),
    ],
)
def test_a_file_that_is_not_a_transaction_history(data: bytes, message: str) -> None:
    assert message in error_of(data)


def test_the_expected_columns_are_listed() -> None:
    message = error_of("Name,Email\n")
    assert "expected the columns Date, Ref ID, Type, Description" in message
    assert "Transaction Summary" in message and "Date, Contract, Hours, Amount" in message


def test_an_unterminated_quote_is_not_a_crash() -> None:
    message = error_of(NEWER + '2026-01-06,10,Hourly,"Upkeep (5),Acme,$1\n')
    assert message.startswith("line 2, column")


def test_a_very_long_bad_value_is_shortened_in_the_message() -> None:
    message = error_of(NEWER + "2026-01-06,10,Hourly,Upkeep (5),Acme," + "x" * 500 + "\n")
    assert len(message) < 120
    assert "..." in message
