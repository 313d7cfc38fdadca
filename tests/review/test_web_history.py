"""The widget's history after a reload: what the family saw, as they saw it."""

from rasa.shared.core.events import BotUttered, UserUttered

from bot.web.history import history

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
