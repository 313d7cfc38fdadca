"""A question about a program shown on a card: by name or place, or the closest."""

import pytest
from rasa.shared.core.events import (
    ActionExecuted,
    ActiveLoop,
    BotUttered,
    SessionStarted,
    SlotSet,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker
from rasa_sdk.events import SlotSet as SdkSlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.programs import (
    ActionAboutShownProgram,
    ActionClosestShownProgram,
    ActionFreeShownPrograms,
    ActionLanguageShownPrograms,
)
from bot.policies.shown_program import next_step, program_asked_about
from bot.programs.shown import (
    Card,
    asks_for_closest,
    asks_which_are_free,
    card_by_place,
    card_of,
    closest,
    named_program,
    shown_cards,
    shown_names,
)
from tests.content import responses, variation
from tests.trackers import make_tracker


async def said_by(action, tracker, language):
    """Run ``action``: the message it says, as the family reads it, and its events."""
    dispatcher = CollectingDispatcher()
    events = await action.run(dispatcher, tracker, {})
    [message] = dispatcher.messages
    text = variation(responses()[message["response"]], language)["text"]
    values = {k: v for k, v in message.items() if k not in ("response", "text")}
    return text.format(**values), events


CARDS = ["Here are tutoring programs near 90255:",
         "*Sunflower Math Circle*\nRun by Sunflower Learning Partners.",
         "*Golden Step Lectura*\nRun by Golden Step Tutors.",
         "*Morning Star Math*\nRun by Morning Star Tutors."]
#: The same cards from the demo data.
DEMO_CARDS = [CARDS[0], *(card.replace("*\n", "* (demo data)\n") for card in CARDS[1:])]
NAMES = ["Sunflower Math Circle", "Golden Step Lectura", "Morning Star Math"]


def test_the_names_are_read_from_the_cards():
    assert shown_names(CARDS) == NAMES


@pytest.mark.parametrize("message, named", [
    ("q dias es el Golden Step?", "Golden Step Lectura"),
    ("is sunflower free?", "Sunflower Math Circle"),
    ("¿A qué hora es Morning Star?", "Morning Star Math"),
    # every word of its own: "step" is not Golden Step, "morning" not Morning Star
    ("what is the next step", None),
    ("good morning, any online?", None),
    # words every program shares name none
    ("is the math one free?", None),
])
def test_a_program_is_named_by_all_of_its_own_words(message, named):
    assert named_program(message, NAMES) == named


START = (ActionExecuted("action_session_start"), SessionStarted(),
         ActionExecuted("action_listen"))
RESULTS = (UserUttered("tutoring near 90255 for 3rd grade", {"name": "find_program"}),
           ActionExecuted("action_search_programs"),
           *(BotUttered(text) for text in CARDS), SlotSet("program_offset", 0.0),
           ActionExecuted("action_listen"))


def asked(text, intent="nlu_fallback"):
    return UserUttered(text, {"name": intent, "confidence": 0.4})


def tracker(*events):
    return DialogueStateTracker.from_events("test", [*START, *events])


def test_the_policy_names_the_program_in_its_slot_and_then_listens():
    question = tracker(*RESULTS, asked("q dias es el Golden Step?"))
    assert next_step(question) == (
        "action_about_shown_program",
        [SlotSet("shown_program_asked", "Golden Step Lectura")])
    answered = tracker(*RESULTS, asked("q dias es el Golden Step?"),
                       ActionExecuted("action_about_shown_program"),
                       BotUttered("Solo sé lo que le mostré arriba"))
    assert next_step(answered) == ("action_listen", [])


def test_a_number_alone_is_a_card_and_the_grade_it_set_is_put_back():
    """"2" after the results for an 8th grader searched 2nd grade (exploratory run)."""
    searched = (SlotSet("program_grade", "8"), *RESULTS)
    two = (UserUttered("2", {"name": "inform", "confidence": 0.9},
                       [{"entity": "grade", "value": "2"}]),
           ActionExecuted("action_extract_slots"), SlotSet("program_grade", "2"))
    assert next_step(tracker(*searched, *two)) == (
        "action_about_shown_program",
        [SlotSet("shown_program_asked", "Golden Step Lectura"),
         SlotSet("program_grade", "8")])


def test_a_program_shown_turns_ago_is_still_known_in_the_session():
    later = (asked("cuanto cuesta", "faq"), ActionExecuted("utter_faq"),
             BotUttered("Es gratis."), ActionExecuted("action_listen"))
    question = asked("is sunflower free?", "faq")
    assert program_asked_about(tracker(*RESULTS, *later, question)) == (
        "Sunflower Math Circle")


@pytest.mark.parametrize("text, intent, answer", [
    # "donde queda?" and "tienen transporte?" got the out-of-scope answer, with 211
    # for food and rent; the evening asked got cards as if they met then (exploratory
    # run): ask them
    ("donde queda?", "out_of_scope", "utter_programs_ask_them"),
    ("tienen transporte?", "out_of_scope", "utter_programs_ask_them"),
    ("alguno es despues de las 6?", "nlu_fallback", "utter_programs_ask_them"),
    # a question with its own answer, or a long one, keeps it
    ("los tutores son seguros?", "faq", None),
    ("and what if the school says it has no money for any of this at all?",
     "out_of_scope", None),
])
def test_a_question_about_them_that_names_none_is_sent_to_them(text, intent, answer):
    question = tracker(*RESULTS, asked(text, intent))
    assert next_step(question) == (answer, [])
    if answer:
        answered = tracker(*RESULTS, asked(text, intent), ActionExecuted(answer))
        assert next_step(answered) == ("action_listen", [])


@pytest.mark.parametrize("events", [
    # no results this session
    (*RESULTS, *START, asked("is sunflower free?", "faq")),
    # inside a form, for a crisis, or for a person
    (*RESULTS, ActiveLoop("checklist_form"), asked("is sunflower free?", "faq")),
    (*RESULTS, asked("sunflower, i want to die", "crisis")),
    (*RESULTS, asked("can I talk to a person at sunflower", "human_handoff")),
    # the name only in the bot's own answers, not on a card
    (SlotSet("program_offset", 0.0), asked("hi", "greet"),
     ActionExecuted("utter_greet"),
     BotUttered("*Sunflower Math Circle*"), ActionExecuted("action_listen"),
     asked("is sunflower free?", "faq")),
])
def test_no_shown_program_no_answer_for_it(events):
    assert program_asked_about(tracker(*events)) is None


@pytest.mark.parametrize("language, said", [
    ("en", "I only know what I showed you above about Golden Step Lectura."),
    ("es", "Solo sé lo que le mostré arriba sobre Golden Step Lectura."),
])
async def test_the_action_says_to_ask_the_program(language, said):
    slots = {"shown_program_asked": "Golden Step Lectura", "language": language}
    text, events = await said_by(ActionAboutShownProgram(), make_tracker(slots=slots),
                                 language)
    assert text.startswith(said)
    assert events == [SdkSlotSet("shown_program_asked", None)]


# A card by its place among the cards just shown, and the closest card.

MILES = ["*Sunflower Math Circle*\nCost: $10 a month.\n3.4 miles away.",
         "*Golden Step Lectura*\nCosto: gratis.\nA 1.2 millas. Contacto:",
         "*Online Reading Pals*\nCost: free.\nOnline. Contact: z"]


def test_a_card_says_its_miles_or_none_online_and_if_it_is_free():
    assert shown_cards(MILES) == [Card("Sunflower Math Circle", 3.4, False),
                                  Card("Golden Step Lectura", 1.2, True),
                                  Card("Online Reading Pals", None, True)]
    assert closest(shown_cards(MILES)).name == "Golden Step Lectura"
    assert closest(shown_cards(MILES[2:])) is None


@pytest.mark.parametrize("message, named", [
    ("is the first one free?", "Sunflower Math Circle"),
    ("el primero a q hora es?", "Sunflower Math Circle"),
    ("la segunda es gratis?", "Golden Step Lectura"),
    ("the last one, does it have spanish?", "Morning Star Math"),
    ("the 3rd program?", "Morning Star Math"),
    ("el número 2 cuánto cuesta?", "Golden Step Lectura"),
    ("the #3, where is it?", "Morning Star Math"),
    ("el de en medio es gratis?", "Golden Step Lectura"),
    ("the middle one?", "Golden Step Lectura"),
    ("el numero 4?", None),  # three cards shown
    # a number alone, "el 2", "option 1", "el de arriba"
    ("2", "Golden Step Lectura"), ("el 2", "Golden Step Lectura"),
    ("option 1", "Sunflower Math Circle"), ("el de arriba", "Sunflower Math Circle"),
    ("tengo 2 hijos", None), ("en 2 semanas", None),
    # a first day, time or grade is no card
    ("what happens the first day", None),
    ("la primera vez que va, qué lleva?", None),
    ("y para el primer grado?", None),
    ("empieza el primero de enero?", None),
    ("empieza el 2 de enero?", None),
    ("mi numero es 323-555-0199", None),
    ("in the middle of the year?", None),
])
def test_a_card_is_named_by_its_place(message, named):
    assert card_by_place(message, NAMES) == named


def test_no_card_is_in_the_middle_of_two():
    assert card_by_place("el de en medio", NAMES[:2]) is None


@pytest.mark.parametrize("message", [
    "which one is closest?", "cual queda mas cerca?", "¿Cuál es el más cercano?",
    "cual esta mas cerquita?"])
def test_closest_is_asked(message):
    assert asks_for_closest(message)


@pytest.mark.parametrize("message, asked", [
    ("which ones are free?", True), ("¿cuáles son gratis?", True),
    ("hay alguno gratis?", True), ("is any of them free", True),
    # asked of the cards just shown: the free ones are the answer (it showed the
    # list again, narrowed: exploratory run 8)
    ("is it free?", True), ("y es gratis?", True), ("son gratis", True),
    # free named in a request or a statement
    ("quiero algo gratis", False), ("free tutoring near me", False),
])
def test_which_are_free_is_asked(message, asked):
    assert asks_which_are_free(message) == asked


def results(cards, action="action_search_programs"):
    return (UserUttered("...", {"name": "find_program"}), ActionExecuted(action),
            *(BotUttered(text) for text in cards), SlotSet("program_offset", 0.0),
            ActionExecuted("action_listen"))


def test_the_last_one_read_as_go_back_is_the_last_card():
    question = tracker(*RESULTS, asked("the last one", "go_back"))
    assert program_asked_about(question) == "Morning Star Math"


def test_a_place_counts_among_the_cards_just_shown():
    more = ["*Bright Path Tutors*\nRun by Demo.\n5.0 miles away."]
    question = tracker(*results(CARDS), *results(more, "action_show_more_programs"),
                       asked("is the first one free?", "faq"))
    named = [SlotSet("shown_program_asked", "Bright Path Tutors")]
    assert next_step(question) == ("action_about_shown_program", named)


def test_closest_is_the_fewest_miles_of_the_latest_search():
    older = ["*Far Away Math*\nRun by Demo.\n0.5 miles away."]
    question = tracker(*results(older), *results(MILES), asked("cual queda mas cerca?"))
    assert next_step(question) == ("action_closest_shown_program", [
        SlotSet("shown_program_asked", "Golden Step Lectura"),
        SlotSet("shown_program_miles", 1.2)])
    online = tracker(*results(MILES[2:]), asked("which one is closest?"))
    assert next_step(online) == ("action_closest_shown_program", [
        SlotSet("shown_program_asked", None), SlotSet("shown_program_miles", None)])


def test_free_are_the_cards_of_the_latest_search_that_say_so():
    question = tracker(*results(MILES), asked("cuales son gratis?"))
    assert next_step(question) == ("action_free_shown_programs", [
        SlotSet("shown_program_asked", "*Golden Step Lectura*, *Online Reading Pals*")])
    none = tracker(*results(MILES[:1]), asked("which ones are free?"))
    assert next_step(none) == ("action_free_shown_programs",
                               [SlotSet("shown_program_asked", None)])


def test_is_it_free_is_answered_from_the_cards_not_by_searching_again():
    """"y es gratis?" showed the list again, narrowed (exploratory run 8)."""
    question = UserUttered("y es gratis?", {"name": "faq", "confidence": 0.99},
                           [{"entity": "cost", "value": "free"}])
    assert next_step(tracker(*results(MILES), question)) == (
        "action_free_shown_programs",
        [SlotSet("shown_program_asked",
                 "*Golden Step Lectura*, *Online Reading Pals*")])
    # a card named is that card's question
    first = UserUttered("is the first one free?", {"name": "faq"},
                        [{"entity": "cost", "value": "free"}])
    assert next_step(tracker(*results(MILES), first))[0] == "action_about_shown_program"


LANGUAGES = ["*Sunflower Math Circle*\nSubjects: math. Languages: English, Spanish.",
             "*Golden Step Lectura*\nMaterias: lectura. Idiomas: español.",
             "*Morning Star Math*\nSubjects: math. Languages: English."]


def test_a_card_says_its_languages():
    assert [card.languages for card in shown_cards(LANGUAGES)] == [
        {"en", "es"}, {"es"}, {"en"}]


def _speaks(text, code):
    return UserUttered(text, {"name": "change_language", "confidence": 0.92},
                       [{"entity": "language", "value": code}])


def test_a_question_about_their_language_names_the_cards_that_teach_in_it():
    """"hablan español?" showed the list again, narrowed (exploratory run 8)."""
    question = tracker(*results(LANGUAGES), _speaks("hablan español?", "es"))
    assert next_step(question) == ("action_language_shown_programs", [
        SlotSet("shown_program_asked",
                "*Sunflower Math Circle*, *Golden Step Lectura*")])


def test_when_no_card_teaches_in_it_the_search_looks_for_programs_that_do():
    question = tracker(*results(LANGUAGES[2:]), _speaks("do they speak spanish?", "es"))
    assert next_step(question) == (None, [])


def test_a_request_to_switch_is_no_question_about_them():
    question = tracker(*results(LANGUAGES), _speaks("english please", "en"))
    assert next_step(question) == (None, [])


@pytest.mark.parametrize("language, said", [
    ("en", "Of the programs I showed you, these teach in Spanish: *A*."),
    ("es", "De los programas que le mostré, estos dan clases en español: *A*."),
])
async def test_the_action_names_the_ones_in_that_language(language, said):
    slots = {"shown_program_asked": "*A*", "language": language}
    asked = make_tracker(slots=slots, text="hablan español?",
                         entities=[{"entity": "language", "value": "es"}])
    text, events = await said_by(ActionLanguageShownPrograms(), asked, language)
    assert text.startswith(said)
    assert events == [SdkSlotSet("shown_program_asked", None)]


@pytest.mark.parametrize("message", [
    "what does demo data mean?", "are these real?", "son reales estos programas?"])
def test_asked_if_demo_cards_are_real_they_are_examples_not_to_call(message):
    """"are these real?" was told to call the programs on the cards (run 9)."""
    demo = tracker(*results(DEMO_CARDS[1:]), asked(message))
    assert next_step(demo) == ("utter_programs_demo", [])
    assert next_step(tracker(*RESULTS, asked(message)))[0] != "utter_programs_demo"


@pytest.mark.parametrize("message", ["donde queda?", "tienen transporte?"])
def test_a_question_about_demo_cards_says_they_are_examples(message):
    """"call or write to the program" about demo cards (exploratory run 10)."""
    demo = tracker(*results(DEMO_CARDS[1:]), asked(message, "out_of_scope"))
    assert next_step(demo) == ("utter_programs_ask_them_demo", [])


def test_free_ones_in_a_new_place_are_a_new_search():
    question = UserUttered("any free ones near 90011?", {"name": "inform"},
                           [{"entity": "zip_code", "value": "90011"}])
    events = (*results(MILES), SlotSet("program_location", "90255"),
              question, SlotSet("program_location", "90011"))
    assert next_step(tracker(*events)) == (None, [])


@pytest.mark.parametrize("language, names, said", [
    ("en", "*A*, *B*", "Of the programs I showed you, these say they are free: *A*"),
    ("es", "*A*", "De los programas que le mostré, estos dicen que son gratis: *A*."),
    ("en", None, "None of the programs I showed you says it is free."),
    ("es", None, "Ninguno de los programas que le mostré dice que es gratis."),
])
async def test_the_action_names_the_free_ones(language, names, said):
    slots = {"shown_program_asked": names, "language": language}
    text, events = await said_by(ActionFreeShownPrograms(), make_tracker(slots=slots),
                                 language)
    assert text.startswith(said)
    assert events == [SdkSlotSet("shown_program_asked", None)]


@pytest.mark.parametrize("language, slots, said", [
    ("en", {"shown_program_asked": "Golden Step Lectura", "shown_program_miles": 1.2},
     "Of the programs I showed you, the closest is *Golden Step Lectura*, 1.2 miles"),
    ("es", {"shown_program_asked": "Golden Step Lectura", "shown_program_miles": 1.2},
     "De los programas que le mostré, el más cercano es *Golden Step Lectura*, a 1.2"),
    ("en", {}, "All the programs I showed you are online, so your child can join"),
    ("es", {}, "Todos los programas que le mostré son en línea"),
])
async def test_the_action_names_the_closest(language, slots, said):
    text, events = await said_by(ActionClosestShownProgram(), make_tracker(
        slots={**slots, "language": language}), language)
    assert text.startswith(said)
    assert events == [SdkSlotSet("shown_program_asked", None),
                      SdkSlotSet("shown_program_miles", None)]


def test_the_latest_card_of_a_program_is_found():
    assert card_of(CARDS, "Golden Step Lectura") == CARDS[2]
    again = [*CARDS, "*Golden Step Lectura* (datos)"]
    assert card_of(again, "Golden Step Lectura") == "*Golden Step Lectura* (datos)"
    assert card_of(CARDS, "Golden Step") is None


@pytest.mark.parametrize("cards, response", [
    (CARDS, "utter_program_ask_them"),
    # a demo card is an example: "call them" sent families to a 555 number (run 10)
    (DEMO_CARDS, "utter_program_ask_them_demo"),
])
async def test_the_action_says_the_card_again_before_ask_them(cards, response):
    """On a phone the card (cost, phone) has scrolled away by then."""
    dispatcher = CollectingDispatcher()
    events = [{"event": "bot", "text": text} for text in cards]
    slots = {"shown_program_asked": "Golden Step Lectura", "language": "en"}
    await ActionAboutShownProgram().run(
        dispatcher, make_tracker(slots=slots, events=events), {})
    card, ask = dispatcher.messages
    assert card["text"] == cards[2]
    assert ask["response"] == response
