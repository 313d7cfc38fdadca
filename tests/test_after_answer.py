"""Right after the draft or the organizers' contact, their follow-ups (no server)."""

import pytest
from rasa.shared.core.events import (
    ActionExecuted,
    ActiveLoop,
    BotUttered,
    SlotSet,
    UserUttered,
)

from bot.policies.after_answer import AfterAnswerPolicy
from bot.policies.language import language_events
from tests.trackers import conversation, said


def answered(message, action, reply):
    """The events of a message answered by ``action`` saying ``reply``, then a wait."""
    return (message, ActionExecuted(action), BotUttered(reply),
            ActionExecuted("action_listen"))


DRAFTED = answered(said('/inform{"advocacy_choice": "es"}', "inform", 1.0),
                   "action_draft_message", "Estimado director...")


def asked(text, intent="nlu_fallback", confidence=0.3):
    return said(text, intent, confidence)


def decide(*events):
    return AfterAnswerPolicy.decide(None, conversation(*events))


SEND = "utter_draft_how_to_send"
CHANGE = "utter_draft_how_to_change"
SWITCH = "action_switch_draft_language"


@pytest.mark.parametrize("message, response", [
    (asked("como la mando?"), SEND),
    (asked("who do I give it to?", "out_of_scope", 0.8), SEND),
    (asked("how do I send it", "faq", 0.5), SEND),
    # "send it for me" started a new letter (exploratory run 10)
    (asked("send it for me", "draft_message", 0.8), SEND),
    (asked("mándela usted a la escuela", "draft_message", 0.9), SEND),
    # corrections after the letter left it as it was, without a word (run 10)
    (asked("no es Hooper es Gage Middle", "inform", 0.6), CHANGE),
    (asked("cambialo a la maestra", "draft_message", 0.7), CHANGE),
    (asked("make it more urgent", "faq", 0.5), CHANGE),
    # run 14: how to send it, the recipient unchanged
    (asked("actually send it to the principal instead", "draft_message", 0.6),
     CHANGE),
    # run 14: read as "answer me in English", then how to send it, in English
    (asked("mandalo en ingles", "change_language", 0.9), SWITCH),
    (asked("in spanish please", "change_language", 0.9), SWITCH),
    (asked("lo puedes escribir en inglés?"), SWITCH),
    # run 15: how to send it
    (asked("i need it in spanish for my husband"), SWITCH),
    (asked("mejor q sea para el director, no para la maestra", "faq", 0.6), CHANGE)])
def test_right_after_the_draft_how_to_send_or_change_it(message, response):
    assert decide(*DRAFTED, message) == (response, [])
    assert decide(*DRAFTED, message, ActionExecuted(response)) == ("action_listen", [])


def topic_asked(text, topic, confidence=0.9):
    """A message the NLU read as FAQ ``topic``."""
    selector = {"faq": {"response": {"intent_response_key": f"faq/{topic}"}}}
    return UserUttered(text, {"name": "faq", "confidence": confidence}, [],
                       parse_data={"intent": {"name": "faq", "confidence": confidence},
                                   "response_selector": selector})


def topic_answered(message, topic):
    return (message, ActionExecuted("utter_faq"),
            BotUttered("...", metadata={"utter_action": f"utter_faq/{topic}"}),
            ActionExecuted("action_listen"))


@pytest.mark.parametrize("follow_up", [
    topic_asked("can any kid get it or only the ones who are behind?", "eligibility"),
    topic_asked("y la pueden recibir todos o solo los atrasados?", "eligibility", 0.5),
])
def test_the_same_topic_right_after_its_answer_tells_more(follow_up):
    """The same words again, five times (exploratory run 25)."""
    first = topic_answered(topic_asked("who can get tutoring?", "eligibility"),
                           "eligibility")
    assert decide(*first, follow_up) == ("action_faq_more", [])
    assert decide(*first, follow_up, ActionExecuted("action_faq_more")) == (
        "action_listen", [])


@pytest.mark.parametrize("follow_up", [
    topic_asked("and for high school too?", "eligibility"),
    topic_asked("y pa la prepa tambien hay?", "eligibility", 0.5),
    said("and for middle school?", "out_of_scope", 0.97),
    said("y en la secundaria igual?", "nlu_fallback", 0.35),
    said("what about kinder", "find_program", 0.6),
])
def test_another_grade_right_after_an_answer_holds_for_every_grade(follow_up):
    """Runs 25, 26: the out-of-scope answer, two guesses, or the same words again."""
    first = topic_answered(topic_asked("how often is tutoring?", "schedule"),
                           "schedule")
    assert decide(*first, follow_up) == ("utter_any_grade", [])
    assert decide(*first, follow_up, ActionExecuted("utter_any_grade")) == (
        "action_listen", [])
    # not after another answer
    assert decide(*DRAFTED, follow_up)[0] != "utter_any_grade"


@pytest.mark.parametrize("follow_up", [
    topic_asked("how much does it cost?", "cost"),  # another topic: its answer
    UserUttered("/faq/eligibility", {"name": "faq", "confidence": 1.0}),  # a button
    topic_asked("who can get tutoring?", "eligibility"),  # the same words again
    # run 26: checking the answer got what the school pays
    topic_asked("entonces puede entrar o no?", "eligibility"),
])
def test_another_topic_or_a_button_after_an_answer_is_no_follow_up(follow_up):
    first = topic_answered(topic_asked("who can get tutoring?", "eligibility"),
                           "eligibility")
    assert decide(*first, follow_up)[0] != "action_faq_more"


CONCERNED = answered(said("el tutor no le tiene paciencia", "tutoring_concern", 1.0),
                     "utter_tutoring_concern", "Si la tutoría no va bien...")


@pytest.mark.parametrize("message", [
    asked("y con quien hablo?", "bot_challenge", 0.7), asked("who do i tell"),
    asked("whos in charge of that", "out_of_scope", 0.8),
    asked("y ahora q hago", "faq", 0.4),
    asked("who do i even go to"),  # run 27
    asked("quien me puede ayudar con eso"), asked("who do i even contact about that"),
    asked("should I talk to the teacher or someone else?", "faq", 0.5)])
def test_whom_to_tell_asked_right_after_a_complaint_about_the_tutoring(message):
    """"I'm an automated assistant" or "not sure" (exploratory run 26, 0 of 17)."""
    assert decide(*CONCERNED, message) == ("utter_tutoring_concern_who", [])


@pytest.mark.parametrize("message, response", [
    (asked("y eso con quien lo reporto"), "utter_tutoring_concern_who"),
    (asked("who do i complain to", "out_of_scope", 0.6), "utter_tutoring_concern_who"),
    (asked("how do i get his progress report?", "faq", 0.8), None),
    # run 28: the same topic, and a complaint: its "Tell me more"
    (topic_asked("my daughters group has like 12 kids, who do i complain to?",
                 "group_size"), "utter_tutoring_concern_who"),
])
def test_a_complaint_right_after_a_topic_s_answer_hears_whom_to_tell(message,
                                                                     response):
    """Two guesses after the answer on group size (exploratory run 27)."""
    first = topic_answered(topic_asked("son como 15 niños con un tutor", "group_size"),
                           "group_size")
    assert decide(*first, message)[0] == response


def grade(value):
    return [{"entity": "grade", "value": value}]


def subjects(*values):
    return [{"entity": "subject", "value": value} for value in values]


LETTER = (SlotSet("msg_grade", "5"), SlotSet("msg_subject", "math"),
          SlotSet("msg_school", "Hooper Elementary"))


@pytest.mark.parametrize("message", [
    said("ay no, era 4to no 5to", "deny", 0.54, grade("4")),
    said("wait its 4th not 5th", "inform", 0.71, grade("4")),
    said("no es mate, es lectura", "inform", 0.74, subjects("math", "reading")),
    said("oops it should say reading not math", "faq", 0.36,
         subjects("reading", "math")),
    # run 26: how to send the wrong letter
    said("no es Hooper es Gage Middle", "deny", 0.47),
])
def test_right_after_the_draft_another_grade_subject_or_school_redrafts_it(message):
    """The wrong grade stayed: "anything else?" or how to send it (runs 25, 26)."""
    assert decide(*LETTER, *DRAFTED, message) == ("action_redraft_message", [])
    assert decide(*LETTER, *DRAFTED, message,
                  ActionExecuted("action_redraft_message")) == ("action_listen", [])


@pytest.mark.parametrize("message", [
    said("5th grade, right", "inform", 0.9, grade("5")),  # what the letter says
    said("now one for my other son in 4th", "draft_message", 0.5, grade("4")),
])
def test_the_letter_s_own_grade_or_another_letter_is_no_correction(message):
    assert decide(*LETTER, *DRAFTED, message)[0] != "action_redraft_message"


@pytest.mark.parametrize("message", [
    asked("make it shorter", "shorten_draft", 0.95),
    asked("what is high impact tutoring?", "faq", 0.95),
    asked("gracias", "thank", 0.95),
    asked("quiero mandar otra carta para mi otro hijo", "draft_message", 0.9),
    # run 14: how to send the first letter
    asked("now one for my younger son, he's in 3rd", "draft_message", 0.6),
    asked("tambien quiero uno para mi hija la grande de 9no", "draft_message", 0.6)])
def test_anything_else_keeps_its_own_answer(message):
    assert decide(*DRAFTED, message) == (None, [])


HANDOFF = answered(said("quiero hablar con una persona", "human_handoff", 0.95),
                   "utter_human_handoff", "No puedo comunicarle...")


@pytest.mark.parametrize("message", [
    asked("ok whats the email"), asked("es urgente", "out_of_scope", 0.7),
    asked("cuando me contestan?", "faq", 0.4),
    # however the NLU read it: "ok whats the email" once as a letter's request
    asked("ok whats the email", "draft_message", 0.36),
    asked("cual es el correo?", "human_handoff", 0.9)])
def test_right_after_the_contact_the_contact_again(message):
    assert decide(*HANDOFF, message) == ("utter_human_handoff_next", [])
    # not after another answer
    assert decide(*DRAFTED, asked("gracias", "thank", 0.95), ActionExecuted(
        "utter_thank"), ActionExecuted("action_listen"), message) == (None, [])


SHOWN = (said("tutoria de lectura en 90011", "find_program", 0.95),
         ActionExecuted("action_search_programs"), BotUttered("Estos son programas..."),
         BotUttered("¿Quiere ver más, o saber cómo pedirle tutoría a la escuela?",
                    metadata={"utter_action": "utter_program_next_more"}),
         ActionExecuted("action_listen"))


def test_a_yes_to_see_more_shows_more_programs():
    """"sí" got "¿Le puedo ayudar con algo más?" (an exploratory run)."""
    yes = said("si", "affirm", 0.97)
    assert decide(*SHOWN, yes) == ("action_show_more_programs", [])
    assert decide(*SHOWN, yes, ActionExecuted("action_show_more_programs")) == (
        "action_listen", [])
    # a yes after any other answer keeps its own
    assert decide(*DRAFTED, yes) == (None, [])


CHECKED = (said("si", "affirm", 1.0), ActionExecuted("checklist_form"),
           ActionExecuted("action_checklist_result"),
           BotUttered("Lo que el programa..."),
           ActionExecuted("action_listen"))


@pytest.mark.parametrize("message", [
    asked("y ahora que hago?"), asked("what now?", "help", 0.6),
    asked("what does this mean?", "faq", 0.4)])
def test_what_now_right_after_the_checklist_result_is_the_next_step(message):
    """They got "no sé" or the list of what Puente does (exploratory run 10)."""
    assert decide(*CHECKED, message) == ("action_checklist_what_now", [])
    assert decide(*CHECKED, message, ActionExecuted("action_checklist_what_now")) == (
        "action_listen", [])
    assert decide(*CHECKED, asked("que es la tutoria?", "faq", 0.95)) == (None, [])


def test_whom_to_ask_right_after_the_checklist_result():
    """Run 30: "Soy un asistente automático, no una persona"."""
    assert decide(*CHECKED, asked("y con quien hablo?", "human_handoff", 0.9)) == (
        "utter_whom_to_ask", [])


@pytest.mark.parametrize("intent", ["deny", "nlu_fallback", "show_more_programs"])
def test_not_understood_after_an_answer_says_it_plainer_but_not_in_a_form(intent):
    """"no entendí" got "Anything else?", "not sure" or a search (runs 11 to 14)."""
    answer = answered(said("cuanto cuesta", "faq", 0.9), "utter_faq", "La tutoría...")
    message = said("no entendí", intent, 0.5)
    assert decide(*answer, message) == ("action_repeat_last", [])
    assert decide(*answer, message, ActionExecuted("action_repeat_last")) == (
        "action_listen", [])
    # in the checklist its question is explained by the form itself
    in_form = conversation(*answer, ActiveLoop("checklist_form"), message)
    assert AfterAnswerPolicy.decide(None, in_form) == (None, [])


def test_the_letter_asked_in_a_language_keeps_the_conversation_s():
    spanish = (SlotSet("language", "es"), *DRAFTED)
    english = said("mandalo en ingles", "change_language", 0.9,
                   [{"entity": "language", "value": "en"}])
    assert language_events(conversation(*spanish, english)) == []
    # not right after the draft: Puente's own language
    assert language_events(conversation(SlotSet("language", "es"), english)) == [
        SlotSet("language", "en")]


ANSWERED = answered(said("que es la tutoria de alto impacto", "faq", 0.9),
                    "utter_faq", "La tutoría de alto impacto...")


@pytest.mark.parametrize("message", [
    # run 16: "¡Hasta luego!" (read as a goodbye), or "not sure"
    asked("y luego?"), asked("ok y luego", "affirm", 0.4),
    asked("luego que hago?", "out_of_scope", 0.3),
    asked("ya hable con la maestra, luego que sigue?", "faq", 0.3),
    asked("and then what?"), asked("what do i do now", "faq", 0.8),
    # run 17: "not sure"
    asked("and after that?"), asked("entonces luego como le hago"),
    asked("what do i do after that", "faq", 0.7),  # run 18: family role
    # run 29: "I can't answer that" with 211
    asked("que hago?", "out_of_scope", 0.8), asked("what should i do", "faq", 0.5)])
def test_the_next_step_asked_right_after_an_answer(message):
    assert decide(*ANSWERED, message) == ("utter_next_steps", [])
    assert decide(*ANSWERED, message, ActionExecuted("utter_next_steps")) == (
        "action_listen", [])


@pytest.mark.parametrize("message", [
    asked("y luego?"), asked("what's next", "show_more_programs", 0.55),
    asked("ok and then what?"),
    # run 25: the answer on progress updates
    asked("y como los contacto?", "faq", 0.6), asked("how do i contact them"),
    asked("y como me comunico con ellos?", "faq", 0.8)])  # run 26: progress updates
def test_the_next_step_asked_right_after_program_results(message):
    """"y luego?" after the results got the note on demo programs (run 16)."""
    assert decide(*SHOWN, message) == ("utter_program_next_steps", [])
    assert decide(*SHOWN, message, ActionExecuted("utter_program_next_steps")) == (
        "action_listen", [])


@pytest.mark.parametrize("message", [
    # run 29: "Soy un asistente automático" (human_handoff)
    asked("y con quien hablo?", "human_handoff", 0.8),
    # run 28: two guesses after the answer on group size
    asked("con quien tengo q hablar"), asked("who do i talk to about it", "faq", 0.6),
    # run 31: two guesses, one of them "Talk to a person"
    asked("ok but who exactly do i talk to", "nlu_fallback", 0.35)])
def test_whom_to_ask_right_after_an_answer_is_the_people_at_school(message):
    assert decide(*ANSWERED, message) == ("utter_whom_to_ask", [])


@pytest.mark.parametrize("message", [
    asked("y despues de la escuela?", "faq", 0.7),
    asked("luego te escribo", "goodbye", 0.9),
    asked("is it after school", "faq", 0.8)])
def test_a_question_with_then_or_after_is_no_next_step(message):
    assert decide(*ANSWERED, message) == (None, [])
