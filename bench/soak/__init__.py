"""bench/soak: a day of a seller's after-sales work in an hour, with faults, and a checker of
the whole history afterwards (run it with `python -m bench.soak`)."""
