"""Rasa sends the domain only to the actions that read it; the forms still validate.

Every custom-action call used to carry Puente's whole domain (mostly the FAQ
answers in two languages). With the selective domain (``endpoints.yml``), the form
validation actions, called on every form turn, get none and read their questions
from ``domain.yml`` on the action server (``bot.form_slots``).
"""

from __future__ import annotations

import asyncio

import pytest
import yaml
from rasa.core.actions.action import RemoteAction
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, ActiveLoop, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig
from rasa_sdk.executor import ActionExecutor

from bot import form_slots
from bot.advocacy import forms
from bot.bench.servers import local_endpoints
from bot.settings import PROJECT_ROOT

DOMAIN = Domain.load(str(PROJECT_ROOT / "domain.yml"))
VALIDATIONS = [f"validate_{form}" for form in DOMAIN.form_names]


def action_endpoint(endpoints_file) -> EndpointConfig:
    """The action endpoint as Rasa reads it from an endpoints file."""
    settings = yaml.safe_load(endpoints_file.read_text())["action_endpoint"]
    return EndpointConfig(**settings)


def checklist_turn() -> DialogueStateTracker:
    """The family taps "Yes" to the checklist's first question."""
    return DialogueStateTracker.from_events("familia-1", [
        ActionExecuted("action_listen"),
        ActiveLoop("checklist_form"),
        SlotSet("requested_slot", "hit_sessions"),
        SlotSet("language", "es"),
        ActionExecuted("action_listen"),
        UserUttered("/affirm", {"name": "affirm", "confidence": 1.0}),
        SlotSet("hit_sessions", "/affirm"),
    ], DOMAIN.slots)


@pytest.mark.parametrize("endpoints", ["endpoints.yml", "endpoints.production.yml"])
def test_only_actions_that_read_the_domain_are_sent_it(endpoints):
    endpoint = action_endpoint(PROJECT_ROOT / endpoints)
    tracker = checklist_turn()
    sent = {name: "domain" in RemoteAction(name, endpoint)._action_call_format(
        tracker, DOMAIN) for name in DOMAIN.user_actions}
    assert {name for name, with_domain in sent.items() if with_domain} == {
        "action_faq_more"}, "it reads which 'Tell me more' responses exist"
    assert set(VALIDATIONS) <= set(sent)


def test_tests_and_benches_start_rasa_with_the_same_endpoint_settings(tmp_path):
    endpoint = action_endpoint(local_endpoints(tmp_path, 5999))
    assert endpoint.url == "http://127.0.0.1:5999/webhook"
    assert endpoint.kwargs == action_endpoint(PROJECT_ROOT / "endpoints.yml").kwargs


@pytest.mark.parametrize("form", DOMAIN.form_names)
def test_the_action_server_reads_each_forms_questions_as_the_domain_has_them(form):
    assert form_slots.required_slots(form) == tuple(
        DOMAIN.required_slots_for_form(form))
    assert form_slots.required_slots(form, {"forms": {form: {
        "required_slots": ["sent"]}}}) == ("sent",), "a domain sent still wins"


def test_a_form_turn_sent_without_the_domain_is_validated():
    """The request exactly as Rasa sends it: the tap becomes "yes"."""
    request = RemoteAction("validate_checklist_form", action_endpoint(
        PROJECT_ROOT / "endpoints.yml"))._action_call_format(checklist_turn(), DOMAIN)
    assert "domain" not in request
    executor = ActionExecutor()
    executor.register_package("actions")
    answer = asyncio.run(executor.run(request))
    assert {"event": "slot", "name": "hit_sessions", "value": "yes",
            "timestamp": None} in answer["events"]
    assert forms.CHECKLIST.slots == form_slots.required_slots("checklist_form")
