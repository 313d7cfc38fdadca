"""A need described, no question asked, gets the ways Puente can help (no server)."""

import pytest
import yaml
from rasa.shared.core.events import ActionExecuted, ActiveLoop, BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.policies.need_statement import describes_need, next_step
from bot.settings import PROJECT_ROOT

START = (ActionExecuted("action_session_start"), ActionExecuted("action_listen"))
#: A story told in one message, from an exploratory run: place, grade, subject, the
#: language the parent reads, and a question at the end.
STORY = ("hola buenas noches disculpe la molestia mire le cuento que mi hijo tiene 9 "
         "años y va en cuarto grado en una escuela de south gate y desde la pandemia "
         "se atraso mucho en lectura la maestra me dijo que esta dos grados abajo y yo "
         "no se leer bien en ingles para ayudarle y no tenemos dinero para pagar un "
         "tutor privado porque cobran mucho que puedo hacer?")

#: As long, with a place but no grade, subject or struggle.
PLACE_STORY = ("hola buenas noches disculpe la molestia mire le cuento que vivimos "
               "en south gate desde hace cinco años y mis hijos van a la escuela del "
               "barrio y queria saber que hay por aca para familias como nosotros")


def said(text, intent, confidence=0.9, **entities):
    return UserUttered(text, {"name": intent, "confidence": confidence},
                       [{"entity": k, "value": v} for k, v in entities.items()])


def tracker(*events):
    return DialogueStateTracker.from_events("test", [*START, *events])


@pytest.mark.parametrize("message", [
    said("Hello, my daughter is in 5th grade and struggling with fractions", "inform",
         0.64, grade="5", subject="math"),
    said("mi hija va en 3ro y va atrasada en lectura q puedo hacer", "faq", 0.40,
         grade="3", subject="reading"),
    said("my son is in 2nd grade and can't read", "nlu_fallback", 0.35,
         grade="2", subject="reading"),
    said("she is in 6th grade", "inform", 0.93, grade="6"),
    # "what can I do?" is what the three ways answer
    said("my son is in 4th and can't read well, what can I do?", "faq", 0.45,
         grade="4", subject="reading"),
    # a story: its place, language and question do not make it a request
    said(STORY, "nlu_fallback", 0.3, grade="4", city="South Gate", subject="reading",
         language="es"),
    said(STORY, "out_of_scope", 0.6, grade="4", subject="reading"),
    # a child said to struggle, with no grade or subject, even beside another worry
    said("mi hijo va muy mal en la escuela", "nlu_fallback", 0.35),
    said("my son is failing all his classes", "nlu_fallback", 0.35),
    said("mi esposo fue deportado y mi hijo va muy mal en la escuela", "out_of_scope",
         0.78),
    # Mexican Spanish and report-card letters (exploratory run 6)
    said("mi hijo está batallando mucho en la escuela", "nlu_fallback", 0.35),
    said("sacó puras F", "nlu_fallback", 0.35),
    said("tengo 4 hijos y todos van mal", "out_of_scope", 0.8),
    said("my son is in 7th grade, failing math, Huntington Park, his school doesn't "
         "offer anything", "nlu_fallback", 0.35, grade="7", subject="math",
         city="Huntington Park"),
    said("my son got all Fs this semester", "nlu_fallback", 0.35),
    said("que me recomienda para mi hija de 6to que va mal en mate", "nlu_fallback",
         0.35, grade="6", subject="math"),
])
def test_a_need_described_gets_the_ways_to_help(message):
    assert describes_need(tracker(message))


@pytest.mark.parametrize("events", [
    # a question the topic model is fairly sure of keeps its answer
    (said("is tutoring free for my 3rd grader?", "faq", 0.8, grade="3"),),
    # a question gets its answer or the "not sure" buttons with its likeliest topics
    (said("How do I know my child is ready to read?", "nlu_fallback", 0.35,
          subject="reading"),),
    (said("my 3rd grader can't read, is that normal?", "faq", 0.4, grade="3",
          subject="reading"),),
    # a place asks for programs there
    (said("3rd grade math near 90255", "inform", 0.9, grade="3", subject="math",
          zip_code="90255"),),
    # about the conversation's language
    (said("perdon mejor en español, mi esposo va a leer esto tmb", "nlu_fallback",
          0.35, language="es", subject="reading"),),
    # a search asked for, a crisis, no grade or subject, a button
    (said("find a math tutor for my 3rd grader", "find_program", grade="3",
          subject="math"),),
    (said("my 5th grader wants to die", "crisis", 1.0, grade="5"),),
    # a story the topic model is sure of, or that names no grade or subject
    (said(STORY, "faq", 0.8, grade="4", subject="reading"),),
    (said(PLACE_STORY, "nlu_fallback", 0.3, city="South Gate"),),
    (said("hola", "inform", 0.5),),
    # a struggle beside a question the model turns away, or the parent's own health
    (said("my son is failing, can you help me pay rent?", "out_of_scope", 0.8),),
    (said("estoy mal de salud y no puedo ir a la junta", "nlu_fallback", 0.35),),
    (said("la batalla de Puebla fue en 1862", "nlu_fallback", 0.35),),
    (said("what grade do you need to get an F in?", "nlu_fallback", 0.35),),
    (said('/inform{"grade": "3"}', "inform", 1.0, grade="3"),),
    # inside a form it is an answer
    (ActiveLoop("message_form"), said("5th", "inform", 0.9, grade="5")),
    # already answered
    (said("she is in 6th grade", "inform", 0.93, grade="6"),
     ActionExecuted("utter_need_options")),
])
def test_anything_else_keeps_its_own_answer(events):
    assert not describes_need(tracker(*events))


def test_the_welcome_comes_first_then_the_options():
    """The welcome ends with action_listen: the options answer the message next."""
    message = said("my son is in 2nd grade and can't read", "nlu_fallback", 0.35,
                   grade="2", subject="reading")
    welcomed = (message, ActionExecuted("action_welcome"), BotUttered("Hi!"),
                ActionExecuted("action_listen"))
    assert describes_need(tracker(*welcomed))


def test_after_the_options_puente_listens():
    events = (said("she is in 6th grade", "inform", 0.93, grade="6"),
              ActionExecuted("utter_need_options"), BotUttered("Thanks for telling."))
    assert next_step(tracker(*events)) == "action_listen"


def test_on_a_tie_the_welcome_the_privacy_tip_and_the_results_come_first():
    """Rasa's ensemble keeps the first of equal predictions: config.yml's order."""
    policies = [p["name"].rsplit(".", 1)[-1] for p in
                yaml.safe_load((PROJECT_ROOT / "config.yml").read_text())["policies"]]
    order = ["WelcomePolicy", "PrivacyReminderPolicy", "ShownProgramPolicy",
             "SearchFollowUpPolicy", "NeedStatementPolicy", "WellbeingFollowUpPolicy"]
    assert sorted(order, key=policies.index) == order
