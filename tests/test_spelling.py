"""Words typed the way they sound, or with a slip, read as the training words meant."""

import pytest

from bot.nlu import spelling
from bot.nlu.spelling import SpellingCorrector, one_slip, slips, sound, word_shares

TRAINING = [
    "¿Mi hijo necesita refuerzo escolar?",
    "¿Qué hace el tutor?",
    "¿Cuántas veces a la semana es la tutoría?",
    "How often will my child get tutoring?",
    "Does my child need a tutor?",
    "Can I pick my child up at our school?",
    "¿Dónde queda la casa de la tutoría?",
    "Is my child eligible? Is the program reliable?",
    "Tutoring and homework help por la tarde",
    "q es la tutoria",
]


@pytest.fixture(scope="module")
def corrector():
    """Trained on a few questions, with the real word frequencies."""
    return SpellingCorrector().fit(TRAINING)


def test_spanish_spelled_by_ear_sounds_like_the_word():
    for typed, meant in [("nesesita", "necesita"), ("ijo", "hijo"), ("bes", "vez"),
                         ("kiero", "quiero"), ("refuerso", "refuerzo"),
                         ("yegar", "llegar"), ("jente", "gente"), ("mui", "muy")]:
        assert sound(typed) == sound(meant), (typed, meant)
    assert sound("hecho") != sound("eco"), "the h of ch is not silent"


def test_one_slip_shares_a_form():
    for typed, meant in [("chlid", "child"), ("tutorng", "tutoring"),
                         ("tutorring", "tutoring"), ("ofen", "often")]:
        assert ({typed, *slips(typed)} & {meant, *slips(meant)}), (typed, meant)


def test_one_slip_is_one_letter_missing_extra_wrong_or_two_swapped():
    assert one_slip("chlid", "child") and one_slip("tutorng", "tutoring")
    assert one_slip("tutorring", "tutoring") and one_slip("eligable", "eligible")
    assert not one_slip("eligable", "reliable"), "they share 'eliable', two apart"
    assert not one_slip("child", "child") and not one_slip("chidl", "chlid")


def test_a_question_typed_by_ear_reads_as_its_training_words(corrector):
    assert (corrector.correct("mi ijo nesesita refuerso")
            == "mi hijo necesita refuerzo")
    assert corrector.correct("xq ase el tutor") == "porque hace el tutor"
    assert corrector.correct("cuantas beses x semana") == "cuantas veces por semana"
    assert corrector.correct("how otfen will my chlid get tutorng") == (
        "how often will my child get tutoring")
    assert corrector.correct("does my child need a tutor u think") == (
        "does my child need a tutor you think")
    assert corrector.correct("is my child eligable") == "is my child eligible"
    assert corrector.correct("ke es la tutoria") == "que es la tutoria"


def test_words_of_their_own_are_left_alone(corrector):
    """A common word is not a misspelling of a training word that sounds like it."""
    assert corrector.correct("caza") == "caza", "sounds like casa, is a word"
    assert corrector.correct("hours") == "hours", "one slip from our, is a word"
    assert corrector.correct("Cuánto cuesta") == "Cuánto cuesta", "spelled right"
    assert corrector.correct("I'd like a K-12 tutor") == "I'd like a K-12 tutor"
    assert corrector.correct("tutoring for pre-k") == "tutoring for pre-k"
    assert corrector.correct("pre k and K 12") == "pre k and K 12", "kindergarten"
    assert corrector.correct("a hand for the poor") == "a hand for the poor", (
        "common words, though they sound like 'and' and 'por'")
    assert corrector.correct("") == ""


def test_shorthand_the_training_texts_use_is_read_as_they_do(corrector):
    """The model learned "q" from its training questions: it stays "q"."""
    assert "q" in corrector.uses
    assert corrector.correct("q hace el tutor") == "q hace el tutor"


@pytest.fixture
def no_slip_forms(monkeypatch):
    """Fail when a word is split into one-slip forms: for a pasted blob of letters
    they would cost the square of its length (2.6 s for 50,000)."""
    def refuse(word):
        raise AssertionError(f"one-slip forms of a {len(word)}-letter word")
    monkeypatch.setattr(spelling, "slips", refuse)


def test_a_pasted_blob_of_letters_is_left_as_it_is(corrector, no_slip_forms):
    blob = "tutorng" * 5_000
    assert corrector.correct(blob) == blob


def test_only_frequent_enough_words_are_words_of_their_own():
    shares = {"casa": -8.0, "caza": -11.0, "kasa": -15.9}
    corrector = SpellingCorrector(margin=4.0).fit(["la casa"], shares)
    assert corrector.own_words == {"caza"}
    assert corrector.correct("kasa") == "casa", "far rarer: a misspelling"
    assert corrector.correct("caza") == "caza"


def test_the_word_frequencies_are_folded_and_common_words_are_in():
    shares = word_shares()
    assert shares["tutoria"] > shares.get("tutorng", -99.0)
    assert "función" not in shares and "funcion" in shares
