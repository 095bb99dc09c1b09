# Two commands matter: `make run` (set up, build the index on first start, serve the chat)
# and `make test` (set up, lint, run the test suite). Both create .venv when missing.
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test setup lint eval bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV) || python3 -m venv $(VENV)
	# torch first, pinned: the CPU build; an unpinned torch would pull several GB of CUDA
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -e '.[test]'
	touch $(STAMP)

setup: $(STAMP)

run: $(STAMP)
	$(BIN)/python app.py

lint: $(STAMP)
	$(BIN)/ruff check .

# The browser tests drive Debian's chromium (never a downloaded browser); where it cannot be
# installed they skip and say why.
test: $(STAMP)
	-bash tests/browser/install.sh
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -q

eval: $(STAMP)
	$(BIN)/python eval/score_reference.py eval/sets/dev.jsonl --cmd "$(BIN)/python -m assistant ask --jsonl"

clean:
	rm -rf $(VENV) .assistant-home
