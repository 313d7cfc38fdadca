"""Start each session, welcome the family, and come back to a paused form."""

from __future__ import annotations

from typing import Any, Dict, List

from rasa_sdk import Action, Tracker
from rasa_sdk.events import (
    ActionExecuted,
    EventType,
    FollowupAction,
    SessionStarted,
    SlotSet,
)
from rasa_sdk.executor import CollectingDispatcher

from actions.configured import Configured
from actions.named import NamedAction
from bot.lang.detect import SUPPORTED, language_of
from bot.safety.pause import answer_to_paused, paused_form, paused_question

#: First messages the welcome itself answers: a greeting ("hola"), a courtesy word
#: ("ok", "no", "gracias") and the "Español"/"English" button. Their own answers
#: only ask "anything else?" with three buttons, so after a welcome they would
#: greet twice; the welcome asks what the family would like to know instead.
WELCOME_ANSWERS = frozenset({"greet", "affirm", "deny", "thank", "change_language"})


class ActionSessionStart(Configured, Action):
    """Start a session with the parent's language and the contact; say nothing yet.

    The welcome waits for the first message (``action_welcome``, predicted by
    ``bot.policies.welcome``): a crisis must be answered before any welcome, and
    the welcome must be in the language the family writes in.
    """

    def name(self) -> str:
        """Name the action Rasa runs when a session starts."""
        return "action_session_start"

    async def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: Dict[str, Any],
    ) -> List[EventType]:
        """Return the session-start events: language (if the page said it), contact."""
        events: List[EventType] = [SessionStarted()]
        language = tracker.get_slot("language")
        metadata = tracker.get_slot("session_started_metadata") or {}
        if language is None and metadata.get("language") in SUPPORTED:
            language = metadata["language"]
        if language is not None:
            events.append(SlotSet("language", language))
        events.append(SlotSet("handoff_contact", self.settings.handoff_contact))
        events.append(ActionExecuted("action_listen"))
        return events


class BeforeTheAnswer(NamedAction):
    """Say ``said`` before the answer to the latest message, which the rules give.

    ``action_listen`` in its events makes the rules see the message as if nothing
    had come between it and its answer. Predicted by one of ``bot.policies``.
    """

    said: str

    async def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: Dict[str, Any],
    ) -> List[EventType]:
        """Say it; then let the rules answer the message."""
        dispatcher.utter_message(response=self.said)
        return [ActionExecuted("action_listen")]


class ActionWelcome(BeforeTheAnswer):
    """Say what Puente is, once a session, before the answer to the first message.

    The welcome says Puente is an automated assistant, not a person, that it answers
    from public sources, and not to share a child's personal information
    (``bot.policies.welcome.WelcomePolicy``).
    """

    action_name, said = "action_welcome", "utter_welcome"

    async def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: Dict[str, Any],
    ) -> List[EventType]:
        """Welcome; then ask what to know, or let the rules answer the first message.

        A first question is answered right after the welcome, with the answer's
        own buttons: one set of buttons, not the welcome's and the answer's. So is
        a "gracias" after the care a worried parent heard first (the welcome comes
        late then): it thanks Puente for that answer.
        """
        if (tracker.get_intent_of_latest_message() not in WELCOME_ANSWERS
                or answered_this_session(tracker.events)):
            return await super().run(dispatcher, tracker, domain)
        dispatcher.utter_message(response=self.said)
        dispatcher.utter_message(response="utter_welcome_ask")
        return []


class ActionPrivacyReminder(BeforeTheAnswer):
    """No phone number or name is needed: once a session, before the answer.

    Predicted by ``bot.policies.privacy_reminder.PrivacyReminderPolicy``.
    """

    action_name, said = "action_privacy_reminder", "utter_privacy_reminder"


class ActionResumeForm(Action):
    """Re-open the form a crisis paused, with the answers given so far."""

    def name(self) -> str:
        """Run for the "Continue" button after a crisis paused a form."""
        return "action_resume_form"

    async def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: Dict[str, Any],
    ) -> List[EventType]:
        """Follow up with the paused form, or say there is nothing to continue.

        Resumed by the family's answer to the paused question ("4to"), that answer
        is kept: the form validates it as it resumes and asks the next question.
        """
        form = paused_form(tracker.events)
        if form is None:
            dispatcher.utter_message(response="utter_nothing_to_resume")
            return []
        question = paused_question(tracker.events)
        answer = answer_to_paused(question, tracker.latest_message,
                                  language_of(tracker.get_slot("language")))
        kept = [SlotSet(question, answer)] if question and answer is not None else []
        return [*kept, FollowupAction(form)]


def answered_this_session(events: List[Dict[str, Any]]) -> bool:
    """Whether Puente said something this session before the latest message."""
    said = said_before_latest = False
    for event in events:
        kind = event.get("event")
        if kind == "session_started":
            said = said_before_latest = False
        elif kind == "bot":
            said = True
        elif kind == "user":
            said_before_latest = said
    return said_before_latest
