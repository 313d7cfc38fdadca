"""Another school level or grade asked right after an answer (no Rasa)."""

import pytest

from bot.conversations.other_grade import asks_another_grade
from bot.text import fold


@pytest.mark.parametrize("text", [
    "and for middle school?", "y en la secundaria igual?", "and for high school too?",
    "what about kinder", "y pa 8vo?", "y pa la prepa tambien hay?",
    "does that work for middle schoolers too", "and for my son in 7th?",
    "y eso aplica para secundaria?", "also for elementary?",
    # run 28: after the answer on cost, "not sure"
    "what about for my son in 11th grade", "y pa mi otro de 8vo?"])
def test_a_level_or_grade_and_little_else_asks_the_answer_for_it(text):
    assert asks_another_grade(fold(text))


@pytest.mark.parametrize("text", [
    "is tutoring free in high school?",  # a question of its own: its answer
    "mi hijo esta en 5to",  # a need told: no follow-up word
    "and online?", "thanks", "how much is it?",
    "what about middle school, do they get the same tutor every time or not?"])
def test_a_question_of_its_own_is_no_follow_up(text):
    assert not asks_another_grade(fold(text))
