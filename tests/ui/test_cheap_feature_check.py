"""PySide6's check of each imported module, made cheap, gives the answers its own check gives."""

from __future__ import annotations

import importlib
import sys

from ui.pyside_defects import cheap_feature_check

MODULES = (
    "ui.app",  # imports PySide6
    "ui.wording",  # does not, though the window uses it
    "tracker.startup",  # the engine's side never does
    "json",  # the standard library's
    "sys",  # built in: no source at all
    "math",  # compiled: a file, not Python
)


def test_the_cheap_check_agrees_with_the_parsing_check() -> None:
    import PySide6.QtCore  # noqa: F401

    feature = sys.modules["shibokensupport.feature"]
    parsing = feature._mod_uses_pyside
    try:
        assert cheap_feature_check()
        cheap = feature._mod_uses_pyside
        assert cheap is not parsing
        answers = {name: cheap(importlib.import_module(name)) for name in MODULES}
        assert answers == {name: parsing(importlib.import_module(name)) for name in MODULES}
        assert answers["ui.app"] and not answers["tracker.startup"] and not answers["sys"]
    finally:
        feature._mod_uses_pyside = parsing


def test_a_module_whose_file_is_gone_is_not_said_to_use_pyside() -> None:
    import types

    import PySide6.QtCore  # noqa: F401

    feature = sys.modules["shibokensupport.feature"]
    parsing = feature._mod_uses_pyside
    try:
        cheap_feature_check()
        gone = types.ModuleType("gone")
        gone.__file__ = "/nonexistent/gone.py"
        assert feature._mod_uses_pyside(gone) is False
        assert parsing(gone) is False
    finally:
        feature._mod_uses_pyside = parsing
