"""Right after the answer on asking the school, its offer taken (no server)."""

import pytest
from rasa.shared.core.events import ActionExecuted, ActiveLoop, BotUttered

from bot.advocacy.drafts import known_answers
from bot.advocacy.school_names import names_school
from bot.policies.ask_school_follow_up import AskSchoolFollowUpPolicy, accepts_letter
from tests.trackers import conversation as tracker
from tests.trackers import said as message


def answered(topic):
    """A question, and Puente's answer on ``topic``."""
    return (message("como le pido tutoria a la escuela?", "faq", 0.9),
            ActionExecuted("utter_faq"),
            BotUttered("Empiece con la maestra...",
                       metadata={"utter_action": f"utter_faq/{topic}"}),
            ActionExecuted("action_listen"))


def said(text, intent="inform", confidence=0.8):
    return message(text, intent, confidence)


@pytest.mark.parametrize("reply", [
    said("Roosevelt High School"), said("Bell Gardens elementary", "nlu_fallback", 0.3),
    said("la escuela Miramonte", "out_of_scope", 0.7), said("la directora", "faq", 0.5),
    said("sí", "affirm", 0.95),
])
def test_a_school_a_person_or_a_yes_starts_the_message(reply):
    replied = tracker(*answered("ask_school"), reply)
    assert AskSchoolFollowUpPolicy.decide(None, replied) == ("action_message_start", [])
    started = tracker(*answered("ask_school"), reply,
                      ActionExecuted("action_message_start"))
    assert AskSchoolFollowUpPolicy.decide(None, started) == ("message_form", [])


@pytest.mark.parametrize("offer", ["utter_checklist_next", "utter_checklist_what_now"])
def test_a_yes_to_the_checklist_offer_starts_the_message(offer):
    """"sí" to "¿Quiere que le escriba un mensaje...?" after the checklist's result."""
    offered = (message("no", "deny", 1.0), ActionExecuted("action_checklist_result"),
               BotUttered("¿Quiere que le escriba...?",
                          metadata={"utter_action": offer}),
               ActionExecuted("action_listen"))
    replied = tracker(*offered, said("sí", "affirm", 0.95))
    assert AskSchoolFollowUpPolicy.decide(None, replied) == ("action_message_start", [])
    # a school named there is no answer to that offer
    assert AskSchoolFollowUpPolicy.decide(
        None, tracker(*offered, said("Roosevelt High School"))) == (None, [])


@pytest.mark.parametrize("events", [
    # after another answer
    (*answered("cost"), said("Roosevelt High School")),
    # a question of its own, sure or long
    (*answered("ask_school"), said("what is high impact tutoring?", "faq", 0.95)),
    (*answered("ask_school"), said("and if the principal says no and the district "
                                   "does not answer either what then", "faq", 0.4)),
    # nothing named: "the school day" names no school
    (*answered("ask_school"), said("what about the school day", "faq", 0.4)),
    # a crisis, a person, a form
    (*answered("ask_school"), said("la directora le pegó a mi hijo", "crisis", 1.0)),
    (*answered("ask_school"), ActiveLoop("program_search_form"), said("Bell High")),
])
def test_anything_else_keeps_its_own_answer(events):
    assert not accepts_letter(tracker(*events))


@pytest.mark.parametrize("text, named", [
    ("Roosevelt High School", True), ("Bell Gardens elementary", True),
    ("escuela Tweedy", True), ("help me ask my school for tutoring", False),
    ("ayúdame a pedir tutoría a la escuela", False), ("after school program", False),
    ("high school", False), ("la escuela de mi hijo", False),
])
def test_a_school_is_named_by_a_name_beside_a_school_word(text, named):
    assert names_school(text) == named


def test_the_school_named_in_the_reply_is_kept_and_in_a_request_its_name():
    assert known_answers({}, "Roosevelt High School", reply=True) == {
        "msg_school": "Roosevelt High School"}
    assert known_answers({}, "help me write to Roosevelt High School",
                         reply=False)["msg_school"] == "Roosevelt High School"
    assert "msg_school" not in known_answers({}, "help me write to my school")


@pytest.mark.parametrize("text, school, language", [
    # run 31: the school and the language asked again, "in english" a subject
    ("can you write an email to Ms. Lopez, my sons 2nd grade teacher at Harmony "
     "Elementary, asking about reading tutoring? in english please",
     "Harmony Elementary", "en"),
    ("i need a letter to the school counselor at Bell Middle School asking for math "
     "tutoring for my 7th grader, but in spanish so my husband can sign it",
     "Bell Middle School", "es"),
    ("necesito una carta en ingles pal distrito LAUSD, mi hijo va en 8vo en Gage "
     "Middle School y necesita ayuda en lectura", "Gage Middle School", "en"),
    # run 29: the school asked again
    ("escribale a la maestra de mi hijo de 2do en la escuela Hooper pa pedir "
     "tutoria de lectura", "Hooper", None),
    ("escribale a la directora de la primaria Miramonte, va mal en ingles",
     "primaria Miramonte", None),
    ("write to the high school principal", None, None),
    # run 32: "at board Franklin High School"; "so my husband can read it"
    ("I want to write the school board. Franklin High School, 10th grade, algebra",
     "Franklin High School", None),
    ("can you write to the principal at Westside Middle School asking for math "
     "tutoring for my 8th grader? in Spanish please so my husband can read it",
     "Westside Middle School", "es"),
    ("my son goes to St. Anne Elementary, write to his teacher", "St. Anne Elementary",
     None),
    # run 33: "en la primaria Miramonte pidiendo tutoria" was the school
    ("quiero una carta pa la maestra de mi hija de 4to en la primaria Miramonte "
     "pidiendo tutoria de lectura, en español", "primaria Miramonte", "es"),
])
def test_a_whole_request_gives_its_school_and_the_letter_s_language(
        text, school, language):
    known = known_answers({}, text)
    assert known.get("msg_school") == school
    assert known.get("msg_language") == language


DRAFTED = (message("ayúdame a escribir a la escuela", "draft_message", 0.95),
           ActionExecuted("action_draft_message"), BotUttered("Estimado maestro..."),
           ActionExecuted("action_listen"))


@pytest.mark.parametrize("text, starts", [
    # "otro para mi otro hijo" got how to send the first one (an exploratory run)
    ("quiero hacer otro para mi otro hijo", True),
    ("another one for my daughter", True),
    # how to send it, or "again", is the draft's own follow-up
    ("y si no me contestan otra vez?", False), ("como la mando?", False),
])
def test_right_after_a_draft_another_one_starts_a_new_message(text, starts):
    replied = tracker(*DRAFTED, said(text, "nlu_fallback", 0.3))
    expected = ("action_message_start", []) if starts else (None, [])
    assert AskSchoolFollowUpPolicy.decide(None, replied) == expected


@pytest.mark.parametrize("text, intent, starts", [
    # typed, "otro mensaje" showed the same letter in the other language (runs 9, 10)
    ("otro mensaje", "switch_draft_language", True),
    ("another message", "draft_message", True),
    ("otro mensaje en ingles", "switch_draft_language", False),
    ("Otro idioma", "switch_draft_language", False),
])
def test_another_message_typed_however_read_starts_a_new_one(text, intent, starts):
    replied = tracker(*DRAFTED, said(text, intent, 0.9))
    expected = ("action_message_start", []) if starts else (None, [])
    assert AskSchoolFollowUpPolicy.decide(None, replied) == expected


@pytest.mark.parametrize("text, confidence", [("/start_over", 1.0),
                                              ("empezar de nuevo", 0.99)])
def test_start_over_right_after_a_draft_starts_a_new_message(text, confidence):
    """Typed, "empezar de nuevo" got "not sure" (an exploratory run); tapped, the
    draft's "Start over" button asks the same."""
    replied = tracker(*DRAFTED, said(text, "start_over", confidence))
    assert AskSchoolFollowUpPolicy.decide(None, replied) == ("action_message_start", [])


@pytest.mark.parametrize("same_child", [True, False])
def test_a_letter_for_another_child_asks_the_grade_and_subject_again(same_child):
    """The letter for "mi otra hija" said the first child's grade (exploratory run)."""
    known = known_answers({"program_grade": "3"}, "ahora para la maestra",
                          ["reading"], same_child=same_child)
    assert ("msg_grade" in known) == same_child
    assert ("msg_subject" in known) == same_child
    assert known["msg_recipient"] == "teacher"


def test_the_grade_the_request_names_is_kept():
    """Run 29: "escríbale a la directora ... pa mi hija de cuarto" asked the grade."""
    text = "escribale a la directora pa pedir tutoria de mate pa mi hija de cuarto"
    assert known_answers({"program_grade": "7"}, text, grade_named="4") == {
        "msg_grade": "4", "msg_recipient": "principal"}
    assert "msg_grade" not in known_answers({}, text, grade_named="4",
                                            same_child=False)
    assert known_answers({}, "/draft_message", grade_named="4") == {}
