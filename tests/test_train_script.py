"""`make train` (in a first `make run`): two lines on the terminal, Rasa's in a log.

Runs scripts/train.sh from a copy of the project's scripts folder with a stand-in for
``rasa`` that prints as much as a real training run, so no model is trained here.
"""

import shutil
import subprocess

from bot.settings import PROJECT_ROOT

CHATTY_RASA = """#!/usr/bin/env bash
for n in $(seq 1 500); do
  echo "/x/rasa/shared/utils/io.py:99: UserWarning: utter_$n is not used in any story"
done
echo "2026-12-03 21:20:05.3: I tensorflow/core/platform/cpu_feature_guard.cc] AVX2" >&2
# Rasa's default domain (domain.yml) and data (data/): no --domain, no --data;
# no validation pass of its own (make test and make validate run it).
[ "$*" = "train --fixed-model-name puente --out models --force --skip-validation" ] || {
  echo "wrong arguments: $*" >&2; exit 9; }
exit ${RASA_EXIT:-0}
"""


def _train(tmp_path, exit_code):
    (tmp_path / "scripts").mkdir()
    shutil.copy(PROJECT_ROOT / "scripts" / "train.sh", tmp_path / "scripts")
    rasa = tmp_path / "rasa"
    rasa.write_text(CHATTY_RASA)
    rasa.chmod(0o755)
    return subprocess.run(
        ["bash", str(tmp_path / "scripts" / "train.sh")], cwd=tmp_path,
        env={"PATH": "/usr/bin:/bin", "RASA": str(rasa), "RASA_EXIT": str(exit_code)},
        capture_output=True, text=True, timeout=60,
    )


def test_training_prints_two_lines_and_keeps_rasas_output(tmp_path):
    done = _train(tmp_path, 0)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert done.stdout.splitlines() == [
        "Training the model (a few minutes; Rasa's output goes to models/train.log)...",
        done.stdout.splitlines()[1],
    ]
    assert "(500 warning lines in models/train.log)" in done.stdout
    log = (tmp_path / "models" / "train.log").read_text()
    assert log.count("UserWarning") == 500 and "cpu_feature_guard" in log


def test_a_failed_training_shows_the_end_of_rasas_output(tmp_path):
    done = _train(tmp_path, 3)
    assert done.returncode == 3
    shown = done.stderr.splitlines()
    assert len(shown) == 41
    assert "cpu_feature_guard" in shown[-2]
    assert shown[-1] == ("Training failed (exit code 3): above are the last lines "
                         "of models/train.log.")
