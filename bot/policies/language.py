"""Keep the ``language`` slot in step with what the parent writes.

Rasa's slot mappings cannot say "switch only on strong evidence, but fill an empty
slot on weak evidence", and a slot set by an action arrives one step too late for the
first answer. A policy can: every policy may attach events to its prediction, and Rasa
applies them before the predicted action runs, whichever policy wins. This policy
never predicts an action; it only sets the slot when the language should change.
"""

from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.core.events import Event, SlotSet
from rasa.shared.core.trackers import DialogueStateTracker

from bot.advocacy import LANGUAGE_ANSWER_SLOTS
from bot.lang.detect import conversation_language
from bot.nlu.guard import TUTORING_LANGUAGE
from bot.policies.after_answer import asks_draft_in_a_language, corrects_draft
from bot.policies.ask_school_follow_up import accepts_letter
from bot.policies.crisis_follow_up import answers_paused_question
from bot.policies.search_follow_up import asks_about_their_language
from bot.policies.shown_program import shown_names_this_session
from bot.policies.turns import UntrainedPolicy, latest_message_answered
from bot.programs.shown import without_names

LANGUAGE_SLOT = "language"
#: Form questions whose answer may be English as a subject ("¿En qué materia?"
#: "inglés"): English named there is the subject (english_learners), and the
#: conversation stays in its language. Spanish named there still switches.
SUBJECT_SLOTS = frozenset({"program_subject", "msg_subject"})
#: Form questions a name answers: "Roosevelt High School" or "Huntington Park" typed
#: in a Spanish conversation is a name, not English (the letter's next questions came
#: in English: an exploratory run). Only a language asked for by name switches there,
#: and in a reply that starts the letter with a school's name
#: (:mod:`bot.policies.ask_school_follow_up`).
NAME_SLOTS = frozenset({"msg_school", "program_location"})
#: A form answer this short is an answer, not a language: "math", "2nd" or "the
#: principal" typed in a Spanish conversation (families in Los Angeles say school
#: words in English) switched the next questions, the results and the letter's
#: "send me the information in English" to English (an exploratory run).
BRIEF_ANSWER_WORDS = 3


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=True
)
class LanguagePolicy(UntrainedPolicy):
    """Set the ``language`` slot from each new user message; predict nothing."""

    #: Lowest: it never competes to choose the next action.
    priority = 0

    def decide(self, tracker: DialogueStateTracker) -> tuple[str | None, list[Event]]:
        """No action; a SlotSet when the language changes."""
        return None, list(language_events(tracker))


def language_events(tracker: DialogueStateTracker) -> list[SlotSet]:
    """Return the SlotSet for the latest user message, decided once, right after it."""
    if latest_message_answered(tracker.events):
        return []
    message = tracker.latest_message
    if message is None or message.text is None:
        return []
    requested = next(
        (e.get("value") for e in message.entities if e.get("entity") == "language"),
        None,
    )
    if message.intent.get("name") == TUTORING_LANGUAGE:
        requested = None  # "is it in spanish?" asks about tutoring, not Puente
    current = tracker.get_slot(LANGUAGE_SLOT)
    if current is not None and keeps_language(tracker, requested):
        return []
    language = conversation_language(
        current,
        without_names(message.text, shown_names_this_session(tracker)),
        intent=message.intent.get("name"),
        requested=requested,
        page_language=(message.metadata or {}).get("language"),
    )
    if language is None or language == current:
        return []
    return [SlotSet(LANGUAGE_SLOT, language)]


def keeps_language(tracker: DialogueStateTracker, requested: str | None) -> bool:
    """Whether the message answers something a language or a name answers.

    A language named where the question takes one, or asked of the programs just
    shown ("es en español?") or of the letter just drafted ("mándalo en inglés");
    English named where a subject is asked; a school's or a place's name, or any
    brief answer to a form's question, unless a language is asked for by name; a
    correction of the letter just drafted ("Gage Middle School" in a Spanish
    conversation got the next answer in English: exploratory run 27); an answer to
    the question of a form a crisis paused.
    """
    return (answers_a_language_question(tracker)
            or asks_about_their_language(tracker)
            or asks_draft_in_a_language(tracker)
            or (requested == "en" and asks_a_subject(tracker))
            or (requested is None
                and (asks_a_name(tracker) or accepts_letter(tracker)
                     or answers_a_form_briefly(tracker) or corrects_draft(tracker)))
            # run 19: "ingles" for the subject after the emergency lines paused the
            # search switched a Spanish conversation to English
            or answers_paused_question(tracker))


def answers_a_language_question(tracker: DialogueStateTracker) -> bool:
    """Whether a form is asking a question a language answers ("only in English").

    Inside a form, an answer to the question wins: the message answers it and
    leaves the conversation's language alone.
    """
    return asks_one_of(tracker, LANGUAGE_ANSWER_SLOTS)


def answers_a_form_briefly(tracker: DialogueStateTracker) -> bool:
    """Whether a form is asking and the latest message is a few words at most."""
    text = str((tracker.latest_message and tracker.latest_message.text) or "")
    return (tracker.active_loop_name is not None
            and len(text.split()) <= BRIEF_ANSWER_WORDS)


def asks_a_subject(tracker: DialogueStateTracker) -> bool:
    """Whether a form is asking which subject (where "inglés" is one)."""
    return asks_one_of(tracker, SUBJECT_SLOTS)


def asks_a_name(tracker: DialogueStateTracker) -> bool:
    """Whether a form is asking for a school's or a place's name."""
    return asks_one_of(tracker, NAME_SLOTS)


def asks_one_of(tracker: DialogueStateTracker, slots: frozenset[str]) -> bool:
    """Whether a form is asking the question of one of ``slots``."""
    return (
        tracker.active_loop_name is not None
        and tracker.get_slot("requested_slot") in slots
    )
