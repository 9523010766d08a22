"""`main.py --help` is one help for the one program: the window's options, then the commands."""

from __future__ import annotations

import pytest

from main import main


def test_help_lists_the_window_options_and_the_commands(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    for option in ("--db", "--as-of", "--screenshot", "--size", "--page"):
        assert option in out, option
    assert "Open the Repute window" in out
    assert out.index("--screenshot") < out.index("COMMAND ...\n\nRepute")  # window first
    for command in ("import", "score", "explain", "trend", "forecast", "plan"):
        assert f"\n    {command}" in out, command
