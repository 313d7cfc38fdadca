"""`puente run` (what `make run` starts): three servers up, one Ctrl-C stops them all,
and a server that dies is restarted while the others keep answering. It prints the
addresses and each process's memory, the servers' chatter goes to log files, and a
server that cannot start says why."""

import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import requests

from bot.bench.ports import free_port
from bot.settings import PROJECT_ROOT
from tests.servers import MODEL

pytestmark = pytest.mark.server


def _listening(port):
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


class Supervisor:
    """``puente run`` in the background; every line it prints is kept."""

    def __init__(self, tmp_path, **ports):
        self.ports = {"RASA": free_port(), "ACTIONS": free_port(), "PAGES": free_port(),
                      **ports}
        env = {**os.environ, "PUENTE_DATA_DIR": str(tmp_path),
               **{f"PUENTE_SERVER_{k}_PORT": str(v) for k, v in self.ports.items()}}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bot.cli.main", "run", "--model", str(MODEL)],
            cwd=PROJECT_ROOT, env=env, stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT, text=True,
        )
        self.output, self._seen = [], threading.Condition()
        threading.Thread(target=self._drain, daemon=True).start()

    def _drain(self):  # keep reading so the servers never block on a full pipe
        for line in self.process.stdout:
            with self._seen:
                self.output.append(line)
                self._seen.notify_all()
        with self._seen:
            self.output.append("<exited>")
            self._seen.notify_all()

    def printed(self):
        return "".join(self.output)

    def wait_for(self, words, timeout):
        """Wait until a line with ``words`` is printed (or the supervisor exits)."""
        with self._seen:
            self._seen.wait_for(lambda: words in self.printed()
                                or "<exited>" in self.output, timeout)
        assert words in self.printed(), self.printed()[-3000:]

    def url(self, server):
        return f"http://127.0.0.1:{self.ports[server]}"

    def stop(self):
        self.process.send_signal(signal.SIGINT)
        assert self.process.wait(timeout=40) == 0


@pytest.fixture
def supervisor(tmp_path):
    running = Supervisor(tmp_path)
    try:
        running.wait_for("Press Ctrl-C to stop", timeout=180)
        yield running
    finally:
        if running.process.poll() is None:
            running.stop()


def test_run_starts_everything_and_ctrl_c_stops_everything(supervisor, tmp_path):
    printed = supervisor.printed()
    assert "Puente is ready" in printed
    assert f"{supervisor.url('PAGES')}/" in printed
    assert "/webhooks/rest/webhook" in printed
    assert len(printed.splitlines()) < 30, printed
    assert "tensorflow" not in printed.lower() and "Warning" not in printed
    memory = next(line for line in printed.splitlines() if "in all" in line)
    for process in ("supervisor", "actions", "rasa", "pages"):
        assert re.search(rf"\b{process} [\d,]+ MiB", memory), memory
    logs = tmp_path / "logs"
    assert f"{logs}{os.sep}" in printed
    assert "Registered function for" in (logs / "actions.log").read_text()

    page = requests.get(f"{supervisor.url('PAGES')}/", timeout=10)
    assert page.status_code == 200
    answer = requests.post(f"{supervisor.url('PAGES')}/api/chat",
                           json={"message": "hola, cuanto cuesta la tutoria"},
                           timeout=60).json()
    assert answer["token"] and answer["messages"]
    assert (tmp_path / "conversations.db").exists(), "conversations are kept on disk"
    supervisor.stop()
    for port in supervisor.ports.values():
        assert not _listening(port)


def test_a_server_that_cannot_start_says_why(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        running = Supervisor(tmp_path, PAGES=taken.getsockname()[1])
        running.wait_for("<exited>", timeout=180)
    assert running.process.wait(timeout=10) == 1
    printed = running.printed()
    assert "The pages server stopped while starting" in printed
    assert "[pages] OSError: [Errno 98]" in printed
    assert "address already in use" in printed
    assert str(tmp_path / "logs" / "pages.log") in printed
    assert "Puente is ready" not in printed


def _pids_of(*words):
    """Processes whose command line holds every one of ``words``."""
    for entry in Path("/proc").iterdir():
        try:
            command = (entry / "cmdline").read_bytes().decode().split("\0")
        except (OSError, ValueError):
            continue
        if entry.name.isdigit() and all(word in command for word in words):
            yield int(entry.name)


def test_a_server_that_dies_is_restarted_and_the_others_keep_answering(supervisor):
    actions = str(supervisor.ports["ACTIONS"])
    for pid in _pids_of("rasa_sdk", actions):
        os.killpg(pid, signal.SIGKILL)
    supervisor.wait_for("The actions server stopped", timeout=30)
    assert "restarting it in 1 s" in supervisor.printed()
    assert requests.get(f"{supervisor.url('RASA')}/", timeout=10).ok
    assert requests.get(f"{supervisor.url('PAGES')}/healthz", timeout=10).ok

    deadline = time.monotonic() + 120
    while not _answers(f"http://127.0.0.1:{actions}/health"):
        assert supervisor.process.poll() is None, supervisor.printed()[-3000:]
        assert time.monotonic() < deadline, "the action server did not come back"
        time.sleep(0.2)
    answer = requests.post(f"{supervisor.url('RASA')}/webhooks/rest/webhook", json={
        "sender": "restart-test", "message": "busco tutoría cerca de 90255"},
        timeout=60).json()
    assert "Puente no puede responder" not in str(answer)
    assert answer


def _answers(url):
    try:
        return requests.get(url, timeout=2).ok
    except requests.RequestException:
        return False
