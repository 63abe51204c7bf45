#!/usr/bin/env bash
# Install vnevents, ingest the bundled example reports and serve the dashboard
# on http://127.0.0.1:8000 (Ctrl-C stops it).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/vnevents ingest examples/ --db examples.db
exec .venv/bin/vnevents serve --db examples.db --host 127.0.0.1 --port "${PORT:-8000}"
