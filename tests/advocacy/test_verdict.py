"""What Puente says when the checklist is complete, without Rasa."""

import pytest

from bot.advocacy.verdict import utterances as verdict
from bot.advocacy.verdict import what_now


@pytest.mark.parametrize("language", ["en", "es"])
def test_verdict_names_strengths_then_questions_to_ask(language):
    answers = {"hit_sessions": "no", "hit_same_tutor": "yes",
               "hit_group_size": "unsure"}
    strengths, questions, after = verdict(answers, language)
    assert strengths["response"] == "utter_checklist_strengths"
    assert strengths["strengths"].count("•") == 1
    assert questions["response"] == "utter_checklist_questions"
    assert questions["questions"].count("•") == 5  # a gap and four not sure
    assert after == {"response": "utter_checklist_next"}


def test_all_yes_is_high_impact_with_nothing_to_ask():
    answers = dict.fromkeys(
        ["hit_sessions", "hit_same_tutor", "hit_group_size", "hit_school_day",
         "hit_class_link", "hit_updates"], "yes")
    said = [u["response"] for u in verdict(answers, "es")]
    # no offer to write "with these questions" when there are none (run 10)
    assert said == ["utter_checklist_strengths", "utter_checklist_all_yes"]
    assert what_now(answers) == [{"response": "utter_checklist_keep_going"}]


def test_what_now_after_gaps_is_asking_the_school():
    """"y ahora qué hago?" after the result got "no sé" (exploratory run 10)."""
    ask = [{"response": "utter_checklist_what_now"}]
    assert what_now({"hit_sessions": "no"}) == ask
    assert what_now({}) == ask


def test_no_strengths_means_no_strengths_message():
    said = [u["response"] for u in verdict({}, "en")]
    assert said == ["utter_checklist_questions", "utter_checklist_next"]
