"""The base of actions named by a class attribute."""

from __future__ import annotations

import abc

from rasa_sdk import Action


class NamedAction(Action, abc.ABC):
    """An action named by its class's ``action_name``.

    Without ``action_name`` a class stays abstract: the action server skips it.
    """

    @property
    @abc.abstractmethod
    def action_name(self) -> str:
        """Rasa's name for the action (a class attribute in each action)."""

    def name(self) -> str:
        """Return Rasa's name for the action."""
        return self.action_name
