"""Find a tutoring program: the form's validation, the search, and "Show more".

Thin on purpose: the search, the HIT verdict and the wording of values live in
``bot.programs``; these actions read slots, call it, and pick responses.
"""

from __future__ import annotations

import asyncio
from typing import Any, Dict, List

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from actions.alert_offer import offer_alert
from actions.configured import Configured
from actions.form_validation import FormValidation, asks_again_after_something_else
from actions.named import NamedAction
from bot import form_slots
from bot.advocacy.answers import grade_from_age, grades_in_level, grades_offered
from bot.advocacy.letters import UNKNOWN, not_known
from bot.lang import ages
from bot.lang.detect import language_of
from bot.lang.grades import grade_within_level, level_grades
from bot.nlu.program_entities import names_every_subject
from bot.programs import details, geo, unmet_demand
from bot.programs.demo import ready_engine
from bot.programs.models import ANY_SUBJECT, SETTINGS, SUBJECT_OF_LANGUAGE, SUBJECTS
from bot.programs.present import label, match_values
from bot.programs.search import PAGE_SIZE, ProgramSearch, Query, Results
from bot.programs.shown import card_of, is_demo
from bot.settings import Settings
from bot.text import fold


class ValidateProgramSearchForm(FormValidation):
    """Check each answer and say kindly, in the parent's language, what is missing."""

    paused_response = "utter_program_search_paused"

    def name(self) -> str:
        """Name the form's validation action."""
        return "validate_program_search_form"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[EventType]:
        """Validate; "any online?" asked at a question narrows the search too.

        See :mod:`bot.programs.details`. The detail's ``SlotSet`` also tells Rasa
        the message was understood, so the form asks its question again instead of
        handing the message to another answer.
        """
        said = {} if asks_again_after_something_else(tracker) else (
            details.said_in_passing(tracker.latest_message, tracker.slots))
        if said:
            dispatcher.utter_message(
                response="utter_program_detail_noted",
                detail=details.noted(said, language_of(tracker.get_slot("language"))))
        events = await super().run(dispatcher, tracker, domain)
        return [*events, *(SlotSet(slot, value) for slot, value in said.items())]

    def extract_program_location(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> Dict[str, Any]:
        """Take a typed answer to "Where?" that names no known place, to be checked.

        Without it "abc" named no zip code or city, the form had nothing to check,
        and the family got "not sure I understood" instead of what to send
        (:func:`bot.programs.geo.unknown_place_answer`). "Online" needs no place
        (:data:`bot.programs.geo.ONLINE_ANSWER`).
        """
        if tracker.get_slot("requested_slot") != "program_location":
            return {}
        latest = tracker.latest_message or {}
        if geo.online_answer(latest.get("entities") or []):  # "en línea nomás"
            return {"program_location": geo.ONLINE_ANSWER}
        text = latest.get("text") or ""
        entities = [e.get("entity") for e in latest.get("entities") or []]
        answer = geo.unknown_place_answer(
            text, (latest.get("intent") or {}).get("name"), entities,
            unknown=not_known(text))  # "no sé mi código postal": the hint
        if not answer and geo.answers_else_than_where(entities):
            dispatcher.utter_message(response="utter_program_location_still_needed")
        return {"program_location": answer} if answer else {}

    def validate_program_location(
        self,
        value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> Dict[str, Any]:
        """Accept a zip code or city we can place on the map.

        "no sé mi código postal" gets what else to send, not 'No conozco "no sé..."'.
        """
        if not_known(str(value)):
            dispatcher.utter_message(response="utter_program_location_hint")
            return {"program_location": None}
        if value == geo.ONLINE_ANSWER:
            return {"program_location": geo.ONLINE_ANSWER, "program_format": "online"}
        if geo.resolve(str(value)) is None:
            dispatcher.utter_message(
                response="utter_program_unknown_location", program_location=str(value)
            )
            return {"program_location": None}
        return {"program_location": str(value)}

    def validate_program_grade(
        self,
        value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> Dict[str, Any]:
        """Kindergarten ("0") to 12th grade; an age typed instead gets its grades.

        A grade the parent does not know (:data:`UNKNOWN`) searches every grade.
        """
        if value == UNKNOWN:
            return {"program_grade": UNKNOWN}
        language = language_of(tracker.get_slot("language"))
        if str(value).isdigit() and 0 <= int(value) <= 12:
            # "segundo" right after the grades of "secundaria" is 8th (runs 17, 18)
            offered = grades_offered(tracker.events)
            return {"program_grade": grade_within_level(str(int(value)), offered,
                                                        language)}
        text = tracker.latest_message.get("text")
        hint = grade_from_age(text, language) or grades_in_level(text, language)
        unknown = {"response": "utter_program_unknown_grade"}
        dispatcher.utter_message(**(hint or unknown))
        return {"program_grade": None}

    def extract_program_grade(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> Dict[str, Any]:
        """Validate an age or a school level typed for the grade: it names no grade.

        The slot takes only a grade entity, so without this the question was asked
        again with no word on the age (exploratory run 8). "no sé" or "idk" got "not
        sure" and the search was dropped (exploratory run 14): every grade, as
        "cualquiera" or "any" is.
        """
        text = tracker.latest_message.get("text") or ""
        if (tracker.get_slot("requested_slot") != "program_grade"
                or tracker.get_slot("program_grade")):
            return {}
        if ages.age_in(text) is not None or level_grades(fold(text)):
            return {"program_grade": None}
        if names_every_subject(fold(text)):
            # "cualquiera" or "any" at the grade is every grade; the subject it
            # also filled is still to be asked (run 31: the question three times)
            return {"program_grade": UNKNOWN, "program_subject": None}
        if text.strip() and not text.startswith("/") and not_known(text):
            return {"program_grade": UNKNOWN}
        return {}

    def validate_program_subject(
        self,
        value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> Dict[str, Any]:
        """One of the known subjects (the question's buttons list them), or all.

        English named as the answer ("inglés") is English learners.
        """
        value = SUBJECT_OF_LANGUAGE.get(value, value)
        known = value in SUBJECTS or value == ANY_SUBJECT
        return {"program_subject": value if known else None}


def query_from(tracker: Tracker) -> Query:
    """Return the search the slots describe; every subject is no subject filter."""
    grade = tracker.get_slot("program_grade")
    subject = tracker.get_slot("program_subject")
    fmt, when = tracker.get_slot("program_format"), tracker.get_slot("program_when")
    return Query(
        place=geo.resolve(tracker.get_slot("program_location") or ""),
        grade=int(grade) if grade is not None and str(grade).isdigit() else None,
        subject=subject if subject != ANY_SUBJECT else None,
        language=tracker.get_slot("program_language"),
        format=fmt if fmt in {"online", "in_person"} else None,
        setting=when if when in SETTINGS else None,
        free=tracker.get_slot("program_cost") == "free",
    )


def programs_database(settings: Settings) -> Engine:
    """Return the configured database, created with demo data on first use."""
    return ready_engine(settings.database_url)


def search(settings: Settings, query: Query, offset: int) -> Results:
    """Run the search on the configured database."""
    return ProgramSearch(programs_database(settings)).search(query, offset)


def search_and_note_demand(settings: Settings, query: Query) -> Results:
    """Search; when nothing in person is near, record it as unmet demand.

    Nothing in person nearby is unmet demand too, even when online programs are
    offered instead: organizers need to know where families lack tutoring.
    """
    database = programs_database(settings)
    results = ProgramSearch(database).search(query, 0)
    if not results.matches or (results.online_only and query.format != "online"):
        place = query.place
        unmet_demand.record(
            database,
            zip_code=place.zip if place else "",
            city=place.city if place else "",
            grade=query.grade,
            subject=query.subject or "",
            language=query.language or "",
        )
    return results


def send_results(
    dispatcher: CollectingDispatcher,
    results: Results,
    place: str,
    language: str | None,
    with_intro: bool,
    asked_online: bool = False,
) -> None:
    """Send the intro line, one message per match, then the next-step buttons.

    Online programs only are "nothing in person near you", unless online was
    what the family asked for.
    """
    if with_intro:
        if results.online_only and asked_online:
            dispatcher.utter_message(response="utter_program_results_online_asked")
        elif results.online_only:
            dispatcher.utter_message(response="utter_program_results_online",
                                     place=place)
        elif results.widened:
            dispatcher.utter_message(
                response="utter_program_results_widened",
                place=place,
                radius=f"{results.radius_miles:.0f}",
            )
        else:
            dispatcher.utter_message(
                response="utter_program_results_intro", place=place
            )
    for match in results.matches:
        dispatcher.utter_message(
            response="utter_program_match", **match_values(match, language)
        )
    if results.has_more:
        dispatcher.utter_message(response="utter_program_next_more")
    else:
        dispatcher.utter_message(response="utter_program_next")


def database_down(dispatcher: CollectingDispatcher) -> List[EventType]:
    """Say a kind "try again later" and offer the ask-school path; the chat goes on."""
    dispatcher.utter_message(response="utter_program_db_down")
    dispatcher.utter_message(response="utter_faq/ask_school")
    return []


class ActionSearchPrograms(Configured, Action):
    """Search with the form's answers and show the best 3, or the no-match path."""

    def name(self) -> str:
        """Run when the form is complete."""
        return "action_search_programs"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[EventType]:
        """Show matches; with none, explain how to ask the school.

        With none near, or online ones only, offer to tell the family when one
        opens near (in person).

        The SQL runs in a worker thread: the action server's event loop serves
        every family's custom actions at once.

        Rasa's rule runs it whenever the form ends; a form paused before its
        questions were answered (``FormValidation.paused_response``) ends too, and
        then nothing is searched.
        """
        if any(tracker.get_slot(slot) is None
               for slot in form_slots.required_slots("program_search_form")):
            return []
        query = query_from(tracker)
        try:
            results = await asyncio.to_thread(
                search_and_note_demand, self.settings, query
            )
        except SQLAlchemyError:
            return database_down(dispatcher)
        if not results.matches:
            dispatcher.utter_message(response="utter_program_none")
            dispatcher.utter_message(response="utter_faq/ask_school")
            return [SlotSet("program_offset", 0.0),
                    *offer_alert(dispatcher, tracker, self.settings.alerts)]
        place = query.place.shown if query.place else ""
        asked_online = query.format == "online"
        send_results(dispatcher, results, place, tracker.get_slot("language"), True,
                     asked_online)
        if results.online_only and not asked_online:
            return [SlotSet("program_offset", 0.0), *offer_alert(
                dispatcher, tracker, self.settings.alerts, in_person=True)]
        # programs near: an earlier offer's "in person" is no longer this search's
        return [SlotSet("program_offset", 0.0), SlotSet("alert_format", None)]


class ActionAboutShownProgram(Action):
    """A question about a program shown on a card: only the program can answer it."""

    def name(self) -> str:
        """Run when bot.policies.shown_program finds a shown program named."""
        return "action_about_shown_program"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[EventType]:
        """Say what Puente knows (the card, again) and who knows the rest.

        A demo card is an example: "call them" told families to call a fake number
        (exploratory run 10).
        """
        name = tracker.get_slot("shown_program_asked") or ""
        card = card_of((e.get("text") or "" for e in tracker.events
                        if e.get("event") == "bot"), name)
        if card:
            dispatcher.utter_message(text=card)
        ask_them = "utter_program_ask_them"
        if card and is_demo(card):
            ask_them = "utter_program_ask_them_demo"
        dispatcher.utter_message(response=ask_them, name=name)
        return [SlotSet("shown_program_asked", None)]


class ActionClosestShownProgram(Action):
    """"Which one is closest?" after the results: the card with the fewest miles."""

    def name(self) -> str:
        """Run when bot.policies.shown_program finds the question."""
        return "action_closest_shown_program"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[EventType]:
        """Name the closest program and its miles, or say they are all online."""
        name, miles = (tracker.get_slot("shown_program_asked"),
                       tracker.get_slot("shown_program_miles"))
        if name and miles is not None:
            dispatcher.utter_message(response="utter_program_closest", name=name,
                                     miles=f"{float(miles):.1f}")
        else:
            dispatcher.utter_message(response="utter_program_closest_online")
        return [SlotSet("shown_program_asked", None),
                SlotSet("shown_program_miles", None)]


class ActionFreeShownPrograms(Action):
    """"Which ones are free?" after the results: the cards that say so."""

    def name(self) -> str:
        """Run when bot.policies.shown_program finds the question."""
        return "action_free_shown_programs"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[EventType]:
        """Name the free programs, or say none of them says it is free."""
        names = tracker.get_slot("shown_program_asked")
        if names:
            dispatcher.utter_message(response="utter_program_free", names=names)
        else:
            dispatcher.utter_message(response="utter_program_free_none")
        return [SlotSet("shown_program_asked", None)]


class ActionLanguageShownPrograms(NamedAction):
    """"hablan español?" after the results: the cards that teach in that language."""

    action_name = "action_language_shown_programs"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[EventType]:
        """Name the programs that teach in the language the question named."""
        asked = next((e.get("value") for e in tracker.latest_message.get("entities", [])
                      if e.get("entity") == "language"), None)
        taught_in = label("language", str(asked),
                          language_of(tracker.get_slot("language")))
        dispatcher.utter_message(response="utter_program_language",
                                 names=tracker.get_slot("shown_program_asked"),
                                 taught_in=taught_in)
        return [SlotSet("shown_program_asked", None)]


class ActionShowMorePrograms(Configured, Action):
    """The next page of the last search."""

    def name(self) -> str:
        """Run by the "Show more" button."""
        return "action_show_more_programs"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[EventType]:
        """Show the next 3 matches, or say there are no more."""
        if tracker.get_slot("program_location") is None:
            dispatcher.utter_message(response="utter_ask_program_location")
            return []
        offset = int(tracker.get_slot("program_offset") or 0) + PAGE_SIZE
        try:
            results = await asyncio.to_thread(
                search, self.settings, query_from(tracker), offset
            )
        except SQLAlchemyError:
            return database_down(dispatcher)
        if not results.matches:
            dispatcher.utter_message(response="utter_program_no_more")
            return []
        send_results(dispatcher, results, "", tracker.get_slot("language"), False)
        return [SlotSet("program_offset", float(offset))]
