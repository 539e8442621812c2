#!/usr/bin/env bash
# Package the PyInstaller bundle dist/ann-studio/ for Linux:
#   dist/ann-studio_<version>_<arch>.deb              (installs to /opt/ann-studio, /usr/bin/ann-studio)
#   dist/ann-studio-<version>-linux-<machine>.tar.gz  (portable folder, runs from anywhere)
# Build the bundle first (`make package` does both). Environment:
#   PY       python with ann-studio installed, for the version (default .venv/bin/python)
#   VERSION  override the version (default: the package metadata's)
#   DEB_XZ_LEVEL  xz level for the .deb (default 6: ~53 MB in ~90 s here; 3: ~58 MB in ~25 s)
set -euo pipefail
cd "$(dirname "$0")/../.."

PY=${PY:-.venv/bin/python}
BUNDLE=dist/ann-studio
VERSION=${VERSION:-$("$PY" -c 'import importlib.metadata as m; print(m.version("ann-studio"))')}
ARCH=$(dpkg --print-architecture 2>/dev/null || echo amd64)
MACHINE=$(uname -m)
# PEP 440 -> Debian: pre-releases sort before the release (0.2.0rc1 -> 0.2.0~rc1, 0.2.0.dev3 -> 0.2.0~dev3).
DEB_VERSION=$(printf '%s' "$VERSION" | sed -E 's/\.?(a|b|rc|dev)([0-9]+)/~\1\2/g')

RES=resources
ICON_SIZES=(16 24 32 48 64 128 256 512)
DEB=dist/ann-studio_${DEB_VERSION}_${ARCH}.deb
TARBALL=dist/ann-studio-${VERSION}-linux-${MACHINE}.tar.gz

# System libraries the bundle loads from the system (see the HOST_LIBS note in packaging/ann-studio.spec);
# checked against the bundle's actual ELF dependencies by packaging/linux/elfdeps.py below.
DEPENDS=(
  libgcc-s1 libstdc++6 zlib1g libzstd1 libglib2.0-0 libdbus-1-3
  libfontconfig1 libfreetype6
  libgl1 libegl1
  libx11-6 libx11-xcb1 libxkbcommon0 libxkbcommon-x11-0
  libxcb1 libxcb-cursor0 libxcb-glx0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0
  libxcb-render0 libxcb-render-util0 libxcb-shape0 libxcb-shm0 libxcb-sync1 libxcb-util1
  libxcb-xfixes0 libxcb-xkb1
  libwayland-client0 libwayland-cursor0 libwayland-egl1
)
RECOMMENDS="fonts-noto-cjk | fonts-wqy-microhei, xdg-utils"

die() { echo "build_deb: error: $*" >&2; exit 1; }
[ -x "$BUNDLE/ann-studio" ] || die "no bundle at $BUNDLE (run PyInstaller first: make package)"
command -v dpkg-deb >/dev/null || die "dpkg-deb is missing (apt-get install dpkg)"
for size in "${ICON_SIZES[@]}"; do [ -f "$RES/icons/ann-studio-$size.png" ] || die "missing icon $size"; done

join() { local IFS=,; local s="$*"; echo "${s//,/, }"; }

echo "== checking the bundle's system libraries against Depends"
GLIBC=$("$PY" packaging/linux/elfdeps.py "$BUNDLE" --glibc)
DEPENDS_LINE="libc6 (>= ${GLIBC:-2.35}), $(join "${DEPENDS[@]}")"
"$PY" packaging/linux/elfdeps.py "$BUNDLE" --depends "$DEPENDS_LINE" --quiet

if command -v desktop-file-validate >/dev/null; then
  desktop-file-validate "$RES/linux/ann-studio.desktop"
elif [ -n "${CI:-}" ]; then
  die "desktop-file-validate is missing (apt-get install desktop-file-utils)"
else
  echo "build_deb: warning: desktop-file-validate not installed; the .desktop file is not validated" >&2
fi

# Installs the freedesktop files (desktop entry, icons, MIME type) below the prefix $1/share.
install_freedesktop_files() {
  local share=$1/share
  install -Dm644 "$RES/linux/ann-studio.desktop" "$share/applications/ann-studio.desktop"
  install -Dm644 "$RES/linux/ann-studio.xml" "$share/mime/packages/ann-studio.xml"
  install -Dm644 "$RES/icons/ann-studio.svg" "$share/icons/hicolor/scalable/apps/ann-studio.svg"
  for size in "${ICON_SIZES[@]}"; do
    install -Dm644 "$RES/icons/ann-studio-$size.png" "$share/icons/hicolor/${size}x${size}/apps/ann-studio.png"
  done
}

# ---------------------------------------------------------------------------------------------- .deb
STAGE=build/deb/root
rm -rf build/deb
mkdir -p "$STAGE/opt" "$STAGE/usr/bin" "$STAGE/DEBIAN" "$STAGE/usr/share/doc/ann-studio"
cp -a "$BUNDLE" "$STAGE/opt/ann-studio"
install_freedesktop_files "$STAGE/usr"

cat >"$STAGE/usr/bin/ann-studio" <<'EOF'
#!/bin/sh
# ANN Studio launcher: the application lives in /opt/ann-studio.
exec /opt/ann-studio/ann-studio "$@"
EOF

cat >"$STAGE/usr/share/doc/ann-studio/copyright" <<'EOF'
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: ANN Studio

Files: *
License: MIT
Comment: /opt/ann-studio bundles Python, NumPy (BSD-3-Clause, with OpenBLAS), pyqtgraph (MIT)
 and Qt for Python / Qt 6 (LGPL-3.0), each under its own licence.
EOF

cat >"$STAGE/DEBIAN/postinst" <<'EOF'
#!/bin/sh
# Refresh the desktop, MIME and icon caches, where the tools exist (dpkg triggers usually do it too).
set -e
if [ "$1" = "configure" ]; then
    if command -v update-desktop-database >/dev/null 2>&1; then update-desktop-database -q /usr/share/applications || true; fi
    if command -v update-mime-database >/dev/null 2>&1; then update-mime-database /usr/share/mime || true; fi
    if [ -f /usr/share/icons/hicolor/index.theme ] && command -v gtk-update-icon-cache >/dev/null 2>&1; then
        gtk-update-icon-cache -q /usr/share/icons/hicolor || true
    fi
fi
exit 0
EOF
cat >"$STAGE/DEBIAN/postrm" <<'EOF'
#!/bin/sh
set -e
if [ "$1" = "remove" ] || [ "$1" = "purge" ]; then
    if command -v update-desktop-database >/dev/null 2>&1; then update-desktop-database -q /usr/share/applications || true; fi
    if command -v update-mime-database >/dev/null 2>&1; then update-mime-database /usr/share/mime || true; fi
    if [ -f /usr/share/icons/hicolor/index.theme ] && command -v gtk-update-icon-cache >/dev/null 2>&1; then
        gtk-update-icon-cache -q /usr/share/icons/hicolor || true
    fi
fi
exit 0
EOF

# Files 644, directories and programs 755, whatever the umask or the bundle said.
find "$STAGE" -type d -exec chmod 755 {} +
find "$STAGE" -type f -exec chmod u+rw,go+r,go-w {} +
chmod 755 "$STAGE/usr/bin/ann-studio" "$STAGE/opt/ann-studio/ann-studio" "$STAGE/DEBIAN/postinst" "$STAGE/DEBIAN/postrm"

INSTALLED_KB=$(du -sk --apparent-size "$STAGE/opt" "$STAGE/usr" | awk '{s += $1} END {print s}')
cat >"$STAGE/DEBIAN/control" <<EOF
Package: ann-studio
Version: $DEB_VERSION
Section: education
Priority: optional
Architecture: $ARCH
Maintainer: ANN Studio developers <ann-studio@users.noreply.github.com>
Installed-Size: $INSTALLED_KB
Depends: $DEPENDS_LINE
Recommends: $RECOMMENDS
Description: neural-network simulator for students
 ANN Studio lets you draw a small neural network, step forwards and backwards
 through backpropagation one operation at a time, and watch it learn on
 example data sets with live plots.
 .
 Self-contained: Python, NumPy and Qt are bundled in /opt/ann-studio.
 Chinese text needs a CJK font (fonts-noto-cjk or fonts-wqy-microhei).
EOF

mkdir -p dist
rm -f "$DEB"
echo "== dpkg-deb --build $DEB"
start=$(date +%s)
dpkg-deb --root-owner-group -Zxz "-z${DEB_XZ_LEVEL:-6}" --build "$STAGE" "$DEB" >/dev/null
echo "compressed in $(( $(date +%s) - start )) s (xz -${DEB_XZ_LEVEL:-6})"
dpkg-deb --info "$DEB" | sed -n '/Package:/,/Description:/p'

# ----------------------------------------------------------------------------------------- .tar.gz
TOP=ann-studio-$VERSION
TSTAGE=build/tarball/$TOP
rm -rf build/tarball
mkdir -p "$TSTAGE"
cp -a "$BUNDLE/." "$TSTAGE/"
install_freedesktop_files "$TSTAGE"
install -m755 packaging/linux/install-desktop-entry.sh "$TSTAGE/install-desktop-entry.sh"
cat >"$TSTAGE/README.txt" <<EOF
ANN Studio $VERSION for Linux ($MACHINE), portable

Start:   ./ann-studio            (from this folder; it can live anywhere)
Menu:    ./install-desktop-entry.sh     adds ANN Studio to your applications menu and
         opens .annproj files with it (only for you, no root needed; --remove undoes it)

Needs glibc ${GLIBC:-2.35} or newer and the usual desktop libraries (X11/xcb or Wayland, OpenGL,
fontconfig). On Debian/Ubuntu the .deb installs them for you. For Chinese text install a CJK
font, e.g.  sudo apt install fonts-noto-cjk
EOF
find "$TSTAGE" -type d -exec chmod 755 {} +
find "$TSTAGE" -type f -exec chmod u+rw,go+r,go-w {} +
rm -f "$TARBALL"
echo "== tar $TARBALL"
tar --sort=name --owner=0 --group=0 --numeric-owner -C build/tarball -cf - "$TOP" | gzip -6 >"$TARBALL"

echo "== Linux packages"
ls -l "$DEB" "$TARBALL" | awk '{printf "%-60s %6.1f MB\n", $NF, $5 / 1e6}'
