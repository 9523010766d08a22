"""The hypothesis profiles: CI tries every example each property was written for, a run by hand a
fifth of them (tests/profiles.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import settings

from tests.profiles import chosen_profile, examples


@pytest.mark.parametrize(
    ("environment", "profile"),
    [
        ({}, "quick"),
        ({"CI": "true"}, "full"),
        ({"CI": "false"}, "quick"),
        ({"HYPOTHESIS_PROFILE": "full"}, "full"),
        ({"HYPOTHESIS_PROFILE": "quick", "CI": "true"}, "quick"),
    ],
)
def test_the_profile_is_the_one_named_else_full_in_ci(
    environment: dict[str, str], profile: str
) -> None:
    assert chosen_profile(environment) == profile


@pytest.fixture
def loaded() -> Iterator[None]:
    before = settings.get_current_profile_name()
    yield
    settings.load_profile(before)


def test_the_full_profile_keeps_every_volume_as_written(loaded: None) -> None:
    settings.load_profile("full")
    assert settings().max_examples == settings.get_profile("default").max_examples
    assert [examples(n) for n in (5, 12, 60, 400)] == [5, 12, 60, 400]


def test_the_quick_profile_tries_a_fifth_and_at_least_one(loaded: None) -> None:
    settings.load_profile("quick")
    assert settings().max_examples == 20
    assert [examples(n) for n in (2, 5, 12, 60, 400)] == [1, 1, 2, 12, 80]
