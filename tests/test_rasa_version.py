"""Each adjustment of Rasa's internals is made once, and only on Rasa 3.6."""

from __future__ import annotations

import pytest
import rasa
from rasa.core.actions.action import RemoteAction
from rasa.core.actions.forms import FormAction
from rasa.engine.runner.dask import DaskGraphRunner
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from bot import (
    action_request_json,
    action_response_check,
    applied_events,
    form_turns,
    graph_runs,
    tracker_copies,
)

#: Module, and the Rasa attribute it replaces.
PATCHES = [
    (action_response_check, RemoteAction, "_validate_action_result"),
    (action_request_json, EndpointConfig, "session"),
    (graph_runs, DaskGraphRunner, "run"),
    (applied_events, DialogueStateTracker, "applied_events"),
    (form_turns, FormAction, "_temporary_tracker"),
    (tracker_copies, DialogueStateTracker, "copy"),
]


@pytest.mark.parametrize("module, owner, name", PATCHES)
def test_installed_once_on_rasa_3_6(monkeypatch, module, owner, name):
    monkeypatch.setattr(owner, name, getattr(owner, name))  # restored afterwards
    assert module.install() and module.install()
    replaced = getattr(owner, name)
    assert replaced.__module__ == module.__name__
    assert module.install() and getattr(owner, name) is replaced


@pytest.mark.parametrize("module, owner, name", PATCHES)
def test_another_rasa_is_left_alone_with_a_warning(monkeypatch, caplog, module, owner,
                                                   name):
    rasas = object()
    monkeypatch.setattr(owner, name, rasas)
    monkeypatch.setattr(rasa, "__version__", "3.7.0")
    assert not module.install()
    assert getattr(owner, name) is rasas
    assert "3.7.0" in caplog.text and module.__name__ in caplog.text
