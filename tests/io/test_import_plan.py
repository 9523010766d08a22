"""Records that are already there: skipped, conflicts, --replace, payments by ref or by count."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from io_samples import EXAMPLE, d, encode, example, small_log, valid_logs

from tests.profiles import examples
from tracker.io.import_plan import ImportPlan, plan_import
from tracker.io.json_format import export_json, parse_repute_json
from tracker.io.problems import InputError
from tracker.io.tables import stable_order
from tracker.records.changes import apply_to_log
from tracker.records.model import Client, Contract, Log, Payment, Profile


def plan(existing: Log, document: Any, *, replace_all: bool = False) -> ImportPlan:
    data = document if isinstance(document, bytes) else encode(document)
    return plan_import(existing, parse_repute_json(data, existing), replace=replace_all)


def imported(existing: Log, document: Any, *, replace_all: bool = False) -> Log:
    return apply_to_log(existing, plan(existing, document, replace_all=replace_all).change)


def conflict_of(existing: Log, document: Any) -> str:
    with pytest.raises(InputError) as caught:
        plan(existing, document)
    return str(caught.value)


def test_a_first_import_adds_everything_and_says_so() -> None:
    result = plan(Log(), EXAMPLE)
    assert len(result.change.added) == 9
    assert result.change.removed == ()
    assert result.change.profile == Profile("upwork", "Jane Doe", "USD", d("2014-11-05"))
    assert result.change.settings == {"rules": "auto"}
    assert result.summary.lines() == [
        "added: 1 client, 1 contract, 1 payment, 1 feedback, 1 invite, 1 proposal, 1 snapshot, "
        "1 counted mark, 1 event",
        "profile taken from the file",
        "settings changed: rules",
    ]


def test_importing_the_same_file_again_adds_nothing() -> None:
    log = imported(Log(), EXAMPLE)
    again = plan(log, EXAMPLE)
    assert again.change.is_empty()
    assert again.summary.skipped == {
        "clients": 1,
        "contracts": 1,
        "payments": 1,
        "feedback": 1,
        "invites": 1,
        "proposals": 1,
        "snapshots": 1,
        "counted_marks": 1,
        "events": 1,
    }
    assert again.summary.lines()[0] == "nothing new: everything in the file is already there"


def test_records_with_other_content_are_a_conflict_naming_their_ids() -> None:
    document = example()
    document["contracts"].append(dict(document["contracts"][0], id="k-2"))
    log = imported(Log(), document)
    document["contracts"][0]["title"] = "Logo, second try"
    document["contracts"][1]["kind"] = "hourly"
    assert conflict_of(log, document) == (
        "conflict: contracts k-1, k-2 differ from the database; use --replace to replace them"
    )


def test_a_conflict_names_every_table_and_shortens_long_lists() -> None:
    document = example()
    document["invites"] = [{"id": f"i-{n}", "date": "2025-02-01"} for n in range(7)]
    log = imported(Log(), document)
    document["invites"] = [{"id": f"i-{n}", "date": "2025-02-02"} for n in range(7)]
    document["snapshots"][0]["jss"] = 93
    assert conflict_of(log, document) == (
        "conflict: invites i-0, i-1, i-2, i-3, i-4 and 2 more and snapshots 2025-03-09 differ "
        "from the database; use --replace to replace them"
    )


def test_replace_swaps_the_old_record_for_the_new_one() -> None:
    log = imported(Log(), EXAMPLE)
    document = example()
    document["contracts"][0]["title"] = "Logo, second try"
    result = plan(log, document, replace_all=True)
    old = log.contract_by_id()["k-1"]
    assert result.change.removed == (old,)
    assert result.change.added == (replace(old, title="Logo, second try"),)
    assert result.summary.replaced == {"contracts": 1}
    assert "replaced: 1 contract (contracts k-1)" in result.summary.lines()
    after = apply_to_log(log, result.change)
    assert after.contract_by_id()["k-1"].title == "Logo, second try"
    assert plan(after, document).change.is_empty()


def test_payments_are_matched_by_their_ref() -> None:
    log = imported(Log(), EXAMPLE)
    document = example()
    document["payments"][0]["amount"] = 460
    assert conflict_of(log, document) == (
        "conflict: payments TX-88123 differ from the database; use --replace to replace them"
    )
    document["payments"][0]["amount"] = 450
    document["payments"].append({"contract": "k-1", "date": "2025-03-01", "amount": 5, "ref": "T2"})
    assert [p.ref for p in plan(log, document).change.added] == ["T2"]


def test_payments_without_a_ref_are_counted() -> None:
    existing = small_log()  # holds one payment of 50.00 on 2025-03-01 without a ref
    fifty = {"contract": "k-1", "date": "2025-03-01", "amount": 50}
    base = {"format": "repute/1"}
    assert plan(existing, {**base, "payments": [fifty]}).change.is_empty()
    added = plan(existing, {**base, "payments": [fifty, fifty, fifty]}).change.added
    assert added == (Payment("k-1", d("2025-03-01"), Decimal("50.00")),) * 2
    twice = apply_to_log(existing, plan(existing, {**base, "payments": [fifty, fifty]}).change)
    assert plan(twice, {**base, "payments": [fifty, fifty]}).change.is_empty()
    other = dict(fifty, amount=51)
    assert len(plan(existing, {**base, "payments": [other]}).change.added) == 1


def test_feedback_is_identified_by_contract_date_and_kind() -> None:
    existing = small_log()
    same_day = {"contract": "k-1", "date": "2025-03-02", "stars": 4.8, "private": 9}
    interim = dict(same_day, kind="interim", stars=3)
    base = {"format": "repute/1"}
    assert plan(existing, {**base, "feedback": [same_day]}).change.is_empty()
    assert len(plan(existing, {**base, "feedback": [interim]}).change.added) == 1
    assert conflict_of(existing, {**base, "feedback": [dict(same_day, stars=3)]}) == (
        "conflict: feedback k-1 2025-03-02 final differ from the database; use --replace to "
        "replace them"
    )


def test_snapshots_by_date_and_events_by_date_and_kind() -> None:
    log = imported(Log(), EXAMPLE)
    document = example()
    document["events"].append({"date": "2025-04-01", "kind": "note", "note": "same day"})
    assert len(plan(log, document).change.added) == 1
    document["events"][0]["note"] = "changed"
    assert conflict_of(log, document) == (
        "conflict: events 2025-04-01 account_hold differ from the database; use --replace to "
        "replace them"
    )


def test_counted_marks_are_identified_by_contract_and_date() -> None:
    log = imported(Log(), EXAMPLE)
    document = example()
    document["counted_marks"].append({"contract": "k-1", "date": "2025-04-06", "counted": False})
    assert [type(r).__name__ for r in plan(log, document).change.added] == ["CountedMark"]
    document["counted_marks"][0]["counted"] = False
    assert conflict_of(log, document) == (
        "conflict: counted_marks k-1 2025-03-09 differ from the database; use --replace to "
        "replace them"
    )


def test_adding_payments_to_a_contract_with_a_typed_earned_needs_replace() -> None:
    existing = small_log()  # k-2 has a typed earned of 1200.00
    document = {
        "format": "repute/1",
        "payments": [{"contract": "k-2", "date": "2025-03-01", "amount": 600, "ref": "P-1"}],
    }
    assert conflict_of(existing, document) == (
        "conflict: contracts k-2 have a typed earned amount and the file adds payments to them "
        "(replacing clears earned and last_paid); use --replace to replace them"
    )
    result = plan(existing, document, replace_all=True)
    after = apply_to_log(existing, result.change)
    contract = after.contract_by_id()["k-2"]
    assert (contract.earned, contract.last_paid) == (None, None)
    assert result.summary.cleared_earned == ("k-2",)
    assert plan(after, document).change.is_empty()


def test_a_contract_replaced_with_a_typed_earned_cannot_keep_its_listed_payments() -> None:
    existing = small_log()  # k-1 has two listed payments
    document = {
        "format": "repute/1",
        "contracts": [
            {"id": "k-1", "client": "acme", "kind": "fixed", "started": "2025-01-03", "earned": 500}
        ],
    }
    with pytest.raises(InputError) as caught:
        plan(existing, document, replace_all=True)
    assert str(caught.value) == (
        "after the import, contract 'k-1' has a typed earned or last_paid and listed payments; "
        "keep one or the other"
    )


def test_a_replaced_contract_may_not_start_after_its_payments_in_the_database() -> None:
    existing = small_log()
    document = {
        "format": "repute/1",
        "contracts": [
            {
                "id": "k-1",
                "client": "acme",
                "kind": "fixed",
                "started": "2025-03-01",
                "title": "Logo",
                "ended": "2025-03-01",
            }
        ],
    }
    with pytest.raises(InputError) as caught:
        plan(existing, document, replace_all=True)
    assert str(caught.value) == (
        "after the import, a payment of contract 'k-1' on 2025-02-28 is before the contract's "
        "start (2025-03-01)"
    )


def test_another_person_s_file_is_refused_unless_the_user_says_so() -> None:
    log = imported(Log(), EXAMPLE)
    document = example()
    document["profile"]["name"] = "Jane Smith"
    document["contracts"][0]["id"] = "theirs-1"
    for item in document["payments"] + document["feedback"]:
        item["contract"] = "theirs-1"
    for payment in document["payments"]:
        payment["ref"] = f"theirs-{payment['ref']}"
    refused = conflict_of(log, document)
    assert refused.startswith("profile: this file is Jane Smith's log and yours is ")
    assert "--other-profile" in refused
    with pytest.raises(InputError, match="Jane Smith's log"):
        plan(log, document, replace_all=True)  # --replace alone does not take their profile
    taken = plan_import(
        log, parse_repute_json(encode(document), log), replace=False, other_profile=True
    )
    assert taken.change.profile is None  # the log stays this person's
    assert any(getattr(r, "id", None) == "theirs-1" for r in taken.change.added)


def test_a_blank_profile_takes_the_file_s_but_a_different_one_is_a_conflict() -> None:
    assert plan(Log(), example()).change.profile is not None
    log = imported(Log(), EXAMPLE)
    document = example()
    document["profile"]["currency"] = "EUR"
    assert conflict_of(log, document) == (
        "conflict: the profile differs from the database; use --replace to replace them"
    )
    result = plan(log, document, replace_all=True)
    assert result.change.profile is not None and result.change.profile.currency == "EUR"


def test_settings_from_the_file_are_applied_and_null_removes_one() -> None:
    log = imported(Log(), EXAMPLE)
    document = example()
    document["settings"] = {"rules": "upwork-2020-11", "theme": None}
    assert plan(log, document).change.settings == {"rules": "upwork-2020-11"}
    with_theme = replace(log, settings=(("rules", "auto"), ("theme", "dark")))
    assert plan(with_theme, document).change.settings == {"rules": "upwork-2020-11", "theme": None}


def test_unknown_keys_show_in_the_summary() -> None:
    document = example()
    document["contracts"][0]["colour"] = "red"
    assert "ignored: 1 unknown key" in plan(Log(), document).summary.lines()


def test_the_change_carries_the_label_given() -> None:
    result = plan_import(
        Log(), parse_repute_json(encode(EXAMPLE), Log()), replace=False, label="import example.json"
    )
    assert result.change.label == "import example.json"


def test_records_of_the_database_that_the_file_does_not_name_stay() -> None:
    existing = Log(
        clients=(Client("old"),), contracts=(Contract("k-0", "old", "fixed", d("2020-01-01")),)
    )
    after = imported(existing, EXAMPLE)
    assert {c.id for c in after.contracts} == {"k-0", "k-1"}


@settings(max_examples=examples(100), deadline=None)
@given(valid_logs())
def test_an_exported_log_imports_whole_into_an_empty_database_and_then_adds_nothing(
    log: Log,
) -> None:
    data = export_json(log)
    after = imported(Log(), data)
    assert stable_order(after) == stable_order(log)
    assert plan(after, data).change.is_empty()
