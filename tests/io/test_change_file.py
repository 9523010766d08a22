"""The what-if change file: add, replace, remove with what goes with it, and its errors' paths."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from io_samples import d, small_log

from tracker.io.change_file import parse_change_file
from tracker.io.problems import InputError
from tracker.records.changes import apply_to_log
from tracker.records.model import Client, Contract, Feedback, Invite, Log, Payment, Proposal


def base_log() -> Log:
    log = small_log()
    return Log(
        clients=log.clients,
        contracts=log.contracts,
        payments=log.payments,
        feedback=log.feedback,
        invites=(
            Invite("i-1", d("2025-01-10"), "Logo", client="acme"),
            Invite("i-2", d("2025-01-11"), "Site", client="blue"),
        ),
        proposals=(Proposal("p-1", d("2025-01-12")),),
    )


def change_of(document: Any, log: Log | None = None) -> Log:
    existing = log or base_log()
    return apply_to_log(existing, parse_change_file(json.dumps(document).encode(), existing))


def error_of(document: Any) -> str:
    with pytest.raises(InputError) as caught:
        parse_change_file(json.dumps(document).encode(), base_log())
    return str(caught.value)


NEW_CONTRACT = {
    "id": "k-3",
    "client": "acme",
    "kind": "fixed",
    "started": "2025-05-01",
    "ended": "2025-06-01",
}


def test_an_empty_change_file_changes_nothing() -> None:
    assert parse_change_file(b"{}", base_log()).is_empty()


def test_add_puts_new_records_in_and_may_refer_to_each_other() -> None:
    after = change_of(
        {
            "add": {
                "clients": [{"id": "new", "name": "New Co"}],
                "contracts": [dict(NEW_CONTRACT, client="new")],
                "payments": [{"contract": "k-3", "date": "2025-05-20", "amount": 300}],
                "feedback": [{"contract": "k-3", "date": "2025-06-02", "stars": 5, "private": 10}],
            }
        }
    )
    assert after.contract_by_id()["k-3"].client == "new"
    assert Payment("k-3", d("2025-05-20"), Decimal("300.00")) in after.payments
    assert Feedback("k-3", d("2025-06-02"), stars=Decimal(5), private=10) in after.feedback


def test_replace_swaps_the_record_with_the_same_identity() -> None:
    after = change_of(
        {
            "replace": {
                "contracts": [
                    {
                        "id": "k-1",
                        "client": "acme",
                        "kind": "fixed",
                        "started": "2025-01-03",
                        "ended": "2025-03-01",
                        "disputed": True,
                    }
                ],
                "feedback": [{"contract": "k-1", "date": "2025-03-02", "stars": 4, "private": 6}],
            }
        }
    )
    assert after.contract_by_id()["k-1"].disputed
    assert [f.stars for f in after.feedback] == [Decimal(4)]
    assert len(after.contracts) == 2 and len(after.payments) == 2


def test_removing_a_contract_removes_its_payments_and_feedback() -> None:
    after = change_of({"remove": {"contracts": ["k-1"]}})
    assert [c.id for c in after.contracts] == ["k-2"]
    assert after.payments == () and after.feedback == ()


def test_removing_a_client_removes_its_contracts_and_clears_it_from_invites() -> None:
    after = change_of({"remove": {"clients": ["acme"]}})
    assert [c.id for c in after.clients] == ["blue"]
    assert [c.id for c in after.contracts] == ["k-2"]
    assert after.payments == () and after.feedback == ()
    invites = {i.id: i.client for i in after.invites}
    assert invites == {"i-1": None, "i-2": "blue"}


def test_removing_invites_and_proposals() -> None:
    after = change_of({"remove": {"invites": ["i-1"], "proposals": ["p-1"]}})
    assert [i.id for i in after.invites] == ["i-2"] and after.proposals == ()


def test_a_removed_contract_may_come_back_under_add() -> None:
    after = change_of(
        {"remove": {"contracts": ["k-1"]}, "add": {"contracts": [dict(NEW_CONTRACT, id="k-1")]}}
    )
    assert after.contract_by_id()["k-1"].started == date(2025, 5, 1)


@pytest.mark.parametrize(
    ("document", "message"),
    [
        (
            {"add": {"contracts": [dict(NEW_CONTRACT, started="2025-13-01")]}},
            "add.contracts[0].started: '2025-13-01' is not a date",
        ),
        (
            {"add": {"contracts": [dict(NEW_CONTRACT, id="k-1")]}},
            "add.contracts[0].id: 'k-1' is already in the database; "
            "put it under replace to change it",
        ),
        (
            {"add": {"feedback": [{"contract": "k-1", "date": "2025-03-02", "stars": 5}]}},
            "add.feedback[0]: final feedback for contract 'k-1' on 2025-03-02 is already in the "
            "database; put it under replace to change it",
        ),
        (
            {"replace": {"contracts": [NEW_CONTRACT]}},
            "replace.contracts[0].id: 'k-3' is not in the database (or is removed); "
            "put it under add",
        ),
        (
            {"replace": {"payments": [{"contract": "k-1", "date": "2025-03-01", "amount": 5}]}},
            "replace.payments[0].ref: a payment under replace needs the ref of the payment it "
            "replaces",
        ),
        (
            {"add": {"feedback": [{"contract": "k-9", "date": "2025-03-02", "stars": 7}]}},
            "add.feedback[0].contract: no contract has the id 'k-9'",
        ),
        (
            {"add": {"feedback": [{"contract": "k-1", "date": "2025-04-02", "stars": 7}]}},
            "add.feedback[0].stars: 7 is not between 1 and 5",
        ),
        (
            {"add": {"payments": [{"contract": "k-1", "date": "2024-12-31", "amount": 5}]}},
            "add.payments[0].date: 2024-12-31 is before the contract's start (2025-01-03)",
        ),
        (
            {"add": {"payments": [{"contract": "k-2", "date": "2025-03-01", "amount": 5}]}},
            "add.payments[0].contract: contract 'k-2' has a typed earned or last_paid, so its "
            "payments cannot be listed too; keep one or the other",
        ),
        (
            {
                "remove": {"contracts": ["k-1"]},
                "add": {"feedback": [{"contract": "k-1", "date": "2025-04-02"}]},
            },
            "add.feedback[0].contract: no contract has the id 'k-1'",
        ),
        (
            {"remove": {"contracts": ["k-9"]}},
            "remove.contracts[0]: no contract in the database has the id 'k-9'",
        ),
        (
            {"remove": {"payments": []}},
            "remove.payments: is not a table removal accepts "
            "(contracts, clients, invites, proposals)",
        ),
        ({"remove": ["k-1"]}, "remove: a list is not an object of id lists"),
        ({"remove": {"contracts": "k-1"}}, "remove.contracts: 'k-1' is not a list of ids"),
        ({"add": []}, "add: a list is not an object with the lists of a Repute file"),
        ({"whatif": {}}, "whatif: is not a part of a change file (add, replace, remove, steps)"),
        (
            {
                "replace": {
                    "contracts": [
                        {"id": "k-1", "client": "acme", "kind": "fixed", "started": "2025-03-01"}
                    ]
                }
            },
            "after the change, a payment of contract 'k-1' on 2025-02-28 is before the contract's "
            "start (2025-03-01)",
        ),
    ],
)
def test_a_bad_change_file_is_refused_with_the_path(document: Any, message: str) -> None:
    assert error_of(document) == message


def test_a_change_file_that_is_not_json_says_so() -> None:
    with pytest.raises(InputError) as caught:
        parse_change_file(b'{"add": ', base_log())
    assert str(caught.value).startswith("the file ends too early")
    with pytest.raises(InputError) as caught:
        parse_change_file(b"[]", base_log())
    assert (
        str(caught.value)
        == "the file holds a list, not a change (an object with add, replace, remove, steps)"
    )


def test_the_first_bad_value_in_file_order_wins_across_parts() -> None:
    document = {
        "replace": {
            "contracts": [{"id": "k-1", "client": "acme", "kind": "big", "started": "2025-01-03"}]
        },
        "add": {"contracts": [dict(NEW_CONTRACT, started="nope")]},
    }
    assert error_of(document).startswith("replace.contracts[0].kind:")


def test_the_change_is_never_written_and_the_log_given_is_unchanged() -> None:
    log = base_log()
    change = parse_change_file(json.dumps({"remove": {"contracts": ["k-1"]}}).encode(), log)
    assert change.label == "what-if"
    assert log == base_log()
    assert Client("acme", "Acme Ltd", "US") in log.clients
    assert isinstance(change.removed[0], Contract)
