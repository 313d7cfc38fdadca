"""Each form's questions, read by the action server from ``domain.yml`` itself.

Rasa sends the action server the whole domain with every call unless the action
endpoint enables the selective domain (``endpoints.yml``). Puente's domain is
mostly the FAQ answers in two languages, and the form validation actions, called
on every form turn, need none of it: only their form's ``required_slots``, which
rasa-sdk reads from the domain it is sent. The action server runs from the same
checkout (or image) as the model, so it reads them from the same file, once.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Dict, Tuple

from bot import domain_file as domain


def required_slots(form: str, sent_domain: Dict[str, Any] | None = None,
                   domain_file: Path = domain.DOMAIN_FILE) -> Tuple[str, ...]:
    """Return the slots ``form`` asks for, in order (from the domain sent, if any)."""
    sent = ((sent_domain or {}).get("forms") or {}).get(form)
    if sent is None:
        sent = (domain.read(domain_file).get("forms") or {}).get(form)
    return tuple((sent or {}).get("required_slots") or ())
