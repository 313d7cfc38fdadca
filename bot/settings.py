"""Puente's settings: ``puente.toml`` at the project root, overridable by environment.

One file a deployer edits, read by one function into one typed :class:`Settings`,
once per process: what Puente starts (the ``puente`` command, the pages server)
reads them at start and passes them down; what a framework starts without a hook
to pass them (the action server's actions, Rasa's channels) asks
:func:`process_settings`, which reads them on first use and then keeps them;
an environment variable ``PUENTE_<SECTION>_<KEY>`` wins over the file, so
containers and CI can change a port without editing files. Where conversations
live is not a second setting: it is the ``tracker_store`` of the Rasa endpoints file
named here, which Rasa, the review app and the retention purge all read.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, Mapping, Tuple

import tomli

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SETTINGS_FILE = PROJECT_ROOT / "puente.toml"

#: Used when ``puente.toml`` lacks a value (an older checkout's file).
DEFAULTS: Dict[str, Dict[str, Any]] = {
    "server": {"actions_host": "127.0.0.1", "rasa_upstream": ""},
    "rasa": {"endpoints": "endpoints.yml"},
    "web": {"allowed_origins": [], "messages_per_minute_per_conversation": 20,
            "messages_per_minute_per_address": 60, "trusted_proxies": []},
    "alerts": {"keep_days": 180, "template": "puente_program_opened",
               "template_language_en": "en_US", "template_language_es": "es_MX",
               "whatsapp_number": "", "web_contacts": []},
}


@dataclass(frozen=True)
class WebSettings:
    """The widget endpoint's ``[web]`` section.

    Who may embed the widget, how fast one conversation or address may write, and
    which reverse proxies' forwarded headers are believed (:mod:`bot.web.proxy`).
    """

    allowed_origins: Tuple[str, ...] = ()
    per_conversation: int = 20
    per_address: int = 60
    trusted_proxies: Tuple[str, ...] = ()

    def allows(self, origin: str | None) -> bool:
        """Whether a page served from ``origin`` may call the chat endpoint."""
        return bool(origin) and (origin in self.allowed_origins
                                 or "*" in self.allowed_origins)


#: The contacts ``[alerts] web_contacts`` may name. Email is not one: Puente
#: sends alerts through WhatsApp's template path only.
WEB_CONTACTS = ("whatsapp",)


@dataclass(frozen=True)
class AlertSettings:
    """The ``[alerts]`` section: "tell me when a program opens near me".

    How long a family's request is kept, and the WhatsApp message template that
    tells them (Meta allows only a registered template outside the 24-hour
    window); its language code per conversation language, as registered.
    """

    keep_days: int = 180
    template: str = "puente_program_opened"
    template_languages: Mapping[str, str] = field(
        default_factory=lambda: {"en": "en_US", "es": "es_MX"})
    #: The organizers' WhatsApp number, told to families on the web widget.
    whatsapp_number: str = ""
    #: The contacts a family may give on the web widget to be told there
    #: ("whatsapp": a US WhatsApp number). None by default: the widget then says
    #: to ask on WhatsApp, where the number is already at hand.
    web_contacts: Tuple[str, ...] = ()

    def __post_init__(self) -> None:
        """Refuse a contact Puente cannot keep: a typo must not pass for "off"."""
        unknown = set(self.web_contacts) - set(WEB_CONTACTS)
        if unknown:
            raise ValueError(f"[alerts] web_contacts: unknown {sorted(unknown)}; "
                             f"known: {list(WEB_CONTACTS)}")
        if self.web_takes_whatsapp and not self.whatsapp_number:
            raise ValueError("[alerts] web_contacts names whatsapp: set "
                             "whatsapp_number, where families write STOP")

    @property
    def web_takes_whatsapp(self) -> bool:
        """Whether the widget asks a family for a WhatsApp number to tell them."""
        return "whatsapp" in self.web_contacts

    def template_language(self, language: str | None) -> str:
        """Return the template's language code for a conversation in ``language``."""
        return self.template_languages.get(language or "en",
                                           self.template_languages["en"])


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
    #: The Rasa endpoints file: the action server and, above all, the tracker
    #: store (``endpoints.production.yml`` in production).
    endpoints: Path = PROJECT_ROOT / "endpoints.yml"
    web: WebSettings = field(default_factory=WebSettings)
    alerts: AlertSettings = field(default_factory=AlertSettings)
    #: Where the action server listens: it has no authentication, so localhost,
    #: or a container network nothing else joins.
    actions_host: str = "127.0.0.1"
    #: Where the pages server reaches Rasa when it is not this machine's
    #: ``rasa_port``: the proxy in front of several Rasa replicas.
    rasa_upstream: str = ""

    @property
    def rasa_url(self) -> str:
        """Base address of the Rasa server."""
        return f"http://{self.host}:{self.rasa_port}"

    @property
    def rasa_webhook(self) -> str:
        """The REST channel the pages server passes the widget's messages to."""
        base = self.rasa_upstream.rstrip("/") or f"http://127.0.0.1:{self.rasa_port}"
        return f"{base}/webhooks/rest/webhook"

    @property
    def pages_url(self) -> str:
        """Base address of the pages server (demo page, review app)."""
        return f"http://{self.host}:{self.pages_port}"


def _value(
    raw: Mapping[str, Any], section: str, key: str, env: Mapping[str, str]
) -> Any:
    override = env.get(f"PUENTE_{section}_{key}".upper())
    if override is not None:
        return override
    if key in raw.get(section, {}):
        return raw[section][key]
    return DEFAULTS[section][key]


def _listed(value: Any) -> Tuple[str, ...]:
    """Read a list from the file, or a comma-separated one from the environment."""
    items = value.split(",") if isinstance(value, str) else value
    return tuple(str(item).strip() for item in items if str(item).strip())


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

    def relative_to_file(value: Any) -> Path:
        resolved = Path(value)
        return resolved if resolved.is_absolute() else path.parent / resolved

    data_dir = relative_to_file(_value(raw, "data", "dir", env))
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
        endpoints=relative_to_file(_value(raw, "rasa", "endpoints", env)),
        actions_host=str(_value(raw, "server", "actions_host", env)),
        rasa_upstream=str(_value(raw, "server", "rasa_upstream", env)),
        web=WebSettings(
            allowed_origins=tuple(o.rstrip("/") for o in _listed(
                _value(raw, "web", "allowed_origins", env))),
            per_conversation=int(_value(
                raw, "web", "messages_per_minute_per_conversation", env)),
            per_address=int(_value(raw, "web", "messages_per_minute_per_address", env)),
            trusted_proxies=_listed(_value(raw, "web", "trusted_proxies", env)),
        ),
        alerts=AlertSettings(
            keep_days=int(_value(raw, "alerts", "keep_days", env)),
            template=str(_value(raw, "alerts", "template", env)),
            template_languages={
                language: str(_value(raw, "alerts", f"template_language_{language}",
                                     env))
                for language in ("en", "es")},
            whatsapp_number=str(_value(raw, "alerts", "whatsapp_number", env)),
            web_contacts=tuple(c.lower() for c in _listed(
                _value(raw, "alerts", "web_contacts", env))),
        ),
    )


@lru_cache(maxsize=1)
def process_settings() -> Settings:
    """Return this process's settings, read from ``puente.toml`` on first use.

    For code that rasa-sdk or Rasa starts (they import ``actions/`` and build
    channels with no way to pass settings in): read once, not on every search.
    Tests pass their own :class:`Settings` to constructors instead.
    """
    return load_settings()
