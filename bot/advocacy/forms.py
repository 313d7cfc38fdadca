"""The two advocacy forms: their questions in order, and what Back etc. forget.

Back, Start over and Stop empty some of the active form's slots: plain values in,
slot names out, so the navigation is tested without Rasa; the actions turn the
names into ``SlotSet(slot, None)`` events.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

from bot.advocacy import checklist


@dataclass(frozen=True)
class Form:
    """One form: its slots in the order asked, and its "please try again" responses.

    ``not_understood`` is said for any question without its own in
    ``not_understood_for``: one that only takes certain answers says which.
    """

    name: str
    slots: tuple[str, ...]
    not_understood: str
    not_understood_for: Mapping[str, str] = field(default_factory=dict)

    def not_understood_response(self, slot: str) -> str:
        """Return the response that asks again for ``slot``'s answer."""
        return self.not_understood_for.get(slot, self.not_understood)


CHECKLIST = Form("checklist_form", checklist.slots(), "utter_checklist_not_understood")
MESSAGE = Form(
    "message_form",
    ("msg_school", "msg_recipient", "msg_grade", "msg_subject", "msg_language"),
    "utter_message_not_understood",
    {"msg_school": "utter_message_school_not_understood",
     "msg_grade": "utter_message_grade_not_understood",
     "msg_subject": "utter_message_subject_not_understood"},
)
FORMS = {form.name: form for form in (CHECKLIST, MESSAGE)}


def slots_of(active_form: str | None) -> tuple[str, ...]:
    """Return the slots of the active form (none outside a form)."""
    form = FORMS.get(active_form or "")
    return form.slots if form else ()


def filled(slots: tuple[str, ...], values: Mapping[str, Any]) -> list[str]:
    """Return the slots that hold an answer, to forget (on start, restart and stop).

    Only those: the form validates every slot set since the parent's last message,
    and an emptied slot that was already empty must not read as a bad answer.
    """
    return [slot for slot in slots if values.get(slot) is not None]


def back(slots: tuple[str, ...], requested: str | None) -> tuple[str, ...]:
    """Return the slots Back empties: the previous question's and the current one's.

    The form then asks the previous question again; on the first question, it
    is simply asked again. Outside a question (form complete), the last answer.
    """
    index = slots.index(requested) if requested in slots else len(slots)
    return slots[max(index - 1, 0) : index + 1]
