"""Start-up time and REST throughput: Puente against a stock `rasa init` assistant.

Both run on this machine in the same benchmark run, one after the other, with the
same messages, so the ratio is meaningful even when absolute numbers drift.
"""

from __future__ import annotations

import asyncio
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import List, Sequence

import numpy as np
import yaml
from rasa.core.agent import Agent

from bot.bench import corpus
from bot.bench.load import LoadResult, run_load
from bot.bench.servers import background, free_port, rasa_command, wait_ready
from bot.settings import PROJECT_ROOT

MESSAGES = [
    "hi", "what is high impact tutoring?", "cuanto cuesta", "is it free",
    "mi hijo califica para tutoria?", "how often are the sessions",
    "quien da la tutoria", "thanks", "how do I ask my school for tutoring",
    "gracias",
]


@dataclass
class SpeedResult:
    """What one assistant measured."""

    name: str
    ready_seconds: float
    loads: List[LoadResult]


def _measure(name: str, url: str, ready_seconds: float) -> SpeedResult:
    asyncio.run(run_load(url, MESSAGES, concurrency=2, turns=10))  # warm-up
    loads = [
        asyncio.run(run_load(url, MESSAGES, concurrency=1, turns=100)),
        asyncio.run(run_load(url, MESSAGES, concurrency=10, turns=30)),
    ]
    return SpeedResult(name, ready_seconds, loads)


def measure_puente(model: Path, work: Path) -> SpeedResult:
    """Start Puente's action server and Rasa server as `make run` does, and load it."""
    rasa_port, actions_port = free_port(), free_port()
    endpoints = work / "endpoints.yml"
    endpoints.write_text(yaml.safe_dump({
        "action_endpoint": {"url": f"http://127.0.0.1:{actions_port}/webhook"},
        "tracker_store": {"type": "bot.conversations.store.SQLTrackerStore", "dialect": "sqlite",
                          "db": str(work / "conversations.db")},
    }))
    actions = ["-m", "rasa_sdk", "--actions", "actions", "--port", str(actions_port)]
    with background([sys.executable, *actions], PROJECT_ROOT,
                    env={"SANIC_HOST": "127.0.0.1"}, log=work / "actions.log") as act, \
         background(rasa_command("run", "--model", str(model), "--port", str(rasa_port),
                                 "--interface", "127.0.0.1", "--endpoints", str(endpoints),
                                 "--credentials", "credentials.yml"),
                    PROJECT_ROOT, log=work / "rasa.log") as rasa:
        ready = max(
            wait_ready(f"http://127.0.0.1:{rasa_port}/", rasa),
            wait_ready(f"http://127.0.0.1:{actions_port}/health", act),
        )
        return _measure("Puente", f"http://127.0.0.1:{rasa_port}/webhooks/rest/webhook",
                        ready)


def stock_assistant(cache: Path) -> Path:
    """A trained stock `rasa init` project (made once, kept under ``cache``)."""
    project = cache / "stock"
    if not list((project / "models").glob("*.tar.gz")):
        shutil.rmtree(project, ignore_errors=True)
        project.mkdir(parents=True)
        with open(cache / "stock-init.log", "w") as log:  # training chatter, kept aside
            subprocess.run(rasa_command("init", "--no-prompt", "--init-dir", str(project)),
                           check=True, cwd=project, stdout=log, stderr=subprocess.STDOUT)
    return project


def measure_stock(cache: Path) -> SpeedResult:
    """Start the stock assistant with `rasa run` and load it the same way."""
    project = stock_assistant(cache)
    port = free_port()
    with background(rasa_command("run", "--port", str(port), "--interface", "127.0.0.1"),
                    project, log=cache / "stock-rasa.log") as rasa:
        ready = wait_ready(f"http://127.0.0.1:{port}/", rasa)
        return _measure("stock rasa init", f"http://127.0.0.1:{port}/webhooks/rest/webhook",
                        ready)


def report(ours: SpeedResult, stock: SpeedResult) -> List[str]:
    """Printable lines with the ratios the targets are stated in."""
    lines = ["", "Speed (REST webhook, this machine, same run)"]
    for result in (ours, stock):
        lines.append(f"{result.name:24} ready after {result.ready_seconds:5.1f} s")
        lines += [load.row(result.name) for load in result.loads]
    for ours_load, stock_load in zip(ours.loads, stock.loads):
        lines.append(
            f"throughput ratio at {ours_load.concurrency:>2} concurrent: "
            f"{ours_load.per_second / stock_load.per_second:4.1f}x the stock assistant"
        )
    return lines


def nlu_milliseconds(model: Path, texts: Sequence[str]) -> np.ndarray:
    """Time Puente's whole NLU pipeline on each text, one at a time, warmed up."""
    agent = Agent.load(str(model))

    async def timed() -> List[float]:
        await agent.parse_message("warm up: what is tutoring?")
        times = []
        for text in texts:
            started = time.perf_counter()
            await agent.parse_message(text)
            times.append(1000 * (time.perf_counter() - started))
        return times

    return np.array(asyncio.run(timed()))


def nlu_report(model: Path) -> List[str]:
    """NLU time per message: the load test's mix, and real questions (dev split).

    The sentence encoder runs only on messages the lexical model is unsure of, so
    the two mixes differ: short everyday turns against real parents' questions.
    """
    lines = ["", "NLU time per message (the whole pipeline, one message at a time)"]
    for name, texts in (("load-test mix", MESSAGES * 10),
                        ("real questions", [q.question for q in corpus.load("dev")])):
        p50, p95 = np.percentile(nlu_milliseconds(model, texts), [50, 95])
        lines.append(f"{name:16} {len(texts):4} messages: p50 {p50:5.1f} ms"
                     f"  p95 {p95:5.1f} ms")
    return lines


def run(model: Path, cache: Path) -> List[str]:
    """Measure both assistants and return the report lines."""
    with tempfile.TemporaryDirectory() as work:
        ours = measure_puente(model, Path(work))
    stock = measure_stock(cache)
    return nlu_report(model) + report(ours, stock)
