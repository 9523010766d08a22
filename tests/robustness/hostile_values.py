"""Hypothesis strategies for files written by someone who means harm, or by a broken program.

Numbers are carried as raw JSON text (`RawNumber`) so a file can hold what Python would never write:
`1e999999`, a 5,000-digit integer, `-0`, `NaN`. Text reaches every Unicode plane, lone surrogates
and NUL included.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass

from hypothesis import strategies as st

from tracker.records.kinds import PROFILE, TABLE_NAMES, kind_named


@dataclass(frozen=True)
class RawNumber:
    """A JSON number written exactly as `text`."""

    text: str


def to_json_text(value: object) -> str:
    """JSON text for `value`, with RawNumber written as is (json.dumps cannot do that)."""
    if isinstance(value, RawNumber):
        return value.text
    if isinstance(value, dict):
        return "{" + ",".join(f"{json.dumps(k)}:{to_json_text(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ",".join(to_json_text(item) for item in value) + "]"
    return json.dumps(value)


def any_plane_character() -> st.SearchStrategy[str]:
    """A code point from any of the 17 planes, surrogates included."""
    return (
        st.integers(0, 16)
        .flatmap(lambda plane: st.integers(plane * 0x10000, plane * 0x10000 + 0xFFFF))
        .map(chr)
    )


hostile_text = st.one_of(
    st.text(st.characters(codec=None, categories=None, exclude_categories=()), max_size=30),
    st.text(any_plane_character(), max_size=12),
    st.sampled_from(
        [
            "",
            "\x00",
            "a\x00b",
            "=cmd|' /C calc'!A0",
            "\ud800",
            "\udfff",
            "\U0010ffff",
            "\u202e",
            "x" * 70_000,
            "\r\n",
            "'; DROP TABLE contracts; --",
        ]
    ),
)

raw_numbers = st.sampled_from(
    [
        "1e999999",
        "-1e999999",
        "1e-999999",
        "9" * 5000,
        "-" + "9" * 300,
        "-0",
        "0.000000001",
        "NaN",
        "Infinity",
        "-Infinity",
        "1E+400",
        "123456789012345678901234567890.12",
        "-0.01",
        "0.005",
        "1e2",
        "100.00",
        "4.999999999999999999",
    ]
).map(RawNumber)

numbers = st.one_of(
    st.integers(-(10**40), 10**40),
    st.floats(allow_nan=False, allow_infinity=False),
    raw_numbers,
)

scalars = st.one_of(st.none(), st.booleans(), numbers, hostile_text)
hostile_values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(hostile_text, inner, max_size=3)
    ),
    max_leaves=8,
)

DATE_KEYS = {"date", "started", "ended", "joined", "last_paid", "responded", "until"}
ID_KEYS = {"id", "client", "contract"}
WORDS = [
    "fixed",
    "hourly",
    "final",
    "interim",
    "client",
    "freelancer",
    "marketplace",
    "completed",
    "quality",
    "pending",
    "accepted",
    "hired",
    "sent",
    "viewed",
    "account_hold",
    "note",
    "badge",
]


def plausible(key: str) -> st.SearchStrategy[object]:
    """A value that could pass for the key's own, so the checks deeper in are reached too."""
    if key in DATE_KEYS:
        return st.dates().map(lambda day: day.isoformat()) | st.sampled_from(
            ["2025-02-30", "2025-1-1", "99999-01-01", "0000-01-01", "2025-01-01T00:00"]
        )
    if key in ID_KEYS:
        return st.sampled_from(["a", "b", "c", "k-1", ""])
    if key in ("kind", "status", "closed_by", "end_reason"):
        return st.sampled_from(WORDS)
    if key == "scores":
        return st.dictionaries(st.sampled_from(["skills", "quality", "x"]), numbers, max_size=3)
    return numbers | st.booleans() | hostile_text


def field_value(key: str) -> st.SearchStrategy[object]:
    return st.one_of(plausible(key), hostile_values)


def record(table: str) -> st.SearchStrategy[dict[str, object]]:
    keys = list(kind_named(table).fields)
    known = st.fixed_dictionaries({}, optional={key: field_value(key) for key in keys})
    extra = st.dictionaries(hostile_text, hostile_values, max_size=2)
    return st.builds(lambda a, b: {**b, **a}, known, extra)


def repute_document() -> st.SearchStrategy[dict[str, object]]:
    """A `repute/1`-shaped document whose every value may be hostile."""
    tables = {name: st.lists(record(name), max_size=3) | hostile_values for name in TABLE_NAMES}
    return st.fixed_dictionaries(
        {"format": st.sampled_from(["repute/1", "repute/1", "repute/2", ""]) | hostile_values},
        optional={
            **tables,
            "profile": st.fixed_dictionaries(
                {}, optional={key: field_value(key) for key in PROFILE.fields}
            )
            | hostile_values,
            "settings": st.dictionaries(hostile_text, hostile_values, max_size=3) | hostile_values,
        },
    )


OLDER_HEADER = [
    "Date",
    "Ref ID",
    "Type",
    "Description",
    "Agency",
    "Freelancer",
    "Team",
    "Account Name",
    "PO",
    "Amount",
    "Amount in local currency",
    "Currency",
    "Balance",
]
NEWER_HEADER = [
    "Date",
    "Transaction ID",
    "Transaction type",
    "Transaction summary",
    "Description",
    "Ref ID",
    "Agency",
    "Team",
    "Account Name",
    "Freelancer",
    "Amount $",
    "Currency",
]
NINETEEN_HEADER = [
    "Date",
    "Transaction ID",
    "Transaction type",
    "Transaction summary",
    "Transaction summary details",
    "Description 1",
    "Description 2",
    "Description 3",
    "Agency team",
    "Freelancer",
    "Client team",
    "Account name",
    "PO",
    "Ref ID",
    "Amount $",
    "Amount in local currency",
    "Currency",
    "Current balance $",
    "Payment method",
]

csv_dates = st.one_of(
    st.dates().map(lambda day: day.strftime("%b %-d, %Y")),
    st.dates().map(lambda day: day.strftime("%m/%d/%Y")),
    st.dates().map(lambda day: day.isoformat()),
    st.sampled_from(["Feb 30, 2025", "13/40/2025", "Sep 8, 99999", "", "yesterday"]),
)
csv_amounts = st.one_of(
    st.decimals(allow_nan=False, allow_infinity=False, places=2).map(str),
    st.sampled_from(
        [
            "1e999999",
            "-5",
            "$1,234.56",
            "($12.00)",
            "NaN",
            "Infinity",
            "9" * 60,
            "0.001",
            "1,2,3",
            "",
            "-0",
            "--5",
            "1e5",
            "\u0661\u0662",
        ]
    ),
)
csv_types = st.sampled_from(
    [
        "Hourly",
        "Fixed Price",
        "Fixed-price",
        "Bonus",
        "Refund",
        "Service Fee",
        "VAT",
        "Withdrawal",
        "Membership Fee",
        "Payment",
        "",
    ]
)
csv_descriptions = st.one_of(
    st.builds(lambda text, number: f"{text} ({number})", hostile_text, st.integers(0, 10**30)),
    hostile_text,
)


def upwork_csv() -> st.SearchStrategy[bytes]:
    """A transaction history in one of the three layouts, with hostile cells."""

    def rows_for(header: list[str]) -> st.SearchStrategy[list[list[str]]]:
        def cell(column: str) -> st.SearchStrategy[str]:
            name = column.lower()
            if name == "date":
                return csv_dates
            if name.startswith("amount"):
                return csv_amounts
            if name in ("type", "transaction type"):
                return csv_types
            if "description" in name or "summary" in name:
                return csv_descriptions
            if "id" in name:
                return st.sampled_from(["1", "2", "T-1", ""]) | hostile_text
            return hostile_text

        row = st.tuples(*(cell(column) for column in header)).map(list)
        ragged = st.lists(hostile_text, max_size=len(header) + 3)
        return st.lists(row | ragged, max_size=6)

    def written(header: list[str], rows: list[list[str]], encoding: str, ending: str) -> bytes:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator=ending)
        writer.writerow(header)
        writer.writerows(rows)
        return out.getvalue().encode(encoding, errors="surrogatepass")

    header = st.sampled_from([OLDER_HEADER, NEWER_HEADER, NINETEEN_HEADER])
    return header.flatmap(
        lambda chosen: st.builds(
            written,
            st.just(chosen),
            rows_for(chosen),
            st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]),
            st.sampled_from(["\n", "\r\n", "\r"]),
        )
    )
