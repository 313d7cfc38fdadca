#!/usr/bin/env bash
# Make .venv with Python 3.10 and Puente installed in it; do nothing when it is
# already up to date. Called by every `make` target that runs Python.
set -euo pipefail
cd "$(dirname "$0")/.."

find_python() {
  if command -v python3.10 >/dev/null 2>&1 && python3.10 -c 'import sys; assert sys.version_info[:2] == (3, 10)' 2>/dev/null; then
    command -v python3.10; return
  fi
  local root
  for root in "${PYENV_ROOT:-}" "$HOME/.pyenv"; do
    [ -n "$root" ] || continue
    for candidate in "$root"/versions/3.10*/bin/python3.10; do
      [ -x "$candidate" ] && { echo "$candidate"; return; }
    done
  done
  return 1
}

if [ ! -x .venv/bin/python ] || ! .venv/bin/python -c 'import sys; assert sys.version_info[:2] == (3, 10)' 2>/dev/null; then
  if ! python=$(find_python); then
    cat >&2 <<'MSG'

Puente needs Python 3.10 (Rasa 3.6 runs on Python 3.8-3.10), and none was found
on PATH or under pyenv.

Install it, then run the command again:
  - with pyenv:        pyenv install 3.10      (https://github.com/pyenv/pyenv)
  - Debian/Ubuntu:     sudo apt install python3.10 python3.10-venv
                       (on newer releases: the deadsnakes PPA)
  - macOS (Homebrew):  brew install python@3.10

MSG
    exit 1
  fi
  echo "Creating .venv with $python"
  rm -rf .venv
  "$python" -m venv .venv
fi

stamp=.venv/.puente-installed
want=$(cat pyproject.toml constraints.txt | sha256sum | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "Installing Puente and its dependencies into .venv (first time: about a minute)"
  # uv installs the same versions as pip (constraints.txt pins them) in a fifth of
  # the time: it downloads in parallel (a fresh .venv: pip 3 min 20 s, uv 32 s).
  .venv/bin/python -m pip install --quiet --constraint constraints.txt uv
  .venv/bin/uv pip install --python .venv/bin/python --quiet --compile-bytecode \
    --constraint constraints.txt -e '.[dev]'
  echo "$want" > "$stamp"
fi
