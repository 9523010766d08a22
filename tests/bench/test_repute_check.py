"""The generators' own checker finds what it is there to find (else their tests prove nothing)."""

from __future__ import annotations

from datetime import date

from bench.repute_check import problems


def valid() -> dict[str, object]:
    return {
        "format": "repute/1",
        "clients": [{"id": "acme"}],
        "contracts": [
            {
                "id": "k-1",
                "client": "acme",
                "kind": "fixed",
                "started": "2025-01-03",
                "ended": "2025-03-01",
            }
        ],
        "payments": [{"contract": "k-1", "date": "2025-02-28", "amount": 450.0, "ref": "TX-1"}],
        "feedback": [
            {
                "contract": "k-1",
                "date": "2025-03-02",
                "stars": 4.8,
                "private": 9,
                "scores": {"skills": 5.0},
            }
        ],
        "invites": [
            {"id": "i-1", "date": "2025-02-01", "status": "accepted", "responded": "2025-02-01"}
        ],
        "proposals": [{"id": "p-1", "date": "2025-02-03", "status": "viewed"}],
        "snapshots": [{"date": "2025-03-09", "jss": 94}],
        "events": [{"date": "2025-04-01", "kind": "account_hold", "until": "2025-04-15"}],
    }


def broken(table: str, index: int, **values: object) -> dict[str, object]:
    document = valid()
    rows = document[table]
    assert isinstance(rows, list)
    rows[index] = {**rows[index], **values}
    return document


def test_a_valid_document_has_no_problem() -> None:
    assert problems(valid()) == []


def test_each_broken_rule_is_named_with_its_path() -> None:
    cases = [
        (
            broken("contracts", 0, started="2025-13-01"),
            "contracts[0].started: '2025-13-01' is not a date",
        ),
        (
            broken("contracts", 0, ended="2024-12-31"),
            "contracts[0].ended: the end is before the start",
        ),
        (broken("contracts", 0, client="nobody"), "contracts[0].client: 'nobody' is not a client"),
        (
            broken("contracts", 0, earned=100.0),
            "contracts[0].earned: a contract with listed payments cannot have a typed one",
        ),
        (
            broken("payments", 0, date="2025-01-02"),
            "payments[0].date: is before the contract's start",
        ),
        (broken("payments", 0, amount=1.005), "payments[0].amount: 1.005 has more than 2 decimals"),
        (broken("payments", 0, amount=0), "payments[0].amount: 0 is not above 0"),
        (broken("feedback", 0, stars=7.5), "feedback[0].stars: 7.5 is not between 1 and 5"),
        (
            broken("feedback", 0, private=11),
            "feedback[0].private: 11 is not a whole number from 0 to 10",
        ),
        (
            broken("invites", 0, responded="2025-01-31"),
            "invites[0].responded: is before the invitation",
        ),
        (
            broken("snapshots", 0, date="2024-03-09"),
            "snapshots[0].date: 2024-03-09 is not an update day",
        ),
        (
            broken("events", 0, kind="party"),
            "events[0].kind: 'party' is not one of "
            "['account_hold', 'badge', 'note', 'profile_change']",
        ),
    ]
    for document, expected in cases:
        assert problems(document) == [expected]


def test_ids_are_unique_and_nothing_is_after_the_last_day() -> None:
    document = valid()
    invites = document["invites"]
    assert isinstance(invites, list)
    invites.append({"id": "i-1", "date": "2025-02-02"})

    assert problems(document, last_day=date(2025, 3, 31)) == [
        "invites[1].id: 'i-1' is used twice",
        "events[0].date: 2025-04-01 is after 2025-03-31",
    ]
