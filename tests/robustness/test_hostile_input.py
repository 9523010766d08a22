"""Hostile files through the real command line: exit 0, or exit 1 with one line; never a traceback
or a hang. Each example has a deadline; the database must still be sound afterwards."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.profiles import examples
from tests.robustness.cli_runs import assert_clean_ending, deadline, integrity, run_cli
from tests.robustness.hostile_values import (
    OLDER_HEADER,
    hostile_values,
    repute_document,
    to_json_text,
    upwork_csv,
)
from tracker.store.repository import Repository

SCALE = int(os.environ.get("REPUTE_FUZZ_SCALE", "1"))  # 20 with HYPOTHESIS_PROFILE=full: a long run
FUZZ = settings(
    max_examples=examples(120 * SCALE),
    deadline=None,  # `deadline()` below bounds each example; a slow CI must not flake
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    database=None,
)
SECONDS_PER_FILE = 10


class Workspace:
    """One database that every example of a test imports into, so later examples meet earlier
    ones' records (conflicts, duplicates, references into the database)."""

    def __init__(self, folder: Path) -> None:
        self.db = folder / "repute.sqlite3"
        self.file = folder / "input"
        self.runs = 0

    def import_bytes(self, data: bytes, *options: str) -> None:
        self.file.write_bytes(data)
        self.runs += 1
        with deadline(SECONDS_PER_FILE):
            outcome = run_cli("--db", str(self.db), "import", str(self.file), *options)
        assert_clean_ending(outcome)

    def whatif_bytes(self, data: bytes) -> None:
        self.file.write_bytes(data)
        self.runs += 1
        with deadline(SECONDS_PER_FILE):
            outcome = run_cli("--db", str(self.db), "whatif", "--change", str(self.file), "--json")
        assert_clean_ending(outcome, plain_output=False)

    def assert_sound(self) -> None:
        if self.db.exists() and self.db.stat().st_size:
            assert integrity(self.db) == ["ok"]
            with Repository.open(self.db, create=False) as repository:
                repository.log()


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    space = Workspace(tmp_path)
    yield space
    space.assert_sound()


@FUZZ
@given(data=st.binary(max_size=3000), prefix=st.sampled_from([b"", b"{", b"\xef\xbb\xbf{", b"["]))
def test_arbitrary_bytes(workspace: Workspace, data: bytes, prefix: bytes) -> None:
    workspace.import_bytes(prefix + data)


@FUZZ
@given(data=st.binary(max_size=2000), forced=st.sampled_from(["json", "upwork-csv"]))
def test_arbitrary_bytes_read_as_a_forced_format(
    workspace: Workspace, data: bytes, forced: str
) -> None:
    workspace.import_bytes(data, "--format", forced)


@FUZZ
@given(value=hostile_values)
def test_arbitrary_json(workspace: Workspace, value: object) -> None:
    workspace.import_bytes(to_json_text(value).encode("utf-8"))


@settings(FUZZ, max_examples=examples(400 * SCALE))
@given(document=repute_document(), replace=st.booleans())
def test_repute_files_with_hostile_values(
    workspace: Workspace, document: dict[str, object], replace: bool
) -> None:
    workspace.import_bytes(to_json_text(document).encode("utf-8"), *(["--replace"] * replace))


@settings(FUZZ, max_examples=examples(250 * SCALE))
@given(data=upwork_csv(), replace=st.booleans())
def test_transaction_histories_with_hostile_cells(
    workspace: Workspace, data: bytes, replace: bool
) -> None:
    workspace.import_bytes(data, *(["--replace"] * replace))


@settings(FUZZ, max_examples=examples(120 * SCALE))
@given(
    add=repute_document(),
    remove=st.dictionaries(
        st.sampled_from(["contracts", "clients", "invites", "proposals", "x"]), hostile_values
    ),
)
def test_whatif_change_files_with_hostile_values(
    workspace: Workspace, add: dict[str, object], remove: dict[str, object]
) -> None:
    add.pop("format", None)
    workspace.import_bytes(b'{"format": "repute/1", "clients": [{"id": "a"}]}')
    workspace.whatif_bytes(to_json_text({"add": add, "remove": remove}).encode("utf-8"))


def nested(depth: int, opening: str, closing: str, inner: str = "1") -> str:
    return opening * depth + inner + closing * depth


@pytest.mark.parametrize("depth", [50, 500, 990, 5000, 200_000])
@pytest.mark.parametrize(
    "where",
    [
        "{0}",
        '{{"format": "repute/1", "settings": {{"rules": {0}}}}}',
        '{{"format": "repute/1", "profile": {{"name": {0}}}}}',
        '{{"format": "repute/1", "clients": [{{"id": "a", "name": "A", "extra": {0}}}]}}',
        '{{"format": "repute/1", "contracts": {0}}}',
    ],
)
@pytest.mark.parametrize("brackets", [("[", "]"), ('{"a":', "}")])
def test_deep_nesting(
    workspace: Workspace, depth: int, where: str, brackets: tuple[str, str]
) -> None:
    workspace.import_bytes(where.format(nested(depth, *brackets)).encode())


@pytest.mark.parametrize(
    "text",
    [
        "a\ud800",  # a lone high surrogate, written as the escape \ud800
        "\udfff",
        "\ud83d\ude00\udc00",  # a good pair, then a lone low surrogate
    ],
)
@pytest.mark.parametrize("field", ["clients[0].id", "clients[0].name", "settings.note", "key"])
def test_lone_surrogates_are_refused_with_their_place(
    workspace: Workspace, text: str, field: str
) -> None:
    document: dict[str, object] = {"format": "repute/1", "clients": [{"id": "a", "name": "A"}]}
    if field == "clients[0].id":
        document["clients"] = [{"id": text, "name": "A"}]
    elif field == "clients[0].name":
        document["clients"] = [{"id": "a", "name": text}]
    elif field == "settings.note":
        document["settings"] = {"note": text}
    else:
        document["settings"] = {text: 1}
    workspace.file.write_text(json.dumps(document), encoding="ascii")
    outcome = run_cli("--db", str(workspace.db), "import", str(workspace.file))
    assert_clean_ending(outcome)
    assert outcome.code == 1
    assert "surrogate" in outcome.err
    if field != "key":
        assert outcome.err.startswith(field + ":")


LONG = 20 * 1024 * 1024


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(
            b'{"format": "repute/1", "clients": [{"id": "a", "name": "' + b"x" * LONG + b'"}]}',
            id="json-one-long-string",
        ),
        pytest.param(b"[" + b"1," * (LONG // 2) + b"1]", id="json-one-long-line"),
        pytest.param(
            ",".join(OLDER_HEADER).encode()
            + b'\n"Sep 8, 2026",1,Hourly,'
            + b"y" * LONG
            + b" (12),,,T,,,10,,USD,0\n",
            id="csv-one-long-cell",
        ),
        pytest.param(b"Date," * (LONG // 5), id="csv-one-long-header"),
        pytest.param(b"\n" * LONG, id="only-newlines"),
        pytest.param(b"\x00" * LONG, id="only-nul"),
    ],
)
def test_very_long_lines(workspace: Workspace, data: bytes) -> None:
    workspace.import_bytes(data)
