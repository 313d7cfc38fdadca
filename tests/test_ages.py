"""A child's age typed where the grade is asked."""

import pytest

from bot.advocacy.answers import grade_from_age
from bot.lang.ages import age_in, likely_grades


@pytest.mark.parametrize("text, age", [
    ("tiene 9 años", 9), ("9 añitos", 9), ("tiene 9", 9), ("hes 10", 10),
    ("he's 10", 10), ("my son is 8", 8), ("she is 6 years old", 6),
    ("10 yrs old", 10), ("Tiene 12 años.", 12),
])
def test_an_age_given_for_the_grade(text, age):
    assert age_in(text) == age


@pytest.mark.parametrize("text", [
    "10", "10th", "esta en la prepa", "3er año", "tercero",
    # a longer message tells more than an age: a need, read elsewhere
    "mi hijo tiene 9 años y no sabe leer bien nada de nada",
])
def test_no_age(text):
    assert age_in(text) is None


def test_the_two_grades_most_children_of_an_age_are_in():
    assert likely_grades(9) == ("3", "4")
    assert likely_grades(6) == ("0", "1")
    assert likely_grades(17) == ("11", "12")
    assert likely_grades(3) is None and likely_grades(5) is None  # TK or kinder alike
    assert likely_grades(19) is None


@pytest.mark.parametrize("language, grades", [
    ("en", ("grade 3", "grade 4")), ("es", ("3er grado", "4to grado"))])
def test_the_hint_names_the_grades_in_the_familys_language(language, grades):
    assert grade_from_age("tiene 9 años", language) == {
        "response": "utter_grade_from_age", "age": 9, "grade_a": grades[0],
        "grade_b": grades[1]}
    assert grade_from_age("tercero", language) is None
