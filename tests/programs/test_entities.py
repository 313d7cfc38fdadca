"""Search entities from free text, in English and Spanish."""

import pytest

from bot.nlu.entities import find_entities


def _values(text: str) -> dict:
    return {e.entity: e.value for e in find_entities(text)}


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "is there tutoring near 90255 for my 3rd grader in math?",
            {"zip_code": "90255", "grade": "3", "subject": "math"},
        ),
        (
            "busco tutoría de lectura en español cerca de South Gate para sexto grado",
            {
                "language": "es",
                "city": "South Gate",
                "grade": "6",
                "subject": "reading",
            },
        ),
        (
            "my daughter is in third grade and needs reading help",
            {"grade": "3", "subject": "reading"},
        ),
        ("mi hijo está en 3er grado", {"grade": "3"}),
        ("va en tercero", {"grade": "3"}),
        ("kinder", {"grade": "0"}),
        ("está en kínder", {"grade": "0"}),
        ("12th", {"grade": "12"}),
        ("he is a senior", {"grade": "12"}),
        ("sexto", {"grade": "6"}),
        ("grade 5", {"grade": "5"}),
        ("matemáticas", {"subject": "math"}),
        # run 32: reading was put in a letter that asked for math
        ("math tutoring, in Spanish please so my husband can read it",
         {"subject": "math", "language": "es"}),
        # what parents name instead of the subject
        ("struggling with fractions", {"subject": "math"}),
        ("las tablas de multiplicar", {"subject": "math"}),
        ("comprensión lectora", {"subject": "reading"}),
        ("ortografía", {"subject": "writing"}),
        # asking for a letter names no subject
        ("help me write to the principal", {}),
        ("ayúdame a escribir una carta para la directora", {}),
        ("necesita ayuda con la tarea", {"subject": "homework"}),
        ("ESL classes", {"subject": "english_learners"}),
        ("inglés como segundo idioma", {"subject": "english_learners"}),
        # English as what is learned, not the language to answer in
        ("ayuda con el inglés", {"subject": "english_learners"}),
        ("le va mal en inglés", {"subject": "english_learners"}),
        ("tutoría de inglés", {"subject": "english_learners"}),
        ("help with English", {"subject": "english_learners"}),
        # a language the parent does not speak or understand names the other one
        ("no entiendo bien el inglés", {"language": "es"}),
        ("no hablo inglés", {"language": "es"}),
        ("I don't speak Spanish", {"language": "en"}),
        ("I don’t understand spanish", {"language": "en"}),
        ("english please", {"language": "en"}),
        ("no, en español", {"language": "es"}),
        ("tutoría de ciencias para 11 grado en 90280",
         {"subject": "science", "grade": "11", "zip_code": "90280"}),
        # "el segundo" is the second card; El Segundo the city after a place word
        ("el segundo", {}),
        ("y el segundo a que hora es?", {}),
        ("vivo en El Segundo", {"city": "El Segundo"}),
        ("tutoring near el segundo", {"city": "El Segundo"}),
        # a school's name is no place to search
        ("Bell Gardens elementary", {}),
        ("South Gate middle", {}),
        ("my son goes to south gate high, any tutoring near bell?", {"city": "Bell"}),
        ("ciencias en línea", {"subject": "science", "format": "online"}),
        # every subject, as the whole answer; biology is science
        ("de todo", {"subject": "any"}),
        ("cualquier materia", {"subject": "any"}),  # run 19: "not sure"
        ("any subject", {"subject": "any"}),
        ("any subject is fine", {"subject": "any"}),  # run 20: "not sure"
        ("anything really", {"subject": "any"}),
        ("todas las materias", {"subject": "any"}),
        ("everything", {"subject": "any"}),
        ("biologia y quimica", {"subject": "science"}),
        # ...and at the end of a request ("which subject?" was asked again)
        ("busco tutoria en south gate 5to de todo",
         {"city": "South Gate", "grade": "5", "subject": "any"}),
        ("tutoria de matematicas y de todo", {"subject": "math"}),
        # a place of five words; the Los Angeles in it is no other place
        ("busco tutoria en el este de los angeles",
         {"city": "El Este de Los Angeles"}),
        # an hour after school lets out, or the evening
        ("hay algo despues de las 5?", {"when": "before_after_school"}),
        # the evening is no time a program's setting says (an exploratory run)
        ("alguno es despues de las 6?", {}),
        ("any after 4pm?", {"when": "before_after_school"}),
        # free programs asked for ("gratis" was not read: $10 a month came first)
        ("tutoria gratis cerca de 90255", {"cost": "free", "zip_code": "90255"}),
        ("free math tutoring", {"cost": "free", "subject": "math"}),
        # a zip code dictated digit by digit looped on the zip-code question
        ("9 0 0 1 1", {"zip_code": "90011"}),
        # ... or word by word (run 19: "not sure")
        ("nueve cero cero dos dos", {"zip_code": "90022"}),
        ("nine oh oh one one", {"zip_code": "90011"}),
        ("sur centro", {"city": "Sur Centro"}),
        # when a program meets
        ("any on saturdays?", {"when": "weekends"}),
        ("hay en fin de semana?", {"when": "weekends"}),
        ("tutoría después de clases en 90011",
         {"when": "before_after_school", "zip_code": "90011"}),
        ("during the school day", {"when": "during_school"}),
        ("south gait", {"city": "South Gate"}),
        ("huntigton park", {"city": "Huntington Park"}),
        ("we live in Cudahy", {"city": "Cudahy"}),
        ("cerca de Whittier", {"city": "Whittier"}),
        ("99999", {"zip_code": "99999"}),  # kept: the form says it does not know it
    ],
)
def test_entities_in_both_languages(text, expected):
    assert _values(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "hello",
        "gracias",
        "talk to a person",
        "show more",
        "ver más",
        "quiero hablar con una persona",
        "gracias de todo corazón",
        "feel free to call me", "in my free time",
        "in school",
        "y en vacaciones de verano?",  # run 19: Vernon
        "hay escuela de verano?",
        "vivo en el centro",  # downtown, not El Centro (run 20)
    ],
)
def test_everyday_messages_have_no_search_entities(text):
    assert _values(text) == {}


def test_a_subject_is_not_mistaken_for_a_city():
    assert _values("reading") == {"subject": "reading"}  # not Redding, CA


@pytest.mark.parametrize(
    "text, grade",
    [
        # The whole answer to "What grade is your child in?", in both languages.
        ("primero", "1"),
        ("segundo", "2"),
        ("Primero.", "1"),
        ("cuarto", "4"),
        ("en primero", "1"),
        ("first", "1"),
        ("second", "2"),
        ("third", "3"),
        ("1st", "1"),
        ("2nd", "2"),
        ("kinder", "0"),
        ("kindergarten", "0"),
        ("pre-k", "0"),
        ("Pre-K", "0"),
        ("TK", "0"),
        # Spanish abbreviations, with or without "." or "º".
        ("1ro", "1"),
        ("1er", "1"),
        ("2do", "2"),
        ("3ro", "3"),
        ("3er", "3"),
        ("4to", "4"),
        ("5to", "5"),
        ("6to", "6"),
        ("7mo", "7"),
        ("8vo", "8"),
        ("9no", "9"),
        ("10mo", "10"),
        ("11vo", "11"),
        ("12vo", "12"),
        ("5to.", "5"),
        ("5º", "5"),
        ("1.º", "1"),
        ("5to grado", "5"),
    ],
)
def test_a_grade_answer_alone_is_read(text, grade):
    assert _values(text) == {"grade": grade}


@pytest.mark.parametrize(
    "text, grade",
    [
        ("primero de primaria", "1"),
        ("primer grado", "1"),
        ("mi hijo va en primero", "1"),
        ("mi hijo esta en segundo y todavia no lee bien", "2"),
        ("she is in second grade", "2"),
        ("hes in first", "1"),
        # Six years of primaria come first: "primero de secundaria" is 7th grade.
        ("va en primero de secundaria", "7"),
        # run 29: the letter asked the grade again
        ("pa mi hija de cuarto, en español", "4"),
        ("segundo de prepa", "11"),
        ("2do de secundaria", "8"),
        ("5to de primaria", "5"),
    ],
)
def test_an_ambiguous_ordinal_is_a_grade_beside_a_word_about_school(text, grade):
    assert _values(text)["grade"] == grade


@pytest.mark.parametrize(
    "text",
    [
        "primero quiero saber cuánto cuesta",  # first of all
        "en segundo lugar, quiero saber el horario",  # secondly
        "first, how much does it cost?",
        "wait a second",
        "de 3 a 5 de la tarde",  # hours, not 3rd grade
        "tutoring from 3 to 5",
        "mi hija de 3 no quiere dormir",  # an age
        "1 a 1 o grupo chico",
        "llega en cuarto de hora",
    ],
)
def test_an_ordinal_or_number_in_a_sentence_is_not_a_grade(text):
    assert "grade" not in _values(text)


@pytest.mark.parametrize("text, grade", [
    ("math, she's been behind since 1st grade", None),
    ("reading, he has autism and an IEP since kinder", None),
    ("lectura, desde 3ro le cuesta", None),
    ("reading. she was held back in 4th", None),
    ("matematicas, va mal desde kinder", None),
    ("desde 3ro va mal, ahora esta en 6to", "6"),
    ("mi hija estaba en 3ro y ahora esta en 4to", "4"),
    ("tiene 9 años y va en 4to", "4")])
def test_a_grade_the_child_was_in_is_not_their_grade(text, grade):
    """Typed as the letter's subject, they changed its grade (exploratory run 19)."""
    assert _values(text).get("grade") == grade


@pytest.mark.parametrize("text, grade", [
    ("es de primero no de kinder", "1"),
    ("no es 5to, ya paso a 6to", "6"),
    ("not 5th, it's 4th", "4"),
    ("isn't 3rd grade, 2nd", "2"),
    ("5to no, 6to", "6"),
    ("5th grade? no. 4th", "4"),
    ("ay no, era 4to no 5to", "4"),  # the grade first, then the wrong one
    ("wait its 4th not 5th", "4"),
    ("there is no 3rd grade tutoring?", "3"),  # no other grade: still the one named
    ("3rd grade, no?", "3"),
    ("ni modo, es de segundo", "2"),
    ("oops its eighth not seventh", "8"),  # run 27: spelled out, no letter changed
    ("tutoring for a seventh grader", "7"),
    ("the fifth time he asked", None)])
def test_a_grade_said_to_be_wrong_gives_way_to_the_other(text, grade):
    """Read backwards, a correction after the letter changed nothing (run 26)."""
    assert _values(text).get("grade") == grade


@pytest.mark.parametrize("text, grade", [
    ("Escuela 1st Street", None),
    ("4th Street Elementary", None),
    ("she goes to 2nd st elementary", None),
    ("Sixth Avenue Elementary", None),
    ("Escuela 1st Street, está en 3ro", "3"),
    ("10th grade at 93rd Street", "10")])
def test_a_street_in_a_school_name_is_no_grade(text, grade):
    """"Escuela 1st Street" typed as the school set the grade to 1st (run 20)."""
    assert _values(text).get("grade") == grade


@pytest.mark.parametrize(
    "text",
    [
        "si, busca programas en Southgate porfa",
        "vivo en southgate",
        "Southgate",
        "vivo en south gait",
        "vivo en southgait",
        "we live in SOUTHGATE",
    ],
)
def test_a_city_run_together_or_misspelled_is_read_inside_a_sentence(text):
    assert _values(text)["city"] == "South Gate"


@pytest.mark.parametrize(
    "text, city",
    [
        ("busco tutoria en huntingtonpark para mi hijo", "Huntington Park"),
        ("vivo en bellgardens", "Bell Gardens"),
        ("vivo en bell gardns", "Bell Gardens"),  # not Bell
        ("vivo en santaana", "Santa Ana"),  # statewide, after "en"
    ],
)
def test_other_cities_run_together_inside_a_sentence(text, city):
    assert _values(text)["city"] == city


def test_the_city_entity_is_the_name_not_the_word_before_it():
    [city] = [e for e in find_entities("busco en huntingtonpark") if e.entity == "city"]
    assert city.text == "huntingtonpark"


@pytest.mark.parametrize(
    "text",
    [
        "¿cómo puedes enseñar a tu hijo a leer en casa de manera efectiva?",  # Madera
        "mi esposo y yo peleamos por la tarea de los niños",  # Los Nietos
        "should I pay for Huntington Learning Center",  # a company, not the city
        "does Huntington offer chemistry tutoring",
        "hola de nuevo",  # again: not Nuevo, CA
        "¿me lo explica de nuevo?",
    ],
)
def test_words_close_to_a_town_name_are_no_city(text):
    assert "city" not in _values(text)
