"""Send concurrent conversations through a Rasa REST webhook and time each answer."""

from __future__ import annotations

import asyncio
import statistics
import time
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Dict, List, Sequence

import aiohttp


@dataclass(frozen=True)
class LoadResult:
    """Throughput and latency of one load run."""

    concurrency: int
    messages: int
    seconds: float
    latencies_ms: List[float]
    #: Each answer's latency under its turn's label (the mixed conversation's kinds).
    by_label: Dict[str, List[float]] = field(default_factory=dict)

    @property
    def per_second(self) -> float:
        """Messages answered per second."""
        return self.messages / self.seconds

    def percentile(self, q: float, label: str | None = None) -> float:
        """Latency percentile ``q`` (0-100) in ms, of one kind of turn or all."""
        ordered = sorted(self.latencies_ms if label is None else self.by_label[label])
        index = min(len(ordered) - 1, max(0, round(q / 100 * len(ordered)) - 1))
        return ordered[index]

    def row(self, label: str) -> str:
        """One printable line."""
        return (
            f"{label:24} {self.concurrency:>3} conv  {self.per_second:7.1f} msg/s  "
            f"p50 {self.percentile(50):6.1f} ms  p95 {self.percentile(95):6.1f} ms  "
            f"mean {statistics.mean(self.latencies_ms):6.1f} ms"
        )

    def label_rows(self) -> List[str]:
        """One line per kind of turn: where a slow mix spends its time."""
        return [
            f"  {label:22} {len(times):4} turns  "
            f"p50 {self.percentile(50, label):6.1f} ms  "
            f"p95 {self.percentile(95, label):6.1f} ms  "
            f"mean {statistics.mean(times):6.1f} ms"
            for label, times in self.by_label.items()
        ]


async def _conversation(
    session: aiohttp.ClientSession, url: str, texts: Sequence[str], turns: int,
    latencies: List[float], labels: Sequence[str] | None,
    by_label: Dict[str, List[float]], answers_all: bool,
) -> None:
    sender = f"bench-{uuid.uuid4().hex}"
    for turn in range(turns):
        started = time.perf_counter()
        async with session.post(
            url, json={"sender": sender, "message": texts[turn % len(texts)]}
        ) as response:
            response.raise_for_status()
            if not await response.json() and answers_all:
                raise RuntimeError(f"no answer to {texts[turn % len(texts)]!r}")
        elapsed = (time.perf_counter() - started) * 1000
        latencies.append(elapsed)
        if labels:
            by_label[labels[turn % len(labels)]].append(elapsed)


async def run_load(
    url: str, texts: Sequence[str], concurrency: int, turns: int,
    labels: Sequence[str] | None = None, answers_all: bool = True,
) -> LoadResult:
    """Run ``concurrency`` conversations of ``turns`` messages each, all at once.

    An empty answer fails the run (unless ``answers_all`` is False): a turn of
    Puente's that says nothing (the action server down, a form stuck) would
    otherwise look fast. The stock ``rasa init`` assistant may rightly say nothing
    to a message outside its domain ("thanks"): it is measured as it answers.

    Args:
        url: the REST webhook.
        texts: messages each conversation cycles through.
        concurrency: conversations in flight at once.
        turns: messages per conversation.
        labels: the kind of each text (same length), to time each kind apart.
        answers_all: whether a turn without an answer fails the run.

    """
    latencies: List[float] = []
    by_label: Dict[str, List[float]] = defaultdict(list)
    timeout = aiohttp.ClientTimeout(total=120)
    async with aiohttp.ClientSession(timeout=timeout) as session:
        started = time.perf_counter()
        await asyncio.gather(
            *(_conversation(session, url, texts, turns, latencies, labels, by_label,
                            answers_all)
              for _ in range(concurrency))
        )
        seconds = time.perf_counter() - started
    return LoadResult(concurrency, len(latencies), seconds, latencies, dict(by_label))
