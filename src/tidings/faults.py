"""Named crash points, so tests can kill a real run at an exact moment instead of racing it with a timer.

Setting ``TIDINGS_CRASH_AT=<name>`` in a process's environment makes it kill itself with ``SIGKILL`` (as
``kill -9`` would: no cleanup, no ``finally``, no atexit) when it reaches :func:`crash_point` of that name.
Unset (always, outside tests), a crash point costs one dictionary lookup. The points:

- ``merge-start``: the ingest service stored its last batch and is about to merge (the store's
  ``merge_pending`` marker is set);
- ``merge-groups``: inside the merge, the new ``event_groups`` rows are committed but not yet the
  ``merge_keys`` rows that clear the marker.

``tests/e2e/test_crash_consistency.py`` uses them to check that the next run repairs the store.
"""

from __future__ import annotations

import os
import signal

CRASH_ENV = "TIDINGS_CRASH_AT"
CRASH_POINTS: tuple[str, ...] = ("merge-start", "merge-groups")


def crash_point(name: str) -> None:
    """Kill this process with SIGKILL when ``$TIDINGS_CRASH_AT`` names this point; otherwise nothing."""
    if os.environ.get(CRASH_ENV) == name:
        kill = getattr(signal, "SIGKILL", None)
        if kill is None:  # no SIGKILL (Windows): the nearest thing, an exit that skips all cleanup
            os._exit(137)
        os.kill(os.getpid(), kill)
