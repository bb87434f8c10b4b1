# Impacte+ Marketing — one-command set-up for a fresh machine (Python 3.11+, Node 20+).
#   make dev    install everything, build the web app, run the whole product locally
#   make test   install everything and run every test (unit, API, isolation, contract, browser)
#   make bench  cost and speed figures (DynamoDB calls, cold imports, bundle size)

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
NPM ?= npm

.PHONY: dev test test-fast bench lint web openapi install clean

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $@

install: $(VENV)/.installed web/node_modules/.installed

web/node_modules/.installed: web/package.json web/package-lock.json
	cd web && $(NPM) ci --no-audit --no-fund
	touch $@

openapi: $(VENV)/.installed
	$(PY) -m devstack.openapi web/openapi.json

web: install openapi
	cd web && $(NPM) run build

dev: web
	$(PY) -m devstack.server

lint: $(VENV)/.installed
	$(PY) -m ruff check .

test: web
	$(PY) -m ruff check .
	cd web && $(NPM) test
	$(PY) -m pytest -n auto --dist loadfile -m "not e2e"
	$(PY) -m pytest -m e2e

test-fast: $(VENV)/.installed
	$(PY) -m pytest -n auto --dist loadfile -m "not e2e"

bench: web
	$(PY) -m bench

clean:
	rm -rf $(VENV) web/node_modules web/dist .pytest_cache

# --- AWS (needs AWS credentials and the SAM CLI; see README "Deploy to AWS") ---
.PHONY: deploy deploy-web
deploy:
	sam build --use-container && sam deploy --guided

deploy-web: web
	$(PY) -m ops.deploy_web $(STACK)
