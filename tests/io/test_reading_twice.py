"""An import reads and plans its file twice (before the write, and inside it); the second time
gives what the first gave only when the file and what it is read against are the same."""

from __future__ import annotations

import pytest
from io_samples import d, encode

from tracker.io.import_plan import plan_import
from tracker.io.json_format import parse_repute_json
from tracker.io.problems import InputError
from tracker.records.model import Client, Contract, Log

DOCUMENT = {
    "format": "repute/1",
    "contracts": [{"id": "k-8", "client": "acme", "kind": "fixed", "started": "2025-01-03"}],
    "payments": [{"contract": "k-7", "date": "2024-06-01", "amount": 10}],
}
WITH_K7 = Log(
    clients=(Client("acme"),),
    contracts=(Contract("k-7", "acme", "fixed", d("2024-05-01")),),
)


def test_the_same_file_on_the_same_log_is_read_once() -> None:
    data = encode(DOCUMENT)
    first = parse_repute_json(data, WITH_K7)
    assert parse_repute_json(bytes(data), WITH_K7) is first


def test_a_file_read_against_another_log_is_read_again() -> None:
    data = encode(DOCUMENT)
    assert parse_repute_json(data, WITH_K7).payments[0].contract == "k-7"
    with pytest.raises(InputError, match=r"no client has the id 'acme'"):
        parse_repute_json(data, Log())
    moved = Log(
        clients=WITH_K7.clients,
        contracts=(Contract("k-7", "acme", "fixed", d("2024-07-01")),),
    )
    with pytest.raises(InputError, match="before the contract's start"):
        parse_repute_json(data, moved)


def test_a_plan_on_another_log_is_made_again() -> None:
    fragment = parse_repute_json(encode(DOCUMENT), WITH_K7)
    plan = plan_import(WITH_K7, fragment, replace=False)
    assert plan_import(WITH_K7, fragment, replace=False) is plan
    assert plan.summary.added
    with_k8 = Log(
        clients=WITH_K7.clients,
        contracts=(*WITH_K7.contracts, Contract("k-8", "acme", "fixed", d("2025-01-03"))),
    )
    again = plan_import(with_k8, fragment, replace=False)
    assert again is not plan
    assert len(again.change.added) == len(plan.change.added) - 1
