"""What a row of the transaction history is: earnings, a refund, or one of the kinds not counted.

The marketplace has renamed its transaction types over the years (`Fixed Price`, `Fixed-price`,
`Fixed-price milestone`, `Service Fee`, `Membership Fee`...), so a type is matched by the words it
contains, most specific first: a "Membership Fee" is membership, a "Service Fee Refund" is a fee.
"""

from __future__ import annotations

import re
from functools import lru_cache

HOURLY = "hourly"
FIXED = "fixed"
BONUS = "bonus"
REFUND = "refund"
EARNINGS = (HOURLY, FIXED, BONUS)

FEE = "fee"
VAT = "vat"
WITHDRAWAL = "withdrawal"
MEMBERSHIP = "membership"
CONNECTS = "connects"
CARD_PAYMENT = "card_payment"
OTHER = "other"
# Rows ignored for what they are in the file rather than for their type.
DUPLICATE = "duplicate"
ZERO_AMOUNT = "zero_amount"
UNMATCHED_REFUND = "unmatched_refund"

# Checked in this order; the first pattern found in the type names the kind.
_BY_TYPE: tuple[tuple[str, re.Pattern[str]], ...] = (
    (MEMBERSHIP, re.compile(r"membership|freelancer plus|subscription")),
    (CONNECTS, re.compile(r"connects?\b")),
    (VAT, re.compile(r"\b(?:vat|tax|taxes|gst|wht|withholding)\b")),
    (FEE, re.compile(r"\bfees?\b")),
    (WITHDRAWAL, re.compile(r"withdraw")),
    (REFUND, re.compile(r"refund")),
    (BONUS, re.compile(r"bonus")),
    (HOURLY, re.compile(r"hourly")),
    (FIXED, re.compile(r"fixed|milestone")),
    (CARD_PAYMENT, re.compile(r"\b(?:card|payment|charge)\b")),
)
_VAT_IN_TEXT = re.compile(r"\b(?:vat|tax|gst)\b")
# A generic payment whose description says what it bought.
_PURCHASE_IN_TEXT: tuple[tuple[str, re.Pattern[str]], ...] = (
    (MEMBERSHIP, re.compile(r"membership|freelancer plus")),
    (CONNECTS, re.compile(r"connects?\b")),
)


def _words(text: str) -> str:
    return " ".join(text.replace("-", " ").replace("_", " ").casefold().split())


@lru_cache(maxsize=256)
def _kind_of_type(type_text: str) -> str:
    words = _words(type_text)
    return next((k for k, pattern in _BY_TYPE if pattern.search(words)), OTHER)


def classify_row(type_text: str, descriptions: tuple[str, ...]) -> str:
    """The kind of one row from its type, with the descriptions breaking ties a type leaves open."""
    kind = _kind_of_type(type_text)
    if kind in (CARD_PAYMENT, OTHER):
        said = _words(" ".join(descriptions))
        return next((k for k, pattern in _PURCHASE_IN_TEXT if pattern.search(said)), kind)
    return kind


def classify_deduction(descriptions: tuple[str, ...]) -> str:
    """FEE or VAT for a negative row typed as earnings beside the gross it is taken from."""
    return VAT if _VAT_IN_TEXT.search(_words(" ".join(descriptions))) else FEE
