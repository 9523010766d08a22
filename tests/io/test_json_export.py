"""Writing repute/1: the same bytes for the same log, the example's key order, exact money."""

from __future__ import annotations

import json
import os
import stat
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from io_samples import EXAMPLE, d, encode, small_log, valid_logs

from tests.profiles import examples
from tracker.io.json_format import export_json, parse_repute_json, write_atomically
from tracker.io.problems import InputError
from tracker.io.tables import stable_order
from tracker.records.model import Log, Payment


def test_the_example_comes_back_with_the_same_keys_in_the_same_order() -> None:
    log = parse_repute_json(encode(EXAMPLE), Log()).as_log()
    written = json.loads(export_json(log))
    assert list(written) == list(EXAMPLE)
    for table in (
        "clients",
        "contracts",
        "payments",
        "feedback",
        "invites",
        "proposals",
        "snapshots",
        "events",
    ):
        assert list(written[table][0]) == list(EXAMPLE[table][0]), table
    assert list(written["feedback"][0]["scores"]) == list(EXAMPLE["feedback"][0]["scores"])
    assert list(written["profile"]) == list(EXAMPLE["profile"])
    assert written == EXAMPLE


def test_money_is_written_with_two_decimals_and_reads_back_exactly() -> None:
    log = Log(payments=(Payment("k-1", d("2025-02-28"), Decimal("450.00")),))
    data = export_json(log)
    assert b'"amount": 450.00' in data
    document = json.loads(data, parse_float=Decimal)
    assert document["payments"][0]["amount"] == Decimal("450.00")
    assert str(document["payments"][0]["amount"]) == "450.00"


def test_the_same_log_gives_the_same_bytes_whatever_the_order_it_was_loaded_in() -> None:
    log = small_log()
    shuffled = replace(
        log,
        clients=log.clients[::-1],
        contracts=log.contracts[::-1],
        payments=log.payments[::-1],
    )
    assert export_json(shuffled) == export_json(log)


def test_equal_numbers_written_differently_give_the_same_bytes() -> None:
    log = small_log()
    [first, *rest] = log.payments
    other = replace(log, payments=(replace(first, amount=Decimal("450.0")), *rest))
    assert export_json(other) == export_json(log)


def test_an_empty_log_is_a_valid_file() -> None:
    data = export_json(Log())
    assert json.loads(data)["contracts"] == []
    assert parse_repute_json(data, Log()).as_log() == Log()


def test_settings_are_exported_sorted() -> None:
    log = replace(small_log(), settings=(("theme", "dark"), ("rules", "auto")))
    assert json.loads(export_json(log))["settings"] == {"rules": "auto", "theme": "dark"}
    assert b'"settings": {"rules": "auto", "theme": "dark"}' in export_json(log)


def test_text_with_quotes_and_non_ascii_is_written_as_valid_json() -> None:
    log = small_log()
    contract = replace(log.contracts[0], title='Logo "v2" für Zoë\n', notes="\\ \t")
    data = export_json(replace(log, contracts=(contract, log.contracts[1])))
    assert "für Zoë".encode() in data
    assert json.loads(data)["contracts"][0]["title"] == 'Logo "v2" für Zoë\n'


@settings(max_examples=examples(150), deadline=None)
@given(valid_logs())
def test_parse_of_export_gives_the_log_back(log: Log) -> None:
    fragment = parse_repute_json(export_json(log), Log())
    assert fragment.as_log() == stable_order(log)
    assert export_json(fragment.as_log()) == export_json(log)


def test_write_atomically_puts_the_whole_file_readable_by_its_owner_only(tmp_path: Path) -> None:
    target = tmp_path / "export.json"
    target.write_bytes(b"old")
    write_atomically(target, b"new content")
    assert target.read_bytes() == b"new content"
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["export.json"]


def test_write_atomically_into_a_missing_folder_says_where(tmp_path: Path) -> None:
    target = tmp_path / "nowhere" / "export.json"
    with pytest.raises(InputError) as caught:
        write_atomically(target, b"x")
    assert caught.value.path == str(target)
    assert "cannot be written" in caught.value.message


def test_write_atomically_leaves_no_temporary_file_when_the_rename_fails(tmp_path: Path) -> None:
    target = tmp_path / "a-folder"
    target.mkdir()
    (target / "inside").write_text("keeps it from being replaced")
    with pytest.raises(InputError):
        write_atomically(target, b"x")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-folder"]


def test_stars_are_written_without_trailing_zeros_and_never_rounded() -> None:
    log = parse_repute_json(encode(EXAMPLE), Log()).as_log()
    precise = Decimal("4.0000000000000000000000000001")
    feedback = replace(log.feedback[0], stars=Decimal("4.80"))
    assert b'"stars": 4.8,' in export_json(replace(log, feedback=(feedback,)))
    feedback = replace(log.feedback[0], stars=precise)
    data = export_json(replace(log, feedback=(feedback,)))
    assert parse_repute_json(data, Log()).feedback[0].stars == precise
