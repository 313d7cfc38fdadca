"""What `make run` shows of its servers' output: real problems, not start-up chatter.

Lines are the servers' own, copied from a real start (Rasa, rasa_sdk, Sanic, Python
warnings) and from real failures.
"""
# ruff: noqa: E501  (server lines are kept as long as the servers print them)

import io

from bot.cli.logs import Relay

START_UP = """\
/work/main/.venv/lib/python3.10/site-packages/sanic_cors/extension.py:39: DeprecationWarning: distutils Version classes are deprecated. Use packaging.version instead.
  SANIC_VERSION = LooseVersion(sanic_version)
2026-12-03 21:18:32 INFO     rasa_sdk.endpoint  - Starting action endpoint server...
2026-12-03 21:18:34 INFO     rasa_sdk.executor  - Registered function for 'action_default_fallback'.
2026-12-03 21:18:34 INFO     rasa_sdk.executor  - Registered function for 'action_error_report'.
[2026-12-03 21:18:35 +0000] [22961] [INFO] Goin' Fast @ http://127.0.0.1:60525
2026-12-03 21:20:05.344439: I tensorflow/tsl/cuda/cudart_stub.cc:28] Could not find cuda drivers on your machine, GPU will not be used.
2026-12-03 21:20:07.208605: W tensorflow/compiler/tf2tensorrt/utils/py_utils.cc:38] TF-TRT Warning: Could not find TensorRT
/work/main/.venv/lib/python3.10/site-packages/rasa/shared/utils/io.py:99: UserWarning: Issue found in 'domain': utter_x is not used in any story or rule.
2026-12-03 21:18:48 WARNING  rasa.core.agent  - Errors were logged earlier at debug level.
2026-12-03 21:18:53 INFO     root  - Rasa server is up and running.
"""

PROBLEMS = """\
2026-12-03 21:24:48 ERROR    rasa.core.actions.action  - Failed to run custom action 'action_search_programs'.
[2026-12-03 21:24:49 +0000] [22961] [ERROR] Exception occurred while handling uri: 'http://127.0.0.1:8000/api/chat'
Traceback (most recent call last):
  File "/work/main/bot/web/app.py", line 90, in chat
    reply = await forward(message)
sqlite3.OperationalError: no such table: web_rate_counters
2026-12-03 21:20:05.344439: E tensorflow/core/framework/op_kernel.cc:1830] Unknown: failed to load
\x1b[91mThe model couldn't be loaded: models/puente.tar.gz is not a Rasa model.\x1b[0m
CRITICAL:root:the tracker store cannot be reached
"""


def _relay(text, tmp_path):
    """Relay ``text`` as a server named "rasa"; return the terminal and the log."""
    terminal = io.StringIO()
    relay = Relay("rasa", io.StringIO(text), tmp_path / "logs" / "rasa.log", terminal)
    relay.finish()
    return terminal.getvalue(), (tmp_path / "logs" / "rasa.log").read_text()


def test_start_up_chatter_goes_only_to_the_log(tmp_path):
    terminal, log = _relay(START_UP, tmp_path)
    assert terminal == ""
    assert START_UP in log, "the log keeps every line"
    assert log.startswith("---- rasa server started ")


def test_errors_and_whole_tracebacks_reach_the_terminal(tmp_path):
    terminal, log = _relay(START_UP + PROBLEMS + START_UP, tmp_path)
    assert terminal == "".join(f"[rasa] {line}\n" for line in PROBLEMS.splitlines())
    assert START_UP + PROBLEMS + START_UP in log


def test_chained_tracebacks_are_shown_whole(tmp_path):
    chained = (
        "Traceback (most recent call last):\n"
        '  File "a.py", line 1, in <module>\n'
        "KeyError: 'x'\n"
        "\n"
        "During handling of the above exception, another exception occurred:\n"
        "\n"
        "Traceback (most recent call last):\n"
        '  File "a.py", line 3, in <module>\n'
        "OSError: [Errno 98] address already in use\n"
    )
    terminal, _ = _relay(START_UP + chained, tmp_path)
    assert "During handling of the above exception" in terminal
    assert terminal.count("Traceback") == 2
    assert terminal.endswith("[rasa] OSError: [Errno 98] address already in use\n")


def test_a_server_that_dies_showing_nothing_shows_its_last_lines(tmp_path):
    lines = [f"2026-12-03 21:18:3{n} INFO     rasa  - step {n}\n" for n in range(20)]
    lines.append("rasa: error: argument --port: invalid int value: 'x'\n")
    terminal = io.StringIO()
    relay = Relay("rasa", io.StringIO("".join(lines)), tmp_path / "rasa.log", terminal)
    relay.finish()
    assert terminal.getvalue() == ""
    relay.show_recent()
    shown = terminal.getvalue().splitlines()
    assert len(shown) == 15
    assert shown[-1] == "[rasa] rasa: error: argument --port: invalid int value: 'x'"

