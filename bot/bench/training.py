"""``make bench PARTS=training``: Puente's training time beside the stock assistant's.

The target is training under 3 minutes, but one machine's speed is not another's,
nor the same from one hour to the next: on the 2-core development machine the same
training took 161 s and 228 s forty minutes apart (2026-12-06; its sentence encoder
20 and 25 ms a text). The stock ``rasa init`` assistant, trained in the same run
before and after Puente's model, is the baseline: the ratio holds where the seconds
do not.
Both are trained from nothing (``--force``), without Rasa's validation pass
(``make test`` and ``make validate`` run it), Puente's into a folder of its own so
``models/puente.tar.gz`` stays as it is.
"""

from __future__ import annotations

import subprocess
import time
from pathlib import Path
from typing import List

from bot.bench.servers import rasa_command
from bot.bench.speed import stock_assistant
from bot.settings import PROJECT_ROOT

#: The target, in seconds.
TARGET = 180


def timed_training(project: Path, out: Path, log: Path) -> float:
    """Train ``project``'s assistant into ``out`` from nothing; return the seconds."""
    started = time.monotonic()
    with open(log, "w") as chatter:  # Rasa's training output, kept aside
        subprocess.run(
            rasa_command("train", "--force", "--skip-validation", "--out", str(out)),
            check=True, cwd=project, stdout=chatter, stderr=subprocess.STDOUT,
        )
    return time.monotonic() - started


def report(puente: float, stock: List[float]) -> List[str]:
    """Printable lines: both times, and Puente's as a multiple of the stock's."""
    baseline = sum(stock) / len(stock)
    return [
        "", "Training from nothing (this machine, same run)",
        f"{'Puente':24} {puente:6.0f} s (target {TARGET} s)",
        f"{'stock rasa init':24} {baseline:6.0f} s "
        f"({' and '.join(f'{s:.0f}' for s in stock)}: before and after)",
        f"Puente / stock: {puente / baseline:.1f}x",
    ]


def run(work: Path) -> List[str]:
    """Train the stock assistant, Puente's model, then the stock assistant again."""
    stock_project = stock_assistant(work)
    out = work / "training"
    out.mkdir(parents=True, exist_ok=True)
    stock = [timed_training(stock_project, out / "stock", out / "stock-1.log")]
    puente = timed_training(PROJECT_ROOT, out / "puente", out / "puente.log")
    stock.append(timed_training(stock_project, out / "stock", out / "stock-2.log"))
    return report(puente, stock)
