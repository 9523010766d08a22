"""Hypothesis strategies: small random logs spread over a few years."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import strategies as st

from tracker.records.model import Client, Contract, Event, Feedback, Log, Payment

BASE = date(2019, 6, 1)
SPAN_DAYS = 6 * 365
EARLY = date(2017, 5, 2)
RECENT = date(2023, 9, 1)

# The rule settings a log may carry: none (by date), or lifetime eligibility in a user's own rule
# set, by date (on from 2024-09-01) or forced on upwork-2024-09 (on every date).
LIFETIME = {"clients_over": "lifetime"}
RULE_SETTINGS: tuple[tuple[tuple[str, object], ...], ...] = (
    (),
    (("rules", "ever"), ("custom_rules", {"ever": {"base": "auto", "parameters": LIFETIME}})),
    (
        ("rules", "ever-2024"),
        ("custom_rules", {"ever-2024": {"base": "upwork-2024-09", "parameters": LIFETIME}}),
    ),
)


@st.composite
def contracts_strategy(  # type: ignore[no-untyped-def]
    draw, index: int, clients: list[str], first: date = BASE, span: int = SPAN_DAYS
):
    cid = f"k{index}"
    start = first + timedelta(days=draw(st.integers(0, span)))
    length = draw(st.integers(0, 400))
    ended = start + timedelta(days=length) if draw(st.booleans()) else None
    typed = draw(st.integers(0, 6)) == 0
    payments: list[Payment] = []
    earned = None
    last_paid = None
    if typed:
        earned = Decimal(draw(st.integers(1, 300_000))) / 100
        if ended is not None and draw(st.booleans()):
            last_paid = start + timedelta(days=draw(st.integers(0, length)))
    else:
        for _ in range(draw(st.integers(0, 4))):
            day = start + timedelta(days=draw(st.integers(0, length + 60)))
            payments.append(Payment(cid, day, Decimal(draw(st.integers(1, 200_000))) / 100))
    feedback: list[Feedback] = []
    if draw(st.booleans()):
        stars = draw(
            st.one_of(
                st.none(), st.sampled_from(["5", "4.8", "4.5", "4.4", "3.75", "3.5", "2", "1"])
            )
        )
        private = draw(st.one_of(st.none(), st.integers(0, 10)))
        day = start + timedelta(days=draw(st.integers(0, length + 30)))
        kind = draw(st.sampled_from(["final", "interim"]))
        feedback.append(Feedback(cid, day, kind, Decimal(stars) if stars else None, private))
    contract = Contract(
        cid,
        draw(st.sampled_from(clients)),
        draw(st.sampled_from(["hourly", "fixed"])),
        start,
        title=cid,
        ended=ended,
        end_reason=draw(st.sampled_from([None, "completed", "deadline", "scope"]))
        if ended
        else None,
        disputed=bool(ended) and draw(st.integers(0, 9)) == 0,
        refunded=Decimal(draw(st.sampled_from([0, 0, 0, 5000]))) / 100,
        earned=earned,
        last_paid=last_paid,
    )
    return contract, payments, feedback


@st.composite
def logs(draw, max_contracts: int = 7, rule_options: bool = False):  # type: ignore[no-untyped-def]
    n_clients = draw(st.integers(1, 4))
    clients = [Client(f"c{i}", flagged=draw(st.integers(0, 9)) == 0) for i in range(n_clients)]
    ids = [c.id for c in clients]
    contracts, payments, feedback = [], [], []
    for i in range(draw(st.integers(0, max_contracts))):
        c, p, f = draw(contracts_strategy(i, ids))
        contracts.append(c)
        payments += p
        feedback += f
    events = []
    if draw(st.booleans()):
        day = BASE + timedelta(days=draw(st.integers(0, SPAN_DAYS)))
        events.append(Event(day, "account_hold", day + timedelta(days=draw(st.integers(0, 60)))))
    return Log(
        clients=tuple(clients),
        contracts=tuple(contracts),
        payments=tuple(payments),
        feedback=tuple(feedback),
        events=tuple(events),
        settings=draw(st.sampled_from(RULE_SETTINGS)) if rule_options else (),
    )


@st.composite
def one_client_since_an_early_job(draw, max_contracts: int = 6):  # type: ignore[no-untyped-def]
    """A good job for another client years before, then jobs with one client crowded into two
    years, under lifetime eligibility: the clients ever decide whether the score shows."""
    contracts = [Contract("k-early", "earlier", "fixed", EARLY, title="early", ended=EARLY)]
    payments = [Payment("k-early", EARLY, Decimal(300))]
    feedback = [Feedback("k-early", EARLY, "final", Decimal(5), 10)]
    for i in range(draw(st.integers(2, max_contracts))):
        c, p, f = draw(contracts_strategy(i, ["c0"], RECENT, 2 * 365))
        contracts.append(c)
        payments += p
        feedback += f
    return Log(
        clients=(Client("earlier"), Client("c0")),
        contracts=tuple(contracts),
        payments=tuple(payments),
        feedback=tuple(feedback),
        settings=draw(st.sampled_from(RULE_SETTINGS[1:])),
    )


def days_in_span(draw_from=None):  # type: ignore[no-untyped-def]
    return st.integers(0, SPAN_DAYS + 500).map(lambda n: BASE + timedelta(days=n))


def recent_days():  # type: ignore[no-untyped-def]
    """Days from the one-client jobs' start to a year after their last can end."""
    return st.integers(0, 4 * 365).map(lambda n: RECENT + timedelta(days=n))
