"""The Rasa version Puente's few adjustments of Rasa's internals were read against.

Seven modules replace or wrap one Rasa function each, for speed or for a promise
Rasa does not keep (:mod:`bot.action_response_check`, :mod:`bot.action_request_json`,
:mod:`bot.graph_runs`, :mod:`bot.applied_events`, :mod:`bot.form_turns`,
:mod:`bot.tracker_copies`, :mod:`bot.conversations.answer_once`), and one policy
reads Rasa's internals (:mod:`bot.policies.rules`). Each was written against Rasa
3.6's source; on another version it must be re-read, so each asks :func:`supported`
before patching and Rasa is left as it is otherwise.
"""

from __future__ import annotations

import logging
from typing import Any

import rasa

logger = logging.getLogger(__name__)

#: The Rasa versions the adjustments were read against.
SUPPORTED_RASA = "3.6."


def supported(left_as_is: str, module: str) -> bool:
    """Return whether this Rasa is 3.6.x; if not, warn what stays Rasa's own.

    ``left_as_is``: what families get without ``module``'s patch; the warning
    names ``module`` as the place to review.
    """
    if rasa.__version__.startswith(SUPPORTED_RASA):
        return True
    logger.warning("Rasa %s is not %sx: %s. Review %s for this version.",
                   rasa.__version__, SUPPORTED_RASA, left_as_is, module)
    return False


def replace(owner: type, name: str, replacement: Any, left_as_is: str, module: str,
            done: str) -> bool:
    """Set ``owner.name`` to ``replacement`` on Rasa 3.6.x, once; log ``done``.

    Returns whether the replacement is in place. On another version Rasa is left as
    it is and a warning says what that means (``left_as_is``, see :func:`supported`).
    """
    if getattr(owner, name) is replacement:
        return True
    if not supported(left_as_is, module):
        return False
    setattr(owner, name, replacement)
    logging.getLogger(module).info(done)
    return True
