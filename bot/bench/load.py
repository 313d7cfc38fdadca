"""Send concurrent conversations through a Rasa REST webhook and time each answer."""

from __future__ import annotations

import asyncio
import statistics
import time
import uuid
from dataclasses import dataclass
from typing import List, Sequence

import aiohttp


@dataclass(frozen=True)
class LoadResult:
    """Throughput and latency of one load run."""

    concurrency: int
    messages: int
    seconds: float
    latencies_ms: List[float]

    @property
    def per_second(self) -> float:
        """Messages answered per second."""
        return self.messages / self.seconds

    def percentile(self, q: float) -> float:
        """Latency percentile ``q`` (0-100) in milliseconds."""
        ordered = sorted(self.latencies_ms)
        index = min(len(ordered) - 1, max(0, round(q / 100 * len(ordered)) - 1))
        return ordered[index]

    def row(self, label: str) -> str:
        """One printable line."""
        return (f"{label:24} {self.concurrency:>3} conv  {self.per_second:7.1f} msg/s  "
                f"p50 {self.percentile(50):6.1f} ms  p95 {self.percentile(95):6.1f} ms  "
                f"mean {statistics.mean(self.latencies_ms):6.1f} ms")


async def _conversation(
    session: aiohttp.ClientSession, url: str, texts: Sequence[str], turns: int,
    latencies: List[float],
) -> None:
    sender = f"bench-{uuid.uuid4().hex}"
    for turn in range(turns):
        started = time.perf_counter()
        async with session.post(
            url, json={"sender": sender, "message": texts[turn % len(texts)]}
        ) as response:
            response.raise_for_status()
            await response.json()
        latencies.append((time.perf_counter() - started) * 1000)


async def run_load(
    url: str, texts: Sequence[str], concurrency: int, turns: int
) -> LoadResult:
    """Run ``concurrency`` conversations of ``turns`` messages each, all at once.

    Args:
        url: the REST webhook.
        texts: messages each conversation cycles through.
        concurrency: conversations in flight at once.
        turns: messages per conversation.
    """
    latencies: List[float] = []
    timeout = aiohttp.ClientTimeout(total=120)
    async with aiohttp.ClientSession(timeout=timeout) as session:
        started = time.perf_counter()
        await asyncio.gather(
            *(_conversation(session, url, texts, turns, latencies) for _ in range(concurrency))
        )
        seconds = time.perf_counter() - started
    return LoadResult(concurrency, len(latencies), seconds, latencies)
