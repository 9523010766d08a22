"""A user's own spreadsheet of past work, read through a column mapping into a checked Fragment.

The user says which of their columns holds which of our fields (`{"started": "Start date"}`);
cells become values the way a person writes them in a spreadsheet (`$1,250.00`, `Yes`, `No longer
needed`), then every rule of the file format applies as for a `repute/1` file. Clients are named
in a spreadsheet, not given ids: a name that is not a known client becomes a new one. Records
without an id column get an id made from their content, so the same sheet imported twice adds
nothing. Errors say the line (1-based, the header is line 1) and the user's column.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from typing import Any

from tracker.io.formula_cells import unprotected
from tracker.io.fragment import Fragment, RecordProblem, raw_context, read_table
from tracker.io.problems import InputError, csv_location
from tracker.io.tables import columns_of
from tracker.records.field_values import BadValue, describe, parse_number_text
from tracker.records.kinds import KINDS, TABLE_NAMES, kind_named
from tracker.records.model import Client, Log

# Records known by an id: a sheet without an id column gets one made from each row's content.
_DERIVED_ID = {kind.table for kind in KINDS if kind.key == ("id",)}
_TRUE = {"true", "yes", "y", "1", "x", "✓"}
_FALSE = {"false", "no", "n", "0"}


CONTRACT_CLIENT = "contract_client"  # payments and feedback: tells contracts of one title apart
_NAMING_A_CONTRACT = ("payments", "feedback")


def sheet_fields(table: str) -> list[str]:
    """The fields a column can be mapped to for `table` (sub-scores as `scores.skills`, ...).

    Payments and feedback also take `contract_client`: the client of the contract they name by
    its title, for a title that two clients' contracts share.
    """
    fields = columns_of(table)
    return [*fields, CONTRACT_CLIENT] if table in _NAMING_A_CONTRACT else fields


def _kind(table: str, field: str) -> str:
    if field == CONTRACT_CLIENT:
        return "text"
    if field.startswith("scores."):
        return "stars"
    return kind_named(table).fields[field].kind


def _flag_from_cell(cell: str) -> bool:
    word = cell.strip().casefold()
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    raise BadValue(f"{describe(cell)} is not yes or no")


def _choice_from_cell(cell: str) -> str:
    """`No longer needed` -> `no_longer_needed`; the field's parser judges the word."""
    return re.sub(r"[\s\-]+", "_", cell.strip().casefold())


def _text_from_cell(cell: str) -> str:
    """Undo the `'` our own CSV export puts before a would-be formula (exactly that one)."""
    return unprotected(cell)


def _value(kind: str, cell: str) -> object:
    if kind in ("money", "stars", "integer"):
        number = parse_number_text(cell)
        return int(number) if kind == "integer" and number == number.to_integral_value() else number
    if kind == "flag":
        return _flag_from_cell(cell)
    if kind == "choice":
        return _choice_from_cell(cell)
    if kind == "date":
        return cell.strip()
    return _text_from_cell(cell)


def _short_hash(*parts: object) -> str:
    return hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:10]


def _column_index(headers: Sequence[str], column: str) -> int | None:
    wanted = " ".join(column.split()).casefold()
    for index, header in enumerate(headers):
        if " ".join(header.split()).casefold() == wanted:
            return index
    return None


def _check_mapping(
    table: str,
    headers: Sequence[str],
    mapping: Mapping[str, str],
    constants: Mapping[str, str],
) -> dict[str, int]:
    if table not in TABLE_NAMES:
        raise InputError("table", f"{table!r} is not a table ({', '.join(TABLE_NAMES)})")
    known = sheet_fields(table)
    for field in constants:
        if field not in known:
            raise InputError("mapping", f"{field!r} is not a field of {table} ({', '.join(known)})")
        if field in mapping:
            raise InputError(
                "mapping", f"{field} is both a column and a value for every row: choose one"
            )
    indices = {}
    for field, column in mapping.items():
        if field not in known:
            raise InputError("mapping", f"{field!r} is not a field of {table} ({', '.join(known)})")
        index = _column_index(headers, column)
        if index is None:
            raise InputError("mapping", f"the file has no column {column!r} (for {field})")
        indices[field] = index
    optional_ids = {"id"} if table in _DERIVED_ID else set()
    given = {*mapping, *constants}
    if table == "clients":
        needed = [] if "id" in given or "name" in given else ["id or name"]
    else:
        needed = [f for f in kind_named(table).required if f not in given and f not in optional_ids]
    if needed:
        raise InputError("mapping", f"{table} need a column for {', '.join(needed)}")
    return indices


class _Clients:
    """Client names in a sheet, turned into ids of known clients or of new ones."""

    def __init__(self, existing: Log) -> None:
        self.ids = {client.id for client in existing.clients}
        self.by_name = {
            client.name.casefold(): client.id for client in existing.clients if client.name
        }
        self.new: list[Client] = []

    def id_for(self, name: str) -> str:
        if name in self.ids:
            return name
        key = name.casefold()
        if key in self.by_name:
            return self.by_name[key]
        slug = _slug(name)
        client_id = slug if slug not in self.ids else f"{slug}-{_short_hash(name)[:6]}"
        self.new.append(Client(id=client_id, name=name))
        self.ids.add(client_id)
        self.by_name[key] = client_id
        return client_id


class _Titles:
    """Contracts named by their title, and by their client when a title is shared."""

    def __init__(self, existing: Log) -> None:
        self.ids = {contract.id for contract in existing.contracts}
        self.by_title: dict[str, list[tuple[str, str]]] = {}
        for contract in existing.contracts:
            self.by_title.setdefault(contract.title.casefold(), []).append(
                (contract.id, contract.client)
            )
        self.client_names = {client.id: client.name or client.id for client in existing.clients}
        self.client_by_name = {
            client.name.casefold(): client.id for client in existing.clients if client.name
        }

    def id_for(self, named: str, client: str | None) -> str:
        """The id of the contract `named` (an id or a title), or `named` when none is known.

        Raises:
            BadValue: the title is shared and no client (or no matching one) tells which.
        """
        if named in self.ids:
            return named
        found = self.by_title.get(named.casefold(), [])
        if client is not None:
            client_id = (
                client
                if client in self.client_names
                else self.client_by_name.get(client.casefold(), client)
            )
            of_client = [pair for pair in found if pair[1] == client_id]
            if found and not of_client:
                raise BadValue(f"no contract {describe(named)} of the client {describe(client)}")
            found = of_client
        if len(found) > 1:
            whose = ", ".join(sorted(self.client_names.get(c, c) for _, c in found))
            raise BadValue(
                f"{len(found)} contracts are titled {describe(named)} (clients {whose}); "
                "map the contract's client to a column to tell them apart"
            )
        return found[0][0] if found else named


def fragment_from_csv(
    table: str,
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    mapping: Mapping[str, str],
    existing: Log,
    constants: Mapping[str, str] | None = None,
) -> Fragment:
    """The records of one table from a user's CSV, checked like a `repute/1` file.

    Args:
        table: the table the rows hold (contracts, feedback, invites, or any other table).
        headers: the CSV's column names, as `read_csv_table` gives them.
        rows: the rows; row i is line i + 2 of the file.
        mapping: our field -> their column, e.g. `{"started": "Start date", "kind": "Type"}`.
        existing: the database, for references and known clients.
        constants: our field -> the value of every row, written as in a cell (`{"kind": "fixed"}`)
            for a field the sheet has no column for.

    Raises:
        InputError: for a mapping that does not fit, or at the first bad cell
            (`line 12, column Amount: 'abc' is not a number`).
    """
    constants = constants or {}
    indices = _check_mapping(table, headers, mapping, constants)
    every_row = _constant_values(table, constants)
    clients = _Clients(existing)
    titles = _Titles(existing)
    raws: list[dict[str, Any]] = []
    lines: list[int] = []
    for position, row in enumerate(rows):
        if not any(cell.strip() for cell in row):
            continue
        line = position + 2
        raw = {**_copied(every_row), **_raw_record(table, row, indices, mapping, line)}
        try:
            _resolve_names(table, raw, clients, titles)
        except BadValue as bad:
            named_in = mapping.get("contract") or "contract"
            raise InputError(csv_location(line, named_in), bad.message) from None
        if table == "clients":
            _name_client(raw, clients)
        elif table in _DERIVED_ID and "id" not in raw:
            raw["id"] = _derived_id(table, raw)
        raws.append(raw)
        lines.append(line)
    context = raw_context(
        [{table: raws}],
        clients=clients.ids,
        contract_starts={c.id: c.started for c in existing.contracts},
    )
    try:
        records, _ = read_table(
            table, raws, context, name_position=lambda index: f"line {lines[index]}"
        )
    except RecordProblem as problem:
        field = (problem.key or "").split(".")[0]
        column = mapping.get(problem.key or "") or mapping.get(field)
        if column is None and field in constants:
            raise InputError(
                "mapping", f"every row's {field} {constants[field]!r}: {problem.message}"
            ) from None
        line = lines[problem.index] if problem.index >= 0 else 1
        raise InputError(csv_location(line, column), problem.message) from None
    if table == "clients":
        return Fragment(clients=tuple(records))  # type: ignore[arg-type]
    return Fragment(clients=tuple(clients.new), **{table: tuple(records)})  # type: ignore[arg-type]


def _raw_record(
    table: str,
    row: Sequence[str],
    indices: Mapping[str, int],
    mapping: Mapping[str, str],
    line: int,
) -> dict[str, Any]:
    raw: dict[str, Any] = {}
    for field, index in indices.items():
        cell = row[index] if index < len(row) else ""
        if not cell.strip():
            continue
        if _kind(table, field) != "text":  # free text comes back as written, blanks and all
            cell = cell.strip()
        try:
            value = _value(_kind(table, field), cell)
        except BadValue as bad:
            raise InputError(csv_location(line, mapping[field]), bad.message) from None
        if field.startswith("scores."):
            raw.setdefault("scores", {})[field.removeprefix("scores.")] = value
        else:
            raw[field] = value
    return raw


def _constant_values(table: str, constants: Mapping[str, str]) -> dict[str, Any]:
    """The values every row gets, read as cells are; a bad one is named as the mapping's."""
    values: dict[str, Any] = {}
    for field, text in constants.items():
        try:
            value = _value(_kind(table, field), text.strip())
        except BadValue as bad:
            raise InputError("mapping", f"every row's {field}: {bad.message}") from None
        if field.startswith("scores."):
            values.setdefault("scores", {})[field.removeprefix("scores.")] = value
        else:
            values[field] = value
    return values


def _copied(values: Mapping[str, Any]) -> dict[str, Any]:
    return {key: dict(value) if isinstance(value, dict) else value for key, value in values.items()}


def _resolve_names(table: str, raw: dict[str, Any], clients: _Clients, titles: _Titles) -> None:
    """Client names become client ids; a contract named by its title (and client) its id."""
    if table in ("contracts", "invites") and isinstance(raw.get("client"), str):
        raw["client"] = clients.id_for(raw["client"])
    client = raw.pop(CONTRACT_CLIENT, None)
    if table in _NAMING_A_CONTRACT and isinstance(raw.get("contract"), str):
        raw["contract"] = titles.id_for(
            raw["contract"], client if isinstance(client, str) else None
        )


def _name_client(raw: dict[str, Any], clients: _Clients) -> None:
    """A client row needs an id and shows a name: each defaults to the other (a known name keeps
    its client's id)."""
    name = raw.get("name")
    if "id" not in raw and isinstance(name, str):
        known = clients.by_name.get(name.casefold())
        raw["id"] = known or _slug(name)
    if "name" not in raw and isinstance(raw.get("id"), str):
        raw["name"] = raw["id"]


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-") or f"client-{_short_hash(name)}"


def _derived_id(table: str, raw: Mapping[str, Any]) -> str:
    if table == "contracts":
        return f"sheet-{_short_hash(raw.get('client'), raw.get('title'), raw.get('started'))}"
    return f"sheet-{_short_hash(table, raw.get('date'), raw.get('job'), raw.get('client'))}"
