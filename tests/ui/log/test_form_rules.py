"""A form and an import refuse the same values with the same rule: the form only words it its way.

Each case is a record that breaks one rule between fields or records. The form (ui.log.forms.checks)
shows its sentence beside the field; the same record written as a repute/1 file is refused by the
importer (into the same log) at that very field, because both ask tracker.records' rules.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from tracker.io.import_plan import plan_import
from tracker.io.json_format import export_json, parse_repute_json
from tracker.io.problems import InputError
from tracker.records.changes import Change, Record, apply_to_log
from tracker.records.kinds import kind_of
from tracker.records.model import Client, Contract, Event, Feedback, Invite, Log, Payment
from tracker.records.rules import Rule
from ui.log.forms.checks import record_problems

START = date(2025, 3, 1)
BASE = Log(
    clients=(Client("acme", "Acme Ltd"),),
    contracts=(
        Contract("k-1", "acme", "hourly", START, "Logo"),
        Contract("k-2", "acme", "fixed", START, "Typed", earned=Decimal("100.00")),
    ),
)

CASES: list[tuple[Record, str, str, str]] = [
    (
        Contract("k-3", "acme", "fixed", START, ended=date(2025, 2, 1)),
        "ended",
        Rule.ENDS_BEFORE_START,
        "the end is before the start",
    ),
    (
        Contract("k-3", "acme", "fixed", START, earned=Decimal(1), last_paid=date(2025, 2, 1)),
        "last_paid",
        Rule.LAST_PAID_BEFORE_START,
        "the last payment is before the start",
    ),
    (
        Payment("k-1", date(2025, 2, 1), Decimal("10.00")),
        "date",
        Rule.BEFORE_CONTRACT_START,
        "the payment is before the contract's start (1 Mar 2025)",
    ),
    (
        Feedback("k-9", date(2025, 4, 1)),
        "contract",
        Rule.NO_CONTRACT,
        "there is no contract 'k-9'",
    ),
    (
        Invite("i-1", date(2025, 4, 2), client="nobody"),
        "client",
        Rule.NO_CLIENT,
        "there is no client 'nobody'; add it on the Clients page",
    ),
    (
        Invite("i-1", date(2025, 4, 2), responded=date(2025, 4, 1)),
        "responded",
        Rule.ENDS_BEFORE_START,
        "the answer is before the invite",
    ),
    (
        Event(date(2025, 4, 2), "account_hold", until=date(2025, 4, 1)),
        "until",
        Rule.ENDS_BEFORE_START,
        "the end is before the start",
    ),
]


@pytest.mark.parametrize(("record", "field", "rule", "words"), CASES)
def test_the_form_and_the_import_refuse_the_record_at_the_same_field_by_the_same_rule(
    record: Record, field: str, rule: str, words: str
) -> None:
    (problem,) = [p for p in record_problems(record, BASE) if p.field == field]
    assert (problem.rule, problem.message) == (rule, words)
    file = apply_to_log(Log(), Change("", added=(record,)))
    with pytest.raises(InputError) as refused:
        parse_repute_json(export_json(file), BASE)
    assert refused.value.path == f"{kind_of(record).table}[0].{field}"


def test_a_new_start_after_the_contract_s_records_is_refused_with_the_import_s_rule() -> None:
    log = apply_to_log(
        BASE, Change("", added=(Payment("k-1", date(2025, 3, 10), Decimal("5.00")),))
    )
    edited = Contract("k-1", "acme", "hourly", date(2025, 3, 20), "Logo")
    (problem,) = record_problems(edited, log, log.contracts[0])
    assert (problem.field, problem.rule) == ("started", Rule.RECORDS_BEFORE_START)
    assert problem.message == "a payment on 10 Mar 2025 is before this start"


def test_a_payment_for_a_contract_with_earned_typed_in_is_refused_by_both() -> None:
    payment = Payment("k-2", date(2025, 4, 1), Decimal("10.00"))
    (problem,) = record_problems(payment, BASE)
    assert (problem.field, problem.rule) == ("contract", Rule.PAYMENT_WITH_EARNED)
    assert problem.message == (
        "'Typed' has its earnings typed in; clear 'earned' on the contract first"
    )
    fragment = parse_repute_json(export_json(Log(payments=(payment,))), BASE)
    with pytest.raises(InputError, match="contracts k-2 have a typed earned amount"):
        plan_import(BASE, fragment, replace=False)
