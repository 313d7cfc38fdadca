"""Puente's REST channel on the wire, without Rasa: mounted as Rasa mounts it
(``register``) and reached through Sanic's ASGI test client, with an agent that
answers, stays silent or fails. Whatever the agent does, the family gets an
answer. (tests/test_action_server_down.py checks the same with the real Rasa.)"""

from __future__ import annotations

import uuid
from typing import Awaitable, Callable

import pytest
from rasa.core.channels.channel import UserMessage, register
from sanic import Sanic

from bot.channels.rest import RestInput
from bot.web.messages import MESSAGES

EN, ES = MESSAGES["unavailable"]["en"], MESSAGES["unavailable"]["es"]
Handler = Callable[[UserMessage], Awaitable[None]]


class Agent:
    """Stands in for Rasa's agent: ``register`` hands its messages to ``handler``."""

    def __init__(self, handler: Handler) -> None:
        self.handle_message = handler


async def answers(message: UserMessage) -> None:
    await message.output_channel.send_text_message(message.sender_id, "An answer")


async def silent(message: UserMessage) -> None:
    return None


async def broken(message: UserMessage) -> None:
    raise ConnectionError("action server down")


async def send(handler: Handler, text: str, **body: object) -> list:
    app = Sanic(f"rest_{uuid.uuid4().hex[:8]}")
    app.ctx.agent = Agent(handler)
    register([RestInput()], app, route="/webhooks/")
    _, reply = await app.asgi_client.post(
        "/webhooks/rest/webhook", json={"sender": "someone", "message": text, **body})
    assert reply.status == 200
    return [m["text"] for m in reply.json]


async def test_an_answer_goes_through_untouched():
    assert await send(answers, "What is tutoring?") == ["An answer"]


@pytest.mark.parametrize("handler", [silent, broken])
async def test_silence_or_a_failure_becomes_try_again_in_the_familys_language(
        handler):
    assert await send(handler, "What is tutoring?") == [EN]
    assert await send(handler, "¿Qué es la tutoría?") == [ES]
    assert await send(handler, "90255", metadata={"language": "es"}) == [ES]
    assert await send(handler, "👍") == [f"{EN}\n{ES}"]
