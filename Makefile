# Two commands matter: `make run` (set up, build the index on first start, serve the chat)
# and `make test` (set up, lint, run the test suite). Both create .venv when missing.
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test setup system lint eval bench clean
# Debian packages for scanned PDFs (OCR) and legacy .doc/.rtf; optional: without them those
# readers say what to install and their tests skip.
DEBIAN_PKGS := tesseract-ocr tesseract-ocr-vie libreoffice-writer-nogui

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV) || python3 -m venv $(VENV)
	# torch first, pinned: the CPU build; an unpinned torch would pull several GB of CUDA
	$(BIN)/pip install -q torch==2.13.0
	# up to three tries: a registry proxy once served a wheel whose bytes did not match the
	# index's sha256 (CI failed in 50 s); a download that fails that way is taken again, fresh
	for try in 1 2 3; do $(BIN)/pip install -q -e '.[test]' && break; \
		[ $$try = 3 ] && exit 1; echo "pip install failed (try $$try of 3); trying again"; \
		$(BIN)/pip cache purge >/dev/null 2>&1 || true; sleep 5; done
	touch $(STAMP)

setup: $(STAMP) system

system:
	-@if command -v tesseract >/dev/null && tesseract --list-langs 2>/dev/null | grep -qx vie \
		&& command -v soffice >/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "installing $(DEBIAN_PKGS) (Debian packages)…"; \
		export DEBIAN_FRONTEND=noninteractive; \
		apt-get install -y -q --no-install-recommends $(DEBIAN_PKGS) >/dev/null 2>&1 \
		|| { apt-get update -q >/dev/null && apt-get install -y -q --no-install-recommends $(DEBIAN_PKGS) >/dev/null; } \
		|| echo "could not install $(DEBIAN_PKGS): OCR and .doc/.rtf stay unavailable"; \
	else echo "for OCR and .doc/.rtf, install (as root): apt-get install $(DEBIAN_PKGS)"; fi

run: $(STAMP)
	$(BIN)/python app.py

lint: $(STAMP)
	$(BIN)/ruff check .

# The browser tests drive Debian's chromium (never a downloaded browser); where it cannot be
# installed they skip and say why.
test: $(STAMP) system
	-bash tests/browser/install.sh
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -q

eval: $(STAMP)
	$(BIN)/python eval/score_reference.py eval/sets/dev.jsonl --cmd "$(BIN)/python -m assistant ask --jsonl"

clean:
	rm -rf $(VENV) .assistant-home
