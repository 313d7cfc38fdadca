"""The "is it high-impact?" checklist and the message to the school (issue 6).

Thin on purpose: reading answers, navigating the forms, the verdict and the draft
per channel live in ``bot.advocacy``; these actions read slots and say its words.
"""

from __future__ import annotations

from typing import Any, Dict, Iterable, List

from rasa_sdk import FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.form_validation import FormValidation
from actions.named import NamedAction
from bot.advocacy import (
    Utterance,
    answers,
    checklist,
    corrections,
    drafts,
    forms,
    verdict,
)
from bot.lang.detect import language_of
from bot.lang.grades import grade_within_level
from bot.safety.pause import resumed_with

#: The request for the message; anything else that starts it is a reply to the
#: answer on asking the school (bot/policies/ask_school_follow_up.py).
DRAFT_REQUEST = "draft_message"


def say(dispatcher: CollectingDispatcher, utterances: Iterable[Utterance]) -> None:
    """Send what ``bot.advocacy`` decided to say, in order."""
    for utterance in utterances:
        dispatcher.utter_message(**utterance)


def forget(tracker: Tracker, slots: tuple[str, ...]) -> List[EventType]:
    """Empty those of ``slots`` that hold an answer (see forms.filled)."""
    values = {slot: tracker.get_slot(slot) for slot in slots}
    return [SlotSet(slot, None) for slot in forms.filled(slots, values)]


def active_slots(tracker: Tracker) -> tuple[str, ...]:
    """Return the slots of the active form (none outside a form)."""
    return forms.slots_of((tracker.active_loop or {}).get("name"))


def _validator(slot: str, not_understood: str) -> Any:
    """Build the ``validate_<slot>`` method of one form question."""

    def validate(self: FormValidationAction, value: Any,
                 dispatcher: CollectingDispatcher, tracker: Tracker,
                 domain: DomainDict) -> Dict[str, Any]:
        """Keep the answer, or kindly ask again (not for a slot Back emptied).

        What the parent says is read as an answer first: "como 2 veces a la semana"
        is one, though worded like a question (it got the topic on how often and the
        question again: an exploratory run). Otherwise a checklist question the
        parent did not understand gets why it is asked, a question asked instead its
        answer (answers.question_asked), and anything else "I didn't understand".
        """
        language = language_of(tracker.get_slot("language"))
        message = tracker.latest_message
        if resumed_with(tracker.events) not in (None, slot):
            message = {}  # an answer kept while the form was paused: its value alone
        answer = answers.read(slot, value, message, language,
                              answers.said_just_before(tracker.events, not_understood))
        if slot == answers.GRADE and answer:  # "segundo" after "secundaria": 8th
            answer = grade_within_level(
                answer, answers.grades_offered(tracker.events), language)
        elsewhere = answers.grade_named_elsewhere(
            slot, tracker.get_slot("requested_slot"), message)
        if elsewhere and slot == answers.GRADE and answer is not None:
            dispatcher.utter_message(response="utter_message_grade_noted")
        note = answers.one_child_note(slot, answer, message, language)
        say(dispatcher, [note] if note else [])
        if answers.teacher_for_not_known(slot, value, answer):
            dispatcher.utter_message(response="utter_message_recipient_teacher")
        if elsewhere:
            return {slot: answer}
        school = corrections.school_named_elsewhere(
            slot, tracker.get_slot("requested_slot"), value,
            str(tracker.get_slot(answers.SCHOOL) or ""))
        if school:
            dispatcher.utter_message(response="utter_message_school_noted")
            return {slot: answer, answers.SCHOOL: school}
        # "to the principal" for the school (its reader kept nothing): asked again
        recipient = answer is None and answers.recipient_named_instead(slot, value)
        if recipient:
            dispatcher.utter_message(response="utter_message_recipient_noted")
            return {slot: None, answers.RECIPIENT: recipient}
        # "una vez a la semana con 10 niños": the group's size is said too (run 27);
        # "yes during school day" at the tutor's question answers the school day's
        now = {other: tracker.get_slot(other) for other in active_slots(tracker)}
        more = answers.answered_too(slot, value, now)
        if answer is None and value is not None:
            why = answers.meaning_asked(slot, value, language)
            if more:  # kept for its question; this one is asked again
                dispatcher.utter_message(
                    response="utter_checklist_corrected"
                    if answers.corrects_earlier(slot, more)
                    else "utter_checklist_noted")
            elif why:
                dispatcher.utter_message(response="utter_checklist_explained", why=why)
            elif slot == answers.GRADE and (
                    hint := answers.grade_from_age(value, language)
                    or answers.grades_in_level(value, language)):
                dispatcher.utter_message(**hint)
            elif checklist.only_goes_on(str(value)):
                pass  # "ok continue": the form asks its question again, no "sorry"
            elif checklist.only_thanks(str(value)):
                # run 19: "thanks so much" got "Sorry, I didn't get that"
                dispatcher.utter_message(response="utter_form_thanks")
            else:
                question = answers.question_asked(
                    message, slot, answers.SURE_QUESTION_NOT_ANSWERED)
                dispatcher.utter_message(response=question or not_understood)
        return {slot: answer, **more}

    return validate


class ValidateChecklistForm(FormValidation):
    """Turn each answer into yes / no / unsure, or kindly say we did not understand."""

    def name(self) -> str:
        """Name the form's validation action."""
        return "validate_checklist_form"


class ValidateMessageForm(FormValidation):
    """Check each detail of the message; buttons and typed words both work."""

    def name(self) -> str:
        """Name the form's validation action."""
        return "validate_message_form"


for _action, _form in ((ValidateChecklistForm, forms.CHECKLIST),
                       (ValidateMessageForm, forms.MESSAGE)):
    for _slot in _form.slots:
        setattr(_action, f"validate_{_slot}",
                _validator(_slot, _form.not_understood_response(_slot)))


class ActionChecklistResult(NamedAction):
    """What the program does well; for each gap or "not sure", what to ask and why."""

    action_name = "action_checklist_result"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[EventType]:
        """Keep the answers: the drafted message asks the gap questions."""
        answered = {slot: tracker.get_slot(slot) for slot in checklist.slots()}
        language = language_of(tracker.get_slot("language"))
        say(dispatcher, verdict.utterances(answered, language))
        return []


class ActionChecklistWhatNow(NamedAction):
    """Right after the checklist's result, "what now?": the next step it found."""

    action_name = "action_checklist_what_now"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[EventType]:
        """Read the kept answers; say nothing else."""
        answered = {slot: tracker.get_slot(slot) for slot in checklist.slots()}
        say(dispatcher, verdict.what_now(answered))
        return []


class ActionDraftMessage(NamedAction):
    """Draft the message when message_form is complete, with the checklist's gaps.

    ``short``: True for the shorter version, False for the full one, None for the
    version the parent last saw.
    """

    action_name = "action_draft_message"
    short: bool | None = False
    other_language = False

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[EventType]:
        """Without the form's answers there is nothing to draft: say so kindly."""
        language = language_of(tracker.get_slot("language"))
        changes = self.changes(tracker)
        request = drafts.request_from({**tracker.current_slot_values(), **changes},
                                      language, tracker.events)
        if request is None:
            dispatcher.utter_message(response="utter_draft_missing")
            return []
        if self.other_language:
            request = drafts.in_other_language(request)
        short = self.short
        if short is None:
            short = bool(tracker.get_slot("msg_short"))
        channel = tracker.get_latest_input_channel()
        say(dispatcher, drafts.utterances(request, channel, short=short))
        # The language and the length stay for the next button.
        return [*(SlotSet(slot, value) for slot, value in changes.items()),
                SlotSet("msg_language", request.draft_language),
                SlotSet("msg_short", short)]

    def changes(self, tracker: Tracker) -> Dict[str, str]:
        """Return the answers to change before drafting: none but for a correction."""
        return {}


class ActionShortenDraft(ActionDraftMessage):
    """For "Make it shorter": fewer questions, no closing line; still signed."""

    action_name, short = "action_shorten_draft", True


class ActionSwitchDraftLanguage(ActionDraftMessage):
    """For "Other language": the same message, as long as before, in the other one."""

    action_name, other_language, short = "action_switch_draft_language", True, None


class ActionRedraftMessage(ActionDraftMessage):
    """For "era 4to no 5to" right after the draft: the same message, corrected."""

    action_name, short = "action_redraft_message", None

    def changes(self, tracker: Tracker) -> Dict[str, str]:
        """Return the grade or subject the latest message corrects."""
        return corrections.corrected(tracker.latest_message,
                                     tracker.current_slot_values())


class SayThenForget(NamedAction):
    """Say ``said``, then forget the answers of ``form`` (None: the active form).

    A form started again must not end at once with old answers, and nothing about
    a child is kept from a form left halfway.
    """

    said: str
    form: forms.Form | None = None

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[EventType]:
        """Say it; empty the slots that hold an answer."""
        dispatcher.utter_message(response=self.said)
        return forget(tracker, self.form.slots if self.form else active_slots(tracker))


class ActionChecklistStart(SayThenForget):
    """Before checklist_form: explain the checklist."""

    action_name, said = "action_checklist_start", "utter_checklist_intro"
    form = forms.CHECKLIST


class ActionMessageStart(SayThenForget):
    """Before message_form: explain the message, and not to share the child's name."""

    action_name, said = "action_message_start", "utter_message_intro"
    form = forms.MESSAGE

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[EventType]:
        """Forget the last message's answers; keep what the family already told us.

        Started by a reply to the answer on asking the school ("Roosevelt High"), not
        by a request for the message, the school it names is kept too. A letter
        after a letter (its answers forgotten here: "Another message", "Start
        over") or for another child asks the grade and subjects again: the second
        letter said the first child's grade (exploratory runs).
        """
        forgotten = await super().run(dispatcher, tracker, domain)
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        text = tracker.latest_message.get("text") or ""
        started_over = intent == drafts.START_OVER
        known = drafts.known_answers(tracker.current_slot_values(), text,
                                     drafts.subjects_said(tracker.events),
                                     reply=intent != DRAFT_REQUEST and not started_over,
                                     same_child=not (forgotten or started_over
                                                     or drafts.asks_for_another(text)),
                                     grade_named=answers.entity(tracker.latest_message,
                                                                "grade"))
        return forgotten + [SlotSet(slot, value) for slot, value in known.items()]


class ActionFormRestart(SayThenForget):
    """"Start over" inside either form: it then asks the first question again."""

    action_name, said = "action_form_restart", "utter_form_restarted"


class ActionFormStop(SayThenForget):
    """"Stop" inside either form, before the loop ends: say how to come back."""

    action_name, said = "action_form_stop", "utter_form_stopped"


class ActionFormBack(NamedAction):
    """Go back one question: forget the previous answer so the form asks it again."""

    action_name = "action_form_back"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[EventType]:
        """Empty the previous and the current question's slots (see forms.back)."""
        back = forms.back(active_slots(tracker), tracker.get_slot("requested_slot"))
        return forget(tracker, back)
