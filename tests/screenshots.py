"""Where the browser tests' screenshots go: ``test-artifacts/`` (untracked).

A test run never changes the repository's files. The README's images in ``docs/``
are refreshed only on request, by running the browser tests with
``PUENTE_UPDATE_DOCS_IMAGES=1``::

    PUENTE_UPDATE_DOCS_IMAGES=1 .venv/bin/pytest tests/browser/test_widget_browser.py \
        tests/review/test_browser.py tests/review/test_programs_browser.py
        # with make test's PostgreSQL and Chromium
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from bot.settings import PROJECT_ROOT

ARTIFACTS = PROJECT_ROOT / "test-artifacts"
DOCS = PROJECT_ROOT / "docs"


def artifact(name: str) -> Path:
    """The path a screenshot called ``name`` (``widget-es-phone.png``) is saved at."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS / name


def publish(shot: Path, docs_name: str, env: dict | None = None) -> Path | None:
    """Copy ``shot`` to ``docs/<docs_name>`` when asked (see above); else nothing."""
    if (os.environ if env is None else env).get("PUENTE_UPDATE_DOCS_IMAGES") != "1":
        return None
    DOCS.mkdir(exist_ok=True)
    return Path(shutil.copyfile(shot, DOCS / docs_name))
