# Two commands: `make demo` (the main job) and `make test` (the whole suite).
# Both create the virtual environment in .venv first if it is missing or stale.
VENV := .venv
BIN := $(CURDIR)/$(VENV)/bin
# nbgrader runs `alembic` from PATH when it creates a gradebook.
export PATH := $(BIN):$(PATH)

.PHONY: venv browser bubblewrap postgresql demo test releases timing bench

# Debian's Chromium and its driver, for the browser test (needs root for apt-get).
BROWSER := /usr/bin/chromium /usr/bin/chromedriver

$(VENV)/.installed: requirements.txt pyproject.toml
	python3 -m venv $(VENV)
	$(BIN)/pip install --quiet -r requirements.txt
	# jsonschema's optional IRI checker (rfc3987-syntax, pulled in by jupyter-events) builds
	# an Earley parser when it is imported: 2-4 s of CPU in every process that imports
	# nbformat, that is every nbgrader command and gradebook. Nothing here validates IRIs.
	$(BIN)/pip uninstall --quiet -y rfc3987-syntax
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

venv: $(VENV)/.installed

$(BROWSER):
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver

browser: $(BROWSER)

# bubblewrap: the sandbox that grading kernels run in (grading/sandbox.py).
/usr/bin/bwrap:
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq bubblewrap

bubblewrap: /usr/bin/bwrap

# PostgreSQL: the tests grade into a real PostgreSQL gradebook too (tests/conftest.py
# starts a server of its own from Debian's binaries).
postgresql:
	@ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || { apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql; }

# Regenerate every release, grade the demo class, write feedback, print the gradebook.
demo: venv bubblewrap
	$(BIN)/python -m mlcourse demo

# Only regenerate release/ from source/.
releases: venv
	$(BIN)/python -m mlcourse releases

# The whole test suite (what CI runs).
test: venv browser bubblewrap postgresql
	$(BIN)/python -m pytest

# How long each solution notebook takes against its budget (a benchmark, not a test).
timing: venv
	$(BIN)/python -m mlcourse timing

# Grading throughput: plain nbgrader, 1 worker and N workers side by side (a benchmark).
bench: venv bubblewrap
	$(BIN)/python -m mlcourse bench
