# The two commands of the README: `make demo` and `make test`.  Both create .venv and install everything.
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo lint test eval bench clean fuzz bench-load

$(STAMP): requirements.txt requirements-model.txt requirements-dev.txt requirements-framing.txt requirements-spark.txt pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/pip install -q -r requirements.txt -r requirements-dev.txt -r requirements-framing.txt -r requirements-spark.txt
	$(BIN)/pip install -q --require-hashes --no-deps -r requirements-model.txt
	$(BIN)/pip install -q --no-deps -e .
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/claimledger analyze examples/kupiansk-report.txt --published 2025-11-27 --db out/demo.sqlite

# The house rules first (seconds): lint, format, the import layers of pyproject.toml; then the suite.
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

test: $(STAMP) lint
	bash scripts/ensure-postgres.sh
	bash scripts/ensure-chromium.sh
	bash scripts/ensure-java.sh
	$(BIN)/python -m pytest -q

eval: $(STAMP)
	$(BIN)/python -m claimledger_eval.report

# A benchmark, not a test: throughput against raw spaCy, 1 -> 2 processes, RSS; rewrites docs/performance.md.
# Larger sizes: $(BIN)/python bench/run.py --n 1000 (or --n 10000).
bench: $(STAMP)
	$(BIN)/python bench/run.py
	$(BIN)/python bench/linking.py
	$(BIN)/python bench/scaling.py
	$(BIN)/python bench/languages.py
	$(BIN)/python bench/statements.py --sizes 10000 100000 1000000 --write-doc

# The fuzz suite of issue 14 with the long hypothesis profile (the normal test run uses a short one); the totals
# (examples, tracebacks, internal errors, partial rows) are printed and written to out/fuzz-totals.json.
fuzz: $(STAMP)
	mkdir -p out
	HYPOTHESIS_PROFILE=fuzz FUZZ_TOTALS=out/fuzz-totals.json $(BIN)/python -m pytest -q tests/fuzz

# The web server under 100 concurrent clients (and 1, for comparison) on a generated 100,000-claim ledger: a real
# `claimledger serve` on 127.0.0.1, 10 s + 30 s of load; writes the "Web under load" section of docs/reliability.md.
bench-load: $(STAMP)
	$(BIN)/python bench/api_load.py --workers 2 --write-doc

clean:
	rm -rf $(VENV) out
