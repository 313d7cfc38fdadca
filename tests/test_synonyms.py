"""The synonym lexicon: words families use for one thing read as one feature."""

import gzip
import json

import spacy_lookups_data
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


def test_a_word_of_the_other_language_is_not_read_as_a_concept():
    # Spanish "son" is "they are", not a child; "principal" is "main", not a principal.
    assert _concepts("cuales son los costos") == ["price"]
    assert _concepts("cual es el objetivo principal") == []
    assert _concepts("my son and the principal") == ["child", "teacher"]


def _shares(lang):
    path = spacy_lookups_data.get_file(f"{lang}_lexeme_prob.json.gz")
    with gzip.open(str(path), "rt", encoding="utf-8") as file:
        return json.load(file)


def test_no_one_word_phrase_is_a_common_word_of_the_other_language():
    # Messages mix languages and concepts are looked up in both: a one-word phrase
    # of one language that the other uses more, and often (at least e^-10), would
    # give that language's messages a concept they do not mean ("son").
    lexicon = yaml.safe_load((PROJECT_ROOT / "bot/nlu/synonyms.yml").read_text())
    shares = {lang: _shares(lang) for lang in ("en", "es")}
    for languages in lexicon.values():
        for lang, phrases in languages.items():
            other = "es" if lang == "en" else "en"
            for word in (p for p in phrases if " " not in p
                         and p not in languages[other]):
                there = shares[other].get(word, -99.0)
                assert there < -10 or there < shares[lang].get(word, -99.0), word


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
