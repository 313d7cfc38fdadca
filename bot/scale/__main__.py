"""``python -m bot.scale``: run the scale test and print its line (``make scale-test``).

scripts/scale-test.sh installs and starts PostgreSQL and Redis (Debian's packages)
and names them in ``PUENTE_SCALE_POSTGRES_URL`` and ``PUENTE_SCALE_REDIS_PORT``;
this starts the rest: ``puente migrate``, two action servers, two Rasa replicas,
two pages servers (the commands of :mod:`bot.scale.topology`), nginx in front and
a fake Graph API for WhatsApp's answers. Throughput is measured with one Rasa
replica behind nginx, then two; then the main load runs with both and one is
killed (SIGKILL, as a crash) a third of the way through.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import secrets
import signal
import subprocess
import sys
import time
import urllib.request
from collections import Counter
from contextlib import ExitStack
from dataclasses import replace
from pathlib import Path
from typing import Dict, List, Sequence

from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url

from bot.bench.graph import FakeGraph, addressee
from bot.bench.ports import free_port
from bot.bench.servers import background, wait_ready
from bot.channels.inbox import PendingMessage
from bot.db import make_engine, session_scope
from bot.scale.check import Outcome, check
from bot.scale.load import (
    TURNS,
    Conversation,
    Target,
    chat_burst,
    conversations,
    drive,
    sign_in_burst,
)
from bot.scale.topology import NGINX_TEMP, Ports, loopback, nginx_conf, puente
from bot.settings import PROJECT_ROOT
from bot.web.conversations import ConversationTokens

#: Chat messages a minute from one address during the test: the burst sends more.
ADDRESS_LIMIT = 12
#: Wrong passwords before the review app refuses an address (LoginLimiter).
SIGN_IN_ATTEMPTS = 5
APP_SECRET = "scale-test-app-secret"


def _databases(server: str) -> Dict[str, str]:
    """Fresh ``puente`` and ``conversations`` databases on the PostgreSQL server."""
    admin = create_engine(server, isolation_level="AUTOCOMMIT", future=True)
    urls = {}
    with admin.connect() as connection:
        for name in ("scale_puente", "scale_conversations"):
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            connection.execute(text(f'CREATE DATABASE "{name}"'))
            urls[name] = make_url(server).set(database=name).render_as_string(
                hide_password=False)
    admin.dispose()
    return urls


def _environment(urls: Dict[str, str], redis_port: str, graph: FakeGraph,
                 ports: Ports) -> Dict[str, str]:
    """Return what every process gets: the settings and secrets of compose.yaml."""
    tracker = make_url(urls["scale_conversations"])
    return {
        "PUENTE_SERVER_HOST": "127.0.0.1",
        "PUENTE_DATABASE_URL": urls["scale_puente"],
        "PUENTE_RASA_ENDPOINTS": str(PROJECT_ROOT / "endpoints.production.yml"),
        "PUENTE_TRACKER_DB_HOST": str(tracker.host),
        "PUENTE_TRACKER_DB_PORT": str(tracker.port),
        "PUENTE_TRACKER_DB_NAME": str(tracker.database),
        "PUENTE_TRACKER_DB_USER": str(tracker.username),
        "PUENTE_TRACKER_DB_PASSWORD": tracker.password or "",
        "PUENTE_REDIS_HOST": "127.0.0.1",
        "PUENTE_REDIS_PORT": redis_port,
        "PUENTE_SECRET_KEY": secrets.token_hex(32),
        "PUENTE_ID_HASH_KEY": secrets.token_hex(32),
        "PUENTE_SERVER_RASA_UPSTREAM": f"http://127.0.0.1:{ports.internal}",
        "PUENTE_WEB_TRUSTED_PROXIES": "127.0.0.1",
        "PUENTE_WEB_MESSAGES_PER_MINUTE_PER_ADDRESS": str(ADDRESS_LIMIT),
        "WHATSAPP_PHONE_NUMBER_ID": "106540352242922",
        "WHATSAPP_ACCESS_TOKEN": "scale-test-token",
        "WHATSAPP_APP_SECRET": APP_SECRET,
        "WHATSAPP_VERIFY_TOKEN": "scale-test-verify",
        "WHATSAPP_API_BASE": graph.base,
    }


def _replicas(stack: ExitStack, work: Path, env: Dict[str, str],
              ports: Ports) -> List[subprocess.Popen[bytes]]:
    """Start the action servers, Rasa replicas and pages servers; return Rasa's."""
    starting = []
    rasa = []
    pairs = zip(ports.actions, ports.rasa, strict=True)
    for i, (actions_port, rasa_port) in enumerate(pairs, 1):
        for kind, extra, ready in (
            ("actions", {"PUENTE_SERVER_ACTIONS_PORT": str(actions_port)},
             f"http://127.0.0.1:{actions_port}/health"),
            ("rasa", {"PUENTE_SERVER_RASA_PORT": str(rasa_port),
                      "PUENTE_ACTION_URL": f"http://127.0.0.1:{actions_port}/webhook"},
             f"http://127.0.0.1:{rasa_port}/"),
        ):
            folder = work / f"{kind}-{i}"
            folder.mkdir(parents=True, exist_ok=True)
            process = stack.enter_context(background(
                puente(kind), PROJECT_ROOT, log=work / f"{kind}-{i}.log",
                env={**env, **extra, "PUENTE_DATA_DIR": str(folder)}))
            starting.append((ready, process))
            if kind == "rasa":
                rasa.append(process)
    for i, pages_port in enumerate(ports.pages, 1):
        folder = work / f"pages-{i}"
        folder.mkdir(parents=True, exist_ok=True)
        process = stack.enter_context(background(
            puente("pages"), PROJECT_ROOT, log=work / f"pages-{i}.log",
            env={**env, "PUENTE_SERVER_PAGES_PORT": str(pages_port),
                 "PUENTE_DATA_DIR": str(folder)}))
        starting.append((f"http://127.0.0.1:{pages_port}/healthz", process))
    for url, process in starting:
        wait_ready(url, process, timeout=900)
    return rasa


class Nginx:
    """Debian's nginx with a generated configuration, in the foreground."""

    def __init__(self, work: Path, ports: Ports) -> None:
        self.work, self.ports = work, ports
        self.conf = work / "nginx.conf"
        for temp in NGINX_TEMP:
            (work / "nginx-temp" / temp).mkdir(parents=True, exist_ok=True)

    def command(self, *extra: str) -> List[str]:
        """Nginx with this run's prefix, configuration and error log."""
        return ["nginx", "-p", str(self.work), "-c", str(self.conf),
                "-e", str(self.work / "nginx-error.log"), *extra]

    def configure(self, rasa: Sequence[int]) -> None:
        """Write the configuration sending Rasa's requests to ``rasa`` only."""
        self.conf.write_text(nginx_conf(
            f"127.0.0.1:{self.ports.public}", f"127.0.0.1:{self.ports.internal}",
            loopback(rasa), loopback(self.ports.pages), self.work))

    def reload(self, rasa: Sequence[int]) -> None:
        """Switch to ``rasa`` without dropping a request (nginx's graceful reload)."""
        self.configure(rasa)
        subprocess.run(self.command("-s", "reload"), check=True)


def _warm_up(rasa_port: int) -> None:
    """Send one message straight to a replica before measuring it.

    Its first answer builds the model's graph (seconds of CPU): start-up, not
    throughput.
    """
    request = urllib.request.Request(
        f"http://127.0.0.1:{rasa_port}/webhooks/rest/webhook",
        data=json.dumps({"sender": f"warm-up-{rasa_port}", "message": "hi"}).encode(),
        headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=600):
        pass


def _turns(families: Sequence[Conversation]) -> int:
    return sum(len(f.sent) for f in families)


def _drained(puente_url: str, timeout: float = 600) -> int:
    """Wait until no WhatsApp message waits for its answer; return how many still do.

    A message a killed replica was answering waits for its lease to run out, then
    the other replica's sweep answers it.
    """
    engine = make_engine(puente_url, create=False)
    deadline = time.monotonic() + timeout
    try:
        while True:
            with session_scope(engine) as session:
                waiting = session.scalar(select(func.count(PendingMessage.id_hash)))
            if not waiting or time.monotonic() > deadline:
                return int(waiting or 0)
            time.sleep(0.5)  # the inbox is another process's table: look again
    finally:
        engine.dispose()


def _line(outcome: Outcome, families: Sequence[Conversation], one: float, two: float,
          chat: Counter[int], sign_in: List[int]) -> str:
    web = sum(f.channel == "web" for f in families)
    chat_held = (chat[200] == ADDRESS_LIMIT
                 and chat[429] == sum(chat.values()) - ADDRESS_LIMIT)
    sign_in_held = (sign_in[:SIGN_IN_ATTEMPTS] == [401] * SIGN_IN_ATTEMPTS
                    and set(sign_in[SIGN_IN_ATTEMPTS:]) == {429})
    review = ("review counts match" if not outcome.review_mismatches else
              f"review counts differ for {outcome.review_mismatches}")
    return (
        f"scale test: {outcome.conversations} conversations ({web} web, "
        f"{len(families) - web} WhatsApp), {outcome.events} events, "
        f"{outcome.lost} lost, {outcome.duplicated} duplicated, "
        f"{outcome.answered_twice} answered twice, {outcome.unanswered} unanswered, "
        f"{review}; throughput {one:.2f} turns/s with 1 Rasa replica, {two:.2f} "
        f"with 2; chat limit {'held' if chat_held else 'NOT held'} "
        f"({chat[200]} of {sum(chat.values())} from one address), sign-in limit "
        f"{'held' if sign_in_held else 'NOT held'} ({sign_in})"
    )


def run(count: int, measure: int, think: float, work: Path) -> int:
    """Run the whole scale test; return the exit code (0: every check passed)."""
    server = os.environ["PUENTE_SCALE_POSTGRES_URL"]
    redis_port = os.environ["PUENTE_SCALE_REDIS_PORT"]
    work.mkdir(parents=True, exist_ok=True)
    urls = _databases(server)
    ports = Ports(public=free_port(), internal=free_port(),
                  rasa=(free_port(), free_port()), actions=(free_port(), free_port()),
                  pages=(free_port(), free_port()))
    with ExitStack() as stack:
        graph = FakeGraph().start()
        stack.callback(graph.stop)
        env = _environment(urls, redis_port, graph, ports)
        subprocess.run(puente("migrate"), cwd=PROJECT_ROOT, env={**os.environ, **env},
                       check=True)
        print(f"Starting 2 Rasa replicas, 2 action servers, 2 pages servers "
              f"(logs in {work})...", file=sys.stderr, flush=True)
        rasa = _replicas(stack, work, env, ports)
        nginx = Nginx(work, ports)
        nginx.configure(ports.rasa[:1])
        proxy = stack.enter_context(background(nginx.command("-g", "daemon off;"),
                                               work, log=work / "nginx.log"))
        base = f"http://127.0.0.1:{ports.public}"
        wait_ready(f"{base}/healthz", proxy, timeout=60)
        id_key = env["PUENTE_ID_HASH_KEY"].encode()
        target = Target(base, graph, APP_SECRET,
                        ConversationTokens(env["PUENTE_SECRET_KEY"].encode()), id_key,
                        think)
        for port in ports.rasa:
            _warm_up(port)
        # Throughput: families that write again at once, so the replicas are
        # always busy and the figure is what they can do, not what was asked.
        busy = replace(target, think=0.0)
        alone = conversations(0, measure, id_key)
        seconds = asyncio.run(drive(busy, alone))
        one = _turns(alone) / seconds
        nginx.reload(ports.rasa)
        pair = conversations(measure, measure, id_key)
        seconds = asyncio.run(drive(busy, pair))
        two = _turns(pair) / seconds
        print(f"Throughput: {one:.2f} turns/s with 1 replica, {two:.2f} with 2. "
              f"Now {count} conversations; one replica dies a third of the way.",
              file=sys.stderr, flush=True)

        main = conversations(2 * measure, count, id_key)
        kill_at = count * len(TURNS["en"]) // 3

        def kill(done: int) -> None:
            if done == kill_at:
                os.killpg(rasa[1].pid, signal.SIGKILL)
                print(f"Killed Rasa replica 2 after {done} turns.", file=sys.stderr,
                      flush=True)

        asyncio.run(drive(target, main, kill))
        waiting = _drained(urls["scale_puente"])
        chat = asyncio.run(chat_burst(base, "127.0.9.1", ADDRESS_LIMIT + 5))
        sign_in = asyncio.run(sign_in_burst(base, "127.0.9.2", SIGN_IN_ATTEMPTS + 3))
        families = [*alone, *pair, *main]
        sends = Counter(addressee(r["json"]) for r in graph.requests
                        if r["status"] == 200)
        tracker = make_engine(urls["scale_conversations"], create=False)
        puente_db = make_engine(urls["scale_puente"], create=False)
        outcome = check(families, tracker, puente_db, sends)
        tracker.dispose()
        puente_db.dispose()
    saw: Counter[str] = Counter()
    for family in families:
        saw.update(family.saw)
    print(f"What clients saw before retrying: {dict(saw) or 'nothing'}; gave up on "
          f"{sum(f.gave_up for f in families)} message(s); {waiting} WhatsApp "
          "message(s) still waiting at the end.", file=sys.stderr, flush=True)
    if outcome.problems:
        (work / "problems.txt").write_text("\n\n".join(outcome.problems))
        print(f"{len(outcome.problems)} conversation(s) went wrong: "
              f"{work / 'problems.txt'}", file=sys.stderr)
    line = _line(outcome, families, one, two, chat, sign_in)
    print(line, flush=True)
    held = "NOT held" not in line
    return 0 if outcome.clean and held and not waiting else 1


def main(argv: List[str] | None = None) -> int:
    """Parse the arguments and run the scale test."""
    parser = argparse.ArgumentParser(prog="python -m bot.scale",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--conversations", type=int, default=200,
                        help="conversations at once in the main load (200)")
    parser.add_argument("--measure", type=int, default=10,
                        help="conversations of each throughput measure (10)")
    parser.add_argument("--think", type=float, default=20.0,
                        help="seconds a family takes to type its next message (20)")
    parser.add_argument("--work", type=Path, default=PROJECT_ROOT / "var" / "scale")
    args = parser.parse_args(argv)
    return run(args.conversations, args.measure, args.think, args.work)


if __name__ == "__main__":
    sys.exit(main())
