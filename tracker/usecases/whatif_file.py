"""A what-if change file with steps: the window's sandbox steps, written down for `whatif --change`.

Besides `add`, `replace` and `remove` (tracker.io.change_file), a file may hold `steps`, applied in
order after them, each to the log as the ones before left it:

    {"steps": [
      {"step": "close", "contract": "k-1", "on": "2026-03-01", "stars": 5.0, "private": 9},
      {"step": "add", "title": "Logo", "amount": 900, "on": "2026-03-01", "client": "acme"},
      {"step": "private", "contract": "k-1", "private": 6},
      {"step": "dispute", "contract": "k-2", "on": "2026-03-01"},
      {"step": "refund", "contract": "k-3", "amount": 150},
      {"step": "remove", "contract": "k-4"}
    ]}

`stars` and `private` may be null or left out (no feedback of that kind; an added contract gets
5.0 stars unless told); an added contract without `client` is for a new client. A step that does
not fit the log is refused with its place (`steps[1]: ...`), like any bad value of the file.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import MISSING, dataclass
from dataclasses import fields as dataclass_fields
from typing import Any, TypeVar

from tracker.io.change_file import parse_change_document
from tracker.io.json_format import decode_json
from tracker.io.problems import InputError
from tracker.records.changes import Change, ChangeError, apply_to_log
from tracker.records.field_values import (
    BadValue,
    describe,
    parse_amount,
    parse_id,
    parse_iso_date,
    parse_private,
    parse_stars,
    parse_text,
)
from tracker.records.model import Log
from tracker.usecases.whatif import (
    AddContract,
    ChangePrivate,
    CloseContract,
    Dispute,
    Refund,
    RemoveContract,
    Step,
    StepError,
    apply_step,
)

T = TypeVar("T")


@dataclass(frozen=True)
class WhatIf:
    """A change file read: its Change (add, replace, remove) and then its steps."""

    change: Change
    steps: tuple[Step, ...] = ()


def read_whatif_file(data: bytes, existing: Log) -> WhatIf:
    """The change and the steps a what-if file describes (the steps are checked when applied).

    Raises:
        InputError: at the first bad value, with its path (`steps[0].on: ...`).
    """
    document = decode_json(data)
    change = parse_change_document(document, existing)
    assert isinstance(document, dict)  # parse_change_document refuses anything else
    return WhatIf(change, read_steps(document.get("steps")))


def changed_log(log: Log, whatif: WhatIf) -> Log:
    """`log` with the file's change and then each of its steps.

    Raises:
        ChangeError: the change does not fit the log.
        InputError: a step does not fit the log as the ones before left it (`steps[2]: ...`).
    """
    changed = apply_to_log(log, whatif.change)
    for index, step in enumerate(whatif.steps):
        try:
            changed = apply_step(changed, step)
        except (StepError, ChangeError) as error:
            raise InputError(f"steps[{index}]", str(error)) from None
    return changed


def read_steps(raw: object) -> tuple[Step, ...]:
    """The `steps` list as the library's steps.

    Raises:
        InputError: a step of no known kind, a missing or bad value.
    """
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise InputError("steps", f"{describe(raw)} is not a list of steps")
    return tuple(_step(f"steps[{index}]", item) for index, item in enumerate(raw))


def _step(path: str, raw: object) -> Step:
    if not isinstance(raw, dict):
        raise InputError(path, f'{describe(raw)} is not a step (an object with a "step")')
    name = raw.get("step")
    kind = STEP_KINDS.get(name) if isinstance(name, str) else None
    if kind is None:
        known = ", ".join(STEP_KINDS)
        raise InputError(f"{path}.step", f"{describe(name)} is not a step ({known})")
    fields = _Fields(path, raw)
    step = _read_step(kind, fields)
    fields.refuse_others()
    return step


class _Fields:
    """The values of one step, each read once, with its path in any refusal."""

    def __init__(self, path: str, raw: Mapping[str, object]) -> None:
        self.path = path
        self.raw = raw
        self.read = {"step"}

    def required(self, key: str, parse: Callable[[object], T]) -> T:
        value = self.optional(key, parse)
        if value is None:
            raise InputError(f"{self.path}.{key}", "is required")
        return value

    def optional(
        self, key: str, parse: Callable[[object], T], default: T | None = None
    ) -> T | None:
        self.read.add(key)
        if key not in self.raw:
            return default
        value = self.raw[key]
        if value is None:
            return None
        try:
            return parse(value)
        except BadValue as error:
            raise InputError(f"{self.path}.{key}", error.message) from None

    def refuse_others(self) -> None:
        for key in self.raw:
            if key not in self.read:
                raise InputError(f"{self.path}.{key}", "is not a field of this step")


StepKind = (
    type[CloseContract]
    | type[AddContract]
    | type[ChangePrivate]
    | type[Dispute]
    | type[Refund]
    | type[RemoveContract]
)
STEP_KINDS: dict[str, StepKind] = {
    "close": CloseContract,
    "add": AddContract,
    "private": ChangePrivate,
    "dispute": Dispute,
    "refund": Refund,
    "remove": RemoveContract,
}
# How each field a step has is read from the file; a field the step's class gives a default may
# be left out (that default) or null (None), the others are required.
_PARSERS: dict[str, Callable[[object], object]] = {
    "contract": parse_id,
    "client": parse_id,
    "title": parse_text,
    "amount": parse_amount,
    "on": parse_iso_date,
    "stars": parse_stars,
    "private": parse_private,
}


def _read_step(kind: StepKind, fields: _Fields) -> Step:
    values: dict[str, Any] = {}
    for field in dataclass_fields(kind):
        parse = _PARSERS[field.name]
        if field.default is MISSING:
            values[field.name] = fields.required(field.name, parse)
        else:
            values[field.name] = fields.optional(field.name, parse, field.default)
    return kind(**values)
