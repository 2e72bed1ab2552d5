"""Account health against a hand computation, window edges and lag included."""

from datetime import UTC, datetime

import httpx
import pytest

from services.core.kit.clock import SettableClock
from services.workers.account_health import fold_order_days
from tests.conftest import SellerFixture
from tests.factories import event

NOW = datetime(2026, 3, 31, 12, 0, tzinfo=UTC)


def at(day: str, time: str = "12:00") -> datetime:
    return datetime.fromisoformat(f"2026-{day}T{time}:00+00:00")


def orders() -> dict[str, str]:
    return {f"O{i}": f"113-{i:07d}-{abs(hash(i)) % 10**7:07d}" for i in range(1, 13)}


@pytest.fixture
async def history(client: httpx.AsyncClient, seller: SellerFixture, clock: SettableClock) -> dict[str, str]:
    ids = orders()

    async def send(type_: str, order: str, when: datetime, **data: object) -> None:
        response = await client.post(
            "/v1/events", headers=seller.headers, json=event(type_, ids[order], when, **data)
        )
        assert response.status_code == 201, response.text

    purchased = {
        "O1": "03-05",
        "O2": "03-06",
        "O3": "03-07",
        "O4": "03-08",
        "O5": "03-09",
        "O6": "03-10",
        "O7": "03-27",
        "O8": "02-26",
        "O10": "03-01",
        "O11": "03-15",
        "O12": "03-20",
    }
    for order, day in purchased.items():
        await send("order.upserted", order, at(day), purchased_at=at(day).isoformat(), currency="USD")
    await send("order.upserted", "O9", at("03-01", "11:00"), purchased_at=at("03-01", "11:00").isoformat())
    # Feedback, claims, chargebacks.
    await send("feedback.received", "O1", at("03-10"), rating=1)
    await send("feedback.received", "O2", at("03-11"), rating=3)
    await send("claim.opened", "O3", at("03-12"), reason="not received")
    await send("claim.closed", "O3", at("03-20"), outcome="refunded")
    await send("claim.opened", "O4", at("03-12"), reason="not received")
    await send("claim.closed", "O4", at("03-15"), outcome="withdrawn")
    await send("chargeback.opened", "O5", at("03-11"))
    await send("claim.opened", "O6", at("03-28"), reason="not received")
    await send("feedback.received", "O7", at("03-29"), rating=2)
    await send("feedback.received", "O8", at("03-02"), rating=1)
    await send("feedback.received", "O11", at("03-16"), rating=1)
    await send("feedback.removed", "O11", at("03-18"))
    await send("claim.opened", "O12", at("03-21"), reason="damaged")
    await send("claim.closed", "O12", at("03-27"), outcome="granted_seller_funded")
    # Buyer messages and their answers.
    await send("message.received", "O1", at("03-10", "10:00"), thread_id="a")
    await send("message.sent", "O1", at("03-10", "20:00"), thread_id="a", author="agent", agent="li")
    await send("message.received", "O2", at("03-11", "10:00"), thread_id="b")
    await send("message.sent", "O2", at("03-11", "11:00"), thread_id="b", author="automation")
    await send("message.sent", "O2", at("03-12", "11:00"), thread_id="b", author="agent", agent="joy")
    await send("message.received", "O3", at("03-12", "10:00"), thread_id="c")
    await send("message.no_response_needed", "O3", at("03-12", "12:00"), thread_id="c", agent="li")
    await send("message.received", "O4", at("03-30", "10:00"), thread_id="d")
    await send("message.received", "O8", at("02-27", "10:00"), thread_id="e")
    # "Did this answer your question?"
    await send("message.rated", "O1", at("03-10"), thread_id="a", rating="yes")
    await send("message.rated", "O2", at("03-12", "13:00"), thread_id="b", rating="no")
    await send("message.rated", "O3", at("03-20"), thread_id="c", rating="no")
    await send("message.rated", "O8", at("02-20"), thread_id="e", rating="yes")
    # Return requests: answered in time, late, not yet, and in time but followed by negative feedback.
    await send("return.requested", "O1", at("03-05", "13:00"))
    await send("return.authorized", "O1", at("03-06", "13:00"))
    await send("return.requested", "O2", at("03-14"))
    await send("return.authorized", "O2", at("03-15"))
    await send("return.requested", "O4", at("03-16"))
    await send("return.authorized", "O4", at("03-19"))
    await send("return.requested", "O10", at("03-29", "10:00"))
    clock.set(NOW)
    return ids


def figure(body: dict, name: str) -> tuple:  # type: ignore[type-arg]
    f = body[name]
    return f["numerator"], f["denominator"], f["percent"], f["status"]


async def test_live_30_days(
    client: httpx.AsyncClient, seller: SellerFixture, history: dict[str, str]
) -> None:
    body = (
        await client.get(
            "/v1/metrics/account-health",
            headers=seller.headers,
            params={"window": "30d", "marketplace": "US"},
        )
    ).json()
    assert body["window"] == {"start": "2026-03-01T12:00:00Z", "end": "2026-03-31T12:00:00Z"}
    assert body["orders"] == 10, (
        "O9 at 11:00 is before the window; O10 at 12:00 is its first moment; O8 is older"
    )
    assert figure(body, "order_defect_rate") == (5, 10, 50.0, "breach")
    assert figure(body, "negative_feedback") == (2, 10, 20.0, "breach")
    assert figure(body, "a_to_z_claims") == (2, 10, 20.0, "breach"), (
        "refunded and seller-funded count; withdrawn does not"
    )
    assert figure(body, "chargebacks") == (1, 10, 10.0, "breach")
    assert figure(body, "response_under_24h") == (2, 4, 50.0, "breach")
    assert figure(body, "no_response_needed") == (1, 4, 25.0, "breach")
    assert figure(body, "customer_service_dissatisfaction") == (2, 3, 66.6667, "breach")
    assert figure(body, "return_dissatisfaction") == (3, 4, 75.0, "breach")
    assert body["forecast"]["open_claims"] == 1 and body["forecast"]["percent"] == 60.0
    assert body["forecast"]["on"] == "2026-04-11T12:00:00Z"
    assert "becomes 60.00 % on 2026-04-11" in body["forecast"]["sentence"]
    leaving = {entry["order_id"]: (entry["defects"], entry["leaves_window_on"]) for entry in body["leaving"]}
    assert leaving[history["O1"]] == (["negative_feedback"], "2026-04-05")
    assert leaving[history["O5"]] == (["chargeback"], "2026-04-09")
    assert len(leaving) == 5


async def test_amazons_lagged_view(
    client: httpx.AsyncClient, seller: SellerFixture, history: dict[str, str]
) -> None:
    body = (
        await client.get(
            "/v1/metrics/account-health", headers=seller.headers, params={"window": "30d", "lag": "5d"}
        )
    ).json()
    assert body["window"] == {"start": "2026-02-24T12:00:00Z", "end": "2026-03-26T12:00:00Z"}
    assert body["orders"] == 11, "O7 falls after the lagged end; O8 and O9 come in"
    assert figure(body, "order_defect_rate")[:2] == (4, 11), "O12's claim closed after the window ended"
    assert body["order_defect_rate"]["percent"] == 36.3636
    assert body["forecast"]["open_claims"] == 1, "O12 was still open at the window's end"
    leaving = {entry["order_id"]: entry["leaves_window_on"] for entry in body["leaving"]}
    assert leaving[history["O8"]] == "2026-04-03"


async def test_per_agent_report(
    client: httpx.AsyncClient, seller: SellerFixture, history: dict[str, str]
) -> None:
    response = await client.get("/v1/metrics/agents", headers=seller.headers, params={"window": "30d"})
    assert response.status_code == 200, response.text
    lines = response.json()
    by_agent = {line["agent"]: (line["met"], line["breached"]) for line in lines}
    assert by_agent["li"] == (2, 0), "a reply in 10 h and a no-response-needed in 2 h"
    assert by_agent["joy"] == (0, 1), "a reply after 25 h"
    sheet = await client.get("/v1/metrics/agents", headers={**seller.headers, "Accept": "text/csv"})
    assert sheet.text.splitlines()[0] == "agent,met,breached,team_met,team_breached"


async def test_bad_parameters(client: httpx.AsyncClient, seller: SellerFixture) -> None:
    response = await client.get(
        "/v1/metrics/account-health", headers=seller.headers, params={"window": "45d", "lag": "x"}
    )
    assert response.status_code == 422
    assert {e["field"] for e in response.json()["errors"]} == {"query.window", "query.lag"}
    unknown = await client.get(
        "/v1/metrics/account-health", headers=seller.headers, params={"marketplace": "XX"}
    )
    assert unknown.status_code == 422


async def test_another_sellers_history_is_not_counted(
    client: httpx.AsyncClient, make_seller, history: dict[str, str]
) -> None:  # type: ignore[no-untyped-def]
    other = await make_seller(name="Other")
    body = (
        await client.get("/v1/metrics/account-health", headers=other.headers, params={"window": "30d"})
    ).json()
    assert (
        body["orders"] == 0
        and body["order_defect_rate"]["percent"] is None
        and body["order_defect_rate"]["status"] == "ok"
    )


async def test_figures_are_the_same_once_the_day_counts_are_folded(
    client: httpx.AsyncClient, seller: SellerFixture, history: dict[str, str], worker_ctx: dict[str, object]
) -> None:
    async def health(**params: str) -> dict:  # type: ignore[type-arg]
        response = await client.get("/v1/metrics/account-health", headers=seller.headers, params=params)
        assert response.status_code == 200, response.text
        return response.json()

    windows = [
        {"window": "30d", "marketplace": "US"},
        {"window": "30d", "lag": "5d"},
        {"window": "7d"},
        {"window": "90d"},
    ]
    before = [await health(**w) for w in windows]
    assert await fold_order_days(worker_ctx) >= len(history), (
        "each order's day was appended when it was dated"
    )
    assert [await health(**w) for w in windows] == before

    # The purchase date is corrected: the order leaves the 30-day window, folded or not.
    corrected = event(
        "order.upserted", history["O11"], at("03-30"), purchased_at=at("02-10").isoformat(), currency="USD"
    )
    assert (await client.post("/v1/events", headers=seller.headers, json=corrected)).status_code == 201
    assert (await health(window="30d", marketplace="US"))["orders"] == 9
    await fold_order_days(worker_ctx)
    assert (await health(window="30d", marketplace="US"))["orders"] == 9
    assert (await health(window="90d", marketplace="US"))["orders"] == 12
