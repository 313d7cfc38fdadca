"""The "is it high-impact?" checklist and the message to the school (issue 6).

Thin on purpose: the questions, the answer parsing, the scoring and the message
templates live in ``bot.advocacy``; these actions read slots, call it, and pick
responses. Language is data: actions pass the parent's language to pick text.
"""

from __future__ import annotations

import abc
from dataclasses import replace
from typing import Any, Dict, List

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.advocacy import checklist, letters

CHECKLIST_FORM = "checklist_form"
MESSAGE_FORM = "message_form"
MESSAGE_SLOTS = (
    "msg_school",
    "msg_recipient",
    "msg_grade",
    "msg_subject",
    "msg_language",
)
FORM_SLOTS = {CHECKLIST_FORM: checklist.slots(), MESSAGE_FORM: MESSAGE_SLOTS}
#: Buttons send these intents; typed words win ("yes, twice a week" -> no).
INTENT_ANSWERS = {
    "affirm": checklist.YES,
    "deny": checklist.NO,
    "answer_unsure": checklist.UNSURE,
}
#: Longer than any school name or subject a parent types; longer text is a mistake.
MAX_TYPED = 80


def language_of(tracker: Tracker) -> str:
    """Return the conversation's language (en or es), to pick bot.advocacy's text."""
    return "es" if tracker.get_slot("language") == "es" else "en"


def typed(value: Any) -> str | None:
    """Return what the parent typed, trimmed; None for a payload, empty or long text."""
    text = " ".join(str(value or "").split())
    if not text or text.startswith("/") or len(text) > MAX_TYPED:
        return None
    return text


def entity(tracker: Tracker, name: str) -> str | None:
    """Return the latest message's value for entity ``name``, if any."""
    return next(
        (
            e.get("value")
            for e in tracker.latest_message.get("entities", [])
            if e.get("entity") == name
        ),
        None,
    )


def clear(tracker: Tracker, slots: tuple[str, ...]) -> List[EventType]:
    """Forget a form's answers (on start, restart and stop).

    Only slots that hold something: the form validates every slot set since the
    parent's last message, and an empty one must not read as a bad answer.
    """
    return [SlotSet(slot, None) for slot in slots if tracker.get_slot(slot) is not None]


# --- the checklist -------------------------------------------------------------------


def _answer_validator(slot: str) -> Any:
    """Build a ``validate_<slot>`` method for one checklist question."""
    key = checklist.question(slot).key

    def validate(
        self: FormValidationAction,
        value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> Dict[str, Any]:
        """Yes, no or unsure, from the typed words or else the button's intent."""
        if value is None:  # cleared by Back or Start over: nothing to check
            return {slot: None}
        intent = (tracker.latest_message.get("intent") or {}).get("name", "")
        answer = checklist.parse_answer(
            key, typed(value) or "", language_of(tracker)
        ) or INTENT_ANSWERS.get(intent)
        if answer is None:
            dispatcher.utter_message(response="utter_checklist_not_understood")
        return {slot: answer}

    return validate


class ValidateChecklistForm(FormValidationAction):
    """Turn each answer into yes / no / unsure, or kindly say we did not understand."""

    def name(self) -> str:
        """Name the form's validation action."""
        return "validate_checklist_form"


for _slot in checklist.slots():
    setattr(ValidateChecklistForm, f"validate_{_slot}", _answer_validator(_slot))


class ActionChecklistStart(Action):
    """Start fresh: clear earlier answers and explain the checklist."""

    def name(self) -> str:
        """Run before checklist_form."""
        return "action_checklist_start"

    async def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: Dict[str, Any],
    ) -> List[EventType]:
        """Without clearing, a second check would end at once with the old answers."""
        dispatcher.utter_message(response="utter_checklist_intro")
        return clear(tracker, checklist.slots())


class ActionChecklistResult(Action):
    """What the program does well; for each gap or "not sure", what to ask and why."""

    def name(self) -> str:
        """Run when checklist_form is complete."""
        return "action_checklist_result"

    async def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: Dict[str, Any],
    ) -> List[EventType]:
        """Keep the answers: the drafted message asks the gap questions."""
        language = language_of(tracker)
        result = checklist.score(
            {slot: tracker.get_slot(slot) for slot in checklist.slots()}
        )
        if result.strengths:
            dispatcher.utter_message(
                response="utter_checklist_strengths",
                strengths=checklist.bullets(result.strengths, "strength", language),
            )
        if result.is_high_impact:
            dispatcher.utter_message(response="utter_checklist_all_yes")
        else:
            dispatcher.utter_message(
                response="utter_checklist_questions",
                questions=checklist.questions_to_ask(result, language),
            )
        dispatcher.utter_message(response="utter_checklist_next")
        return []


# --- the message to the school -------------------------------------------------------


class ValidateMessageForm(FormValidationAction):
    """Check each detail of the message; buttons and typed words both work."""

    def name(self) -> str:
        """Name the form's validation action."""
        return "validate_message_form"

    @staticmethod
    def _reject(
        dispatcher: CollectingDispatcher, slot: str, value: Any
    ) -> Dict[str, Any]:
        """Say a kind "please try again" in the parent's language; the form asks again.

        Silent for a slot just cleared by Back or Start over (value None).
        """
        if value is not None:
            dispatcher.utter_message(response="utter_message_not_understood")
        return {slot: None}

    def validate_msg_school(
        self,
        value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> Dict[str, Any]:
        """Any short name, as typed."""
        school = typed(value)
        if school:
            return {"msg_school": school}
        return self._reject(dispatcher, "msg_school", value)

    def validate_msg_recipient(
        self,
        value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> Dict[str, Any]:
        """Accept a button, or words like "la directora"."""
        choice = entity(tracker, "advocacy_choice")
        recipient = (
            choice
            if choice in letters.recipients()
            else letters.parse_recipient(typed(value) or "")
        )
        return (
            {"msg_recipient": recipient}
            if recipient
            else self._reject(dispatcher, "msg_recipient", value)
        )

    def validate_msg_grade(
        self,
        value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> Dict[str, Any]:
        """Keep a grade we recognized ("0".."12"), else the parent's short words."""
        grade = entity(tracker, "grade") or typed(value)
        if grade:
            return {"msg_grade": grade}
        return self._reject(dispatcher, "msg_grade", value)

    def validate_msg_subject(
        self,
        value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> Dict[str, Any]:
        """Accept a button or a known subject ("matemáticas" -> math), else as typed."""
        subject = (
            entity(tracker, "advocacy_choice")
            or entity(tracker, "subject")
            or typed(value)
        )
        if subject:
            return {"msg_subject": subject}
        return self._reject(dispatcher, "msg_subject", value)

    def validate_msg_language(
        self,
        value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> Dict[str, Any]:
        """English, Spanish or both."""
        choice = entity(tracker, "advocacy_choice")
        if choice not in (*letters.LANGUAGES, letters.BOTH):
            choice = letters.parse_draft_language(typed(value) or "")
        if choice:
            return {"msg_language": choice}
        return self._reject(dispatcher, "msg_language", value)


class ActionMessageStart(Action):
    """Start fresh: clear an earlier message's details and explain what comes."""

    def name(self) -> str:
        """Run before message_form."""
        return "action_message_start"

    async def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: Dict[str, Any],
    ) -> List[EventType]:
        """Also reminds the parent not to share the child's name."""
        dispatcher.utter_message(response="utter_message_intro")
        return clear(tracker, MESSAGE_SLOTS)


def request_from(tracker: Tracker) -> letters.Request | None:
    """Return the draft request the slots describe; None before the form is complete."""
    values = {slot: tracker.get_slot(slot) for slot in MESSAGE_SLOTS}
    if not all(values.values()):
        return None
    answers = {slot: tracker.get_slot(slot) for slot in checklist.slots()}
    gaps = (
        [q.key for q in checklist.score(answers).to_ask]
        if any(answers.values())
        else None
    )
    return letters.Request(
        recipient=values["msg_recipient"],
        school=values["msg_school"],
        grade=values["msg_grade"],
        subject=values["msg_subject"],
        draft_language=values["msg_language"],
        family_language=language_of(tracker),
        gaps=gaps,
    )


#: Channels whose client shows a copy button for a {"type": "draft"} payload: the
#: web widget, which talks to Rasa's REST channel through the pages server.
COPYABLE_CHANNELS = frozenset({"rest"})


def send_draft(
    dispatcher: CollectingDispatcher,
    tracker: Tracker,
    request: letters.Request,
    short: bool = False,
) -> None:
    """Send the draft as its own message, to copy or forward.

    On the web, a custom payload marking it copyable (the widget shows the text
    with a copy button); elsewhere (WhatsApp) plain text the parent can forward,
    with single line breaks so the channel keeps it in one message. Never both:
    the widget would show it twice, and WhatsApp would get the JSON as text.
    """
    text = letters.draft(request, short=short)
    dispatcher.utter_message(response="utter_draft_intro")
    if tracker.get_latest_input_channel() in COPYABLE_CHANNELS:
        dispatcher.utter_message(json_message={"type": "draft", "text": text})
    else:
        dispatcher.utter_message(text=letters.forwardable(text))
    dispatcher.utter_message(response="utter_draft_next")


class DraftAction(Action, abc.ABC):
    """An action on the drafted message: each subclass says what to send."""

    async def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: Dict[str, Any],
    ) -> List[EventType]:
        """Without the form's answers there is nothing to draft: say so kindly."""
        request = request_from(tracker)
        if request is None:
            dispatcher.utter_message(response="utter_draft_missing")
            return []
        return self.send(dispatcher, tracker, request)

    @abc.abstractmethod
    def send(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        request: letters.Request,
    ) -> List[EventType]:
        """Send this action's version of the draft; return the slot events."""


class ActionDraftMessage(DraftAction):
    """Draft the message when message_form is complete."""

    def name(self) -> str:
        """Run when message_form is complete."""
        return "action_draft_message"

    def send(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        request: letters.Request,
    ) -> List[EventType]:
        """With the parent's checklist gaps as the questions, when they did it."""
        send_draft(dispatcher, tracker, request)
        return []


class ActionShortenDraft(DraftAction):
    """The shorter version of the same message."""

    def name(self) -> str:
        """Run for "Make it shorter"."""
        return "action_shorten_draft"

    def send(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        request: letters.Request,
    ) -> List[EventType]:
        """Fewer questions and no details line; still polite, still signed."""
        send_draft(dispatcher, tracker, request, short=True)
        return []


class ActionSwitchDraftLanguage(DraftAction):
    """The same message in the other language."""

    def name(self) -> str:
        """Run for "Other language"."""
        return "action_switch_draft_language"

    def send(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        request: letters.Request,
    ) -> List[EventType]:
        """English <-> Spanish; "both" becomes the one the family does not speak."""
        language = letters.switched(request.draft_language, request.family_language)
        send_draft(dispatcher, tracker, replace(request, draft_language=language))
        return [SlotSet("msg_language", language)]


# --- back, start over, stop (both forms) ---------------------------------------------


def form_slots(tracker: Tracker) -> tuple[str, ...]:
    """Return the slots of the active form (none outside a form)."""
    return FORM_SLOTS.get((tracker.active_loop or {}).get("name", ""), ())


class ActionFormBack(Action):
    """Go back one question: forget the previous answer so the form asks it again."""

    def name(self) -> str:
        """Run for "Back" inside either form."""
        return "action_form_back"

    async def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: Dict[str, Any],
    ) -> List[EventType]:
        """On the first question, it is simply asked again."""
        slots = form_slots(tracker)
        requested = tracker.get_slot("requested_slot")
        if not slots:
            return []
        index = slots.index(requested) if requested in slots else len(slots)
        return clear(tracker, slots[max(index - 1, 0) : index + 1])


class ActionFormRestart(Action):
    """Start the active form over."""

    def name(self) -> str:
        """Run for "Start over" inside either form."""
        return "action_form_restart"

    async def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: Dict[str, Any],
    ) -> List[EventType]:
        """Forget every answer of this form; the form then asks the first question."""
        dispatcher.utter_message(response="utter_form_restarted")
        return clear(tracker, form_slots(tracker))


class ActionFormStop(Action):
    """Stop halfway: forget the answers so far and say how to come back."""

    def name(self) -> str:
        """Run for "Stop" inside either form, before the loop is deactivated."""
        return "action_form_stop"

    async def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: Dict[str, Any],
    ) -> List[EventType]:
        """Nothing about a child is kept from an unfinished form."""
        dispatcher.utter_message(response="utter_form_stopped")
        return clear(tracker, form_slots(tracker))
