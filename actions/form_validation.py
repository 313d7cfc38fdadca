"""The base of Puente's form validation actions."""

from __future__ import annotations

import abc
from typing import List

from rasa_sdk import FormValidationAction, Tracker
from rasa_sdk.events import ActiveLoop, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot import form_slots
from bot.safety import ANSWERED_FIRST

#: The slot counting how many times in a row the parent turned to something else.
INTERRUPTIONS = "form_interruptions"
#: The turn to something else, in a row, at which a pausing form stops asking.
PAUSE_AT = 2


#: Actions after which a form simply goes on: the wait for the parent's answer,
#: the form's own button tapped again, the other language asked for, "mande?".
GOES_ON = frozenset({"action_listen", "utter_program_search_goes_on",
                     "utter_language_switched", "action_repeat_last"})


def asks_again_after_something_else(tracker: Tracker) -> bool:
    """Whether the form runs to ask its question again after another answer.

    Rasa runs an active form's validation there too, with nothing to validate, on
    a tracker that ends with the form's own run; the action before it is the
    other answer (a rule's "utter_faq"), where on an ordinary turn it is the wait
    for the parent's message (or, in this turn's events alone, nothing).
    """
    actions = [event.get("name") for event in tracker.events
               if event.get("event") == "action"]
    return len(actions) >= 2 and actions[-2] not in GOES_ON


class FormValidation(FormValidationAction):
    """A form's validation that needs no domain sent with the call.

    Called on every form turn; with the selective domain (``endpoints.yml``) Rasa
    sends these calls without the domain, and the form's questions come from
    :mod:`bot.form_slots` instead. Abstract until a form names it, so the action
    server does not register the base itself.

    ``paused_response``: a form that names one pauses when the parent turns to
    something else a second time in a row (:data:`PAUSE_AT`), with that response,
    instead of asking its question again after every answer. Rasa asks again by
    default: a parent who wrote "my daughter is in 5th grade and struggling with
    fractions" got the program search's "What is your zip code?" after each of her
    seven next messages, none about the search (found in an exploratory run).
    """

    paused_response: str | None = None

    @abc.abstractmethod
    def name(self) -> str:
        """``validate_<form>``: Rasa calls it on every turn of that form."""

    def domain_slots(self, domain: DomainDict) -> List[str]:
        """Return the form's ``required_slots``, in the order asked."""
        return list(form_slots.required_slots(self.form_name(), domain))

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        """Validate as rasa-sdk does; count turns to something else and pause.

        A message answered first (a crisis) fills nothing, typed words included
        ("no sé" is every grade): the form's question stays unanswered, so Rasa
        lets the crisis rule answer and pause the form.
        """
        if tracker.latest_message.get("intent", {}).get("name") in ANSWERED_FIRST:
            return []
        events = await super().run(dispatcher, tracker, domain)
        if self.paused_response is None:
            return events
        if asks_again_after_something_else(tracker):
            interruptions = int(tracker.get_slot(INTERRUPTIONS) or 0) + 1
            if interruptions < PAUSE_AT:
                return [*events, SlotSet(INTERRUPTIONS, float(interruptions))]
            dispatcher.utter_message(response=self.paused_response)
            return [*events, SlotSet(INTERRUPTIONS, None), ActiveLoop(None)]
        answered = any(event.get("event") == "slot" and event.get("value") is not None
                       for event in events)
        if answered and tracker.get_slot(INTERRUPTIONS):
            return [*events, SlotSet(INTERRUPTIONS, None)]
        return events
