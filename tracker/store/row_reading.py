"""A table's rows read into records a column at a time, each column checked whole: the quick path.

`stored_values.carefully_checked` checks each distinct value of each column by its field's rule
and names the first one refused. That is exact, and at agency scale it asks the rule of every id,
every amount and every date. Here each column is converted as `Table.from_rows` converts it and
tested whole, in C where it can be (the types it holds, its least and greatest value, its amounts
to the cent), by a test that passes only when its rule accepts every value; the columns of a few
distinct values (a choice of words, a whole number, sub-scores) ask the rule once per distinct
value, as the careful check does. The records are then made a column at a time, each slot set
through its descriptor (tracker.records.makers). When every column passes, the records are the
ones `carefully_checked` builds and none of its values is one it would refuse; when one does not
(or a value cannot be converted), the reader gives up (None), and the caller reads the table the
careful way, which names the problem in its usual sentence.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Collection, Mapping, Sequence
from datetime import date
from decimal import Decimal
from itertools import repeat
from operator import mod
from typing import Any

from tracker.records.date_range import FIRST_DAY, LAST_DAY
from tracker.records.field_values import (
    CENT,
    MONEY_LIMIT,
    FieldRule,
    parse_amount,
    parse_flag,
    parse_id,
    parse_iso_date,
    parse_money_at_least_zero,
    parse_optional_ref,
    parse_stars,
    parse_text,
)
from tracker.records.makers import slot_setters
from tracker.store.tables import Row, Table, stored_reader

Accepts = Callable[[FieldRule, object, bool], bool]
# A reader takes the rows and, for each reference column it was written for, the ids it may name.
QuickReader = Callable[[list[Row], Mapping[str, Collection[object]]], "tuple[Any, ...] | None"]
# A test of a whole column of values as the records hold them, and whether the field is required.
ColumnTest = Callable[[Sequence[Any], bool], bool]

_NONE = type(None)


def _only(types: set[type], column: Sequence[Any], required: bool) -> bool:
    """Every value of `column` of one of `types` (or None, for a field that is not required)."""
    held = set(map(type, column))
    return held <= types or (not required and held <= types | {_NONE})


def _present(column: Sequence[Any], required: bool) -> Sequence[Any]:
    return column if required else [value for value in column if value is not None]


def _ids(column: Sequence[Any], required: bool) -> bool:
    return _only({str}, column, required) and "" not in column


def _texts(column: Sequence[Any], required: bool) -> bool:
    return _only({str}, column, required) and not (required and "" in column)


def _dates(column: Sequence[Any], required: bool) -> bool:
    if not _only({date}, column, required):
        return False
    days = _present(column, required)
    return not days or (min(days) >= FIRST_DAY and max(days) <= LAST_DAY)


def _numbers_between(
    column: Sequence[Any], required: bool, lowest: Callable[[Decimal], bool], highest: Decimal
) -> Sequence[Decimal] | None:
    """The column's numbers when each is a finite Decimal, the least passing `lowest` and the
    greatest at most `highest`; None otherwise."""
    if not _only({Decimal}, column, required):
        return None
    numbers = _present(column, required)
    if not numbers:
        return numbers
    if not all(map(Decimal.is_finite, numbers)) or not lowest(min(numbers)):
        return None
    return numbers if max(numbers) <= highest else None


_LARGEST_MONEY = MONEY_LIMIT - CENT  # the money limit is excluded; amounts are to the cent


def _money(lowest: Callable[[Decimal], bool]) -> ColumnTest:
    def test(column: Sequence[Any], required: bool) -> bool:
        numbers = _numbers_between(column, required, lowest, _LARGEST_MONEY)
        # Two places at most: a multiple of a cent, which quantizing to the cent keeps as it is.
        return numbers is not None and not any(map(mod, numbers, repeat(CENT)))

    return test


def _stars(column: Sequence[Any], required: bool) -> bool:
    return _numbers_between(column, required, lambda least: least >= 1, Decimal(5)) is not None


def _flags(column: Sequence[Any], required: bool) -> bool:
    return _only({bool}, column, required)


# For the rules of the columns that hold many distinct values, a test of a whole column that
# passes only when the rule accepts each of its values (tests/store check them against the
# careful reading). A column of accepted values may still fail it (money given as an int, a
# date that is not a date object): the careful reading then decides.
_COLUMN_TESTS: dict[Callable[[object], object], ColumnTest] = {
    parse_id: _ids,
    parse_text: _texts,
    parse_optional_ref: _texts,
    parse_iso_date: _dates,
    parse_money_at_least_zero: _money(lambda least: least >= 0),
    parse_amount: _money(lambda least: least > 0),
    parse_stars: _stars,
    parse_flag: _flags,
}


def quick_reader(
    table: Table, accepts: Accepts, references: Collection[str] = frozenset()
) -> QuickReader:
    """The reader of `table`'s rows (as its `select_sql` returns them).

    A rule with no column test above is asked through `accepts(rule, value, required)` for each
    distinct value of its column (1, 1.0 and True are one value, as in the careful check's set).
    Each column named in `references` must also hold (when not null) only ids the reader is given
    for it: a reference to nothing sends the table to the careful reading too.
    """
    kind = table.kind
    columns: list[tuple[int, Callable[[Sequence[Any]], Sequence[Any]] | None, Callable[..., bool]]]
    columns = []
    for position, name in enumerate(table.columns):
        rule = kind.fields[name]
        required = name in kind.required
        read = stored_reader(rule.kind)
        convert = None if read is None else _converter(read, required, rule.kind in _SHARED)
        column_test = _COLUMN_TESTS.get(rule.parse)
        if column_test is None:
            test = _asking(accepts, rule, required)
        else:
            test = _with_required(column_test, required)
        if name in references:
            test = _also_named(test, name)
        columns.append((position, convert, test))
    setters = slot_setters(kind.type)
    new = object.__new__
    cls = kind.type

    def read_rows(
        rows: list[Row], known: Mapping[str, Collection[object]]
    ) -> tuple[Any, ...] | None:
        if not rows:
            return ()
        values: list[Sequence[Any]] = list(zip(*rows, strict=True))
        for position, convert, test in columns:
            if convert is not None:
                values[position] = convert(values[position])
            if not test(values[position], known):
                return None
        if setters is None:
            return tuple(map(cls, *values))
        records: list[Any] = list(map(new, repeat(cls, len(rows))))
        for set_field, column in zip(setters.values(), values, strict=True):
            deque(map(set_field, records, column), maxlen=0)  # each slot set in C
        return tuple(records)

    return read_rows


# The kinds read into Decimals, whose columns repeat a few values (stars; refunds of nothing):
# each distinct value is converted once and its records share one Decimal, which also keeps the
# hash every later cache lookup asks of it (a Decimal computes its hash once, then remembers it).
_SHARED = frozenset({"stars", "money"})
_SAMPLE = 64  # a money column repeats itself when its first values do (payments mostly don't)


def _converter(
    read: Callable[[Any], Any], required: bool, shared: bool = False
) -> Callable[[Sequence[Any]], Sequence[Any]]:
    def each(column: Sequence[Any]) -> Sequence[Any]:
        if required:
            return list(map(read, column))
        return [None if value is None else read(value) for value in column]

    if not shared:
        return each

    def once_per_value(column: Sequence[Any]) -> Sequence[Any]:
        if len(set(column[:_SAMPLE])) > _SAMPLE // 4:
            return each(column)
        distinct = set(column)
        # Text only, as Repute stores these: two equal texts read alike, but equal numbers of
        # other types need not (0 and -0.0 read as Decimal 0 and -0). None stays None where the
        # field allows it, and fails the reading as before where it does not.
        if any(type(value) is not str for value in distinct if value is not None):
            return each(column)
        made = {value: _read_or_none(read, value, required) for value in distinct}
        return list(map(made.__getitem__, column))

    return once_per_value


def _read_or_none(read: Callable[[Any], Any], value: Any, required: bool) -> Any:
    return None if value is None and not required else read(value)


def _with_required(test: ColumnTest, required: bool) -> Callable[..., bool]:
    return lambda column, known: test(column, required)


def _asking(accepts: Accepts, rule: FieldRule, required: bool) -> Callable[..., bool]:
    return lambda column, known: all(accepts(rule, value, required) for value in set(column))


def _also_named(test: Callable[..., bool], name: str) -> Callable[..., bool]:
    def named(column: Sequence[Any], known: Mapping[str, Collection[object]]) -> bool:
        if not test(column, known):
            return False
        named_ids = set(column)
        named_ids.discard(None)
        return named_ids <= known[name]  # type: ignore[operator]

    return named
