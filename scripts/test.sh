#!/usr/bin/env bash
# The whole test suite, as `make test` and CI run it.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/.venv/bin:$PATH"

# The static checks first (under a minute): no server starts if they fail.
scripts/lint.sh

source scripts/services.sh
services_start
trap services_stop EXIT

# Playwright drives Debian's Chromium: never download a browser of its own.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

echo "== rasa data validate"
rasa data validate  # warnings: see tests/test_data_validation.py

echo "== test stories (rasa test core)"
rasa test core --stories tests/stories --model models/puente.tar.gz \
  --out results/core --fail-on-prediction-errors

echo "== pytest"
# Two processes (pytest-xdist): most tests wait on a server starting or answering,
# so the second keeps the other core busy (11 -> 7 minutes on 2 cores). Each has its
# own PostgreSQL database (tests/databases.py) and ports; more processes would add
# a Rasa server's 850 MiB each for little gain. The 25 slowest tests are listed at
# the end: where the suite's time goes, per run.
pytest --numprocesses=2 --durations=25 "$@"
