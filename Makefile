# Connected Places. The two commands that matter:
#
#   make run    set everything up (virtualenv, front-end assets, database, demo content) and
#               serve the site on http://$(ADDR) with a Celery worker and beat beside it
#   make test   lint, migrations and deploy checks, then the whole suite on SQLite and on
#               PostgreSQL (scripts/test.sh; scripts/ensure-services.sh installs and starts
#               PostgreSQL, Redis and Chromium when they are missing)
#
# Also: make venv, make assets, make migrate, make seed, make lint, make diagram, make clean,
# make distclean.

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := run
MAKEFLAGS += --no-builtin-rules --no-print-directory

PYTHON ?= python3
# Where `make run` serves the site, e.g. `make run ADDR=0.0.0.0:8000`.
ADDR ?= 127.0.0.1:8000
# The one address every absolute link (emails, digests, feeds, calendars) is built on: the
# address the site is served on, so that a member following a link arrives signed in. Set it
# when ADDR is not what a browser uses, e.g. `make run ADDR=0.0.0.0:8000 BASE_URL=http://myhost:8000`.
BASE_URL ?= http://$(ADDR)

VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
# manage.py and the Celery app default to the dev settings; say so explicitly anyway, so that
# a DJANGO_SETTINGS_MODULE left in the shell cannot point `make run` somewhere else.
DEV := DJANGO_SETTINGS_MODULE=connected_places.settings.dev PYTHONUNBUFFERED=1 \
	WAGTAILADMIN_BASE_URL=$(BASE_URL)

VENV_STAMP := $(VENV)/.synced
NODE_STAMP := node_modules/.package-lock.json
ASSETS_STAMP := assets/build/.built
ASSET_SOURCES := $(shell find assets -path assets/build -prune -o -type f -print 2>/dev/null)
# Folders the embedded default writes to: the file-system Celery broker, the email outbox,
# uploaded images (served at /media/) and documents (only ever through /documents/).
VAR_DIRS := var/broker/queue var/broker/processed var/outbox var/media var/private-media

.PHONY: run venv assets dirs migrate seed lint test diagram clean distclean

run: $(VENV_STAMP) $(ASSETS_STAMP) seed
	@echo "Connected Places: $(BASE_URL)/ (admin: $(BASE_URL)/admin/)"
	$(DEV) RUNSERVER_ADDR=$(ADDR) $(BIN)/honcho start -f Procfile.dev

# The virtualenv, re-synced whenever requirements.lock (or the project's metadata) changes.
venv: $(VENV_STAMP)
$(VENV_STAMP): requirements.lock pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	test -x $(BIN)/uv || $(PY) -m pip install --quiet uv
	$(BIN)/uv pip sync --quiet --python $(PY) requirements.lock
	$(BIN)/uv pip install --quiet --python $(PY) --no-deps -e .
	touch $@

# Front-end assets: npm ci when node_modules is missing or older than the lock file, then
# npm run build (GOV.UK Frontend and our Sass into assets/build/) when a source changed.
assets: $(ASSETS_STAMP)
$(NODE_STAMP): package-lock.json package.json
	npm ci --no-audit --no-fund
	touch $@
$(ASSETS_STAMP): $(NODE_STAMP) $(ASSET_SOURCES)
	npm run build
	touch $@

dirs:
	mkdir -p $(VAR_DIRS)

migrate: $(VENV_STAMP) dirs
	$(DEV) $(PY) manage.py migrate --noinput

# Idempotent: safe to run again, nothing is duplicated.
seed: migrate
	$(DEV) $(PY) manage.py seed_demo

lint: $(VENV_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# The README's architecture diagram, from its text source (Graphviz: apt-get install graphviz).
diagram: docs/architecture.svg
docs/architecture.svg: docs/architecture.dot
	dot -Tsvg $< -o $@

# Every stage, the virtualenv and the assets included, is run and timed by scripts/test.sh.
test:
	scripts/test.sh

# Build output, caches, test databases and broker messages; keeps .venv, node_modules and
# the dev database (var/db.sqlite3). `make distclean` removes those too.
clean:
	rm -rf assets/build var/broker var/celerybeat-schedule* var/test-*.sqlite3* var/test-media var/test-private-media
	rm -rf .pytest_cache .ruff_cache
	find . -path ./.venv -prune -o -path ./node_modules -prune -o \
		-name __pycache__ -type d -exec rm -rf {} +

distclean: clean
	rm -rf $(VENV) node_modules var
