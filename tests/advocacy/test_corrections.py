"""A grade or subject corrected right after the draft (no Rasa)."""

import pytest

from bot.advocacy.corrections import corrected

LETTER = {"msg_grade": "5", "msg_subject": "math",
          "msg_school": "Hollenbeck Middle School"}


def message(text, **entities):
    return {"text": text, "entities": [{"entity": name, "value": value}
                                       for name, values in entities.items()
                                       for value in values]}


@pytest.mark.parametrize("said, changes", [
    # the entities read "era 4to no 5to" as the 4th alone
    (message("ay no, era 4to no 5to", grade=["4"]), {"msg_grade": "4"}),
    (message("no es mate, es lectura", subject=["math", "reading"]),
     {"msg_subject": "reading"}),
    (message("reading not math", subject=["reading", "math"]),
     {"msg_subject": "reading"}),
    (message("y tambien lectura", subject=["reading"]),
     {"msg_subject": "math,reading"}),
    (message("he's in 6th and it's writing", grade=["6"], subject=["writing"]),
     {"msg_grade": "6", "msg_subject": "writing"}),
])
def test_another_grade_or_subject_replaces_the_letter_s(said, changes):
    assert corrected(said, LETTER) == changes


@pytest.mark.parametrize("said, school", [
    ("not hollenbeck, it's Stevenson", "Stevenson"),
    ("no es Hollenbeck es Gage", "Gage"),
    ("es la Roosevelt no la Hollenbeck", "Roosevelt"),
    ("perdon, no es la escuela Hollenbeck, es la Roosevelt High", "Roosevelt High"),
    ("wait, the school is Stevenson not Hollenbeck", "Stevenson"),
    ("ay no, no es hollenbeck, es gage y es de 4to", "gage"),
    # run 27: "actually" in the name; a school said to be one, no wrong one named
    ("the school is actually South Gate Middle not Hollenbeck", "South Gate Middle"),
    ("perdon la escuela es Edison Middle School", "Edison Middle School"),
    ("wait its 6th grade and its at Nimitz Middle School", "Nimitz Middle School"),
    ("es la Ascot no la Hollenbeck Middle", "Ascot"),
    # run 28: how to send the letter
    ("the school is actually Harmony Elementary School in Huntington Park not LA",
     "Harmony Elementary School in Huntington Park"),
    ("la escuela en realidad es Primaria Malabar", "Primaria Malabar"),
    ("perdon la escuela es Primaria Liberty Blvd y es de mate no de lectura",
     "Primaria Liberty Blvd"),
    ("me equivoque, es la Stevenson y va en 7mo", "Stevenson"),
    # run 33: how to send the letter
    ("me equivoque de escuela, es Ascot Avenue Elementary",
     "Ascot Avenue Elementary"),
])
def test_the_letter_s_school_said_to_be_wrong_is_replaced(said, school):
    """Run 26: "not hollenbeck, it's Stevenson" got how to send the wrong letter."""
    assert corrected(message(said), LETTER).get("msg_school") == school


@pytest.mark.parametrize("said", [
    "no es Hollenbeck",  # which one, then?
    "no es hollenbeck middle, es hollenbeck middle school",  # the same school
    "it's Stevenson",  # not said to be wrong: how to change it
    "its not Hollenbeck",
    "no es Holenbeck es Gage Middle",  # the letter's school misspelt: not a name
    "how do I send it?",
    "ay no se", "perdon, es la Hollenbeck verdad?", "sorry its 4th",
])
def test_a_school_without_the_right_one_is_no_correction(said):
    assert "msg_school" not in corrected(message(said), LETTER)


@pytest.mark.parametrize("said", [
    message("5th grade, right?", grade=["5"]),  # what the letter says
    message("math and reading or science?", subject=["math", "reading", "science"]),
    message("thanks!"),
    message("my older one is in 9th and has a lot of trouble with math and he also "
            "needs help", grade=["9"]),  # more than a correction
])
def test_no_correction(said):
    assert corrected(said, LETTER) == {}
