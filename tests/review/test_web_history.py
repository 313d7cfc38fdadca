"""The widget's history after a reload: what the family saw, as they saw it."""

from rasa.shared.core.events import BotUttered, UserUttered

from bot.web.history import HIDDEN_NUMBER, history

EVIDENCE = {"title": "¿Sí funciona?", "payload": "/faq/evidence"}
HELPED = {"title": "👍 Sí", "payload": "/feedback_helpful"}


async def test_a_button_tapped_under_an_earlier_message_shows_its_title(stores):
    """The answer's buttons stay under it when "Did this help?" follows."""
    await stores.save("web-1", [
        BotUttered("La tutoría de alto impacto es...", {"buttons": [EVIDENCE]}),
        BotUttered("¿Le sirvió esta respuesta?", {"buttons": [HELPED]}),
        UserUttered("/faq/evidence"),
        BotUttered("Sí. Una guía de la NEA..."),
        UserUttered("/feedback_helpful"),
    ])
    said = [m["text"] for m in history(stores.tracker, "web-1") if m["from"] == "user"]
    assert said == ["¿Sí funciona?", "👍 Sí"]


async def test_a_number_typed_for_an_alert_shows_hidden_where_it_was_written(stores):
    """Rasa only ever saw /alert_number_given (the pages server kept the number):
    after a reload the family sees that they wrote a number there, never which."""
    await stores.save("web-2", [
        BotUttered("¿Cuál es su número de WhatsApp?"),
        UserUttered("/alert_number_invalid"),
        BotUttered("Escriba los 10 dígitos..."),
        UserUttered("/alert_number_given"),
        BotUttered("Listo."),
    ])
    said = [m["text"] for m in history(stores.tracker, "web-2") if m["from"] == "user"]
    assert said == [HIDDEN_NUMBER, HIDDEN_NUMBER]
