#!/usr/bin/env bash
# Install the newest dist/ann-studio_*.deb (or $1) and check the installed application:
# files in place, `ann-studio --version`, `ann-studio --self-test` (offscreen), startup time.
# Needs root (or sudo) for dpkg. Missing dependencies are installed with apt-get.
# Appends what it measured to $REPORT when set.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ -n "${REPORT:-}" ]; then mkdir -p "$(dirname "$REPORT")"; exec > >(tee -a "$REPORT") 2>&1; fi

DEB=${1:-$(ls -t dist/ann-studio_*.deb 2>/dev/null | head -1)}
[ -n "$DEB" ] && [ -f "$DEB" ] || { echo "selftest_deb: no .deb in dist/ (run make package first)" >&2; exit 1; }
SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
now() { date +%s.%N; }
elapsed() { awk -v a="$2" -v b="$1" 'BEGIN {printf "%.2f", a - b}'; }

echo "== installing $DEB"
if ! $SUDO dpkg -i "$DEB"; then
    echo "selftest_deb: dpkg -i left dependencies unmet; installing them with apt-get"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q -f
fi
dpkg -s ann-studio | grep -q '^Status: install ok installed' || { echo "selftest_deb: ann-studio is not installed" >&2; exit 1; }

for path in /usr/bin/ann-studio /opt/ann-studio/ann-studio /usr/share/applications/ann-studio.desktop \
            /usr/share/mime/packages/ann-studio.xml /usr/share/icons/hicolor/scalable/apps/ann-studio.svg \
            /usr/share/icons/hicolor/48x48/apps/ann-studio.png /usr/share/icons/hicolor/256x256/apps/ann-studio.png; do
    [ -e "$path" ] || { echo "selftest_deb: $path is missing after install" >&2; exit 1; }
done
if command -v desktop-file-validate >/dev/null; then desktop-file-validate /usr/share/applications/ann-studio.desktop; fi
if [ -f /usr/share/mime/mime.cache ] && command -v xdg-mime >/dev/null; then
    echo "MIME type of x.annproj: $(cd /tmp && touch x.annproj && xdg-mime query filetype x.annproj; rm -f x.annproj)"
fi

deb_version=$(dpkg-deb -f "$DEB" Version)
deb_version=${deb_version%%+*}
got=$(/usr/bin/ann-studio --version)
echo "ann-studio --version: $got"
case "$got" in
    *"${deb_version//\~/}"* | *"${deb_version//\~/.}"*) ;;  # 0.2.0~rc1 is 0.2.0rc1, 0.2.0~dev3 is 0.2.0.dev3
    *) echo "selftest_deb: --version does not say version $deb_version" >&2; exit 1 ;;
esac

echo "== /usr/bin/ann-studio --self-test (offscreen)"
t0=$(now)
QT_QPA_PLATFORM=offscreen /usr/bin/ann-studio --self-test
t1=$(now)
echo "self-test passed in $(elapsed "$t0" "$t1") s"

echo "== startup time of the installed app"
t0=$(now); /usr/bin/ann-studio --version >/dev/null; t1=$(now)
echo "ann-studio --version (process start, no GUI): $(elapsed "$t0" "$t1") s"
bash packaging/linux/measure_startup.sh /usr/bin/ann-studio 5
echo "installed size: $(du -sh /opt/ann-studio | cut -f1) in /opt/ann-studio"
