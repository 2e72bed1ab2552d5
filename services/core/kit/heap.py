"""Garbage collection for a long-running server process: the API and the worker.

With CPython's defaults, a young collection runs every 700 container allocations, and each
batch of the sweep keeps thousands of objects alive while it works, so they are traversed
again and again and promoted into the old generation, whose full collections also walk every
module, model and schema loaded at start. bench/clocks' in-process bursts spent 19 µs of the
sweep's ~100 µs of Python per firing in the collector; settled, 2 µs.
"""

import gc

# Container allocations between young collections (CPython's default is 700).
YOUNG_THRESHOLD = 10_000


def settle() -> None:
    """Call once the process has started: what is loaded by then lives as long as the process,
    so it is moved out of the collector's sight, and young collections come less often."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(YOUNG_THRESHOLD, *gc.get_threshold()[1:])
