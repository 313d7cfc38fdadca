"""First run: an empty programs table (made by `puente migrate`) gets the demo data.

The demo data (``demo_programs.csv``) is invented for Southeast Los Angeles: made-up
names marked "(demo)", ``example.org`` contacts, 555 phone numbers and the source
``DEMO DATA``, which makes the bot add "(demo data)" to every one it shows. An
organizer replaces it with ``puente programs import``.
"""

from __future__ import annotations

import sys
import threading
from pathlib import Path
from typing import Dict

from sqlalchemy import func, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from bot.db import make_engine, require_schema, session_scope
from bot.programs.importer import import_csv
from bot.programs.models import Program

DEMO_FILE = Path(__file__).with_name("demo_programs.csv")

_ready: Dict[str, Engine] = {}
_lock = threading.Lock()


def load_demo_if_empty(engine: Engine) -> int:
    """Import the demo programs when the table is empty; return how many were added."""
    with session_scope(engine) as session:
        if session.execute(select(func.count(Program.id))).scalar_one():
            return 0
    return import_csv(engine, DEMO_FILE, progress=False).added


def ready_engine(url: str) -> Engine:
    """Return an engine for ``url`` whose programs table exists and is not empty.

    Done once per process and URL (the action server calls it on first use). A
    database that is down raises here, and the caller tells the family kindly.
    """
    with _lock:
        if url not in _ready:
            require_schema(url)
            engine = make_engine(url)
            load_demo_if_empty(engine)
            _ready[url] = engine
        return _ready[url]


def prepare(url: str) -> None:
    """Create and fill the programs database before the servers start (``make run``).

    A database that is down is reported, not fatal: the action server retries on
    each search and tells families "try again later" meanwhile.
    """
    try:
        ready_engine(url).dispose()
    except SQLAlchemyError as error:
        print(
            f"The programs database is not ready ({type(error).__name__}); "
            "searches will ask families to try again later.",
            file=sys.stderr,
        )
