"""Puente's ``domain.yml``, read once per process with PyYAML's C loader.

The domain is mostly the FAQ answers in two languages (over 100 KB). PyYAML's
pure-Python loader takes 200-300 ms for it here, on the event loop of whichever
server asks first: the action server at its first form turn (each form's
questions, :mod:`bot.form_slots`), the pages server at the review app's first
filter (:mod:`bot.review.topics`). The C loader that PyYAML's wheels bundle
(libyaml) reads the same data in about 20 ms. A server runs from the same
checkout or image as its model, and a changed domain means a new model and a
restart, so one read per process is enough.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any, Dict

import yaml

from bot.settings import PROJECT_ROOT

DOMAIN_FILE = PROJECT_ROOT / "domain.yml"
#: libyaml's loader where PyYAML was built with it (its wheels are), else Python's.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@lru_cache(maxsize=4)
def read(domain_file: Path = DOMAIN_FILE) -> Dict[str, Any]:
    """Return the domain's data (shared between callers: read it, never change it).

    Raises ``yaml.YAMLError`` for a file that is not YAML (not cached: the next
    call reads the file again).
    """
    data = yaml.load(domain_file.read_text(encoding="utf-8"), Loader=_LOADER)
    return data if isinstance(data, dict) else {}
