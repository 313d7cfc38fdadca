"""Right after some answers, what the next unsure message most likely asks.

After the drafted message, "como la mando?", "a quien se la doy?", "who do I give
it to?" got "I'm not sure I understood", and "how do I send it" the answer on
signing up; after the organizers' contact, "ok whats the email", "cuando me
contestan?" and "es urgente" got "not sure" (found in an exploratory run). Right
after one of :data:`FOLLOW_UPS`' answers, a message nothing understood surely gets
that answer's follow-up: how to send the message, to whom, and what to do if nobody
answers (``utter_draft_how_to_send``); the contact again, that it is no live chat,
and whom to call if it is urgent (``utter_human_handoff_next``). A request Puente
understands (shorten the draft), a question it answers surely, a crisis, a goodbye
or a request for a person keep their own answers.

A yes answers the question just asked: "sí" to "¿Quiere ver más, o saber cómo
pedirle tutoría a la escuela?" got "¿Le puedo ayudar con algo más?" (an
exploratory run); it shows more programs (:data:`YES_MEANS`).
"""

from __future__ import annotations

import re

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.events import Event
from rasa.shared.core.trackers import DialogueStateTracker

from bot.advocacy.drafts import asks_for_another
from bot.policies.turns import (
    UntrainedPolicy,
    answered_recently,
    awaits_answer,
    last_answer,
    replies_right_after,
)
from bot.text import fold

#: The answers that show the drafted message.
DRAFT_ACTIONS = frozenset({"action_draft_message", "action_shorten_draft",
                           "action_switch_draft_language"})
#: The answer that gives the organizers' contact.
HANDOFF = frozenset({"utter_human_handoff"})
#: Each answer's follow-up for an unsure message right after it.
FOLLOW_UPS = {
    DRAFT_ACTIONS: "utter_draft_how_to_send",
    HANDOFF: "utter_human_handoff_next",
}

#: Words that ask for an answer's follow-up, however the NLU read the message: the
#: contact again ("ok whats the email", once read as a letter's request), the
#: draft sent ("send it for me", "mándala usted" started a new letter: exploratory
#: run 10).
ASKS_FOLLOW_UP = {
    HANDOFF: re.compile(
        r"\b(?:e-?mail|correo|mail|phone|telefono|numero|number|contact\w*)\b"),
    DRAFT_ACTIONS: re.compile(
        r"\b(?:send|sent|email it|mand\w*|envi\w*|entreg\w*|deliver)\b"),
}
#: Messages whose own answer comes first, whatever they ask.
OWN_ANSWER_INTENTS = frozenset({"crisis", "child_user", "goodbye",
                                "delete_conversation"})

#: What a yes right after each of these questions asks for.
YES_MEANS = {"utter_program_next_more": "action_show_more_programs"}
AFFIRM = "affirm"


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=True
)
class AfterAnswerPolicy(UntrainedPolicy):
    """Predict an answer's follow-up for an unsure message after it, then listen."""

    def decide(self, tracker: DialogueStateTracker) -> tuple[str | None, list[Event]]:
        """Predict :func:`follow_up`, listening after it, or nothing."""
        if tracker.latest_action_name in {*FOLLOW_UPS.values(), *YES_MEANS.values()}:
            return str(ACTION_LISTEN_NAME), []
        return follow_up(tracker), []


def follow_up(tracker: DialogueStateTracker) -> str | None:
    """Return the follow-up of the answer the latest, unsure message comes after.

    Or what a yes to the question just asked asks for.
    """
    message = tracker.latest_message
    if (message is not None and message.intent.get("name") == AFFIRM
            and tracker.active_loop_name is None and awaits_answer(tracker.events)):
        return YES_MEANS.get(last_answer(tracker.events) or "")
    return next((response for answers, response in FOLLOW_UPS.items()
                 if replies_right_after(tracker, answers)
                 or asks_for_follow_up(tracker, answers)), None)


def asks_for_follow_up(tracker: DialogueStateTracker, answers: frozenset[str]) -> bool:
    """Whether the message right after one of ``answers`` asks for its follow-up.

    In its words (:data:`ASKS_FOLLOW_UP`), whatever the intent, but for a crisis, a
    goodbye and the like, which keep their own answers.
    """
    message = tracker.latest_message
    words = ASKS_FOLLOW_UP.get(answers)
    text = str(message.text or "") if message else ""
    return (words is not None and message is not None
            and tracker.active_loop_name is None
            and message.intent.get("name") not in OWN_ANSWER_INTENTS
            and bool(words.search(fold(text)))
            and not asks_for_another(text)  # "quiero mandar otra carta"
            and awaits_answer(tracker.events)
            and answered_recently(tracker.events, answers, 1))
