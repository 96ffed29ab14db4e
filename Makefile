VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
CONSUMERS_STAMP := $(VENV)/.installed-consumers

.PHONY: run test bench screenshot window-screenshots sample clean

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(VENV)/bin/workbench

# The format tests load exports with the other tools' own libraries (extra "consumers").
$(CONSUMERS_STAMP): $(STAMP)
	$(PY) -m pip install --quiet -e '.[test,consumers]'
	touch $(CONSUMERS_STAMP)

# Lint, format and type checks first: they take seconds and keep the style from drifting.
test: $(CONSUMERS_STAMP)
	$(VENV)/bin/ruff check workbench tests benchmarks
	$(VENV)/bin/ruff format --check workbench tests benchmarks
	$(VENV)/bin/mypy
	$(PY) -m pytest -q

# The benchmarks measure Workbench as users install it: a venv of its own without the
# "consumers" extra, whose pandas (via datasets) sqlite-utils would import at start-up.
# "interop" is in it so the fuzz run covers the xmi importer too.
BENCH_VENV ?= .venv-bench
BENCH_STAMP := $(BENCH_VENV)/.installed

$(BENCH_STAMP): pyproject.toml
	python3 -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(BENCH_VENV)/bin/python -m pip install --quiet -e '.[test,interop]'
	touch $(BENCH_STAMP)

bench: $(BENCH_STAMP)
	$(BENCH_VENV)/bin/python -m benchmarks $(BENCH_ARGS)

# Needs xvfb (apt-get install xvfb fonts-noto-color-emoji); see "The window" in README.md.
screenshot: $(STAMP)
	xvfb-run -a -s '-screen 0 1600x1000x24' $(PY) -m workbench.ui.window.screenshot docs/screenshot.png

# The real window at 1366x768 and 1920x1080 (xcb under Xvfb), four panes, light and dark,
# saved as docs/window-*.png by the test that checks them (needs the packages in README).
window-screenshots: $(CONSUMERS_STAMP)
	WORKBENCH_SCREENSHOTS_TO_DOCS=1 $(PY) -m pytest -q tests/ui/test_window_on_screen.py -k four_panes

sample: $(STAMP)
	$(PY) -m workbench.sample sample_projects/north_korean_troops.wbproj

clean:
	rm -rf $(VENV) $(BENCH_VENV)
