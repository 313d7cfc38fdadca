"""Which answer "Tell me more" expands (bot/faq/more.py)."""

from bot.faq.more import more_response

RESPONSES = ["utter_faq/cost", "utter_faq_more/cost", "utter_faq/funding",
             "utter_faq_more/funding", "utter_help"]


def bot(action):
    return {"event": "bot", "text": "…", "metadata": {"utter_action": action}}


def topic(name):
    return [{"entity": "faq_topic", "value": name}]


def test_the_button_topic_wins_even_when_an_older_button_is_tapped():
    events = [bot("utter_faq/cost"), {"event": "user"}, bot("utter_faq/funding")]
    assert more_response(topic("cost"), events, RESPONSES) == "utter_faq_more/cost"


def test_without_a_topic_the_last_faq_answer_is_expanded():
    events = [bot("utter_faq/cost"), bot("utter_faq/funding"), bot("utter_help")]
    assert more_response([], events, RESPONSES) == "utter_faq_more/funding"


def test_an_unknown_topic_falls_back_to_the_last_answer_or_nothing():
    events = [bot("utter_faq/cost")]
    assert more_response(topic("nope"), events, RESPONSES) == "utter_faq_more/cost"
    assert more_response(topic("nope"), [], RESPONSES) is None
    assert more_response([], [{"event": "bot", "metadata": None}], RESPONSES) is None
