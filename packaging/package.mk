# Packaging targets; the main Makefile includes this file (`include packaging/package.mk`) and provides
# VENV, PY and STAMP. See docs/install.md ("Building the packages").
#
#   make package           PyInstaller bundle dist/ann-studio/, then dist/ann-studio_<v>_amd64.deb and
#                          dist/ann-studio-<v>-linux-x86_64.tar.gz; prints their sizes
#   make package-selftest  installs that .deb (dpkg -i; root), runs the installed `ann-studio --self-test`
#                          offscreen, and measures the installed app's startup time
#   make nsis-stub         compiles the Windows installer script against a stand-in payload (needs makensis)
#   make icons             re-renders the PNG/ICO/ICNS icons from resources/icons/ann-studio.svg
# Measurements are appended to dist/package-report.txt.

PKG_PYINSTALLER := $(VENV)/.pyinstaller-stamp
PKG_REPORT := dist/package-report.txt

.PHONY: package package-bundle package-selftest nsis-stub icons

$(PKG_PYINSTALLER): $(STAMP)
	@$(PY) -c 'import PyInstaller' 2>/dev/null || $(PY) -m pip install 'pyinstaller>=6.10'
	@touch $@

package-bundle: $(STAMP) $(PKG_PYINSTALLER)
	rm -rf dist/ann-studio build/pyinstaller
	$(PY) -m ann_studio.i18n_build
	@start=$$(date +%s); \
	$(PY) -m PyInstaller --noconfirm --clean --log-level WARN \
	    --distpath dist --workpath build/pyinstaller packaging/ann-studio.spec; \
	echo "PyInstaller bundle built in $$(( $$(date +%s) - start )) s"
	@test -x dist/ann-studio/ann-studio
	@dist/ann-studio/ann-studio --version

package: package-bundle
	PY=$(PY) bash packaging/linux/build_deb.sh
	@mkdir -p dist; { \
	  echo "== ann-studio $$($(PY) -c 'import importlib.metadata as m; print(m.version("ann-studio"))') packages, $$(date -u '+%Y-%m-%d %H:%M UTC')"; \
	  echo "bundle (unpacked):  $$(du -sh dist/ann-studio | cut -f1)  dist/ann-studio/"; \
	  for f in dist/ann-studio_*.deb dist/ann-studio-*-linux-*.tar.gz; do \
	    [ -f "$$f" ] && echo "$$(basename $$f):  $$(du -h --apparent-size $$f | cut -f1)"; \
	  done; \
	} | tee -a $(PKG_REPORT)

package-selftest:
	REPORT=$(PKG_REPORT) bash packaging/linux/selftest_deb.sh

nsis-stub:
	bash packaging/windows/build_stub.sh

icons: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) packaging/make_icons.py
