"""Check action-server responses against a schema validator built once (Rasa 3.6).

Rasa 3.6 checks every response of the action server with
``jsonschema.validate(result, RemoteAction.action_response_format_spec())``, and
``jsonschema.validate`` first re-checks the schema itself against its meta-schema:
about 60 ms of Rasa's CPU per custom-action call, on every form turn, while checking
the response takes under 1 ms. :func:`install` swaps that call for a validator built
(and its schema checked) once. The response is checked exactly as before and an
invalid one raises the same ``jsonschema.ValidationError`` with Rasa's message.

Pinned to Rasa 3.6.x, whose ``RemoteAction._validate_action_result`` this replaces
method for method; on another version nothing is patched and a warning says so
(re-read that version's ``rasa/core/actions/action.py`` before widening the pin).

Installed by importing :mod:`bot.channels.rest`, the channel ``credentials.yml``
names: a module only the Rasa server loads, so the action server and the ``puente``
commands never import Rasa for it.
"""

from __future__ import annotations

import functools
from typing import Any, Dict

import jsonschema
from jsonschema.protocols import Validator
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL

from bot.rasa_version import replace


@functools.lru_cache(maxsize=1)
def response_validator() -> Validator:
    """Build Rasa's response validator once (the class ``validate`` would pick)."""
    schema = RemoteAction.action_response_format_spec()
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def validate_action_result(self: RemoteAction, result: Dict[str, Any]) -> bool:
    """Rasa 3.6's ``_validate_action_result``, with the schema checked once.

    The same error ``jsonschema.validate`` raises (its ``best_match``), with the
    hint Rasa adds to its message.
    """
    error = jsonschema.exceptions.best_match(response_validator().iter_errors(result))
    if error is None:
        return True
    error.message += (
        f". Failed to validate Action server response from API, "
        f"make sure your response from the Action endpoint is valid. "
        f"For more information about the format visit "
        f"{DOCS_BASE_URL}/custom-actions"
    )
    raise error


def install() -> bool:
    """Patch Rasa 3.6.x (see :func:`bot.rasa_version.replace`); whether it is active."""
    return replace(RemoteAction, "_validate_action_result", validate_action_result,
                   "action-server responses keep Rasa's own schema check (about 60 ms "
                   "per custom action)", __name__,
                   "Action-server responses checked with a schema validator built "
                   "once.")
