"""The wheel a user installs (not editable, not this checkout) works from any folder.

It builds the wheel from a copy of the project's files, installs it into a fresh virtual
environment (no system site-packages; the dependencies come from the package index pip is set up
with), and from a folder outside the checkout runs `repute --help`, imports the sample profile
found through importlib.resources, and renders the window with `--screenshot`. One environment
serves every test of the module: building it is the slow part (see the README's note on its time).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PROJECT_FILES = ("pyproject.toml", "README.md", "main.py", "tracker", "ui", "resources")
PIP_TIMEOUT_S = 900
Installed = tuple[Path, dict[str, str], Path]


def run(command: list[str], cwd: Path, env: dict[str, str], timeout: float = 120) -> str:
    result = subprocess.run(
        command, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    assert result.returncode == 0, f"{command}: exit {result.returncode}\n{result.stderr[-3000:]}"
    return result.stdout


def clean_environment(home: Path) -> dict[str, str]:
    """The environment of a user who never saw this checkout: no PYTHONPATH, a home of its own."""
    own = ("PYTHON", "REPUTE_", "VIRTUAL")
    env = {k: v for k, v in os.environ.items() if not k.startswith(own)}
    env.update(HOME=str(home), XDG_DATA_HOME=str(home / "data"), QT_QPA_PLATFORM="offscreen")
    env["XDG_CONFIG_HOME"] = str(home / "config")
    return env


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    """(the venv's bin folder, the user's environment, a working folder outside the checkout)."""
    base = tmp_path_factory.mktemp("wheel")
    source = base / "source"
    source.mkdir()
    for name in PROJECT_FILES:
        origin = ROOT / name
        if origin.is_dir():
            shutil.copytree(origin, source / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(origin, source / name)
    home = base / "home"
    home.mkdir()
    env = clean_environment(home)
    wheels = base / "wheels"
    run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q",
         "-w", str(wheels), str(source)],
        cwd=base, env=env, timeout=PIP_TIMEOUT_S,
    )
    (wheel,) = wheels.glob("repute_tracker-*.whl")
    venv = base / "venv"
    run([sys.executable, "-m", "venv", str(venv)], cwd=base, env=env)
    bin_dir = venv / ("Scripts" if os.name == "nt" else "bin")
    run([str(bin_dir / "python"), "-m", "pip", "install", "-q", str(wheel)],
        cwd=base, env=env, timeout=PIP_TIMEOUT_S)
    return bin_dir, env, home


def test_the_installed_code_is_the_wheels_not_the_checkouts(installed: Installed) -> None:
    bin_dir, env, home = installed
    where = run(
        [str(bin_dir / "python"), "-c",
         "import tracker, ui, resources, main; print(tracker.__file__, main.__file__)"],
        cwd=home, env=env,
    )
    assert str(ROOT) not in where
    assert "site-packages" in where


def test_repute_help_lists_the_commands(installed: Installed) -> None:
    bin_dir, env, home = installed
    out = run([str(bin_dir / "repute"), "--help"], cwd=home, env=env)
    for command in ("import", "export", "score", "forecast", "calibrate", "restore"):
        assert command in out


def test_the_resources_are_found_through_importlib_resources(installed: Installed) -> None:
    bin_dir, env, home = installed
    listing = run(
        [str(bin_dir / "python"), "-c",
         "from importlib.resources import files; r = files('resources');"
         "print(*[str(r / n) for n in ('sample-profile.json', 'icons/repute.svg',"
         " 'repute.desktop', 'docs/model.md', 'sidebar.qss')], sep='\\n')"],
        cwd=home, env=env,
    ).split()
    for path in listing:
        assert Path(path).is_file(), path
        assert str(ROOT) not in path


def test_the_sample_imports_and_scores_from_outside_the_checkout(installed: Installed) -> None:
    bin_dir, env, home = installed
    find_sample = (
        "from importlib.resources import files; print(files('resources') / 'sample-profile.json')"
    )
    sample = run([str(bin_dir / "python"), "-c", find_sample], cwd=home, env=env).strip()
    db = home / "try.sqlite3"
    summary = run([str(bin_dir / "repute"), "--db", str(db), "import", sample], cwd=home, env=env)
    assert "contract" in summary
    report = json.loads(
        run([str(bin_dir / "repute"), "--db", str(db), "score", "--json",
             "--as-of", "2026-06-01"], cwd=home, env=env)
    )
    assert report["status"] == "shown"
    assert report["contracts"]


def test_the_window_renders_from_the_installed_package(installed: Installed) -> None:
    bin_dir, env, home = installed
    shot = home / "shot.png"
    run([str(bin_dir / "repute"), "--db", str(home / "empty.sqlite3"), "--screenshot", str(shot),
         "--size", "900x600"], cwd=home, env=env)
    from PySide6.QtGui import QImage

    image = QImage(str(shot))
    assert (image.width(), image.height()) == (900, 600)
    # The default database of a user with no --db is in their own data folder, not the checkout.
    assert not (ROOT / "repute.sqlite3").exists()
