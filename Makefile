# The two set-up commands of the README: `make run` and `make test`.
# Both bootstrap the same pinned environment (.venv from uv.lock) with only python3 on PATH.
PYTHON ?= python3
UV_VERSION := 0.13.9
BOOTSTRAP := .data/bootstrap
UV := $(BOOTSTRAP)/bin/uv
VENV := .venv
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)

.PHONY: run test lint browser install bench openapi clean

run: $(VENV)/.synced
	$(VENV)/bin/aftersales up $(if $(DEMO),--demo)

test: $(VENV)/.synced lint browser
	$(VENV)/bin/python -m pytest $(PYTEST_ARGS)

# The console's tests drive Debian's Chromium (Playwright's own download is out of reach);
# installed here when missing, so CI's `make test` runs them instead of skipping them.
browser:
	@test -x /usr/bin/chromium || { \
		echo "installing chromium for the console's browser tests"; \
		SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

# ruff's lint and format checks: part of `make test`, so CI fails on an unformatted tree.
lint: $(VENV)/.synced
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

install: $(VENV)/.synced

$(UV):
	$(PYTHON) -m venv $(BOOTSTRAP)
	$(BOOTSTRAP)/bin/python -m pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"

$(VENV)/.synced: $(UV) pyproject.toml uv.lock
	$(UV) sync --frozen --python $(PYTHON)
	touch $@

openapi: $(VENV)/.synced
	$(VENV)/bin/aftersales openapi

bench: $(VENV)/.synced
	$(VENV)/bin/python -m bench.ingest

clean:
	rm -rf $(VENV) .data .pytest_cache
