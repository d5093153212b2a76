# tidings: the two commands are `make demo` and `make test`; both set everything up first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test test-fast bench browser clean train

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check -r requirements.lock
	$(BIN)/pip install -q --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

install: $(STAMP)

demo: install
	$(BIN)/tidings demo

# Chromium for the browser tests comes from Debian; the tests skip with a reason if it cannot be installed.
browser:
	@test -x /usr/bin/chromium || (command -v apt-get >/dev/null && \
	  (apt-get update -qq && apt-get install -y -qq chromium >/dev/null) || \
	  echo "chromium not installed: browser tests will be skipped")

test: install browser
	$(BIN)/python -m pytest -q

test-fast: install
	$(BIN)/python -m pytest -q -m "not slow and not browser"

# Rebuild the shipped verifier from gold/realnews.jsonl (train split; dev for calibration and threshold).
train: install
	$(BIN)/python scripts/train_verifier.py

# Speed and scale (README "Speed"): one table and one JSON line. Stage detail per corpus: benchmarks/run.py.
bench: install
	$(BIN)/python benchmarks/scale_bench.py --json

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache
