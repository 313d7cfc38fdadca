"""Keep the garbage collector off what the Rasa server loads once (``gc.freeze``).

After loading the model, the Rasa server holds about 530,000 Python objects
(Rasa, TensorFlow's modules, the NLU model). Python's collector walks every one of
them at each full collection: 250 ms here, with the event loop stopped, whenever
enough new objects have survived the younger generations, which a steady stream
of messages brings about. The families whose answers wait behind such a pause
are the mixed load's p95. ``gc.freeze()`` moves the objects alive once the server
has started into a permanent generation the collector never walks; what messages
create is collected as before.
"""

from __future__ import annotations

import gc
import logging
from typing import Any

from sanic import Blueprint, Sanic

logger = logging.getLogger(__name__)


def freeze() -> int:
    """Free what loading left behind, then keep everything alive out of collections.

    Returns how many objects are kept out.
    """
    gc.collect()
    gc.freeze()
    kept = gc.get_freeze_count()
    logger.info("%d objects loaded at start kept out of garbage collection.", kept)
    return kept


def freeze_after_start(blueprint: Blueprint) -> None:
    """Freeze once the server has started: Rasa loads the model before that."""

    @blueprint.listener("after_server_start")
    async def freeze_loaded(app: Sanic, _: Any) -> None:
        freeze()
