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
from dataclasses import dataclass
from decimal import Decimal
from typing import TypeVar

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

FIVE_STARS = Decimal("5.0")
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
    kind = raw.get("step")
    reader = _READERS.get(kind) if isinstance(kind, str) else None
    if reader is None:
        raise InputError(f"{path}.step", f"{describe(kind)} is not a step ({', '.join(_READERS)})")
    fields = _Fields(path, raw)
    step = reader(fields)
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


def _close(f: _Fields) -> Step:
    return CloseContract(
        contract=f.required("contract", parse_id),
        on=f.required("on", parse_iso_date),
        stars=f.optional("stars", parse_stars),
        private=f.optional("private", parse_private),
    )


def _add(f: _Fields) -> Step:
    return AddContract(
        title=f.required("title", parse_text),
        amount=f.required("amount", parse_amount),
        on=f.required("on", parse_iso_date),
        stars=f.optional("stars", parse_stars, FIVE_STARS),
        private=f.optional("private", parse_private),
        client=f.optional("client", parse_id),
    )


def _private(f: _Fields) -> Step:
    return ChangePrivate(
        contract=f.required("contract", parse_id),
        private=f.required("private", parse_private),
    )


def _dispute(f: _Fields) -> Step:
    return Dispute(
        contract=f.required("contract", parse_id),
        on=f.required("on", parse_iso_date),
    )


def _refund(f: _Fields) -> Step:
    return Refund(
        contract=f.required("contract", parse_id),
        amount=f.required("amount", parse_amount),
    )


def _remove(f: _Fields) -> Step:
    return RemoveContract(contract=f.required("contract", parse_id))


_READERS: dict[str, Callable[[_Fields], Step]] = {
    "close": _close,
    "add": _add,
    "private": _private,
    "dispute": _dispute,
    "refund": _refund,
    "remove": _remove,
}
