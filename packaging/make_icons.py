"""Renders Repute's icon from its one source picture, resources/icons/repute.svg, for every system.

    python packaging/make_icons.py OUT_DIR

writes OUT_DIR/hicolor/NxN/apps/repute.png at the hicolor theme's usual sizes (Linux), and, when
Pillow is installed (the `bundle` extra), OUT_DIR/repute.ico (Windows) and OUT_DIR/repute.icns
(macOS). Qt's own SVG renderer draws the PNGs, so no system tool (rsvg, inkscape) is needed.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

SOURCE = Path(__file__).resolve().parent.parent / "resources" / "icons" / "repute.svg"
HICOLOR_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_SIZES = (16, 32, 64, 128, 256, 512, 1024)


def render(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def make_icons(out: Path) -> list[Path]:
    """Every icon file, made afresh in `out`; returns their paths."""
    _app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        raise SystemExit(f"make_icons: {SOURCE} is not a picture Qt can read")
    made: list[Path] = []
    largest = out / "repute-1024.png"
    out.mkdir(parents=True, exist_ok=True)
    for size in HICOLOR_SIZES:
        path = out / "hicolor" / f"{size}x{size}" / "apps" / "repute.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        if not render(renderer, size).save(str(path)):
            raise SystemExit(f"make_icons: could not write {path}")
        made.append(path)
    render(renderer, 1024).save(str(largest))
    try:
        from PIL import Image
    except ImportError:
        print("make_icons: Pillow is not installed, so no .ico or .icns (pip install '.[bundle]')")
        return made
    with Image.open(largest) as picture:
        picture.save(out / "repute.ico", sizes=[(s, s) for s in ICO_SIZES])
        picture.save(out / "repute.icns", sizes=[(s, s) for s in ICNS_SIZES])
    made += [out / "repute.ico", out / "repute.icns"]
    return made


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit("usage: python packaging/make_icons.py OUT_DIR")
    for path in make_icons(Path(sys.argv[1])):
        print(path)
