"""Start-up time and REST throughput: Puente against a stock `rasa init` assistant.

Both run on this machine in the same benchmark run, one after the other, with the
same messages, so the ratio is meaningful even when absolute numbers drift.
"""

from __future__ import annotations

import asyncio
import logging
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, List, Sequence

import numpy as np
import numpy.typing as npt
from rasa.core.agent import Agent
from rasa.utils.log_utils import configure_structlog

from bot.bench import corpus
from bot.bench.load import LoadResult, run_load
from bot.bench.ports import free_port
from bot.bench.servers import (
    background,
    cpu_seconds,
    local_endpoints,
    migrated,
    rasa_command,
    wait_ready,
)
from bot.settings import PROJECT_ROOT

MESSAGES = [
    "hi", "what is high impact tutoring?", "cuanto cuesta", "is it free",
    "mi hijo califica para tutoria?", "how often are the sessions",
    "quien da la tutoria", "thanks", "how do I ask my school for tutoring",
    "gracias",
]

#: A family's conversation that uses actions (issue 13): the program search (a form
#: asking for what is missing, then results), "show more", the six-question
#: checklist (buttons and typed answers) and the message form, in both languages.
#: Each turn is labelled by the work it makes the servers do.
MIXED = [
    ("is there tutoring near 90255 for my 3rd grader in math?", "search, one message"),
    ("/show_more_programs", "show more"),
    ("is my child's tutoring high impact?", "checklist start"),
    ("twice a week", "checklist answer"),
    ("/affirm", "checklist answer"),
    ("/answer_unsure", "checklist answer"),
    ("yes", "checklist answer"),
    ("no", "checklist answer"),
    ("no sé", "checklist last answer"),
    ("/draft_message", "message form start"),
    ("Lincoln Elementary", "message form answer"),
    ('/inform{"advocacy_choice": "principal"}', "message form answer"),
    ("4th grade", "message form answer"),
    ("reading", "message form answer"),
    ("English", "message form draft"),
    ("busco tutoría para mi hija", "search form start"),
    ("south gate", "search form answer"),
    ("tercero", "search form answer"),
    ("matemáticas", "search form results"),
]


@dataclass
class SpeedResult:
    """What one assistant measured."""

    name: str
    ready_seconds: float
    loads: List[LoadResult]
    #: The mixed conversation (Puente only: the stock assistant has no such actions).
    mixed: List[LoadResult] = field(default_factory=list)
    #: Each mixed run's server CPU per message (ms), by process.
    mixed_cpu_ms: List[Dict[str, float]] = field(default_factory=list)


def _measure(name: str, url: str, ready_seconds: float,
             answers_all: bool = True) -> SpeedResult:
    def load(concurrency: int, turns: int) -> LoadResult:
        return asyncio.run(run_load(url, MESSAGES, concurrency, turns,
                                    answers_all=answers_all))

    load(2, 10)  # warm-up
    loads = [load(1, 100), load(10, 30)]
    return SpeedResult(name, ready_seconds, loads)


def _measure_mixed(url: str, pids: Dict[str, int], result: SpeedResult) -> None:
    """Run the mixed conversation one at a time, then 10 at once, into ``result``.

    Each conversation goes through the mix twice: the second pass shows whether
    long conversations slow down. Each server's CPU per message is kept too.
    """
    texts, labels = [text for text, _ in MIXED], [label for _, label in MIXED]
    turns = 2 * len(MIXED)
    asyncio.run(run_load(url, texts, concurrency=2, turns=len(MIXED), labels=labels))
    for concurrency in (1, 10):
        def run(c: int = concurrency) -> LoadResult:
            return asyncio.run(
                run_load(url, texts, concurrency=c, turns=turns, labels=labels))

        load, cpu = _with_cpu(pids, run)
        result.mixed.append(load)
        result.mixed_cpu_ms.append(cpu)


def _with_cpu(
    pids: Dict[str, int], run: Callable[[], LoadResult]
) -> tuple[LoadResult, Dict[str, float]]:
    """Run a load and return it with each process's CPU milliseconds per message."""
    before = {name: cpu_seconds(pid) for name, pid in pids.items()}
    load = run()
    return load, {
        name: 1000 * (cpu_seconds(pid) - before[name]) / load.messages
        for name, pid in pids.items()
    }


def measure_puente(model: Path, work: Path) -> SpeedResult:
    """Start Puente's action server and Rasa server as `make run` does, and load it."""
    rasa_port, actions_port = free_port(), free_port()
    endpoints = local_endpoints(work, actions_port)
    actions = ["-m", "rasa_sdk", "--actions", "actions", "--port", str(actions_port)]
    actions_env = {
        "SANIC_HOST": "127.0.0.1",  # demo programs, in a database of their own
        "PUENTE_DATABASE_URL": f"sqlite:///{work / 'programs.db'}",
    }
    migrated(actions_env)
    with (
        background(
            [sys.executable, *actions],
            PROJECT_ROOT,
            env=actions_env,
            log=work / "actions.log",
        ) as act,
        background(
            rasa_command(
                "run", "--model", str(model), "--port", str(rasa_port),
                "--interface", "127.0.0.1", "--endpoints", str(endpoints),
                "--credentials", "credentials.yml",
            ),
            PROJECT_ROOT,
            log=work / "rasa.log",
        ) as rasa,
    ):
        ready = max(
            wait_ready(f"http://127.0.0.1:{rasa_port}/", rasa),
            wait_ready(f"http://127.0.0.1:{actions_port}/health", act),
        )
        url = f"http://127.0.0.1:{rasa_port}/webhooks/rest/webhook"
        result = _measure("Puente", url, ready)
        _measure_mixed(url, {"Rasa": rasa.pid, "action server": act.pid}, result)
        return result


def stock_assistant(cache: Path) -> Path:
    """Return a trained stock `rasa init` project (made once, kept under ``cache``)."""
    project = cache / "stock"
    if not list((project / "models").glob("*.tar.gz")):
        shutil.rmtree(project, ignore_errors=True)
        project.mkdir(parents=True)
        with open(cache / "stock-init.log", "w") as log:  # training chatter, kept aside
            subprocess.run(
                rasa_command("init", "--no-prompt", "--init-dir", str(project)),
                check=True,
                cwd=project,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
    return project


def measure_stock(cache: Path) -> SpeedResult:
    """Start the stock assistant with `rasa run` and load it the same way."""
    project = stock_assistant(cache)
    port = free_port()
    with background(
        rasa_command("run", "--port", str(port), "--interface", "127.0.0.1"),
        project,
        log=cache / "stock-rasa.log",
    ) as rasa:
        ready = wait_ready(f"http://127.0.0.1:{port}/", rasa)
        return _measure("stock rasa init", f"http://127.0.0.1:{port}/webhooks/rest/webhook",
                        ready, answers_all=False)


def report(ours: SpeedResult, stock: SpeedResult) -> List[str]:
    """Printable lines with the ratios the targets are stated in."""
    lines = ["", "Speed (REST webhook, this machine, same run)"]
    for result in (ours, stock):
        lines.append(f"{result.name:24} ready after {result.ready_seconds:5.1f} s")
        lines += [load.row(result.name) for load in result.loads]
    for ours_load, stock_load in zip(ours.loads, stock.loads, strict=False):
        lines.append(
            f"throughput ratio at {ours_load.concurrency:>2} concurrent: "
            f"{ours_load.per_second / stock_load.per_second:4.1f}x the stock assistant"
        )
    lines += ["", "Mixed conversation with actions (search, show more, checklist, "
              "message form), Puente"]
    for mixed, cpu, stock_load in zip(ours.mixed, ours.mixed_cpu_ms, stock.loads,
                                      strict=True):
        lines.append(mixed.row("Puente mixed"))
        lines.append("  server CPU per message: " + ", ".join(
            f"{name} {ms:5.1f} ms" for name, ms in cpu.items()))
        lines.append(f"  {mixed.per_second / stock_load.per_second:4.1f}x the stock "
                     f"assistant's FAQ throughput at {mixed.concurrency} concurrent "
                     f"(target >= 2x; p95 target <= 300 ms at 10)")
        lines += mixed.label_rows()
    return lines


def nlu_milliseconds(model: Path, texts: Sequence[str]) -> npt.NDArray[np.float64]:
    """Time Puente's whole NLU pipeline on each text, one at a time, warmed up.

    Logged as ``rasa run`` logs (info): unconfigured, Rasa's structlog printed a
    debug line of every message parsed, its text included, and timed the printing.
    """
    configure_structlog(logging.INFO)
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
