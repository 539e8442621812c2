# The two newcomer commands: `make run` and `make test`. Both create .venv when missing.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
TEST_STAMP := $(VENV)/.installed-test-stamp

.PHONY: run test lint typecheck check bench package clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --upgrade pip >/dev/null

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install -e .
	touch $@

$(TEST_STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install -e '.[test]'
	touch $@ $(STAMP)

# ARGS: passed to the app (`make run ARGS=--self-test`). The platform check first makes sure Qt's
# X11 plugin finds its system libraries (installs them as root with apt, else names the command).
run: $(STAMP)
	$(PY) -m ann_studio.platform_check
	$(VENV)/bin/ann-studio $(ARGS)

test: $(TEST_STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest --capture=sys

lint: $(TEST_STAMP)
	$(VENV)/bin/ruff check .

typecheck: $(TEST_STAMP)
	$(VENV)/bin/mypy

# The static checks CI runs before the tests: ruff (with RUF100: no dead noqa), mypy over
# ann_studio/core and ann_studio/document (pyproject.toml [tool.mypy]), no import cycles and no
# layer reaching up (tools/import_cycles.py), and, where the `duplicates` tool is installed, the
# pairs of repeated code in ann_studio/ (listed, not failed: each is merged or justified in a comment).
check: lint typecheck
	$(PY) tools/import_cycles.py
	@if command -v duplicates >/dev/null 2>&1; then duplicates --repo ann_studio --most 40; \
	else echo "duplicates: tool not installed here (skipped)"; fi

bench: $(STAMP)
	$(PY) benchmarks/bench_core.py

clean:
	rm -rf $(VENV) build dist *.egg-info
include packaging/package.mk
