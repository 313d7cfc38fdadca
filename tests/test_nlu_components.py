"""The custom NLU components, on Rasa messages, without a server."""

import pickle
from contextlib import contextmanager
from unittest.mock import MagicMock

import numpy as np
import pytest
from rasa.nlu.classifiers.fallback_classifier import FallbackClassifier
from rasa.shared.nlu.training_data.message import Message
from scipy.sparse import hstack

from bot.nlu.classifier import Ranked, TopicClassifier, source_fingerprint
from bot.nlu.components import LanguageDetector, MessageGuard, RuleEntityExtractor
from bot.nlu.fallback import TopicFallbackClassifier
from bot.nlu.model import MeaningSettings, TopicModel, train_topic_model
from bot.nlu.second_question import more_topics_of
from bot.text import clean, fold

TEXTS = {
    "faq/cost": [
        "how much does tutoring cost",
        "is it free",
        "cuanto cuesta la tutoria",
        "es gratis",
        "do we pay for tutoring",
        "hay que pagar",
    ],
    "faq/schedule": [
        "how often are sessions",
        "how many days a week",
        "cuantos dias por semana",
        "a que hora es la tutoria",
        "how long is each session",
        "cuanto dura cada sesion",
    ],
    "greet": ["hi", "hello", "hola", "buenos dias", "good morning", "hey there"],
}
#: Program searches, for the tests that need a label that answers no question.
SEARCHES = {"find_program": [
    "find tutoring near 90255", "busco tutoria cerca de mi casa", "programs near me",
    "tutoring near my zip code", "find tutoring near me for my son",
    "is there tutoring near me", "tutoring programs near 90255 for my daughter"]}


def trained(examples):
    texts = [t for ts in examples.values() for t in ts]
    labels = [label for label, ts in examples.items() for _ in ts]
    return TopicClassifier(
        TopicClassifier.get_default_config(),
        MagicMock(),
        MagicMock(),
        train_topic_model(texts, labels),
    )


@pytest.fixture(scope="module")
def classifier():
    return trained(TEXTS)


@pytest.fixture(scope="module")
def search_classifier():
    """Also knows program searches: a label that answers no question."""
    return trained({**TEXTS, **SEARCHES})


def test_faq_topic_is_written_as_rasa_response_selector_output(classifier):
    [message] = classifier.process([Message(data={"text": "cuanto cuesta?"})])
    assert message.get("intent")["name"] == "faq"
    assert message.get("intent_ranking")[0]["name"] == "faq/cost"
    selector = message.get("response_selector")
    assert selector["all_retrieval_intents"] == ["faq"]
    assert selector["faq"]["response"]["intent_response_key"] == "faq/cost"
    assert selector["faq"]["response"]["utter_action"] == "utter_faq/cost"


def test_ordinary_intent_keeps_its_name(classifier):
    [message] = classifier.process([Message(data={"text": "hola"})])
    assert message.get("intent")["name"] == "greet"


def test_topic_button_payload_is_taken_at_its_word(classifier):
    assert classifier.rank("/faq/schedule") == [Ranked("faq/schedule", 1.0)]


@pytest.mark.parametrize("payload, intent", [
    ("/affirm", "affirm"),
    ('/inform{"advocacy_choice": "principal"}', "inform"),
    ("/inform@0.9", "inform"),
])
def test_any_button_payload_skips_the_model_and_the_encoder(
    classifier, payload, intent
):
    """Rasa's RegexMessageHandler reads payloads; the encoder's time is not spent."""
    with texts_encoded(classifier._model) as asked:
        assert classifier.rank(payload) == [Ranked(intent, 1.0)]
    assert asked == []


def test_empty_text_gets_no_prediction(classifier):
    assert classifier.rank("   ") == []


def test_a_long_text_without_a_question_gets_no_prediction(classifier):
    """MessageGuard answers it as too long; the encoder's time is not spent on it."""
    with texts_encoded(classifier._model) as asked:
        assert classifier.rank("Line of a pasted form.\n" * 100) == []
    assert asked == []


@pytest.mark.parametrize("text", ["is Varsity Tutors better than the school tutoring",
                                  "¿Kumon es mejor que la tutoría de la escuela?"])
def test_a_named_program_to_judge_is_what_does_not_count(classifier, text):
    assert classifier.rank(text) == [Ranked("faq/not_hit", 1.0)]


class CountingEncoder:
    """Stands in for the sentence encoder to see which messages reach it."""

    def __init__(self, real):
        self.real, self.asked = real, []

    def embed(self, texts):
        self.asked += texts
        return self.real.embed(texts)


@contextmanager
def texts_encoded(model):
    """Within the block, list the texts that reach ``model``'s sentence encoder."""
    counting = CountingEncoder(model.encoder)
    model.encoder = counting
    try:
        yield counting.asked
    finally:
        model.encoder = counting.real


def test_sentence_meaning_answers_words_the_lexical_model_never_saw(classifier):
    model = classifier._model
    lexical = model.lexical_proba(["what will this set me back?"])[0]
    assert lexical.max() < model.meaning.below, "no word of it is in the training data"
    ranked = classifier.rank("what will this set me back?")
    assert ranked[0].label == "faq/cost"


def test_the_lexical_model_scores_as_scikit_learn_would(classifier):
    """Its TF-IDF and softmax are computed directly, for speed: the same numbers."""
    model = classifier._model
    texts = ["how much does tutoring cost", "cuanto dura cada sesion",
             "hola hola, is it free?", "zzz unknown words only"]
    features = hstack([
        model.words.transform([model._words(t) for t in texts]),
        model.chars.transform([fold(clean(t)) for t in texts]),
    ]).tocsr()
    expected = model.classifier.predict_proba(features)
    assert model.lexical_proba(texts) == pytest.approx(expected, abs=1e-12)


def test_nearest_training_examples_vote_for_their_labels(classifier):
    model = classifier._model
    votes = model.neighbour_votes(model.encoder.embed(
        ["cuanto dura cada sesion", "how much does tutoring cost"]))
    assert votes.sum(axis=1) == pytest.approx([1.0, 1.0])
    best = [model.labels[i] for i in votes.argmax(axis=1)]
    assert best == ["faq/schedule", "faq/cost"], "an example is its own nearest one"


def test_a_model_trained_without_the_encoder_has_no_neighbours():
    model = train_topic_model(["hi", "hola", "is it free", "es gratis"],
                              ["greet", "greet", "faq/cost", "faq/cost"],
                              meaning=MeaningSettings(below=0.0))
    assert model.neighbour_votes(np.ones((1, 384), dtype=np.float32)).sum() == 0.0


def test_the_encoder_is_asked_about_unsure_sentences_and_long_questions(
    search_classifier,
):
    """Not about a short message the lexical model is sure of, nor about one or two
    words (a form's answer: the encoder's fixed time would buy nothing); about a
    long question however sure it is (where real questions showed its sureness
    misleads), but not a long program search, which its words say."""
    model = search_classifier._model
    short = ["Lincoln Elementary", "tercero"]
    long = "how much does tutoring cost for my son, he is in the third grade"
    search = "is there tutoring near 90255 for my son in the third grade"
    assert model.lexical_proba(short).max(axis=1).max() < model.meaning.below
    for sure in (long, search):
        assert model.lexical_proba([sure]).max() >= model.meaning.below
    with texts_encoded(model) as asked:
        for text in ["how much does tutoring cost", "what will this set me back?",
                     *short, long, search]:
            assert search_classifier.rank(text)
    assert asked == ["what will this set me back?", long]


def test_an_unsure_program_search_keeps_the_fast_path(search_classifier):
    """A message the lexical model takes for a search (over 0.5, under 0.9) is told
    by its words: the encoder's time inside Rasa's event loop would hold up every
    other family. Below 0.5 it may be anything, and the encoder is asked (the test
    above: "what will this set me back?" looks like a search to this small model)."""
    model = search_classifier._model
    search = "busco tutoria para mi hija"
    lexical = model.lexical_proba([search])[0]
    assert model.labels[lexical.argmax()] == "find_program"
    assert model.meaning.search_sure <= lexical.max() < model.meaning.below
    with texts_encoded(model) as asked:
        assert search_classifier.rank(search)[0].label == "find_program"
    assert asked == []


def test_training_embeds_on_one_core_while_the_lexical_model_fits():
    """The encoder starts on one thread beside the lexical fit; the model keeps the
    encoder's own setting afterwards (None: every core)."""
    model = TopicModel(c=100.0)
    started_with = []
    embed = model.encoder.embed

    def recording(texts):
        started_with.append(model.encoder.threads)
        return embed(texts)

    model.encoder.embed = recording
    model.fit([t for ts in TEXTS.values() for t in ts],
              [label for label, ts in TEXTS.items() for _ in ts])
    assert started_with == [1] and model.encoder.threads is None


def test_rasas_training_cache_knows_which_code_trained_the_model(tmp_path):
    """A change to the model's code or data is a new fingerprint: no stale pickle."""
    (tmp_path / "model.py").write_text("A = 1\n")
    (tmp_path / "synonyms.yml").write_text("tutoring: {}\n")
    (tmp_path / "text.py").write_text("B = 1\n")
    sources = [tmp_path / "model.py", tmp_path / "synonyms.yml", tmp_path / "text.py"]
    before = source_fingerprint([tmp_path])
    (tmp_path / "synonyms.yml").write_text("tutoring: {es: [tutoria]}\n")
    assert source_fingerprint([tmp_path]) != before
    one_file = source_fingerprint(sources[2:])
    (tmp_path / "text.py").write_text("B = 2\n")
    assert source_fingerprint(sources[2:]) != one_file
    assert TopicClassifier.fingerprint_addon({}) == source_fingerprint()


def test_model_pickles_without_spacy_tables(classifier):
    import pickle

    model = pickle.loads(pickle.dumps(classifier._model))
    assert model.labels == classifier._model.labels
    assert model.predict_proba(["is it free"]).shape == (1, len(TEXTS))


@pytest.mark.parametrize("owner, attribute", [("", "spelling"),
                                              ("spelling", "stems")])
def test_a_model_pickled_by_older_code_is_refused_at_load(
        classifier, tmp_path, owner, attribute):
    """Not at the first message: older models lacked the spelling corrector, and
    older correctors its ``stems``."""
    old = pickle.loads(pickle.dumps(classifier._model))
    delattr(getattr(old, owner) if owner else old, attribute)
    storage = MagicMock()
    storage.read_from.return_value.__enter__.return_value = tmp_path
    (tmp_path / "topic_model.pkl").write_bytes(pickle.dumps(old))
    with pytest.raises(RuntimeError, match=f"{attribute}.*make train"):
        TopicClassifier.load(TopicClassifier.get_default_config(), storage,
                             MagicMock(), MagicMock())
    (tmp_path / "topic_model.pkl").write_bytes(pickle.dumps(classifier._model))
    loaded = TopicClassifier.load(TopicClassifier.get_default_config(), storage,
                                  MagicMock(), MagicMock())
    assert loaded.rank("is it free")[0].label == "faq/cost"


def test_the_guard_trains_the_crisis_model_when_created(monkeypatch):
    """At load, so that the first message of a family in crisis does not wait."""
    train = MagicMock()
    monkeypatch.setattr("bot.nlu.components.crisis_model", train)
    MessageGuard.create({}, MagicMock(), MagicMock(), MagicMock())
    train.assert_called_once_with()


def test_language_detector_marks_strength():
    [message] = LanguageDetector().process([Message(data={"text": "gracias"})])
    assert message.get("language") == {"code": "es", "strong": False}


def test_entity_extractor_finds_requested_language():
    [message] = RuleEntityExtractor().process(
        [Message(data={"text": "en español por favor"})]
    )
    assert [(e["entity"], e["value"]) for e in message.get("entities")] == [
        ("language", "es")
    ]


@pytest.mark.parametrize(
    "text, language, entities",
    [
        # Spanish answers to the search form's questions, as Rasa's pipeline reads
        # them: "5to" was strong English, "primero" and "vivo en southgate" nothing.
        ("5to", {"code": "es", "strong": False}, [("grade", "5")]),
        ("2do", {"code": "es", "strong": False}, [("grade", "2")]),
        ("primero", {"code": "es", "strong": False}, [("grade", "1")]),
        ("vivo en southgate", {"code": "es", "strong": True}, [("city", "South Gate")]),
        (
            "si, busca programas en Southgate porfa",
            {"code": "es", "strong": True},
            [("city", "South Gate")],
        ),
        ("primero quiero saber cuánto cuesta", {"code": "es", "strong": True}, []),
    ],
)
def test_form_answers_through_the_detector_and_the_extractor(
    text, language, entities
):
    [message] = RuleEntityExtractor().process(
        LanguageDetector().process([Message(data={"text": text})])
    )
    assert message.get("language") == language
    found = message.get("entities") or []
    assert [(e["entity"], e["value"]) for e in found] == entities


def test_guard_overrides_intent_and_nothing_competes_with_it():
    """A classifier sure of another label must not make the crisis "ambiguous"."""
    message = Message(
        data={
            "text": "creo que abusan de mi hija",
            "intent": {"name": "out_of_scope", "confidence": 0.98},
            "intent_ranking": [{"name": "out_of_scope", "confidence": 0.98}],
        }
    )
    LanguageDetector().process([message])
    MessageGuard().process([message])
    fallback = FallbackClassifier({**FallbackClassifier.get_default_config(),
                                   "threshold": 0.35, "ambiguity_threshold": 0.03})
    fallback.process([message])
    assert message.get("intent") == {"name": "crisis", "confidence": 1.0}
    assert [r["name"] for r in message.get("intent_ranking")] == ["crisis"]


@pytest.mark.parametrize("text, intent", [
    # run 17: "You're welcome! Anything else?"
    ("gracias x la info, bye", "goodbye"), ("muchas gracias eso era todo", "goodbye"),
    ("thank u so much thats it for today", "goodbye"),
    ("perfect thanks, have a nice one", "goodbye"),
    ("gracias por la info", "thank"), ("thanks, and is it free?", "thank")])
def test_a_thanks_that_parts_is_a_goodbye(text, intent):
    ranking = [{"name": "thank", "confidence": 0.9},
               {"name": "goodbye", "confidence": 0.1}]
    message = Message(data={"text": text, "intent": ranking[0],
                            "intent_ranking": ranking})
    LanguageDetector().process([message])
    MessageGuard().process([message])
    assert message.get("intent")["name"] == intent


def test_a_crisis_keeps_no_entities_to_fill_a_form_with():
    """"kinder, pero mi esposo le pega" at the grade filled it, and the search went on
    without the emergency lines (exploratory run 17)."""
    message = Message(data={"text": "kinder, pero mi esposo le pega",
                            "intent": {"name": "inform", "confidence": 0.9}})
    LanguageDetector().process([message])
    RuleEntityExtractor().process([message])
    assert message.get("entities")  # the grade
    MessageGuard().process([message])
    assert message.get("intent")["name"] == "crisis"
    assert message.get("entities") == []


@pytest.mark.parametrize("text, more", [
    # run 20: who qualifies, and nothing on a place to stay
    ("we're living in our car, can my daughter still get a tutor", ["other_needs"]),
    ("vivimos en el carro, mi hija puede tener tutoria?", ["other_needs"]),
    ("can my daughter still get a tutor", []),
])
def test_a_need_told_beside_a_tutoring_question_gets_211_after_its_answer(text, more):
    message = Message(data={"text": text, "intent": {"name": "faq",
                                                     "confidence": 0.9}})
    LanguageDetector().process([message])
    MessageGuard().process([message])
    assert message.get("intent")["name"] == "faq"
    assert more_topics_of(message.get("entities") or []) == more


@pytest.mark.parametrize("text, control, intent", [
    # a school's name read as "start over" by its letters restarted the message
    ("Hoover", "start_over", "inform"),
    ("empezar de nuevo", "start_over", "start_over"),
    ("start over", "start_over", "start_over"),
    # an angry parent's "y ahora q hago" got "¡Hasta luego!"
    ("y ahora q hago", "goodbye", "inform"),
    ("ok bye", "goodbye", "goodbye"), ("eso es todo", "goodbye", "goodbye"),
    # "y luego?" asks what comes next: it got "¡Hasta luego!" (run 16)
    ("y luego?", "goodbye", "inform"), ("luego que hago", "goodbye", "inform"),
    ("luego te escribo", "goodbye", "goodbye"), ("hasta luego", "goodbye", "goodbye"),
])
def test_a_control_needs_its_own_words(text, control, intent):
    ranking = [{"name": control, "confidence": 0.81},
               {"name": "inform", "confidence": 0.1}]
    message = Message(data={"text": text, "intent": ranking[0],
                            "intent_ranking": ranking})
    LanguageDetector().process([message])
    MessageGuard().process([message])
    assert message.get("intent")["name"] == intent


def _classified(name: str, confidence: float) -> Message:
    first = {"name": name, "confidence": confidence}
    second = {"name": "faq/cost", "confidence": 0.1}
    return Message(
        data={"text": "x", "intent": first, "intent_ranking": [first, second]}
    )


def test_out_of_scope_needs_more_certainty_than_a_topic():
    """Fairly sure it is out of scope: offer the two guesses, don't turn them away."""
    fallback = TopicFallbackClassifier({**TopicFallbackClassifier.get_default_config(),
                                        "threshold": 0.35, "ambiguity_threshold": 0.03,
                                        "out_of_scope_threshold": 0.7})
    unsure = _classified("out_of_scope", 0.6)
    sure = _classified("out_of_scope", 0.8)
    topic = _classified("faq/tutors", 0.6)
    fallback.process([unsure, sure, topic])
    assert unsure.get("intent")["name"] == "nlu_fallback"
    assert sure.get("intent")["name"] == "out_of_scope"
    assert topic.get("intent")["name"] == "faq/tutors"


@pytest.mark.parametrize("second, together, intent", [
    # "thanks thats all i needed": a goodbye and a thanks at once, both fit
    ("thank", 0.92, "goodbye"),
    # two unrelated intents as close: ask again
    ("faq/cost", 0.92, "nlu_fallback"),
    # a family, but too unsure of both together
    ("thank", 0.3, "nlu_fallback"),
])
def test_a_close_second_of_the_same_family_is_no_reason_to_ask_again(
        second, together, intent):
    first = {"name": "goodbye", "confidence": together / 2 + 0.01}
    ranking = [first, {"name": second, "confidence": together / 2 - 0.01}]
    message = Message(data={"text": "x", "intent": first, "intent_ranking": ranking})
    fallback = TopicFallbackClassifier({**TopicFallbackClassifier.get_default_config(),
                                        "threshold": 0.35, "ambiguity_threshold": 0.03})
    fallback.process([message])
    assert message.get("intent")["name"] == intent


def test_an_example_counts_as_much_as_its_weight():
    """Two labels for the same words: the one with more weight behind it wins."""
    texts = ["is it free", "is it free", "hi", "hola"]
    labels = ["faq/cost", "out_of_scope", "greet", "greet"]
    meaning = MeaningSettings(below=0.0)
    for weights, expected in (([1.0, 0.2, 1.0, 1.0], "faq/cost"),
                              ([0.2, 1.0, 1.0, 1.0], "out_of_scope")):
        model = train_topic_model(texts, labels, meaning=meaning, weights=weights)
        row = model.predict_proba(["is it free"])[0]
        assert model.labels[int(row.argmax())] == expected
