"""Resident memory of Puente's processes, read from ``/proc`` (Linux; no psutil).

``make run`` prints each server's memory when it is ready and
``make bench PARTS=memory`` prints it after a mixed conversation load, so a change
that makes a process import TensorFlow for nothing (600 MiB) shows at once. A
server counts with its child processes, since that is what it costs the machine.
Where ``/proc`` is missing (macOS) nothing is measured and the callers print nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List

PROC = Path("/proc")
MIB = 1024  # /proc reports kB (KiB)


def status_kib(pid: int, field: str = "VmRSS") -> int | None:
    """Read a ``kB`` field of ``/proc/<pid>/status`` (VmRSS, VmHWM); None if unknown."""
    try:
        for line in (PROC / str(pid) / "status").read_text().splitlines():
            if line.startswith(f"{field}:"):
                return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        return None
    return None


def _parents() -> Dict[int, int]:
    """Map every live process to its parent (4th field of ``/proc/<pid>/stat``)."""
    parents = {}
    for entry in PROC.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            # The command name (2nd field) may hold spaces and ')': split after it.
            parents[int(entry.name)] = int(
                (entry / "stat").read_text().rsplit(")", 1)[1].split()[1]
            )
        except (OSError, ValueError, IndexError):
            continue
    return parents


def children(pid: int) -> List[int]:
    """List the processes ``pid`` started (that are still running)."""
    return [child for child, parent in _parents().items() if parent == pid]


def descendants(pid: int) -> List[int]:
    """List the children of ``pid``, their children, and so on."""
    parents = _parents()
    found, frontier = [], [pid]
    while frontier:
        frontier = [child for child, parent in parents.items() if parent in frontier]
        found += frontier
    return found


def tree_rss_kib(pid: int) -> int | None:
    """Sum the resident memory of ``pid`` and its descendants (None: unknown)."""
    own = status_kib(pid)
    if own is None:
        return None
    return own + sum(status_kib(child) or 0 for child in descendants(pid))


def mib(kib: int) -> str:
    """Format as ``123 MiB``, as the figures are printed everywhere."""
    return f"{kib / MIB:,.0f} MiB"
