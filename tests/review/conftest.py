"""Real tracker stores for the review app: Puente's SQL tracker store (Rasa's, with
faster reads and saves; bot.conversations.store) writes them, as in production.

Every test that takes ``stores`` runs twice: on SQLite files and on a fresh
database of the PostgreSQL server ``make test`` starts (skipped only when
PUENTE_TEST_POSTGRES_URL is unset).
"""

from __future__ import annotations

from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, List, Sequence, Tuple

import pytest
import yaml
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    BotUttered,
    Event,
    SessionStarted,
    SlotSet,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy.engine import Engine

from bot.conversations.store import SQLTrackerStore
from bot.db import make_engine, migrate
from bot.review.tracker import tracker_store_for
from bot.settings import Settings
from tests.databases import postgres_database

#: (text, intent, confidence, topic): one message of a family.
Message = Tuple[str, str, float, str | None]
#: The action Rasa runs for an intent, and the response it says (as the assistant's
#: own actions and rules do: the fallback says "not sure", an FAQ its topic).
ANSWERS = {"nlu_fallback": ("action_default_fallback", "utter_not_sure"),
           "human_handoff": ("utter_human_handoff", "utter_human_handoff"),
           "find_program": ("program_search_form", "utter_ask_program_location")}


def events_for(start: float, language: str, messages: Sequence[Message],
               channel: str = "rest", extra: Sequence[Event] = ()) -> List[Event]:
    """The events Rasa records for ``messages``, one second apart from ``start``."""
    events: List[Event] = [ActionExecuted("action_session_start", timestamp=start),
                           SessionStarted(timestamp=start)]
    clock = start
    for text_, intent, confidence, topic in messages:
        clock += 1
        parse = {"intent": {"name": intent, "confidence": confidence}, "entities": [],
                 "text": text_, "intent_ranking": []}
        if topic:
            parse["response_selector"] = {"faq": {"response": {
                "intent_response_key": topic, "utter_action": f"utter_{topic}"},
                "ranking": []}}
        events += [
            ActionExecuted("action_listen", timestamp=clock),
            UserUttered(text_, parse["intent"], [], parse, timestamp=clock,
                        input_channel=channel),
            SlotSet("language", language, timestamp=clock),
        ]
        # An FAQ runs Rasa's ``utter_faq``, which says the topic's response.
        action, said = ANSWERS.get(
            intent, (f"utter_{intent}", f"utter_{topic or intent}")
        )
        events += [
            ActionExecuted(action, timestamp=clock),
            BotUttered(f"answer to {intent}", metadata={"utter_action": said},
                       timestamp=clock),
        ]
    events.extend(extra)
    return events


@dataclass
class Stores:
    """Puente's database and the tracker store of one test, with Rasa's writer."""

    puente: Engine
    tracker: Engine
    rasa: SQLTrackerStore
    settings: Settings

    async def save(self, sender_id: str, events: List[Event]) -> None:
        """Write a conversation through Rasa's own tracker store."""
        await self.rasa.save(DialogueStateTracker.from_events(sender_id, events))


def _settings(tmp_path: Path, database_url: str,
              tracker: str | None = None) -> Settings:
    """Settings for one test: its own data folder, and an endpoints file naming the
    tracker store (as ``make run`` gives Rasa), which the review app reads."""
    endpoints = tmp_path / "endpoints.yml"
    if tracker:
        store = tracker_store_for(tracker)
        endpoints.write_text(yaml.safe_dump({"tracker_store": store}))
    return Settings(host="127.0.0.1", rasa_port=0, actions_port=0, pages_port=0,
                    data_dir=tmp_path, handoff_contact="test", retention_days=180,
                    database_url=database_url, endpoints=endpoints)


@pytest.fixture(params=["sqlite",
                        pytest.param("postgresql", marks=pytest.mark.postgres)])
def stores(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Stores]:
    with ExitStack() as stack:
        if request.param == "sqlite":
            puente_url = f"sqlite:///{tmp_path}/puente.db"
            tracker_url = f"sqlite:///{tmp_path}/conversations.db"
            rasa = SQLTrackerStore(domain=Domain.empty(), dialect="sqlite",
                                   db=str(tmp_path / "conversations.db"))
        else:
            url = stack.enter_context(postgres_database("review"))
            puente_url = tracker_url = url.render_as_string(hide_password=False)
            rasa = SQLTrackerStore(domain=Domain.empty(), dialect="postgresql",
                                   host=url.host, port=url.port, db=url.database,
                                   username=url.username, password=url.password)
        migrate(puente_url)
        result = Stores(make_engine(puente_url), make_engine(tracker_url), rasa,
                        _settings(tmp_path, puente_url, tracker_url))
        yield result
        result.puente.dispose()
        result.tracker.dispose()
        rasa.engine.dispose()
