"""The Changes the log pages make: what they remove and add, and labels that say what they did."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from log_fixtures import sample_log

from tracker.records.changes import apply_to_log
from tracker.records.model import Client, CountedMark, Event, Invite, Snapshot
from ui.log.edits import DeleteRefused, add_change, delete_change, describe, edit_change
from ui.log.forms.spec import Draft

LOG = sample_log()


def test_records_are_named_the_way_the_user_knows_them() -> None:
    assert describe(LOG.contracts[0], LOG) == "contract 'Logo redesign'"
    assert describe(LOG.payments[0], LOG) == "payment of $450.00 on 'Logo redesign'"
    assert describe(LOG.feedback[1], LOG) == "final feedback on 'Brand site'"
    assert describe(Invite("i-3", date(2025, 1, 1)), LOG) == "invite i-3"
    assert describe(Snapshot(date(2025, 3, 9), 94), LOG) == "recorded value 94% on 9 Mar 2025"
    assert describe(Event(date(2025, 4, 1), "account_hold"), LOG) == "account hold on 1 Apr 2025"
    assert describe(LOG.clients[1], LOG) == "client 'Bolt Studio'"


def test_adding_with_a_new_client_says_so_and_adds_both() -> None:
    contract = LOG.contracts[0].__class__("k-9", "new", "hourly", date(2025, 5, 1), title="Docs")
    client = Client("new", "New Co")
    change = add_change(Draft(contract, (client,)), LOG)
    assert change.label == "add contract 'Docs' for new client 'New Co'"
    assert change.added == (contract, client) and change.removed == ()


def test_an_edit_is_the_old_record_removed_and_the_new_added() -> None:
    old = Snapshot(date(2025, 3, 9), 94)
    new = Snapshot(date(2025, 3, 9), 95)
    change = edit_change(old, Draft(new), LOG)
    assert change is not None
    assert (change.label, change.removed, change.added) == (
        "edit recorded value 94% on 9 Mar 2025", (old,), (new,),
    )  # fmt: skip
    assert edit_change(new, Draft(new), LOG) is None


def test_deleting_several_contracts_names_what_goes_with_them() -> None:
    change = delete_change(LOG.contracts, LOG)
    assert change.label == "delete 3 contracts with their 4 payments and 2 feedback"
    after = apply_to_log(LOG, change)
    assert (after.contracts, after.payments, after.feedback) == ((), (), ())


def test_a_contract_s_counted_marks_go_with_it() -> None:
    contract = LOG.contracts[0]
    mark = CountedMark(contract.id, contract.started, True)
    log = apply_to_log(LOG, add_change(Draft(mark), LOG))
    change = delete_change([contract], log)
    assert change.label.endswith(" and 1 counted mark")
    assert mark in change.removed
    assert apply_to_log(log, change).counted_marks == ()
    assert describe(mark, log).startswith("mark counting on ")


def test_a_client_still_used_by_an_invite_is_refused() -> None:
    log = apply_to_log(LOG, add_change(Draft(Client("zed", "Zed")), LOG))
    log = apply_to_log(log, add_change(Draft(Invite("i-1", date(2025, 1, 1), client="zed")), log))
    with pytest.raises(DeleteRefused, match=r"^Client 'Zed' still has 1 invite; delete or move"):
        delete_change([log.client_by_id()["zed"]], log)


def test_the_refusal_says_it_for_one_record_and_them_for_more() -> None:
    log = apply_to_log(LOG, add_change(Draft(Client("zed", "Zed")), LOG))
    log = apply_to_log(log, add_change(Draft(Invite("i-1", date(2025, 1, 1), client="zed")), log))
    with pytest.raises(DeleteRefused, match=r"1 invite; delete or move it first\.$"):
        delete_change([log.client_by_id()["zed"]], log)
    log = apply_to_log(log, add_change(Draft(Invite("i-2", date(2025, 1, 2), client="zed")), log))
    with pytest.raises(DeleteRefused, match=r"2 invites; delete or move them first\.$"):
        delete_change([log.client_by_id()["zed"]], log)


def test_a_client_goes_when_its_contracts_go_with_it() -> None:
    acme = LOG.client_by_id()["acme"]
    change = delete_change([acme, LOG.contracts[0]], LOG)
    assert change.label == "delete 2 records with its 2 payments and 1 feedback"
    assert acme not in apply_to_log(LOG, change).clients


@given(st.sets(st.sampled_from([c.id for c in LOG.contracts])))
def test_deleting_contracts_never_leaves_payments_or_feedback_pointing_at_nothing(
    chosen: set[str],
) -> None:
    records = [c for c in LOG.contracts if c.id in chosen]
    if not records:
        return
    after = apply_to_log(LOG, delete_change(records, LOG))
    left = {c.id for c in after.contracts}
    assert left == {c.id for c in LOG.contracts} - chosen
    assert all(p.contract in left for p in after.payments)
    assert all(f.contract in left for f in after.feedback)
    kept = [p for p in LOG.payments if p.contract in left]
    assert sorted(after.payments, key=repr) == sorted(kept, key=repr)


def test_money_in_labels_keeps_its_cents() -> None:
    payment = LOG.payments[0].__class__("k-1", date(2025, 3, 3), Decimal("1234.5"))
    assert describe(payment, LOG) == "payment of $1,234.50 on 'Logo redesign'"
