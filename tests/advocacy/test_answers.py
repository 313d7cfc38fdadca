"""Reading a parent's answer to each form question, without Rasa."""

import pytest

from bot.advocacy import answers
from bot.advocacy.answers import MAX_TYPED, READERS, read, typed
from bot.advocacy.forms import CHECKLIST, MESSAGE


def said(intent="inform", **entities):
    """The latest message's NLU output, as Rasa gives it to the action server."""
    return {
        "intent": {"name": intent, "confidence": 1.0},
        "entities": [{"entity": name, "value": value}
                     for name, value in entities.items()],
    }


@pytest.mark.parametrize(
    "value, expected",
    [
        ("  Escuela   Lincoln ", "Escuela Lincoln"),
        ("/affirm", None),  # a button's payload is not typed text
        ("", None),
        (None, None),
        ("x" * (MAX_TYPED + 1), None),  # a pasted paragraph, not a school name
    ],
)
def test_only_short_typed_text_counts_as_typed(value, expected):
    assert typed(value) == expected


@pytest.mark.parametrize(
    "text, intent, language, expected",
    [
        ("dos veces por semana", "faq/schedule", "es", "no"),  # typed words win
        ("yes but only twice a week", "affirm", "en", "no"),
        ("/affirm", "affirm", "en", "yes"),  # the button's intent
        ("/deny", "deny", "es", "no"),
        ("/answer_unsure", "answer_unsure", "en", "unsure"),
        ("no sé", "nlu_fallback", "es", "unsure"),
        ("purple", "nlu_fallback", "en", None),
    ],
)
def test_checklist_answers_from_words_or_buttons(text, intent, language, expected):
    assert read("hit_sessions", text, said(intent), language) == expected


def test_a_checklist_slot_emptied_by_back_reads_as_no_answer():
    assert read("hit_sessions", None, said("affirm"), "en") is None


@pytest.mark.parametrize(
    "language, text, expected",
    [("en", "only in English", "yes"), ("es", "solo en inglés", "no")],
)
def test_a_language_named_answers_updates_in_the_conversations_language(
    language, text, expected
):
    assert read("hit_updates", text, said("change_language"), language) == expected


@pytest.mark.parametrize(
    "slot, text, entities, expected",
    [
        ("msg_school", "Escuela Lincoln", {}, "Escuela Lincoln"),
        # the words before a name stay out of the letter ("...at se llama Miramonte")
        ("msg_school", "se llama Miramonte", {}, "Miramonte"),
        ("msg_school", "en la Hooper", {}, "Hooper"),
        ("msg_school", "La Mirada High", {}, "La Mirada High"),
        ("msg_school", "its called Lincoln Elementary", {}, "Lincoln Elementary"),
        ("msg_school", "la escuela se llama Stanford Ave Elementary", {},
         "Stanford Ave Elementary"),
        ("msg_school", "my kid’s school is Tweedy Elementary", {}, "Tweedy Elementary"),
        ("msg_school", "/inform", {}, None),
        # a name not known leaves a space for it in the letter
        ("msg_school", "nose como se llama", {}, "?"),
        ("msg_school", "No lo sé", {}, "?"),
        ("msg_school", "ni idea", {}, "?"),
        ("msg_school", "I don’t know its name", {}, "?"),
        ("msg_school", "not sure", {}, "?"),
        ("msg_school", "Norwood Elementary", {}, "Norwood Elementary"),
        ("msg_school", "Nogales High", {}, "Nogales High"),
        # no child's name reaches the letter; a grade or a person is no school
        ("msg_school", "la escuela de mi hijo se llama Loma Vista y mi hijo se llama "
         "Juan Perez Lopez", {}, "Loma Vista"),
        ("msg_school", "Escuela Miramonte. Mi hija se llama Ana", {},
         "Escuela Miramonte"),
        ("msg_school", "mi hijo va a Lincoln", {}, "Lincoln"),
        # run 29: the letter read "at for Hooper Avenue Elementary"
        ("msg_school", "its for Hooper Avenue Elementary", {},
         "Hooper Avenue Elementary"),
        ("msg_school", "she is at Lincoln High", {}, "Lincoln High"),
        ("msg_school", "my son Juan Perez goes there", {}, None),
        ("msg_school", "4to", {}, None),
        ("msg_school", "2do, 5to y 8vo", {}, None),
        ("msg_school", "y si me dice que no?", {}, None),
        ("msg_school", "Lincoln?", {}, "Lincoln"),
        ("msg_school", "la escuela de mi hijo Kevin es Loma Vista", {}, "Loma Vista"),
        ("msg_school", "la directora", {}, None),
        # many schools bear a person's name
        ("msg_school", "Benito Juárez", {}, "Benito Juárez"),
        # a phone number or an ID typed with the name stays out of the letter; a yes,
        # subjects or "es en la escuela" are no school's name (an exploratory run)
        ("msg_school", "Hoover, mi cel es 323 555 0199", {}, "Hoover"),
        ("msg_school", "Hoover Elementary id 4481923", {}, "Hoover Elementary"),
        ("msg_school", "si", {}, None),
        ("msg_school", "mate y lectura", {}, None),
        ("msg_school", "es en la escuela Harmony", {}, "Harmony"),
        # words said before the name, or between an ID's name and its number
        ("msg_school", "bueno, es la escuela Garfield", {}, "Garfield"),
        ("msg_school", "creo que es la Hoover", {}, "Hoover"),
        ("msg_school", "Garfield, su numero de estudiante es 1234567", {}, "Garfield"),
        ("msg_school", "Mira Loma High", {}, "Mira Loma High"),
        # an email whole, and what named a number or an address (run 16)
        ("msg_school", "Escuela Hughes, mi correo es maria.lopez77@gmail.com", {},
         "Escuela Hughes"),
        ("msg_school", "Hughes maria.lopez77@gmail.com", {}, "Hughes"),
        ("msg_school", "Roosevelt Elementary, their number is 323-555-0147", {},
         "Roosevelt Elementary"),
        ("msg_school", "Escuela Gage, esta en 2880 E Gage Ave Huntington Park", {},
         "Escuela Gage"),
        ("msg_school", "Gage, 2880 E Gage Ave", {}, "Gage"),
        ("msg_school", "Lincoln, mi whatsapp", {}, "Lincoln"),
        # a yes to something else is no school (run 16: "si el mensaje" was kept)
        ("msg_school", "si el mensaje", {}, None),
        ("msg_school", "yes please write it", {}, None),
        ("msg_school", "sí, es la Hoover", {}, "Hoover"),
        # run 17: kept as the school, then the real name refused
        ("msg_school", "yes go ahead", {}, None), ("msg_school", "si claro", {}, None),
        ("msg_school", "ok dale", {}, None), ("msg_school", "sure, draft it", {}, None),
        ("msg_school", "nop gracias", {}, None),
        ("msg_school", "Good Shepherd School", {}, "Good Shepherd School"),
        # run 18: more yes-phrases; a way to reach the parent, a street, a dash
        ("msg_school", "sip", {}, None), ("msg_school", "okey", {}, None),
        # run 19: the request itself became the school ("en la escuela ayudeme a
        # escribir un mensaje a la escuela")
        ("msg_school", "ayudeme a escribir un mensaje a la escuela", {}, None),
        ("msg_school", "can you help me write the letter", {}, None),
        # run 20: the same, in other words, and a question
        ("msg_school", "just write the letter for me please", {}, None),
        ("msg_school", "me lo puede escribir usted?", {}, None),
        ("msg_school", "hagame la carta ud", {}, None),
        ("msg_school", "does anybody else see what i type here", {}, None),
        ("msg_school", "Howard Elementary", {}, "Howard Elementary"),
        ("msg_school", "yeah do it", {}, None), ("msg_school", "sure thing", {}, None),
        ("msg_school", "Pio Pico Middle, call me at 323 555 1212", {},
         "Pio Pico Middle"),
        ("msg_school", "Hooper Ave en la calle Hooper", {}, "Hooper Ave"),
        ("msg_school", "Escuela Ramona, me pueden contactar al 213 555 7788", {},
         "Escuela Ramona"),
        ("msg_school", "Harmony Elementary - contact: office@harmony.org", {},
         "Harmony Elementary"),
        ("msg_school", "Escuela Bell Gardens Elementary en 6119 Agra St", {},
         "Escuela Bell Gardens Elementary"),
        ("msg_school", "Florence Ave Elementary", {}, "Florence Ave Elementary"),
        ("msg_school", "96th Street Elementary", {}, "96th Street Elementary"),
        # a number, or a grade corrected where the school is asked (exploratory run)
        ("msg_school", "5", {}, None),
        ("msg_school", "no perdon es 5to", {}, None),
        ("msg_school", "oops it's 4th grade", {}, None),
        ("msg_school", "Preparatoria 11", {}, "Preparatoria 11"),
        # a yes, a greeting, or the school described by the child's name (run 8)
        ("msg_school", "yes", {}, None),
        ("msg_school", "ok do it", {}, None),
        ("msg_school", "hi", {}, None),
        ("msg_school", "la de Kevin", {}, None),
        # no name left, or an age: "en la escuela de y necesita ayuda" (run 11)
        ("msg_school", "la escuela de mi hijo", {}, None),
        ("msg_school", "the school my son goes to", {}, None),
        ("msg_school", "tiene 9 años", {}, None),
        ("msg_school", "Escuela 9 de Mayo", {}, "Escuela 9 de Mayo"),
        ("msg_school", "my sons school", {}, None),  # run 12
        ("msg_school", "la escuelita de aqui cerca", {}, None),
        ("msg_school", "the one on florence ave", {}, None),
        ("msg_school", "La Salle High", {}, "La Salle High"),
        ("msg_recipient", "la directora", {}, "principal"),
        # run 20: "City Terrace Elementary" wrote to the city council
        ("msg_recipient", "City Terrace Elementary", {}, None),
        # run 24: the button's own title typed got "Sorry, I didn't get that"
        ("msg_recipient", "school district", {}, "district"),
        ("msg_recipient", "the school board please", {}, "school_board"),
        # the button's title typed as it reads (an exploratory run)
        ("msg_recipient", "Director(a)", {}, "principal"),
        ("msg_recipient", "el consejero", {}, "counselor"),
        ("msg_recipient", "/inform", {"advocacy_choice": "city_council"},
         "city_council"),
        ("msg_recipient", "banana", {}, None),
        # "idk" looped on the question: the teacher, whom families ask first
        ("msg_recipient", "idk", {}, "teacher"),
        ("msg_recipient", "no sé", {}, "teacher"),
        # a button for another question does not answer this one
        ("msg_recipient", "the teacher", {"advocacy_choice": "math"}, "teacher"),
        ("msg_grade", "tercer grado", {"grade": "3"}, "3"),
        ("msg_grade", "segundo de secundaria", {"grade": "8"}, "8"),
        # words we cannot write in the letter's language are asked again
        ("msg_grade", "todos los grados", {}, None),
        # a grade not known leaves a space in the letter ("no se" looped)
        ("msg_grade", "no se", {}, "?"),
        ("msg_grade", "high school", {}, None),
        # a grade or subject given earlier arrives as its value (message_form starts)
        ("msg_grade", "3", {}, "3"),
        ("msg_subject", "reading", {}, "reading"),
        ("msg_recipient", "school_board", {}, "school_board"),
        ("msg_subject", "/inform", {"advocacy_choice": "reading"}, "reading"),
        ("msg_subject", "matemáticas", {"subject": "math"}, "math"),
        ("msg_subject", "chess club", {}, None),
        ("msg_subject", "de todo", {"subject": "any"}, "any"),
        ("msg_subject", "math,chess", {}, None),
        ("msg_language", "los dos", {}, "both"),
        ("msg_language", "/inform", {"advocacy_choice": "es"}, "es"),
        ("msg_language", "in French", {}, None),
        # "en" is Spanish for "in": "en español porfavor" got an English message
        ("msg_language", "en español porfavor", {}, "es"),
        ("msg_language", "en los dos idiomas", {}, "both"),
        ("msg_language", "los 2 idiomas", {}, "both"),
        ("msg_language", "en inglés y español", {}, "both"),
        # a thanks or a goodbye is no school, grade or subject to write in the letter
        ("msg_school", "gracias", {}, None),
        ("msg_school", "ok thanks, bye", {}, None),
        ("msg_school", "Escuela Lincoln, gracias", {}, "Escuela Lincoln, gracias"),
        ("msg_grade", "muchas gracias", {}, None),
        ("msg_subject", "thank you!", {}, None),
    ],
)
def test_message_details_from_words_buttons_or_entities(slot, text, entities, expected):
    assert read(slot, text, said(**entities), "es") == expected


def test_english_named_as_a_subject_is_english_learners():
    message = {"intent": {"name": "change_language"}, "entities": [
        {"entity": "subject", "value": "math"}, {"entity": "language", "value": "en"}]}
    assert read("msg_subject", "matemáticas y inglés", message, "es") == (
        "math,english_learners")
    alone = {"intent": {"name": "change_language"},
             "entities": [{"entity": "language", "value": "en"}]}
    assert read("msg_subject", "en", alone, "es") == "english_learners"


def test_every_subject_named_is_kept_once_in_order():
    message = {"intent": {"name": "inform"}, "entities": [
        {"entity": "subject", "value": v} for v in ("math", "reading", "math")]}
    assert read("msg_subject", "mate y lectura, mate", message, "es") == "math,reading"


def test_every_question_of_both_forms_has_a_reader():
    assert set(READERS) == {*CHECKLIST.slots, *MESSAGE.slots}


@pytest.mark.parametrize(
    "text, intent",
    [
        # what the NLU makes of them (the model of Dec. 2026): never the button's answer
        ("ok thanks, bye", "thank"),
        ("ok thanks, bye", "affirm"),
        ("ok thx", "affirm"),
        ("bye gracias", "thank"),
        ("gracias", "thank"),
        ("no thanks", "deny"),
        ("no, gracias", "deny"),
        ("ok thank you so much for all your help today, we will talk to the school"
         " tomorrow, bye", "affirm"),  # longer than any typed answer: still a goodbye
    ],
)
@pytest.mark.parametrize("slot", CHECKLIST.slots)
def test_a_goodbye_or_thanks_never_answers_a_checklist_question(slot, text, intent):
    assert read(slot, text, said(intent), "en") is None


@pytest.mark.parametrize(
    "text, intent, expected",
    [
        ("sí, gracias", "thank", "yes"),  # its own words answer
        ("yes thank you", "thank", "yes"),
        ("ok", "affirm", "yes"),
        ("2 dias", "faq/schedule", "no"),
        ("dos veces x semana", "faq/schedule", "no"),
        ("4 dias x semana", "faq/schedule", "yes"),
    ],
)
def test_answers_with_thanks_or_in_texting_style_are_read(text, intent, expected):
    assert read("hit_sessions", text, said(intent), "es") == expected


def _parse(text, intent, confidence, topic=None):
    selector = {"faq": {"response": {"intent_response_key": topic}}} if topic else {}
    return {"text": text, "intent": {"name": intent, "confidence": confidence},
            "response_selector": selector}


HOW = "utter_message_how_to_send_later"


@pytest.mark.parametrize("message, answer", [
    # a question asked where the form waits: its answer, then the question again
    (_parse("cuanto cuesta la tutoria?", "faq", 0.99, "faq/cost"), "utter_faq/cost"),
    (_parse("what is high impact tutoring", "faq", 0.95, "faq/what_is_hit"),
     "utter_faq/what_is_hit"),
    # an answer, or a question the topic model is not sure of: the form reads it
    (_parse("Lincoln Elementary", "out_of_scope", 0.93, "faq/evidence"), None),
    (_parse("la directora", "faq", 0.9, "faq/ask_school"), None),
    (_parse("es gratis?", "faq", 0.6, "faq/cost"), None),
    # a question about Puente itself (exploratory runs 19, 20)
    (_parse("quién va a leer esto?", "ask_privacy", 0.95), "utter_ask_privacy"),
    (_parse("who will read this?", "ask_privacy", 0.86), "utter_ask_privacy"),
    (_parse("are you a robot?", "about_puente", 0.9), "utter_about_puente"),
    (_parse("guardan mis datos", "ask_privacy", 0.6), None),  # no question, unsure
    (_parse("r u a bot", "bot_challenge", 0.95), "utter_bot_challenge"),  # run 23
    (_parse("y cuantas veces a la semana seria", "faq", 0.9, "faq/schedule"),
     "utter_faq/schedule"),
    (_parse("cada cuanto es la tutoria", "faq", 0.9, "faq/schedule"),
     "utter_faq/schedule"),
    (_parse("who is gonna read this tho", "ask_privacy", 0.6), "utter_ask_privacy"),
    (_parse("eres robot?", "bot_challenge", 0.7), "utter_bot_challenge"),
    (_parse("quien es?", "ask_privacy", 0.4), None),
    # run 22: "cuanto dura cada sesion" became the school
    (_parse("cuanto dura cada sesion", "faq", 0.95, "faq/schedule"),
     "utter_faq/schedule"),
    # run 25: how the letter will be sent, however unsure the model
    (_parse("can i send it by email?", "nlu_fallback", 0.3), HOW),
    (_parse("se puede mandar por whatsapp?", "out_of_scope", 0.6), HOW),
    (_parse("puedo imprimirla?", "nlu_fallback", 0.3), HOW),
    (_parse("y ahora como se lo mando?", "faq", 0.5, "faq/enroll"), HOW),  # run 29
])
def test_a_question_asked_instead_of_an_answer_gets_its_answer(message, answer):
    assert answers.question_asked(message) == answer


@pytest.mark.parametrize("message, slot, answer", [
    # run 26: "I need one grade" (0.65 sure)
    (_parse("y eso es gratis verdad?", "faq", 0.65, "faq/cost"), "msg_grade",
     "utter_faq/cost"),
    (_parse("que es eso?", "faq", 0.4, "faq/what_is_hit"), "msg_grade", None),
    # run 26: "Sorry, I didn't get that"
    (_parse("which one is best to write to?", "nlu_fallback", 0.35),
     "msg_recipient", "utter_message_recipient_advice"),
    (_parse("a quien es mejor escribirle?", "nlu_fallback", 0.35), "msg_recipient",
     "utter_message_recipient_advice"),
    (_parse("a quien es mejor escribirle?", "nlu_fallback", 0.35), "msg_grade", None),
    # run 27: "I need one grade"
    (_parse("what grade should I put if he repeated?", "nlu_fallback", 0.3),
     "msg_grade", "utter_message_grade_now"),
    (_parse("si reprobo el año q grado pongo?", "faq", 0.4, "faq/eligibility"),
     "msg_grade", "utter_message_grade_now"),
    # run 27: "Toque Sí, No o No sé"
    (_parse("entonces q hago", "nlu_fallback", 0.3), "hit_sessions",
     "utter_checklist_what_next"),
    (_parse("ok so what do I do now?", "faq", 0.4, "faq/ask_school"), "hit_group_size",
     "utter_checklist_what_next"),
    (_parse("y ahora que hago", "nlu_fallback", 0.3), "msg_subject",
     "utter_message_what_next"),
    (_parse("y ahora?", "nlu_fallback", 0.3), "hit_updates",
     "utter_checklist_what_next"),
])
def test_a_question_where_nothing_was_kept_gets_its_likely_answer(message, slot,
                                                                  answer):
    """Nothing was read as the answer: the likely answer beats "I didn't get it"."""
    assert answers.question_asked(
        message, slot, answers.SURE_QUESTION_NOT_ANSWERED) == answer


@pytest.mark.parametrize("message, school", [
    (_parse("is tutoring free?", "faq", 0.998, "faq/cost"), None),
    (_parse("who will read this?", "ask_privacy", 0.86), None),
    (_parse("Lincoln Elementary", "out_of_scope", 0.93, "faq/evidence"),
     "Lincoln Elementary"),
    (_parse("Lincoln?", "nlu_fallback", 0.3), "Lincoln"),
])
def test_a_question_typed_for_the_school_is_no_school(message, school):
    """"is tutoring free?" became the letter's school (exploratory run 21's check)."""
    assert answers.read("msg_school", message["text"], message, "en") == school


def grades(*values):
    return [{"entity": "grade", "value": v} for v in values]


@pytest.mark.parametrize("slot, text, entities, answer, kept", [
    ("msg_school", "mi hijo va a la Hooper y mi hija a la Gage", [], "Hooper",
     "Hooper"),
    ("msg_school", "my kids go to Lincoln Elementary", [], "Lincoln Elementary",
     "Lincoln Elementary"),
    ("msg_grade", "3ro y 5to", grades("3", "5"), "3", "3er grado"),
])
def test_an_answer_about_two_children_says_the_letter_is_for_one(
        slot, text, entities, answer, kept):
    """The second school or grade was dropped without a word (exploratory run 10)."""
    message = {"text": text, "entities": entities}
    assert answers.one_child_note(slot, answer, message, "es") == {
        "response": "utter_message_one_child", "kept": kept}


@pytest.mark.parametrize("slot, text, entities, answer", [
    ("msg_school", "Hooper Elementary", [], "Hooper Elementary"),
    ("msg_school", "la escuela de mi hijo, no sé el nombre", [], "?"),
    ("msg_grade", "3ro", grades("3"), "3"),
    ("msg_grade", "3ro y 5to", grades("3", "5"), None),  # not understood: no note
])
def test_an_answer_about_one_child_gets_no_note(slot, text, entities, answer):
    assert answers.one_child_note(slot, answer, {"text": text, "entities": entities},
                                  "es") is None


def test_an_answer_fills_later_checklist_questions_still_empty():
    """The group's size said with how often is kept; an answer already given stays."""
    said = "es solo una vez a la semana con 10 niños y la tutora cambia"
    assert answers.answered_too("hit_sessions", said, {}) == {
        "hit_same_tutor": "no", "hit_group_size": "no"}
    assert answers.answered_too("hit_sessions", said,
                                {"hit_group_size": "yes"}) == {"hit_same_tutor": "no"}
    # run 30: not this question's answer, a later one's
    assert answers.answered_too("hit_same_tutor", "yes during school day", {}) == {
        "hit_school_day": "yes"}
    assert answers.answered_too("hit_sessions", "/affirm", {}) == {}
    assert answers.answered_too("msg_grade", "3ro con 10 niños", {}) == {}


def test_an_answer_corrects_an_earlier_checklist_question():
    """Run 31: "oh actually i just remembered he goes 4 days a week" at the third
    question was not understood, and the first kept "not sure"."""
    said = "oh actually i just remembered he goes 4 days a week"
    now = {"hit_sessions": "unsure", "hit_same_tutor": "yes"}
    changed = answers.answered_too("hit_group_size", said, now)
    assert changed == {"hit_sessions": "yes"}
    assert answers.corrects_earlier("hit_group_size", changed)
    # the same answer again changes nothing
    assert answers.answered_too("hit_group_size", said, {"hit_sessions": "yes"}) == {}
    assert not answers.corrects_earlier(
        "hit_sessions", answers.answered_too("hit_sessions", "3 times a week, 2 kids",
                                             {}))


@pytest.mark.parametrize("slot, text, recipient", [
    ("msg_school", "to the principal", "principal"),
    # run 30: "write only the school's name"
    ("msg_school", "quiero escribirle a la directora", "principal"),
    ("msg_grade", "al dire", "principal"),
    ("msg_school", "Escuela Directora Lopez", None),  # a school's name
    ("msg_recipient", "a la directora", None),  # the question's own answer
])
def test_the_person_typed_at_another_question_is_kept(slot, text, recipient):
    assert answers.recipient_named_instead(slot, text) == recipient
