"""How many examples each hypothesis property tries: every one in CI, a fifth of them by hand.

Two profiles: "full" is hypothesis's own default (100 examples a property) and the volume every
property was written for; "quick" tries a fifth of it, so a run by hand stays within minutes.
`HYPOTHESIS_PROFILE` chooses one; without it, `CI=true` (as CI services set it) chooses "full" and
anything else "quick". `.ci/run` sets `HYPOTHESIS_PROFILE=full`.

A property that names its own volume writes `max_examples=examples(60)`: 60 in the full profile,
the same share of 60 as the loaded profile has of the default in any other.
"""

from __future__ import annotations

from collections.abc import Mapping

from hypothesis import settings

FULL_EXAMPLES = 100  # hypothesis's default max_examples
QUICK_SHARE = 5  # the quick profile tries one example in five

settings.register_profile("full", max_examples=FULL_EXAMPLES)
settings.register_profile("quick", max_examples=FULL_EXAMPLES // QUICK_SHARE)


def chosen_profile(environment: Mapping[str, str]) -> str:
    """The profile this run uses: the one named, else the full one in CI, else the quick one."""
    named = environment.get("HYPOTHESIS_PROFILE", "").strip()
    if named:
        return named
    return "full" if environment.get("CI", "").strip().lower() in ("true", "1") else "quick"


def examples(full: int) -> int:
    """`full` examples in the full profile, and the loaded profile's share of them otherwise."""
    return max(1, round(full * settings().max_examples / FULL_EXAMPLES))
