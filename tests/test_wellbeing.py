"""A parent worried about how a child feels gets care, not a topic or "I can't"."""

import pytest

from bot.safety.wellbeing import worries_about_wellbeing


@pytest.mark.parametrize("text", [
    "my son is being bullied at school and he cries every morning",
    "my daughter has no friends at school and she is sad all the time",
    "my kid says he hates school and cries before the bus, i don't know what to do",
    "my child is very anxious and won't go to school",
    # substance use: "not sure" or out of scope (exploratory run 11)
    "my son is vaping", "mi hijo fuma marihuana", "mi hija anda vapeando",
    "encontre un vape en la mochila de mi hija de 12",  # run 12
    "my daughter is depressed and her grades are dropping",
    "she has really low self-esteem since 3rd grade",
    "mi hijo dice q odia la escuela y llora todas las mañanas, ya no se q hacer 😔",
    "a mi hija le hacen bullying en la escuela, que hago?",
    "mi niño tiene mucha ansiedad y no quiere ir a la escuela",
    "mi hija esta muy triste desde que cambio de escuela",
    "los niños lo molestan todos los días y se burlan de él",
    # a worried parent mixes languages
    "my son no quiere ir a la escuela, llora mucho",
    # "de todo" names no school subject here
    "mi hija llora de todo y no quiere ir a la escuela",
    # found in an exploratory run
    "a mi hija la molestan sus compañeros",
    "los otros niños molestan a mi hija",
    "mi hija dice que nadie la quiere en la escuela",
    "los niños le dicen cosas feas a mi hija",
    "estoy preocupada por mi hijo, anda muy callado y ya no quiere jugar",
    "mi hijo le tiene miedo a la maestra",
    "mi hijo se siente solo 😔",
    "mi hijo se siente mal porque no entiende ingles y los niños se rien de el",
    "kids are mean to my daughter at school",
    # a tutor or teacher who mistreats a child, tutor named or not (run 9)
    "el tutor le grito a mi hijo y lo hizo llorar",
    "my son's tutor is mean to him",
    "the math teacher yelled at my daughter in front of everyone",
])
def test_a_worry_about_how_a_child_feels_is_recognised(text):
    assert worries_about_wellbeing(text)


@pytest.mark.parametrize("text", [
    # a question about tutoring, a subject, a program or its cost goes to the topics
    "my son gets anxious before tests, can tutoring help?",
    "mi hija tiene ansiedad, le serviría una tutora?",
    "other kids make fun of my son because he can't read",
    "she was bullied last year but it got sorted out, now we want her caught up",
    "mi niño llora con la tarea de matemáticas",
    "my son cries every morning, how much do your programs cost?",
    "a mi hija le hacían bullying, ahora solo quiero que mejore en la escuela",
    # the parent's own feelings, and words that only look alike
    "it's so sad that the school cut the program",
    "estoy triste porque no hay programas cerca",
    "disculpe la molestia, a qué hora es la sesión?",
    "le molesta el ruido en la clase",
    "my son has no fear of asking the teacher",
    "what is high impact tutoring",
    "how do I help my child at home",
])
def test_other_messages_are_left_to_the_topic_model(text):
    assert not worries_about_wellbeing(text)
