"""The synonym lexicon: words families use for one thing read as one feature."""

import yaml

from bot.nlu.model import MeaningSettings, train_topic_model
from bot.nlu.synonyms import PREFIX, concepts
from bot.settings import PROJECT_ROOT
from bot.text import fold


def _concepts(text):
    return [c.removeprefix(PREFIX) for c in concepts(fold(text).split())]


def test_regional_words_for_tutoring_are_one_concept():
    for text in ("clases particulares", "refuerzo escolar", "asesoría",
                 "regularización", "nivelación pedagógica", "tutoría", "tutoring"):
        assert _concepts(text) == ["tutoring"], text


def test_the_longest_phrase_wins():
    assert _concepts("un maestro particular") == ["tutor"]
    assert _concepts("la maestra de mi hija") == ["teacher", "child"]
    assert _concepts("cuanto cuesta la tutoria") == ["price", "tutoring"]


def test_a_word_no_example_used_is_read_like_its_synonyms():
    # Lexical model only (no sentence encoder): the words alone must carry it.
    model = train_topic_model(
        ["que es la tutoria", "what is tutoring", "cuanto cuesta", "how much is it",
         "hola", "hello"],
        ["faq/what_is_hit"] * 2 + ["faq/cost"] * 2 + ["greet"] * 2,
        meaning=MeaningSettings(below=0.0),
    )
    for text, label in (("regularizacion?", "faq/what_is_hit"),
                        ("asesorias", "faq/what_is_hit"),
                        ("tarifa?", "faq/cost")):
        scores = model.predict_proba([text])[0]
        assert model.labels[scores.argmax()] == label, text


def test_every_phrase_is_folded_and_means_one_thing():
    lexicon = yaml.safe_load((PROJECT_ROOT / "bot/nlu/synonyms.yml").read_text())
    seen = {}
    for concept, languages in lexicon.items():
        assert set(languages) == {"en", "es"}, concept
        for phrase in (p for phrases in languages.values() for p in phrases):
            assert fold(phrase) == phrase, phrase
            assert seen.setdefault(phrase, concept) == concept, phrase
