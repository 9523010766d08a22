"""A year of a busy freelancer's history (10,000 rows) plans whole, and again adds nothing.

How fast is measured by bench/ (a timing bound here would fail on a busy machine)."""

from datetime import date, timedelta

from tracker.io.upwork.statement import plan_upwork_import
from tracker.records.changes import apply_to_log
from tracker.records.model import Log

HEADER = (
    "Date,Transaction ID,Transaction type,Transaction summary,Description,Ref ID,Agency,Team,"
    "Account Name,Freelancer,Amount $,Currency\n"
)


def big_history(transactions: int) -> bytes:
    """`transactions` payments: a gross, a fee and (every other one) VAT, 2.5 rows each."""
    lines = [HEADER]
    start = date(2025, 1, 1)
    for n in range(transactions):
        day = start + timedelta(days=n % 365)
        client = f"Client {n % 40}"
        contract = 40000000 + n % 200
        description = (
            f'"Invoice for {day:%m/%d/%Y}-{day:%m/%d/%Y} - Hourly - Job {contract} ({contract})"'
        )
        prefix = f'"{day:%b} {day.day}, {day.year}",{700000 + n}'
        lines.append(
            f'{prefix},Hourly,Invoice,{description},,,"{client}",,Jane,"$1,{n % 1000:03}.50",USD\n'
        )
        lines.append(f'{prefix},Service Fee,Fee,{description},,,"{client}",,Jane,-$100.05,USD\n')
        if n % 2:
            lines.append(f'{prefix},VAT,VAT,"VAT on the fee",,,"{client}",,Jane,-$20.01,USD\n')
    return "".join(lines).encode()


def test_ten_thousand_rows_plan_whole() -> None:
    data = big_history(4000)
    assert data.count(b"\n") - 1 == 10_000
    plan = plan_upwork_import(data, Log(), frozenset())
    assert plan.summary.payments_added == 4000
    assert len(plan.summary.new_contracts) == 200


def test_reimporting_ten_thousand_rows_adds_nothing() -> None:
    data = big_history(4000)
    first = plan_upwork_import(data, Log(), frozenset())
    log = apply_to_log(Log(), first.change)
    again = plan_upwork_import(data, log, frozenset(first.change.applied_refs))
    assert again.change.is_empty()
