#!/usr/bin/env bash
# The whole test suite, as `make test` and CI run it.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/.venv/bin:$PATH"

# Training the model (2-3 minutes on a fresh clone, nothing when it is up to date)
# goes on while the static checks run, the training data is validated and the test
# servers are installed and started: none of those needs the model.
# Its own process group (setsid, where there is one: not on macOS), so that stopping
# the tests stops Rasa's training too.
if command -v setsid >/dev/null; then
  setsid make --no-print-directory train &
else
  make --no-print-directory train &
fi
training=$!
source scripts/services.sh
trap 'kill -- -"$training" 2>/dev/null || kill "$training" 2>/dev/null || true
      services_stop' EXIT

# The static checks first (under a minute): no server starts if they fail.
scripts/lint.sh

echo "== rasa data validate"
rasa data validate  # warnings: see tests/test_data_validation.py

services_start

# Playwright drives Debian's Chromium: never download a browser of its own.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

if ! wait "$training"; then
  echo "The model could not be trained: no test that needs it can run." >&2
  exit 1
fi

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
