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


def test_the_help_is_the_same_whatever_else_is_given(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    alone = capsys.readouterr().out
    assert main(["--db", "x.sqlite3", "--help"]) == 0
    assert capsys.readouterr().out == alone


@pytest.mark.parametrize("option", [["--screenshot", "out.png"], ["--page", "trend"]])
def test_a_window_option_with_a_command_is_one_line_exit_2(
    capsys: pytest.CaptureFixture[str], option: list[str]
) -> None:
    assert main([*option, "score"]) == 2
    assert capsys.readouterr().err == (
        f"repute: error: {option[0]} is an option of the window, not of score"
        " (see repute --help)\n"
    )
