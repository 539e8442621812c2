#!/bin/sh
# Portable ANN Studio: add it to your applications menu (for you only, no root needed), with its icon and
# the .annproj file type. Run it from the unpacked folder; run it again after moving the folder.
#   ./install-desktop-entry.sh           install (or update) the menu entry
#   ./install-desktop-entry.sh --remove  take it away again
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
DATA=${XDG_DATA_HOME:-$HOME/.local/share}
SIZES="16 24 32 48 64 128 256 512"

refresh() {
    if command -v update-desktop-database >/dev/null 2>&1; then update-desktop-database -q "$DATA/applications" || true; fi
    if command -v update-mime-database >/dev/null 2>&1; then update-mime-database "$DATA/mime" || true; fi
    if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -f "$DATA/icons/hicolor/index.theme" ]; then
        gtk-update-icon-cache -q "$DATA/icons/hicolor" || true
    fi
}

if [ "${1:-}" = "--remove" ]; then
    rm -f "$DATA/applications/ann-studio.desktop" "$DATA/mime/packages/ann-studio.xml" \
          "$DATA/icons/hicolor/scalable/apps/ann-studio.svg"
    for s in $SIZES; do rm -f "$DATA/icons/hicolor/${s}x${s}/apps/ann-studio.png"; done
    refresh
    echo "ANN Studio menu entry removed (the folder $HERE is untouched)."
    exit 0
fi

[ -x "$HERE/ann-studio" ] || { echo "error: run this from the unpacked ANN Studio folder" >&2; exit 1; }
mkdir -p "$DATA/applications" "$DATA/mime/packages" "$DATA/icons/hicolor/scalable/apps"
cp "$HERE/share/mime/packages/ann-studio.xml" "$DATA/mime/packages/"
cp "$HERE/share/icons/hicolor/scalable/apps/ann-studio.svg" "$DATA/icons/hicolor/scalable/apps/"
for s in $SIZES; do
    mkdir -p "$DATA/icons/hicolor/${s}x${s}/apps"
    cp "$HERE/share/icons/hicolor/${s}x${s}/apps/ann-studio.png" "$DATA/icons/hicolor/${s}x${s}/apps/"
done
# Point Exec/TryExec at this folder's program (quoted: the path may contain spaces).
sed -e "s|^Exec=ann-studio|Exec=\"$HERE/ann-studio\"|" -e "s|^TryExec=ann-studio|TryExec=$HERE/ann-studio|" \
    "$HERE/share/applications/ann-studio.desktop" >"$DATA/applications/ann-studio.desktop"
refresh
echo "ANN Studio added to your applications menu (it runs $HERE/ann-studio)."
