"""What the packages are made of, checked without building one: the icons drawn from the one SVG,
the desktop entry, and which Qt plugins the Linux bundle keeps."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging"))

from make_icons import HICOLOR_SIZES, make_icons  # noqa: E402


def test_every_hicolor_size_is_drawn_from_the_svg(qapp: object, tmp_path: Path) -> None:
    made = make_icons(tmp_path)
    for size in HICOLOR_SIZES:
        image = QImage(str(tmp_path / "hicolor" / f"{size}x{size}" / "apps" / "repute.png"))
        assert (image.width(), image.height()) == (size, size)
        # Drawn, not blank: the middle of the picture is not transparent.
        assert image.pixelColor(size // 2, size // 2).alpha() > 0
    assert all(path.is_file() for path in made)


@pytest.mark.skipif(not shutil.which("desktop-file-validate"), reason="desktop-file-utils absent")
def test_the_desktop_entry_is_valid_and_starts_repute() -> None:
    entry = ROOT / "resources" / "repute.desktop"
    result = subprocess.run(
        ["desktop-file-validate", str(entry)], capture_output=True, text=True, check=False
    )
    assert (result.returncode, result.stdout + result.stderr) == (0, "")
    lines = entry.read_text(encoding="utf-8").splitlines()
    assert "Exec=repute" in lines
    assert "Icon=repute" in lines


def test_the_linux_bundle_keeps_the_window_systems_and_drops_embedded_ones() -> None:
    from lean_linux import plugin_is_kept

    plugins = "PySide6/Qt/plugins/"
    for kept in ("platforms/libqxcb.so", "platforms/libqwayland.so", "platforms/libqoffscreen.so",
                 "imageformats/libqsvg.so", "iconengines/libqsvgicon.so",
                 "xcbglintegrations/libqxcb-glx-integration.so"):
        assert plugin_is_kept(plugins + kept), kept
    for dropped in ("platforms/libqvnc.so", "platforms/libqeglfs.so",
                    "platformthemes/libqgtk3.so", "imageformats/libqtiff.so",
                    "generic/libqevdevmouseplugin.so"):
        assert not plugin_is_kept(plugins + dropped), dropped
    assert plugin_is_kept("PySide6/Qt/lib/libQt6Core.so.6")
