"""What the file cannot say by itself: the order of its numeric dates, and whose work it holds."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tracker.io.problems import InputError
from tracker.io.upwork.dates import (
    DateOrderMixed,
    DateOrderUnknown,
    decide_order,
    parse_upwork_date,
)
from tracker.io.upwork.rows import DateOrderNeeded
from tracker.io.upwork.statement import plan_upwork_import
from tracker.io.upwork.whose import WHOSE_WORK_SETTING, FreelancerChoiceNeeded
from tracker.records.changes import apply_to_log
from tracker.records.model import Log, Payment

DATA = Path(__file__).parent.parent / "data" / "upwork"
HEADER = "Date,Ref ID,Type,Description,Team,Amount\n"


def fixture(name: str) -> bytes:
    return (DATA / name).read_bytes()


def paid_on(data: bytes, **options: object) -> list[date]:
    plan = plan_upwork_import(data, Log(), frozenset(), **options)  # type: ignore[arg-type]
    return sorted(p.date for p in plan.change.added if isinstance(p, Payment))


# --- dates ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mar 18, 2020", date(2020, 3, 18)),
        ("18-Mar-20", date(2020, 3, 18)),
        ("9-Feb-20", date(2020, 2, 9)),
        ("2020-03-18", date(2020, 3, 18)),
        ("18 March 2020", date(2020, 3, 18)),
    ],
)
def test_every_written_form_of_a_date(text: str, expected: date) -> None:
    assert parse_upwork_date(text, None) == expected


def test_numeric_dates_are_read_in_the_order_given() -> None:
    assert parse_upwork_date("03/04/2020", "mdy") == date(2020, 3, 4)
    assert parse_upwork_date("03/04/2020", "dmy") == date(2020, 4, 3)
    assert parse_upwork_date("03/04/2020", None) is None


def test_the_order_is_decided_by_a_part_above_12() -> None:
    assert decide_order(["03/04/2020", "18/03/2020"], None) == "dmy"
    assert decide_order(["03/04/2020", "03/18/2020"], None) == "mdy"
    assert decide_order(["Invoice for 02/10/2020-02/16/2020"], None) == "mdy"
    assert decide_order(["05/05/2020"], None) == "mdy"  # the same either way
    with pytest.raises(DateOrderUnknown):
        decide_order(["03/04/2020"], None)
    with pytest.raises(DateOrderMixed):
        decide_order(["18/03/2020", "03/18/2020"], None)
    assert decide_order(["03/04/2020"], "dmy") == "dmy"


def test_a_day_first_file_is_read_day_first() -> None:
    assert paid_on(fixture("recent-20.csv"))[0] == date(2026, 9, 2)


def test_the_invoice_periods_decide_a_file_whose_date_column_cannot() -> None:
    data = (
        HEADER + "03/02/2020,1,Hourly,Invoice for 01/27/2020-02/02/2020 - 10:00 hrs @ $30.00/hr,"
        "Alpha,$300\n"
    )
    assert paid_on(data.encode()) == [date(2020, 3, 2)]


def test_a_file_that_cannot_decide_is_refused_saying_so_and_the_option_settles_it() -> None:
    with pytest.raises(DateOrderNeeded) as caught:
        paid_on(fixture("ambiguous.csv"))
    assert str(caught.value) == (
        "line 2, column Date: the file's dates such as '03/04/2020' can be read day first or "
        "month first and no date in it decides; say which with --date-order dmy or --date-order mdy"
    )
    assert paid_on(fixture("ambiguous.csv"), date_order="dmy") == [
        date(2020, 2, 1),
        date(2020, 4, 3),
    ]
    assert paid_on(fixture("ambiguous.csv"), date_order="mdy") == [
        date(2020, 1, 2),
        date(2020, 3, 4),
    ]


def test_a_file_with_both_orders_is_refused() -> None:
    data = HEADER + "18/03/2020,1,Fixed Price,Invoice for A,X,$1\n03/18/2020,2,Fixed,A,X,$1\n"
    with pytest.raises(DateOrderNeeded, match="'03/18/2020' is written month first but"):
        paid_on(data.encode())


def test_a_date_that_does_not_exist_in_the_chosen_order_is_refused() -> None:
    data = HEADER + "03/18/2020,1,Fixed Price,Invoice for A,X,$1\n"
    with pytest.raises(InputError, match="line 2, column Date: '03/18/2020' is not a date"):
        paid_on(data.encode(), date_order="dmy")


# --- whose work ----------------------------------------------------------------------------------


def test_an_agency_statement_needs_a_choice_and_names_the_freelancers() -> None:
    with pytest.raises(FreelancerChoiceNeeded) as caught:
        paid_on(fixture("agency.csv"))
    assert caught.value.freelancers == ("Ana Ruiz", "Tomasz Kowal")
    message = str(caught.value)
    assert "2 freelancers (Ana Ruiz, Tomasz Kowal)" in message
    assert "--freelancer NAME" in message and "--agency" in message


def test_one_freelancer_s_work_or_the_whole_agency_s() -> None:
    tomasz = plan_upwork_import(
        fixture("agency.csv"), Log(), frozenset(), freelancer="tomasz kowal"
    )
    assert sorted(p.ref or "" for p in tomasz.change.added if isinstance(p, Payment)) == [
        "200001",
        "200003",
    ]
    assert dict(tomasz.summary.ignored)["other_freelancer"] == 2
    assert "2 rows of other freelancers" in " ".join(tomasz.summary.lines())
    assert tomasz.change.settings == {WHOSE_WORK_SETTING: "tomasz kowal"}
    everyone = plan_upwork_import(fixture("agency.csv"), Log(), frozenset(), agency=True)
    assert len([p for p in everyone.change.added if isinstance(p, Payment)]) == 4
    assert everyone.change.settings == {WHOSE_WORK_SETTING: "agency"}


def test_the_choice_is_kept_for_the_next_statement() -> None:
    first = plan_upwork_import(fixture("agency.csv"), Log(), frozenset(), freelancer="Ana Ruiz")
    log = apply_to_log(Log(), first.change)
    again = plan_upwork_import(fixture("agency.csv"), log, frozenset(first.change.applied_refs))
    assert again.change.is_empty() and again.change.settings is None
    assert dict(again.summary.ignored)["other_freelancer"] == 2


def test_a_freelancer_not_in_the_statement_is_refused() -> None:
    with pytest.raises(InputError, match="'Zoe' has no earnings in this statement; it names Ana"):
        plan_upwork_import(fixture("agency.csv"), Log(), frozenset(), freelancer="Zoe")


def test_an_agency_s_hourly_invoices_keep_each_freelancer_s_rate_apart() -> None:
    plan = plan_upwork_import(fixture("agency.csv"), Log(), frozenset(), agency=True)
    titles = sorted(c.title for c in plan.summary.new_contracts)
    assert titles == [
        "App icon set",
        "Hourly work for Orbit Apps at $40.00/hr",
        "Hourly work for Orbit Apps at $50.00/hr",
    ]
