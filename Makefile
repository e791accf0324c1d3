PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev

# Compiled translation catalogs: built from the .po files, not committed (README, Languages).
MO := $(patsubst %.po,%.mo,$(wildcard bot/conversation/locale/*/LC_MESSAGES/messages.po))

.PHONY: run test lint bench worker clean i18n nlu-model nlu-eval nlu-native

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	touch $@

$(DEV_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[dev]'
	touch $@ $(STAMP)

%.mo: %.po | $(STAMP)
	$(BIN)/python -m bot.conversation.catalog compile

i18n: $(STAMP)
	$(BIN)/python -m bot.conversation.catalog

run: $(STAMP) $(MO)
	$(BIN)/flask --app webhooks db upgrade
	$(BIN)/flask --app webhooks seed-demo
	$(BIN)/python -m bot.web.serve

# The NLU's rule modules compiled by mypyc (bot/nlu/native.py): rebuilt when a source of the NLU changes. Without a C
# compiler and Python's headers the build fails, says so, and the NLU is read from its Python source.
NLU_NATIVE := build/nlu-native/manifest.json
$(NLU_NATIVE): $(wildcard bot/nlu/*.py) | $(DEV_STAMP)
	-$(BIN)/python -m bot.nlu.build_native

nlu-native: $(DEV_STAMP)
	$(BIN)/python -m bot.nlu.build_native

# The suite runs on every core (pytest-xdist); each worker starts its own Redis and PostgreSQL (tests/services.py).
test: $(DEV_STAMP) $(MO) $(NLU_NATIVE)
	$(BIN)/ruff check .
	$(BIN)/mypy .
	$(BIN)/python -m pytest -q -n auto

lint: $(DEV_STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy .

bench: $(DEV_STAMP)
	$(BIN)/python bench/run.py

# The intent model (bot/nlu/intent_model.tsv), fitted on the labelled corpus; the same corpus gives the same file.
nlu-model: $(DEV_STAMP)
	$(BIN)/python -m bot.nlu.training model

# Held-out figures: per-intent precision, recall and confusion matrix of every labelled set, leave-one-round-out
# and leave-one-writer-out. MISSES=1 also lists every misread message.
nlu-eval: $(DEV_STAMP)
	$(BIN)/python -m bot.nlu.training eval $(if $(MISSES),--misses)

worker: $(STAMP)
	$(BIN)/rq worker --url "$$REDIS_URL" --worker-class rq.worker.SimpleWorker --with-scheduler motcua

clean:
	rm -rf $(VENV) build *.egg-info
