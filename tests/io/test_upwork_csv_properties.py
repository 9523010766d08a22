"""Invariants of the importer over generated files: it fails only with InputError, never half way,
and what it plans is a valid, repeatable change."""

import csv
import io
from datetime import date, timedelta
from decimal import Decimal
from random import Random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.profiles import examples
from tracker.io.problems import InputError
from tracker.io.upwork.layout import OLDER_COLUMNS, RECENT_COLUMNS, column_key
from tracker.io.upwork.statement import UpworkPlan, looks_like_upwork_csv, plan_upwork_import
from tracker.records.changes import apply_to_log
from tracker.records.model import Contract, Log, Payment

TWENTY_COLUMNS = tuple(
    {"Team": "Client team", "Agency": "Agency team"}.get(name, name.lower().capitalize())
    for name in (*RECENT_COLUMNS[:8], "Entered Description", *RECENT_COLUMNS[8:])
)
HEADERS = (OLDER_COLUMNS, RECENT_COLUMNS, TWENTY_COLUMNS)
SETTINGS = settings(
    max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


def plan_or_error(data: bytes) -> UpworkPlan | None:
    try:
        return plan_upwork_import(data, Log(), frozenset(), date_order="mdy")
    except InputError as error:
        assert str(error).startswith("line ")
        assert "\n" not in str(error)
        return None


def assert_valid_against(log: Log, plan: UpworkPlan) -> Log:
    """The plan applies, and the log after it keeps the rules of the data format."""
    after = apply_to_log(log, plan.change)
    contracts = after.contract_by_id()
    clients = after.client_by_id()
    assert len(contracts) == len(after.contracts)
    assert len(clients) == len(after.clients)
    for contract in after.contracts:
        assert contract.client in clients
        assert contract.kind in ("hourly", "fixed")
        assert contract.refunded >= 0
    for payment in after.payments:
        assert payment.amount > 0
        assert payment.amount == payment.amount.quantize(Decimal("0.01"))
        assert payment.date >= contracts[payment.contract].started
    refs = [p.ref for p in after.payments if p.ref]
    assert len(refs) == len(set(refs))
    assert len(plan.change.applied_refs) == len(set(plan.change.applied_refs))
    assert plan.summary.lines()
    return after


@SETTINGS
@given(st.binary(max_size=400))
def test_random_bytes_raise_nothing_but_input_error(data: bytes) -> None:
    plan_or_error(data)
    looks_like_upwork_csv(data)


CELL_TEXT = st.text(
    alphabet="0123456789$,.-()/ \"'\r\nabcdefHourlyFixedBonusRefundFeeVAT", max_size=24
)


@SETTINGS
@given(
    st.sampled_from(HEADERS),
    st.lists(st.lists(CELL_TEXT, min_size=0, max_size=20), max_size=8),
)
def test_random_cells_under_a_real_header_raise_nothing_but_input_error(
    header: tuple[str, ...], rows: list[list[str]]
) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    plan = plan_or_error(buffer.getvalue().encode())
    if plan is not None:
        assert_valid_against(Log(), plan)


# --- well-formed files ----------------------------------------------------------------------------

MAIN_TYPES = (
    "Hourly",
    "Fixed-price",
    "Bonus",
    "Refund",
    "Withdrawal",
    "Connects",
    "Membership Fee",
)
EARNING_TYPES = MAIN_TYPES[:3]
DATE_FORMS = ("{d:%b} {d.day}, {d.year}", "{d:%m}/{d:%d}/{d.year}", "{d:%Y-%m-%d}")


@st.composite
def transactions(draw: st.DrawFn) -> list[list[dict[str, str]]]:
    """A plausible history in date order: each transaction is its rows (an earning with its fee
    and VAT share its id); a contract keeps one title and one client; contract 3 is paid by the
    older statement's weekly hourly invoices at one of two rates."""
    count = draw(st.integers(min_value=0, max_value=15))
    days = sorted(draw(st.lists(st.integers(0, 400), min_size=count, max_size=count)))
    history = []
    for n, offset in enumerate(days):
        kind = draw(st.sampled_from(MAIN_TYPES))
        contract = draw(st.integers(min_value=1, max_value=4))
        title = f"Job {contract}" + (f" ({40000000 + contract})" if contract % 2 == 0 else "")
        day = date(2025, 1, 1) + timedelta(days=offset)
        cents = draw(st.integers(min_value=1, max_value=10**7))
        sign = "" if kind in EARNING_TYPES else "-"
        written = draw(st.lists(st.sampled_from(DATE_FORMS), min_size=3, max_size=3))
        description = ("Refund for " if kind == "Refund" else "Invoice for ") + title
        if kind == "Hourly" and contract == 3:
            rate = draw(st.sampled_from(("30.00", "45.00")))
            week = day - timedelta(days=7)
            description = (
                f"Invoice for {week:%m/%d/%Y}-{week + timedelta(days=6):%m/%d/%Y} - 10:00 hrs @ "
                f"${rate}/hr"
            )
        base = {"ref": str(900000 + n), "description": description, "client": f"Client {contract}"}
        rows = [
            {**base, "date": written[0].format(d=day), "type": kind,
             "amount": f"{sign}${Decimal(cents) / 100:,.2f}", "day": day.isoformat()}
        ]  # fmt: skip
        if kind in EARNING_TYPES and draw(st.booleans()):
            for deduction, written_on, share in (
                ("Service Fee", written[1], 10),
                ("VAT", written[2], 50),
            ):
                rows.append(
                    {**base, "date": written_on.format(d=day), "type": deduction,
                     "amount": f"-${Decimal(cents // share or 1) / 100:,.2f}",
                     "day": day.isoformat()}
                )  # fmt: skip
        history.append(rows)
    return history


def flat(history: list[list[dict[str, str]]]) -> list[dict[str, str]]:
    return [row for rows in history for row in rows]


def as_csv(header: tuple[str, ...], rows: list[dict[str, str]]) -> bytes:
    role = {
        column_key(name): value
        for name, value in (
            ("Date", "date"), ("Ref ID", "ref"), ("Transaction ID", "ref"), ("Type", "type"),
            ("Transaction Type", "type"), ("Description", "description"),
            ("Transaction Summary", "description"), ("Team", "client"), ("Client team", "client"),
            ("Amount", "amount"),
        )
    }  # fmt: skip
    if header is not OLDER_COLUMNS:
        role.pop(column_key("Ref ID"))
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        cells = {name: row[role[column_key(name)]] if column_key(name) in role else ""
                 for name in header}  # fmt: skip
        if header is OLDER_COLUMNS and row["type"] in ("Service Fee", "VAT"):
            cells["Ref ID"] += "-" + row["type"]  # the older layout gives every row its own id
        writer.writerow(cells.values())
    return buffer.getvalue().encode("utf-8-sig")


@SETTINGS
@given(st.sampled_from(HEADERS), transactions())
def test_a_well_formed_history_imports_once_and_then_changes_nothing(
    header: tuple[str, ...], history: list[list[dict[str, str]]]
) -> None:
    data = as_csv(header, flat(history))
    first = plan_upwork_import(data, Log(), frozenset(), date_order="mdy")
    log = assert_valid_against(Log(), first)
    again = plan_upwork_import(data, log, frozenset(first.change.applied_refs), date_order="mdy")
    assert again.change.is_empty()
    assert again.summary.already_imported == len(first.change.applied_refs)


@SETTINGS
@given(st.sampled_from(HEADERS), transactions(), st.randoms())
def test_the_order_of_the_rows_does_not_matter(
    header: tuple[str, ...], history: list[list[dict[str, str]]], random: Random
) -> None:
    rows = flat(history)
    shuffled = random.sample(rows, len(rows))
    first = plan_upwork_import(as_csv(header, rows), Log(), frozenset(), date_order="mdy")
    second = plan_upwork_import(as_csv(header, shuffled), Log(), frozenset(), date_order="mdy")
    assert set(first.change.added) == set(second.change.added)
    assert first.change.applied_refs == second.change.applied_refs


@SETTINGS
@given(st.sampled_from(HEADERS), transactions())
def test_payments_add_up_to_the_gross_of_the_earnings_rows(
    header: tuple[str, ...], history: list[list[dict[str, str]]]
) -> None:
    rows = flat(history)
    plan = plan_upwork_import(as_csv(header, rows), Log(), frozenset(), date_order="mdy")
    gross = [
        Decimal(r["amount"].lstrip("$").replace(",", ""))
        for r in rows
        if r["type"] in EARNING_TYPES
    ]
    added = [r for r in plan.change.added if isinstance(r, Payment)]
    assert sum((p.amount for p in added), Decimal(0)) == sum(gross, Decimal(0))
    assert len(added) == len(gross)
    refunded = sum((c.refunded for c in plan.change.added if isinstance(c, Contract)), Decimal(0))
    assert refunded == plan.summary.refunds_total


@SETTINGS
@given(st.sampled_from(HEADERS), transactions(), st.data())
def test_importing_in_two_parts_then_the_first_again_equals_importing_at_once(
    header: tuple[str, ...], history: list[list[dict[str, str]]], data: st.DataObject
) -> None:
    """A statement cut in two at a day, the second part overlapping the first or not, imports
    into the same contracts as the whole: hourly runs
    continue, bonuses find the contract paid before them. A refund in the first part whose
    contract only the second part brings is applied when the first part is imported again."""
    cut = data.draw(st.integers(min_value=0, max_value=len(history)))
    while 0 < cut < len(history) and history[cut][0]["day"] == history[cut - 1][0]["day"]:
        cut += 1  # a statement ends at the end of a day
    # The second statement may start earlier, overlapping the first (by whole days too).
    start = data.draw(st.integers(min_value=0, max_value=cut))
    while 0 < start < len(history) and history[start][0]["day"] == history[start - 1][0]["day"]:
        start -= 1
    whole = assert_valid_against(
        Log(),
        plan_upwork_import(as_csv(header, flat(history)), Log(), frozenset(), date_order="mdy"),
    )
    log, refs, groups = Log(), frozenset[str](), tuple[tuple[str, str, str], ...]()
    for part in (history[:cut], history[start:], history[:cut]):
        plan = plan_upwork_import(
            as_csv(header, flat(part)), log, refs, date_order="mdy", remembered=groups
        )
        log = assert_valid_against(log, plan)
        refs |= set(plan.change.applied_refs)
        groups += plan.change.import_groups
    assert sorted(map(repr, log.payments)) == sorted(map(repr, whole.payments))
    assert {c.id: (c.refunded, c.started) for c in log.contracts} == {
        c.id: (c.refunded, c.started) for c in whole.contracts
    }
