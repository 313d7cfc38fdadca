"""The whole web stack for widget tests: actions, Rasa, and the pages server."""

from __future__ import annotations

import sys
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Iterator

from bot.bench.ports import free_port
from bot.bench.servers import background, migrated, wait_ready
from bot.settings import PROJECT_ROOT
from tests.servers import Assistant


@dataclass
class Pages:
    """A running pages server."""

    url: str
    work: Path


@contextmanager
def pages_server(bot: Assistant, work: Path,
                 env: Dict[str, str] | None = None) -> Iterator[Pages]:
    """``python -m bot.web.app`` on a free port, in front of ``bot``'s Rasa server.

    Its own database and secret under ``work``; it reads the tracker store the
    test Rasa server writes (``tests.servers`` keeps it in ``conversations.db``).
    """
    work.mkdir(parents=True, exist_ok=True)
    port = free_port()
    settings_env = {
        "PUENTE_SERVER_RASA_PORT": str(bot.rasa_port),
        "PUENTE_SERVER_PAGES_PORT": str(port),
        "PUENTE_SERVER_HOST": "127.0.0.1",
        "PUENTE_DATA_DIR": str(work),
        "PUENTE_DATABASE_URL": f"sqlite:///{work / 'puente.db'}",
        "PUENTE_RASA_ENDPOINTS": str(bot.work / "endpoints.yml"),  # Rasa's own
        "PUENTE_SECRET_KEY": "widget-tests-secret",
        **(env or {}),
    }
    migrated(settings_env)
    command = [sys.executable, "-m", "bot.web.app"]
    with background(command, PROJECT_ROOT, env=settings_env,
                    log=work / "pages.log") as process:
        wait_ready(f"http://127.0.0.1:{port}/healthz", process, timeout=120)
        yield Pages(f"http://127.0.0.1:{port}", work)
