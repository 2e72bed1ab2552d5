"""The API's own Prometheus figures: requests by route template and status, with latency, and the
process's (CPU, memory, file descriptors, garbage collection).

Each app has a registry of its own, so several apps in one process (the tests) never count into
each other. A process is one uvicorn process (`aftersales api`); run several and Prometheus
scrapes each, as its multi-process documentation advises for separate processes.
"""

from prometheus_client import (
    CollectorRegistry,
    Counter,
    GCCollector,
    Histogram,
    PlatformCollector,
    ProcessCollector,
)
from starlette.types import Scope

# Seconds; the API answers most requests in milliseconds, batches in up to a few seconds.
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)
GROUP_BUCKETS = (1, 2, 4, 8, 16, 32, 64, 128, 256, 1000)
# The label of a request no route matched: its raw path would make a series per scanner's guess.
UNMATCHED = "unmatched"


class RequestMetrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        labels = ["method", "route", "status"]
        self.requests = Counter(
            "aftersales_http_requests",
            "HTTP requests answered, by route template and status",
            labels,
            registry=self.registry,
        )
        self.latency = Histogram(
            "aftersales_http_request_duration_seconds",
            "Time to answer an HTTP request, by route template and status",
            labels,
            buckets=LATENCY_BUCKETS,
            registry=self.registry,
        )
        self.group_size = Histogram(
            "aftersales_group_commit_items",
            "Requests applied together in one group commit (single events and inbound deliveries)",
            buckets=GROUP_BUCKETS,
            registry=self.registry,
        )
        ProcessCollector(registry=self.registry)
        PlatformCollector(registry=self.registry)
        GCCollector(registry=self.registry)

    def observe(self, scope: Scope, status: int, seconds: float) -> None:
        labels = (scope["method"], route_template(scope), str(status))
        self.requests.labels(*labels).inc()
        self.latency.labels(*labels).observe(seconds)


def route_template(scope: Scope) -> str:
    """The matched route's path as declared (`/v1/cases/{case_id}`), set by the router."""
    route = scope.get("route")
    return str(getattr(route, "path", None) or UNMATCHED)
