"""Right after the emergency lines: what to do now, or care for a thanks (no server)."""

import pytest
from rasa.shared.core.events import ActionExecuted, ActiveLoop, BotUttered, SlotSet

from bot.policies.crisis_follow_up import CrisisFollowUpPolicy, answer_after_crisis
from bot.policies.language import language_events
from bot.policies.welcome import next_welcome_step
from tests.trackers import conversation as tracker
from tests.trackers import said as asked

LINES = (asked("mi hijo me dijo que ya no quiere vivir", "crisis", 1.0),
         ActionExecuted("utter_crisis"), BotUttered("Si alguien está en peligro..."),
         ActionExecuted("action_listen"))


@pytest.mark.parametrize("message", [
    asked("que hago"), asked("what do I do", "help", 0.9),
    asked("y ahora?", "nlu_fallback", 0.3), asked("no se", "faq", 0.4),
])
def test_a_message_nothing_understood_surely_gets_what_to_do_now(message):
    question = tracker(*LINES, message)
    assert CrisisFollowUpPolicy.decide(None, question) == ("utter_crisis_next", [])
    assert next_welcome_step(question) is None  # no cheerful welcome before it
    answered = tracker(*LINES, message, ActionExecuted("utter_crisis_next"))
    assert CrisisFollowUpPolicy.decide(None, answered) == ("action_listen", [])


def test_a_thanks_gets_care_after_the_lines_or_what_to_do_now():
    assert answer_after_crisis(tracker(*LINES, asked("gracias", "thank"))) == (
        "utter_crisis_thanks")
    steps = (*LINES, asked("que hago"), ActionExecuted("utter_crisis_next"),
             BotUttered("Puente es un asistente..."), ActionExecuted("action_listen"))
    assert answer_after_crisis(tracker(*steps, asked("gracias", "thank"))) == (
        "utter_crisis_thanks")
    # what to do now comes once; then, while nothing understands the parent surely,
    # the lines again ("no tengo a nadie" got "not sure": a later run)
    support = (*steps, asked("no tengo a nadie", "answer_unsure", 0.63))
    assert answer_after_crisis(tracker(*support)) == "utter_crisis_support"
    supported = (*support, ActionExecuted("utter_crisis_support"), BotUttered("Soy..."),
                 ActionExecuted("action_listen"))
    assert answer_after_crisis(tracker(*supported, asked("will they take him away",
                                                         "nlu_fallback", 0.3))) == (
        "utter_crisis_support")
    assert answer_after_crisis(tracker(*supported, asked("gracias", "thank"))) == (
        "utter_crisis_thanks")
    # "ok" after what to do now got the lines again, each time (run 13): care
    assert answer_after_crisis(tracker(*steps, asked("ok", "affirm", 0.9))) == (
        "utter_crisis_thanks")
    # a question about tutoring, surely understood, is out of the crisis's answers
    assert answer_after_crisis(tracker(*supported, asked("what is hit?", "faq", 0.9))) \
        is None


@pytest.mark.parametrize("message", [
    asked("jaja no es literal", "nlu_fallback", 0.3),
    asked("no no estoy en peligro jaja solo cansada", "faq", 0.95),
    asked("lol just venting", "greet", 0.6),
    # exploratory run 11: "call 988 now" again, or "not sure"
    asked("no, no es para tanto, solo estaba enojado", "deny", 0.8),
    asked("no nada perdon me equivoque"),
    asked("perdon, quise decir q me PAGA la tutoria jaja", "faq", 0.5),
    # run 12: the lines again, or "not sure"
    asked("no era emergencia jaja, era para probar"),
    asked("no, socorro es mi nombre jaja, queria saber de la tutoria", "faq", 0.4),
    asked("it was a mistake sorry"),  # run 13: the steps again
])
def test_nobody_in_danger_gets_an_apology_not_the_lines_again(message):
    """"no estoy en peligro" right after the lines got "call 988 now" again (run 9)."""
    assert answer_after_crisis(tracker(*LINES, message)) == "utter_crisis_not_in_danger"
    answered = tracker(*LINES, message, ActionExecuted("utter_crisis_not_in_danger"))
    assert CrisisFollowUpPolicy.decide(None, answered) == ("action_listen", [])


def test_a_fear_of_deportation_read_as_a_crisis_gets_its_answer_after_the_lines():
    """Run 33: "no tengo papeles, si llamo a la policia me deportan?" got the lines
    again, her fear unanswered."""
    assert answer_after_crisis(tracker(*LINES, asked(
        "no tengo papeles, si llamo a la policia me deportan?", "crisis", 1.0))) == (
        "utter_crisis_immigration")


def test_another_crisis_or_not_being_well_after_the_lines_is_no_all_clear():
    assert answer_after_crisis(tracker(*LINES, asked(
        "no estoy bien, se quiere morir", "crisis", 1.0))) is None
    for text in ("no estoy bien, no se que hacer", "esta bien", "no es para tanto",
                 "yo no estoy en peligro pero mi hija sigue triste",
                 # run 32: "I'm glad everyone is safe"
                 "jk... kinda", "no crea, es broma... bueno mas o menos"):
        assert answer_after_crisis(tracker(*LINES, asked(
            text, "nlu_fallback", 0.3))) == "utter_crisis_next", text
    # "whatever" is every subject wherever it is read: no way back to tutoring
    for text in ("whatever", "lo que sea"):
        assert answer_after_crisis(tracker(*LINES, asked(
            text, "inform", 1.0, [{"entity": "subject", "value": "any"}]))) == (
            "utter_crisis_next"), text


@pytest.mark.parametrize("events", [
    # not right after the lines
    (*LINES, asked("cuanto cuesta?", "faq", 0.9), ActionExecuted("utter_faq"),
     BotUttered("..."), ActionExecuted("action_listen"), asked("que hago")),
    # a question Puente answers surely, another crisis, a person: their own answers
    (*LINES, asked("what is high-impact tutoring?", "faq", 0.9)),
    (*LINES, asked("se quiere morir", "crisis", 1.0)),
    (*LINES, asked("quiero hablar con una persona", "human_handoff", 0.9)),
    # inside a form
    (*LINES, ActiveLoop("program_search_form"), asked("que hago")),
    # back to tutoring, even unsurely: "y lo de la tutoria como le hago" and a paused
    # form's answer got "I can't answer that, but these lines can" (an exploratory run)
    (*LINES, asked("y lo de la tutoria como le hago", "nlu_fallback", 0.3)),
    # "tutoria?" glued to its question mark got the lines again (run 12)
    (*LINES, asked("y donde consigo tutoria?", "nlu_fallback", 0.35)),
    (*LINES, asked("tercero", "inform", 0.9, [{"entity": "grade", "value": "3"}])),
])
def test_otherwise_nothing(events):
    assert answer_after_crisis(tracker(*events)) is None


@pytest.mark.parametrize("message", [
    # exploratory run 14: "I'm glad everyone is safe" ("i meant"), or the answer for
    # a school that said no, in English; Spanish got what to do now
    asked("sorry i meant my daughter said that"),
    asked("not me, my son said it", "school_said_no", 0.9),
    asked("sorry, my son said that, not me", "faq", 0.8),
    asked("perdon, lo dijo mi hija, no yo"),
    # "what do i do now" with no question mark got the family-role answer
    asked("what do i do now", "faq", 0.95), asked("what should i do", "faq", 0.9),
    # run 15: the family-role answer
    asked("how do i help her", "faq", 0.95), asked("como le ayudo", "faq", 0.9),
])
def test_a_child_at_risk_or_what_now_gets_what_to_do_now(message):
    assert answer_after_crisis(tracker(*LINES, message)) == "utter_crisis_next"


@pytest.mark.parametrize("message", [
    # run 14: "You have no program alerts, nothing to delete"
    asked("forget it", "delete_conversation", 0.9),
    asked("im fine now forget it", "delete_conversation", 0.8),
    asked("never mind im ok", "deny", 0.7),
    asked("olvidalo", "delete_conversation", 0.9),
    # run 15: the answers for a school that said no, and for what is not high-impact
    asked("ignore that", "school_said_no", 0.8), asked("drop it", "faq", 0.9),
])
def test_a_parent_pulling_back_hears_988_again(message):
    assert answer_after_crisis(tracker(*LINES, message)) == "utter_crisis_thanks"


def test_help_called_gets_a_word_for_the_wait_unless_a_new_danger_is_said():
    # run 14: "ya llamé al 911" got every line again
    for text in ("ya llame al 911", "I called 911, police is on the way"):
        assert answer_after_crisis(tracker(*LINES, asked(text, "crisis", 1.0))) == (
            "utter_crisis_help_called"), text
    assert answer_after_crisis(tracker(*LINES, asked(
        "ya llame al 911 pero no respira", "crisis", 1.0))) is None
    # a first message that says so is a crisis: the lines
    assert answer_after_crisis(tracker(asked("ya llame al 911", "crisis", 1.0))) is None


def test_a_fear_of_papers_after_the_lines_gets_the_lines_for_anyone():
    # run 14: the answer on school and immigration status, the hotline dropped
    message = asked("si llamo me van a deportar? no tengo papeles",
                    "immigration_status")
    assert answer_after_crisis(tracker(*LINES, message)) == "utter_crisis_immigration"


def test_a_child_said_it_about_tutoring_is_a_tutoring_question():
    assert answer_after_crisis(tracker(*LINES, asked(
        "my son said he wants tutoring", "faq", 0.9))) is None


def paused(form, question, *crisis_turn):
    """A form asking ``question``, paused by the emergency lines."""
    return (ActiveLoop(form), SlotSet("requested_slot", question), *crisis_turn,
            ActionExecuted("utter_crisis"), BotUttered("Si alguien está en peligro..."),
            ActionExecuted("utter_form_paused"), BotUttered("Dejé en pausa..."),
            ActionExecuted("action_deactivate_loop"), ActiveLoop(None),
            SlotSet("requested_slot", None), ActionExecuted("action_listen"))


SEARCH = paused("program_search_form", "program_grade",
                asked("mi esposo le pega a mi hijo", "crisis", 1.0))
LETTER = paused("message_form", "msg_recipient",
                asked("la maestra le pega", "crisis", 1.0))
GRADE = [{"entity": "grade", "value": "4"}]


@pytest.mark.parametrize("events, message", [
    (SEARCH, asked("4to", "nlu_fallback", 0.35, GRADE)),
    (SEARCH, asked("está en cuarto grado", "inform", 0.7, GRADE)),
    (LETTER, asked("director", "faq", 0.62)),
    (LETTER, asked("teacher", "faq", 0.96)),
    # after what to do now, still
    ((*SEARCH, asked("ok", "affirm", 0.9), ActionExecuted("utter_crisis_next"),
      BotUttered("..."), ActionExecuted("utter_form_paused"), BotUttered("..."),
      ActionExecuted("action_listen")), asked("4to", "inform", 0.6, GRADE))])
def test_an_answer_to_the_paused_question_resumes_the_form(events, message):
    """"4to" or "director" after the lines got "three ways", the form lost (run 19)."""
    assert CrisisFollowUpPolicy.decide(None, tracker(*events, message)) == (
        "action_resume_form", [])


@pytest.mark.parametrize("events, message", [
    (SEARCH, asked("no se que hacer", "nlu_fallback", 0.3)),
    (SEARCH, asked("ya llego la policia", "nlu_fallback", 0.3)),
    (LETTER, asked("ya estoy mejor", "out_of_scope", 0.6)),
    (SEARCH, asked("quiero hablar con una persona", "human_handoff", 0.9)),
    (SEARCH, asked("mi hijo de 4to se quiere morir", "crisis", 1.0, GRADE)),
    # nothing paused: a grade is the search's, as before
    (LINES, asked("4to", "inform", 0.6, GRADE))])
def test_other_messages_after_a_pause_keep_their_answers(events, message):
    assert CrisisFollowUpPolicy.decide(None, tracker(*events, message))[0] != (
        "action_resume_form")


def test_after_a_care_answer_the_way_back_to_the_paused_form():
    """"ok" or "listo" after the lines got the lines again, no way back (run 19)."""
    ok = (*SEARCH, asked("ok", "affirm", 0.9))
    assert CrisisFollowUpPolicy.decide(None, tracker(*ok)) == ("utter_crisis_next", [])
    cared = (*ok, ActionExecuted("utter_crisis_next"), BotUttered("..."))
    assert CrisisFollowUpPolicy.decide(None, tracker(*cared)) == (
        "utter_form_paused", [])
    offered = (*cared, ActionExecuted("utter_form_paused"), BotUttered("..."))
    assert CrisisFollowUpPolicy.decide(None, tracker(*offered)) == (
        "action_listen", [])
    # nothing paused: listen right after the care
    plain = (*LINES, asked("ok", "affirm", 0.9), ActionExecuted("utter_crisis_next"))
    assert CrisisFollowUpPolicy.decide(None, tracker(*plain)) == ("action_listen", [])


def test_english_for_the_paused_subject_keeps_the_conversation_s_language():
    """"ingles" as the subject after the lines switched to English (run 19)."""
    events = paused("program_search_form", "program_subject",
                    asked("mi hijo anda en la calle y no contesta", "crisis", 1.0))
    english = asked("ingles", "change_language", 0.96,
                    [{"entity": "language", "value": "en"}])
    spanish = tracker(SlotSet("language", "es"), *events, english)
    assert CrisisFollowUpPolicy.decide(None, spanish) == ("action_resume_form", [])
    assert language_events(spanish) == []
