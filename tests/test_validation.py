"""Field values and record rules shared by every way into the log, the window's forms included."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.records.date_range import FIRST_DAY, LAST_DAY, RANGE_TEXT
from tracker.records.field_values import (
    BadValue,
    NonFinite,
    parse_amount,
    parse_flag,
    parse_id,
    parse_iso_date,
    parse_jss,
    parse_money,
    parse_private,
    parse_stars,
    parse_sub_scores,
)
from tracker.records.model import (
    Client,
    Contract,
    Event,
    Feedback,
    Invite,
    Log,
    Payment,
    Profile,
    Snapshot,
)
from tracker.records.validation import Problem, log_problems, record_problems


def d(text: str) -> date:
    return date.fromisoformat(text)


def message_of(parse, value: object) -> str:  # type: ignore[no-untyped-def]
    with pytest.raises(BadValue) as caught:
        parse(value)
    return caught.value.message


class TestDates:
    def test_exactly_yyyy_mm_dd_and_a_real_day(self) -> None:
        assert parse_iso_date("2024-02-29") == date(2024, 2, 29)
        assert parse_iso_date(date(2024, 2, 29)) == date(2024, 2, 29)

    @pytest.mark.parametrize(
        "value",
        [
            "2025-13-01",
            "2025-02-29",
            "2025-1-01",
            "20250101",
            "2025-W01-1",
            " 2025-01-01",
            "2025-01-01 ",
            "2025-01-01T00:00",
            "0000-01-01",
            "\uff12\uff10\uff12\uff15-01-01",
            "",
            "2025/01/01",
        ],
    )
    def test_anything_else_is_not_a_date(self, value: str) -> None:
        assert message_of(parse_iso_date, value) == f"{value!r} is not a date"

    @pytest.mark.parametrize(
        ("value", "shown"), [(20250101, "20250101"), (None, "null"), (True, "true"), ([], "a list")]
    )
    def test_a_value_that_is_not_text_is_shown_as_written(self, value: object, shown: str) -> None:
        assert message_of(parse_iso_date, value) == f"{shown} is not a date"

    @given(st.dates(min_value=FIRST_DAY, max_value=LAST_DAY))
    def test_every_real_date_in_the_accepted_range_reads_back(self, day: date) -> None:
        assert parse_iso_date(day.isoformat()) == day
        assert parse_iso_date(day) == day

    @given(st.dates().filter(lambda day: not FIRST_DAY <= day <= LAST_DAY))
    def test_a_real_date_outside_the_range_is_refused_saying_the_range(self, day: date) -> None:
        expected = f"'{day.isoformat()}' is outside the dates Repute accepts ({RANGE_TEXT})"
        assert message_of(parse_iso_date, day.isoformat()) == expected


class TestMoney:
    def test_read_as_decimals_with_two_places(self) -> None:
        assert str(parse_money(Decimal("450"))) == "450.00"
        assert str(parse_money(450)) == "450.00"
        assert str(parse_money(Decimal("450.1"))) == "450.10"
        assert str(parse_money(Decimal("450.100"))) == "450.10"

    @pytest.mark.parametrize(
        ("value", "message"),
        [
            ("abc", "'abc' is not a number"),
            ("12", "'12' is not a number"),
            (True, "true is not a number"),
            (None, "null is not a number"),
            (NonFinite("NaN"), "NaN is not a finite number"),
            (Decimal("NaN"), "NaN is not a finite number"),
            (float("inf"), "inf is not a finite number"),
            (Decimal("1.005"), "1.005 has more than 2 decimals"),
            (Decimal("1e12"), "1E+12 is too large for an amount of money"),
        ],
    )
    def test_what_is_not_money(self, value: object, message: str) -> None:
        assert message_of(parse_money, value) == message

    def test_a_payment_is_more_than_zero(self) -> None:
        assert message_of(parse_amount, 0) == (
            "0 is not more than 0 (a refund goes in the contract's refunded)"
        )
        assert message_of(parse_amount, Decimal("-5")).startswith("-5 is not more than 0")

    @given(st.integers(-(10**13), 10**13))
    def test_whole_cents_always_read_back_exactly(self, cents: int) -> None:
        value = Decimal(cents) / 100
        if abs(value) < Decimal(10) ** 12:
            assert parse_money(value) == value
        else:
            with pytest.raises(BadValue):
                parse_money(value)


class TestScores:
    @pytest.mark.parametrize("value", [1, 5, Decimal("4.8"), Decimal("1.0")])
    def test_stars_from_one_to_five(self, value: object) -> None:
        assert parse_stars(value) == value

    @pytest.mark.parametrize(
        ("value", "shown"), [(Decimal("7.5"), "7.5"), (0, "0"), (Decimal("5.01"), "5.01")]
    )
    def test_stars_outside_are_refused(self, value: object, shown: str) -> None:
        assert message_of(parse_stars, value) == f"{shown} is not between 1 and 5"

    def test_private_is_a_whole_number_from_0_to_10(self) -> None:
        assert parse_private(0) == 0 and parse_private(Decimal("9.0")) == 9
        assert message_of(parse_private, 11) == "11 is not a whole number between 0 and 10"
        assert (
            message_of(parse_private, Decimal("8.5"))
            == "8.5 is not a whole number between 0 and 10"
        )
        assert message_of(parse_private, True) == "true is not a whole number between 0 and 10"

    def test_jss_is_a_whole_number_from_0_to_100(self) -> None:
        assert parse_jss(100) == 100
        assert message_of(parse_jss, 101) == "101 is not a whole number between 0 and 100"

    def test_sub_scores_keep_the_known_names_sorted(self) -> None:
        assert parse_sub_scores({"skills": 5, "humour": 9, "quality": None, "deadlines": 4}) == (
            ("deadlines", Decimal(4)),
            ("skills", Decimal(5)),
        )

    def test_a_bad_sub_score_names_itself(self) -> None:
        with pytest.raises(BadValue) as caught:
            parse_sub_scores({"skills": 5, "quality": 6})
        assert (caught.value.at, caught.value.message) == ("quality", "6 is not between 1 and 5")


def test_ids_flags_and_long_text_in_messages() -> None:
    assert message_of(parse_id, "") == "'' is empty; an id is non-empty text"
    assert message_of(parse_flag, 1) == "1 is not true or false"
    long = "x" * 100
    assert message_of(parse_iso_date, long) == f"{'x' * 37 + '...'!r} is not a date"


LOG = Log(
    clients=(Client("acme"),),
    contracts=(
        Contract("k-1", "acme", "fixed", d("2025-01-03"), ended=d("2025-03-01")),
        Contract("k-2", "acme", "hourly", d("2025-02-01"), earned=Decimal("100.00")),
    ),
    payments=(Payment("k-1", d("2025-02-01"), Decimal("10.00"), "TX-1"),),
    feedback=(Feedback("k-1", d("2025-03-02")),),
    snapshots=(Snapshot(d("2025-03-09"), 94),),
)


class TestRecordProblemsForForms:
    def test_a_good_record_has_none(self) -> None:
        assert record_problems(Contract("k-3", "acme", "fixed", d("2025-01-01")), LOG) == []

    def test_the_end_before_the_start_is_shown_beside_the_end(self) -> None:
        contract = Contract("k-3", "acme", "fixed", d("2025-01-03"), ended=d("2025-01-01"))
        assert record_problems(contract, LOG) == [
            Problem("ended", "2025-01-01 is before the start (2025-01-03)")
        ]

    def test_every_field_at_once_one_problem_per_field(self) -> None:
        contract = Contract("", "nobody", "big", d("2025-01-03"), refunded=Decimal("-1"))
        problems = {p.field: p.message for p in record_problems(contract, LOG)}
        assert problems == {
            "id": "is required",
            "client": "no client has the id 'nobody'",
            "kind": "'big' is not a contract kind (hourly, fixed)",
            "refunded": "-1 is negative",
        }

    def test_an_id_already_used_is_refused_unless_it_is_the_record_being_edited(self) -> None:
        old = LOG.contracts[0]
        edited = replace(old, title="New title")
        assert record_problems(edited, LOG) == [
            Problem("id", "'k-1' is already used by another record")
        ]
        assert record_problems(edited, LOG, replacing=old) == []

    def test_earned_on_a_contract_with_listed_payments(self) -> None:
        edited = replace(LOG.contracts[0], earned=Decimal("5.00"))
        assert [p.field for p in record_problems(edited, LOG, replacing=LOG.contracts[0])] == [
            "earned"
        ]

    def test_a_payment_for_a_contract_with_typed_earned_or_before_its_start(self) -> None:
        payment = Payment("k-2", d("2025-01-01"), Decimal("5.00"))
        problems = {p.field: p.message for p in record_problems(payment, LOG)}
        assert problems["date"] == "2025-01-01 is before the contract's start (2025-02-01)"
        assert problems["contract"].startswith("contract 'k-2' has a typed earned or last_paid")

    def test_feedback_stars_and_twins(self) -> None:
        feedback = Feedback("k-1", d("2025-03-02"), stars=Decimal("7"))
        assert record_problems(feedback, LOG) == [
            Problem("stars", "7 is not between 1 and 5"),
            Problem("date", "contract 'k-1' already has final feedback on 2025-03-02"),
        ]

    def test_a_second_snapshot_on_a_day_and_a_payment_ref_used_twice(self) -> None:
        assert record_problems(Snapshot(d("2025-03-09"), 90), LOG) == [
            Problem("date", "there is already a snapshot on 2025-03-09")
        ]
        payment = Payment("k-1", d("2025-02-02"), Decimal("1.00"), "TX-1")
        assert record_problems(payment, LOG) == [
            Problem("ref", "another payment has the ref 'TX-1'")
        ]

    def test_an_invite_answered_before_it_came_and_an_event_ending_before_it_starts(self) -> None:
        invite = Invite("i-1", d("2025-02-01"), responded=d("2025-01-31"))
        assert record_problems(invite, LOG) == [
            Problem("responded", "2025-01-31 is before the invite's date (2025-02-01)")
        ]
        event = Event(d("2025-04-01"), "account_hold", until=d("2025-03-01"))
        assert record_problems(event, LOG) == [
            Problem("until", "2025-03-01 is before the event's date (2025-04-01)")
        ]


def test_a_profile_is_checked_field_by_field() -> None:
    assert record_problems(Profile(name="Jane", joined=d("2014-11-05")), LOG) == []
    assert record_problems(Profile(name=5), LOG) == [Problem("name", "5 is not text")]  # type: ignore[arg-type]


class TestLogProblems:
    def test_a_consistent_log_has_none(self) -> None:
        assert log_problems(LOG) == []

    def test_rules_between_records_over_the_whole_log(self) -> None:
        broken = replace(
            LOG,
            payments=(
                *LOG.payments,
                Payment("k-2", d("2025-01-15"), Decimal("5.00")),
                Payment("k-9", d("2025-01-15"), Decimal("5.00")),
            ),
            invites=(Invite("i-1", d("2025-01-01"), client="gone"),),
        )
        assert log_problems(broken) == [
            "a payment of contract 'k-2' on 2025-01-15 is before the contract's start (2025-02-01)",
            "a payment of 2025-01-15 names contract 'k-9', which is not there",
            "contract 'k-2' has a typed earned or last_paid and listed payments; "
            "keep one or the other",
            "invite 'i-1' names client 'gone', which is not there",
        ]

    def test_only_the_contracts_asked_about(self) -> None:
        broken = replace(LOG, payments=(Payment("k-2", d("2025-03-01"), Decimal("5.00")),))
        assert log_problems(broken, contracts={"k-1"}) == []
        assert len(log_problems(broken, contracts={"k-2"})) == 1
