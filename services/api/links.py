"""OpenAPI links: which answers name the ids other operations take in their path.

A client (or a fuzzer) reads them to go from an event's answer to its case, from a list to
one of its items. The table names sources by path, not by operation id, and each link is added
to every operation whose path parameters one source names all of, so an operation added later
is linked the moment it takes one of these ids.
"""

from typing import Any

# id in a path -> the answers that name it: (method, path, status, where in the body).
SOURCES: dict[str, list[tuple[str, str, str, str]]] = {
    "case_id": [
        ("post", "/v1/events", "201", "/cases/0/id"),
        ("post", "/v1/events", "200", "/cases/0/id"),
        ("post", "/v1/events:batch", "200", "/results/0/answer/cases/0/id"),
        ("get", "/v1/cases", "200", "/items/0/id"),
        ("get", "/v1/tasks", "200", "/0/case_id"),
    ],
    "order_id": [
        ("post", "/v1/events", "201", "/order_id"),
        ("post", "/v1/events", "200", "/order_id"),
        ("get", "/v1/cases", "200", "/items/0/order_id"),
        ("get", "/v1/cases/{case_id}", "200", "/order_id"),
    ],
    "reminder_id": [("post", "/v1/cases/{case_id}/reminders", "201", "/id")],
    "key_id": [("get", "/v1/api-keys", "200", "/0/id"), ("post", "/v1/api-keys", "201", "/id")],
    "endpoint_id": [
        ("get", "/v1/webhook-endpoints", "200", "/0/id"),
        ("post", "/v1/webhook-endpoints", "201", "/id"),
    ],
    "delivery_id": [("get", "/v1/deliveries", "200", "/items/0/id")],
    "task_id": [("get", "/v1/tasks", "200", "/0/id")],
    "producer_id": [("get", "/v1/producers", "200", "/0/id"), ("post", "/v1/producers", "201", "/id")],
    "kind": [("get", "/v1/producers", "200", "/0/kind"), ("post", "/v1/producers", "201", "/kind")],
    "unmatched_id": [("get", "/v1/unmatched", "200", "/items/0/id")],
    "name": [("get", "/v1/templates", "200", "/0/name")],
}


def _path_parameters(operation: dict[str, Any]) -> list[str]:
    return [p["name"] for p in operation.get("parameters", []) if p.get("in") == "path"]


def add(schema: dict[str, Any]) -> dict[str, Any]:
    """Each source answer gets a link to every operation whose path ids it names all of."""
    paths = schema.get("paths", {})
    named: dict[tuple[str, str, str], dict[str, str]] = {}
    for parameter, sources in SOURCES.items():
        for method, path, status, pointer in sources:
            named.setdefault((method, path, status), {})[parameter] = f"$response.body#{pointer}"
    for (method, path, status), ids in named.items():
        response = paths.get(path, {}).get(method, {}).get("responses", {}).get(status)
        if response is None:
            continue
        links = response.setdefault("links", {})
        for operations in paths.values():
            for target in operations.values():
                wanted = _path_parameters(target)
                if wanted and set(wanted) <= set(ids):
                    links[target["operationId"]] = {
                        "operationId": target["operationId"],
                        "parameters": {name: ids[name] for name in wanted},
                    }
    return schema
