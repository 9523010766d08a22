#!/usr/bin/env bash
# Builds dist/repute_VERSION_ARCH.deb from a checkout, with no step by hand:
#   packaging/build-linux.sh
# It needs python3 (3.11+, with venv), dpkg-deb and the Qt run-time libraries the README lists; it
# makes its own build environment in build/linux (PyInstaller and Pillow come from the `bundle`
# extra), renders the icons from resources/icons/repute.svg, bundles the app with
# packaging/repute.spec and wraps the bundle: the app in /opt/repute, `repute` on the PATH through
# /usr/bin/repute, the menu entry, the icon in the hicolor theme. The version is pyproject.toml's.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

version=$(python3 -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')
arch=$(dpkg --print-architecture)
build=build/linux
package=$build/deb/repute_${version}_${arch}
deb=dist/repute_${version}_${arch}.deb
quiet_pip() { grep -v "is ignored: it is neither a file nor a directory" >&2 || true; }

echo "build-linux: Repute $version for $arch"
# What the build itself runs: venv, PyInstaller's binutils (objdump, strip), the entry's validator,
# and the Qt libraries make_icons.py needs to draw offscreen. As root, missing ones are installed.
needs=(python3-venv binutils desktop-file-utils libegl1 libgl1 libfontconfig1 libxkbcommon0
  libglib2.0-0 libdbus-1-3)
missing=()
for need in "${needs[@]}"; do
  dpkg-query -W -f='${Status}' "$need" 2>/dev/null | grep -q 'install ok installed' || missing+=("$need")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "build-linux: installing ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get update -q
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
  else
    echo "build-linux: missing ${missing[*]}: run as root once, or install them" >&2
    exit 1
  fi
fi
# setuptools builds in build/lib: a file removed from the project must not linger in the bundle.
rm -rf "$build" build/lib build/bdist.* ./*.egg-info
mkdir -p "$build" dist

echo "build-linux: a build environment with the project and PyInstaller"
python3 -m venv "$build/venv"
"$build/venv/bin/pip" install -q --disable-pip-version-check "$root[bundle]" 2> >(quiet_pip)

echo "build-linux: icons from resources/icons/repute.svg"
QT_QPA_PLATFORM=offscreen "$build/venv/bin/python" packaging/make_icons.py "$build/icons" >/dev/null

echo "build-linux: the bundle (packaging/repute.spec)"
REPUTE_ICONS="$root/$build/icons" "$build/venv/bin/pyinstaller" --noconfirm --clean \
  --log-level WARN --distpath "$build/dist" --workpath "$build/work" packaging/repute.spec

# This Python's libpython carries its debug information (22 MB of 23); the program does not need it.
find "$build/dist/repute" -name 'libpython*.so*' -type f -exec strip --strip-debug {} +

echo "build-linux: the package"
mkdir -p "$package/DEBIAN" "$package/opt" "$package/usr/bin" "$package/usr/share/applications" \
  "$package/usr/share/icons/hicolor/scalable/apps" "$package/usr/share/doc/repute"
cp -a "$build/dist/repute" "$package/opt/repute"
ln -s /opt/repute/repute "$package/usr/bin/repute"
cp resources/repute.desktop "$package/usr/share/applications/repute.desktop"
cp -a "$build/icons/hicolor/." "$package/usr/share/icons/hicolor/"
cp resources/icons/repute.svg "$package/usr/share/icons/hicolor/scalable/apps/repute.svg"
cp README.md docs/install.md docs/model.md docs/interface.md "$package/usr/share/doc/repute/"
if command -v desktop-file-validate >/dev/null; then
  desktop-file-validate "$package/usr/share/applications/repute.desktop"
else
  echo "build-linux: desktop-file-validate not installed (desktop-file-utils); entry not checked" >&2
fi

installed_kib=$(du -sk --exclude=DEBIAN "$package" | cut -f1)
# Depends: what the bundle links to and does not carry (readelf over it leaves libc, libGL/EGL,
# libxcb and Wayland's client libraries), what Qt loads by name (fontconfig, dbus, xkbcommon, the
# xcb helpers) and a font.
cat > "$package/DEBIAN/control" <<CONTROL
Package: repute
Version: $version
Architecture: $arch
Maintainer: Repute developers <repute@localhost>
Installed-Size: $installed_kib
Section: misc
Priority: optional
Depends: libc6 (>= 2.34), libegl1, libgl1, libfontconfig1, libfreetype6, libdbus-1-3, libglib2.0-0, libx11-6, libx11-xcb1, libxcb1, libwayland-client0, libwayland-cursor0, libwayland-egl1, libxkbcommon0, libxkbcommon-x11-0, libxcb-cursor0, libxcb-icccm4, libxcb-image0, libxcb-keysyms1, libxcb-render-util0, libxcb-shape0, libxcb-xkb1, libxcb-randr0, fonts-dejavu-core | fonts-liberation2 | fonts-freefont-ttf
Description: estimate your Upwork Job Success Score from your own log
 Repute keeps a log of your contracts, payments, feedback, invites and
 proposals on your own computer and shows the Job Success Score estimate,
 why it is what it is, how it moved, and when it will change by itself.
 Nothing is sent anywhere. It is a desktop window and a command line.
CONTROL
# Whatever the umask: directories 755, files 644, programs stay executable.
chmod -R u+rwX,go+rX,go-w "$package"

dpkg-deb --root-owner-group -Zxz --build "$package" "$deb" >/dev/null
echo "build-linux: $deb ($(du -h "$deb" | cut -f1), $((installed_kib / 1024)) MiB installed)"
