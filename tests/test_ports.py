"""Ports for test servers: never one the kernel could hand out, never one twice."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys

import pytest

from bot.bench.ports import REGISTRY, candidates, free_port
from bot.settings import PROJECT_ROOT


def test_ports_lie_outside_the_ephemeral_range(tmp_path):
    ranges = tmp_path / "ip_local_port_range"
    ranges.write_text("32768\t60999\n")
    pool = candidates(ranges)
    assert pool and not any(32768 <= port <= 60999 for port in pool)
    assert min(pool) >= 10000 and 61000 in pool


def test_a_machine_whose_ephemeral_range_is_everything_still_gets_ports(tmp_path):
    ranges = tmp_path / "ip_local_port_range"
    ranges.write_text("1024 65535\n")
    assert len(candidates(ranges)) == 65536 - 10000 - 1  # less 10080


def test_no_port_a_browser_refuses_is_handed_out(tmp_path):
    """Chromium will not load a page from 10080 (net::ERR_UNSAFE_PORT), and the
    browser tests serve the widget on a handed-out port."""
    for line in ("32768 60999\n", "1024 65535\n"):
        ranges = tmp_path / "ip_local_port_range"
        ranges.write_text(line)
        assert 10080 not in candidates(ranges)


def test_one_process_never_gets_the_same_port_twice(tmp_path):
    registry = tmp_path / "ports"
    ports = [free_port(registry=registry) for _ in range(200)]
    assert len(set(ports)) == 200


def test_a_port_someone_listens_on_is_never_handed_out(tmp_path, monkeypatch):
    with socket.socket() as listening:
        listening.bind(("127.0.0.1", 0))
        listening.listen()
        busy = listening.getsockname()[1]
        monkeypatch.setattr("bot.bench.ports.candidates", lambda: [busy])
        with pytest.raises(OSError, match="no free TCP port"):
            free_port(registry=tmp_path / "ports")


def test_two_test_runs_at_once_never_share_a_port(tmp_path):
    """Two processes, each taking 150 ports at the same time, as two fresh-clone
    runs of ``make test`` side by side do.

    Each keeps running (waiting for its input to close) until both have taken
    their ports, as a test run lives while its servers do: a process that has
    ended gives its ports back, so one that finished first could otherwise see
    its ports taken again by the other.
    """
    registry = tmp_path / "ports"
    script = ("import json, sys; from pathlib import Path; "
              "from bot.bench.ports import free_port; "
              "print(json.dumps([free_port(registry=Path(sys.argv[1])) "
              "for _ in range(150)]), flush=True); sys.stdin.read()")
    runs = [subprocess.Popen([sys.executable, "-c", script, str(registry)],
                             cwd=PROJECT_ROOT, stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, text=True)
            for _ in range(2)]
    try:
        first, second = (set(json.loads(run.stdout.readline())) for run in runs)
    finally:
        for run in runs:
            run.stdin.close()
            run.wait(timeout=60)
    assert len(first) == len(second) == 150
    assert not first & second


def test_a_finished_process_gives_its_ports_back(tmp_path, monkeypatch):
    registry = tmp_path / "ports"
    ended = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                           capture_output=True, text=True, check=True)
    dead = int(ended.stdout)
    monkeypatch.setattr("bot.bench.ports.candidates", lambda: [23456])
    registry.write_text(f"23456 {dead}\n")
    assert free_port(registry=registry) == 23456
    assert registry.read_text() == f"23456 {os.getpid()}\n"


def test_the_shell_helper_keeps_the_port_for_the_shell(tmp_path):
    """``scripts/services.sh`` picks PostgreSQL's port with the file itself, run
    by any python3, for the shell's pid."""
    shown = subprocess.run(
        ["python3", str(PROJECT_ROOT / "bot" / "bench" / "ports.py"),
         "--for", str(os.getpid())],
        capture_output=True, text=True, check=True,
    )
    assert f"{int(shown.stdout)} {os.getpid()}\n" in REGISTRY.read_text()
