"""Reading repute/1 files: every rule of interface.md as a small case with its exact message."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from io_samples import EXAMPLE, d, encode, example

from tracker.io.json_format import parse_repute_json
from tracker.io.problems import InputError
from tracker.records.model import (
    Client,
    Contract,
    Event,
    Feedback,
    Invite,
    Log,
    Payment,
    Profile,
    Proposal,
    Snapshot,
)


def error_of(data: bytes, existing: Log | None = None) -> str:
    with pytest.raises(InputError) as caught:
        parse_repute_json(data, existing or Log())
    return str(caught.value)


def changed(path: str, value: Any) -> bytes:
    """The example with one value set; path like 'contracts.0.started'."""
    document = example()
    *parents, last = path.split(".")
    target: Any = document
    for part in parents:
        target = target[int(part)] if isinstance(target, list) else target[part]
    if isinstance(target, list):
        target[int(last)] = value
    else:
        target[last] = value
    return encode(document)


def test_the_example_of_interface_md_reads_into_its_records() -> None:
    fragment = parse_repute_json(encode(EXAMPLE), Log())
    assert fragment.profile == Profile("upwork", "Jane Doe", "USD", d("2014-11-05"))
    assert fragment.settings == {"rules": "auto"}
    assert fragment.clients == (Client("acme", "Acme Ltd", "US", False),)
    assert fragment.contracts == (
        Contract(
            "k-1",
            "acme",
            "fixed",
            d("2025-01-03"),
            title="Logo redesign",
            ended=d("2025-03-01"),
            closed_by="client",
            end_reason="completed",
            category="Design & Creative",
        ),
    )
    assert fragment.payments == (Payment("k-1", d("2025-02-28"), Decimal("450.00"), "TX-88123"),)
    [feedback] = fragment.feedback
    assert (feedback.stars, feedback.private, feedback.private_is_guess) == (
        Decimal("4.8"),
        9,
        True,
    )
    assert feedback.score("availability") == Decimal("4.5")
    assert feedback.score("skills") == 5
    assert fragment.invites == (
        Invite(
            "i-1",
            d("2025-02-01"),
            "Brand refresh",
            None,
            Decimal("40"),
            "accepted",
            d("2025-02-01"),
        ),
    )
    assert fragment.proposals == (Proposal("p-1", d("2025-02-03"), "Landing page", 6, "viewed"),)
    assert fragment.snapshots == (Snapshot(d("2025-03-09"), 94, "as shown on the stats page"),)
    assert fragment.events == (Event(d("2025-04-01"), "account_hold", d("2025-04-15"), ""),)
    assert fragment.unknown_keys == 0


def test_missing_and_null_optional_keys_take_their_defaults() -> None:
    document = {
        "format": "repute/1",
        "clients": [{"id": "acme", "name": None}],
        "contracts": [
            {
                "id": "k-1",
                "client": "acme",
                "kind": "hourly",
                "started": "2025-01-03",
                "refunded": None,
                "disputed": None,
            }
        ],
        "feedback": [{"contract": "k-1", "date": "2025-02-01", "kind": None}],
        "payments": [{"contract": "k-1", "date": "2025-02-01", "amount": 10, "ref": ""}],
    }
    fragment = parse_repute_json(encode(document), Log())
    assert fragment.profile is None and fragment.settings is None
    assert fragment.clients == (Client("acme"),)
    assert fragment.contracts == (Contract("k-1", "acme", "hourly", d("2025-01-03")),)
    assert fragment.feedback == (Feedback("k-1", d("2025-02-01"), "final"),)
    assert fragment.payments == (Payment("k-1", d("2025-02-01"), Decimal("10.00"), None),)


def test_unknown_keys_are_ignored_and_counted_everywhere() -> None:
    document = example()
    document["comment"] = "top level"
    document["profile"]["photo"] = "me.png"
    document["contracts"][0]["color"] = "red"
    document["clients"][0]["tags"] = None
    document["feedback"][0]["scores"]["humour"] = 5
    fragment = parse_repute_json(encode(document), Log())
    assert fragment.unknown_keys == 5
    assert fragment.contracts == parse_repute_json(encode(EXAMPLE), Log()).contracts


def test_money_is_read_from_its_written_text() -> None:
    text = encode(EXAMPLE).replace(b'"amount": 450.0', b'"amount": 0.10000000000000000001e1')
    assert error_of(text) == "payments[0].amount: 1.0000000000000000001 has more than 2 decimals"
    text = encode(EXAMPLE).replace(b'"amount": 450.0', b'"amount": 1e2')
    assert parse_repute_json(text, Log()).payments[0].amount == Decimal("100.00")
    text = encode(EXAMPLE).replace(b'"amount": 450.0', b'"amount": 0.1')
    assert str(parse_repute_json(text, Log()).payments[0].amount) == "0.10"


BAD_VALUES = [
    ("contracts.0.started", "2025-13-01", "contracts[0].started: '2025-13-01' is not a date"),
    ("contracts.0.started", "2025-1-03", "contracts[0].started: '2025-1-03' is not a date"),
    ("contracts.0.started", "20250103", "contracts[0].started: '20250103' is not a date"),
    ("contracts.0.started", "2025-02-29", "contracts[0].started: '2025-02-29' is not a date"),
    ("contracts.0.started", 20250103, "contracts[0].started: 20250103 is not a date"),
    (
        "contracts.0.ended",
        "2025-01-02",
        "contracts[0].ended: 2025-01-02 is before the start (2025-01-03)",
    ),
    ("contracts.0.client", "nobody", "contracts[0].client: no client has the id 'nobody'"),
    ("contracts.0.kind", "big", "contracts[0].kind: 'big' is not a contract kind (hourly, fixed)"),
    (
        "contracts.0.closed_by",
        "me",
        "contracts[0].closed_by: 'me' is not who can close a contract "
        "(client, freelancer, marketplace)",
    ),
    (
        "contracts.0.end_reason",
        "bored",
        "contracts[0].end_reason: 'bored' is not an end reason (completed, no_longer_needed, "
        "client_unresponsive, freelancer_unresponsive, quality, deadline, scope, other)",
    ),
    ("contracts.0.disputed", "no", "contracts[0].disputed: 'no' is not true or false"),
    ("contracts.0.refunded", -5, "contracts[0].refunded: -5 is negative"),
    ("contracts.0.title", 12, "contracts[0].title: 12 is not text"),
    ("contracts.0.id", "", "contracts[0].id: '' is empty; an id is non-empty text"),
    ("contracts.0.id", 7, "contracts[0].id: 7 is not an id (non-empty text)"),
    ("contracts.0", "k-1", "contracts[0]: 'k-1' is not a record (an object)"),
    ("contracts", {"id": "k-1"}, "contracts: an object is not a list of contracts"),
    ("payments.0.amount", "abc", "payments[0].amount: 'abc' is not a number"),
    ("payments.0.amount", True, "payments[0].amount: true is not a number"),
    (
        "payments.0.amount",
        0,
        "payments[0].amount: 0 is not more than 0 (a refund goes in the contract's refunded)",
    ),
    ("payments.0.amount", 1e300, "payments[0].amount: 1E+300 is too large for an amount of money"),
    ("payments.0.contract", "k-9", "payments[0].contract: no contract has the id 'k-9'"),
    (
        "payments.0.date",
        "2025-01-02",
        "payments[0].date: 2025-01-02 is before the contract's start (2025-01-03)",
    ),
    ("feedback.0.stars", 7.5, "feedback[0].stars: 7.5 is not between 1 and 5"),
    ("feedback.0.stars", 0.5, "feedback[0].stars: 0.5 is not between 1 and 5"),
    ("feedback.0.private", 11, "feedback[0].private: 11 is not a whole number between 0 and 10"),
    ("feedback.0.private", 8.5, "feedback[0].private: 8.5 is not a whole number between 0 and 10"),
    (
        "feedback.0.kind",
        "midway",
        "feedback[0].kind: 'midway' is not a feedback kind (final, interim)",
    ),
    ("feedback.0.scores.quality", 6, "feedback[0].scores.quality: 6 is not between 1 and 5"),
    ("feedback.0.scores", [5, 5], "feedback[0].scores: a list is not an object of sub-scores"),
    (
        "feedback.0.date",
        "2025-01-01",
        "feedback[0].date: 2025-01-01 is before the contract's start (2025-01-03)",
    ),
    (
        "invites.0.status",
        "maybe",
        "invites[0].status: 'maybe' is not an invite status (pending, accepted, declined, ignored, "
        "hired)",
    ),
    ("invites.0.client", "nobody", "invites[0].client: no client has the id 'nobody'"),
    (
        "invites.0.responded",
        "2025-01-31",
        "invites[0].responded: 2025-01-31 is before the invite's date (2025-02-01)",
    ),
    ("invites.0.rate", 40.123, "invites[0].rate: 40.123 has more than 2 decimals"),
    (
        "proposals.0.status",
        "lost",
        "proposals[0].status: 'lost' is not a proposal status (sent, viewed, interviewed, hired, "
        "declined, withdrawn)",
    ),
    (
        "proposals.0.connects",
        -1,
        "proposals[0].connects: -1 is not a whole number between 0 and 10000",
    ),
    ("snapshots.0.jss", 101, "snapshots[0].jss: 101 is not a whole number between 0 and 100"),
    ("snapshots.0.jss", None, "snapshots[0].jss: is missing, and it is required"),
    (
        "events.0.kind",
        "party",
        "events[0].kind: 'party' is not an event kind (account_hold, profile_change, badge, note)",
    ),
    (
        "events.0.until",
        "2025-03-01",
        "events[0].until: 2025-03-01 is before the event's date (2025-04-01)",
    ),
    ("profile.joined", "yesterday", "profile.joined: 'yesterday' is not a date"),
    ("profile", [], "profile: a list is not an object"),
    ("settings", "dark", "settings: 'dark' is not an object"),
]


@pytest.mark.parametrize(("path", "value", "message"), BAD_VALUES)
def test_a_bad_value_is_refused_with_its_path_and_what_is_wrong(
    path: str, value: Any, message: str
) -> None:
    assert error_of(changed(path, value)) == message


def test_nan_and_infinity_are_not_numbers() -> None:
    text = encode(EXAMPLE).replace(b'"amount": 450.0', b'"amount": NaN')
    assert error_of(text) == "payments[0].amount: NaN is not a finite number"
    text = encode(EXAMPLE).replace(b'"stars": 4.8', b'"stars": -Infinity')
    assert error_of(text) == "feedback[0].stars: -Infinity is not a finite number"


def test_three_decimals_are_refused_but_trailing_zeros_are_not() -> None:
    assert error_of(changed("payments.0.amount", 450.125)) == (
        "payments[0].amount: 450.125 has more than 2 decimals"
    )
    text = encode(EXAMPLE).replace(b'"amount": 450.0', b'"amount": 450.100')
    assert parse_repute_json(text, Log()).payments[0].amount == Decimal("450.10")


@pytest.mark.parametrize(
    ("table", "key"),
    [
        ("contracts", "id"),
        ("contracts", "client"),
        ("contracts", "kind"),
        ("contracts", "started"),
        ("clients", "id"),
        ("payments", "contract"),
        ("payments", "date"),
        ("payments", "amount"),
        ("feedback", "contract"),
        ("feedback", "date"),
        ("invites", "id"),
        ("invites", "date"),
        ("proposals", "id"),
        ("proposals", "date"),
        ("snapshots", "date"),
        ("snapshots", "jss"),
        ("events", "date"),
        ("events", "kind"),
    ],
)
def test_a_required_key_that_is_missing_is_named(table: str, key: str) -> None:
    document = example()
    del document[table][0][key]
    assert error_of(encode(document)) == f"{table}[0].{key}: is missing, and it is required"


def test_a_missing_required_key_names_its_path() -> None:
    document = example()
    del document["contracts"][0]["kind"]
    assert error_of(encode(document)) == "contracts[0].kind: is missing, and it is required"


def test_ids_are_unique_in_their_list() -> None:
    document = example()
    document["invites"].append(dict(document["invites"][0]))
    assert error_of(encode(document)) == "invites[1].id: 'i-1' is used twice (see invites[0])"


def test_two_payments_with_one_ref_are_refused() -> None:
    document = example()
    document["payments"].append(dict(document["payments"][0], amount=5))
    assert (
        error_of(encode(document)) == "payments[1].ref: 'TX-88123' is used twice (see payments[0])"
    )


def test_feedback_snapshots_and_events_are_unique_by_what_identifies_them() -> None:
    document = example()
    document["feedback"].append({"contract": "k-1", "date": "2025-03-02", "stars": 3})
    document["snapshots"].append({"date": "2025-03-09", "jss": 90})
    assert error_of(encode(document)) == (
        "feedback[1]: a second final feedback for contract 'k-1' on 2025-03-02 (see feedback[0])"
    )
    document["feedback"][1]["kind"] = "interim"
    assert error_of(encode(document)) == (
        "snapshots[1].date: '2025-03-09' is used twice (see snapshots[0])"
    )


def test_earned_and_last_paid_are_only_for_a_contract_without_listed_payments() -> None:
    message = error_of(changed("contracts.0.earned", 450))
    assert message.startswith("contracts[0].earned: is only for a contract whose payments are not")
    document = example()
    document["contracts"][0]["earned"] = 450
    document["contracts"][0]["last_paid"] = "2025-02-28"
    del document["payments"]
    assert parse_repute_json(encode(document), Log()).contracts[0].earned == Decimal("450.00")


def test_last_paid_lies_between_start_and_end() -> None:
    document = example()
    del document["payments"]
    document["contracts"][0]["last_paid"] = "2025-03-02"
    assert error_of(encode(document)) == (
        "contracts[0].last_paid: 2025-03-02 is after the end (2025-03-01)"
    )
    document["contracts"][0]["last_paid"] = "2025-01-02"
    assert error_of(encode(document)) == (
        "contracts[0].last_paid: 2025-01-02 is before the start (2025-01-03)"
    )


def test_payments_listed_before_a_contract_with_earned_are_reported_where_they_stand() -> None:
    document = {
        "format": "repute/1",
        "payments": [{"contract": "k-1", "date": "2025-02-28", "amount": 5}],
        "clients": [{"id": "acme"}],
        "contracts": [
            {"id": "k-1", "client": "acme", "kind": "fixed", "started": "2025-01-03", "earned": 100}
        ],
    }
    assert error_of(encode(document)).startswith(
        "payments[0].contract: contract 'k-1' has a typed earned or last_paid"
    )


def test_references_may_point_into_the_database() -> None:
    existing = Log(
        clients=(Client("acme"),),
        contracts=(Contract("k-7", "acme", "fixed", d("2024-05-01")),),
    )
    document = {
        "format": "repute/1",
        "contracts": [{"id": "k-8", "client": "acme", "kind": "fixed", "started": "2025-01-03"}],
        "payments": [{"contract": "k-7", "date": "2024-06-01", "amount": 10}],
        "feedback": [{"contract": "k-7", "date": "2024-04-30"}],
    }
    assert error_of(encode(document), existing) == (
        "feedback[0].date: 2024-04-30 is before the contract's start (2024-05-01)"
    )
    document["feedback"][0]["date"] = "2024-05-01"
    fragment = parse_repute_json(encode(document), existing)
    assert [p.contract for p in fragment.payments] == ["k-7"]


def test_references_may_point_forward_in_the_file() -> None:
    document = {
        "format": "repute/1",
        "payments": [{"contract": "k-1", "date": "2025-02-28", "amount": 5}],
        "contracts": [{"id": "k-1", "client": "acme", "kind": "fixed", "started": "2025-01-03"}],
        "clients": [{"id": "acme"}],
    }
    assert len(parse_repute_json(encode(document), Log()).payments) == 1


class TestFirstBadValueInFileOrder:
    def test_an_earlier_record_wins_over_a_later_one(self) -> None:
        document = example()
        document["contracts"].append(dict(document["contracts"][0], id="k-2", started="2025-13-01"))
        document["contracts"][0]["kind"] = "big"
        assert error_of(encode(document)).startswith("contracts[0].kind:")

    def test_a_table_earlier_in_the_file_wins_whatever_its_name(self) -> None:
        document = {"format": "repute/1", "invites": [{"id": "i-1", "date": "bad"}]}
        document.update({key: value for key, value in example().items() if key != "invites"})
        document["clients"][0]["flagged"] = "yes"
        assert error_of(encode(document)) == "invites[0].date: 'bad' is not a date"

    def test_within_a_record_the_earlier_key_wins(self) -> None:
        document = example()
        contract = document["contracts"][0]
        contract["notes"] = 5
        contract["kind"] = "big"
        assert error_of(encode(document)).startswith("contracts[0].kind:")
        reordered = {"notes": 5, **{k: v for k, v in contract.items() if k != "notes"}}
        document["contracts"][0] = reordered
        assert error_of(encode(document)) == "contracts[0].notes: 5 is not text"

    def test_a_rule_between_fields_is_placed_at_the_later_field(self) -> None:
        document = example()
        document["contracts"][0]["ended"] = "2024-01-01"
        document["contracts"][0]["client"] = "nobody"
        assert error_of(encode(document)) == "contracts[0].client: no client has the id 'nobody'"


WHOLE_FILE = [
    (b"", "the file is empty"),
    (b"  \n\t ", "the file is empty"),
    (
        b'{"format": "repute/1", "contracts": [{"id": "k-1"',
        "the file ends too early (line 1, column 50); it looks cut short",
    ),
    (
        b'{"format": "repute/1", "clients": [{"id": "ac',
        "the file ends too early (line 1, column 43); it looks cut short",
    ),
    (
        b"id,date\nk-1,2025-01-01\n",
        "the file is not valid JSON (line 1, column 1: Expecting value)",
    ),
    (
        b'{"format": "repute/1",}',
        "the file is not valid JSON (line 1, column 23: Expecting property name enclosed in double "
        "quotes)",
    ),
    (b"[1, 2]", 'the file holds a list, not a Repute file (an object with "format": "repute/1")'),
    (
        b'"repute/1"',
        'the file holds \'repute/1\', not a Repute file (an object with "format": "repute/1")',
    ),
    (b'{"clients": []}', 'format: is missing; a Repute file has "format": "repute/1"'),
    (
        b'{"format": "repute/2"}',
        "format: 'repute/2' is not a format Repute reads (it reads 'repute/1')",
    ),
    (
        b'{"format": "beancount"}',
        "format: 'beancount' is not a format Repute reads (it reads 'repute/1')",
    ),
    (b'{"format": "repute/1", "clients": [{"id": "\xff"}]}', "the file is not UTF-8 text (line 1)"),
    (b"[" * 100_000 + b"]" * 100_000, "the file is nested too deeply to be a Repute file"),
]


@pytest.mark.parametrize(("data", "message"), WHOLE_FILE)
def test_a_file_that_is_not_a_repute_file_says_so(data: bytes, message: str) -> None:
    assert error_of(data) == message


def test_a_byte_order_mark_is_accepted() -> None:
    assert parse_repute_json(b"\xef\xbb\xbf" + encode(EXAMPLE), Log()).clients


def test_the_path_prefix_goes_before_every_path() -> None:
    with pytest.raises(InputError) as caught:
        parse_repute_json(changed("contracts.0.kind", "big"), Log(), path_prefix="file.")
    assert caught.value.path == "file.contracts[0].kind"


def test_settings_keep_any_json_with_plain_numbers() -> None:
    document = example()
    document["settings"] = {"rules": "custom", "saved": {"mine": {"weight": 1.5, "months": 6}}}
    fragment = parse_repute_json(encode(document), Log())
    assert fragment.settings == {"rules": "custom", "saved": {"mine": {"weight": 1.5, "months": 6}}}
    assert type(fragment.settings["saved"]["mine"]["weight"]) is float  # type: ignore[index]


def test_a_record_reads_the_same_whatever_the_key_order() -> None:
    document = example()
    document["contracts"][0] = dict(reversed(list(document["contracts"][0].items())))
    assert parse_repute_json(encode(document), Log()) == parse_repute_json(encode(EXAMPLE), Log())


def test_a_big_file_reads_whole() -> None:
    """10,000 contracts, 20,000 payments, 100,000 invites. How fast is bench/run.py's business
    (its "import agency.json" row): a bound in seconds here failed on a busy machine."""
    start = date(2014, 1, 1).toordinal()
    days = [date.fromordinal(start + n % 4000).isoformat() for n in range(100_000)]
    document = {
        "format": "repute/1",
        "clients": [{"id": f"c-{n}", "name": f"Client {n}"} for n in range(1000)],
        "contracts": [
            {
                "id": f"k-{n}",
                "client": f"c-{n % 1000}",
                "title": "Job",
                "kind": "fixed",
                "started": days[n % 100],
                "ended": days[n % 100 + 200],
                "refunded": 0,
            }
            for n in range(10_000)
        ],
        "payments": [
            {
                "contract": f"k-{n % 10_000}",
                "date": days[300 + n % 50],
                "amount": 120.5,
                "ref": f"T-{n}",
            }
            for n in range(20_000)
        ],
        "invites": [
            {
                "id": f"i-{n}",
                "date": days[n],
                "job": "Job",
                "client": None,
                "rate": 40.0,
                "status": "declined",
                "responded": days[n],
            }
            for n in range(100_000)
        ],
    }
    fragment = parse_repute_json(json.dumps(document).encode(), Log())
    assert (len(fragment.contracts), len(fragment.payments), len(fragment.invites)) == (
        10_000,
        20_000,
        100_000,
    )
