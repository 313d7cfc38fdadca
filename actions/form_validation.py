"""The base of Puente's form validation actions."""

from __future__ import annotations

import abc
from typing import List

from rasa_sdk import FormValidationAction
from rasa_sdk.types import DomainDict

from bot import form_slots


class FormValidation(FormValidationAction):
    """A form's validation that needs no domain sent with the call.

    Called on every form turn; with the selective domain (``endpoints.yml``) Rasa
    sends these calls without the domain, and the form's questions come from
    :mod:`bot.form_slots` instead. Abstract until a form names it, so the action
    server does not register the base itself.
    """

    @abc.abstractmethod
    def name(self) -> str:
        """``validate_<form>``: Rasa calls it on every turn of that form."""

    def domain_slots(self, domain: DomainDict) -> List[str]:
        """Return the form's ``required_slots``, in the order asked."""
        return list(form_slots.required_slots(self.form_name(), domain))
