"""Hand out TCP ports for the servers tests and benchmarks start, without races.

The usual trick, bind port 0 and close the socket, leaves a gap: until the
server binds that port (Rasa takes seconds), the kernel may give it to any
outgoing connection, since it lies in the ephemeral range, or to a second
test run doing the same trick. A fresh-clone ``make test`` run beside another
failed that way (Rasa: "address already in use").

So ports come from outside the ephemeral range, where the kernel never picks
on its own, and each one handed out is written, under a file lock, to a
registry every process on the machine shares, with the pid it is for. A port
stays taken while that process lives; dead owners' entries are dropped.

No imports from ``bot``: ``scripts/services.sh`` runs this file with any
``python3`` to pick PostgreSQL's and Redis's ports (``--for`` the shell's pid).
"""

from __future__ import annotations

import argparse
import fcntl
import os
import random
import socket
import tempfile
from pathlib import Path
from typing import Dict, List

#: Shared by every process of this user that starts Puente's servers.
REGISTRY = Path(tempfile.gettempdir()) / f"puente-ports-{os.getuid()}"
#: Below this, ports belong to well-known services.
LOWEST = 10000
#: Fewer free ports than this outside the ephemeral range: use them all.
ENOUGH = 1000
#: Ports browsers refuse to load a page from (the Fetch standard's "bad ports" from
#: ``LOWEST`` up; Chromium: net::ERR_UNSAFE_PORT). The browser tests serve the
#: widget on a handed-out port: a fresh-clone run drew 10080 and failed.
BROWSER_BLOCKED = frozenset({10080})


def candidates(
    ephemeral: Path = Path("/proc/sys/net/ipv4/ip_local_port_range"),
) -> List[int]:
    """Ports from ``LOWEST`` up that the kernel does not hand out by itself.

    Never one a browser refuses (:data:`BROWSER_BLOCKED`).
    """
    try:
        low, high = (int(part) for part in ephemeral.read_text().split())
    except (OSError, ValueError):
        low, high = 32768, 60999  # Linux's default
    usable = [port for port in range(LOWEST, 65536) if port not in BROWSER_BLOCKED]
    outside = [port for port in usable if not low <= port <= high]
    return outside if len(outside) >= ENOUGH else usable


def alive(pid: int) -> bool:
    """Whether a process with ``pid`` exists (it may belong to another user)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def bindable(port: int) -> bool:
    """Whether a listening server could take ``port`` on the loopback now."""
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _read(lines: List[str]) -> Dict[int, int]:
    """``port pid`` lines, those whose process still lives."""
    taken = {}
    for line in lines:
        try:
            port, pid = (int(part) for part in line.split())
        except ValueError:
            continue
        if alive(pid):
            taken[port] = pid
    return taken


def free_port(owner: int | None = None, registry: Path = REGISTRY) -> int:
    """Return a port nobody listens on and no other live caller holds.

    It stays kept for ``owner`` (default: this process) until that process exits.
    """
    owner = owner or os.getpid()
    pool = candidates()
    start = random.randrange(len(pool))
    with open(registry, "a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        handle.seek(0)
        taken = _read(handle.read().splitlines())
        for port in pool[start:] + pool[:start]:
            if port not in taken and bindable(port):
                taken[port] = owner
                handle.seek(0)
                handle.truncate()
                handle.writelines(f"{each} {pid}\n" for each, pid in taken.items())
                return port
    raise OSError("no free TCP port left on 127.0.0.1")


def main() -> None:
    """Print one free port, kept for ``--for`` (a shell's pid that outlives us)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--for", dest="owner", type=int, default=os.getppid(),
                        help="pid the port is kept for (default: the caller)")
    print(free_port(parser.parse_args().owner))


if __name__ == "__main__":
    main()
