"""Messages that must not get an ordinary answer: a crisis, or a child writing.

Their intents (set by :mod:`bot.nlu.guard`) are named here, where the action server
can read them without loading Rasa (:mod:`bot.safety.crisis` does).
"""

CRISIS = "crisis"
CHILD_USER = "child_user"
#: Answered before anything else, inside a form too: such a message fills none of
#: the form's answers. "no se, mi hija dice que se quiere morir" at the program
#: search's grade filled the grade ("no sé": every grade), the form went on to the
#: subject and the emergency lines never came (exploratory run 17): Rasa lets a
#: form whose question was answered go on, and answers a crisis only where the
#: form's question was not.
ANSWERED_FIRST = frozenset({CRISIS, CHILD_USER})
