"""The events of every story, rule and test conversation Puente has, for tests of
Rasa adjustments that must give exactly what Rasa gives on each of them."""

from __future__ import annotations

import warnings
from functools import lru_cache
from typing import List, Tuple

from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    DefinePrevUserUtteredFeaturization,
    Event,
    UserUttered,
)
from rasa.shared.core.training_data.story_reader.yaml_story_reader import (
    YAMLStoryReader,
)
from rasa.shared.importers.importer import TrainingDataImporter

from bot.settings import PROJECT_ROOT

#: Events of the long session (each of its prefixes is replayed by Rasa in full).
LONG = 400


@lru_cache(maxsize=1)
def domain() -> Domain:
    """Puente's domain."""
    return Domain.load(str(PROJECT_ROOT / "domain.yml"))


@lru_cache(maxsize=1)
def conversations() -> Tuple[List[Event], ...]:
    """Each story, rule and test conversation, and one long session through them all.

    In the long session each message is followed, as the Rasa server writes it, by
    the event that says whether its text or its intent was used.
    """
    importer = TrainingDataImporter.load_from_dict(
        domain_path=str(PROJECT_ROOT / "domain.yml"),
        training_data_paths=[str(PROJECT_ROOT / "data")])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        steps = list(importer.get_stories().story_steps)
        for path in sorted((PROJECT_ROOT / "tests" / "stories").glob("*.yml")):
            steps += YAMLStoryReader(domain()).read_from_file(
                str(path), skip_validation=True)
    each = [[ActionExecuted("action_listen"), *step.explicit_events(domain())]
            for step in steps]
    session: List[Event] = []
    for event in (event for events in each for event in events):
        session.append(event)
        if isinstance(event, UserUttered):
            session.append(DefinePrevUserUtteredFeaturization(False))
    return (*each, session[:LONG])
