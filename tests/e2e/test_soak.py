"""The soak in two minutes: the service as deployed (two API processes, two workers) through a
day of a seller's traffic on the scaled clock, with a worker and an API process killed, Redis
flushed and stopped, Postgres stopped and a receiver down; the checker then finds nothing lost,
nothing doubled and no unexplained 5xx (bench/soak, docs/RELIABILITY.md)."""

import shutil

from bench.soak import checker
from bench.soak.faults import SHORT
from bench.soak.run import Options, run
from tests.conftest import TEST_DATA


def test_a_day_with_faults_loses_nothing_and_does_nothing_twice() -> None:
    out = TEST_DATA / "soak"
    shutil.rmtree(out, ignore_errors=True)
    cluster, folder, record = run(
        Options(minutes=2, schedule="short", orders_per_second=3, sellers=8, out=out)
    )
    try:
        report = checker.check(folder, record["database_url"])
    finally:
        cluster.stop_backends()
    checker.show(report, folder)
    assert [f["name"] for f in record["faults"] if not f["skipped"]] == [f.name for f in SHORT]
    assert report.counts["events acknowledged"] > 500
    assert report.counts["firings"] > 50
    assert "delivered" in str(report.counts["deliveries by state"])
    assert report.findings == []
