"""A record's row is each of its fields in column order, written as its rule's kind is stored
(dates as ISO text, money as its text, flags as 0/1, sub-scores as JSON), whatever it holds."""

from __future__ import annotations

from typing import get_type_hints

from hypothesis import given
from hypothesis import strategies as st

from tracker.records.kinds import KINDS, PROFILE, RecordKind
from tracker.store.tables import _STORED_AS, Table

KINDS_AND_PROFILE = (*KINDS, PROFILE)


def _stored(kind: RecordKind, record: object) -> tuple[object, ...]:
    row = []
    for name in kind.columns:
        value = getattr(record, name)
        stored = _STORED_AS.get(kind.fields[name].kind)
        row.append(value if stored is None else stored[0](value))
    return tuple(row)


def _records(kind: RecordKind) -> st.SearchStrategy[tuple[RecordKind, object]]:
    """Records of `kind` with every field drawn (not left at its default)."""
    hints = get_type_hints(kind.type)
    fields = {name: st.from_type(hints[name]) for name in kind.columns}
    return st.tuples(st.just(kind), st.builds(kind.type, **fields))


@given(st.sampled_from(KINDS_AND_PROFILE).flatmap(_records))
def test_a_row_is_each_field_as_stored_in_column_order(
    kind_and_record: tuple[RecordKind, object],
) -> None:
    kind, record = kind_and_record
    assert Table.of(kind).to_row(record) == _stored(kind, record)
