"""Start the real action server and Rasa server for end-to-end tests."""

from __future__ import annotations

import os
import subprocess
import sys
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import requests

from bot.bench.ports import free_port
from bot.bench.servers import (
    background,
    local_endpoints,
    migrated,
    rasa_command,
    wait_ready,
)
from bot.cli.logs import Problems
from bot.settings import PROJECT_ROOT

#: The trained model; PUENTE_MODEL points elsewhere (a model trained on the side).
MODEL = Path(os.environ.get("PUENTE_MODEL", PROJECT_ROOT / "models" / "puente.tar.gz"))


@dataclass
class Assistant:
    """Addresses of a running assistant."""

    rasa_port: int
    actions_port: int
    work: Path

    @property
    def webhook(self) -> str:
        return f"http://127.0.0.1:{self.rasa_port}/webhooks/rest/webhook"

    def say(self, sender: str, text: str, metadata: dict | None = None) -> list:
        """Send one message; return the bot's messages."""
        body = {"sender": sender, "message": text}
        if metadata:
            body["metadata"] = metadata
        response = requests.post(self.webhook, json=body, timeout=60)
        response.raise_for_status()
        return response.json()


@contextmanager
def rasa_server(work: Path, actions_port: int, rasa_port: int,
                credentials: Path = PROJECT_ROOT / "credentials.yml",
                env: dict | None = None) -> Iterator[subprocess.Popen]:
    """The Rasa server on ``rasa_port`` with a SQLite tracker store under ``work``;
    the process is yielded for tests that kill it."""
    migrated(env)
    endpoints = local_endpoints(work, actions_port)
    command = rasa_command("run", "--model", str(MODEL), "--port", str(rasa_port),
                           "--interface", "127.0.0.1", "--endpoints", str(endpoints),
                           "--credentials", str(credentials))
    with background(command, PROJECT_ROOT, env=env, log=work / "rasa.log") as process:
        wait_ready(f"http://127.0.0.1:{rasa_port}/", process, timeout=180)
        yield process


@contextmanager
def action_server(work: Path, port: int, env: dict | None = None,
                  database_up: bool = True) -> Iterator[None]:
    """The action server on ``port`` (localhost only); ``env`` adds variables.

    Its database is migrated first, as a deploy does, unless ``database_up`` is
    False (a test of a database that is down).
    """
    command = [sys.executable, "-m", "rasa_sdk", "--actions", "actions",
               "--port", str(port)]
    if database_up:
        migrated(env)
    with background(
        command,
        PROJECT_ROOT,
        env={"SANIC_HOST": "127.0.0.1", **(env or {})},
        log=work / "actions.log",
    ) as process:
        wait_ready(f"http://127.0.0.1:{port}/health", process, timeout=120)
        yield


def problems_logged(work: Path) -> list[str]:
    """The lines of the servers' logs under ``work`` that ``make run`` would show
    as problems (errors, tracebacks: :class:`bot.cli.logs.Problems`).

    For the modules whose conversations are all ordinary: a reply can look right
    while a server logs an error behind it (Rasa's interpolator read a button's
    JSON payload as a placeholder, logged a stack trace, and sent it anyway).
    """
    found = []
    for name in ("rasa.log", "actions.log"):
        log = work / name
        if log.exists():
            problem = Problems()
            found += [f"{name}: {line.rstrip()}"
                      for line in log.read_text(encoding="utf-8").splitlines()
                      if problem(line)]
    return found


@contextmanager
def assistant(work: Path, actions_env: dict | None = None,
              database_up: bool = True) -> Iterator[Assistant]:
    """Action server and Rasa server, started together, stopped together."""
    running = Assistant(free_port(), free_port(), work)
    with ExitStack() as stack:
        stack.enter_context(action_server(work, running.actions_port, actions_env,
                                          database_up))
        stack.enter_context(rasa_server(work, running.actions_port, running.rasa_port))
        yield running
