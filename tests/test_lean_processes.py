"""The processes that never need Rasa stay small and silent (issue 13, section 4).

Importing any ``rasa`` module loads TensorFlow (about 430 MiB and its start-up
notices). The ``puente`` commands and the action server need neither: each check
runs in a fresh interpreter, as a user would start it.
"""

import subprocess
import sys

import pytest

from bot.bench.memory import puente_command
from bot.settings import PROJECT_ROOT

MIB = 1024


@pytest.mark.parametrize("args", [["--help"], ["programs", "template"]])
def test_a_puente_command_is_small_and_prints_only_its_answer(args):
    run = puente_command(*args)
    assert run.imported == []
    assert run.peak_kib < 100 * MIB, f"{run.peak_kib // MIB} MiB"
    first = run.output.splitlines()[0]
    assert first.startswith(("usage: puente", "key,name,provider")), run.output[:500]
    for noise in ("tensorflow", "cuda", "Warning"):
        assert noise.lower() not in run.output.lower()


def test_the_action_server_loads_its_actions_without_rasa_or_tensorflow():
    """What ``python -m rasa_sdk --actions actions`` imports, and its peak memory."""
    check = (
        "import sys\n"
        "from rasa_sdk.executor import ActionExecutor\n"
        "executor = ActionExecutor()\n"
        "executor.register_package('actions')\n"
        "assert executor.actions, 'no action registered'\n"
        "print(sorted({'tensorflow', 'rasa'} & set(sys.modules)))\n"
        "status = open('/proc/self/status').read()\n"
        "print(int(status.split('VmHWM:')[1].split()[0]))\n"
    )
    done = subprocess.run([sys.executable, "-c", check], cwd=PROJECT_ROOT,
                          capture_output=True, text=True, timeout=120, check=True)
    imported, peak_kib = done.stdout.splitlines()[-2:]
    assert imported == "[]"
    assert int(peak_kib) < 300 * MIB


def test_the_command_line_offers_the_review_apps_roles():
    """``puente users add --role`` lists them without importing the accounts module."""
    from bot.cli.users import ROLES
    from bot.review.accounts import ROLES as SAVED

    assert ROLES == SAVED
