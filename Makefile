# The two commands a newcomer needs: `make run` and `make test`. See README.md.

# Debian's own Python 3.11 first: it is built with profile-guided and link-time optimisation,
# which a Python compiled by pyenv (or from source) is not unless asked; Django runs 7 to 20%
# faster on it (docs/benchmarks.md).
PYTHON ?= $(shell command -v /usr/bin/python3.11 || command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
VAR := var
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

# `make run` serves the site as production would (DEBUG off), with a secret key kept in var/
# unless SECRET_KEY is already set.
WITH_KEY = SECRET_KEY="$${SECRET_KEY:-$$(cat $(VAR)/secret_key)}"

.PHONY: run dev test lint services services-stop services-status messages clean

run: $(VAR)/.demo-loaded $(VAR)/.static-collected
	@$(WITH_KEY) $(MANAGE) create_demo_admin
	@echo "Serving the community at http://$(HOST):$(PORT)/ (Ctrl+C stops it)"
	@$(WITH_KEY) $(BIN)/daphne -b $(HOST) -p $(PORT) community.asgi:application

# Autoreloading development server with Django's debug pages.
dev: $(VAR)/.demo-loaded
	DEBUG=true $(MANAGE) runserver $(HOST):$(PORT)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	@touch $@

$(VAR)/secret_key:
	@mkdir -p $(VAR)
	@$(PYTHON) -c "import secrets; print(secrets.token_urlsafe(50))" > $@
	@chmod 600 $@

$(VAR)/.migrated: $(VENV)/.installed $(VAR)/secret_key $(wildcard */migrations/*.py)
	$(WITH_KEY) $(MANAGE) migrate --noinput
	@touch $@

$(VAR)/.demo-loaded: $(VAR)/.migrated $(wildcard community/demo/*.py)
	$(WITH_KEY) $(MANAGE) load_demo
	$(WITH_KEY) $(MANAGE) update_index --verbosity 0
	@touch $@

$(VAR)/.static-collected: $(VENV)/.installed $(VAR)/secret_key $(shell find static -type f)
	$(WITH_KEY) $(MANAGE) collectstatic --noinput --verbosity 0
	@touch $@

# The whole suite: lint, the embedded default, then PostgreSQL + Redis + Elasticsearch.
test: $(VENV)/.installed
	bash scripts/test.sh

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

services:
	bash scripts/services.sh start

services-stop:
	bash scripts/services.sh stop

services-status:
	bash scripts/services.sh status

# Refresh the translation catalogues after changing user-facing strings (needs gettext).
messages: $(VENV)/.installed
	DEBUG=true $(MANAGE) makemessages --all --ignore=.venv --ignore=var --ignore=tests
	DEBUG=true $(MANAGE) compilemessages --ignore=.venv

clean:
	rm -rf $(VAR)
