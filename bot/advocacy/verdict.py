"""What Puente says when the checklist is complete: strengths, then what to ask.

Plain answers in, ``utter_message`` arguments out, so the verdict is tested
without Rasa.
"""

from __future__ import annotations

from typing import Any, Mapping

from bot.advocacy import Utterance, checklist


def utterances(answers: Mapping[str, Any], language: str) -> list[Utterance]:
    """Say what the program does well, and for each gap or "not sure" what to ask.

    The answers are kept afterwards: the drafted message asks the gap questions.
    """
    result = checklist.score(answers)
    said: list[Utterance] = []
    if result.strengths:
        said.append({
            "response": "utter_checklist_strengths",
            "strengths": checklist.bullets(result.strengths, "strength", language),
        })
    if result.is_high_impact:
        # no offer to write "with these questions": there are none (exploratory run 10)
        said.append({"response": "utter_checklist_all_yes"})
    else:
        said.append({
            "response": "utter_checklist_questions",
            "questions": checklist.questions_to_ask(result, language),
        })
        said.append({"response": "utter_checklist_next"})
    return said


def what_now(answers: Mapping[str, Any]) -> list[Utterance]:
    """Say the next step for what the checklist found, asked right after its result.

    "y ahora qué hago?" and "what now?" got "no sé" or the list of what Puente
    does (exploratory run 10): keep going when it sounds high-impact, else ask the
    school the questions, with the offer to write them.
    """
    if checklist.score(answers).is_high_impact:
        return [{"response": "utter_checklist_keep_going"}]
    return [{"response": "utter_checklist_what_now"}]
