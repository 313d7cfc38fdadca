"""The checklist's scoring and free-text answers, without Rasa."""

import itertools

import pytest

from bot.advocacy.checklist import (
    ANSWERS,
    NO,
    UNSURE,
    YES,
    also_answered,
    closes,
    parse_answer,
    questions,
    questions_to_ask,
    score,
)

KEYS = [q.key for q in questions()]


def test_six_questions_each_with_both_languages_and_a_source():
    assert KEYS == [
        "sessions",
        "same_tutor",
        "group_size",
        "school_day",
        "class_link",
        "updates",
    ]
    for q in questions():
        for field in (q.text, q.strength, q.ask, q.why, q.source):
            assert set(field) == {"en", "es"} and all(field.values())
        assert "NSSA" in q.source["en"] and "NSSA" in q.source["es"]


def test_every_answer_combination_is_scored():
    combinations = list(itertools.product(ANSWERS, repeat=len(KEYS)))
    assert len(combinations) == 3**6
    for combo in combinations:
        answers = dict(zip(KEYS, combo, strict=True))
        result = score(answers)
        assert [q.key for q in result.strengths] == [
            k for k in KEYS if answers[k] == YES
        ]
        assert [q.key for q in result.gaps] == [k for k in KEYS if answers[k] == NO]
        assert [q.key for q in result.unsure] == [
            k for k in KEYS if answers[k] == UNSURE
        ]
        assert result.is_high_impact == all(a == YES for a in combo)
        for language in ("en", "es"):
            text = questions_to_ask(result, language)
            for q in result.to_ask:
                assert q.ask[language] in text and q.source[language] in text
            for q in result.strengths:
                assert q.ask[language] not in text


def test_unanswered_questions_count_as_not_sure_and_slots_work_as_keys():
    result = score({"hit_sessions": YES})
    assert [q.key for q in result.strengths] == ["sessions"]
    assert len(result.unsure) == 5


@pytest.mark.parametrize(
    "key, text, expected",
    [
        ("sessions", "twice a week", NO),
        ("sessions", "dos veces por semana", NO),
        ("sessions", "Dos veces a la semana", NO),
        ("sessions", "once a week", NO),
        ("sessions", "una vez por semana", NO),
        ("sessions", "3 times a week", YES),
        ("sessions", "tres días a la semana", YES),
        ("sessions", "every day after lunch", YES),
        ("sessions", "todos los días", YES),
        # run 31: "Sorry, I didn't understand"
        ("sessions", "every single day", YES),
        ("sessions", "cada tercer dia", YES),  # run 32
        ("sessions", "de lunes a viernes", YES),
        ("sessions", "monday thru friday after school", YES),
        ("sessions", "lunes y miércoles", NO),
        ("sessions", "mon wed fri? no, monday wednesday and friday", YES),
        ("sessions", "a veces", NO),
        ("same_tutor", "sometimes", NO),
        ("same_tutor", "siempre", YES),
        ("same_tutor", "always the same lady", YES),
        ("same_tutor", "no, it changes", NO),
        ("group_size", "5 kids", NO),
        ("group_size", "like 10 students", NO),
        ("group_size", "como 12 niños", NO),
        ("group_size", "3 kids", YES),
        ("group_size", "one on one", YES),
        ("group_size", "uno a uno", YES),
        ("group_size", "toda la clase", NO),
        # run 31: "son 6" not understood
        ("group_size", "son 6", NO),
        ("group_size", "son como 3", YES),
        ("group_size", "its like 5", NO),
        ("school_day", "yes", YES),
        ("school_day", "Sí", YES),
        ("school_day", "si", YES),
        ("school_day", "yeah", YES),
        ("school_day", "claro que sí", YES),
        ("school_day", "no", NO),
        ("school_day", "nunca", NO),
        ("class_link", "not sure", UNSURE),
        ("class_link", "No sé", UNSURE),
        ("class_link", "no estoy segura", UNSURE),
        ("class_link", "idk", UNSURE),
        ("class_link", "ns", UNSURE), ("group_size", "nose", UNSURE),  # runs 14, 15
        ("class_link", "I don't know", UNSURE),
        ("class_link", "tal vez", UNSURE),
        ("updates", "nope", NO),
        ("updates", "no, only in English", NO),
        ("updates", "sí, en español", YES),
        ("updates", "purple", None),
        ("updates", "", None),
    ],
)
def test_free_text_answers_in_both_languages(key, text, expected):
    assert parse_answer(key, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("my son and 4 others", NO),  # 5 students
        ("mi hijo y 4 niños más", NO),  # 5 students
        ("4 other kids", NO),
        ("mi hija y 3 más", YES),  # 4 students
        ("him and 2 more", YES),
    ],
)
def test_the_child_counts_in_the_group(text, expected):
    assert parse_answer("group_size", text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("after school", YES),
        ("right after school", YES),
        ("before school", YES),
        ("during class", YES),
        ("después de clases", YES),
        ("saliendo de la escuela", YES),
        ("en horas de clase", YES),
        ("on Saturdays", NO),
        ("at night, online", NO),
        ("los fines de semana", NO),
        ("en la noche", NO),
    ],
)
def test_when_tutoring_happens_answers_the_school_day_question(text, expected):
    assert parse_answer("school_day", text) == expected


@pytest.mark.parametrize(
    "text, language, expected",
    [
        ("only in English", "en", YES),  # the family's language
        ("only in English", "es", NO),
        ("solo en inglés", "es", NO),
        ("English", "es", NO),
        ("in English and Spanish", "es", YES),
        ("en español", "es", YES),
        ("not in Spanish", "es", NO),
        ("no, solo a veces", "es", NO),  # no language named: the words decide
    ],
)
def test_a_language_named_answers_the_updates_question(text, language, expected):
    assert parse_answer("updates", text, language) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # WhatsApp style: "x" is "por" (es) or "times" (en); a count alone is a week's.
        ("dos veces x semana", NO),
        ("2 veces x semana", NO),
        ("2 dias", NO),
        ("3 veces x semana", YES),
        ("tres dias", YES),
        ("4 dias x semana", YES),
        ("2x a week", NO),
        ("3x a week", YES),
        ("twice a week", NO),
        ("twice", NO),
        ("3 times a week", YES),
        ("three days", YES),
        ("una vez", NO),
        ("dos veces semanales", NO),
        ("2 days a week", NO),
        # a month's count is a quarter of it a week
        ("4 times a month", NO),
        ("twice a month", NO),
        ("12 veces al mes", YES),
        ("every other day", YES),
        ("cada 2 dias", YES),
        ("every 3 days", NO),
        ("2 horas", None),  # hours are not sessions
    ],
)
def test_how_often_in_any_words_answers_the_sessions_question(text, expected):
    assert parse_answer("sessions", text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "ok thanks, bye",  # the exploratory run's message: it was read as "yes"
        "bye",
        "thanks",
        "thank you",
        "gracias",
        "adiós",
        "chao",
        "bye gracias",
        "ok gracias",
        "ok thx",
        "Ok, muchas gracias!",
        "vale gracias",
        "thanks for everything",
        "no thanks",
        "no, gracias",
        "sí, bye",  # a goodbye is never an answer, whatever else it says
        "2 days a week, bye",
    ],
)
@pytest.mark.parametrize("key", KEYS)
def test_a_goodbye_or_thanks_never_answers(key, text):
    assert parse_answer(key, text, "es") is None


@pytest.mark.parametrize(
    "text, expected",
    [
        ("ok", YES),  # "ok" alone still answers
        ("sí, gracias", YES),  # an answer with thanks is still an answer
        ("yes thank you", YES),
        ("no, nunca, gracias", NO),
        ("no sé, gracias", UNSURE),
    ],
)
def test_thanks_are_taken_out_and_the_rest_answers(text, expected):
    assert parse_answer("same_tutor", text) == expected


def test_thanks_with_a_count_still_answers_how_often():
    assert parse_answer("sessions", "2 days a week thanks") == NO
    assert parse_answer("sessions", "tres veces x semana, gracias") == YES


@pytest.mark.parametrize(
    "text, expected",
    [("bye", True), ("gracias", True), ("Thank you!", True), ("ok", False),
     ("maybe", False), ("/affirm", False)],
)
def test_closes_names_goodbyes_and_thanks(text, expected):
    assert closes(text) is expected


@pytest.mark.parametrize("key, text, expected", [
    # run 28: a yes about the tutor, read as yes to "3 or more times a week?"
    ("sessions", "yeah its the same lady every time", None),
    ("sessions", "si, es la misma muchacha", None),
    ("same_tutor", "yeah its the same lady every time", "yes"),
    ("group_size", "es ella sola con la tutora", "yes"),
    ("updates", "no, solo a veces", "no"),  # "a veces" is no number of sessions
    ("group_size", "she sends notes home sometimes", None),  # run 28's replay: no
    ("updates", "she sends notes home sometimes", "no"),
])
def test_an_answer_about_another_question_is_no_answer_to_this_one(key, text,
                                                                   expected):
    assert parse_answer(key, text, "en") == expected


@pytest.mark.parametrize("text, expected", [
    # run 28: read as yes; homework help alone is not high-impact, so ask
    ("si, le ayudan con la tarea", NO),
    ("yes they help him with his homework", NO),
    ("yes, homework and what they learn in class", YES),
    ("si, repasan lo que ven en clase y tambien la tarea", YES),
    ("no se, creo que solo tarea", UNSURE),
    ("si", YES),
])
def test_homework_help_alone_does_not_connect_to_class(text, expected):
    assert parse_answer("class_link", text, "es") == expected


@pytest.mark.parametrize("key, text, answered", [
    # run 27: the 10 children were lost
    ("sessions", "es solo una vez a la semana con 10 niños",
     {"hit_group_size": NO}),
    ("sessions", "3 times a week with the same tutor", {"hit_same_tutor": YES}),
    ("sessions", "2 days a week, different tutor each time", {"hit_same_tutor": NO}),
    ("sessions", "yes 3x a week after school with 2 other kids",
     {"hit_group_size": YES, "hit_school_day": YES}),
    ("same_tutor", "si, la misma, y son 3 niños", {"hit_group_size": YES}),
    ("school_day", "en la noche y solo le ayudan con la tarea", {"hit_class_link": NO}),
    # a bare answer, or a number that is the question's own, says nothing more
    ("sessions", "3", {}),
    ("sessions", "tres veces o mas", {}),
    ("same_tutor", "yes", {}),
    # earlier questions too (run 31: "oh actually he goes 4 days a week" at the
    # third); answers.answered_too keeps only what changes them
    ("group_size", "3 times a week with the same tutor",
     {"hit_sessions": YES, "hit_same_tutor": YES}),
    ("group_size", "oh actually i just remembered he goes 4 days a week",
     {"hit_sessions": YES}),
    ("group_size", "ah ya me acorde, va lunes miercoles y viernes",
     {"hit_sessions": YES}),
])
def test_an_answer_that_also_answers_other_questions(key, text, answered):
    assert also_answered(key, text) == answered


@pytest.mark.parametrize("key, text, expected", [
    # run 29: "day" read as the sessions question's, so not understood
    ("school_day", "yes during the day", YES),
    ("school_day", "si, en el dia", YES),
    # run 29: "ok continue" was a yes to the tutor's question
    ("same_tutor", "ok continue", None),
    ("same_tutor", "sigamos", None),
    ("same_tutor", "ok", YES),
    ("group_size", "nel son muchos", NO),
])
def test_run_29_answers(key, text, expected):
    assert parse_answer(key, text, "en") == expected


@pytest.mark.parametrize("key, text, language, expected", [
    # run 30: "same tutor" at the tutor's question was not understood
    ("same_tutor", "4 days a week, same tutor, like 3 kids", "en", YES),
    ("same_tutor", "es un voluntario diferente cada vez", "es", NO),
    # the same lessons as class is no tutor
    ("same_tutor", "they use the same stuff as the class", "en", None),
    ("same_tutor", "si, ven lo mismo que en clase", "es", None),  # run 32: a yes
    ("class_link", "they use the same stuff as the class", "en", YES),
    # run 30: English updates for a family that reads Spanish better were a yes
    ("updates", "they only text me in english and i read spanish better", "en", NO),
    ("updates", "solo en ingles y yo leo mejor el español", "es", NO),
    ("updates", "only in english", "en", YES),
    ("school_day", "es en la escuela en horario de clase", "es", YES),
    ("group_size", "es en grupo de 2, los lunes y miercoles nada mas", "es", YES),
    ("group_size", "a group of 6", "en", NO),
])
def test_run_30_answers(key, text, language, expected):
    assert parse_answer(key, text, language) == expected


@pytest.mark.parametrize("key, text, answered", [
    ("same_tutor", "yes during school day", {"hit_school_day": YES}),
    ("same_tutor", "its just him and one other kid", {"hit_group_size": YES}),
    ("same_tutor", "no, son como 8 chamacos", {"hit_group_size": NO}),
    ("sessions", "pues nomas le ayudan con la tarea", {"hit_class_link": NO}),
    ("same_tutor", "si es la misma maestra siempre, va 3 dias, son 4 ninos, es en la "
     "escuela en horario de clase",
     {"hit_sessions": YES, "hit_group_size": YES, "hit_school_day": YES}),
])
def test_run_30_answers_for_other_questions(key, text, answered):
    assert also_answered(key, text) == answered


@pytest.mark.parametrize("text, answered", [
    # a schedule that changes is no new tutor
    ("sometimes they change the schedule, 3 times a week", {}),
    ("3 veces y cambian mucho de maestro", {"hit_same_tutor": NO}),
])
def test_only_a_tutor_who_changes_answers_the_tutor_s_question(text, answered):
    assert also_answered("sessions", text) == answered
