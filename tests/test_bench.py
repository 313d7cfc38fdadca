"""The benchmark's scoring rules, which the README's figures rest on."""

from bot.bench.load import LoadResult
from bot.bench.nlu import Example, accuracy, is_right, predicted_label


def test_a_rejected_out_of_scope_question_counts_as_right():
    assert is_right("nlu_fallback", ("out_of_scope",))
    assert is_right("out_of_scope", ("out_of_scope",))
    assert not is_right("faq/cost", ("out_of_scope",))


def test_the_fallback_is_wrong_for_a_question_puente_should_answer():
    assert not is_right("nlu_fallback", ("faq/cost",))
    # an `also` label is right too
    assert is_right("faq/not_hit", ("faq/what_is_hit", "faq/not_hit"))


def test_the_faq_topic_is_read_from_the_response_selector():
    parse = {"intent": {"name": "faq"},
             "response_selector": {"all_retrieval_intents": ["faq"],
                                   "faq": {"response": {
                                       "intent_response_key": "faq/cost"}}}}
    assert predicted_label(parse) == "faq/cost"
    assert predicted_label({"intent": {"name": "greet"}}) == "greet"


def test_accuracy_is_reported_per_language():
    examples = [Example("hi", "en", ("greet",)), Example("hola", "es", ("greet",)),
                Example("cost?", "en", ("faq/cost",))]
    assert accuracy(examples, ["greet", "greet", "faq/eligibility"]) == {
        "en": "1/2 (50.0%)", "es": "1/1 (100.0%)"}


def test_load_percentiles():
    result = LoadResult(concurrency=1, messages=4, seconds=2.0,
                        latencies_ms=[10.0, 20.0, 30.0, 40.0])
    assert result.per_second == 2.0
    assert (result.percentile(50), result.percentile(95)) == (20.0, 40.0)
