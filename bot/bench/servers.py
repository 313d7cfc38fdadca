"""Start an assistant for a benchmark and time how long it takes to be ready."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import Dict, Iterator, List

import yaml

from bot.db import migrate
from bot.review.tracker import tracker_store_for
from bot.settings import PROJECT_ROOT, load_settings


def wait_ready(
    url: str, process: subprocess.Popen[bytes], timeout: float = 300
) -> float:
    """Seconds until ``url`` answers; raises if the process dies or time runs out."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with code {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=1):
                return time.monotonic() - started
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.1)
    raise TimeoutError(f"{url} not ready after {timeout} s")


@contextmanager
def background(
    command: List[str], cwd: Path, env: Dict[str, str] | None = None,
    log: Path | None = None,
) -> Iterator[subprocess.Popen[bytes]]:
    """Run ``command`` for the duration of the block, then stop it and its children."""
    out = open(log, "wb") if log else None
    process = subprocess.Popen(
        command, cwd=cwd, env={**os.environ, **(env or {})},
        stdout=subprocess.DEVNULL if out is None else out,
        stderr=subprocess.STDOUT, start_new_session=True,
    )
    try:
        yield process
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        if out is not None:
            out.close()


def migrated(env: Dict[str, str] | None = None) -> None:
    """Run what ``puente migrate`` does for the settings ``env`` gives a server.

    Servers only check the schema (:func:`bot.db.require_schema`), so whoever
    starts one, a deploy, a test or the bench, migrates its database first.
    """
    migrate(load_settings(env={**os.environ, **(env or {})}).database_url)


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) a running process has used so far, from /proc.

    Per-message CPU of each server tells which one a load is waiting on: both
    are single-threaded Python, so the busier one caps the throughput.
    """
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rasa_command(*args: str) -> List[str]:
    """``rasa`` from this virtual environment."""
    return [sys.executable, "-m", "rasa", *args]


def local_endpoints(work: Path, actions_port: int) -> Path:
    """Write ``work/endpoints.yml`` for a Rasa server started by a test or the bench.

    The action server on ``actions_port`` (with the project's ``endpoints.yml``
    settings for it) and a SQLite tracker store in ``work``, as ``make run`` gives
    Rasa.
    """
    project = yaml.safe_load((PROJECT_ROOT / "endpoints.yml").read_text())
    path = work / "endpoints.yml"
    path.write_text(yaml.safe_dump({
        "action_endpoint": {**project["action_endpoint"],
                            "url": f"http://127.0.0.1:{actions_port}/webhook"},
        "tracker_store": tracker_store_for(f"sqlite:///{work / 'conversations.db'}"),
    }))
    return path
