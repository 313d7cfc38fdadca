"""`rasa data validate`, strict: every warning fails unless it is one we expect.

Two warnings are expected by design and derived from the code, not listed by hand:
intents that only `MessageGuard` sets or only a button sends (WhatsApp's, "Did this
help?", the program alert offer) or only the pages server sends (the widget's
WhatsApp number for a program alert) have no training examples,
and responses that only custom actions utter (named in ``actions/`` or ``bot/``, and
the "Tell me more" answers) appear in no story or rule.
"""

import re
import warnings

import yaml
from rasa.shared.importers.importer import TrainingDataImporter
from rasa.validator import Validator

from bot.channels.whatsapp import CHANNEL_INTENTS, CHANNEL_RESPONSES
from bot.faq.feedback import FEEDBACK_INTENTS
from bot.faq.more import MORE_RESPONSES
from bot.nlu.guard import SPECIAL_INTENTS
from bot.programs.alerts import BUTTON_INTENTS as ALERT_INTENTS
from bot.programs.alerts import NUMBER_INTENTS
from tests.content import ROOT

#: Responses named in the code of the actions or of what they call (bot/advocacy
#: returns ``{"response": "utter_..."}`` for its thin actions to utter).
ACTION_RESPONSES = set(
    re.findall(r"""["'](utter_[\w/]+)["']""",
               "".join(p.read_text() for folder in ("actions", "bot")
                       for p in (ROOT / folder).rglob("*.py")))
) | {"utter_default"}  # uttered by Rasa's core fallback action


#: Warnings Rasa 3.6 raises for every project of this shape, not about our data.
RASA_NOTICES = (
    "Slot auto-fill has been removed",  # printed for any domain with slots
    # The retrieval intent: Rasa merges it into the domain again from the NLU data.
    "duplicated intents have been found across multiple domain files: faq",
)


def _expected(message: str) -> bool:
    if any(notice in message for notice in RASA_NOTICES):
        return True
    intent = re.search(r"The intent '(\w+)' is listed in the domain file, but is not "
                       r"found in the NLU training data", message)
    if intent:
        button_only = {*SPECIAL_INTENTS, *CHANNEL_INTENTS, *FEEDBACK_INTENTS,
                       *ALERT_INTENTS, *NUMBER_INTENTS}
        return intent.group(1) in button_only
    utterance = re.search(r"The utterance '([\w/]+)' is not used in any story or rule",
                          message)
    if utterance:
        # utter_ask_<slot>: Rasa's forms ask for a slot with it, never a story.
        name = utterance.group(1)
        expected = ACTION_RESPONSES | CHANNEL_RESPONSES | {MORE_RESPONSES}
        return name in expected or name.startswith("utter_ask_")
    return False


def test_training_data_has_no_unexpected_warnings():
    importer = TrainingDataImporter.load_from_config(
        str(ROOT / "config.yml"), str(ROOT / "domain.yml"), [str(ROOT / "data")]
    )
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        validator = Validator.from_importer(importer)
        checks = [
            validator.verify_domain_validity(),
            validator.verify_actions_in_stories_rules(),
            validator.verify_forms_in_stories_rules(),
            validator.verify_form_slots(),
            validator.verify_slot_mappings(),
        ]
        validator.verify_nlu(ignore_warnings=False)
        validator.verify_story_structure(ignore_warnings=False)
    assert all(checks)
    unexpected = sorted({
        str(w.message) for w in caught
        if issubclass(w.category, UserWarning) and not _expected(str(w.message))
    })
    assert not unexpected, "\n".join(unexpected)


def _booleans(node, path=""):
    """Every true/false YAML read where a word was meant, with where it is."""
    if isinstance(node, dict):
        for key, value in node.items():
            if isinstance(key, bool):
                yield f"{path}/{key} (a key)"
            yield from _booleans(value, f"{path}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            if isinstance(value, bool):
                yield f"{path}[{index}]"
            yield from _booleans(value, f"{path}[{index}]")


def test_no_word_list_holds_a_yaml_boolean():
    """YAML reads a bare yes or no as true or false: "yes" was missing from the
    answers that are no school's name, and reached the letter (an exploratory run)."""
    files = [*(ROOT / "bot").rglob("*.yml"), *(ROOT / "data").rglob("*.yml"),
             ROOT / "domain.yml"]
    found = [f"{path.relative_to(ROOT)}{where}" for path in files
             for where in _booleans(yaml.safe_load(path.read_text(encoding="utf-8")))]
    assert not found, found
