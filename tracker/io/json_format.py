"""The `repute/1` data file: read into a checked Fragment, and a Log written out deterministically.

Numbers are read as decimals from their written text (never through float), so `450.10` stays
`450.10`; every rule of interface.md is checked as the file is read and the first bad value in
file order is reported with its path (`feedback[12].stars: 7.5 is not between 1 and 5`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from datetime import date
from decimal import Decimal
from json.encoder import encode_basestring
from typing import Any

from tracker.collector import cycle_collection_paused
from tracker.io.atomic_file import write_atomically
from tracker.io.fragment import Fragment, raw_context, read_fragment
from tracker.io.problems import InputError
from tracker.io.tables import records_in_order
from tracker.records.field_values import NonFinite, describe
from tracker.records.kinds import KINDS, PROFILE, RecordKind
from tracker.records.model import SUB_SCORES, Log

__all__ = [
    "FORMAT",
    "Fragment",
    "decode_json",
    "export_json",
    "parse_repute_json",
    "write_atomically",
]

FORMAT = "repute/1"


def decode_json(data: bytes) -> object:
    """The JSON value in `data`, numbers as int or Decimal, NaN/Infinity kept as NonFinite.

    Raises:
        InputError: for an empty file, text that is not UTF-8, or JSON that is broken or cut short.
    """
    if not data.strip():
        raise InputError("", "the file is empty")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise InputError("", f"the file is not UTF-8 text (line {line})") from None
    try:
        value = json.loads(text, parse_float=Decimal, parse_constant=NonFinite)
    except json.JSONDecodeError as error:
        where = f"line {error.lineno}, column {error.colno}"
        if error.pos >= len(text.rstrip()) or error.msg.startswith("Unterminated string"):
            raise InputError("", f"the file ends too early ({where}); it looks cut short") from None
        raise InputError("", f"the file is not valid JSON ({where}: {error.msg})") from None
    except RecursionError:
        raise InputError("", "the file is nested too deeply to be a Repute file") from None
    except ValueError as error:
        raise InputError("", f"the file holds a number that cannot be read ({error})") from None
    if _SURROGATE_ESCAPE.search(text):
        _refuse_lone_surrogates(value)
    return value


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")


def _refuse_lone_surrogates(document: object) -> None:
    """Refuse text holding half of a UTF-16 pair (`"\\ud800"` alone): no database can store it.

    Raises:
        InputError: at the first such text in file order.
    """
    pending: list[tuple[str, object]] = [("", document)]
    while pending:
        path, value = pending.pop()
        if isinstance(value, str) and not _is_storable(value):
            raise InputError(path, f"{describe(value)} holds a lone surrogate, which is not text")
        if isinstance(value, dict):
            for key in value:
                if not _is_storable(key):
                    raise InputError(path, f"the key {describe(key)} holds a lone surrogate")
            pending.extend(
                (f"{path}.{key}" if path else key, item) for key, item in reversed(value.items())
            )
        elif isinstance(value, list):
            pending.extend((f"{path}[{i}]", item) for i, item in reversed(list(enumerate(value))))


def _is_storable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def parse_repute_json(data: bytes, existing: Log, *, path_prefix: str = "") -> Fragment:
    """The records of a `repute/1` file, checked against themselves and the database.

    References may point into the file or into `existing`; records already in `existing` are not
    judged here (that is `plan_import`'s work).

    Raises:
        InputError: at the first bad value in file order, with its path.
    """
    known = (
        path_prefix,
        tuple(client.id for client in existing.clients),
        tuple((contract.id, contract.started) for contract in existing.contracts),
    )
    last = _last_parsed.get("file")
    if last is not None and last[1] == known and (last[0] is data or last[0] == data):
        return last[2]
    with cycle_collection_paused():  # a big file becomes many small objects, none cyclic
        fragment = _parse_document(decode_json(data), existing, path_prefix)
    _last_parsed["file"] = (data, known, fragment)
    return fragment


# The last file read and what it was read against: an import plans a file on the log, then again
# inside the write (for a new database, on the same empty log), and the second reading of 10,000
# contracts would find exactly what the first did. A Fragment is immutable, so sharing it is safe.
_last_parsed: dict[str, tuple[bytes, tuple[object, ...], Fragment]] = {}


def _parse_document(document: object, existing: Log, path_prefix: str) -> Fragment:
    if not isinstance(document, dict):
        raise InputError(
            path_prefix.rstrip("."),
            f"the file holds {describe(document)}, not a Repute file "
            f'(an object with "format": "{FORMAT}")',
        )
    if "format" not in document:
        raise InputError(
            f"{path_prefix}format", f'is missing; a Repute file has "format": "{FORMAT}"'
        )
    if document["format"] != FORMAT:
        raise InputError(
            f"{path_prefix}format",
            f"{describe(document['format'])} is not a format Repute reads (it reads '{FORMAT}')",
        )
    context = raw_context(
        [document],
        clients=(client.id for client in existing.clients),
        contract_starts={contract.id: contract.started for contract in existing.contracts},
    )
    return read_fragment(document, context, prefix=path_prefix, skip_keys=("format",))


def _text(value: object) -> str:
    return "null" if value is None else encode_basestring(str(value))


def _date(value: object) -> str:
    return "null" if value is None else f'"{value.isoformat()}"'  # type: ignore[attr-defined]


def _money(value: object) -> str:
    if value is None:
        return "null"
    return f"{value:.2f}" if value else "0.00"


def plain_decimal(value: Decimal) -> str:
    """A decimal in fixed notation without trailing zeros: equal numbers, equal text."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "0", "") else text


def _stars(value: object) -> str:
    return "null" if value is None else plain_decimal(value)  # type: ignore[arg-type]


def _integer(value: object) -> str:
    return "null" if value is None else str(value)


def _flag(value: object) -> str:
    return "true" if value else "false"


def _sub_scores(value: object) -> str:
    if not value:
        return "null"
    scores = dict(value)  # type: ignore[call-overload]
    return "{" + ", ".join(f'"{name}": {_stars(scores.get(name))}' for name in SUB_SCORES) + "}"


WRITERS: dict[str, Callable[[object], str]] = {
    "id": _text,
    "reference": _text,
    "text": _text,
    "choice": _text,
    "ref": _text,
    "date": _date,
    "money": _money,
    "stars": _stars,
    "integer": _integer,
    "flag": _flag,
    "sub_scores": _sub_scores,
}


def _record_writer(kind: RecordKind) -> Callable[[Any], str]:
    parts = [(name, f'"{name}": ', WRITERS[rule.kind]) for name, rule in kind.fields.items()]

    def write(record: Any) -> str:
        return (
            "{"
            + ", ".join(
                label + write_value(getattr(record, name)) for name, label, write_value in parts
            )
            + "}"
        )

    return write


def _settings_value(value: object) -> object:
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"a setting cannot hold {type(value).__name__}")


def _settings(settings: Mapping[str, object]) -> str:
    return json.dumps(
        dict(sorted(settings.items())),
        ensure_ascii=False,
        sort_keys=True,
        default=_settings_value,
    )


def export_json(log: Log) -> bytes:
    """The whole log as a `repute/1` file: the same log always gives the same bytes.

    Records come in a stable order (by id, or by contract and date), one per line, with keys in
    the order of the format's example; money is written with 2 decimals.
    """
    lines = ["{", f'  "format": "{FORMAT}",']
    lines.append(f'  "profile": {_record_writer(PROFILE)(log.profile)},')
    lines.append(f'  "settings": {_settings(dict(log.settings))},')
    for position, kind in enumerate(KINDS):
        table = kind.table
        comma = "," if position < len(KINDS) - 1 else ""
        records = records_in_order(log, table)
        if not records:
            lines.append(f'  "{table}": []{comma}')
            continue
        write = _record_writer(kind)
        lines.append(f'  "{table}": [')
        lines.append(",\n".join("    " + write(record) for record in records))
        lines.append(f"  ]{comma}")
    lines.append("}")
    return ("\n".join(lines) + "\n").encode("utf-8")
