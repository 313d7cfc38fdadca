"""Send a question about a program shown on a card to that program.

"q dias es el Golden Step?" after the results got "not sure", and "what time is
Paper tutoring available" the general answer on schedules as if it were Paper's
(found in an exploratory run). A message that names one of the programs shown this
session, or one of the cards just shown by its place ("is the first one free?"),
gets ``action_about_shown_program`` (:mod:`bot.programs.shown`): Puente knows only
what the card says; the program knows its days, hours and the rest. "Which one is
closest?" gets ``action_closest_shown_program``, "which ones are free?" and "es
gratis?" ``action_free_shown_programs``, "hablan español?" the cards that teach in
Spanish (``action_language_shown_programs``; when none does, the search looks for
programs that do: :mod:`bot.policies.search_follow_up`), "are these real?" about
demo cards that they are examples, not to call (``utter_programs_demo``). A short
question about them that names none and that nothing else answers ("donde queda?",
"tienen transporte?" got the out-of-scope answer, with 211 for food and rent: an
exploratory run) gets the same "ask them", for every card
(``utter_programs_ask_them``). Outside a form, and never for a crisis, a goodbye or
a request for a person. The policy puts the name (and the miles) in slots with its
prediction (Rasa applies a policy's events before the action runs), so the action
only says them.
"""

from __future__ import annotations

from collections.abc import Iterable

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.events import (
    ActionExecuted,
    BotUttered,
    Event,
    SessionStarted,
    SlotSet,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker

from bot.policies.search_follow_up import (
    FOLLOW_UP_INTENTS,
    RECENT_TURNS,
    RESULTS_ACTIONS,
    asks_about_their_language,
    details_put_back,
    refinement,
)
from bot.policies.turns import UntrainedPolicy, answered_recently, awaits_answer
from bot.programs.details import MAX_WORDS
from bot.programs.shown import (
    Card,
    asks_for_closest,
    asks_if_real,
    asks_which_are_free,
    card_by_place,
    closest,
    named_program,
    shown_cards,
    shown_names,
)
from bot.text import is_question

ABOUT_ACTION = "action_about_shown_program"
ABOUT_ALL_RESPONSE = "utter_programs_ask_them"
ABOUT_ALL_DEMO_RESPONSE = "utter_programs_ask_them_demo"
#: "are these real?" about demo cards: they are examples, not to be called.
DEMO_RESPONSE = "utter_programs_demo"
#: What a question about the programs just shown that nothing answers reads as.
UNANSWERED_INTENTS = frozenset({"out_of_scope", "nlu_fallback"})
CLOSEST_ACTION = "action_closest_shown_program"
FREE_ACTION = "action_free_shown_programs"
LANGUAGE_ACTION = "action_language_shown_programs"
#: Set by every search that showed results: none shown while it is empty.
OFFSET_SLOT = "program_offset"
#: Where the actions find the name (a program's, nothing about the family).
NAME_SLOT = "shown_program_asked"
#: The closest card's distance, for "which one is closest?".
MILES_SLOT = "shown_program_miles"
SEARCH_ACTION = "action_search_programs"
#: "the last one" reads as "go back" to the classifier: outside a form nothing goes
#: back, and a card named is what it asks about.
SHOWN_INTENTS = FOLLOW_UP_INTENTS | {"go_back"}


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=True
)
class ShownProgramPolicy(UntrainedPolicy):
    """Predict the answer about a shown program named, or the closest, then listen."""

    def decide(self, tracker: DialogueStateTracker) -> tuple[str | None, list[Event]]:
        """Predict :func:`next_step`."""
        return next_step(tracker)


def next_step(tracker: DialogueStateTracker) -> tuple[str | None, list[Event]]:
    """Return the action with what it says in its slots, or listen after it.

    "Which one is closest?" gets the closest card of the latest search (no name
    when all its programs are online), "which ones are free?" the free ones among
    them, unless the message also changes a search detail (a new search then); a
    program named, by name or by its place among the cards just shown, gets "ask
    them", with any search detail it set put back ("2" is the second card, not 2nd
    grade).
    """
    if tracker.latest_action_name in (ABOUT_ACTION, CLOSEST_ACTION, FREE_ACTION,
                                      LANGUAGE_ACTION, ABOUT_ALL_RESPONSE,
                                      ABOUT_ALL_DEMO_RESPONSE, DEMO_RESPONSE):
        return str(ACTION_LISTEN_NAME), []
    language = language_asked(tracker)
    if not (may_ask_about_shown(tracker) or language):
        return None, []
    text = str(tracker.latest_message.text or "")
    searches = shown_this_session(tracker.events)
    cards = shown_cards(texts_of(searches[-1])) if searches else []
    if (asks_if_real(text) and len(text.split()) <= MAX_WORDS
            and any(card.demo for card in cards)):
        return DEMO_RESPONSE, []
    if language and answers_without_search(tracker, "program_language"):
        speaking = [card for card in cards if language in card.languages]
        if speaking:  # else the programs in that language are searched for
            return LANGUAGE_ACTION, [SlotSet(NAME_SLOT, listed(speaking))]
    named = program_named(text, searches)
    nearest_asked = asks_for_closest(text)
    # "is the first one free?" is about that card
    free_asked = named is None and asks_which_are_free(text)
    # "any free ones near 90011?" is a new search
    if ((nearest_asked or free_asked) and searches
            and answers_without_search(tracker, "program_cost")):
        if nearest_asked:
            near = closest(cards)
            return CLOSEST_ACTION, [SlotSet(NAME_SLOT, near.name if near else None),
                                    SlotSet(MILES_SLOT, near.miles if near else None)]
        return FREE_ACTION, [SlotSet(NAME_SLOT, listed(c for c in cards if c.free))]
    if named is None:
        if not asks_about_them(tracker):
            return None, []
        # demo cards are examples: "call them" told families to call fake numbers
        # (exploratory run 10)
        demo = any(card.demo for card in cards)
        return (ABOUT_ALL_DEMO_RESPONSE if demo else ABOUT_ALL_RESPONSE), []
    return ABOUT_ACTION, [SlotSet(NAME_SLOT, named), *details_put_back(tracker)]


def listed(cards: Iterable[Card]) -> str | None:
    """Return the cards' names in bold, as a card shows them; None for no card."""
    return ", ".join(f"*{card.name}*" for card in cards) or None


def language_asked(tracker: DialogueStateTracker) -> str | None:
    """Return the language ("es") a question about the programs just shown names.

    "hablan español?", "is it in english?" (:func:`asks_about_their_language`),
    when it awaits an answer.
    """
    if not (asks_about_their_language(tracker) and awaits_answer(tracker.events)):
        return None
    return next((str(e.get("value")) for e in tracker.latest_message.entities
                 if e.get("entity") == "language"), None)


def answers_without_search(tracker: DialogueStateTracker, asked: str) -> bool:
    """Whether the question changes no search detail but the one it asks about.

    "es gratis?" sets the cost a new search would narrow by, and is answered from
    the cards; "any free ones near 90011?" moves the search, which runs again.
    """
    narrowed = refinement(tracker)
    return narrowed is None or (
        not details_put_back(tracker)
        and all(isinstance(e, SlotSet) and e.key == asked for e in narrowed))


def asks_about_them(tracker: DialogueStateTracker) -> bool:
    """Whether the latest message is a short question about the programs just shown.

    One that nothing else answers (turned away or unsure) and that changes no detail
    of the search.
    """
    message = tracker.latest_message
    text = str(message.text or "") if message else ""
    return (message is not None
            and message.intent.get("name") in UNANSWERED_INTENTS
            and is_question(text) and len(text.split()) <= MAX_WORDS
            and answered_recently(list(tracker.events), RESULTS_ACTIONS, RECENT_TURNS)
            and refinement(tracker) is None)


def may_ask_about_shown(tracker: DialogueStateTracker) -> bool:
    """Whether the latest message, awaiting an answer, may ask about programs shown."""
    message = tracker.latest_message
    return not (
        message is None
        or tracker.get_slot(OFFSET_SLOT) is None  # no results shown, ever
        or tracker.active_loop_name is not None
        or message.intent.get("name") not in SHOWN_INTENTS
        or not awaits_answer(tracker.events)
    )


def program_asked_about(tracker: DialogueStateTracker) -> str | None:
    """Return the shown program the latest message names, if it awaits an answer."""
    if not may_ask_about_shown(tracker):
        return None
    return program_named(str(tracker.latest_message.text or ""),
                         shown_this_session(tracker.events))


def program_named(text: str, searches: list[list[list[str]]]) -> str | None:
    """Return the program ``text`` names, by its own words or by its place.

    By name among every card this session; by place ("the first one") among the
    cards said last, the ones on the family's screen.
    """
    pages = [page for search in searches for page in search]
    return (named_program(text, shown_names(texts_of(pages)))
            or (card_by_place(text, shown_names(pages[-1])) if pages else None))


def shown_names_this_session(tracker: DialogueStateTracker) -> list[str]:
    """Return the names on every card shown this session (none before a search)."""
    if tracker.get_slot(OFFSET_SLOT) is None:
        return []
    return shown_names([text for search in shown_this_session(tracker.events)
                        for text in texts_of(search)])


def texts_of(pages: list[list[str]]) -> list[str]:
    """Return the texts of a search's pages, in order."""
    return [text for page in pages for text in page]


def shown_this_session(events: Iterable[Event]) -> list[list[list[str]]]:
    """Return the bot's texts said with results this session: by search, by page.

    A search (``action_search_programs``) starts a new list; "Show more" adds a
    page to it. Events are told apart by ``type_name``: ``isinstance`` against
    Rasa's event classes took 0.9 ms for a 100-message conversation, on every
    message.
    """
    searches: list[list[list[str]]] = []
    with_results = False
    for event in events:
        kind = event.type_name
        if kind == SessionStarted.type_name:
            searches, with_results = [], False
        elif kind == UserUttered.type_name:
            with_results = False
        elif kind == ActionExecuted.type_name and event.action_name in RESULTS_ACTIONS:
            with_results = True
            if event.action_name == SEARCH_ACTION or not searches:
                searches.append([])
            searches[-1].append([])
        elif kind == BotUttered.type_name and with_results:
            searches[-1][-1].append(event.text or "")
    return searches
