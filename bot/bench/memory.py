"""``make bench PARTS=memory``: the memory of each process ``make run`` starts.

Starts ``puente run`` as ``make run`` does (on free ports, in a data folder of its
own), has conversations that go through the action server (program search, the
checklist, the message form) and FAQ turns, then reads each process's resident
memory and prints it against its target. Also the peak of a ``puente`` command,
which organizers run by hand: it must not load TensorFlow or Rasa for nothing.
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Sequence

from bot.bench.load import run_load
from bot.bench.ports import free_port
from bot.bench.servers import background, wait_ready
from bot.cli.memory import MIB, children, status_kib, tree_rss_kib
from bot.settings import PROJECT_ROOT

#: Targets in MiB (issue 13): the processes that only watch or serve actions stay
#: small, and everything together fits a 2 GiB machine beside its database.
TARGETS = {"supervisor": 100, "actions": 300, "all together": 1.4 * 1024,
           "puente --help": 100}
#: A conversation that uses every kind of turn; each conversation cycles through it.
MIX = [
    "hola", "busco tutoría cerca de 90255", "show more", "what does it cost",
    "is my program high impact?", "yes", "no", "not sure", "yes", "yes", "no",
    "write a message to the school", "how often are the sessions", "thanks",
]
#: ``python -m <module>`` of each server ``puente run`` starts, and its name there.
SERVERS = {"rasa_sdk": "actions", "rasa": "rasa", "bot.web.app": "pages"}
#: Runs a ``puente`` command, then reports what a user cannot see: its peak memory
#: and whether it imported TensorFlow or Rasa.
_PEAK = """
import atexit, json, runpy, sys
def report():
    status = open("/proc/self/status").read()
    peak = int(status.split("VmHWM:")[1].split()[0])
    heavy = sorted({"tensorflow", "rasa"} & set(sys.modules))
    print(json.dumps({"peak_kib": peak, "imported": heavy}), file=sys.__stderr__)
atexit.register(report)
sys.argv = ["puente", *sys.argv[1:]]
runpy.run_module("bot.cli.main", run_name="__main__")
"""


@dataclass(frozen=True)
class CommandRun:
    """What running one ``puente`` command showed and cost."""

    output: str
    peak_kib: int
    imported: List[str]


def puente_command(*args: str) -> CommandRun:
    """Run ``puente ARGS`` in a fresh interpreter; its output, peak memory, imports."""
    done = subprocess.run([sys.executable, "-c", _PEAK, *args], cwd=PROJECT_ROOT,
                          capture_output=True, text=True, timeout=120)
    *shown, report = done.stderr.rstrip("\n").split("\n")
    figures = json.loads(report)
    return CommandRun(done.stdout + "".join(f"{line}\n" for line in shown),
                      figures["peak_kib"], figures["imported"])


def server_name(pid: int) -> str:
    """Name a process ``puente run`` started by the module it runs."""
    try:
        argv = (Path("/proc") / str(pid) / "cmdline").read_bytes().split(b"\0")
        return SERVERS.get(argv[argv.index(b"-m") + 1].decode(), f"pid {pid}")
    except (OSError, ValueError, IndexError):
        return f"pid {pid}"


def measure(model: Path, work: Path, conversations: int = 5) -> Dict[str, int]:
    """Resident KiB of each process of ``puente run`` after a mixed load."""
    ports = {"RASA": free_port(), "ACTIONS": free_port(), "PAGES": free_port()}
    env = {"PUENTE_DATA_DIR": str(work),
           **{f"PUENTE_SERVER_{name}_PORT": str(port) for name, port in ports.items()}}
    command = [sys.executable, "-m", "bot.cli.main", "run", "--model", str(model)]
    with background(command, PROJECT_ROOT, env=env, log=work / "run.log") as run:
        base = "http://127.0.0.1"
        for url in (f"{base}:{ports['ACTIONS']}/health", f"{base}:{ports['RASA']}/",
                    f"{base}:{ports['PAGES']}/healthz"):
            wait_ready(url, run)
        asyncio.run(run_load(f"{base}:{ports['RASA']}/webhooks/rest/webhook", MIX,
                             concurrency=conversations, turns=2 * len(MIX)))
        figures = {"supervisor": status_kib(run.pid) or 0}
        for child in children(run.pid):
            figures[server_name(child)] = tree_rss_kib(child) or 0
    return figures


def report(figures: Dict[str, int], command: CommandRun,
           conversations: int, turns: int) -> List[str]:
    """Printable lines: each process, the total, and the targets they are held to."""
    rows = {**figures, "all together": sum(figures.values()),
            "puente --help": command.peak_kib}
    lines = ["", f"Memory (resident, after {conversations} conversations of {turns} "
                 "mixed turns; `puente --help` at its peak)"]
    for name, kib in rows.items():
        target = TARGETS.get(name)
        verdict = "" if target is None else (
            f"target < {target:,.0f} MiB  {'ok' if kib / MIB < target else 'OVER'}")
        lines.append(f"  {name:16} {kib / MIB:7,.0f} MiB   {verdict}".rstrip())
    if command.imported:
        lines.append(f"  `puente --help` imported {', '.join(command.imported)}")
    return lines


def run(model: Path, conversations: int = 5) -> Sequence[str]:
    """Measure ``puente run`` and a ``puente`` command; return the report lines."""
    if not Path("/proc/self/status").exists():
        return ["", "Memory: not measured (needs Linux's /proc)"]
    with tempfile.TemporaryDirectory() as work:
        figures = measure(model, Path(work), conversations)
    return report(figures, puente_command("--help"), conversations, 2 * len(MIX))
