# The two commands: `make run` (the whole service) and `make test` (everything CI checks).
# Each sets up whatever is missing first; finished work (venvs, Rasa model, index) is reused.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
PY := .venv/bin/python
RASA := .venv-rasa/bin/rasa
RASA_ENV := PYTHONPATH=$(CURDIR) RASA_TELEMETRY_ENABLED=false TF_CPP_MIN_LOG_LEVEL=2

.PHONY: run test scale-test setup migrate model index lint format validate stories pytest purge clean

run: setup
	$(PY) -m bot.stack

test: setup model index lint validate stories pytest

setup:
	bash scripts/bootstrap.sh

# Bring the project database (DATABASE_URL, default SQLite in var/) to the newest schema: a
# deploy step, run once before the processes start. `make run` does it too.
migrate: setup
	$(PY) -m bot.migrate

model: setup
	$(PY) -m bot.rasa_model

index: setup
	.venv/bin/cepa-kb build

lint: setup
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	.venv/bin/mypy

format: setup
	.venv/bin/ruff check --fix .
	.venv/bin/ruff format .

validate: setup
	$(RASA_ENV) $(RASA) data validate --domain domain.yml --data nlu/data --config config.yml

# Conversation tests against the trained model; any wrong intent or action fails the build.
stories: model
	$(RASA_ENV) $(RASA) test core --stories tests/rasa --model $$($(PY) -c 'from bot.rasa_model import model_path; print(model_path())') \
	  --out var/rasa-test --e2e --fail-on-prediction-errors --no-plot

pytest: setup
	bash scripts/ensure_chromium.sh
	bash scripts/ensure_services.sh
	bash scripts/ensure_compose.sh
	$(PY) -m pytest

# Two replicas of every process on throw-away PostgreSQL and Redis servers: hand-offs across
# gateways, 50 at once, one Rasa and one gateway killed mid-run (tests/scale/run.py). Minutes.
scale-test: setup model index
	bash scripts/ensure_services.sh
	$(PY) -m tests.scale.run

# compose.yaml as Docker Compose reads it, with deploy/env.example (Debian's docker-compose).
.PHONY: compose-config
compose-config:
	bash scripts/ensure_compose.sh
	docker-compose --env-file deploy/env.example -f compose.yaml config -q
	CEPA_PRIVATE_IP=10.0.0.1 docker-compose --env-file deploy/env.example \
	  -f compose.yaml -f deploy/compose.3hosts.yaml config -q
	@echo "compose.yaml, deploy/compose.3hosts.yaml: valid"

# Delete personal data older than RETENTION_DAYS (default 90): tickets, feedback, tracker events.
purge: setup
	$(PY) -m bot.retention purge

clean:
	rm -rf var models .pytest_cache .mypy_cache .ruff_cache
