r"""A crisis typed by ear or with a slip is still a crisis (bot/safety/crisis.py).

``data/safety/typed_c.jsonl`` and ``typed_d.jsonl`` hold corpora C and D as parents
type on a phone (``text``; ``original`` is the corpus's message), rewritten by a
bilingual helper who saw neither the detector nor its patterns, about 20% lightly,
50% with shorthand and misspellings, 30% spelled by ear. Measured before anything
was tuned on them (2026-12-05): without reading words by their sound 293 of 376
crises caught (78%), 8 of 411 near-misses alarmed; with it 350 (93%) and 7. Then
general rules were written from the misses of C alone (a past tense typed without
its -ed, the silent h of "ha", a clause typed without punctuation, chat spellings,
everyday phrases mended too): C 179 to 190 of 193 caught; D, kept out, 171 to 175 of
183. Reading by sound is a second reading, only when the message as typed fits no
pattern (a word the patterns know by a stem would be read away from it): C 189 and D
175 caught, 6 and 3 alarmed (the alarms of the patterns alone come back with it).
Then a word may also begin like a pattern's stem ("combulsion" is ``convuls\w*``,
"ensierre" ``encierr\w*``), n before b or p sounds m, and "were" may be "where": C
193, D 180 (D's misses had been read by then).
"""


import pytest
import yaml

from bot.safety.crisis import _DATA, _OWN_WORDS, crisis_category, own_words
from bot.safety.crisis_model import CORPORA
from tests.safety.corpora import rows
from tests.test_spelling import no_slip_forms  # noqa: F401  (a fixture)


@pytest.mark.parametrize("typed, spelled", [
    ("ya no kiero bibir", "ya no quiero vivir"),
    ("el tio de mi esposo biolo a mi sobrina",
     "el tio de mi esposo violo a mi sobrina"),
    ("mi niño se comio beneno para ratas", "mi niño se comio veneno para ratas"),
    ("my boyfreind chokd me last nite", "my boyfriend choked me last night"),
    ("my daughter says her uncle tuoches her",
     "my daughter says her uncle touches her"),
])
def test_a_crisis_typed_by_ear_or_with_a_slip_is_caught(typed, spelled):
    assert crisis_category(spelled) is not None
    assert crisis_category(typed) == crisis_category(spelled)


@pytest.mark.parametrize("text", [
    "mi ijo se muere de ganas de ir a la tutoria",
    "al niño le pegaron con el balon en el futbol pero esta bien",
    "my son is dyng to join the robotics club",
    "la caza de mi abuela queda lejos de la escuela",
    # a clause typed without punctuation is not a crisis's clause end
    "mi hija no quiere seguir please can we switch tutors",
    "the zoom link is missing i need it",
    "la tarea no aparece por favor",
])
def test_everyday_messages_typed_by_ear_stay_quiet(text):
    assert crisis_category(text) is None


@pytest.mark.parametrize("text", [
    # words the patterns know by a stem ("acuchill\\w*"): read as typed first
    "mi esposo me acuchillo", "mi hija esta atragantada", "la encontre ahorcada",
    "se me perdio la chamaca en el mercado",
])
def test_reading_by_sound_never_loses_a_crisis_the_patterns_catch(text):
    assert crisis_category(text) is not None


@pytest.mark.usefixtures("no_slip_forms")
def test_a_pasted_blob_of_letters_is_not_read_by_sound():
    assert crisis_category("a" * 50_000 + "b") is None


def test_the_common_words_left_alone_are_current():
    """``python -m bot.safety.crisis`` writes them; run it after editing crisis.yml."""
    expected = own_words(yaml.safe_load(_DATA.read_text(encoding="utf-8")))
    assert _OWN_WORDS.read_text(encoding="utf-8").split() == expected


#: What the rules alone miss and alarm in each typed corpus now: it may only get
#: better (``typed_e`` is half of corpus E, read to write rules; the other half is
#: held out, ``test_crisis_model.py``; so is half of corpus G, whose other half is
#: ``typed_g_read``).
TYPED_MISSES = {"typed_c": (0, 5), "typed_d": (3, 3), "typed_e": (0, 6),
                "typed_g_read": (8, 21)}


@pytest.mark.parametrize("name", sorted(TYPED_MISSES))
def test_corpora_typed_on_a_phone_stay_caught(name):
    typed = rows(CORPORA / f"{name}.jsonl")
    crises = [r["text"] for r in typed if r["label"] == "crisis"]
    normal = [r["text"] for r in typed if r["label"] == "normal"]
    missed = [text for text in crises if crisis_category(text) is None]
    alarmed = [text for text in normal if crisis_category(text) is not None]
    most_missed, most_alarmed = TYPED_MISSES[name]
    assert len(missed) <= most_missed, "\n".join(missed)
    assert len(alarmed) <= most_alarmed, "\n".join(alarmed)
