"""Settings for the actions that need them: the process's, or a test's own."""

from __future__ import annotations

from bot.settings import Settings, process_settings


class Configured:
    """Mixed into an action: ``self.settings`` without reading them per message.

    The action server builds each action with no arguments, so the process's
    settings are read on first use and kept (:func:`process_settings`); a test
    builds the action with its own :class:`Settings` instead.
    """

    def __init__(self, settings: Settings | None = None) -> None:
        self._settings = settings

    @property
    def settings(self) -> Settings:
        """Return the settings given, else the process's."""
        return self._settings or process_settings()
