"""After the emergency lines, the next message: what to do now, or a gentle goodbye.

"mi hijo me dijo que ya no quiere vivir" got 911, 988 and Childhelp; then "que hago"
got a cheerful welcome and "I can't answer that one", "what do I do" the list of
what Puente can do, and "gracias" "¡Con mucho gusto! ¿Algo más?" (found in an
exploratory run). Right after the emergency lines (or the people to reach after a
crisis), a message nothing understood surely now gets what to do now
(``utter_crisis_next``: 911, 988 for the parent or the child, staying with the
child, locking up what could hurt, Childhelp, the domestic violence line, the
counselor later); after that, while the parent keeps writing what nothing
understands surely ("no tengo a nadie", "she doesnt want me to tell anyone": a later
run got "not sure" and the tutoring menu), the lines again, shorter
(``utter_crisis_support``); a thanks gets a word of care with 988 again
(``utter_crisis_thanks``), and so does a parent pulling back ("forget it"); "no
estoy en peligro" or "jaja no es literal" an apology and the way back to tutoring
(``utter_crisis_not_in_danger``), but "not me, my son said it" what to do now;
"ya llamé al 911" a word for the wait (``utter_crisis_help_called``); a fear of
being asked for papers, that the lines are for anyone (``utter_crisis_immigration``);
no welcome before any of them (:mod:`bot.policies.welcome`). Another crisis, a
request for a person, a goodbye or a question Puente answers surely keep their own
answers, and so does a
message that names tutoring or a grade, subject or place: a parent who asks about
tutoring again is out of the crisis's answers. While a form is paused, each care
answer offers the way back to it, and the answer to its question resumes it.
"""

from __future__ import annotations

import re
from typing import Any

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.events import Event
from rasa.shared.core.trackers import DialogueStateTracker

from bot.lang.detect import language_of
from bot.nlu.guard import IMMIGRATION
from bot.nlu.immigration import worries_about_immigration
from bot.nlu.synonyms import names_tutoring
from bot.policies.turns import (
    AFFIRM,
    UNSURE_INTENTS,
    UntrainedPolicy,
    answered_recently,
    awaits_answer,
    follows_right_after,
    ran_this_session,
    replies_right_after,
)
from bot.programs.models import ANY_SUBJECT
from bot.safety.crisis import is_crisis
from bot.safety.pause import (
    PAUSED_RESPONSE,
    answer_to_paused,
    paused_form,
    paused_question,
)
from bot.text import fold

NEXT_STEPS = "utter_crisis_next"
SUPPORT = "utter_crisis_support"
THANKS = "utter_crisis_thanks"
NOT_IN_DANGER = "utter_crisis_not_in_danger"
HELP_CALLED = "utter_crisis_help_called"
#: "si llamo me van a deportar?" after the lines got the answer on school and papers
#: (run 14): the lines are for anyone, and her fear is for them to hear.
IMMIGRATION_FEAR = "utter_crisis_immigration"
#: The emergency lines, a crisis's first answer.
LINES = "utter_crisis"
#: The answers that give the emergency lines: what to do now comes once after them.
LINES_ACTIONS = frozenset({LINES, "utter_crisis_person"})
#: Every answer of a crisis: right after one, the parent is still in it.
CARE_ACTIONS = LINES_ACTIONS | {NEXT_STEPS, SUPPORT, THANKS, HELP_CALLED,
                                IMMIGRATION_FEAR}
#: Every answer this policy gives: right after one, it listens.
OWN_ANSWERS = (CARE_ACTIONS - LINES_ACTIONS) | {NOT_IN_DANGER}
#: Nobody in danger, said right after the lines: "jaja no es literal", "no estoy en
#: peligro, solo cansada" got "call 988 now" again (exploratory run 9); so did "no,
#: no es para tanto, solo estaba enojado" and "no nada perdón me equivoqué", and "quise
#: decir q me PAGA la tutoría" got "not sure" (run 11). "no es para tanto" alone is
#: no all-clear: after self-harm it can be a parent making light of it.
_NOT_IN_DANGER = re.compile(
    r"\b(?:no (?:estoy|esta|estamos|estan|hay nadie) en (?:ningun )?peligro"
    r"|nadie (?:esta )?en peligro|not in (?:any )?danger|(?:no one|nobody) is in danger"
    r"|no (?:es|era) (?:literal|en serio|de verdad)|not (?:literal(?:ly)?|serious)"
    r"|(?:es|era) (?:un decir|broma|una broma|en broma|una expresion|un dicho)"
    r"|(?:just|only) (?:kidding|joking|a joke|an expression|a saying|tired|venting)"
    r"|(?:i was|im|i am) (?:kidding|joking)|jk"
    r"|(?:solo|nomas|nada mas) (?:estoy |ando |estaba |andaba )?(?:cansad[oa]"
    r"|desahogando\w*|enojad[oa]|molest[oa]|frustrad[oa]|enojon[ae]?)"
    r"|me equivoque|(?:i|we) made a mistake|my (?:mistake|bad)|wrong (?:chat|message)"
    r"|(?:it|that|this) was a mistake|fue un error|(?:fue|era) (?:una )?equivocacion"
    r"|quise decir|(?:i|we) meant|(?:just|only) (?:mad|angry|upset|frustrated)"
    # run 12: "era para probar", "socorro es mi nombre jaja" got the lines again
    r"|(?:era|es|solo) (?:para|pa) probar|(?:estaba|estoy|solo) probando"
    r"|(?:just|only|i was|im|i am) testing|es mi nombre|(?:its|it is) my name"
    r"|todos estamos bien|(?:we are|were|everyone is|everybody is) (?:all )?(?:fine|ok"
    r"|okay|safe))\b")
#: The parent says a child said it, not them: "sorry i meant my daughter said that"
#: got "I'm glad everyone is safe" ("i meant"), "not me, my son said it" the answer
#: for a school that said no (exploratory run 14). A child is at risk: what to do
#: now.
_A_CHILD_SAID_IT = re.compile(
    r"\b(?:(?:my|mi|su) (?:son|daughter|kid|child|boy|girl|teen|hij[oa]|nin[oa]"
    r"|chamac[oa]|muchach[oa]|morr[oa]|nene|nena)s? (?:\w+ )?(?:said|says|wrote"
    r"|texted|told me|dijo|escribio|me dijo|lo dijo|lo escribio|lo puso)"
    r"|(?:lo|eso) (?:dijo|escribio|puso) (?:mi|su)"
    r"|(?:it was|its|it is|that was) (?:my|about my) (?:son|daughter|kid|child)"
    r"|not me|no (?:soy|fui|era) yo)\b")
#: "forget it", "never mind im ok", "olvídalo" after the lines got "You have no
#: program alerts, nothing to delete" (run 14): a parent pulling back hears 988 again.
_NEVER_MIND = re.compile(
    r"\b(?:forget (?:it|about it|what i said|i said anything|everything)"
    r"|never ?mind|nvm"
    r"|olvida(?:lo|le)?|olvide(?:lo)?|(?:ya )?no importa|dejalo|dejelo|dejalo asi"
    # run 15: "ignore that" got the answer for a school that said no, "drop it" what
    # is not high-impact
    r"|ignore (?:that|it|this|me|what i said)|drop it|ignora(?:lo)?|ignore(?:lo)?"
    r"|no (?:me )?hagas caso|no (?:me )?haga caso)\b")
#: "what do i do now" (no question mark), "what should i do" got the family-role
#: answer right after the lines (run 14): a topic it was sure of.
_WHAT_NOW = re.compile(
    r"\b(?:what (?:do|should|can|shall|must) (?:i|we) do|now what|what now"
    r"|(?:que|q) (?:hago|puedo hacer|debo hacer|hacemos|podemos hacer)"
    r"|y ahora (?:que|q)"
    # run 15: "how do i help her", "como le ayudo" got the family-role answer
    r"|how (?:do|can|should|could) (?:i|we) (?:help|talk to|support)"
    r" (?:him|her|them|my)"
    r"|(?:como|que) (?:le|lo|la|les) (?:ayudo|puedo ayudar|apoyo|digo|hablo)"
    r"|como (?:puedo )?ayudar(?:le|lo|la))\b")
#: "ya llamé al 911" right after the lines got every line again (run 14): help is
#: coming; a word for the wait.
_CALLED_FOR_HELP = re.compile(
    r"\b(?:(?:ya )?(?:llame|llamamos|marque|marcamos|hable|hablamos)(?: \w+)?"
    r" (?:al|a la|a los|con la|con el) (?:911|988|policia|ambulancia|paramedicos|linea)"
    r"|(?:i|we) (?:already )?(?:called|texted|talked to|spoke to|rang)(?: the)?"
    r" (?:911|988|police|cops|ambulance|hotline|line)"
    r"|(?:help|the police|the ambulance|police|ambulance) (?:is|are) (?:coming"
    r"|on (?:the|their|its) way|here)"
    r"|ya (?:viene|vienen|llego|llegaron) (?:la policia|la ambulancia|los paramedicos"
    r"|la ayuda))\b")
#: "estoy bien pero mi hijo sigue...": someone is not all right; nor is a joke taken
#: back by half ("jk... kinda", "es broma... bueno mas o menos" got "I'm glad
#: everyone is safe": run 32).
_BUT = re.compile(r"\b(?:pero|but|aunque|although|sigue|still|kinda|kind of|sort of"
                  r"|sorta|not really|mas o menos|medio|no del todo|a medias)\b")
THANK_INTENTS = frozenset({"thank"})
#: Right after a crisis's answer, a bare "ok", "no" or "no sé" ("no tengo a nadie"
#: read as the checklist's "not sure") is not a tutoring conversation either.
UNSURE_AFTER_CRISIS = UNSURE_INTENTS | {AFFIRM, "deny", "answer_unsure", "greet"}
#: Messages whose own answer comes first, whatever they say.
NOT_CARE_INTENTS = frozenset({"crisis", "child_user", "human_handoff", "goodbye"})
#: What a search or a letter asks.
SEARCH_ENTITIES = frozenset({"grade", "subject", "zip_code", "city"})
#: Back to the form a crisis paused (actions/session.py).
RESUME = "action_resume_form"
#: Messages that are no reply to a paused form's question, whatever they name:
#: their own answers, or a request that starts something new.
NOT_A_REPLY = NOT_CARE_INTENTS | {"stop", "start_over", "delete_conversation",
                                  "find_program", "draft_message", "check_tutoring",
                                  "other_needs", "child_wellbeing",
                                  "parent_wellbeing", "immigration_status"}


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=True
)
class CrisisFollowUpPolicy(UntrainedPolicy):
    """Predict what to do now, or care for a thanks, right after a crisis's answer."""

    def decide(self, tracker: DialogueStateTracker) -> tuple[str | None, list[Event]]:
        """Predict :func:`answer_after_crisis`, listening after it, or nothing.

        After a care answer, while a form is paused, the way back to it again; an
        answer to the paused form's question resumes it.
        """
        if tracker.latest_action_name in OWN_ANSWERS:
            offer = paused_form(_as_dicts(tracker)) is not None
            return (PAUSED_RESPONSE if offer else str(ACTION_LISTEN_NAME)), []
        if (tracker.latest_action_name == PAUSED_RESPONSE
                and tracker.active_loop_name is None):
            return str(ACTION_LISTEN_NAME), []
        if answers_paused_question(tracker):
            return RESUME, []
        return answer_after_crisis(tracker), []


def _as_dicts(tracker: DialogueStateTracker) -> list[dict[str, Any]]:
    """Return the events as the action server reads them (bot.safety.pause)."""
    return [event.as_dict() for event in tracker.events]


def answers_paused_question(tracker: DialogueStateTracker) -> bool:
    """Whether the latest message answers the question of a paused form.

    Paused by a crisis or a request for a person (:mod:`bot.safety.pause`).

    "4to" or "matemáticas" after the emergency lines got "I can help in three
    ways" and the search was lost; "ok" or "listo" got the lines again with no way
    back (exploratory run 19). Another crisis, a request for a person, a goodbye or
    a request that starts something else keep their own answers.
    """
    message = tracker.latest_message
    if (message is None or tracker.active_loop_name is not None
            or message.intent.get("name") in NOT_A_REPLY
            or not awaits_answer(tracker.events)
            or not ran_this_session(tracker.events, PAUSED_RESPONSE)):
        return False
    events = _as_dicts(tracker)
    if paused_form(events) is None:
        return False
    reply = {"text": message.text, "intent": message.intent,
             "entities": message.entities}
    answer = answer_to_paused(paused_question(events), reply,
                              language_of(tracker.get_slot("language")))
    return answer is not None


def _latest_text(tracker: DialogueStateTracker) -> str:
    message = tracker.latest_message
    return fold(str(message.text or "")) if message else ""


def about_tutoring(tracker: DialogueStateTracker) -> bool:
    """Whether the latest message names tutoring or a search detail (a grade...).

    "y lo de la tutoria como le hago" got "I can't answer that, but these lines
    can", and "tercero", the answer to a paused form's question, the same (an
    exploratory run): a parent back to tutoring gets Puente's usual answers.
    """
    message = tracker.latest_message
    if message is None:
        return False
    # "whatever" or "lo que sea" (every subject, read anywhere) is no way back
    return (names_tutoring(_latest_text(tracker))
            or any(e.get("entity") in SEARCH_ENTITIES and e.get("value") != ANY_SUBJECT
                   for e in message.entities))


def says_help_was_called(tracker: DialogueStateTracker) -> bool:
    """Whether the message right after a crisis's answer says help was called.

    "ya llamé al 911" is read as a crisis (it names 911); right after the lines,
    with no other danger in it ("ya llamé al 911 pero no respira" is one), it says
    help is on its way.
    """
    text = _latest_text(tracker)
    called = _CALLED_FOR_HELP.search(text)
    return (called is not None
            and not is_crisis(_CALLED_FOR_HELP.sub(" ", text))
            and follows_right_after(tracker, CARE_ACTIONS,
                                    NOT_CARE_INTENTS - {"crisis"}))


def says_nobody_is_in_danger(tracker: DialogueStateTracker) -> bool:
    """Whether the message right after a crisis's answer says nobody is in danger.

    Not for another crisis, a request for a person or a goodbye: their own answers.
    """
    text = _latest_text(tracker)
    return (bool(_NOT_IN_DANGER.search(text)) and not _BUT.search(text)
            and follows_right_after(tracker, CARE_ACTIONS, NOT_CARE_INTENTS))


def answer_after_crisis(tracker: DialogueStateTracker) -> str | None:
    """Return the answer to the message right after a crisis's answer, or None.

    What to do now right after the lines themselves; the lines again after any
    other answer of the crisis.
    """
    if says_help_was_called(tracker):
        return HELP_CALLED
    text = _latest_text(tracker)
    right_after = follows_right_after(tracker, CARE_ACTIONS, NOT_CARE_INTENTS)
    if right_after and _A_CHILD_SAID_IT.search(text) and not about_tutoring(tracker):
        return NEXT_STEPS
    # run 33: "no tengo papeles, si llamo a la policia me deportan?" right after the
    # lines is itself read as a crisis ("si llamo a la policia"): the lines again,
    # her fear unanswered. The answer for it gives 911 and the lines too.
    if ((tracker.latest_message.intent.get("name") == IMMIGRATION
         or worries_about_immigration(text))
            and follows_right_after(tracker, CARE_ACTIONS,
                                    NOT_CARE_INTENTS - {"crisis"})):
        return IMMIGRATION_FEAR
    if says_nobody_is_in_danger(tracker):
        return NOT_IN_DANGER
    if replies_right_after(tracker, CARE_ACTIONS, THANK_INTENTS) or (
            right_after and _NEVER_MIND.search(text)):
        return THANKS
    if right_after and _WHAT_NOW.search(text) and not about_tutoring(tracker):
        lines_just_said = answered_recently(tracker.events, LINES_ACTIONS, 1)
        return NEXT_STEPS if lines_just_said else SUPPORT
    if (not replies_right_after(tracker, CARE_ACTIONS, UNSURE_AFTER_CRISIS)
            or about_tutoring(tracker)):
        return None
    if answered_recently(tracker.events, LINES_ACTIONS, 1):
        return NEXT_STEPS
    # "ok" after what to do now got "I can't answer that, but these lines can" and the
    # lines again (exploratory run 13): care, as for a thanks
    message = tracker.latest_message
    return THANKS if message and message.intent.get("name") == AFFIRM else SUPPORT
