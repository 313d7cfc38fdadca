"""The first word in the family's language, end to end (issue 12).

A first message must get one welcome, in the language of the first real sentence,
or in the page's language until the family writes something that says otherwise;
never "Hi again" on first contact, and one set of buttons in one language: a first
question gets the welcome and then its answer's buttons, not the welcome's too. Each
channel a family can start from is tried against the real Rasa and action servers: the
widget's endpoint (the pages server), Rasa's REST channel with and without the
page's language in the metadata, the widget's "Español" button, and WhatsApp.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from contextlib import ExitStack
from dataclasses import dataclass
from typing import Any, Dict, Iterator, List

import pytest
import requests

from bot.bench.ports import free_port
from tests.browser.stack import Pages, pages_server
from tests.channels.meta import FakeGraph
from tests.channels.test_whatsapp_e2e import WhatsApp, configure, new_phone, text_from
from tests.content import responses, variation
from tests.servers import MODEL, Assistant, action_server, rasa_server

pytestmark = [
    pytest.mark.server,
    pytest.mark.skipif(not MODEL.exists(), reason=f"no trained model at {MODEL}"),
]

LANGUAGES = ("en", "es")
RESPONSES = responses()
#: What the widget sends when the parent taps "Español" (bot/web/static/widget.js).
TAP_SPANISH = '/change_language{"language": "es"}'


def opening(name: str, language: str) -> str:
    """The first line of a response in ``language``: enough to recognise it."""
    return variation(RESPONSES[name], language)["text"].splitlines()[0].split("{")[0]


def button_titles(language: str) -> set[str]:
    """Every button title the domain shows in ``language``."""
    return {
        button["title"]
        for variations in RESPONSES.values()
        for button in variation(variations, language).get("buttons", [])
    }


#: Titles that belong to one language only (a title both share says nothing).
ONLY_IN = {
    language: button_titles(language) - button_titles(other)
    for language, other in (("en", "es"), ("es", "en"))
}


@dataclass
class Said:
    """What the family sees after one message: texts and button rows, in order."""

    texts: List[str]
    buttons: List[List[str]]


def check_first_contact(said: Said, language: str) -> None:
    """One welcome in ``language``, no "again" greeting, one language, no repeats."""
    welcomes = {
        lang: [t for t in said.texts if t.startswith(opening("utter_welcome", lang))]
        for lang in LANGUAGES
    }
    assert len(welcomes[language]) == 1, said
    assert not any(welcomes[lang] for lang in LANGUAGES if lang != language), said
    assert said.texts[0] == welcomes[language][0], "the welcome comes first"
    for lang in LANGUAGES:
        again = opening("utter_greet", lang)
        assert not any(t.startswith(again) for t in said.texts), said
    other = next(lang for lang in LANGUAGES if lang != language)
    titles = [title for row in said.buttons for title in row]
    assert not set(titles) & ONLY_IN[other], f"buttons in two languages: {titles}"
    assert len(said.buttons) <= 1, f"two sets of buttons: {said.buttons}"


def rest_said(messages: List[Dict[str, Any]]) -> Said:
    """The REST channel's (and the widget endpoint's) messages."""
    return Said(
        [m.get("text", "") for m in messages if m.get("text")],
        [[b["title"] for b in m["buttons"]] for m in messages if m.get("buttons")],
    )


def whatsapp_said(sent: List[Dict[str, Any]]) -> Said:
    """The Graph API sends: text messages and interactive (button or list) ones."""
    texts: List[str] = []
    buttons: List[List[str]] = []
    for message in sent:
        if message["type"] == "text":
            texts.append(message["text"]["body"])
            continue
        interactive = message["interactive"]
        texts.append(interactive["body"]["text"])
        action = interactive["action"]
        if "buttons" in action:
            buttons.append([b["reply"]["title"] for b in action["buttons"]])
        else:
            buttons.append([row["title"] for section in action["sections"]
                            for row in section["rows"]])
    return Said(texts, buttons)


@dataclass
class Stack:
    """One Rasa server (REST and WhatsApp), its actions, the pages server in front."""

    bot: Assistant
    pages: Pages
    whatsapp: WhatsApp

    def rest(self, text: str, metadata: Dict[str, Any] | None = None) -> Said:
        """A new conversation's first message on Rasa's REST channel."""
        return rest_said(self.bot.say(f"test-{uuid.uuid4().hex}", text, metadata))

    def widget(self, text: str, page: str, spoken: str) -> Said:
        """A new conversation's first message through the widget's endpoint, from a
        page in ``page``; the widget must be told the conversation is in ``spoken``."""
        answer = requests.post(f"{self.pages.url}/api/chat", timeout=60,
                               json={"message": text, "language": page})
        answer.raise_for_status()
        body = answer.json()
        assert body["language"] == spoken, "the widget follows the conversation"
        return rest_said(body["messages"])


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    work = tmp_path_factory.mktemp("welcome")
    graph = FakeGraph().start()
    env, credentials = configure(work, graph)
    bot = Assistant(free_port(), free_port(), work)
    with ExitStack() as stack:
        stack.callback(graph.stop)
        stack.enter_context(action_server(work, bot.actions_port))
        stack.enter_context(rasa_server(work, bot.actions_port, bot.rasa_port,
                                        credentials=credentials, env=env))
        pages = stack.enter_context(pages_server(bot, work / "pages"))
        yield Stack(bot, pages, WhatsApp(bot.rasa_port, graph, work))


@pytest.mark.parametrize("text", [
    "hola",
    "busco tutoría de lectura cerca de South Gate",
    "hola, ¿qué es la tutoría?",
])
def test_a_spanish_first_sentence_is_welcomed_in_spanish(stack, text):
    check_first_contact(stack.rest(text), "es")


SPANISH_FIRST_WORDS = ["hola", "busco tutoría de lectura cerca de South Gate"]


@pytest.mark.parametrize("text", SPANISH_FIRST_WORDS)
def test_spanish_first_words_on_an_english_page_get_the_spanish_welcome(stack, text):
    check_first_contact(stack.rest(text, {"language": "en"}), "es")


@pytest.mark.parametrize("text", ["ok", "90255", "hola"])
def test_a_spanish_page_welcomes_in_spanish_until_the_family_writes(stack, text):
    check_first_contact(stack.rest(text, {"language": "es"}), "es")


def test_an_english_first_sentence_on_a_spanish_page_is_welcomed_in_english(stack):
    check_first_contact(stack.rest("what is tutoring?", {"language": "es"}), "en")


@pytest.mark.parametrize("text, language", [
    ("what is high-impact tutoring?", "en"),
    ("hola, ¿qué es la tutoría?", "es"),
])
def test_a_first_question_gets_the_welcome_then_the_answer_with_its_buttons(
    stack, text, language
):
    said = stack.rest(text)
    check_first_contact(said, language)
    assert opening("utter_welcome_ask", language) not in said.texts, said
    assert said.buttons == [[b["title"] for b in variation(
        RESPONSES["utter_faq/what_is_hit"], language)["buttons"]]], said


@pytest.mark.parametrize("text, language",
                         [("ok", "en"), ("hi", "en"), ("gracias", "es")])
def test_a_first_courtesy_word_gets_the_welcome_alone(stack, text, language):
    """The welcome asks what the family would like to know: no second question."""
    said = stack.rest(text)
    check_first_contact(said, language)
    assert said.texts[1:] == [opening("utter_welcome_ask", language)], said


@pytest.mark.parametrize("text", ["ok", "90255", "hola, ¿qué es la tutoría?"])
def test_the_widget_on_a_spanish_page_welcomes_in_spanish(stack, text):
    check_first_contact(stack.widget(text, "es", "es"), "es")


@pytest.mark.parametrize("page", ["en", "es"])
def test_tapping_espanol_first_gets_the_spanish_welcome_alone(stack, page):
    said = stack.widget(TAP_SPANISH, page, "es")
    check_first_contact(said, "es")
    assert said.texts[1:] == [opening("utter_welcome_ask", "es")], said


def test_the_page_language_reaches_the_session_start(stack):
    """Rasa fills ``session_started_metadata`` from the first message's metadata;
    ``action_session_start`` sets the language from it, before any message."""
    sender = f"test-{uuid.uuid4().hex}"
    stack.bot.say(sender, "90255", {"language": "es"})
    with sqlite3.connect(stack.bot.work / "conversations.db") as database:
        rows = database.execute(
            "SELECT type_name, data FROM events WHERE sender_id = ? ORDER BY id",
            (sender,),
        ).fetchall()
    events = [(kind, json.loads(data)) for kind, data in rows]
    started = next(i for i, (kind, _) in enumerate(events) if kind == "session_started")
    first_user = next(i for i, (kind, _) in enumerate(events) if kind == "user")
    assert any(kind == "slot" and data["name"] == "language" and data["value"] == "es"
               for kind, data in events[started:first_user])


@pytest.mark.parametrize("text, language", [
    ("hola", "es"),
    ("hola, ¿qué es la tutoría?", "es"),
    ("Hi", "en"),
    ("español", "es"),  # WhatsApp has no language button: the family types it
])
def test_whatsapp_welcomes_in_the_language_of_the_first_message(stack, text, language):
    phone = new_phone()
    body = text_from(phone, text)
    assert stack.whatsapp.post(body).status_code == 200
    stack.whatsapp.finished(body)
    check_first_contact(whatsapp_said(stack.whatsapp.sent_to(phone)), language)


def test_spanish_after_a_spanish_welcome_stays_spanish(stack):
    """Everything after the welcome follows the first sentence's language."""
    sender = f"test-{uuid.uuid4().hex}"
    check_first_contact(rest_said(stack.bot.say(sender, "hola")), "es")
    answer = rest_said(stack.bot.say(sender, "cuanto cuesta"))
    titles = {title for row in answer.buttons for title in row}
    assert "Fuente" in "\n".join(answer.texts) and not titles & ONLY_IN["en"], answer

