"""Report imports (API and command line) and helpdesk gaps."""

import json
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from services.core.kit.clock import SettableClock
from services.core.kit.db import transaction
from services.core.models import OutboundEvent
from services.workers.context import WorkerContext
from services.workers.gaps import detect_gaps
from tests.conftest import START, SellerFixture, Servers
from tests.factories import event, new_order_id
from tests.integration.test_producers import helpscout_headers, helpscout_payload, producer, standard_headers

# The report files are as Seller Central and the Reports API write them; their headers are
# Amazon's own (tests/data/reports/README.md names the page each comes from).
REPORTS = Path(__file__).resolve().parents[1] / "data" / "reports"
TSV = {"content-type": "text/tab-separated-values"}


async def _import(
    client: httpx.AsyncClient, seller: SellerFixture, content: bytes | str, **params: str
) -> httpx.Response:
    return await client.post("/v1/imports", params=params, headers={**seller.headers, **TSV}, content=content)


async def _cases(client: httpx.AsyncClient, seller: SellerFixture, **params: str) -> list[dict[str, Any]]:
    return (await client.get("/v1/cases", headers=seller.headers, params=params)).json()["items"]  # type: ignore[no-any-return]


async def test_returns_report_imports_once(client: httpx.AsyncClient, seller: SellerFixture) -> None:
    # GET_FLAT_FILE_RETURNS_DATA_BY_RETURN_DATE, its 32 columns as the returns reports page lists
    # them, dates written 04-Jan-2026 as Seller Central writes them.
    text = (REPORTS / "returns.tsv").read_bytes()
    first = await _import(client, seller, text)
    assert first.status_code == 200, first.text
    body = first.json()
    assert (body["kind"], body["rows"], body["applied"], body["repeated"]) == ("returns", 4, 8, 0)
    assert body["errors"] == [{"line": 4, "message": "cannot read the date 'yesterday'"}]
    again = (await _import(client, seller, text, kind="returns")).json()
    assert (again["applied"], again["repeated"]) == (0, 8)
    timeline = (await client.get("/v1/orders/114-3941689-8772232/timeline", headers=seller.headers)).json()
    entries = [e for e in timeline["entries"] if e["entry"] == "event"]
    assert [e["type"] for e in entries] == [
        "return.requested",
        "return.authorized",
        "return.received",
        "return.refunded",
    ]
    assert entries[0]["at"].startswith("2026-01-04T00:00:00"), "04-Jan-2026 is the 4th of January"
    claims = await _cases(client, seller, kind="claim")
    assert [c["order_id"] for c in claims] == ["112-7781245-0091836"], "the A-to-Z column opens a claim"


async def test_a_newer_export_applies_what_is_new(client: httpx.AsyncClient, seller: SellerFixture) -> None:
    """The same report downloaded later: a pending return was approved, and an approved one got
    its label's tracking id. Nothing is refused; the newer facts arrive as new events."""
    assert (await _import(client, seller, (REPORTS / "returns.tsv").read_bytes())).status_code == 200
    later = await _import(client, seller, (REPORTS / "returns-later.tsv").read_bytes())
    assert later.status_code == 200, later.text
    assert (later.json()["applied"], later.json()["repeated"], later.json()["errors"]) == (2, 7, [])
    returns = {c["order_id"]: c for c in await _cases(client, seller, kind="return")}
    assert returns["113-5529214-1180253"]["status"] == "authorized"
    assert returns["112-7781245-0091836"]["facts"]["label_tracking"] == "9400111899223817461234"
    again = (await _import(client, seller, (REPORTS / "returns-later.tsv").read_bytes())).json()
    assert (again["applied"], again["repeated"]) == (0, 9)


@pytest.mark.parametrize(
    ("marketplace", "written"),
    [
        ("UK", "14/07/2025"),
        ("DE", "14.07.2025"),
        ("JP", "2025/07/14"),
        ("US", "07/14/2025"),
        ("FR", "14-Jul-2025"),
    ],
)
async def test_return_dates_in_each_marketplaces_form(
    client: httpx.AsyncClient, seller: SellerFixture, marketplace: str, written: str
) -> None:
    header = (REPORTS / "returns.tsv").read_text().splitlines()[0]
    cells = dict.fromkeys(header.split("\t"), "")
    order = new_order_id()
    cells.update({"Order ID": order, "Return request date": written, "Return request status": "Pending"})
    cells.update({"Amazon RMA ID": "DqR2x8RMA", "Return Reason": "CR-DEFECTIVE"})
    response = await _import(
        client, seller, header + "\n" + "\t".join(cells.values()) + "\n", marketplace=marketplace
    )
    assert response.json()["errors"] == [], response.text
    [case] = await _cases(client, seller, kind="return")
    assert case["opened_at"].startswith("2025-07-14"), f"{written} on {marketplace}"


async def test_a_file_that_writes_dates_both_ways_is_refused(
    client: httpx.AsyncClient, seller: SellerFixture
) -> None:
    header = (REPORTS / "feedback.tsv").read_text().splitlines()[0]
    rows = [
        "14/07/2025\t1\tBad\t\t114-3941689-8772232\tb@example.invalid",
        "07/15/2025\t2\tMeh\t\t113-5529214-1180253\t",
    ]
    response = await _import(client, seller, "\n".join([header, *rows]) + "\n", kind="feedback")
    assert response.status_code == 422 and "both day first" in response.json()["detail"]
    assert await _cases(client, seller) == []


async def test_fba_customer_returns(
    client: httpx.AsyncClient, seller: SellerFixture, clock: SettableClock
) -> None:
    # GET_FBA_FULFILLMENT_CUSTOMER_RETURNS_DATA: the 13 columns of the FBA customer concessions
    # reports page; return-date as the Reports API writes it (ISO 8601 with an offset).
    text = (REPORTS / "fba-returns.tsv").read_bytes()
    response = await _import(client, seller, text)
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["kind"], body["rows"], body["applied"]) == ("fba-returns", 3, 6)
    assert body["errors"] == [{"line": 4, "message": "cannot read the quantity 'many'"}]
    assert (await _import(client, seller, text, kind="returns")).json()["repeated"] == 6, (
        "an FBA file is a returns report"
    )
    assert await _cases(client, seller, state="open") == [], (
        "Amazon handles FBA returns: nothing on the seller's clock"
    )
    returns = {c["order_id"]: c for c in await _cases(client, seller, kind="return", state="closed")}
    damaged = returns["114-2962899-5762619"]
    assert (damaged["key"], damaged["status"], damaged["clocks"]) == ("LPNRR1234567890", "closed", [])
    assert damaged["facts"] == {
        "return_id": "LPNRR1234567890",
        "disposition": "CUSTOMER_DAMAGED",
        "return_reason": "DEFECTIVE",
        "buyer_comment": "Switch broke after two days",
        "sku": "LAMP-OAK-01",
        "quantity": 1,
        "reason": "handled_by_amazon",
    }
    timeline = (await client.get("/v1/orders/113-4410982-2290417/timeline", headers=seller.headers)).json()
    assert timeline["order"] == {"fulfilment": "FBA"}
    # Amazon measures return dissatisfaction on seller-fulfilled returns: the flat-file report's
    # three returns count, the FBA returns do not.
    await _import(client, seller, (REPORTS / "returns.tsv").read_bytes())
    clock.set(datetime(2026, 1, 20, tzinfo=UTC))
    health = await client.get(
        "/v1/metrics/account-health", headers=seller.headers, params={"window": "30d", "lag": "0d"}
    )
    assert health.json()["return_dissatisfaction"]["denominator"] == 3


async def test_wrong_kind_of_file_is_refused_before_anything_is_written(
    client: httpx.AsyncClient, seller: SellerFixture
) -> None:
    feedback = (REPORTS / "feedback.tsv").read_bytes()
    response = await _import(client, seller, feedback, kind="returns")
    assert response.status_code == 422 and "not a returns report" in response.json()["detail"]
    assert "seller feedback report" in response.json()["detail"]
    unknown = await _import(client, seller, b"sku\tprice\nA-1\t9.99\n")
    assert unknown.status_code == 422 and "no report we read" in unknown.json()["detail"]
    assert await _cases(client, seller) == []
    assert (await _import(client, seller, feedback, kind="invoices")).status_code == 422
    reader = await client.post(
        "/v1/imports", headers={"Authorization": "Bearer as_nope", **TSV}, content=feedback
    )
    assert reader.status_code == 401


async def test_feedback_report(client: httpx.AsyncClient, seller: SellerFixture) -> None:
    # The 6-column form: Date, Rating, Comments, Your Response, Order ID, Rater Email.
    response = await _import(client, seller, (REPORTS / "feedback.tsv").read_bytes())
    body = response.json()
    assert (body["kind"], body["rows"], body["applied"]) == ("feedback", 3, 2)
    assert body["errors"][0]["line"] == 4 and "rating" in body["errors"][0]["message"]
    cases = await _cases(client, seller, kind="feedback")
    assert [c["order_id"] for c in cases] == ["114-3941689-8772232"], "only the 1-star feedback opens a case"
    assert cases[0]["opened_at"].startswith("2026-01-06"), (
        "01/06/2026 on the US marketplace is the 6th of January"
    )


async def test_feedback_report_with_the_buyers_answers(
    client: httpx.AsyncClient, seller: SellerFixture
) -> None:
    # The 10-column form: the buyer's three answers and the rater's role after the comments.
    response = await _import(client, seller, (REPORTS / "feedback-10.tsv").read_bytes())
    assert (response.json()["rows"], response.json()["applied"], response.json()["errors"]) == (2, 2, [])
    [case] = await _cases(client, seller, kind="feedback")
    assert case["facts"] == {
        "rating": 2,
        "comment": "Late and the box was crushed",
        "arrived_on_time": False,
        "item_as_described": True,
        "customer_service": False,
    }
    six = await _import(client, seller, (REPORTS / "feedback.tsv").read_bytes())
    assert six.json()["errors"][0]["line"] == 4, "the shorter export of the same feedback is not refused"


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
    again = subprocess.run(
        [*cli, "import", str(REPORTS / "returns.tsv"), "--seller", seller_id],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "0 events applied, 8 already known" in again.stdout, "the kind is read from the header"
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
