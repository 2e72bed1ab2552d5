"""The SP-API notification envelope, read from the seller's SQS queue or relayed to us over
HTTP: ORDER_CHANGE becomes our events (schemas/notifications/OrderChangeNotification.json in
amzn/selling-partner-api-models). A DeliveryTipChange, and every other type, is stored only.

Key casing differs between notification types, so every key is read case-insensitively.
"""

from collections.abc import Mapping
from typing import Any

from services.core.producers.adapters.common import Translated, Untranslatable, ci

# Amazon's marketplace ids for the marketplaces we know.
MARKETPLACE_IDS = {
    "ATVPDKIKX0DER": "US",
    "A2EUQ1WTGCTBG2": "CA",
    "A1AM78C64UM0Y8": "MX",
    "A2Q3Y263D00KWC": "BR",
    "A1F83G8C2ARO7P": "UK",
    "A28R8C7NBKEWEA": "IE",
    "A1PA6795UKMFR9": "DE",
    "A13V1IB3VIYZZH": "FR",
    "APJ6JRA9NG5V4": "IT",
    "A1RKKUPIHCS9HS": "ES",
    "A1805IZSGTT6HS": "NL",
    "AMEN7PMS3EDWL": "BE",
    "A2NODRKZP88ZB9": "SE",
    "A1C3SOZRARQ6R3": "PL",
    "A33AVAJ2PDY3EV": "TR",
    "A2VIGQ35RCS4UG": "AE",
    "A17E79C6D8DWNP": "SA",
    "ARBP9OOSHTCHU": "EG",
    "A21TJRUUN4KGV": "IN",
    "A1VC38T7YXB528": "JP",
    "A39IBJ37TRP1C6": "AU",
    "A19VAU5U5O7RUS": "SG",
}
ORDER_STATUS = {
    "pending": "pending",
    "unshipped": "unshipped",
    "partiallyshipped": "unshipped",
    "shipped": "shipped",
    "canceled": "canceled",
    "cancelled": "canceled",
}


def notification(producer: Any, headers: Mapping[str, str], payload: Any) -> Translated:
    notification_id = ci(payload, "NotificationMetadata", "NotificationId")
    kind = str(ci(payload, "NotificationType") or "")
    if not notification_id or not kind:
        raise Untranslatable(
            "an SP-API notification needs NotificationType and NotificationMetadata.NotificationId"
        )
    if kind != "ORDER_CHANGE":
        return Translated(str(notification_id), kind)
    change = ci(payload, "Payload", "OrderChangeNotification") or {}
    order_id = ci(change, "AmazonOrderId")
    if not order_id:
        raise Untranslatable("ORDER_CHANGE without AmazonOrderId")
    summary = ci(change, "Summary") or {}
    marketplace = MARKETPLACE_IDS.get(str(ci(summary, "MarketplaceId") or ""), producer.marketplace)
    at = ci(change, "OrderChangeTrigger", "TimeOfOrderChange") or ci(payload, "EventTime")
    change_type = str(ci(change, "OrderChangeType") or "")
    reason = ci(change, "OrderChangeTrigger", "ChangeReason")
    base = {
        "id": f"amazon:{notification_id}",
        "occurred_at": at,
        "order_id": order_id,
        "marketplace": marketplace,
    }
    if change_type == "BuyerRequestedChange":
        cancel_reason = ci(summary, "BuyerCancelReason") or ci(change, "BuyerCancelReason")
        items = ci(summary, "OrderItems") or []
        asked = any(ci(item, "IsBuyerRequestedCancel") is True for item in items)
        if cancel_reason or asked or "cancel" in str(reason).lower():
            data = {"reason": str(cancel_reason or reason)}
            return Translated(
                str(notification_id), kind, [{**base, "type": "cancellation.requested", "data": data}]
            )
        return Translated(str(notification_id), kind)
    if change_type == "OrderStatusChange":
        data: dict[str, Any] = {}
        status = ORDER_STATUS.get(str(ci(summary, "OrderStatus") or "").lower())
        if status:
            data["status"] = status
        if ci(summary, "PurchaseDate"):
            data["purchased_at"] = ci(summary, "PurchaseDate")
        channel = str(ci(summary, "FulfillmentType") or "").upper()
        if channel in ("AFN", "MFN"):
            data["fulfilment"] = "FBA" if channel == "AFN" else "MFN"
        return Translated(str(notification_id), kind, [{**base, "type": "order.upserted", "data": data}])
    return Translated(str(notification_id), kind)
