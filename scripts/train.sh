#!/usr/bin/env bash
# `make train`: train models/puente.tar.gz, Rasa's output kept in models/train.log.
# Rasa prints hundreds of lines while it trains (TensorFlow notices, warnings about
# responses no story uses): the terminal gets a line when it starts and one when it
# is done, with how many warnings the log holds; if training fails, the log's last
# lines. RASA names the rasa command (default: the one in .venv).
set -uo pipefail
cd "$(dirname "$0")/.."
rasa=${RASA:-.venv/bin/rasa}
log=models/train.log
mkdir -p models
echo "Training the model (a few minutes; Rasa's output goes to $log)..."
started=$SECONDS
started_at=$(date +%s)
# --skip-validation: `rasa train` would first run `rasa data validate` (23 s of the
# 3 minutes here); `make test` runs it beside the training, `make validate` alone.
$rasa train --fixed-model-name puente --out models --force --skip-validation >"$log" 2>&1
status=$?
if [ "$status" -ne 0 ]; then
  tail -n 40 "$log" >&2
  echo "Training failed (exit code $status): above are the last lines of $log." >&2
  exit "$status"
fi
# The model is as new as the inputs it read: dated when training began, so an input
# edited while it trained is newer and `make train` trains again (a model dated when
# it was written looked up to date, and the tests ran on the old responses).
touch -c -d "@$started_at" models/puente.tar.gz
warnings=$(grep -c -E "Warning|WARNING" "$log" || true)
echo "Trained models/puente.tar.gz in $((SECONDS - started)) s ($warnings warning lines in $log)."
