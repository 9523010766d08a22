"""Money as the marketplace writes it: `$1,250.00`, `-$30.00`, `($30.00)`, `1250 USD`.

Read straight from the text into a `Decimal`, never through a float, so cents stay exact.
"""

from __future__ import annotations

import re
from decimal import Decimal

CENT = Decimal("0.01")
_MAX_WHOLE_DIGITS = 15

_AMOUNT = re.compile(
    r"""
    (?P<lead>[-+])?\s*
    (?:[A-Za-z]{2,3}\s*)?[$€£¥]?\s*
    (?P<inner>[-+])?\s*
    (?P<number>\d{1,3}(?:,\d{3})+(?:\.\d*)?|\d+(?:\.\d*)?|\.\d+)
    \s*(?:[A-Za-z]{3})?\s*
    (?P<trail>-)?
    """,
    re.VERBOSE,
)


class AmountError(ValueError):
    """A number that is not money: more than two decimals, or absurdly large."""


def parse_upwork_amount(text: str) -> Decimal | None:
    """The amount `text` names, negative for `-` or parentheses; None when it is not a number.

    Raises:
        AmountError: when the number has non-zero digits beyond the cents.
    """
    text = text.strip().replace("\u2212", "-")
    negative = False
    if len(text) >= 2 and text[0] == "(" and text[-1] == ")":
        negative, text = True, text[1:-1]
    match = _AMOUNT.fullmatch(text)
    if not match:
        return None
    signs = [s for s in (match["lead"], match["inner"], match["trail"]) if s]
    if len(signs) > 1 or (negative and signs):
        return None
    digits = match["number"].replace(",", "")
    if len(digits.partition(".")[0]) > _MAX_WHOLE_DIGITS:
        raise AmountError("is too large to be an amount")
    if len(digits.partition(".")[2]) > 2:
        raise AmountError("has more than 2 decimals")
    cents = Decimal(digits).quantize(CENT)
    if not cents:
        return Decimal("0.00")
    return -cents if negative or signs == ["-"] else cents
