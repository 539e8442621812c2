#!/usr/bin/env bash
# Compile packaging/windows/ann-studio.nsi here (Linux) against a small stand-in payload, as a test of the
# script: dist/ann-studio-setup-stub.exe. The real payload is built on Windows by the release workflow.
# Needs makensis (apt-get install nsis; installed automatically when running as root).
# Environment: VERSION (default: package metadata), NSIS_WORK (stand-in payload folder, default build/nsis-stub),
# NSIS_OUT (default dist/ann-studio-setup-stub.exe).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)

if ! command -v makensis >/dev/null; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        echo "build_stub: installing nsis"
        apt-get install -y -q nsis >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -q nsis >/dev/null; }
    else
        echo "build_stub: makensis is missing (apt-get install nsis)" >&2
        exit 1
    fi
fi

PY=${PY:-.venv/bin/python}
if [ -z "${VERSION:-}" ]; then
    VERSION=$("$PY" -c 'import importlib.metadata as m; print(m.version("ann-studio"))' 2>/dev/null ||
              python3 -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')
fi
# VIProductVersion wants four numbers: 0.1.0 -> 0.1.0.0, 0.2.0rc1 -> 0.2.0.0
NUMERIC=$(printf '%s' "$VERSION" | grep -oE '^[0-9]+(\.[0-9]+){0,3}' | awk -F. '{printf "%d.%d.%d.%d", $1, $2, $3, $4}')

# A stand-in for the PyInstaller bundle: the two executables and an _internal/ tree.
WORK=${NSIS_WORK:-$ROOT/build/nsis-stub}
case "$WORK" in /*) ;; *) WORK=$ROOT/$WORK ;; esac
PAYLOAD=$WORK/ann-studio
rm -rf "$PAYLOAD"
mkdir -p "$PAYLOAD/_internal/resources/icons" "$PAYLOAD/_internal/PySide6"
printf 'stand-in for ann-studio.exe\r\n' >"$PAYLOAD/ann-studio.exe"
printf 'stand-in for ann-studio-cli.exe\r\n' >"$PAYLOAD/ann-studio-cli.exe"
cp resources/icons/ann-studio.ico resources/icons/ann-studio-256.png "$PAYLOAD/_internal/resources/icons/"
printf 'stand-in\r\n' >"$PAYLOAD/_internal/PySide6/README.txt"

OUT=${NSIS_OUT:-$ROOT/dist/ann-studio-setup-stub.exe}
case "$OUT" in /*) ;; *) OUT=$ROOT/$OUT ;; esac
mkdir -p "$(dirname "$OUT")"
rm -f "$OUT"
# -WX: a warning fails the build, so the test catches mistakes makensis only warns about.
makensis -V2 -WX -INPUTCHARSET UTF8 \
    "-DVERSION=$VERSION" "-DVERSION_NUMERIC=$NUMERIC" \
    "-DPAYLOAD_DIR=$PAYLOAD" "-DOUTFILE=$OUT" \
    packaging/windows/ann-studio.nsi
[ -s "$OUT" ] || { echo "build_stub: $OUT was not written" >&2; exit 1; }
echo "build_stub: compiled $OUT ($(du -h "$OUT" | cut -f1), version $VERSION)"
