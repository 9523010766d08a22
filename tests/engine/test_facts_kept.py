"""A contract's facts are kept from the last log built and given again for the same records,
and its segments and states over the same days with them: after any edit, the facts, the
segments and the evaluation are those a fresh build makes, record for record."""

from __future__ import annotations

from dataclasses import astuple, replace
from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.engine.strategies import logs
from tracker.engine import facts as facts_module
from tracker.engine import score as score_module
from tracker.engine import timeline
from tracker.engine.facts import ContractFacts, build_facts
from tracker.engine.rules import resolve
from tracker.engine.score import LogIndex, evaluate
from tracker.engine.timeline import all_segments
from tracker.records.model import Client, Contract, Feedback, Log, Payment


def fresh(log: Log) -> list[ContractFacts]:
    facts_module._made.clear()
    return build_facts(log)


def edited(log: Log, nth: int, what: str) -> Log:
    """`log` after one edit of the kind a person makes in the window."""
    if not log.contracts:
        return log
    contract = log.contracts[nth % len(log.contracts)]
    if what == "payment":
        paid = Payment(contract.id, contract.started + timedelta(days=3), Decimal("12.50"))
        return replace(log, payments=(*log.payments, paid))
    if what == "feedback":
        rated = Feedback(contract.id, contract.started + timedelta(days=5), stars=Decimal("2.0"))
        return replace(log, feedback=(*log.feedback, rated))
    if what == "flag":
        clients = tuple(
            replace(c, flagged=not c.flagged) if c.id == contract.client else c
            for c in log.clients
        ) or (Client(contract.client, flagged=True),)
        return replace(log, clients=clients)
    if what == "end":
        changed = replace(contract, ended=contract.started + timedelta(days=40))
        return replace(log, contracts=tuple(changed if c is contract else c for c in log.contracts))
    return replace(log, contracts=tuple(c for c in log.contracts if c is not contract))


@settings(max_examples=60, deadline=None)
@given(
    logs(),
    st.integers(0, 20),
    st.sampled_from(["payment", "feedback", "flag", "end", "remove"]),
)
def test_facts_after_an_edit_are_those_a_fresh_build_makes(log: Log, nth: int, what: str) -> None:
    build_facts(log)
    after = edited(log, nth, what)
    kept = build_facts(after)
    assert [astuple(f) for f in kept] == [astuple(f) for f in fresh(after)]


def test_an_unchanged_contract_keeps_its_facts_and_a_changed_one_does_not() -> None:
    one = Contract("k-1", "c", "fixed", date(2024, 1, 1), ended=date(2024, 2, 1))
    two = Contract("k-2", "c", "fixed", date(2024, 3, 1), ended=date(2024, 4, 1))
    log = Log(clients=(Client("c"),), contracts=(one, two))
    before = build_facts(log)
    after = build_facts(edited(log, 1, "feedback"))
    assert after[0] is before[0]
    assert after[1] is not before[1] and after[1].finals and not before[1].finals


def fresh_segments(log: Log, first: date, last: date) -> dict[str, list[tuple[object, ...]]]:
    timeline._kept.clear()
    facts_module._made.clear()
    made = all_segments(LogIndex(log), resolve(log, None), first, last)
    return {cid: [astuple(s) for s in segs] for cid, segs in made.items()}


@settings(max_examples=60, deadline=None)
@given(
    logs(),
    st.integers(0, 20),
    st.sampled_from(["payment", "feedback", "flag", "end", "remove"]),
    st.integers(0, 400),
)
def test_segments_after_an_edit_are_those_a_fresh_build_makes(
    log: Log, nth: int, what: str, length: int
) -> None:
    first, last = date(2024, 6, 1), date(2024, 6, 1) + timedelta(days=length)
    all_segments(LogIndex(log), resolve(log, None), first, last)
    after = edited(log, nth, what)
    kept = all_segments(LogIndex(after), resolve(after, None), first, last)
    assert {cid: [astuple(s) for s in segs] for cid, segs in kept.items()} == fresh_segments(
        after, first, last
    )


def test_an_unchanged_contract_keeps_its_segments_and_a_changed_one_does_not() -> None:
    one = Contract("k-1", "c", "fixed", date(2024, 1, 1), ended=date(2024, 2, 1))
    two = Contract("k-2", "c", "fixed", date(2024, 3, 1), ended=date(2024, 4, 1))
    log = Log(clients=(Client("c"),), contracts=(one, two))
    first, last = date(2024, 1, 1), date(2024, 12, 31)
    before = all_segments(LogIndex(log), resolve(log, None), first, last)
    after_log = edited(log, 1, "feedback")
    after = all_segments(LogIndex(after_log), resolve(after_log, None), first, last)
    assert after["k-1"] is before["k-1"]
    assert after["k-2"] is not before["k-2"]


def fresh_evaluation(log: Log, day: date, full: bool) -> tuple[object, ...]:
    score_module._kept.clear()
    facts_module._made.clear()
    made = evaluate(LogIndex(log), day, resolve(log, None), full=full)
    return made.estimate, made.states, made.windows


@settings(max_examples=60, deadline=None)
@given(
    logs(),
    st.integers(0, 20),
    st.sampled_from(["payment", "feedback", "flag", "end", "remove"]),
    st.integers(0, 900),
    st.booleans(),
)
def test_an_evaluation_after_an_edit_is_the_one_a_fresh_build_makes(
    log: Log, nth: int, what: str, later: int, full: bool
) -> None:
    day = date(2023, 6, 1) + timedelta(days=later)
    evaluate(LogIndex(log), day, resolve(log, None), full=full)
    after = edited(log, nth, what)
    kept = evaluate(LogIndex(after), day, resolve(after, None), full=full)
    assert (kept.estimate, kept.states, kept.windows) == fresh_evaluation(after, day, full)


def test_equal_records_read_again_keep_their_facts() -> None:
    """A log read again (new objects, the same values) gives the facts already made."""
    contract = Contract("k-1", "c", "fixed", date(2024, 1, 1), ended=date(2024, 2, 1))
    paid = Payment("k-1", date(2024, 1, 20), Decimal("300"))
    log = Log(clients=(Client("c"),), contracts=(contract,), payments=(paid,))
    before = build_facts(log)
    again = Log(
        clients=(Client("c"),),
        contracts=(replace(contract),),
        payments=(replace(paid),),
    )
    assert build_facts(again)[0] is before[0]
    changed = replace(again, payments=(replace(paid, amount=Decimal("301")),))
    assert build_facts(changed)[0].pay_cum == [0, 30_100]
