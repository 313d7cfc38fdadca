"""Puente's settings: ``puente.toml`` at the project root, overridable by environment.

One file a deployer edits; an environment variable ``PUENTE_<SECTION>_<KEY>`` wins
over it, so containers and CI can change a port without editing files.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

import tomli

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SETTINGS_FILE = PROJECT_ROOT / "puente.toml"


@dataclass(frozen=True)
class Settings:
    """All of Puente's settings, typed."""

    host: str
    rasa_port: int
    actions_port: int
    pages_port: int
    data_dir: Path
    handoff_contact: str
    retention_days: int
    database_url: str

    @property
    def rasa_url(self) -> str:
        """Base address of the Rasa server."""
        return f"http://{self.host}:{self.rasa_port}"

    @property
    def pages_url(self) -> str:
        """Base address of the pages server (demo page, review app)."""
        return f"http://{self.host}:{self.pages_port}"


def _value(raw: Mapping[str, Any], section: str, key: str, env: Mapping[str, str]) -> Any:
    override = env.get(f"PUENTE_{section}_{key}".upper())
    if override is not None:
        return override
    return raw[section][key]


def load_settings(
    path: Path = SETTINGS_FILE, env: Mapping[str, str] | None = None
) -> Settings:
    """Read the settings file, then apply environment overrides.

    Args:
        path: the TOML file (``puente.toml`` at the project root by default).
        env: environment to read overrides from (``os.environ`` by default).
    """
    env = os.environ if env is None else env
    raw = tomli.loads(path.read_text(encoding="utf-8"))
    data_dir = Path(_value(raw, "data", "dir", env))
    if not data_dir.is_absolute():
        data_dir = path.parent / data_dir
    return Settings(
        host=str(_value(raw, "server", "host", env)),
        rasa_port=int(_value(raw, "server", "rasa_port", env)),
        actions_port=int(_value(raw, "server", "actions_port", env)),
        pages_port=int(_value(raw, "server", "pages_port", env)),
        data_dir=data_dir,
        handoff_contact=str(_value(raw, "contact", "handoff", env)),
        retention_days=int(_value(raw, "privacy", "retention_days", env)),
        database_url=str(_value(raw, "database", "url", env)).replace(
            "{data_dir}", str(data_dir)
        ),
    )
