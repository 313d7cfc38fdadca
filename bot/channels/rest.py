"""Rasa's REST channel with one promise added: a message never goes unanswered.

Same name and webhook as Rasa's own (``/webhooks/rest/webhook``), so the widget and
any REST client keep working; Rasa's handler is wrapped by
:func:`bot.channels.silence.never_silent`.
"""

from __future__ import annotations

from rasa.core.channels.rest import RestInput as RasaRestInput
from sanic import Blueprint

from bot import (
    action_request_json,
    action_response_check,
    applied_events,
    form_turns,
    graph_runs,
    tracker_copies,
)
from bot.channels.silence import Handler, never_silent
from bot.conversations import answer_once
from bot.long_lived import freeze_after_start

# Loaded by every Rasa server Puente runs (credentials.yml names this channel):
# the place to check action-server responses with a validator built once, to encode
# the requests with ujson, to keep the model's graph per set of targets, to continue
# the applied events from where they stopped, to start form turns and tracker copies
# from the conversation's state, and to replay the answer of a message sent again
# instead of answering it twice.
action_response_check.install()
action_request_json.install()
graph_runs.install()
applied_events.install()
form_turns.install()
tracker_copies.install()
answer_once.install()


class RestInput(RasaRestInput):
    """``POST /webhooks/rest/webhook``: Rasa's REST channel, never silent."""

    @classmethod
    def name(cls) -> str:
        """Rasa's own name, hence Rasa's own webhook address."""
        return "rest"

    def blueprint(self, on_new_message: Handler) -> Blueprint:
        """Rasa's blueprint around a handler that always answers.

        Every Rasa server Puente runs has this channel: once it has started (its
        model loaded), what it loaded is kept out of garbage collection
        (:mod:`bot.long_lived`).
        """
        blueprint: Blueprint = super().blueprint(never_silent(on_new_message))
        freeze_after_start(blueprint)
        return blueprint
