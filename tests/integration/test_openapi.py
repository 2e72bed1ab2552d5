"""openapi/openapi.json is the contract sellers' engineers read; it must match the app."""

import json
from pathlib import Path

from fastapi import FastAPI

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
