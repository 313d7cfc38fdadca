"""Help families ask for high-impact tutoring: the checklist and the drafted message.

Plain data (``checklist.yml``, ``letters.yml``) plus small functions, with no Rasa
imports, so the logic is tested on its own and the Rasa actions stay thin.
"""

from typing import Any, Dict

#: Form questions whose answer may name a language: the checklist's "updates in your
#: language?" ("only in English") and the message's language. While one of them is
#: asked, a language named answers it: the conversation's language stays as it is
#: (bot.policies.language), and the slot takes the text even when the NLU reads it
#: as change_language (domain.yml, Advocacy slots).
LANGUAGE_ANSWER_SLOTS = frozenset({"hit_updates", "msg_language"})

#: Keyword arguments of one ``dispatcher.utter_message`` call: what the modules
#: here return for the actions to say, so what is said is tested without Rasa.
Utterance = Dict[str, Any]
