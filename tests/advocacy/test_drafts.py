"""The drafted message as each channel gets it, without Rasa."""

import pytest

from bot.advocacy import answers
from bot.advocacy.drafts import in_other_language, request_from, utterances
from tests.content import responses, variation

MESSAGE = {
    "msg_school": "Roosevelt Middle",
    "msg_recipient": "teacher",
    "msg_grade": "7",
    "msg_subject": "reading",
    "msg_language": "es",
}


def test_no_request_before_the_form_is_complete():
    assert request_from({**MESSAGE, "msg_grade": None}, "es") is None


def test_the_checklist_gaps_become_the_questions_when_it_was_done():
    slots = {**MESSAGE, "hit_sessions": "no", "hit_updates": "yes"}
    request = request_from(slots, "es")
    assert request is not None and request.family_language == "es"
    assert "sessions" in request.gaps and "updates" not in request.gaps
    assert request_from(MESSAGE, "es").gaps is None  # no checklist: usual questions


def test_the_web_gets_one_copyable_draft_between_intro_and_next_steps():
    intro, draft, after = utterances(request_from(MESSAGE, "es"), "rest")
    assert intro == {"response": "utter_draft_intro"}
    assert after == {"response": "utter_draft_next"}
    assert draft["json_message"]["type"] == "draft" and "text" not in draft
    assert draft["json_message"]["text"].startswith("Estimado maestro o maestra:")


@pytest.mark.parametrize("channel", ["whatsapp", None])
def test_other_channels_get_plain_text_in_one_message_to_forward(channel):
    _, draft, _ = utterances(request_from(MESSAGE, "es"), channel)
    assert draft.keys() == {"text"}
    assert draft["text"].startswith("Estimado maestro o maestra:")
    assert "\n\n" not in draft["text"], "chat channels split a message at blank lines"


def test_the_shorter_draft_is_shorter():
    request = request_from(MESSAGE, "es")
    [(_, long, _), (_, short, _)] = (utterances(request, "whatsapp", short=s)
                                     for s in (False, True))
    assert len(short["text"]) < len(long["text"])


@pytest.mark.parametrize(
    "draft_language, family_language, expected",
    [("es", "es", "en"), ("en", "es", "es"),
     ("both", "es", "en"), ("both", "en", "es")],
)
def test_other_language_switches_or_leaves_both_for_the_one_not_spoken(
    draft_language, family_language, expected
):
    request = request_from({**MESSAGE, "msg_language": draft_language}, family_language)
    assert in_other_language(request).draft_language == expected


@pytest.mark.parametrize("slot, typed, language, space, intro", [
    ("msg_school", "no sé cómo se llama", "es",
     "en 7mo grado en la escuela [nombre de la escuela] y", "donde vea [ ]"),
    ("msg_school", "I don't know", "en", "in grade 7 at [school name] and",
     "where you see [ ]"),
    ("msg_grade", "no se", "es", "está en [grado] en la Roosevelt Middle",
     "donde vea [ ]"),
    # run 16: "no se" looped on the list of subjects
    ("msg_subject", "no se", "es", "necesita ayuda con [materia]", "donde vea [ ]"),
    ("msg_subject", "not sure", "en", "needs help in [subject]", "where you see [ ]"),
])
def test_a_detail_not_known_gets_a_space_and_the_intro_says_so(
        slot, typed, language, space, intro):
    read = answers.READERS[slot](typed, {}, language)
    slots = {**MESSAGE, slot: read, "msg_language": language}
    said, draft, _ = utterances(request_from(slots, language), "whatsapp")
    assert space in draft["text"] and typed not in draft["text"], draft["text"]
    assert said == {"response": "utter_draft_intro_blanks"}
    assert intro in variation(responses()[said["response"]], language)["text"]
