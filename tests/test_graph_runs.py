"""Rasa 3.6's graph runner, with each run's graph built once per set of targets.

Runs give what Rasa's own runner gives, for any inputs and targets; the graph of a
set of targets is worked out once (installing: ``tests/test_rasa_version.py``).
"""

from __future__ import annotations

from typing import Any, Dict
from unittest.mock import MagicMock

import pytest
from rasa.engine.graph import ExecutionContext, GraphComponent, GraphSchema, SchemaNode
from rasa.engine.runner.dask import DaskGraphRunner

from bot import graph_runs
from bot.graph_runs import RASA_RUN


class Add(GraphComponent):
    """Adds its configured amount to what it is given."""

    def __init__(self, amount: int) -> None:
        self.amount = amount

    @classmethod
    def create(cls, config: Dict[str, Any], model_storage: Any, resource: Any,
               execution_context: Any) -> Add:
        return cls(config["amount"])

    def add(self, number: int) -> int:
        return number + self.amount


def node(needs: str, amount: int, target: bool = False) -> SchemaNode:
    return SchemaNode(needs={"number": needs}, uses=Add, constructor_name="create",
                      fn="add", config={"amount": amount}, is_target=target)


#: "__number__" -> one (+1) -> ten (+10) -> both (+100), and one -> two (+2).
SCHEMA = GraphSchema({"one": node("__number__", 1), "ten": node("one", 10),
                      "both": node("ten", 100, target=True),
                      "two": node("one", 2, target=True)})


def runner() -> DaskGraphRunner:
    return DaskGraphRunner(SCHEMA, MagicMock(), ExecutionContext(SCHEMA))


@pytest.fixture
def patched() -> None:
    assert graph_runs.install()
    yield
    DaskGraphRunner.run = RASA_RUN


@pytest.mark.parametrize("targets", [None, ["both"], ["two"], ["ten", "two"]])
def test_runs_give_what_rasas_runner_gives(patched, targets):
    ours = runner()
    for number in (0, 5, -3):
        assert ours.run({"__number__": number}, targets) == RASA_RUN(
            runner(), {"__number__": number}, targets)


def test_the_graph_of_a_set_of_targets_is_worked_out_once(patched, monkeypatch):
    worked_out = []
    rasa_minimal = GraphSchema.minimal_graph_schema
    monkeypatch.setattr(GraphSchema, "minimal_graph_schema", lambda self, targets: (
        worked_out.append(tuple(targets)) or rasa_minimal(self, targets)))
    ours = runner()
    results = [ours.run({"__number__": n}, ["both"])["both"] for n in range(5)]
    assert results == [111, 112, 113, 114, 115]
    assert ours.run({"__number__": 0}, ["two"]) == {"two": 3}
    assert worked_out == [("both",), ("two",)]
