"""The program actions, run without a Rasa server, on a real SQLite file."""

import json
from dataclasses import replace

import pytest
from rasa_sdk.events import ActiveLoop, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import select

from actions.form_validation import INTERRUPTIONS
from actions.programs import (
    ActionSearchPrograms,
    ActionShowMorePrograms,
    ValidateProgramSearchForm,
    query_from,
)
from bot.db import migrate, session_scope
from bot.programs.demo import ready_engine
from bot.programs.models import UnmetDemand
from bot.settings import Settings, load_settings
from tests.content import responses, variation
from tests.trackers import make_tracker


def with_database(url: str) -> Settings:
    """puente.toml's settings with the programs database at ``url``."""
    return replace(load_settings(env={}), database_url=url)


@pytest.fixture
def settings(tmp_path) -> Settings:
    url = f"sqlite:///{tmp_path / 'programs.db'}"
    migrate(url)  # as `puente migrate` does before the action server starts
    return with_database(url)


def _search_slots(language, **slots):
    return {
        "language": language,
        "program_location": "90255",
        "program_grade": "3",
        "program_subject": "math",
        **slots,
    }


@pytest.mark.parametrize(
    "language, words",
    [
        (
            "en",
            [
                "math",
                "In person",
                "Has 4 key signs of high-impact tutoring",
                "(demo data)",
                "miles away",
            ],
        ),
        (
            "es",
            [
                "matemáticas",
                "En persona",
                "Tiene 4 señales clave",
                "(datos de demostración)",
                "millas",
            ],
        ),
    ],
)
async def test_search_shows_three_demo_programs_in_the_parents_language(
    settings, language, words
):
    dispatcher = CollectingDispatcher()
    events = await ActionSearchPrograms(settings).run(
        dispatcher, make_tracker(slots=_search_slots(language)), {}
    )
    responses = [m["response"] for m in dispatcher.messages]
    assert responses == ["utter_program_results_intro"] + [
        "utter_program_match"
    ] * 3 + ["utter_program_next_more"]
    first = dispatcher.messages[1]
    assert first["name"] == "Sunflower Math Circle"  # the demo note says "demo"
    values = " ".join(str(v) for v in first.values())
    assert all(w in values for w in words), values
    assert "(323) 555-0100" in first["contact"]
    # programs near: no alert offer, nor an earlier one's "in person"
    assert events == [SlotSet("program_offset", 0.0), SlotSet("alert_format", None)]


async def test_show_more_pages_on_then_says_no_more(settings):
    dispatcher = CollectingDispatcher()
    events = await ActionShowMorePrograms(settings).run(
        dispatcher, make_tracker(slots=_search_slots("en", program_offset=0.0)), {}
    )
    assert events == [SlotSet("program_offset", 3.0)]
    assert [m["response"] for m in dispatcher.messages][0] == "utter_program_match"
    dispatcher = CollectingDispatcher()
    await ActionShowMorePrograms(settings).run(
        dispatcher, make_tracker(slots=_search_slots("en", program_offset=3.0)), {}
    )
    assert [m["response"] for m in dispatcher.messages] == ["utter_program_no_more"]


async def test_no_match_explains_asking_the_school_and_records_unmet_demand(settings):
    dispatcher = CollectingDispatcher()
    slots = _search_slots(
        "es", program_location="94103", program_grade="0", program_subject="science"
    )
    await ActionSearchPrograms(settings).run(dispatcher, make_tracker(slots=slots), {})
    assert [m["response"] for m in dispatcher.messages] == [
        "utter_program_none",
        "utter_faq/ask_school",
        "utter_alert_ask_on_whatsapp",  # the web: no number to keep
    ]
    assert dispatcher.messages[-1]["whatsapp_number"] == "+1 (323) 555-0199"
    with session_scope(ready_engine(settings.database_url)) as session:
        row = session.execute(select(UnmetDemand)).scalar_one()
        assert (row.zip, row.city, row.grade, row.subject) == (
            "94103",
            "San Francisco",
            0,
            "science",
        )


async def test_database_down_is_a_kind_try_again_later_with_the_school_path():
    settings = with_database("postgresql://nobody@127.0.0.1:1/none?connect_timeout=2")
    dispatcher = CollectingDispatcher()
    events = await ActionSearchPrograms(settings).run(
        dispatcher, make_tracker(slots=_search_slots("es")), {}
    )
    assert events == []
    assert [m["response"] for m in dispatcher.messages] == [
        "utter_program_db_down",
        "utter_faq/ask_school",
    ]


@pytest.mark.parametrize(
    "slot, value, expected, response",
    [
        ("program_location", "99999", None, "utter_program_unknown_location"),
        ("program_location", "South Gate", "South Gate", None),
        ("program_location", "LA", "LA", None),
        # "no sé mi código postal" (an exploratory run): what else to send
        ("program_location", "no se mi codigo postal", None,
         "utter_program_location_hint"),
        ("program_grade", "13", None, "utter_program_unknown_grade"),
        ("program_grade", "0", "0", None),
        ("program_subject", "math", "math", None),
        # "inglés" answering the subject question: English learners
        ("program_subject", "en", "english_learners", None),
        ("program_subject", "es", None, None),
    ],
)
def test_form_validation_says_what_it_does_not_understand(
    slot, value, expected, response
):
    dispatcher = CollectingDispatcher()
    validate = getattr(ValidateProgramSearchForm(), f"validate_{slot}")
    assert validate(value, dispatcher, make_tracker(), {}) == {slot: expected}
    assert [m["response"] for m in dispatcher.messages] == (
        [response] if response else []
    )


async def test_nothing_in_person_offers_online_and_counts_as_unmet_demand(settings):
    dispatcher = CollectingDispatcher()
    slots = _search_slots("en", program_location="94103")
    await ActionSearchPrograms(settings).run(dispatcher, make_tracker(slots=slots), {})
    responses = [m["response"] for m in dispatcher.messages]
    assert responses[0] == "utter_program_results_online"
    assert dispatcher.messages[1]["name"] == "Pelican Online Math"
    with session_scope(ready_engine(settings.database_url)) as session:
        assert session.execute(select(UnmetDemand.zip)).scalar_one() == "94103"


async def test_online_asked_for_is_not_called_nothing_in_person(settings):
    """No unmet demand and no alert offer: online is what the family asked for."""
    dispatcher = CollectingDispatcher()
    slots = _search_slots("en", program_location="90255", program_format="online")
    events = await ActionSearchPrograms(settings).run(
        dispatcher, make_tracker(slots=slots), {})
    responses = [m["response"] for m in dispatcher.messages]
    assert responses[0] == "utter_program_results_online_asked"
    assert dispatcher.messages[1]["name"] == "Pelican Online Math"
    assert "action_alert_offer" not in str(events)
    with session_scope(ready_engine(settings.database_url)) as session:
        assert session.execute(select(UnmetDemand.zip)).first() is None


@pytest.mark.parametrize(
    "language, seen",
    [
        ("en", 'I don\'t know "abc". Please send a 5-digit zip code or a city in'),
        ("es", 'No conozco "abc". Envíeme un código postal de 5 números o una'),
    ],
)
@pytest.mark.parametrize("intent", ["nlu_fallback", "out_of_scope", "inform"])
async def test_a_place_answer_that_is_no_place_says_what_to_send(
    language, seen, intent
):
    """"abc" got "not sure I understood"; "99999" already got what to send."""
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        slots={"requested_slot": "program_location", "language": language},
        intent=intent,
        text="abc",
    )
    events = await ValidateProgramSearchForm().run(dispatcher, tracker, {})
    assert SlotSet("program_location", None) in events  # asked again, not rejected
    [message] = dispatcher.messages
    assert message["response"] == "utter_program_unknown_location"
    shown = variation(responses()[message["response"]], language)["text"]
    assert shown.format(program_location=message["program_location"]).startswith(seen)


@pytest.mark.parametrize(
    "slots, intent, text, entities",
    [
        # Another question is pending: not a place.
        ({"requested_slot": "program_grade"}, "nlu_fallback", "abc", []),
        # Requests with their own answer leave the form (its rules).
        ({"requested_slot": "program_location"}, "human_handoff", "a person", []),
        ({"requested_slot": "program_location"}, "deny", "no", []),
        # A question, and a sentence, are not a place's name.
        ({"requested_slot": "program_location"}, "out_of_scope", "what is this?", []),
        (
            {"requested_slot": "program_location"},
            "nlu_fallback",
            "i really want to know what you mean",
            [],
        ),
    ],
)
def test_only_an_answer_to_where_is_taken_as_a_place(slots, intent, text, entities):
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(slots=slots, intent=intent, text=text, entities=entities)
    extracted = ValidateProgramSearchForm().extract_program_location(
        dispatcher, tracker, {}
    )
    assert extracted == {}
    assert dispatcher.messages == []


def test_a_grade_named_at_where_is_no_place_and_a_place_is_still_needed():
    """"tercero" fills the grade; the family hears why "Where?" comes again (run 20:
    after an unknown zip code, the question came back with no word on why)."""
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(slots={"requested_slot": "program_location"},
                           intent="inform", text="tercero",
                           entities=[{"entity": "grade", "value": "3"}])
    assert ValidateProgramSearchForm().extract_program_location(
        dispatcher, tracker, {}) == {}
    assert [m["response"] for m in dispatcher.messages] == [
        "utter_program_location_still_needed"]


@pytest.mark.parametrize("intent, text", [
    ("nlu_fallback", "no se mi codigo postal"), ("inform", "idk my zip"),
    ("answer_unsure", "no sé"), ("nlu_fallback", "i don't really know what you mean")])
def test_not_knowing_the_place_is_checked_and_gets_what_else_to_send(intent, text):
    tracker = make_tracker(slots={"requested_slot": "program_location"},
                           intent=intent, text=text)
    assert ValidateProgramSearchForm().extract_program_location(
        CollectingDispatcher(), tracker, {}) == {"program_location": text}


@pytest.mark.parametrize("text, entity", [
    ("no se mi codigo vivo en huntington park", "city"),
    ("i dont know my zip, i live in boyle heights", "city"),
    ("no se, creo que 90011", "zip_code")])
def test_not_knowing_the_zip_but_naming_a_place_keeps_the_place(text, entity):
    """Run 29: the place just named got "write your city's name"."""
    tracker = make_tracker(slots={"requested_slot": "program_location"},
                           intent="inform", text=text,
                           entities=[{"entity": entity, "value": "x"}])
    assert ValidateProgramSearchForm().extract_program_location(
        CollectingDispatcher(), tracker, {}) == {}


@pytest.mark.parametrize("intent, text, entities, said, noted", [
    ("faq", "any online?", [("format", "online")], {"program_format": "online"},
     "online"),
    ("nlu_fallback", "hay los sabados?", [("when", "weekends")],
     {"program_when": "weekends"}, "de fin de semana"),
    # a longer message asks something of its own; a search request Rasa fills
    ("faq", "is online tutoring as good as tutoring in person at school?",
     [("format", "online")], {}, None),
    ("inform", "online", [("format", "online")], {}, None),
])
async def test_a_detail_said_at_a_search_question_narrows_the_search(
        intent, text, entities, said, noted):
    """Run 28: "any online?" at the grade got the FAQ and in-person programs."""
    language = "es" if "sabados" in text else "en"
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        slots={"requested_slot": "program_grade", "language": language,
               "program_location": "90011"},
        intent=intent, text=text,
        entities=[{"entity": e, "value": v} for e, v in entities])
    events = await ValidateProgramSearchForm().run(dispatcher, tracker, {})
    for slot, value in said.items():
        assert SlotSet(slot, value) in events
    assert [m.get("detail") for m in dispatcher.messages] == (
        [noted] if noted else [])


@pytest.mark.parametrize("text", ["cerca de la escuela Hooper",
                                  "por el Slauson Swap Meet"])
async def test_a_long_answer_that_says_where_is_checked_not_left(text):
    """It got 211 for food and rent and "Where?" again, in a loop (run 9)."""
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(slots={"requested_slot": "program_location",
                                  "language": "es"}, intent="out_of_scope", text=text)
    events = await ValidateProgramSearchForm().run(dispatcher, tracker, {})
    assert SlotSet("program_location", None) in events  # asked again, not rejected
    [message] = dispatcher.messages
    assert message["response"] == "utter_program_unknown_location"


@pytest.mark.parametrize("intent", ["faq", "inform", "nlu_fallback"])
async def test_online_answering_where_needs_no_place(intent):
    """"en linea nomas" at "Where?" got the FAQ on online tutoring and the question
    again, in a loop (exploratory run 9)."""
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(slots={"requested_slot": "program_location"},
                           intent=intent, text="en linea nomas",
                           entities=[{"entity": "format", "value": "online"}])
    events = await ValidateProgramSearchForm().run(dispatcher, tracker, {})
    assert SlotSet("program_location", "online") in events
    assert SlotSet("program_format", "online") in events
    assert dispatcher.messages == []
    assert query_from(make_tracker(slots={
        "program_location": "online", "program_format": "online", "program_grade": "3",
        "program_subject": "reading"})).place is None


@pytest.mark.parametrize("intent", ["nlu_fallback", "inform"])
async def test_an_age_for_the_grade_gets_the_grades_of_that_age(intent):
    """"tiene 6 años" at "What grade?" was asked again with no word on the age."""
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(slots={"requested_slot": "program_grade", "language": "en"},
                           intent=intent, text="hes 10")
    events = await ValidateProgramSearchForm().run(dispatcher, tracker, {})
    assert SlotSet("program_grade", None) in events  # asked again, not rejected
    [hint] = dispatcher.messages
    assert hint["response"] == "utter_grade_from_age"
    assert (hint["grade_a"], hint["grade_b"]) == ("grade 4", "grade 5")


@pytest.mark.parametrize("text, language, first, last", [
    ("prepa", "es", ("9no grado", '/inform{"grade": "9"}'), "12vo grado"),
    ("secundaria", "es", ("6to grado", '/inform{"grade": "6"}'), "9no grado"),
    ("she's in high school", "en", ("grade 9", '/inform{"grade": "9"}'), "grade 12"),
    ("elementary", "en", ("kindergarten", '/inform{"grade": "0"}'), "grade 5"),
    ("he's in hs", "en", ("grade 9", '/inform{"grade": "9"}'), "grade 12")])  # run 17
async def test_a_school_level_for_the_grade_offers_its_grades(text, language, first,
                                                              last):
    """"prepa", "secundaria", "high school" looped on "What grade?" (run 16)."""
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(slots={"requested_slot": "program_grade",
                                  "language": language}, intent="inform", text=text)
    events = await ValidateProgramSearchForm().run(dispatcher, tracker, {})
    assert SlotSet("program_grade", None) in events  # asked again, with buttons
    [hint] = dispatcher.messages
    assert hint["response"] == "utter_grade_in_level"
    buttons = [(b["title"], b["payload"]) for b in hint["buttons"]]
    assert buttons[0] == first and buttons[-1][0] == last


def offered(*grades):
    """Puente's reply offering ``grades`` as buttons, as Rasa sends it."""
    return {"event": "bot", "text": "Ese nivel tiene varios grados:", "data": {
        "buttons": [{"title": g, "payload": "/inform" + json.dumps({"grade": str(g)})}
                    for g in grades]}}


@pytest.mark.parametrize("offer, typed, language, grade", [
    ((6, 7, 8, 9), "2", "es", "8"), ((9, 10, 11, 12), "1", "es", "10"),
    ((9, 10, 11, 12), "10", "es", "10"), ((0, 1, 2, 3, 4, 5, 6), "2", "es", "2"),
    ((9, 10, 11, 12), "2", "en", "2"), ((), "2", "es", "2")])
async def test_a_year_typed_after_a_level_is_read_within_it(offer, typed, language,
                                                            grade):
    """"segundo" after the grades of "secundaria" searched 2nd grade (runs 17, 18).

    A form's turn sees only Puente's replies just before the message: the level is
    read from the grades its buttons offered."""
    dispatcher = CollectingDispatcher()
    events = [{"event": "user", "text": "secundaria"}, offered(*offer),
              {"event": "bot", "text": "¿En qué grado está su hijo o hija?"},
              {"event": "user", "text": "segundo"},
              {"event": "slot", "name": "program_grade", "value": typed}]
    tracker = make_tracker(slots={"requested_slot": "program_grade",
                                  "language": language, "program_grade": typed},
                           intent="inform", text="segundo", events=events[1:])
    result = await ValidateProgramSearchForm().run(dispatcher, tracker, {})
    assert SlotSet("program_grade", grade) in result


async def test_a_crisis_fills_no_answer_of_the_search():
    """"no se, mi hija dice que se quiere morir" at the grade searched every grade
    and the emergency lines never came (exploratory run 17): the question stays
    unanswered, so the crisis rule answers and pauses the search."""
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(slots={"requested_slot": "program_grade", "language": "es"},
                           intent="crisis",
                           text="no se, mi hija dice que se quiere morir")
    assert await ValidateProgramSearchForm().run(dispatcher, tracker, {}) == []
    assert dispatcher.messages == []


@pytest.mark.parametrize("text", ["no se", "idk", "no sé en qué grado va",
                                  "no tengo idea", "ns"])  # run 15
async def test_a_grade_not_known_searches_every_grade(text):
    """"no sé" at "What grade?" got "not sure" and the search was dropped (run 14)."""
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(slots={"requested_slot": "program_grade", "language": "es"},
                           intent="answer_unsure", text=text)
    events = await ValidateProgramSearchForm().run(dispatcher, tracker, {})
    assert SlotSet("program_grade", "?") in events
    assert dispatcher.messages == []
    assert query_from(make_tracker(slots={
        "program_location": "90255", "program_grade": "?",
        "program_subject": "reading"})).grade is None


@pytest.mark.parametrize("text", ["cualquiera", "any", "todos"])
async def test_any_grade_searches_every_grade_and_still_asks_the_subject(text):
    """"cualquiera" at "What grade?" got the question again, three times; "any" two
    guesses, then the search was left (exploratory run 31)."""
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        slots={"requested_slot": "program_grade", "language": "es",
               "program_subject": "any"},
        intent="inform", text=text,
        entities=[{"entity": "subject", "value": "any"}],
        events=[{"event": "slot", "name": "program_subject", "value": "any"}])
    events = await ValidateProgramSearchForm().run(dispatcher, tracker, {})
    assert SlotSet("program_grade", "?") in events
    assert SlotSet("program_subject", None) in events
    assert dispatcher.messages == []


def test_an_age_at_another_question_is_left_to_it():
    tracker = make_tracker(slots={"requested_slot": "program_subject"},
                           intent="inform", text="tiene 9 años")
    assert ValidateProgramSearchForm().extract_program_grade(
        CollectingDispatcher(), tracker, {}) == {}


async def test_a_known_city_typed_as_the_place_is_kept():
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        slots={"requested_slot": "program_location", "language": "es"},
        intent="inform",
        text="vivo en southgate",
        entities=[{"entity": "city", "value": "South Gate"}],
        events=[{"event": "slot", "name": "program_location", "value": "South Gate"}],
    )
    events = await ValidateProgramSearchForm().run(dispatcher, tracker, {})
    assert SlotSet("program_location", "South Gate") in events
    assert dispatcher.messages == []


def _asked_again_after(answer: str, interruptions: float | None, language: str = "en"):
    """The search form's validation, run to ask again after ``answer`` (a rule's)."""
    return make_tracker(
        slots={"requested_slot": "program_location", "language": language,
               "program_grade": "5", INTERRUPTIONS: interruptions},
        intent="faq", text="is it free?",
        active_loop={"name": "program_search_form"},
        latest_action_name="program_search_form",  # Rasa's temporary tracker's
        events=[{"event": "user", "text": "is it free?"},
                {"event": "action_execution_rejected", "name": "program_search_form"},
                {"event": "action", "name": answer},
                {"event": "bot", "text": "..."},
                {"event": "action", "name": "program_search_form"}],
    )


async def test_the_search_asks_again_after_a_first_question_about_something_else():
    dispatcher = CollectingDispatcher()
    events = await ValidateProgramSearchForm().run(
        dispatcher, _asked_again_after("utter_faq", None), {})
    assert events == [SlotSet(INTERRUPTIONS, 1.0)]
    assert dispatcher.messages == []  # Rasa asks the zip code again


@pytest.mark.parametrize("language, seen", [
    ("en", "I'll leave the program search for now."),
    ("es", "Dejo la búsqueda de programas por ahora."),
])
async def test_the_search_pauses_at_the_second_question_about_something_else_in_a_row(
    language, seen
):
    dispatcher = CollectingDispatcher()
    events = await ValidateProgramSearchForm().run(
        dispatcher, _asked_again_after("utter_faq", 1.0, language), {})
    assert events == [SlotSet(INTERRUPTIONS, None), ActiveLoop(None)]
    [message] = dispatcher.messages
    shown = variation(responses()[message["response"]], language)
    assert shown["text"].startswith(seen)
    assert [b["payload"] for b in shown["buttons"]] == ["/find_program"]


async def test_an_answer_to_the_search_starts_the_count_again():
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        slots={"requested_slot": "program_location", INTERRUPTIONS: 1.0},
        intent="inform", text="90255", entities=[{"entity": "zip", "value": "90255"}],
        events=[{"event": "slot", "name": "program_location", "value": "90255"}],
    )
    events = await ValidateProgramSearchForm().run(dispatcher, tracker, {})
    assert events == [SlotSet("program_location", "90255"),
                      SlotSet(INTERRUPTIONS, None)]


async def test_a_search_paused_before_its_questions_were_answered_searches_nothing(
    settings
):
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(slots={"program_grade": "5", "language": "en"})
    events = await ActionSearchPrograms(settings).run(dispatcher, tracker, {})
    assert events == [] and dispatcher.messages == []


@pytest.mark.parametrize("latest", ["utter_program_search_goes_on",
                                    "utter_language_switched"])
async def test_find_a_program_tapped_again_or_another_language_is_no_turn_away(latest):
    dispatcher = CollectingDispatcher()
    events = await ValidateProgramSearchForm().run(
        dispatcher, _asked_again_after(latest, 1.0), {})
    assert events == [] and dispatcher.messages == []
