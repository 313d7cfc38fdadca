"""Delete a family's conversation when they ask ("borren mis datos", "delete my chat").

Chats are deleted after the retention period (``puente retention purge``); a family
who asks sooner had only that answer, which kept what they regretted writing for
180 days (an exploratory run). Asked, and confirmed, Puente deletes the whole
conversation at once: its events in Rasa's tracker store, what the review app
derived from it (summary, notes, training queue) and any request to hear about new
programs, the same rows the retention purge deletes for an old conversation.

The deletion happens where the conversation is saved (:mod:`bot.conversations.store`):
an action cannot do it, because Rasa saves the conversation after its actions ran
and would write it all back. The response that tells the family it is done,
:data:`DELETED_RESPONSE`, is the mark: a conversation holding it is deleted instead
of saved, so the family is never told "deleted" of a conversation that is kept (if
the deletion fails, the save fails, and the message never reaches them).

Left as it is: a review-app refresh that read the conversation's events just before
they were deleted can write its summary back (redacted, without the messages,
which only the tracker store holds); the next retention purge removes it.
"""

from __future__ import annotations

from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy.engine import Engine

from bot.programs.alerts import unsubscribe
from bot.review.queries import delete_conversation

#: The reply "Done: I deleted our conversation", whose run deletes it.
DELETED_RESPONSE = "utter_conversation_deleted"


def asks_to_delete(tracker: DialogueStateTracker) -> bool:
    """Whether the latest turn (since the family's last message) said it is deleted."""
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            return False
        if isinstance(event, ActionExecuted) and event.action_name == DELETED_RESPONSE:
            return True
    return False


def delete_everything(puente: Engine, tracker: Engine, sender_id: str) -> None:
    """Delete the conversation, what was derived from it, and its program alerts."""
    delete_conversation(puente, tracker, [sender_id])
    unsubscribe(puente, sender_id)
