"""A grade or subject corrected right after the draft (no Rasa)."""

import pytest

from bot.advocacy.corrections import corrected

LETTER = {"msg_grade": "5", "msg_subject": "math"}


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


@pytest.mark.parametrize("said", [
    message("5th grade, right?", grade=["5"]),  # what the letter says
    message("math and reading or science?", subject=["math", "reading", "science"]),
    message("thanks!"),
    message("my older one is in 9th and has a lot of trouble with math and he also "
            "needs help", grade=["9"]),  # more than a correction
])
def test_no_correction(said):
    assert corrected(said, LETTER) == {}
