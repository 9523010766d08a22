"""The synthetic log generator: valid repute/1 by every rule, as big as asked, and repeatable."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from bench.calendar_facts import is_update_day
from bench.generate_log import LAST_DAY, generate, main
from bench.repute_check import problems
from tests.profiles import examples
from tracker.io.json_format import parse_repute_json
from tracker.records.model import Log


def small(
    seed: int = 7, years: int = 3, proposals: int | None = None, snapshots: int | None = None
) -> dict[str, Any]:
    """60 contracts of 12 clients, 150 payments, 300 invites."""
    return generate(
        contracts=60,
        clients=12,
        payments=150,
        invites=300,
        years=years,
        seed=seed,
        proposals=proposals,
        snapshots=snapshots,
    )


def as_bytes(document: dict[str, Any]) -> bytes:
    return json.dumps(document).encode("utf-8")


def test_a_small_log_keeps_every_rule_of_the_format() -> None:
    document = small()

    assert problems(document, last_day=LAST_DAY) == []
    fragment = parse_repute_json(as_bytes(document), Log())
    assert len(fragment.contracts) == 60


def test_the_log_has_as_many_records_as_asked() -> None:
    document = small(proposals=40, snapshots=12)

    counts = {
        name: len(document[name])
        for name in ("clients", "contracts", "payments", "invites", "proposals", "snapshots")
    }
    assert counts == {
        "clients": 12,
        "contracts": 60,
        "payments": 150,
        "invites": 300,
        "proposals": 40,
        "snapshots": 12,
    }


def test_the_same_seed_gives_the_same_log_and_another_seed_another() -> None:
    assert small(seed=7) == small(seed=7)
    assert small(seed=7) != small(seed=8)


def test_the_log_holds_every_case_the_engine_must_handle() -> None:
    document = generate(contracts=600, clients=60, payments=1500, invites=500, years=6, seed=3)
    contracts, feedback = document["contracts"], document["feedback"]
    paid = Counter(p["contract"] for p in document["payments"])

    assert {c["kind"] for c in contracts} == {"hourly", "fixed"}
    assert any(c["ended"] is None for c in contracts)
    assert any(c["kind"] == "hourly" and paid[c["id"]] >= 20 for c in contracts)
    assert any(c["earned"] is not None and c["last_paid"] is not None for c in contracts)
    assert any(c["disputed"] for c in contracts)
    assert any(c["refunded"] > 0 for c in contracts)
    blamed = {"quality", "deadline", "freelancer_unresponsive"}
    assert blamed <= {c["end_reason"] for c in contracts}
    assert any(c["flagged"] for c in document["clients"])
    assert {f["kind"] for f in feedback} == {"final", "interim"}
    assert any(f["private_is_guess"] for f in feedback)
    assert any(f["private"] is None for f in feedback)
    assert any(f["stars"] is None and f["scores"] for f in feedback)
    assert any(f["stars"] is not None and f["stars"] < 3.5 for f in feedback)
    assert document["proposals"]
    assert [e["kind"] for e in document["events"]].count("account_hold") == 1


def test_snapshots_fall_on_update_days_and_nothing_is_after_the_last_day() -> None:
    document = small(years=12, snapshots=40)
    days = [date.fromisoformat(s["date"]) for s in document["snapshots"]]

    assert len(days) == 40
    assert all(is_update_day(day) for day in days)
    assert max(p["date"] for p in document["payments"]) <= LAST_DAY.isoformat()


@settings(max_examples=examples(25), deadline=None)
@given(
    contracts=st.integers(1, 40),
    clients=st.integers(1, 15),
    payments=st.integers(0, 120),
    invites=st.integers(0, 60),
    years=st.integers(1, 12),
    seed=st.integers(0, 2**32),
)
def test_any_small_size_gives_a_valid_log(
    contracts: int, clients: int, payments: int, invites: int, years: int, seed: int
) -> None:
    document = generate(contracts, clients, payments, invites, years, seed)

    assert problems(document, last_day=LAST_DAY) == []
    parse_repute_json(as_bytes(document), Log())
    assert len(document["payments"]) == payments


def test_the_command_line_writes_the_file(tmp_path: Path) -> None:
    out = tmp_path / "nested" / "log.json"

    code = main(
        [
            "--contracts",
            "8",
            "--clients",
            "3",
            "--payments",
            "20",
            "--invites",
            "10",
            "--years",
            "2",
            str(out),
        ]
    )

    assert code == 0
    document = json.loads(out.read_text(encoding="utf-8"))
    assert len(document["contracts"]) == 8
    assert problems(document) == []
