"""Read the safety corpora: one JSON object a line (``text``, ``label``...)."""

import json


def rows(path):
    """Every row of the JSON-lines file ``path`` (blank lines skipped)."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]
