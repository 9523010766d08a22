"""The quick makers of tracker.records.makers make the very records the dataclasses make: equal,
of the same type, frozen, with the defaults in the fields not given."""

from __future__ import annotations

import dataclasses
from typing import get_type_hints

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.records.kinds import KINDS, PROFILE, RecordKind
from tracker.records.makers import mapping_maker, slot_setters
from tracker.records.model import Log

KINDS_AND_PROFILE = (*KINDS, PROFILE)


def _some_values(kind: RecordKind) -> st.SearchStrategy[tuple[RecordKind, dict[str, object]]]:
    """Every required field of `kind` and some of the others, each drawn from its type."""
    hints = get_type_hints(kind.type)
    optional = [name for name in kind.columns if name not in kind.required]
    return st.tuples(
        st.just(kind),
        st.fixed_dictionaries(
            {name: st.from_type(hints[name]) for name in kind.required},
            optional={name: st.from_type(hints[name]) for name in optional},
        ),
    )


@given(st.sampled_from(KINDS_AND_PROFILE).flatmap(_some_values))
def test_a_record_made_from_its_values_by_name_is_the_dataclass_s_own(
    kind_and_values: tuple[RecordKind, dict[str, object]],
) -> None:
    kind, values = kind_and_values
    made = mapping_maker(kind.type)(values)
    expected = kind.type(**values)
    assert type(made) is kind.type
    assert repr(made) == repr(expected)  # == and hash fail on a NaN, in both alike
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.__setattr__(kind.columns[0], None)


def test_every_record_kind_is_made_through_its_slots() -> None:
    for kind in KINDS_AND_PROFILE:
        setters = slot_setters(kind.type)
        assert setters is not None and list(setters) == list(kind.columns), kind.table


def test_a_class_whose_init_does_more_is_called_as_it_is() -> None:
    @dataclasses.dataclass(frozen=True, slots=True)
    class Checked:
        value: int

        def __post_init__(self) -> None:
            if self.value < 0:
                raise ValueError("negative")

    assert slot_setters(Checked) is None
    assert slot_setters(Log) is None  # its profile has a default factory
    with pytest.raises(ValueError, match="negative"):
        mapping_maker(Checked)({"value": -1})
    assert mapping_maker(Log)({}) == Log()
