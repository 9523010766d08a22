"""Contract and client identities from the free text of the transaction history.

The marketplace writes the contract id as a number in parentheses at the end of a description;
without one, the contract is known only by its title, so the title is cleaned of what changes from
row to row (an invoice's period, "Invoice for", a reference) to give one stable id per contract.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

_TRAILING_NUMBER = re.compile(r"\(\s*#?\s*(\d+)\s*\)\s*$")
_REFERENCE = re.compile(
    r"\(?\s*\bref(?:erence)?\.?\s*(?:id|no\.?|number)?\s*[:#]?\s*(\d+)\s*\)?", re.I
)
_MONTH = (
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june"
    r"|july|august|september|october|november|december)"
)
_DATE = (
    rf"(?:\d{{1,2}}/\d{{1,2}}/\d{{2,4}}|\d{{4}}-\d{{2}}-\d{{2}}"
    rf"|{_MONTH}\.?\s+\d{{1,2}}(?:,?\s*\d{{4}})?)"
)
_PERIOD = re.compile(
    rf"\(?\s*(?:from\s+|for\s+)?(?:the\s+)?(?:week\s+of\s+)?{_DATE}"
    rf"\s*(?:-|\u2013|\u2014|to|through|until)\s*{_DATE}\s*\)?",
    re.I,
)
_PREFIX = re.compile(
    r"^(?:(?:weekly\s+)?invoice|payment|milestone\s+payment|bonus\s+payment|bonus|refund|"
    r"fixed[\s-]*price|hourly)\s+(?:for|of)(?:\s+|$)",
    re.I,
)
_DASHES = "-\u2013\u2014"
_SEPARATOR = re.compile(rf"\s+[{_DASHES}|]\s+|\s*[{_DASHES}|]\s*$|^\s*[{_DASHES}|]\s*")
_NOISE_SEGMENTS = frozenset(
    {"", "hourly", "fixed price", "fixed-price", "fixed", "bonus", "refund", "invoice", "milestone",
     "hourly invoice", "weekly invoice", "payment"}
)  # fmt: skip
_EDGE_PUNCTUATION = f" {_DASHES}:;,|/"
# `Invoice for Instagram Reel: Milestone 2 - Second cut`: the contract is `Instagram Reel`.
_BARE_MILESTONE = re.compile(r"(?:payment\s+for\s+)?milestone\s*#?\d*", re.I)
_MILESTONE = re.compile(r"\s*:\s*milestone\s*#?\d*\b.*$", re.I | re.S)
# The older statement's hourly invoice: `Invoice for 02/10/2020-02/16/2020 - 10:00 hrs @
# $30.00/hr`, with ` (username)` on an agency's statement.
_HOURLY_INVOICE = re.compile(
    rf"^\s*invoice\s+for\s+{_DATE}\s*[{_DASHES}]\s*{_DATE}\s*[{_DASHES}]\s*"
    r"\d+(?:[:.]\d+)?\s*hrs?\s*@\s*\$?\s*(\d{1,3}(?:,\d{3})*(?:\.\d+)?|\d+(?:\.\d+)?)\s*/\s*hr\b"
    r"(?:\s*\(([^)]*)\))?\s*$",
    re.I,
)


def contract_number(text: str) -> str | None:
    """The contract id written as `(12345)` at the end of a description, if there is one."""
    match = _TRAILING_NUMBER.search(text)
    return match[1].lstrip("0") or "0" if match else None


def referenced_id(text: str) -> str | None:
    """The id in a `Ref ID 123` mention: how older refunds point at the payment they reverse."""
    match = _REFERENCE.search(text)
    return match[1] if match else None


@lru_cache(maxsize=4096)
def hourly_invoice_rate(text: str) -> str | None:
    """The hourly rate of an older statement's weekly invoice (`30.00`), or None for other text."""
    match = _HOURLY_INVOICE.match(text)
    if match is None:
        return None
    return f"{float(match[1].replace(',', '')):.2f}"


def clean_title(text: str) -> str:
    """The contract's title in a description, without its id, period, reference, "Invoice for"
    or milestone."""
    text = _TRAILING_NUMBER.sub("", text)
    text = _MILESTONE.sub("", text)
    text = _REFERENCE.sub(" ", text)
    text = _PERIOD.sub(" ", text)
    segments = []
    for segment in _SEPARATOR.split(text):
        segment = segment.strip(_EDGE_PUNCTUATION)
        while (shorter := _PREFIX.sub("", segment)) != segment:
            segment = shorter.strip(_EDGE_PUNCTUATION)
        if segment.casefold() not in _NOISE_SEGMENTS and not _BARE_MILESTONE.fullmatch(segment):
            segments.append(" ".join(segment.split()))
    return " - ".join(segments)


def name_key(text: str) -> str:
    """A name as compared: case and runs of spaces ignored."""
    return " ".join(text.casefold().split())


def short_hash(*parts: str) -> str:
    """Ten hex digits that stay the same for the same parts on every machine and every run."""
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:10]


def contract_id_for(number: str | None, client_name: str, title: str) -> str:
    """`upwork-<number>`, else `upwork-<hash of client and title>`."""
    if number is not None:
        return f"upwork-{number}"
    return f"upwork-{short_hash(name_key(client_name), name_key(title))}"


def client_slug(name: str) -> str:
    """A readable id from a client's name (`Acme Ltd` -> `acme-ltd`), stable across imports.

    Letters that have no ASCII form would be lost, so a name with any of them also gets a hash of
    the whole name; two different clients then never share an id.
    """
    decomposed = unicodedata.normalize("NFKD", name)
    ascii_text = decomposed.encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:48].strip("-")
    lost = any(ch.isalnum() and not ch.isascii() for ch in decomposed)
    if not slug:
        return f"client-{short_hash(name_key(name))}"
    return f"{slug}-{short_hash(name_key(name))[:6]}" if lost else slug
