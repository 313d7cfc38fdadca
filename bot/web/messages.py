"""What the widget endpoint itself says to a parent, in English and Spanish.

Only the few answers the server gives without asking Rasa (too fast, too big,
unreadable request, assistant unreachable); the widget's own labels live in
``static/widget.js``. Language is data: :func:`say` picks, it never branches.
"""

from __future__ import annotations

from bot.lang.detect import language_of

MESSAGES = {
    "rate_limited": {
        "en": "That's a lot of messages at once. Please wait a minute, then try again.",
        "es": "Son muchos mensajes a la vez. Por favor, espere un minuto y vuelva "
              "a intentarlo.",
    },
    "too_large": {
        "en": "That message is too long for me. Please send a shorter one.",
        "es": "Ese mensaje es muy largo para mí. Por favor, envíe uno más corto.",
    },
    "bad_request": {
        "en": "I couldn't read that message. Please type it again.",
        "es": "No pude leer ese mensaje. Por favor, escríbalo otra vez.",
    },
    "unavailable": {
        "en": "Puente can't answer right now. Please try again in a moment.",
        "es": "Puente no puede responder en este momento. Intente de nuevo en "
              "un momento.",
    },
    "unknown_conversation": {
        "en": "This conversation has ended. You can start a new one.",
        "es": "Esta conversación terminó. Puede empezar una nueva.",
    },
}

def say(key: str, language: object) -> str:
    """Return the message ``key`` in ``language`` (English when unknown)."""
    return MESSAGES[key][language_of(language)]
