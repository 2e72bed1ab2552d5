"""B1 of bench/ingest: about the least a Python server can do for `POST /v1/events`.

Starlette and one asyncpg pool, run under the same uvicorn settings as `aftersales api`. Per
request it parses the JSON and runs the same INSERT ... ON CONFLICT DO NOTHING into `events`
that our ingest starts with, and nothing else: no API key lookup, no validation beyond what
the insert needs, no order, case or clock work. Our API's figures are read against this one.

Configured by BENCH_DATABASE_URL and BENCH_SELLER_ID; run it with
`uvicorn --factory bench.raw_app:create_app`.
"""

import hashlib
import json
import os
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime

import asyncpg
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

# The same bounds as our API's default SQLAlchemy pool: 10 kept, as many again on demand.
POOL_MIN, POOL_MAX = 10, 20

INSERT = """
INSERT INTO events (id, seller_id, source, event_id, type, occurred_at, received_at, order_id,
                    marketplace, data, body_hash, case_ids)
VALUES ($1, $2, 'api', $3, $4, $5, now(), $6, $7, $8, $9, '{}')
ON CONFLICT (seller_id, source, event_id) DO NOTHING
RETURNING id
"""


def create_app() -> Starlette:
    database_url = os.environ["BENCH_DATABASE_URL"]
    seller_id = uuid.UUID(os.environ["BENCH_SELLER_ID"])

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        async with asyncpg.create_pool(database_url, min_size=POOL_MIN, max_size=POOL_MAX) as pool:
            app.state.pool = pool
            yield

    async def post_event(request: Request) -> JSONResponse:
        body = await request.body()
        event = json.loads(body)
        inserted = await request.app.state.pool.fetchval(
            INSERT,
            uuid.uuid4(),
            seller_id,
            event["id"],
            event["type"],
            datetime.fromisoformat(event["occurred_at"]),
            event["order_id"],
            event["marketplace"],
            json.dumps(event["data"]),
            hashlib.sha256(body).hexdigest(),
        )
        answer = {"event_id": event["id"], "type": event["type"], "order_id": event["order_id"]}
        return JSONResponse(answer, status_code=201 if inserted else 200)

    async def healthz(_: Request) -> JSONResponse:
        return JSONResponse({"status": "ok"})

    return Starlette(
        routes=[Route("/v1/events", post_event, methods=["POST"]), Route("/healthz", healthz)],
        lifespan=lifespan,
    )
