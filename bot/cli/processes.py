"""Start Puente's three servers together and stop them together.

``make run`` needs the Rasa server, the action server and the pages server at once;
Ctrl-C must stop all three cleanly. A server that dies while Puente is running is
restarted (after 1 s, then 2, 4... up to 30 s if it keeps dying) and the others go
on: families keep talking to Rasa while the action server comes back, and the REST
channel tells them kindly to try again meanwhile. A server that dies while starting
is a set-up problem (a port in use, a broken model): everything stops and says so.
Each server runs in its own process group so a terminal's Ctrl-C reaches only this
supervisor, which then stops them in order. Their output goes to log files under the
data folder and only real problems reach the terminal (:mod:`bot.cli.logs`): the
terminal shows the addresses and each process's memory, not ninety lines of start-up.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List

import yaml

from bot.channels.credentials import runtime_credentials
from bot.cli.logs import Relay
from bot.cli.memory import mib, status_kib, tree_rss_kib
from bot.settings import PROJECT_ROOT, Settings

#: Seconds a server gets to stop after SIGTERM before it is killed.
STOP_GRACE = 10.0
#: Seconds to wait before each restart of a server that keeps dying.
RESTART_DELAYS = (1.0, 2.0, 4.0, 8.0, 16.0, 30.0)
#: A server up this long is healthy again: its next restart waits the first delay.
HEALTHY_AFTER = 60.0
#: Every server's environment: TensorFlow's C++ start-up notices (CUDA, CPU
#: instructions) off, as Rasa sets for itself once it runs; output line by line, so
#: the log files keep the order things happened in.
QUIET = {"TF_CPP_MIN_LOG_LEVEL": "2", "PYTHONUNBUFFERED": "1"}


@dataclass
class Server:
    """One server process: how to start it and how to tell it is ready."""

    name: str
    command: List[str]
    ready_url: str
    log: Path
    env: Dict[str, str] = field(default_factory=dict)
    process: subprocess.Popen[str] | None = None
    relay: Relay | None = None
    started: float = 0.0
    #: Restarts in a row without staying up HEALTHY_AFTER seconds.
    restarts: int = 0
    restart_at: float | None = None

    def environment(self) -> Dict[str, str]:
        """Return the process's environment: ours, quieter, with the server's own."""
        return {**QUIET, **os.environ, **self.env}

    def start(self) -> None:
        """Start the process in its own session, its output relayed to its log."""
        self.process = subprocess.Popen(
            self.command, cwd=PROJECT_ROOT, env=self.environment(),
            start_new_session=True,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            errors="replace",
        )
        assert self.process.stdout is not None  # stdout=PIPE
        self.relay = Relay(self.name, self.process.stdout, self.log)
        self.started = time.monotonic()

    def rss_kib(self) -> int | None:
        """Resident memory of the server with its child processes (None: unknown)."""
        return tree_rss_kib(self.process.pid) if self.process else None

    def died(self) -> bool:
        """Whether the process was started and has exited."""
        return self.process is not None and self.process.poll() is not None

    def keep_alive(self, now: float) -> None:
        """Restart the server if it died, later each time it keeps dying."""
        if not self.died():
            if now - self.started >= HEALTHY_AFTER:
                self.restarts = 0
            return
        assert self.process is not None  # died() says it was started
        if self.restart_at is None:
            delay = RESTART_DELAYS[min(self.restarts, len(RESTART_DELAYS) - 1)]
            print(f"The {self.name} server stopped (exit code "
                  f"{self.process.returncode}); restarting it in {delay:.0f} s. "
                  f"Its log: {self.log}",
                  file=sys.stderr, flush=True)
            self.restart_at = now + delay
        elif now >= self.restart_at:
            self.restarts += 1
            self.restart_at = None
            self.start()

    def ready(self) -> bool:
        """Whether the server answers its readiness address."""
        try:
            with urllib.request.urlopen(self.ready_url, timeout=1):
                return True
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            return False

    def stop(self) -> None:
        """Ask the server to stop, then kill it if it does not."""
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(STOP_GRACE)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        if self.relay is not None:  # started with the process
            self.relay.finish()


def runtime_endpoints(settings: Settings) -> Path:
    """Write the endpoints file for this run's ports under the data folder.

    The configured endpoints file (``[rasa] endpoints``: ``endpoints.yml`` holds the
    defaults a Rasa developer expects) is copied with the configured action server
    port and, for SQLite, the tracker file in the data folder, where the review app
    and the purge look for it (:func:`bot.review.tracker.tracker_url`). An action
    server address taken from the environment (``${PUENTE_ACTION_URL}`` in
    ``endpoints.production.yml``: another container, another replica) is kept.
    """
    endpoints = yaml.safe_load(settings.endpoints.read_text())
    if "${" not in endpoints["action_endpoint"]["url"]:
        endpoints["action_endpoint"]["url"] = (
            f"http://127.0.0.1:{settings.actions_port}/webhook"
        )
    store = endpoints.get("tracker_store") or {}
    if store.get("dialect") == "sqlite":
        store["db"] = str(settings.data_dir / Path(store["db"]).name)
    path = settings.data_dir / "endpoints.yml"
    path.write_text(yaml.safe_dump(endpoints, sort_keys=False))
    return path


#: The servers' names, in start order (``puente serve NAME`` runs one of them).
SERVER_NAMES = ("actions", "rasa", "pages")
#: Seconds the action server keeps an idle connection open. Rasa calls it through
#: aiohttp, which reuses an idle connection for up to 15 s; Sanic closes one after
#: 5 s by default, so under load Rasa wrote into connections just closed ("Can not
#: write request body") and the family got no answer (the scale test found one).
#: The server must keep connections longer than the client reuses them.
ACTIONS_KEEP_ALIVE = 75


def servers(settings: Settings, model: Path) -> List[Server]:
    """Return the three servers, in start order (actions first: Rasa calls it)."""
    python = sys.executable
    endpoints = runtime_endpoints(settings)
    logs = log_folder(settings)
    return [
        Server(
            "actions",
            [python, "-m", "rasa_sdk", "--actions", "actions",
             "--port", str(settings.actions_port)],
            f"http://127.0.0.1:{settings.actions_port}/health",
            logs / "actions.log",
            env={"SANIC_HOST": settings.actions_host,
                 "SANIC_KEEP_ALIVE_TIMEOUT": str(ACTIONS_KEEP_ALIVE)},
        ),
        Server(
            "rasa",
            [python, "-m", "rasa", "run", "--model", str(model),
             "--interface", settings.host, "--port", str(settings.rasa_port),
             "--endpoints", str(endpoints),
             "--credentials", str(runtime_credentials(settings.data_dir))],
            f"{settings.rasa_url}/",
            logs / "rasa.log",
        ),
        Server(
            "pages",
            [python, "-m", "bot.web.app"],
            f"{settings.pages_url}/healthz",
            logs / "pages.log",
        ),
    ]


def log_folder(settings: Settings) -> Path:
    """Return where the servers' detailed logs go: ``logs/`` in the data folder."""
    return settings.data_dir / "logs"


def memory_report(group: List[Server]) -> str:
    """Say ``supervisor 51 MiB, actions 62 MiB, ...: 772 MiB in all`` ("" off Linux)."""
    figures = [("supervisor", status_kib(os.getpid()))]
    figures += [(server.name, server.rss_kib()) for server in group]
    known = [(name, kib) for name, kib in figures if kib is not None]
    if len(known) < len(figures):
        return ""
    total = sum(kib for _, kib in known)
    return ", ".join(f"{name} {mib(kib)}" for name, kib in known) + \
        f": {mib(total)} in all"


def ready_message(settings: Settings, group: List[Server], seconds: float) -> str:
    """Tell the addresses, each process's memory and where the logs are."""
    memory = memory_report(group)
    return (
        f"\nPuente is ready after {seconds:.1f} s:\n"
        f"  demo page and chat widget  {settings.pages_url}/\n"
        f"  Rasa REST channel          {settings.rasa_url}/webhooks/rest/webhook\n"
        f"  action server (local only) http://127.0.0.1:{settings.actions_port}\n"
        + (f"  memory                     {memory}\n" if memory else "")
        + f"  logs (errors also here)    {log_folder(settings)}{os.sep}\n"
        "Press Ctrl-C to stop.\n"
    )


def run_all(settings: Settings, model: Path) -> int:
    """Start every server, report the addresses, and supervise until Ctrl-C.

    Returns:
        The exit code: 0 after Ctrl-C, 1 if a server died while starting.
    """
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    from bot.programs.demo import prepare  # first run: programs table + demo data

    prepare(settings.database_url)
    group = servers(settings, model)
    interrupted = False

    def _interrupt(signum: int, frame: object) -> None:
        nonlocal interrupted
        interrupted = True

    signal.signal(signal.SIGINT, _interrupt)
    signal.signal(signal.SIGTERM, _interrupt)
    started = time.monotonic()
    try:
        for server in group:
            server.start()
        waiting = list(group)
        while waiting and not interrupted:
            waiting = [s for s in waiting if not s.ready()]
            if _dead(group):
                return 1
            time.sleep(0.25)
        if not interrupted:
            print(ready_message(settings, group, time.monotonic() - started),
                  flush=True)
        while not interrupted:
            for server in group:
                server.keep_alive(time.monotonic())
            time.sleep(0.5)
        return 0
    finally:
        print("Stopping Puente...", flush=True)
        for server in reversed(group):
            server.stop()


def _dead(group: List[Server]) -> bool:
    for server in group:
        if server.died():
            # died(): started, so its process and relay are set
            assert server.process is not None and server.relay is not None
            server.relay.finish()
            server.relay.show_recent()
            print(f"The {server.name} server stopped while starting (exit code "
                  f"{server.process.returncode}); stopping the others. "
                  f"Its log: {server.log}",
                  file=sys.stderr, flush=True)
            return True
    return False
