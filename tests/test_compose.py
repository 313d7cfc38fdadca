"""The shipped topology (compose.yaml, the Dockerfile) runs what ``make scale-test``
tested: the same ``puente`` commands, the same nginx, the same settings.

Containers cannot run on this machine, so this is what keeps them honest.
"""

import json
import re

import yaml

from bot.bench.graph import FakeGraph
from bot.scale.__main__ import _environment
from bot.scale.topology import COMMANDS, Ports, nginx_conf
from bot.settings import PROJECT_ROOT

COMPOSE = yaml.safe_load((PROJECT_ROOT / "compose.yaml").read_text())


def test_each_service_runs_the_command_the_scale_test_runs():
    for kind, arguments in COMMANDS.items():
        assert COMPOSE["services"][kind]["command"] == ["puente", *arguments], kind


def test_the_image_runs_a_rasa_replica_by_default_as_a_user():
    dockerfile = (PROJECT_ROOT / "Dockerfile").read_text()
    cmd = re.search(r"^CMD (.+)$", dockerfile, re.MULTILINE).group(1)
    assert json.loads(cmd) == ["puente", *COMMANDS["rasa"]]
    assert re.search(r"^USER 10001$", dockerfile, re.MULTILINE)
    assert "HEALTHCHECK" in dockerfile and "http://127.0.0.1:5005/" in dockerfile


def test_nginx_in_compose_is_the_one_the_scale_test_generates():
    shipped = (PROJECT_ROOT / "deploy" / "nginx.conf").read_text()
    assert shipped == nginx_conf("80", "8081", ["rasa:5005"], ["pages:8000"]), (
        "regenerate deploy/nginx.conf with bot.scale.topology.nginx_conf")
    settings = COMPOSE["x-puente"]["environment"]
    assert settings["PUENTE_SERVER_RASA_UPSTREAM"] == "http://nginx:8081"


def test_compose_sets_every_setting_the_scale_test_sets():
    tested = _environment({"scale_puente": "postgresql://p@h:1/a",
                           "scale_conversations": "postgresql://p@h:1/b"}, "6379",
                          FakeGraph(port=1), Ports(0, 0, (), (), ()))
    example = (PROJECT_ROOT / "deploy" / "env.example").read_text()
    shipped = set(COMPOSE["x-puente"]["environment"]) | set(
        re.findall(r"^(\w+)=", example, re.MULTILINE))
    # The scale test's own choices, not settings a deploy needs: a lower chat
    # limit so that its burst is short, and the fake Graph API's address.
    own = {"PUENTE_WEB_MESSAGES_PER_MINUTE_PER_ADDRESS", "WHATSAPP_API_BASE"}
    assert set(tested) - own <= shipped
