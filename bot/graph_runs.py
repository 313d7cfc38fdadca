"""Rasa's graph runner, with each run's graph built once per set of targets (Rasa 3.6).

Rasa runs its model graph several times per message: once for the NLU and once for
each prediction of the turn. Every run, Rasa 3.6's ``DaskGraphRunner.run`` works
out which nodes the targets need (``GraphSchema.minimal_graph_schema``, a recursive
walk that visits a shared dependency once per path to it) and builds the dask graph
of those nodes again, though neither the schema nor the nodes change once the model
is loaded: 3% of the Rasa server's CPU in the mixed load of ``make bench
PARTS=speed``. :func:`install` keeps the graph per set of targets, and each run
adds its inputs to a copy of it, as before.

Pinned to Rasa 3.6.x, whose ``DaskGraphRunner.run`` this repeats line for line; on
another version nothing is patched and a warning says so. Installed by
:mod:`bot.channels.rest`, like the other adjustments (:mod:`bot.rasa_version`).
"""

from __future__ import annotations

import logging
from typing import Any, Dict, List, Tuple

import dask.local
from rasa.engine.exceptions import GraphRunError
from rasa.engine.runner.dask import DaskGraphRunner

from bot.rasa_version import replace

logger = logging.getLogger(__name__)
#: Rasa's own method, for the tests (captured before anything replaces it).
RASA_RUN = DaskGraphRunner.run


def graph_for(runner: DaskGraphRunner, targets: List[str]) -> Dict[str, Any]:
    """Return the dask graph of the nodes ``targets`` need (built on the first run)."""
    graphs: Dict[Tuple[str, ...], Dict[str, Any]] = runner.__dict__.setdefault(
        "_puente_graphs", {})
    key = tuple(targets)
    if key not in graphs:
        schema = runner._graph_schema.minimal_graph_schema(targets)
        graphs[key] = runner._build_dask_graph(schema)
    return graphs[key]


def run(
    self: DaskGraphRunner,
    inputs: Dict[str, Any] | None = None,
    targets: List[str] | None = None,
) -> Dict[str, Any]:
    """Rasa 3.6's ``DaskGraphRunner.run``, on a copy of the graph kept per targets."""
    run_targets = targets if targets else self._graph_schema.target_names
    run_graph = dict(graph_for(self, run_targets))

    if inputs:
        self._add_inputs_to_graph(inputs, run_graph)

    logger.debug(
        f"Running graph with inputs: {inputs}, targets: {targets} "
        f"and {self._execution_context}."
    )

    try:
        dask_result = dask.local.get_sync(run_graph, run_targets)  # = dask.get
        return dict(dask_result)
    except RuntimeError as e:
        raise GraphRunError("Error running runner.") from e


def install() -> bool:
    """Patch Rasa 3.6.x (see :func:`bot.rasa_version.replace`); whether it is active."""
    return replace(DaskGraphRunner, "run", run,
                   "the model graph is rebuilt on every run", __name__,
                   "Model graphs kept per set of targets.")
