"""``make bench``: print Puente's accuracy and speed figures beside their baselines.

Every figure is measured in this run, against a baseline measured in the same run
(Rasa's default pipeline, a stock ``rasa init`` assistant), so ratios hold across
machines even when absolute times do not.
"""

from __future__ import annotations

import argparse
import importlib
import time
from types import ModuleType

from bot.settings import PROJECT_ROOT, load_settings


def _part(name: str) -> ModuleType:
    """Import a part only when it runs.

    nlu and speed load Rasa and TensorFlow (seconds, 430 MiB and TensorFlow's
    notices), which the other parts need not.
    """
    return importlib.import_module(f"bot.bench.{name}")


#: Each part, run with the command line's arguments and the data folder's bench/.
PARTS = {
    "nlu": lambda args, work: _part("nlu").run(args.pipelines),
    "speed": lambda args, work: _part("speed").run(
        PROJECT_ROOT / "models" / "puente.tar.gz", work),
    "review": lambda args, work: _part("review").run(work / "review"),
    "programs": lambda args, work: _part("programs").run(work, args.postgres_url),
    "training": lambda args, work: _part("training").run(work),
    "privacy": lambda args, work: _part("privacy").run(),
    "crisis": lambda args, work: _part("crisis").run(),
    "memory": lambda args, work: _part("memory").run(
        PROJECT_ROOT / "models" / "puente.tar.gz"),
}


def main() -> None:
    """Run the chosen benchmark parts and print their figures."""
    parser = argparse.ArgumentParser(prog="python -m bot.bench", description=__doc__)
    parser.add_argument("parts", nargs="*", metavar="PART",
                        help=f"what to measure: {', '.join(PARTS)} (default: all)")
    parser.add_argument("--pipelines", nargs="+", default=["Puente", "Rasa default"],
                        choices=["Puente", "Puente shipped", "Rasa default"],
                        help="NLU pipelines to compare (Rasa default trains ~1 h; "
                        "Puente shipped learns dev too: test only)")
    parser.add_argument("--postgres-url", default=None,
                        help="a PostgreSQL server for the programs part "
                             "(its tables are emptied)")
    args = parser.parse_args()
    unknown = set(args.parts) - set(PARTS)
    if unknown:
        parser.error(f"unknown part(s): {', '.join(sorted(unknown))}")
    work = load_settings().data_dir / "bench"  # settings read once for every part
    for part in args.parts or list(PARTS):
        started = time.monotonic()
        for line in PARTS[part](args, work):  # a part may yield lines as it measures
            print(line, flush=True)
        print(f"({part}: {time.monotonic() - started:.0f} s)", flush=True)


if __name__ == "__main__":
    main()
