"""Servers' output: all of it to a log file, the real problems to the terminal too.

Started together, Rasa, the action server and the pages server print about ninety
lines (their libraries' deprecation warnings, every registered action, Sanic's
banner), and then a line or more per conversation turn. Someone who typed
``make run`` needs the addresses and what went wrong, so the supervisor reads each
server's output, writes every line to ``<data dir>/logs/<server>.log`` and shows on
the terminal only: log records at ERROR or CRITICAL level (Rasa's, Sanic's and
logging's default formats), TensorFlow's own error lines, Python tracebacks whole,
and Rasa's red error messages (``print_error``: a broken model, a bad endpoint).
"""

from __future__ import annotations

import re
import sys
import threading
import time
from collections import deque
from pathlib import Path
from typing import IO, Deque, List, TextIO

#: An ERROR or CRITICAL level in a log record's header (its first 60 characters):
#: "2026-01-31 10:00:00 ERROR    rasa.core...", "[...] [123] [ERROR] ...",
#: "ERROR:root:...". Upper case only, so "action_error" in a message is no match.
_LEVEL = re.compile(r"(?:^|[\s\[])(?:ERROR|CRITICAL|FATAL)(?:[\s\]:]|$)")
#: TensorFlow's C++ log lines at Error and Fatal level ("...123456: E tensorflow/...").
_TF_ERROR = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+: [EF] ")
#: Lines that join chained tracebacks.
_CHAINS = ("During handling of the above exception", "The above exception was")
#: Rasa's print_error colour (bcolors.FAIL).
_RED = "\x1b[91m"
#: Lines kept in memory, to show when a server dies having shown nothing.
RECENT = 15
#: One server's lines reach the terminal together, not interleaved with another's.
_TERMINAL = threading.Lock()


class Problems:
    """Decide, line by line, whether a server's line is a real problem to show."""

    def __init__(self) -> None:
        self._in_traceback = False

    def __call__(self, line: str) -> bool:
        """Whether ``line`` (in order of printing) belongs on the terminal."""
        if line.startswith("Traceback (most recent call last):"):
            self._in_traceback = True
            return True
        if self._in_traceback:
            # Indented frames, then the unindented exception line ends the block.
            self._in_traceback = line[:1].isspace()
            return True
        return bool(
            _LEVEL.search(line[:60]) or _TF_ERROR.match(line)
            or line.startswith(_CHAINS) or _RED in line
        )


class Relay:
    """Copy one server process's output to its log file, problems to the terminal.

    Reads on a thread of its own until the process closes its output, so a server
    never blocks on a full pipe, whatever the supervisor is doing.
    """

    def __init__(self, name: str, stream: IO[str], log: Path,
                 terminal: TextIO | None = None) -> None:
        self.name, self.log = name, log
        self.recent: Deque[str] = deque(maxlen=RECENT)
        #: Whether any line of this process reached the terminal.
        self.shown = False
        self._terminal = terminal
        # Opened here, not on the thread: a log that cannot be written stops the
        # start with its error instead of leaving the server's output unread.
        log.parent.mkdir(parents=True, exist_ok=True)
        out = log.open("a", encoding="utf-8", buffering=1)  # closed by _copy
        out.write(f"---- {name} server started {time.strftime('%Y-%m-%d %H:%M:%S')}\n")
        self._thread = threading.Thread(target=self._copy, args=(stream, out),
                                        daemon=True)
        self._thread.start()

    def _copy(self, stream: IO[str], out: IO[str]) -> None:
        problem = Problems()
        with out:
            for line in stream:
                out.write(line)
                self.recent.append(line)
                if problem(line):
                    self.shown = True
                    self._show([line])

    def _show(self, lines: List[str]) -> None:
        terminal = self._terminal or sys.stderr
        with _TERMINAL:
            terminal.write("".join(f"[{self.name}] {line.rstrip()}\n"
                                   for line in lines))
            terminal.flush()

    def finish(self, timeout: float = 5.0) -> None:
        """Wait until the output is all copied (the process has exited)."""
        self._thread.join(timeout)

    def show_recent(self) -> None:
        """Show the last lines, for a server that died without showing why."""
        if not self.shown:
            self._show(list(self.recent))
