"""`python -m bench.soak [--minutes 10] [--schedule full|short]`: start the service as
production runs it, drive a day of traffic with faults on the printed schedule, then check
the whole history; exits 1 on any finding.

The service runs on the embedded Postgres and Redis under `.data/soak/`, or on the servers
named by --database-url and --redis-url (then the faults that stop them are skipped).
"""

import argparse
import sys
from pathlib import Path

from bench.soak import checker, figures
from bench.soak.run import Options, run


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.soak", description=__doc__)
    parser.add_argument("--minutes", type=float, default=10, help="the day's length in real minutes (10)")
    parser.add_argument("--schedule", choices=["full", "short"], default="full", help="the faults")
    parser.add_argument("--orders-per-second", type=float, default=4.0, help="new orders a real second (4)")
    parser.add_argument("--sellers", type=int, default=16)
    parser.add_argument("--out", type=Path, help="the run's folder (default .data/soak/run-TIME)")
    parser.add_argument("--database-url")
    parser.add_argument("--redis-url")
    args = parser.parse_args()
    options = Options(
        minutes=args.minutes,
        schedule=args.schedule,
        orders_per_second=args.orders_per_second,
        sellers=args.sellers,
        out=args.out,
        database_url=args.database_url,
        redis_url=args.redis_url,
    )
    cluster, out, record = run(options)
    try:
        report = checker.check(out, record["database_url"])
    finally:
        cluster.stop_backends()
    figures.show(out)
    checker.show(report, out)
    sys.exit(1 if report.findings else 0)


if __name__ == "__main__":
    main()
