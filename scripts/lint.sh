#!/usr/bin/env bash
# The static checks, as `make lint` and `make test` (first) run them: ruff, then
# mypy (strict on bot/, checked on actions/; see [tool.mypy] in pyproject.toml).
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== ruff"
.venv/bin/ruff check bot actions tests
echo "== mypy"
.venv/bin/mypy
