"""Help families ask for high-impact tutoring: the checklist and the drafted message.

Plain data (``checklist.yml``, ``letters.yml``) plus small functions, with no Rasa
imports, so the logic is tested on its own and the Rasa actions stay thin.
"""
