"""openapi/openapi.json is the contract sellers' engineers read; it must match the app."""

import json
from pathlib import Path

from fastapi import FastAPI
from prometheus_client import CONTENT_TYPE_LATEST

OPENAPI = Path(__file__).resolve().parents[2] / "openapi" / "openapi.json"


async def test_openapi_file_matches_the_app(app: FastAPI) -> None:
    assert OPENAPI.exists(), "run `aftersales openapi` to write openapi/openapi.json"
    assert json.loads(OPENAPI.read_text()) == app.openapi(), "run `aftersales openapi` and commit the file"


async def test_every_operation_documents_its_problems(app: FastAPI) -> None:
    schema = app.openapi()
    assert schema["components"]["securitySchemes"]["HTTPBearer"]["scheme"] == "bearer"
    problem = {"$ref": "#/components/schemas/Problem"}
    for path, operations in schema["paths"].items():
        if not path.startswith("/v1/"):
            continue
        for method, operation in operations.items():
            for status in ("401", "422", "503"):
                content = operation["responses"][status]["content"]
                assert content["application/problem+json"]["schema"] == problem, (method, path, status)


async def test_an_events_answer_links_to_its_case(app: FastAPI) -> None:
    paths = app.openapi()["paths"]
    get_case = paths["/v1/cases/{case_id}"]["get"]["operationId"]
    for path, method, status, pointer in (
        ("/v1/events", "post", "201", "$response.body#/cases/0/id"),
        ("/v1/cases", "get", "200", "$response.body#/items/0/id"),
    ):
        link = paths[path][method]["responses"][status]["links"][get_case]
        assert link == {"operationId": get_case, "parameters": {"case_id": pointer}}, (path, link)


async def test_metrics_document_the_prometheus_content_type(app: FastAPI) -> None:
    content = app.openapi()["paths"]["/metrics"]["get"]["responses"]["200"]["content"]
    assert list(content) == [CONTENT_TYPE_LATEST]
