"""Report imports (API and command line) and helpdesk gaps."""

import json
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import select

from services.core.kit.clock import SettableClock
from services.core.kit.db import transaction
from services.core.models import OutboundEvent
from services.workers.context import WorkerContext
from services.workers.gaps import detect_gaps
from tests.conftest import START, SellerFixture, Servers
from tests.factories import event, new_order_id
from tests.integration.test_producers import helpscout_headers, helpscout_payload, producer, standard_headers

REPORTS = Path(__file__).resolve().parents[1] / "data" / "reports"
TSV = {"content-type": "text/tab-separated-values"}


async def test_returns_report_imports_once(client: httpx.AsyncClient, seller: SellerFixture) -> None:
    text = (REPORTS / "returns.tsv").read_bytes()
    first = await client.post(
        "/v1/imports", params={"kind": "returns"}, headers={**seller.headers, **TSV}, content=text
    )
    assert first.status_code == 200, first.text
    body = first.json()
    assert (body["rows"], body["applied"], body["repeated"]) == (4, 8, 0)
    assert body["errors"] == [{"line": 4, "message": "cannot read the date 'yesterday'"}]
    again = (
        await client.post(
            "/v1/imports", params={"kind": "returns"}, headers={**seller.headers, **TSV}, content=text
        )
    ).json()
    assert (again["applied"], again["repeated"]) == (0, 8)
    timeline = (await client.get("/v1/orders/114-3941689-8772232/timeline", headers=seller.headers)).json()
    types = [e["type"] for e in timeline["entries"] if e["entry"] == "event"]
    assert types == ["return.requested", "return.authorized", "return.received", "return.refunded"]
    claims = (await client.get("/v1/cases", headers=seller.headers, params={"kind": "claim"})).json()["items"]
    assert [c["order_id"] for c in claims] == ["112-7781245-0091836"], "the A-to-Z column opens a claim"


async def test_wrong_kind_of_file_is_refused_before_anything_is_written(
    client: httpx.AsyncClient, seller: SellerFixture
) -> None:
    feedback = (REPORTS / "feedback.tsv").read_bytes()
    response = await client.post(
        "/v1/imports", params={"kind": "returns"}, headers={**seller.headers, **TSV}, content=feedback
    )
    assert response.status_code == 422 and "not a returns report" in response.json()["detail"]
    assert (await client.get("/v1/cases", headers=seller.headers)).json()["items"] == []
    bad_kind = await client.post(
        "/v1/imports", params={"kind": "invoices"}, headers={**seller.headers, **TSV}, content=feedback
    )
    assert bad_kind.status_code == 422
    reader = await client.post(
        "/v1/imports",
        params={"kind": "feedback"},
        headers={"Authorization": "Bearer as_nope", **TSV},
        content=feedback,
    )
    assert reader.status_code == 401


async def test_feedback_report(client: httpx.AsyncClient, seller: SellerFixture) -> None:
    response = await client.post(
        "/v1/imports",
        params={"kind": "feedback"},
        headers={**seller.headers, **TSV},
        content=(REPORTS / "feedback.tsv").read_bytes(),
    )
    body = response.json()
    assert (body["rows"], body["applied"]) == (3, 2)
    assert body["errors"][0]["line"] == 4 and "rating" in body["errors"][0]["message"]
    cases = (await client.get("/v1/cases", headers=seller.headers, params={"kind": "feedback"})).json()[
        "items"
    ]
    assert [c["order_id"] for c in cases] == ["114-3941689-8772232"], "only the 1-star feedback opens a case"


def test_command_line_import(servers: Servers) -> None:
    env = {
        **os.environ,
        "AFTERSALES_DATABASE_URL": servers.database_url,
        "AFTERSALES_REDIS_URL": servers.redis_url,
    }
    cli = [sys.executable, "-m", "services.cli"]
    made = subprocess.run(
        [*cli, "sellers", "create", "Import Shop"], env=env, capture_output=True, text=True, check=True
    )
    seller_id = made.stdout.split()[1]
    command = [*cli, "import", "returns", str(REPORTS / "returns.tsv"), "--seller", seller_id]
    first = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    assert "4 rows: 8 events applied, 0 already known" in first.stdout
    assert "line 4" in first.stdout
    again = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    assert "0 events applied, 8 already known" in again.stdout
    wrong = subprocess.run(
        [*cli, "import", "returns", str(REPORTS / "feedback.tsv"), "--seller", seller_id],
        env=env,
        capture_output=True,
        text=True,
    )
    assert wrong.returncode == 2 and "not a returns report" in wrong.stderr


async def test_a_gap_is_detected_and_closed(
    client: httpx.AsyncClient, seller: SellerFixture, clock: SettableClock, worker_ctx: dict[str, Any]
) -> None:
    relay = await producer(client, seller, "standard", role="amazon", name="Amazon message relay")
    helpdesk = await producer(client, seller, "helpscout")
    order = new_order_id()
    seen_at = START + timedelta(minutes=1)
    body = json.dumps(event("message.received", order, seen_at, event_id="amz-msg-1", thread_id="amazon"))
    assert (
        await client.post(
            relay["url"], content=body, headers=standard_headers(relay["secret"], body, "amz-1")
        )
    ).status_code == 201

    clock.set(seen_at + timedelta(minutes=29))
    await detect_gaps(worker_ctx)
    assert (await client.get("/v1/gaps", headers=seller.headers)).json() == [], "still within the tolerance"
    clock.set(seen_at + timedelta(minutes=31))
    await detect_gaps(worker_ctx)
    await detect_gaps(worker_ctx)
    [gap] = (await client.get("/v1/gaps", headers=seller.headers)).json()
    assert (gap["order_id"], gap["event_id"], gap["closed_at"]) == (order, "amz-msg-1", None)
    async with transaction(WorkerContext.of(worker_ctx).sessions) as session:
        announced = list(
            await session.scalars(
                select(OutboundEvent.payload).where(
                    OutboundEvent.seller_id == seller.id, OutboundEvent.type == "gap.detected"
                )
            )
        )
    assert [p["data"]["order_id"] for p in announced] == [order], "announced once"

    copy = json.dumps(
        helpscout_payload(order, 9100, 1, "customer", (seen_at + timedelta(minutes=2)).isoformat())
    ).encode()
    response = await client.post(
        helpdesk["url"], content=copy, headers=helpscout_headers(helpdesk["secret"], copy, "convo.created")
    )
    assert response.status_code == 201
    assert (await client.get("/v1/gaps", headers=seller.headers)).json() == []
    [closed] = (await client.get("/v1/gaps", headers=seller.headers, params={"state": "closed"})).json()
    assert closed["closed_by_event"].startswith("helpscout:")
    assert datetime.fromisoformat(closed["closed_at"].replace("Z", "+00:00")) == (
        seen_at + timedelta(minutes=31)
    ).astimezone(UTC)
