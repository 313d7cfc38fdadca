"""Silence from Rasa becomes a kind "try again", in the family's language."""

import asyncio

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage

from bot.channels.silence import never_silent
from bot.web.messages import MESSAGES

EN, ES = MESSAGES["unavailable"]["en"], MESSAGES["unavailable"]["es"]


def answer_to(text, handler, metadata=None):
    collector = CollectingOutputChannel()
    message = UserMessage(text, collector, "someone", metadata=metadata)
    asyncio.run(never_silent(handler)(message))
    return [m["text"] for m in collector.messages]


async def silent(message):
    return None


async def broken(message):
    raise ConnectionError("action server down")


async def answers(message):
    await message.output_channel.send_text_message(message.sender_id, "An answer")


def test_an_answer_goes_through_untouched():
    assert answer_to("What is tutoring?", answers) == ["An answer"]


def test_no_answer_or_an_error_becomes_try_again_in_the_familys_language():
    assert answer_to("What is tutoring?", silent) == [EN]
    assert answer_to("¿Qué es la tutoría?", broken) == [ES]
    assert answer_to("90255", silent, metadata={"language": "es"}) == [ES]


def test_a_message_with_no_language_gets_both():
    assert answer_to("👍", silent) == [f"{EN}\n{ES}"]
