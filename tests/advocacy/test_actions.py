"""The checklist and message actions, run without a Rasa server."""

import json

import pytest
import yaml
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.advocacy import (
    ActionChecklistResult,
    ActionChecklistStart,
    ActionChecklistWhatNow,
    ActionDraftMessage,
    ActionFormBack,
    ActionFormStop,
    ActionMessageStart,
    ActionRedraftMessage,
    ActionShortenDraft,
    ActionSwitchDraftLanguage,
    ValidateChecklistForm,
    ValidateMessageForm,
)
from bot.advocacy import checklist
from bot.settings import PROJECT_ROOT
from tests.trackers import make_tracker

MESSAGE = {
    "msg_school": "Lincoln Elementary",
    "msg_recipient": "principal",
    "msg_grade": "3",
    "msg_subject": "math",
    "msg_language": "es",
}


def tracker_in(form, **kwargs):
    tracker = make_tracker(**kwargs)
    tracker.active_loop = {"name": form}
    return tracker


@pytest.mark.parametrize("language, of", [("en", "of"), ("es", "de")])
def test_the_form_asks_each_question_numbered_in_the_parents_language(language, of):
    """Rasa asks with utter_ask_<slot> (no action-server call): checklist.yml's text."""
    responses = yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text())[
        "responses"
    ]
    for number, question in enumerate(checklist.questions(), 1):
        [variant] = [
            v
            for v in responses[f"utter_ask_{question.slot}"]
            if ("condition" in v) == (language == "es")
        ]
        assert variant["text"] == f"{number} {of} 6. {question.text[language]}"
        assert [b["payload"] for b in variant["buttons"]] == [
            "/affirm",
            "/deny",
            "/answer_unsure",
        ]


@pytest.mark.parametrize(
    "text, intent, expected",
    [
        ("dos veces por semana", "faq/schedule", "no"),
        ("twice a week", "nlu_fallback", "no"),
        ("/affirm", "affirm", "yes"),
        ("/answer_unsure", "answer_unsure", "unsure"),
        ("yes but only twice a week", "affirm", "no"),
    ],
)
async def test_checklist_answers_from_words_or_buttons(text, intent, expected):
    dispatcher = CollectingDispatcher()
    result = ValidateChecklistForm().validate_hit_sessions(
        text, dispatcher, make_tracker(intent=intent, text=text), {}
    )
    assert result == {"hit_sessions": expected}
    assert dispatcher.messages == []


@pytest.mark.parametrize(
    "language, text, expected",
    [("en", "only in English", "yes"), ("es", "solo en inglés", "no")],
)
async def test_a_language_named_answers_in_the_conversations_language(
    language, text, expected
):
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(slots={"language": language}, intent="change_language",
                           text=text)
    result = ValidateChecklistForm().validate_hit_updates(text, dispatcher, tracker, {})
    assert result == {"hit_updates": expected}


async def test_checklist_answer_not_understood_is_said_kindly():
    dispatcher = CollectingDispatcher()
    result = ValidateChecklistForm().validate_hit_updates(
        "purple", dispatcher, make_tracker(intent="nlu_fallback", text="purple"), {}
    )
    assert result == {"hit_updates": None}
    assert dispatcher.messages[0]["response"] == "utter_checklist_not_understood"


@pytest.mark.parametrize("text", ["thanks so much", "gracias!"])
async def test_a_thanks_inside_a_form_is_welcomed_not_misunderstood(text):
    """"thanks so much" at the letter's language got "Sorry, I didn't get that"
    (exploratory run 19); the form asks its question again after it."""
    dispatcher = CollectingDispatcher()
    result = ValidateMessageForm().validate_msg_language(
        text, dispatcher, make_tracker(intent="thank", text=text), {})
    assert result == {"msg_language": None}
    assert [m["response"] for m in dispatcher.messages] == ["utter_form_thanks"]


def _asked_again(text, response="utter_checklist_not_understood"):
    """The events of "purple" not understood, the question again, then ``text``."""
    return [
        {"event": "user", "text": "purple"},
        {"event": "bot", "text": "Sorry...", "metadata": {"utter_action": response}},
        {"event": "bot", "text": "4 of 6...",
         "metadata": {"utter_action": "utter_ask_hit_updates"}},
        {"event": "user", "text": text},
    ]


@pytest.mark.parametrize("text, asked_again, expected", [
    # "ok" to "Please tap Yes, No or Not sure" answers nothing (it was read as yes)
    ("ok", True, None), ("vale", True, None),
    # a real answer still counts, and "ok" to the question itself is a yes
    ("sí", True, "yes"), ("ok", False, "yes"),
])
async def test_ok_right_after_not_understood_answers_nothing(text, asked_again,
                                                              expected):
    dispatcher = CollectingDispatcher()
    events = _asked_again(text, "utter_checklist_not_understood" if asked_again
                          else "utter_welcome")
    result = ValidateChecklistForm().validate_hit_updates(
        text, dispatcher, make_tracker(intent="affirm", text=text, events=events), {})
    assert result == {"hit_updates": expected}


@pytest.mark.parametrize("text, topic, expected, response", [
    # worded like a question ("como" is "how"), it answers: it got the topic on how
    # often and the question again (an exploratory run)
    ("como 2 veces a la semana", "faq/schedule", "no", None),
    # a question, not an answer: its topic's answer, then the question again
    ("cuanto cuesta la tutoria?", "faq/cost", None, "utter_faq/cost"),
])
async def test_an_answer_comes_before_a_question_it_looks_like(text, topic, expected,
                                                               response):
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(intent="faq", text=text)
    tracker.latest_message["response_selector"] = {
        "faq": {"response": {"intent_response_key": topic}}}
    result = ValidateChecklistForm().validate_hit_sessions(text, dispatcher, tracker,
                                                           {})
    assert result == {"hit_sessions": expected}
    assert [m["response"] for m in dispatcher.messages] == ([response] if response
                                                           else [])


@pytest.mark.parametrize("text, language", [("no le entendí", "es"),
                                            ("what does that mean?", "en")])
async def test_a_question_not_understood_is_explained_not_answered(text, language):
    """"no le entendí" was read as "no": the next question came, and the gap went
    into the message to the school (an exploratory run)."""
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(slots={"language": language}, intent="deny", text=text)
    result = ValidateChecklistForm().validate_hit_group_size(text, dispatcher, tracker,
                                                             {})
    assert result == {"hit_group_size": None}
    [said] = dispatcher.messages
    assert said["response"] == "utter_checklist_explained"
    assert said["why"] == checklist.question("hit_group_size").why[language]


async def test_start_clears_only_earlier_answers():
    tracker = make_tracker(slots={"hit_sessions": "no"})
    dispatcher = CollectingDispatcher()
    events = await ActionChecklistStart().run(dispatcher, tracker, {})
    assert events == [SlotSet("hit_sessions", None)]
    assert dispatcher.messages[0]["response"] == "utter_checklist_intro"


@pytest.mark.parametrize("language", ["en", "es"])
async def test_result_names_strengths_and_questions_to_ask(language):
    slots = {
        "language": language,
        "hit_sessions": "no",
        "hit_same_tutor": "yes",
        "hit_group_size": "unsure",
        "hit_school_day": "yes",
        "hit_class_link": "yes",
        "hit_updates": "yes",
    }
    dispatcher = CollectingDispatcher()
    await ActionChecklistResult().run(dispatcher, make_tracker(slots=slots), {})
    names = [m["response"] for m in dispatcher.messages]
    assert names == [
        "utter_checklist_strengths",
        "utter_checklist_questions",
        "utter_checklist_next",
    ]
    assert dispatcher.messages[1]["questions"].count("•") == 2


async def test_all_yes_is_high_impact():
    slots = {
        f"hit_{k}": "yes"
        for k in (
            "sessions",
            "same_tutor",
            "group_size",
            "school_day",
            "class_link",
            "updates",
        )
    }
    dispatcher = CollectingDispatcher()
    await ActionChecklistResult().run(dispatcher, make_tracker(slots=slots), {})
    assert "utter_checklist_all_yes" in [m["response"] for m in dispatcher.messages]
    dispatcher = CollectingDispatcher()
    await ActionChecklistWhatNow().run(dispatcher, make_tracker(slots=slots), {})
    said = [m["response"] for m in dispatcher.messages]
    assert said == ["utter_checklist_keep_going"]


async def test_back_forgets_the_previous_answer():
    tracker = tracker_in(
        "checklist_form",
        slots={
            "hit_sessions": "no",
            "hit_same_tutor": "yes",
            "requested_slot": "hit_group_size",
        },
    )
    events = await ActionFormBack().run(CollectingDispatcher(), tracker, {})
    assert events == [SlotSet("hit_same_tutor", None)]


async def test_stop_forgets_the_answers_so_far():
    tracker = tracker_in(
        "message_form", slots={"msg_school": "Lincoln", "language": "es"}
    )
    dispatcher = CollectingDispatcher()
    events = await ActionFormStop().run(dispatcher, tracker, {})
    assert events == [SlotSet("msg_school", None)]
    assert dispatcher.messages[0]["response"] == "utter_form_stopped"


@pytest.mark.parametrize(
    "method, text, entities, expected",
    [
        ("validate_msg_recipient", "la directora", [], "principal"),
        (
            "validate_msg_recipient",
            "/inform",
            [{"entity": "advocacy_choice", "value": "city_council"}],
            "city_council",
        ),
        ("validate_msg_language", "los dos", [], "both"),
        (
            "validate_msg_grade",
            "tercer grado",
            [{"entity": "grade", "value": "3"}],
            "3",
        ),
        (
            "validate_msg_subject",
            "mate y lectura",
            [{"entity": "subject", "value": "math"},
             {"entity": "subject", "value": "reading"}],
            "math,reading",
        ),
        ("validate_msg_school", "Escuela Lincoln", [], "Escuela Lincoln"),
    ],
)
async def test_message_details_from_words_or_buttons(method, text, entities, expected):
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(intent="inform", text=text, entities=entities)
    result = getattr(ValidateMessageForm(), method)(text, dispatcher, tracker, {})
    assert list(result.values()) == [expected]


@pytest.mark.parametrize("slot, text, recipient", [
    ("msg_school", "to the principal", "principal"),
    ("msg_school", "a la directora", "principal"),
    # run 27: after "idk" chose the teacher, "I need one grade"
    ("msg_grade", "principal", "principal"),
    ("msg_subject", "mejor al director", "principal"),
    # run 32: "Sorry, I didn't get that", and the letter to the first one
    ("msg_language", "actually make it to the teacher instead", "teacher"),
    ("msg_subject", "mejor a la directora no a la maestra", "principal")])
async def test_the_person_typed_for_another_question_is_noted_and_it_asked(
        slot, text, recipient):
    """"to the principal" became the letter's school (exploratory run 25)."""
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(intent="inform", text=text)
    result = getattr(ValidateMessageForm(), f"validate_{slot}")(
        text, dispatcher, tracker, {})
    assert result == {slot: None, "msg_recipient": recipient}
    assert [m["response"] for m in dispatcher.messages] == [
        "utter_message_recipient_noted"]


@pytest.mark.parametrize("slot, text, school", [
    # run 31: "the message can name these subjects", "[school name]" kept
    ("msg_subject", "oh wait the school is Roosevelt Elementary",
     "Roosevelt Elementary"),
    ("msg_grade", "perdon, es en la escuela Hooper", "Hooper"),
    # run 32: "Perdón, no le entendí", and the letter kept Hoover
    ("msg_language", "ay perdon, la escuela es Loma Vista no Hoover", "Loma Vista")])
async def test_the_school_typed_for_another_question_is_noted_and_it_asked(
        slot, text, school):
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(intent="inform", text=text,
                           slots={"requested_slot": slot, "msg_school": "Hoover"})
    result = getattr(ValidateMessageForm(), f"validate_{slot}")(
        text, dispatcher, tracker, {})
    assert result == {slot: None, "msg_school": school}
    assert [m["response"] for m in dispatcher.messages] == [
        "utter_message_school_noted"]


@pytest.mark.parametrize("text", ["idk", "no sé"])
async def test_not_known_for_whom_to_write_to_says_it_is_the_teacher(text):
    """The letter went to the teacher without a word (exploratory run 27)."""
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(intent="inform", text=text)
    result = ValidateMessageForm().validate_msg_recipient(text, dispatcher, tracker,
                                                          {})
    assert result == {"msg_recipient": "teacher"}
    assert [m["response"] for m in dispatcher.messages] == [
        "utter_message_recipient_teacher"]


@pytest.mark.parametrize(
    "slot, text, response",
    [
        ("msg_recipient", "banana", "utter_message_not_understood"),
        # these two say which answers the letter can name
        ("msg_grade", "todos los grados", "utter_message_grade_not_understood"),
        ("msg_subject", "chess club", "utter_message_subject_not_understood"),
    ],
)
async def test_message_detail_not_understood_is_said_kindly(slot, text, response):
    dispatcher = CollectingDispatcher()
    result = getattr(ValidateMessageForm(), f"validate_{slot}")(
        text, dispatcher, make_tracker(text=text), {}
    )
    assert result == {slot: None}
    assert [m["response"] for m in dispatcher.messages] == [response]


async def test_an_age_for_the_grade_gets_the_grades_of_that_age_not_two_children():
    """"tiene 9 años" got "Writing for more than one child?" (exploratory run 8)."""
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(text="tiene 9 años", slots={"language": "es"})
    result = ValidateMessageForm().validate_msg_grade("tiene 9 años", dispatcher,
                                                       tracker, {})
    assert result == {"msg_grade": None}
    assert dispatcher.messages[0]["response"] == "utter_grade_from_age"
    assert dispatcher.messages[0]["grade_b"] == "4to grado"


async def test_a_school_level_for_the_grade_offers_its_grades():
    """"prepa" got "one grade only: is the letter for more than one child?" (run 16)."""
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(text="prepa", slots={"language": "es"})
    result = ValidateMessageForm().validate_msg_grade("prepa", dispatcher, tracker, {})
    assert result == {"msg_grade": None}
    [hint] = dispatcher.messages
    assert hint["response"] == "utter_grade_in_level"
    assert [b["title"] for b in hint["buttons"]] == [
        "9no grado", "10mo grado", "11vo grado", "12vo grado"]


async def test_a_year_typed_after_a_level_is_read_within_it():
    """"segundo" after the grades of "secundaria" reached the letter as 2nd grade
    (runs 17 and 18)."""
    buttons = [{"title": g, "payload": "/inform" + json.dumps({"grade": str(g)})}
               for g in (6, 7, 8, 9)]
    events = [{"event": "bot", "text": "Ese nivel...", "data": {"buttons": buttons}},
              {"event": "user", "text": "segundo"}]
    tracker = make_tracker(text="segundo", slots={"language": "es"}, events=events,
                           entities=[{"entity": "grade", "value": "2"}])
    result = ValidateMessageForm().validate_msg_grade("segundo", CollectingDispatcher(),
                                                      tracker, {})
    assert result == {"msg_grade": "8"}


def from_channel(channel, **kwargs):
    return make_tracker(events=[{"event": "user", "input_channel": channel}], **kwargs)


async def test_web_draft_is_one_copyable_message_with_the_checklist_gaps():
    slots = {**MESSAGE, "language": "es", "hit_sessions": "no", "hit_updates": "yes"}
    dispatcher = CollectingDispatcher()
    await ActionDraftMessage().run(dispatcher, from_channel("rest", slots=slots), {})
    intro, draft, after = dispatcher.messages
    assert intro["response"] == "utter_draft_intro"
    assert after["response"] == "utter_draft_next"
    assert draft["custom"]["type"] == "draft" and draft["text"] is None
    assert draft["custom"]["text"].startswith("Estimado director o directora:")
    assert "¿Cuántas veces por semana hay tutoría?" in draft["custom"]["text"]


async def test_whatsapp_draft_is_one_plain_message_to_forward():
    dispatcher = CollectingDispatcher()
    tracker = from_channel("whatsapp", slots={**MESSAGE, "language": "es"})
    await ActionDraftMessage().run(dispatcher, tracker, {})
    draft = dispatcher.messages[1]
    assert not draft["custom"]
    assert draft["text"].startswith("Estimado director o directora:")
    assert "\n\n" not in draft["text"], "chat channels split a message at blank lines"


async def test_switch_language_sets_the_draft_language():
    dispatcher = CollectingDispatcher()
    events = await ActionSwitchDraftLanguage().run(
        dispatcher, from_channel("rest", slots={**MESSAGE, "language": "es"}), {}
    )
    assert events == [SlotSet("msg_language", "en"), SlotSet("msg_short", False)]
    assert dispatcher.messages[1]["custom"]["text"].startswith("Dear Principal,")


async def test_a_grade_corrected_after_the_draft_is_drafted_again_with_it():
    """"ay no, era 4to no 5to" kept the wrong grade (exploratory run 25)."""
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        text="ay no, era 4to no 5to", intent="deny",
        entities=[{"entity": "grade", "value": "4"}],
        slots={**MESSAGE, "msg_grade": "5", "language": "es"},
        events=[{"event": "user", "input_channel": "rest"}])
    events = await ActionRedraftMessage().run(dispatcher, tracker, {})
    assert SlotSet("msg_grade", "4") in events
    assert "4to grado" in dispatcher.messages[1]["custom"]["text"]
    assert "5to grado" not in dispatcher.messages[1]["custom"]["text"]


async def test_the_shorter_draft_stays_short_in_the_other_language():
    slots = {**MESSAGE, "language": "es"}
    shorter, switched, full = (CollectingDispatcher() for _ in range(3))
    events = await ActionShortenDraft().run(
        shorter, from_channel("rest", slots=slots), {})
    assert SlotSet("msg_short", True) in events
    slots = {**slots, "msg_short": True}
    await ActionSwitchDraftLanguage().run(
        switched, from_channel("rest", slots=slots), {})
    await ActionDraftMessage().run(full, from_channel("rest", slots=slots), {})
    english = switched.messages[1]["custom"]["text"]
    assert english.startswith("Dear Principal,")
    assert len(english) < len(full.messages[1]["custom"]["text"]) * 0.8
    # the sentence that says what the parent asks for stays in the shorter one
    assert "My child is in grade" in english
    assert "needs help in math" in english


async def test_a_new_message_keeps_the_grade_subject_and_person_already_given():
    """"Va en 3ro y necesita ayuda en lectura y mate" ... "una carta para la mesa"."""
    said = {"event": "user", "parse_data": {"entities": [
        {"entity": "grade", "value": "3"}, {"entity": "subject", "value": "reading"},
        {"entity": "subject", "value": "math"}]}}
    tracker = make_tracker(
        text="ayúdame a escribir una carta para la mesa directiva del distrito",
        slots={"program_grade": "3", "program_subject": "math",  # Rasa keeps one
               "language": "es"},
        events=[said, {"event": "bot", "text": "Gracias por contarme."},
                {"event": "user", "parse_data": {"entities": []}}],
    )
    dispatcher = CollectingDispatcher()
    events = await ActionMessageStart().run(dispatcher, tracker, {})
    assert events == [
        SlotSet("msg_grade", "3"),
        SlotSet("msg_subject", "reading,math"),
        SlotSet("msg_recipient", "school_board"),
    ]
    assert dispatcher.messages[0]["response"] == "utter_message_intro"


async def test_homework_named_before_the_letter_is_no_subject_for_it():
    """"is HIT the same as homework help?" then a letter: it asked for "help in
    homework", what high-impact tutoring is not, and never asked the subject (an
    exploratory run, 4 of 4)."""
    asked = {"event": "user", "parse_data": {
        "intent": {"name": "faq"}, "entities": [{"entity": "subject",
                                                  "value": "homework"}]}}
    tracker = make_tracker(
        text="help me write to the school", intent="draft_message",
        slots={"language": "en"},
        events=[asked, {"event": "bot", "text": "Homework help is..."},
                {"event": "user", "parse_data": {"intent": {"name": "draft_message"},
                                                 "entities": []}}],
    )
    events = await ActionMessageStart().run(CollectingDispatcher(), tracker, {})
    assert not [e for e in events if e.get("name") == "msg_subject"]


@pytest.mark.parametrize("question, kept", [
    ("is tutoring only for kids who are failing reading?", False),  # run 26
    ("mi hija va en 3ro y va atrasada en lectura q puedo hacer", True),
])
async def test_a_subject_from_a_question_is_kept_only_when_it_is_the_child_s(
        question, kept):
    asked = {"event": "user", "text": question, "parse_data": {
        "intent": {"name": "faq"}, "entities": [{"entity": "subject",
                                                  "value": "reading"}]}}
    tracker = make_tracker(text="help me write to the school", intent="draft_message",
                           slots={"language": "en"}, events=[asked])
    events = await ActionMessageStart().run(CollectingDispatcher(), tracker, {})
    assert (SlotSet("msg_subject", "reading") in events) is kept


@pytest.mark.parametrize("text, intent, letter_before", [
    ("/start_over", "start_over", True),  # the draft's "Empezar de nuevo"
    ("/draft_message", "draft_message", True),  # "Otro mensaje"
    ("ahora quiero escribirle a la escuela de mi otra hija", "draft_message", False),
    ("now my other son's school", "draft_message", False),
])
async def test_a_second_letter_or_one_for_another_child_asks_the_grade_again(
        text, intent, letter_before):
    """"Empezar de nuevo", "Otro mensaje" and "mi otra hija" kept the first
    letter's grade and subject, or the search's (exploratory runs 7 and 8)."""
    said = {"event": "user", "parse_data": {"entities": [
        {"entity": "grade", "value": "3"}, {"entity": "subject", "value": "reading"}]}}
    letter = {"msg_grade": "3", "msg_subject": "reading"} if letter_before else {}
    tracker = make_tracker(
        text=text, intent=intent,
        slots={"program_grade": "3", "program_subject": "reading", "language": "es",
               **letter},
        events=[said, {"event": "user", "parse_data": {"entities": []}}],
    )
    events = await ActionMessageStart().run(CollectingDispatcher(), tracker, {})
    assert SlotSet("msg_grade", "3") not in events
    assert SlotSet("msg_subject", "reading") not in events


async def test_a_button_starts_the_message_with_nothing_but_what_was_said_before():
    tracker = make_tracker(text="/write_message", slots={"language": "en"})
    assert await ActionMessageStart().run(CollectingDispatcher(), tracker, {}) == []


async def test_draft_before_the_form_asks_to_write_it_first():
    dispatcher = CollectingDispatcher()
    await ActionDraftMessage().run(dispatcher, make_tracker(), {})
    assert dispatcher.messages[0]["response"] == "utter_draft_missing"


@pytest.mark.parametrize(
    "text, intent, response",
    [("ok thanks, bye", "thank", "utter_checklist_not_understood"),
     ("ok thx", "affirm", "utter_form_thanks"),
     ("gracias", "thank", "utter_form_thanks"),
     ("/find_program", "find_program", "utter_checklist_not_understood")],
)
async def test_a_goodbye_thanks_or_other_button_answers_nothing_and_says_so(
    text, intent, response
):
    """The family hears how to leave; nothing is kept. A thanks alone is welcomed
    ("Sorry, I didn't get that" to "thanks so much": exploratory run 19)."""
    dispatcher = CollectingDispatcher()
    result = ValidateChecklistForm().validate_hit_sessions(
        text, dispatcher, make_tracker(intent=intent, text=text), {}
    )
    assert result == {"hit_sessions": None}
    assert [m["response"] for m in dispatcher.messages] == [response]


@pytest.mark.parametrize(
    "text, expected",
    [("dos veces x semana", "no"), ("2 veces x semana", "no"), ("2 dias", "no"),
     ("3 veces x semana", "yes"), ("2x a week", "no"), ("3 times a week", "yes")],
)
async def test_texting_style_answers_how_often(text, expected):
    dispatcher = CollectingDispatcher()
    result = ValidateChecklistForm().validate_hit_sessions(
        text, dispatcher, make_tracker(intent="faq", text=text), {}
    )
    assert result == {"hit_sessions": expected}
    assert dispatcher.messages == []


@pytest.mark.parametrize(
    "language, leave", [("en", '"stop"'), ("es", "«parar»")]
)
def test_not_understood_says_how_to_leave_the_checklist(language, leave):
    """"stop" / "parar" are the stop intent: the checklist's rule ends it."""
    domain = yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text())
    [variant] = [
        v
        for v in domain["responses"]["utter_checklist_not_understood"]
        if ("condition" in v) == (language == "es")
    ]
    assert variant["text"].endswith(leave + ".")


def test_goodbye_and_stop_leave_the_checklist_never_answer_it():
    """A message the NLU reads as goodbye or stop fills no answer, and a rule ends
    the checklist (action_form_stop clears the answers)."""
    domain = yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text())
    for slot in checklist.slots():
        [mapping] = domain["slots"][slot]["mappings"]
        assert {"goodbye", "stop"} <= set(mapping["not_intent"])
    rules = yaml.safe_load((PROJECT_ROOT / "data/rules/advocacy.yml").read_text())
    for intent in ("goodbye", "stop"):
        [rule] = [
            r for r in rules["rules"]
            if r.get("condition") == [{"active_loop": "checklist_form"}]
            and r["steps"][0] == {"intent": intent}
        ]
        assert {"action": "action_form_stop"} in rule["steps"]
        assert rule["steps"][-1] == {"active_loop": None}


def test_a_grade_corrected_at_another_question_changes_the_letters_grade():
    """"no perdón, está en 4to" where the language is asked got "no le entendí" and
    the letter kept 3rd grade (an exploratory run)."""
    text = "no perdón, está en 4to"
    tracker = make_tracker(text=text, intent="inform",
                           entities=[{"entity": "grade", "value": "4"}],
                           slots={"requested_slot": "msg_language", "language": "es"})
    grade, language = CollectingDispatcher(), CollectingDispatcher()
    form = ValidateMessageForm()
    assert form.validate_msg_grade("4", grade, tracker, {}) == {"msg_grade": "4"}
    assert [m["response"] for m in grade.messages] == ["utter_message_grade_noted"]
    # the language is asked again, without "I didn't understand"
    assert form.validate_msg_language(text, language, tracker, {}) == {
        "msg_language": None}
    assert language.messages == []
