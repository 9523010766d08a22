"""Contracts as the marketplace has them: the statement's rows grouped by the four rules, and kept
where the user put them on later imports."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.profiles import examples
from tracker.engine.reports import score_report
from tracker.io.upwork.statement import plan_upwork_import
from tracker.records.changes import Change, apply_to_log
from tracker.records.model import Client, Contract, Feedback, Log, Payment

OLDER = "Date,Ref ID,Type,Description,Agency,Freelancer,Team,Account Name,PO,Amount,Balance\n"
FIRST_MONDAY = date(2024, 6, 10)
AS_OF = date(2025, 3, 1)


def invoice_row(n: int, *, rate: str = "18.00", client: str = "Client Alpha") -> str:
    """The older statement's weekly invoice `n` (0-based): 20 hours at `rate`."""
    paid = FIRST_MONDAY + timedelta(weeks=n)
    start = paid - timedelta(days=7)
    amount = Decimal(rate) * 20
    return (
        f'"{paid:%b} {paid.day}, {paid.year}",{700 + n},Hourly,'
        f'"Invoice for {start:%m/%d/%Y}-{start + timedelta(days=6):%m/%d/%Y} - 20:00 hrs @ '
        f'${rate}/hr",,Sam Ortiz,{client},Sam Ortiz,,${amount:.2f},\n'
    )


def poor_job_row() -> str:
    return (
        '"Jul 1, 2024",900,Fixed Price,"Invoice for Quick landing page",,Sam Ortiz,Beta Shop,'
        "Sam Ortiz,,$150.00,\n"
    )


def statement(rows: list[str]) -> bytes:
    return (OLDER + "".join(rows)).encode()


def imported(data: bytes, log: Log | None = None, **options: object) -> Log:
    log = log or Log()
    refs = frozenset(p.ref for p in log.payments if p.ref)
    plan = plan_upwork_import(data, log, refs, **options)  # type: ignore[arg-type]
    return apply_to_log(log, plan.change)


def contract_refs(log: Log) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for p in sorted(log.payments, key=lambda p: (p.date, p.ref or "")):
        found.setdefault(p.contract, []).append(p.ref or "")
    return found


def finished(log: Log, contract_id: str, ended: date, stars: str) -> Log:
    """What the user types after the import: the contract's end and its feedback."""
    old = log.contract_by_id()[contract_id]
    new = replace(old, ended=ended, closed_by="client", end_reason="completed")
    feedback = Feedback(contract_id, ended, stars=Decimal(stars), private=None)
    return apply_to_log(log, Change("finish", added=(new, feedback), removed=(old,)))


# --- the reported case: 26 weekly invoices and one poor job --------------------------------------


def test_26_weekly_invoices_are_one_contract_and_score_as_if_typed_by_hand() -> None:
    data = statement([invoice_row(n) for n in range(26)] + [poor_job_row()])
    log = imported(data, Log())
    by_contract = contract_refs(log)
    assert sorted(len(refs) for refs in by_contract.values()) == [1, 26]
    hourly = next(c for c in log.contracts if c.kind == "hourly")
    poor = next(c for c in log.contracts if c.kind == "fixed")
    last_invoice = FIRST_MONDAY + timedelta(weeks=25)
    log = finished(log, hourly.id, last_invoice, "5.0")
    log = finished(log, poor.id, date(2024, 7, 5), "2.0")

    typed = Log(
        clients=(Client("alpha", "Client Alpha"), Client("beta", "Beta Shop")),
        contracts=(
            Contract(
                "weekly",
                "alpha",
                "hourly",
                FIRST_MONDAY,
                title="Support",
                ended=last_invoice,
                closed_by="client",
                end_reason="completed",
            ),
            Contract(
                "landing",
                "beta",
                "fixed",
                date(2024, 7, 1),
                title="Landing page",
                ended=date(2024, 7, 5),
                closed_by="client",
                end_reason="completed",
            ),
        ),
        payments=(
            *tuple(
                Payment("weekly", FIRST_MONDAY + timedelta(weeks=n), Decimal("360.00"))
                for n in range(26)
            ),
            Payment("landing", date(2024, 7, 1), Decimal("150.00")),
        ),
        feedback=(
            Feedback("weekly", last_invoice, stars=Decimal("5.0")),
            Feedback("landing", date(2024, 7, 5), stars=Decimal("2.0")),
        ),
    )
    from_file = score_report(log, AS_OF, with_next_change=False)
    by_hand = score_report(typed, AS_OF, with_next_change=False)
    assert from_file.exact == by_hand.exact
    assert from_file.exact is not None


def test_a_rate_change_starts_another_contract() -> None:
    rows = [invoice_row(n) for n in range(3)] + [invoice_row(n, rate="22.00") for n in (3, 4)]
    assert sorted(map(len, contract_refs(imported(statement(rows))).values())) == [2, 3]


def test_two_clients_at_the_same_rate_are_two_contracts() -> None:
    rows = [invoice_row(n) for n in range(3)] + [invoice_row(3, client="Gamma")]
    log = imported(statement(rows))
    assert sorted(map(len, contract_refs(log).values())) == [1, 3]
    assert {c.title for c in log.contracts} == {
        "Hourly work for Client Alpha at $18.00/hr",
        "Hourly work for Gamma at $18.00/hr",
    }


def test_a_bonus_goes_to_the_client_s_contract_paid_last_on_or_before_it() -> None:
    rows = [invoice_row(n) for n in range(3)] + [
        '"Jun 20, 2024",950,Bonus,"Bonus till 16 Jun 2024",,Sam Ortiz,Client Alpha,,,$40.00,\n',
        '"Jun 21, 2024",951,Bonus,"Bonus",,Sam Ortiz,Nobody Else,,,$10.00,\n',
    ]
    log = imported(statement(rows))
    by_contract = contract_refs(log)
    assert ["700", "701", "950", "702"] in by_contract.values()
    (alone,) = (c for c in log.contracts if by_contract[c.id] == ["951"])
    assert (alone.kind, alone.title) == ("fixed", "Bonus from Nobody Else")


# --- later statements ----------------------------------------------------------------------------


def test_a_later_overlapping_statement_lands_on_the_same_contracts() -> None:
    rows = [invoice_row(n) for n in range(10)] + [poor_job_row()]
    first = imported(statement(rows[:6]))
    both = imported(statement(rows[4:]), first)
    whole = imported(statement(rows))
    assert contract_refs(both) == contract_refs(whole)
    assert {c.id for c in both.contracts} == {c.id for c in whole.contracts}


def test_a_later_statement_that_does_not_overlap_continues_the_hourly_contract() -> None:
    first = imported(statement([invoice_row(n) for n in range(4)]))
    later = imported(statement([invoice_row(n) for n in range(4, 8)]), first)
    assert list(map(len, contract_refs(later).values())) == [8]


def test_a_contract_the_user_renamed_keeps_its_name() -> None:
    log = imported(statement([invoice_row(n) for n in range(4)]))
    (old,) = log.contracts
    log = apply_to_log(log, Change("rename", (replace(old, title="Support for Alpha"),), (old,)))
    later = imported(statement([invoice_row(n) for n in range(2, 6)]), log)
    assert [c.title for c in later.contracts] == ["Support for Alpha"]
    assert list(map(len, contract_refs(later).values())) == [6]


def test_a_merge_the_user_made_is_kept_on_later_imports() -> None:
    rows = [invoice_row(n) for n in range(3)] + [invoice_row(n, rate="22.00") for n in (3, 4)]
    log = imported(statement(rows))
    keep, gone = sorted(log.contracts, key=lambda c: c.started)
    moved = [p for p in log.payments if p.contract == gone.id]
    merged = Change(
        "merge",
        added=tuple(replace(p, contract=keep.id) for p in moved),
        removed=(*moved, gone),
    )
    log = apply_to_log(log, merged)
    later = imported(statement([*rows[2:], invoice_row(5, rate="22.00")]), log)
    assert [c.id for c in later.contracts] == [keep.id]
    assert contract_refs(later) == {keep.id: ["700", "701", "702", "703", "704", "705"]}


def test_a_split_the_user_made_is_kept_on_later_imports() -> None:
    log = imported(statement([invoice_row(n) for n in range(6)]))
    (whole,) = log.contracts
    late = [p for p in log.payments if p.date >= FIRST_MONDAY + timedelta(weeks=3)]
    second = replace(whole, id="alpha-2", title="Alpha, second phase", started=late[0].date)
    split = Change(
        "split",
        added=(second, *(replace(p, contract="alpha-2") for p in late)),
        removed=tuple(late),
    )
    log = apply_to_log(log, split)
    later = imported(statement([invoice_row(n) for n in range(4, 9)]), log)
    assert contract_refs(later) == {
        whole.id: ["700", "701", "702"],
        "alpha-2": ["703", "704", "705", "706", "707", "708"],
    }


SETTINGS = settings(
    max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@SETTINGS
@given(
    st.lists(st.sampled_from(("18.00", "22.00")), min_size=1, max_size=14),
    st.sets(st.integers(0, 13)),
    st.data(),
)
def test_two_overlapping_statements_import_as_the_whole(
    rates: list[str], skipped: set[int], data: st.DataObject
) -> None:
    """Weeks with invoices at changing rates (and weeks without, so gaps come and go), cut into
    two statements that overlap: imported one after the other they give the whole's contracts."""
    weeks = [n for n in range(len(rates)) if n not in skipped] or [0]
    rows = [invoice_row(n * 3, rate=rates[n]) for n in weeks]  # 3-week steps: gaps of 21+ days
    end_first = data.draw(st.integers(0, len(rows)))
    start_second = data.draw(st.integers(0, end_first))
    # A short statement may hold no date that tells its order: the user says month first.
    first = imported(statement(rows[:end_first]), date_order="mdy")
    parts = imported(statement(rows[start_second:]), first, date_order="mdy")
    whole = imported(statement(rows), date_order="mdy")
    assert contract_refs(parts) == contract_refs(whole)
    refs = frozenset(p.ref or "" for p in parts.payments)
    again = plan_upwork_import(statement(rows), parts, refs, date_order="mdy")
    assert again.change.is_empty()
