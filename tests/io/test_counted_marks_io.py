"""Counted marks in files: the `counted_marks` list of repute/1 read and written, checked like the
other records, and its CSV table."""

from __future__ import annotations

import pytest
from io_samples import EXAMPLE, d, encode, example

from tracker.io.csv_tables import export_table_csv
from tracker.io.json_format import export_json, parse_repute_json
from tracker.io.problems import InputError
from tracker.records.model import CountedMark, Log
from tracker.records.validation import record_problems


def read(document: object) -> Log:
    return parse_repute_json(encode(document), Log()).as_log()


def refusal(document: object) -> str:
    with pytest.raises(InputError) as caught:
        read(document)
    return str(caught.value)


def test_the_example_s_mark_is_read_and_written_back_the_same() -> None:
    log = read(EXAMPLE)
    assert log.counted_marks == (CountedMark("k-1", d("2025-03-09"), True),)
    assert read_bytes(export_json(log)) == log
    assert (
        b'"counted_marks": [\n    {"contract": "k-1", "date": "2025-03-09", "counted": true}'
        in (export_json(log))
    )


def read_bytes(data: bytes) -> Log:
    return parse_repute_json(data, Log()).as_log()


def test_a_missing_counted_means_not_counting() -> None:
    document = example()
    document["counted_marks"] = [{"contract": "k-1", "date": "2025-03-02"}]
    assert read(document).counted_marks == (CountedMark("k-1", d("2025-03-02"), False),)


@pytest.mark.parametrize(
    ("mark", "message"),
    [
        (
            {"contract": "k-9", "date": "2025-03-09", "counted": True},
            "counted_marks[1].contract: no contract has the id 'k-9'",
        ),
        (
            {"contract": "k-1", "date": "2024-12-31", "counted": True},
            "counted_marks[1].date: 2024-12-31 is before the contract's start (2025-01-03)",
        ),
        (
            {"contract": "k-1", "date": "2025-03-09", "counted": False},
            "counted_marks[1]: a second mark for contract 'k-1' on 2025-03-09"
            " (see counted_marks[0])",
        ),
        ({"contract": "k-1", "counted": True}, "counted_marks[1].date: is missing, and it is"),
    ],
)
def test_a_bad_mark_refuses_the_file_with_its_path(mark: dict[str, object], message: str) -> None:
    document = example()
    document["counted_marks"].append(mark)
    assert refusal(document).startswith(message)


def test_the_csv_table_of_marks() -> None:
    assert export_table_csv(read(EXAMPLE), "counted_marks") == (
        b"contract,date,counted\r\nk-1,2025-03-09,true\r\n"
    )


def test_a_form_s_second_mark_on_the_same_day_is_refused_beside_the_date() -> None:
    log = read(EXAMPLE)
    twin = CountedMark("k-1", d("2025-03-09"), False)
    problems = record_problems(twin, log)
    assert [(p.field, p.message) for p in problems] == [
        ("date", "contract 'k-1' already has a mark on 2025-03-09")
    ]
    assert record_problems(twin, log, replacing=log.counted_marks[0]) == []
