"""`puente run` (what `make run` starts): three servers up, one Ctrl-C stops them all."""

import os
import signal
import socket
import subprocess
import sys
import threading

import pytest
import requests

from bot.bench.servers import free_port
from bot.settings import PROJECT_ROOT
from tests.servers import MODEL

pytestmark = pytest.mark.server


def _listening(port):
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


def test_run_starts_everything_and_ctrl_c_stops_everything(tmp_path):
    ports = {"RASA": free_port(), "ACTIONS": free_port(), "PAGES": free_port()}
    env = {**os.environ, "PUENTE_DATA_DIR": str(tmp_path),
           **{f"PUENTE_SERVER_{k}_PORT": str(v) for k, v in ports.items()}}
    process = subprocess.Popen(
        [sys.executable, "-m", "bot.cli.main", "run", "--model", str(MODEL)],
        cwd=PROJECT_ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        text=True,
    )
    output, ready = [], threading.Event()

    def drain():  # keep reading so the servers never block on a full pipe
        for line in process.stdout:
            output.append(line)
            if "Press Ctrl-C to stop" in line:
                ready.set()
        ready.set()

    threading.Thread(target=drain, daemon=True).start()
    try:
        ready.wait(timeout=180)
        printed = "".join(output)
        assert "Puente is ready" in printed, printed[-3000:]
        assert f"http://127.0.0.1:{ports['PAGES']}/" in printed
        assert f"/webhooks/rest/webhook" in printed

        page = requests.get(f"http://127.0.0.1:{ports['PAGES']}/", timeout=10)
        assert page.status_code == 200
        answer = requests.post(f"http://127.0.0.1:{ports['PAGES']}/api/chat",
                               json={"message": "hola, cuanto cuesta la tutoria"},
                               timeout=60).json()
        assert answer["token"] and answer["messages"]
        assert (tmp_path / "conversations.db").exists(), "conversations are kept on disk"
    finally:
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=40) == 0
    for port in ports.values():
        assert not _listening(port)
