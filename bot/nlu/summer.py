"""Recognise a short question about tutoring in the summer.

"what about summer?", "y en el verano?" and "y en el verano hay?" got who can get
tutoring, how often it meets, or "not sure" (exploratory run 25, 4 of 4). Puente's
sources say nothing about summer programs: ``utter_summer_tutoring`` says so, that
high-impact tutoring happens in the school year, and who knows what the summer
holds (the school, the district, a program search). Only a short message: a longer
question about the summer ("should she keep a tutor over the summer?", "how do I
stop the summer slide?") keeps the topic the classifier finds for it.
"""

from __future__ import annotations

import re

from bot.text import fold

_SUMMER = re.compile(r"\b(?:summer|verano|vacaciones de verano)\b")
#: Longer than this, a message is a question of its own, not a short follow-up.
MAX_WORDS = 8


def asks_about_summer(text: str) -> bool:
    """Whether ``text`` is a short question about the summer."""
    folded = fold(text)
    return len(folded.split()) <= MAX_WORDS and bool(_SUMMER.search(folded))
