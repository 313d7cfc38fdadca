"""After the answer on asking the school, a school, a person or a yes: the letter.

That answer ends "I can help you write a message to the school". "Roosevelt high"
typed next got "Did you mean: Who can get it?", "the principal" the same answer
again, and "sí" "Anything else?" (found in an exploratory run). Right after it, a
yes, or a short message that names a school ("Bell Gardens Elementary") or the
person to write to ("la directora"), starts the message to the school
(``action_message_start``, then ``message_form``), which keeps the school and the
person named (:func:`bot.advocacy.drafts.known_answers`) and asks the rest. A
question the topic model is sure of, a crisis, a goodbye or a request for a person
keep their own answers. Right after a draft, a request for another ("otro para mi
otro hijo") starts a new message the same way, and so does a yes to the checklist
result's offer to write its questions to the school.
"""

from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.core.events import Event
from rasa.shared.core.trackers import DialogueStateTracker

from bot.advocacy.drafts import START_OVER, asks_for_another
from bot.advocacy.school_names import named_in_reply
from bot.nlu.entities import find_languages
from bot.policies.after_answer import DRAFT_ACTIONS, OWN_ANSWER_INTENTS
from bot.policies.turns import (
    AFFIRM,
    SURE,
    UntrainedPolicy,
    awaits_answer,
    follows_right_after,
    last_answer,
    replies_right_after,
)
from bot.text import is_question

ASK_SCHOOL = "utter_faq/ask_school"
#: The answers that offer to write the message: a yes to any starts it.
LETTER_OFFERS = frozenset({ASK_SCHOOL, "utter_checklist_next",
                           "utter_checklist_what_now"})
START = "action_message_start"
MESSAGE_FORM = "message_form"
#: What a reply naming a school or a person reads as; a yes is ``affirm``.
REPLY_INTENTS = frozenset({"inform", "nlu_fallback", "out_of_scope", "faq"})
#: Right after a draft, what keeps its own answer though it asks for another
#: letter; "otro mensaje" read as the other language's button does not.
ANOTHER_UNLESS = OWN_ANSWER_INTENTS - {"switch_draft_language"}
#: A reply, not a question of its own.
MAX_WORDS = 8


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=True
)
class AskSchoolFollowUpPolicy(UntrainedPolicy):
    """Predict the start of the message to the school, then its form."""

    def decide(self, tracker: DialogueStateTracker) -> tuple[str | None, list[Event]]:
        """Predict :data:`START`, :data:`MESSAGE_FORM` right after it, or nothing."""
        if tracker.latest_action_name == START and tracker.active_loop_name is None:
            return MESSAGE_FORM, []
        return (START, []) if (accepts_letter(tracker)
                               or asks_another_letter(tracker)) else (None, [])


def asks_another_letter(tracker: DialogueStateTracker) -> bool:
    """Whether the latest message, right after a draft, asks for another one.

    "quiero hacer otro para mi otro hijo" got how to send the first one, and the
    second child's school, grade and subject "not sure" (an exploratory run); so
    did "empezar de nuevo" typed (the draft's "Start over" button says the same).
    "otro mensaje en inglés" is the same one in English.
    """
    message = tracker.latest_message
    if message is None:
        return False
    if message.intent.get("name") == START_OVER:
        return replies_right_after(tracker, DRAFT_ACTIONS, frozenset({START_OVER}))
    # however the NLU read it: "otro mensaje" typed showed the same letter in the
    # other language (exploratory runs 9 and 10, read as "Otro idioma")
    text = str(message.text or "")
    return (follows_right_after(tracker, DRAFT_ACTIONS, ANOTHER_UNLESS)
            and asks_for_another(text) and not find_languages(text))


def accepts_letter(tracker: DialogueStateTracker) -> bool:
    """Whether the latest message, just after the ask-school answer, takes its offer."""
    message = tracker.latest_message
    offer = last_answer(tracker.events)
    if (message is None or tracker.active_loop_name is not None
            or not awaits_answer(tracker.events) or offer not in LETTER_OFFERS):
        return False
    intent = message.intent.get("name")
    if intent == AFFIRM:
        return True
    if offer != ASK_SCHOOL:
        return False
    text = str(message.text or "")
    # "Roosevelt High" is no question, however sure a topic ("high" school:
    # eligibility at 0.65, exploratory run 25)
    unsure = (intent != "faq" or float(message.intent.get("confidence") or 0) < SURE
              or not is_question(text))
    return (intent in REPLY_INTENTS and unsure and 0 < len(text.split()) <= MAX_WORDS
            and named_in_reply(text))
