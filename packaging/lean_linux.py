"""Keeps the Linux bundle lean: Qt plugins Repute never loads go, and the libraries only they need.

PyInstaller's Qt hook collects every plugin of the kinds QtGui may use, and with them what they link
to: the GTK theme plugin alone brings GTK's whole stack (cairo, pango, atk, gdk-pixbuf), which is
also the wrong thing to mix with a desktop's own GTK. After dropping the plugins, a library is kept
only when something kept still needs it (the ELF `NEEDED` entries, read by PyInstaller itself).
"""

from __future__ import annotations

from pathlib import PurePosixPath

PLUGINS = "PySide6/Qt/plugins/"
# Per plugin folder, the plugins kept; a folder not listed is kept whole.
KEPT_PLUGINS = {
    # a desktop under X11 or Wayland, and offscreen for --screenshot without a display
    "platforms": {"libqxcb.so", "libqwayland.so", "libqoffscreen.so", "libqminimal.so"},
    # the icons are SVG; PNG is built into QtGui
    "imageformats": {"libqsvg.so", "libqico.so", "libqjpeg.so", "libqgif.so"},
    # GTK's theme plugin is left out: the portal one gives the desktop's file dialogs
    "platformthemes": {"libqxdgdesktopportal.so"},
    # for embedded devices without a window system
    "egldeviceintegrations": set(),
    "generic": set(),
}


def plugin_is_kept(dest: str) -> bool:
    if not dest.startswith(PLUGINS):
        return True
    folder, _, name = dest[len(PLUGINS):].partition("/")
    return folder not in KEPT_PLUGINS or name in KEPT_PLUGINS[folder]


def is_root(entry: tuple[str, str, str]) -> bool:
    """What is loaded by name, not linked: extension modules, plugins, libpython."""
    dest, _src, kind = entry
    name = PurePosixPath(dest).name
    return kind == "EXTENSION" or dest.startswith(PLUGINS) or name.startswith("libpython")


def lean_binaries(binaries: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    from PyInstaller.depend import bindepend  # only while PyInstaller runs the spec

    kept = [entry for entry in binaries if plugin_is_kept(entry[0])]
    by_name: dict[str, list[tuple[str, str, str]]] = {}
    for entry in kept:
        by_name.setdefault(PurePosixPath(entry[0]).name, []).append(entry)
    reachable: set[str] = set()
    waiting = [PurePosixPath(entry[0]).name for entry in kept if is_root(entry)]
    while waiting:
        name = waiting.pop()
        if name in reachable:
            continue
        reachable.add(name)
        for _dest, src, kind in by_name.get(name, []):
            if kind != "SYMLINK":
                waiting.extend(needed for needed, _path in bindepend.get_imports(src))
    lean = [entry for entry in kept if PurePosixPath(entry[0]).name in reachable]
    dropped = sorted({PurePosixPath(e[0]).name for e in binaries} - reachable)
    print(f"lean_linux: {len(binaries) - len(lean)} binaries left out: {', '.join(dropped)}")
    return lean
