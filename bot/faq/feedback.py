""""Did this answer help you?": asked after a "Tell me more" answer, answered by a tap.

Asked only after the longer answer, not after every short one: a family that
asked for more has read enough to judge it, and one question per topic is not
nagging. The two buttons send :data:`FEEDBACK_INTENTS`; the rules thank the family
(and, when it did not help, offer other words or a person). The review app flags
the conversation "gave feedback" from the intent itself (bot/review/derive.py), so
nothing is stored but the tap.
"""

from __future__ import annotations

#: The buttons' intents (``utter_feedback_question``), helpful first.
FEEDBACK_INTENTS = ("feedback_helpful", "feedback_not_helpful")
