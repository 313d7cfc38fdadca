"""A message sent again is answered from the conversation, never processed twice.

The wrapper is tested around Rasa's own tracker store and output channels, with a
stand-in for the rest of the processor (the handler it wraps); through the real
pages server and Rasa in tests/browser/test_widget_api.py.
"""

import asyncio

import pytest
import rasa
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.processor import MessageProcessor
from rasa.core.tracker_store import InMemoryTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.conversations import answer_once
from bot.conversations.message_ids import marked, retried_id, valid_id

SENDER = "web-1"


def bot_said(text, buttons=None):
    return BotUttered(text, {"elements": None, "quick_replies": None,
                             "buttons": buttons, "attachment": None, "image": None,
                             "custom": None}, {"utter_action": "utter_x"})


def conversation():
    """Two questions, each with its answer; the first marked with its id."""
    return [
        ActionExecuted("action_listen"),
        UserUttered("how much does it cost?", metadata=marked("m-1", False)),
        bot_said("It is free.", [{"title": "Who pays?", "payload": "/faq"}]),
        bot_said("Anything else?"),
        ActionExecuted("action_listen"),
        UserUttered("who are the tutors?", metadata=marked("m-2", False)),
        bot_said("Trained adults."),
    ]


def test_the_answer_of_a_message_is_what_the_bot_said_until_the_next_message():
    answer = answer_once.earlier_answer(conversation(), "m-1")
    assert [u.text for u in answer] == ["It is free.", "Anything else?"]
    assert [u.text for u in answer_once.earlier_answer(conversation(), "m-2")] == [
        "Trained adults."]
    assert answer_once.earlier_answer(conversation(), "m-3") is None


def test_an_answer_is_replayed_as_the_rest_channel_returned_it():
    uttered = conversation()[2]
    assert answer_once.as_collected(SENDER, uttered) == {
        "recipient_id": SENDER, "text": "It is free.",
        "buttons": [{"title": "Who pays?", "payload": "/faq"}]}


@pytest.mark.parametrize("metadata, expected", [
    (marked("m-1", True), "m-1"),
    (marked("m-1", False), None),  # a first sending is never looked up
    ({"message_id": "m-1", "retry": "yes"}, None),
    ({"message_id": "x" * 65, "retry": True}, None),
    ({"message_id": 12, "retry": True}, None),
    (None, None),
])
def test_only_a_well_formed_retry_is_looked_up(metadata, expected):
    assert retried_id(metadata) == expected


def test_message_ids_are_short_strings():
    assert valid_id("abc") == "abc"
    assert valid_id("") is None and valid_id(None) is None and valid_id(["a"]) is None


class Processor:
    """Rasa's processor as far as the wrapper reads it: its tracker store."""

    def __init__(self, events):
        self.tracker_store = InMemoryTrackerStore(Domain.empty())
        tracker = DialogueStateTracker.from_events(SENDER, events)
        asyncio.run(self.tracker_store.save(tracker))
        self.handled = []


async def handle(processor, message):
    processor.handled.append(message.text)
    message.output_channel.messages.append({"recipient_id": SENDER, "text": "new"})
    return message.output_channel.messages


def send(processor, text, metadata):
    message = UserMessage(text, CollectingOutputChannel(), SENDER, metadata=metadata)
    return asyncio.run(answer_once.answering_once(handle)(processor, message))


def test_a_retry_already_answered_gets_that_answer_and_is_not_handled_again():
    processor = Processor(conversation())
    replayed = send(processor, "how much does it cost?", marked("m-1", True))
    assert [m["text"] for m in replayed] == ["It is free.", "Anything else?"]
    assert replayed[0]["buttons"] == [{"title": "Who pays?", "payload": "/faq"}]
    assert processor.handled == []


def test_a_retry_rasa_never_saw_and_a_first_sending_are_handled():
    processor = Processor(conversation())
    assert send(processor, "when?", marked("m-9", True))[0]["text"] == "new"
    assert send(processor, "how much does it cost?", marked("m-1", False))
    assert processor.handled == ["when?", "how much does it cost?"]


def test_a_retry_in_a_conversation_rasa_never_saw_is_handled():
    processor = Processor([])
    processor.tracker_store = InMemoryTrackerStore(Domain.empty())
    assert send(processor, "hi", marked("m-1", True))[0]["text"] == "new"


def test_installed_on_rasa_3_6_and_idempotent():
    assert answer_once.install() and answer_once.install()
    assert answer_once.installed()
    assert MessageProcessor.handle_message.answers_once


def test_another_rasa_version_is_left_as_it_is(monkeypatch, caplog):
    original = MessageProcessor.handle_message
    monkeypatch.setattr(MessageProcessor, "handle_message",
                        getattr(original, "__wrapped__", original))
    monkeypatch.setattr(rasa, "__version__", "3.7.0")
    assert not answer_once.install()
    assert not answer_once.installed()
    assert ("Rasa 3.7.0 is not 3.6.x: a message sent again may be answered twice"
            in caplog.text)
