"""Tell a family, once a session, that Puente needs no phone number or name.

The welcome asks families not to share a child's personal information, but a parent
who then writes "my son Juan Pérez is in 3rd grade" or "mi número es 323-555-0199"
got no word that she need not (found in an exploratory run). The words she typed
are hidden from organizers (:mod:`bot.privacy.redact`); she should also know she
can leave them out. The first time a message of the session holds what the
redactor hides (a phone number, an email, a street address, a name), a short
reminder comes before its answer; not in the welcome's turn (the welcome says it),
not inside a form (the message form asks for a school's name), nor for a school
corrected right after the letter ("es la Ascot no la Hooper" got the reminder and
no new letter: exploratory run 27), not before the emergency lines.

``action_privacy_reminder`` ends with ``action_listen`` in its events, as the
welcome does, so the rules answer the message as if nothing had come between.
"""

from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.core.events import Event
from rasa.shared.core.trackers import DialogueStateTracker

from bot.policies.after_answer import corrects_draft
from bot.policies.turns import (
    UntrainedPolicy,
    latest_message_answered,
    ran_this_session,
)
from bot.policies.welcome import NO_WELCOME_INTENTS, WELCOME_ACTION
from bot.privacy.redact import redact

REMINDER_ACTION = "action_privacy_reminder"


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=True
)
class PrivacyReminderPolicy(UntrainedPolicy):
    """Predict ``action_privacy_reminder`` before the answer that needs it."""

    def decide(self, tracker: DialogueStateTracker) -> tuple[str | None, list[Event]]:
        """Predict the reminder, or nothing; never any event."""
        return (REMINDER_ACTION if needs_reminder(tracker) else None), []


#: A yes or a no shares nothing: "simón" is Mexican for yes, and a name too.
YES_OR_NO = frozenset({"affirm", "deny"})


def needs_reminder(tracker: DialogueStateTracker) -> bool:
    """Whether the latest message, not yet answered, gets the reminder first.

    The redactor (0.1 ms) is asked before the session's events are scanned (0.2 ms
    each scan in a 100-message conversation): most messages hold nothing to hide.
    """
    message = tracker.latest_message
    text = str(message.text or "") if message else ""
    return not (
        message is None
        or not text
        or text.startswith("/")  # a button's payload
        or message.intent.get("name") in NO_WELCOME_INTENTS
        # "simón" (yes) to "¿La borro?" got the tip and no deletion (run 10)
        or message.intent.get("name") in YES_OR_NO
        or tracker.active_loop_name is not None
        or latest_message_answered(tracker.events)
        or redact(text) == text
        or not ran_this_session(tracker.events, WELCOME_ACTION)
        or ran_this_session(tracker.events, REMINDER_ACTION)
        or corrects_draft(tracker)
    )
