"""With the action server down, families get a kind "try again", never silence.

The real Rasa server with nothing listening on its action server's port (as when
the action server died or is restarting); then the action server comes up on that
port and the same conversation is answered as usual.
"""

import uuid

import pytest

from bot.bench.ports import free_port
from bot.web.messages import MESSAGES
from tests.servers import Assistant, action_server, rasa_server

pytestmark = pytest.mark.server


def test_no_action_server_gets_a_kind_message_then_answers_resume(tmp_path):
    bot = Assistant(free_port(), free_port(), tmp_path)
    english, spanish = f"test-{uuid.uuid4().hex}", f"test-{uuid.uuid4().hex}"
    with rasa_server(tmp_path, bot.actions_port, bot.rasa_port):
        down = {
            "en": bot.say(english, "What is high-impact tutoring?"),
            "es": bot.say(spanish, "hola, ¿qué es la tutoría?"),
            # a zip code says no language: the page's language is used
            "es_page": bot.say(f"test-{uuid.uuid4().hex}", "90255",
                               metadata={"language": "es"}),
        }
        for case, messages in down.items():
            assert [m["text"] for m in messages] == [MESSAGES["unavailable"][case[:2]]]

        with action_server(tmp_path, bot.actions_port):
            back = bot.say(english, "What is high-impact tutoring?")
        assert MESSAGES["unavailable"]["en"] not in [m.get("text") for m in back]
        assert any("tutoring" in m.get("text", "") for m in back)
