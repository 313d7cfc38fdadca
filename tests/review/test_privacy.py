"""The privacy page's promise, kept on the review app's transcript page.

Organizers read what the family typed with names, phones and emails hidden, and
Puente's own messages word for word: its name, its answers and the public phone
and email of a program. The one exception: a name the family typed and Puente
quotes back (the draft letter quotes the school the family typed) stays hidden.
"""

import html

from rasa.shared.core.events import (
    ActionExecuted,
    BotUttered,
    SessionStarted,
    SlotSet,
    UserUttered,
)
from sqlalchemy import select

from bot.review import queries
from bot.review.models import ConversationSummary
from bot.review.summaries import refresh
from tests.review.webapp import browser as visit

NOW = 1_790_000_000.0
WELCOME = ("Hi! I'm Puente, an automated assistant, not a person. "
           "Please don't share your child's name or other personal information.")
PROGRAM = ("Sunflower Math Circle (demo), Huntington Park. Free. "
           "(323) 555-0100 · hello1@example.org · https://example.org/demo-01")
BIENVENIDA = "¡Hola! Soy Puente, un asistente automático, no una persona."
#: (who, text): "user" for the family, "bot" for Puente.
CHAT = [
    ("bot", WELCOME),
    ("user", "My son Diego Ramirez needs help in reading, call me 323-555-0199"),
    ("bot", PROGRAM),
    ("user", "Mi hija Sofía Hernández va a Lincoln Elementary"),
    ("bot", BIENVENIDA),
    ("bot", "Dear principal, my child Diego goes to Lincoln Elementary."),
]
SHOWN = [
    WELCOME,
    "My son [name] needs help in reading, call me [phone]",
    PROGRAM,
    "Mi hija [name] va a Lincoln Elementary",
    BIENVENIDA,
    "Dear principal, my child [name] goes to Lincoln Elementary.",
]


async def _seed(stores) -> str:
    events = [ActionExecuted("action_session_start", timestamp=NOW),
              SessionStarted(timestamp=NOW), SlotSet("language", "en", timestamp=NOW)]
    for n, (who, text) in enumerate(CHAT, start=1):
        if who == "user":
            intent = {"name": "find_program", "confidence": 0.9}
            events += [ActionExecuted("action_listen", timestamp=NOW + n),
                       UserUttered(text, intent, [], {"intent": intent, "text": text},
                                   timestamp=NOW + n, input_channel="rest")]
        else:
            events.append(BotUttered(text, timestamp=NOW + n))
    await stores.save("web-privacy", events)
    refresh(stores.puente, stores.tracker)
    with stores.puente.connect() as connection:
        return connection.execute(select(ConversationSummary.key)).scalar_one()


async def test_transcript_hides_the_familys_names_and_shows_puentes_words(stores):
    await _seed(stores)
    chat = queries.transcript(stores.puente, stores.tracker, "web-privacy")
    assert [t.text for t in chat.turns if t.kind in ("user", "bot")] == SHOWN


async def test_transcript_page_keeps_the_promise(stores, monkeypatch):
    key = await _seed(stores)
    async with visit(stores, monkeypatch) as browser:
        await browser.login("ana@example.org")
        page = html.unescape((await browser.get(f"/review/c/{key}")).text)
    for text in SHOWN:
        assert text in page
    for secret in ("Diego", "Ramirez", "Sofía", "Hernández", "323-555-0199"):
        assert secret not in page
