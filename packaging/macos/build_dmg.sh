#!/usr/bin/env bash
# macOS: wrap "dist/ANN Studio.app" (built by PyInstaller from packaging/ann-studio.spec) into
#   dist/ann-studio-<version>-macos-<arch>.dmg
# with an /Applications shortcut beside the app, so installing is a drag. Run on macOS (needs hdiutil).
# Environment: PY (python with ann-studio installed; default python3), VERSION (override).
set -euo pipefail
cd "$(dirname "$0")/../.."
PY=${PY:-python3}
APP="dist/ANN Studio.app"
VERSION=${VERSION:-$("$PY" -c 'import importlib.metadata as m; print(m.version("ann-studio"))')}
ARCH=$(uname -m)
DMG="dist/ann-studio-${VERSION}-macos-${ARCH}.dmg"

[ -d "$APP" ] || { echo "build_dmg: $APP not found (run PyInstaller on macOS first)" >&2; exit 1; }
command -v hdiutil >/dev/null || { echo "build_dmg: hdiutil not found (this runs on macOS only)" >&2; exit 1; }

# The bundle's Info.plist must carry the version and the .annproj document type.
plist="$APP/Contents/Info.plist"
/usr/libexec/PlistBuddy -c 'Print :CFBundleShortVersionString' "$plist"
/usr/libexec/PlistBuddy -c 'Print :CFBundleDocumentTypes:0:CFBundleTypeExtensions:0' "$plist" | grep -qx annproj

STAGE=build/dmg
rm -rf "$STAGE"
mkdir -p "$STAGE"
cp -R "$APP" "$STAGE/"
ln -s /Applications "$STAGE/Applications"
rm -f "$DMG"
hdiutil create -volname "ANN Studio $VERSION" -srcfolder "$STAGE" -fs HFS+ -format UDZO -ov "$DMG"
hdiutil verify "$DMG"
echo "build_dmg: $DMG ($(du -h "$DMG" | cut -f1))"
