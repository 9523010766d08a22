"""The table model: rows in the order of a column's value, and a filter over every column's text."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from log_fixtures import sample_log
from PySide6.QtCore import Qt

from tests.profiles import examples
from tracker.records.model import Log, Payment
from ui.log.formatting import money
from ui.log.forms.fields import parse_money
from ui.log.table_model import RecordFilter, RecordTableModel
from ui.log.tables import CONTRACTS, PAYMENTS

amounts = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("999999.99"), places=2)
payments = st.builds(
    Payment,
    contract=st.sampled_from(["k-1", "k-2"]),
    date=st.dates(date(2020, 1, 1), date(2026, 12, 31)),
    amount=amounts,
)


@settings(max_examples=examples(50))
@given(st.lists(payments, max_size=30), st.sampled_from([0, 2]), st.booleans())
def test_sorting_orders_rows_by_value_and_keeps_every_row(
    qapp: Any, listed: list[Payment], column: int, descending: bool
) -> None:
    model = RecordTableModel(PAYMENTS)
    model.load(Log(payments=tuple(listed)))
    order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
    model.sort(column, order)
    keys = [(p.date if column == 0 else p.amount) for p in model.records]
    assert keys == sorted(keys, reverse=descending)
    assert sorted(model.records, key=repr) == sorted(listed, key=repr)


@given(amounts)
def test_money_as_shown_reads_back_as_the_same_amount(amount: Decimal) -> None:
    assert parse_money(money(amount)) == (amount, None)


def test_empty_values_sort_after_the_others_going_up(qapp: Any) -> None:
    model = RecordTableModel(CONTRACTS)
    model.load(sample_log())
    model.sort(3, Qt.SortOrder.AscendingOrder)
    assert [c.id for c in model.records] == ["k-1", "k-3", "k-2"]


def test_a_selection_stays_on_its_record_when_the_table_is_sorted(qapp: Any) -> None:
    model = RecordTableModel(CONTRACTS)
    model.load(sample_log())
    proxy = RecordFilter(model)
    held = proxy.index(0, 0)
    from PySide6.QtCore import QPersistentModelIndex

    kept = QPersistentModelIndex(held)
    record = model.record(proxy.mapToSource(held).row())
    proxy.sort(0, Qt.SortOrder.AscendingOrder)
    assert model.record(proxy.mapToSource(proxy.index(kept.row(), 0)).row()) == record


def test_ten_thousand_rows_load_sort_and_filter_without_per_row_widgets(qapp: Any) -> None:
    start = date(2020, 1, 1)
    many = tuple(
        Payment(f"k-{n % 500}", start + timedelta(days=n % 2000), Decimal(n % 997) + 1, f"TX-{n}")
        for n in range(10_000)
    )
    model = RecordTableModel(PAYMENTS)
    model.load(Log(payments=many))
    proxy = RecordFilter(model)
    proxy.sort(2, Qt.SortOrder.AscendingOrder)
    proxy.set_text("tx-999")
    assert {proxy.index(r, 3).data() for r in range(proxy.rowCount())} == {
        "TX-999", *{f"TX-999{d}" for d in range(10)},
    }  # fmt: skip
