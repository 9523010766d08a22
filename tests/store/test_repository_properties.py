"""Properties of the repository over random edit sequences: what apply returns equals what the file
holds and what `apply_to_log` computes in memory; undoing everything gives back the start."""

from __future__ import annotations

import tempfile
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.profiles import examples
from tests.store.samples import NOON
from tracker.records.changes import Change, Record, apply_to_log
from tracker.records.model import (
    Client,
    Contract,
    Event,
    Feedback,
    Invite,
    Log,
    Payment,
    Snapshot,
)
from tracker.store.loading import in_stable_order
from tracker.store.repository import Repository

DAYS = st.integers(0, 40).map(lambda n: date(2025, 1, 1) + timedelta(days=n))
AMOUNTS = st.sampled_from(["10", "10.0", "10.00", "0.01", "250.5", "1999.99"]).map(Decimal)
TEXT = st.text(alphabet="aé z'😀", max_size=4)
CLIENT_IDS = st.sampled_from(["acme", "globex", "initech", "Ωmega"])
CONTRACT_IDS = st.sampled_from(["k-1", "k-2", "k-3", "k-10", "K-1"])
REFS = st.none() | st.sampled_from(["TX-1", "TX-2", "TX-3"])


def draw_change(data: st.DataObject, log: Log) -> Change:
    """A change that fits `log`: removals of what is there, additions of new keys, replacements."""
    removed: list[Record] = []
    gone: Contract | None = None
    if data.draw(st.booleans(), label="drop a contract") and log.contracts:
        gone = data.draw(st.sampled_from(log.contracts))
        removed.append(gone)
    for name in ("payments", "feedback", "invites", "snapshots", "events"):
        for record in getattr(log, name):
            of_gone = gone is not None and getattr(record, "contract", None) == gone.id
            if of_gone or data.draw(st.booleans(), label=f"drop {name}"):
                removed.append(record)
    added: list[Record] = []
    if data.draw(st.booleans(), label="rename a client") and log.clients:
        client = data.draw(st.sampled_from(log.clients))
        removed.append(client)
        added.append(replace(client, name=data.draw(TEXT), flagged=not client.flagged))

    gone_contracts = {r.id for r in removed if isinstance(r, Contract)}
    clients = {c.id for c in log.clients}
    contracts = {c.id for c in log.contracts} - gone_contracts
    for client_id in data.draw(st.lists(CLIENT_IDS, max_size=2, unique=True)):
        if client_id not in clients:
            clients.add(client_id)
            added.append(Client(client_id, data.draw(TEXT), "US"))
    for contract_id in data.draw(st.lists(CONTRACT_IDS, max_size=2, unique=True)):
        if contract_id not in contracts and clients:
            contracts.add(contract_id)
            added.append(
                Contract(
                    contract_id,
                    data.draw(st.sampled_from(sorted(clients))),
                    data.draw(st.sampled_from(["hourly", "fixed"])),
                    data.draw(DAYS),
                    title=data.draw(TEXT),
                    ended=data.draw(st.none() | DAYS),
                    refunded=data.draw(AMOUNTS),
                    earned=data.draw(st.none() | AMOUNTS),
                )
            )
    if contracts:
        refs = {p.ref for p in log.payments if p.ref and p not in removed}
        for _ in range(data.draw(st.integers(0, 3), label="payments")):
            payment = Payment(
                data.draw(st.sampled_from(sorted(contracts))),
                data.draw(DAYS),
                data.draw(AMOUNTS),
                data.draw(REFS),
            )
            if payment.ref in refs:
                continue  # a ref is unique in the database
            if payment.ref:
                refs.add(payment.ref)
                added.append(payment)
            else:  # payments without a ref may be equal: they are counted
                added += [payment] * data.draw(st.integers(1, 2), label="copies")
        feedback_keys = {f.key for f in log.feedback if f not in removed}
        for _ in range(data.draw(st.integers(0, 2), label="feedback")):
            feedback = Feedback(
                data.draw(st.sampled_from(sorted(contracts))),
                data.draw(DAYS),
                data.draw(st.sampled_from(["final", "interim"])),
                stars=data.draw(st.none() | st.sampled_from([Decimal("4.5"), Decimal("5.0")])),
                private=data.draw(st.none() | st.integers(0, 10)),
                scores=(("quality", Decimal("5")), ("communication", Decimal("4.50"))),
            )
            if feedback.key not in feedback_keys:
                feedback_keys.add(feedback.key)
                added.append(feedback)
    invite_ids = {i.id for i in log.invites if i not in removed}
    for invite_id in data.draw(st.lists(st.sampled_from(["i-1", "i-2", "i-3"]), max_size=2)):
        if invite_id not in invite_ids:
            invite_ids.add(invite_id)
            added.append(Invite(invite_id, data.draw(DAYS), rate=data.draw(st.none() | AMOUNTS)))
    snapshot_days = {s.date for s in log.snapshots if s not in removed}
    day = data.draw(DAYS)
    if day not in snapshot_days:
        added.append(Snapshot(day, data.draw(st.integers(0, 100))))
    event_keys = {e.key for e in log.events if e not in removed}
    event = Event(data.draw(DAYS), data.draw(st.sampled_from(["note", "badge"])))
    if event.key not in event_keys:
        added.append(event)
    added = data.draw(st.permutations(added), label="order")
    drawn = data.draw(
        st.none() | st.dictionaries(st.sampled_from(["rules", "x"]), st.none() | st.integers()),
        label="settings",
    )
    settings_change: dict[str, object] | None = None if drawn is None else dict(drawn)
    refs = tuple(data.draw(st.lists(st.sampled_from(["r-1", "r-2", "r-3"]), max_size=2)))
    return Change("edit", tuple(added), tuple(removed), None, settings_change, refs)


def as_stored(log: Log, change: Change) -> Log:
    """What reading the database gives after `change`: the in-memory twin, in the store's order."""
    return in_stable_order(apply_to_log(log, change), ("clients", "contracts", "payments",
        "feedback", "invites", "proposals", "snapshots", "events"))  # fmt: skip


@settings(
    max_examples=examples(40),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data())
def test_apply_matches_the_file_and_the_in_memory_twin_and_undo_returns(
    data: st.DataObject,
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "repute.sqlite3"
        with Repository.open(path, create=True, clock=lambda: NOON) as repo:
            logs = [repo.log()]
            for _ in range(data.draw(st.integers(1, 4), label="steps")):
                change = draw_change(data, logs[-1])
                returned = repo.apply(change)
                with Repository.open(path, create=False) as fresh:
                    assert returned == fresh.log()
                assert returned == as_stored(logs[-1], change)
                if not change.is_empty():  # an empty change is no step to undo
                    logs.append(returned)
            for expected in reversed(logs[:-1]):
                repo.undo()
                assert repo.log() == expected
            for expected in logs[1:]:
                repo.redo()
                assert repo.log() == expected
            with Repository.open(path, create=False) as fresh:
                assert fresh.log() == logs[-1]
