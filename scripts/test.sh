#!/usr/bin/env bash
# Install everything the tests need (see setup.sh) and run the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
# lint first (rules in pyproject.toml: line length 100, complexity 15): fails fast, before the
# suite's minutes
.venv/bin/ruff check src tests benchmarks scripts
.venv/bin/ruff format --check src tests benchmarks scripts
.venv/bin/python -m pytest -q -p no:cacheprovider "$@"
