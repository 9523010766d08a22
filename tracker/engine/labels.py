"""Names the faces share: the badges by the keys of `score --json`, as the marketplace calls them.

A module of its own, with no engine behind it, so that the window can name a badge without
loading the engine before it paints.
"""

from __future__ import annotations

BADGE_NAMES = {
    "top_rated": "Top Rated",
    "top_rated_plus": "Top Rated Plus",
    "rising_talent": "Rising Talent",
}
