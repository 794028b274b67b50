# Wayah Sinau CMS. `make run` and `make test` work on a fresh clone with Python 3.11+.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# The address `make run` serves on: canonical links, feeds, sitemaps and the
# printed admin address follow it (set DJANGO_SITE_URL to override).
DJANGO_SITE_URL ?= http://$(HOST):$(PORT)
SERVED := DJANGO_SITE_URL=$(DJANGO_SITE_URL)

.PHONY: help venv checkers run migrate demo test lint format check-deploy bench bench-wagtail bench-instructions clean

help:
	@echo "make run     - set up, migrate, load the demo content and serve on http://$(HOST):$(PORT)/"
	@echo "make test    - set up and run the whole test suite"
	@echo "make lint    - ruff check, format check and the import contracts"
	@echo "make format  - ruff format and fix"

$(BIN)/activate: requirements.txt requirements-dev.txt
	$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "Python 3.11+ is required")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $(BIN)/activate

venv: $(BIN)/activate

# Lighthouse (npm) for the page-quality tests; without npm those tests skip and say so.
node_modules/.installed: package.json
	@if command -v npm >/dev/null 2>&1; then \
		npm install --no-audit --no-fund --loglevel=error && touch $@; \
	else \
		echo "npm not found: the Lighthouse checks will be skipped"; \
	fi

checkers: node_modules/.installed

migrate: venv
	$(BIN)/python manage.py migrate --noinput

demo: migrate
	$(SERVED) $(BIN)/python manage.py seed_demo

run: demo
	$(SERVED) $(BIN)/python manage.py runserver $(HOST):$(PORT)

test: venv checkers
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: venv
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

check-deploy: venv
	DJANGO_SETTINGS_MODULE=wayahsinau.settings.prod \
	DJANGO_SECRET_KEY=$${DJANGO_SECRET_KEY:-ci-dummy-secret-key-$$(date +%s)-not-used-anywhere-0123456789abcdef} \
	DJANGO_ALLOWED_HOSTS=$${DJANGO_ALLOWED_HOSTS:-wayahsinau.example} \
	$(BIN)/python manage.py check --deploy --fail-level WARNING

# The benchmark (bench/README.md): gunicorn + wrk against a seeded data set.
bench: venv
	@command -v wrk >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq wrk; }
	BENCH_ARTICLES=$${BENCH_ARTICLES:-2000} $(BIN)/python bench/run.py

# The Wagtail article page and the floor, measured the same way (bench/README.md);
# the Wagtail site has its own venv, bench/wagtail/.venv, made on the first run.
bench-wagtail: venv
	@command -v wrk >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq wrk; }
	BENCH_ARTICLES=$${BENCH_ARTICLES:-2000} $(BIN)/python bench/wagtail/run.py

# Instructions per article request under callgrind, steady whatever the load (after make bench).
bench-instructions: venv
	@command -v valgrind >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq valgrind; }
	$(BIN)/python bench/instructions.py

clean:
	rm -rf $(VENV) node_modules .pytest_cache .ruff_cache .import_linter_cache
