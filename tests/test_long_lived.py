"""What a server loaded at start is kept out of garbage collection (gc.freeze)."""

import gc
import weakref

from bot import long_lived


class Cycle:
    """An object only the cyclic collector can free."""

    def __init__(self):
        self.me = self


def test_what_is_alive_at_start_is_frozen_and_garbage_is_freed_first():
    gc.collect()
    before = gc.get_freeze_count()
    loaded = [Cycle() for _ in range(100)]  # alive: a server's model, say
    garbage = weakref.ref(Cycle())  # left behind by loading
    try:
        kept = long_lived.freeze()
        assert garbage() is None, "freed first, not kept forever"
        assert kept >= before + len(loaded)
        # Out of the generations the collector walks. (Not the count again: a frozen
        # object another thread of the test process lets go of leaves the count.)
        walked = {id(o) for o in gc.get_objects()}
        assert not any(id(o) in walked for o in loaded)
    finally:
        gc.unfreeze()  # the other tests in this process collect as before
    assert gc.get_freeze_count() == 0
