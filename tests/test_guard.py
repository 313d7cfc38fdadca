import pytest

from bot.lang.detect import detect
from bot.nlu.guard import special_intent


@pytest.mark.parametrize(
    "text, intent",
    [
        ("", "empty_message"),
        ("   ", "empty_message"),
        ("😀😀🙏", "only_symbols"),
        ("???!!!", "only_symbols"),
        ("https://example.org/some/page", "only_link"),
        ("<script>alert(1)</script>", None),
        ("<b></b>", "only_symbols"),
        ("a" * 5000, "too_long"),
        ("Quanto custa a tutoria para o meu filho?", "other_language"),
        ("我的孩子需要辅导", "other_language"),
        ("my son wants to kill himself", "crisis"),
        ("tengo 12 años", "child_user"),
        ("what is high impact tutoring", None),
        ("90255", None),
    ],
)
def test_special_messages_get_their_own_intent(text, intent):
    assert special_intent(text, detect(text)) == intent


def test_crisis_wins_over_everything_else():
    text = "my son wants to kill himself " + "x" * 5000
    assert special_intent(text, detect(text)) == "crisis"


def test_a_button_payload_is_not_checked_as_words():
    text = "/faq/what_is_hit"
    assert special_intent(text, detect(text)) is None
