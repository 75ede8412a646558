# The two commands a newcomer needs: `make demo` and `make test`. Everything else is for developers.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# The address the demo prints is the one its e-mails link to (the SITE_URL setting of every process).
DEMO_URL = http://$(HOST):$(PORT)
STAMP := $(VENV)/.installed

.PHONY: demo test test-fast install lint format messages bench serve worker clean

## The fast subset while you work: no browser, no PostgreSQL-only race; `make test-fast PYTEST_ARGS=mobilization/plan`.
test-fast: install
	$(BIN)/python -m pytest -n auto -m "not browser and not postgres_only" $(PYTEST_ARGS)

# The virtual environment is rebuilt only when the lock file or the project's metadata changes.
$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	touch $(STAMP)

install: $(STAMP)

## Set everything up and start the platform with demo data (SQLite, web server and task worker).
demo: install
	$(BIN)/python manage.py migrate --noinput
	SITE_URL=$(DEMO_URL) $(BIN)/python manage.py setup_demo
	@echo ""
	@echo "  The platform is starting at $(DEMO_URL)/  (Ctrl+C stops the server and the worker)"
	@echo ""
	@trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	 SITE_URL=$(DEMO_URL) $(BIN)/python manage.py db_worker --queue-name '*' & worker=$$!; \
	 SITE_URL=$(DEMO_URL) $(BIN)/python manage.py runserver --noreload $(HOST):$(PORT)

## The whole test suite: unit, integration and browser, on every core (pytest-xdist), then the layers
## (import-linter). PostgreSQL when DATABASE_URL points at one.
test: install
	$(BIN)/python -m pytest -n auto $(PYTEST_ARGS)
	$(BIN)/lint-imports

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## Regenerate the translation catalogues (needs GNU gettext); the compiled .mo files are committed.
messages: install
	cd mobilization && ../$(BIN)/python ../manage.py makemessages -l fr -l en --no-obsolete --ignore 'core/static/vendor/*'
	cd mobilization && ../$(BIN)/python ../manage.py compilemessages

## Benchmarks: see bench/README.md.
bench: install
	$(BIN)/python bench/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) var test-artifacts
