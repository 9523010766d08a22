"""Whatever a file holds, reading it either succeeds or raises InputError: never another error."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st
from io_samples import example, small_log

from tests.profiles import examples
from tracker.io.change_file import parse_change_file
from tracker.io.json_format import parse_repute_json
from tracker.io.problems import InputError
from tracker.records.model import Log

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**30), 10**30)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=12)
    | st.sampled_from(["2025-01-03", "k-1", "acme", "fixed", "final", "", "TX-88123"]),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)
KEYS = st.sampled_from(
    [
        "id",
        "client",
        "contract",
        "kind",
        "started",
        "ended",
        "date",
        "amount",
        "stars",
        "private",
        "scores",
        "earned",
        "last_paid",
        "ref",
        "status",
        "jss",
        "until",
        "responded",
        "rate",
    ]
)
TABLES = st.sampled_from(
    [
        "clients",
        "contracts",
        "payments",
        "feedback",
        "invites",
        "proposals",
        "snapshots",
        "events",
        "profile",
        "settings",
    ]
)


def reads_or_refuses(data: bytes, existing: Log) -> None:
    try:
        parse_repute_json(data, existing)
    except InputError as error:
        assert str(error)
        assert "\n" not in str(error)


@settings(max_examples=examples(300), deadline=None)
@given(json_values)
def test_any_json_value_as_a_whole_file(value: object) -> None:
    reads_or_refuses(json.dumps(value).encode(), Log())


@settings(max_examples=examples(400), deadline=None)
@given(TABLES, st.lists(st.dictionaries(KEYS, json_values, max_size=6), max_size=3) | json_values)
def test_any_json_value_as_a_table(table: str, value: object) -> None:
    document = example()
    document[table] = value
    reads_or_refuses(json.dumps(document).encode(), small_log())


@settings(max_examples=examples(400), deadline=None)
@given(TABLES.filter(lambda t: t not in ("profile", "settings")), KEYS, json_values)
def test_any_json_value_in_a_record(table: str, key: str, value: object) -> None:
    document = example()
    document[table][0][key] = value
    reads_or_refuses(json.dumps(document).encode(), small_log())


@settings(max_examples=examples(300), deadline=None)
@given(st.binary(max_size=200))
def test_any_bytes(data: bytes) -> None:
    reads_or_refuses(data, Log())
    reads_or_refuses(b'{"format": "repute/1", "clients": ' + data, Log())


@settings(max_examples=examples(300), deadline=None)
@given(st.dictionaries(st.sampled_from(["add", "replace", "remove", "other"]), json_values))
def test_any_change_file_is_read_or_refused(document: dict[str, object]) -> None:
    try:
        parse_change_file(json.dumps(document).encode(), small_log())
    except InputError as error:
        assert str(error)
