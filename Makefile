# Puente: `make run` starts the assistant, `make test` runs every test.
# Both set up what they need on a fresh machine (.venv with Python 3.10, the model).

SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
RASA := $(VENV)/bin/rasa
MODEL := models/puente.tar.gz
# The model depends on the training data, the domain, the config and the code of
# the custom NLU components and policy: change any of them and it is retrained.
MODEL_INPUTS := config.yml domain.yml $(shell find data bot/nlu bot/lang bot/policies -type f \( -name '*.yml' -o -name '*.py' \) 2>/dev/null)

.PHONY: help setup run test train bench scale-test lint validate test-stories services clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

setup: $(VENV)/.puente-installed  ## create .venv and install Puente (Python 3.10)

$(VENV)/.puente-installed: pyproject.toml constraints.txt scripts/bootstrap.sh
	@scripts/bootstrap.sh

train: $(MODEL)  ## train the model if its inputs changed

$(MODEL): $(MODEL_INPUTS) | setup
	@RASA=$(RASA) scripts/train.sh

run: setup train  ## start Rasa (5005), actions (5055, local) and the pages server (8000)
	@$(PY) -m bot.cli.main run

validate: setup  ## check domain, data and stories
	$(RASA) data validate

test: setup  ## run every test (training the model meanwhile if its inputs changed)
	scripts/test.sh

bench: setup train  ## print NLU accuracy and speed figures against Rasa's defaults
	source scripts/services.sh && start_postgres && trap stop_postgres EXIT && $(PY) -m bot.bench $(PARTS)

scale-test: setup train  ## 2 Rasa replicas behind nginx, PostgreSQL, Redis: 200 conversations, one replica killed
	scripts/scale-test.sh $(ARGS)

lint: setup  ## ruff, then mypy (strict on bot/)
	@scripts/lint.sh

clean:  ## remove the model and runtime data (not .venv)
	rm -rf models var results
