"""A parent afraid that asking for tutoring means papers or being reported."""

import pytest

from bot.nlu.immigration import worries_about_immigration


@pytest.mark.parametrize("text", [
    "me van a pedir papeles? no tengo papeles",
    "y si pido tutoria la escuela le dice a inmigracion?",
    "will they ask for my papers? I'm undocumented",
    "do I need to be a citizen to get tutoring for my son",
    "necesito seguro social para inscribirlo en la tutoria?",
    "me pueden deportar si pido ayuda en la escuela?",
    "is ICE at the school?",
    "la escuela me va a reportar a migracion si pido tutoria?",
    "me da miedo que la escuela llame a migra si pido ayuda",
    "tengo miedo de ir a la escuela por mis papeles",  # run 11: the counselor
    # run 20: who qualifies
    "se necesitan papeles para la tutoria? no tenemos documentos",
    "do you need papers for tutoring?",
])
def test_a_worry_about_status_papers_or_being_reported(text):
    assert worries_about_immigration(text)


@pytest.mark.parametrize("text", [
    "que papeles necesito para inscribirlo?",  # enrollment forms: the topics answer
    "necesitan documentos para inscribirlo?",
    "what documents do i need to enroll?",
    "my son has homework papers due tomorrow",
    "tengo miedo de perder los papeles de la tarea",
    "senior citizens volunteer as tutors",
    "quiero ser tutor, necesito papeles?",  # a tutor's work papers: the program's
    "mis hijos extrañan a su papá porque lo deportaron",  # a story, not a question
    "nice tutor, is it free?",
    "what is high-impact tutoring?",
])
def test_other_messages_are_not(text):
    assert not worries_about_immigration(text)
