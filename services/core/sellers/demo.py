"""A small demo seller: a few orders with a cancellation, a return, a claim, negative feedback,
a buyer message and a blocked message, dated just before now, so a new user sees a live work
queue and a call list at once."""

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from services.core.domain.events import EVENT_MODELS
from services.core.ingest import ingest
from services.core.sellers import service as sellers

DEMO_SELLER = "Demo Seller"
SOURCE = "demo"
ITEMS = [{"sku": "LAMP-OAK-01", "qty": 1, "price": "49.90", "title": "Oak desk lamp"}]
# (order, marketplace, hours ago, type, data)
STORY: list[tuple[str, str, float, str, dict[str, Any]]] = [
    (
        "111-4000001-0000001",
        "US",
        72,
        "order.upserted",
        {
            "buyer_name": "Dana Miller",
            "buyer_phone": "+1 650 253 0000",
            "items": ITEMS,
            "currency": "USD",
            "status": "unshipped",
        },
    ),
    ("111-4000001-0000001", "US", 20, "cancellation.requested", {"reason": "Ordered the wrong colour"}),
    # The buyer's mail filter blocked our answer: the order goes on the contact list, with a phone.
    ("111-4000001-0000001", "US", 19, "message.delivery_failed", {"thread_id": "", "reason": "blocked"}),
    (
        "111-4000002-0000002",
        "US",
        240,
        "order.upserted",
        {"buyer_name": "Sam Lee", "items": ITEMS, "currency": "USD", "status": "delivered"},
    ),
    (
        "111-4000002-0000002",
        "US",
        40,
        "return.requested",
        {"return_id": "DemoRMA1", "reason": "Arrived scratched", "seller_fault": True},
    ),
    (
        "111-4000002-0000002",
        "US",
        30,
        "message.received",
        {
            "thread_id": "demo-1",
            "subject": "Return for 111-4000002-0000002",
            "body": "Hello, can I send it back?",
        },
    ),
    (
        "111-4000003-0000003",
        "US",
        400,
        "order.upserted",
        {
            "buyer_name": "Kim Novak",
            "items": ITEMS,
            "currency": "USD",
            "status": "shipped",
            "carrier": "UPS",
            "tracking": "1Z999AA10123456784",
        },
    ),
    (
        "111-4000003-0000003",
        "US",
        50,
        "claim.opened",
        {"claim_id": "DemoClaim1", "reason": "item_not_received", "amount": "49.90"},
    ),
    (
        "302-4000004-0000004",
        "DE",
        100,
        "order.upserted",
        {"buyer_name": "Jo Weber", "items": ITEMS, "currency": "EUR", "status": "delivered"},
    ),
    ("302-4000004-0000004", "DE", 10, "feedback.received", {"rating": 2, "comment": "Took too long"}),
]


async def create(session: AsyncSession, now: datetime) -> sellers.IssuedKey:
    seller = await sellers.create_seller(session, DEMO_SELLER, ["US", "UK", "DE"])
    for n, (order_id, marketplace, hours, type_, data) in enumerate(STORY):
        when = now - timedelta(hours=hours)
        facts = {**data, "purchased_at": when.isoformat()} if type_ == "order.upserted" else data
        envelope = EVENT_MODELS[type_].model_validate(
            {
                "id": f"demo-{n}",
                "type": type_,
                "occurred_at": when,
                "order_id": order_id,
                "marketplace": marketplace,
                "data": facts,
            }
        )
        await ingest(session, seller.id, envelope, now, source=SOURCE)
    return await sellers.create_key(session, seller.id, list(sellers.SCOPES), "demo")
