#!/usr/bin/env bash
# Install everything the tests need (see setup.sh) and run the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
.venv/bin/python -m pytest -q -p no:cacheprovider "$@"
