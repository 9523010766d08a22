"""A change file's `steps`: the sandbox's steps written down, read with the place of a bad value."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from tracker.io.problems import InputError
from tracker.records.model import Client, Contract, Log, Payment
from tracker.usecases.whatif import AddContract, CloseContract, RemoveContract
from tracker.usecases.whatif_file import changed_log, read_whatif_file

LOG = Log(
    clients=(Client("acme", "Acme"),),
    contracts=(Contract("k-1", "acme", "hourly", date(2026, 1, 5), title="Upkeep"),),
    payments=(Payment("k-1", date(2026, 1, 20), Decimal("300")),),
)


def read(document: Any) -> Any:
    return read_whatif_file(json.dumps(document).encode(), LOG)


def error_of(document: Any) -> str:
    with pytest.raises(InputError) as caught:
        changed_log(LOG, read(document))
    return str(caught.value)


def test_steps_are_read_as_the_librarys_steps_with_their_defaults() -> None:
    whatif = read(
        {
            "steps": [
                {"step": "close", "contract": "k-1", "on": "2026-03-01", "private": 9},
                {"step": "add", "title": "Logo", "amount": 900, "on": "2026-03-02"},
            ]
        }
    )
    assert whatif.steps == (
        CloseContract("k-1", date(2026, 3, 1), None, 9),
        AddContract("Logo", Decimal("900"), date(2026, 3, 2), Decimal("5.0"), None, None),
    )
    assert whatif.change.is_empty()


def test_a_null_value_is_no_value_even_where_the_step_has_a_default() -> None:
    step = {"step": "add", "title": "Logo", "amount": 900, "on": "2026-03-02", "stars": None}
    assert read({"steps": [step]}).steps == (
        AddContract("Logo", Decimal("900"), date(2026, 3, 2), None, None, None),
    )


def test_steps_come_after_the_files_add_and_see_what_it_added() -> None:
    added = {"id": "k-2", "client": "acme", "kind": "fixed", "started": "2026-02-01"}
    whatif = read({"add": {"contracts": [added]}, "steps": [{"step": "remove", "contract": "k-2"}]})
    assert whatif.steps == (RemoveContract("k-2"),)
    assert changed_log(LOG, whatif) == LOG
    without_the_add = read({"steps": [{"step": "remove", "contract": "k-2"}]})
    with pytest.raises(InputError, match=r"^steps\[0\]: contract 'k-2' is not in the log"):
        changed_log(LOG, without_the_add)


BAD_STEPS = [
    ({"step": "close"}, "steps[0].contract: is required"),
    (
        {"step": "close", "contract": "k-1", "on": "2026-13-01"},
        "steps[0].on: '2026-13-01' is not a date",
    ),
    (
        {"step": "grow", "contract": "k-1"},
        "steps[0].step: 'grow' is not a step (close, add, private, dispute, refund, remove)",
    ),
    (
        {"step": "remove", "contract": "k-1", "why": "x"},
        "steps[0].why: is not a field of this step",
    ),
    (
        {"step": "refund", "contract": "k-1", "amount": 0},
        "steps[0].amount: 0 is not more than 0 (a refund goes in the contract's refunded)",
    ),
    (
        {"step": "private", "contract": "k-1", "private": 11},
        "steps[0].private: 11 is not a whole number between 0 and 10",
    ),
    (
        {"step": "close", "contract": "k-1", "on": "2026-01-01"},
        "steps[0]: the end, 1 Jan 2026, is before the start of 'Upkeep' (5 Jan 2026)",
    ),
    (
        {"step": "add", "amount": 900, "on": "2026-03-02"},
        "steps[0].title: is required",
    ),
    (
        {"step": "dispute", "contract": "k-1", "on": "2026-01-01"},
        "steps[0]: the end, 1 Jan 2026, is before the start of 'Upkeep' (5 Jan 2026)",
    ),
    (
        {"step": "refund", "contract": "k-1", "amount": 500},
        "steps[0]: a refund of $500.00 in all is more than the $300.00 paid on 'Upkeep'",
    ),
]


@pytest.mark.parametrize(("steps", "message"), BAD_STEPS)
def test_a_bad_step_is_refused_with_its_place(steps: dict[str, Any], message: str) -> None:
    assert error_of({"steps": [steps]}) == message


def test_steps_must_be_a_list_of_objects() -> None:
    assert error_of({"steps": {"step": "remove"}}) == "steps: an object is not a list of steps"
    assert error_of({"steps": ["remove"]}).startswith("steps[0]: 'remove' is not a step")
