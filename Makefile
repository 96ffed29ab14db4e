VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
CONSUMERS_STAMP := $(VENV)/.installed-consumers

.PHONY: run test bench screenshot sample clean

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

test: $(CONSUMERS_STAMP)
	$(PY) -m pytest -q

bench: $(STAMP)
	$(PY) -m benchmarks

# Needs xvfb (apt-get install xvfb fonts-noto-color-emoji); see "The window" in README.md.
screenshot: $(STAMP)
	xvfb-run -a -s '-screen 0 1600x1000x24' $(PY) -m workbench.ui.screenshot docs/screenshot.png

sample: $(STAMP)
	$(PY) -m workbench.sample sample_projects/north_korean_troops.wbproj

clean:
	rm -rf $(VENV)
