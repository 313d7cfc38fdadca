"""A family's "delete my chat", confirmed, deletes everything Puente keeps of it.

Puente's tracker store, on SQLite and PostgreSQL (the review app's ``stores``),
with what the review app derived and a program alert beside it.
"""

import time

from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy import func, select

from bot.privacy.forget import DELETED_RESPONSE, asks_to_delete
from bot.programs import alerts
from bot.programs.alert_models import ProgramAlert
from bot.programs.geo import resolve
from bot.review import queries
from bot.review.models import ConversationSummary, ReviewNote
from bot.review.summaries import refresh
from bot.review.tracker import EVENTS
from tests.review.conftest import events_for

FAMILY = "web-family"
OTHER = "web-other"


def _count(engine, column, sender):
    with engine.connect() as connection:
        return connection.execute(select(func.count()).where(column == sender)).scalar()


def confirmed(tracker: DialogueStateTracker) -> DialogueStateTracker:
    """The turn in which the family says yes and hears it is deleted."""
    for event in (ActionExecuted("action_listen"),
                  UserUttered("sí", {"name": "affirm", "confidence": 0.99}),
                  ActionExecuted(DELETED_RESPONSE), BotUttered("Listo: borré...")):
        tracker.update(event)
    return tracker


async def test_a_confirmed_deletion_leaves_nothing_of_the_conversation(stores):
    now = time.time()
    for sender in (FAMILY, OTHER):
        await stores.save(sender, events_for(now, "es", [
            ("mi numero es 323 555 0199, que es la tutoria", "faq", 0.9,
             "faq/what_is_hit")]))
        alerts.subscribe(stores.puente, sender, resolve("90255"), grade=3,
                         subject="math", program_language="", format="",
                         language="es", keep_days=180)
    refresh(stores.puente, stores.tracker)
    queries.save_review(stores.puente, FAMILY, "ana@example.org", True, "ok", "")
    stores.rasa.puente = stores.puente

    await stores.rasa.save(confirmed(await stores.rasa.retrieve(FAMILY)))

    assert _count(stores.tracker, EVENTS.c.sender_id, FAMILY) == 0
    for column in (ConversationSummary.sender_id, ReviewNote.sender_id,
                   ProgramAlert.conversation):
        assert _count(stores.puente, column, FAMILY) == 0
    assert await stores.rasa.retrieve(FAMILY) is None  # a new message starts afresh
    # the other family's conversation and alert are untouched
    assert _count(stores.tracker, EVENTS.c.sender_id, OTHER) > 0
    assert _count(stores.puente, ProgramAlert.conversation, OTHER) == 1
    assert _count(stores.puente, ConversationSummary.sender_id, OTHER) == 1


def test_only_the_latest_turn_counts():
    """A conversation deleted and written to again is not deleted again."""
    tracker = confirmed(DialogueStateTracker("x", []))
    assert asks_to_delete(tracker)
    tracker.update(UserUttered("hola", {"name": "greet", "confidence": 0.99}))
    assert not asks_to_delete(tracker)
