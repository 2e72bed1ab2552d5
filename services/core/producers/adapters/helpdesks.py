"""Help Scout, Zendesk and Freshdesk payloads as our message events.

Help Scout posts its conversation object. Zendesk and Freshdesk post what the seller's trigger
or automation template says; the README gives the template to paste.
"""

from collections.abc import Mapping
from typing import Any

from services.core.producers.adapters.common import Translated, Untranslatable, ci, find_order_id

HELPSCOUT_RECEIVED = {"convo.created", "convo.customer.reply.created"}
HELPSCOUT_SENT = {"convo.agent.reply.created"}


def _envelope(
    producer: Any, key: str, type_: str, at: Any, order_id: str | None, data: dict[str, Any]
) -> dict[str, Any]:
    if order_id is None:
        raise Untranslatable("no Amazon order id in the subject, the mapped field or the message")
    if not at:
        raise Untranslatable("the payload carries no time for the message")
    return {
        "id": key,
        "type": type_,
        "occurred_at": at,
        "order_id": order_id,
        "marketplace": producer.marketplace,
        "data": {k: v for k, v in data.items() if v is not None},
    }


def helpscout(producer: Any, headers: Mapping[str, str], payload: Any) -> Translated:
    event = headers.get("x-helpscout-event", "")
    conversation = ci(payload, "id")
    if conversation is None:
        raise Untranslatable("a Help Scout conversation object needs its id")
    threads = ci(payload, "_embedded", "threads") or ci(payload, "threads") or []
    pick = _from_customer if event in HELPSCOUT_RECEIVED else _agent_reply
    thread = max((t for t in threads if pick(t)), key=lambda t: str(ci(t, "createdAt") or ""), default=None)
    key = f"{event}:{conversation}:{ci(thread, 'id') if thread else ''}"
    if event not in HELPSCOUT_RECEIVED | HELPSCOUT_SENT or thread is None:
        return Translated(key, event or "unknown")
    subject = ci(payload, "subject")
    order_id = find_order_id(_mapped(producer, payload), subject, ci(thread, "body"))
    common = {
        "thread_id": str(conversation),
        "message_id": str(ci(thread, "id")),
        "subject": subject,
        "body": ci(thread, "body"),
    }
    if event in HELPSCOUT_RECEIVED:
        return Translated(
            key,
            event,
            [
                _envelope(
                    producer,
                    f"helpscout:{key}",
                    "message.received",
                    ci(thread, "createdAt"),
                    order_id,
                    common,
                )
            ],
        )
    author = ci(thread, "createdBy", "email") or ci(thread, "createdBy", "first")
    data = {**common, "author": "agent", "agent": author}
    return Translated(
        key,
        event,
        [_envelope(producer, f"helpscout:{key}", "message.sent", ci(thread, "createdAt"), order_id, data)],
    )


def _from_customer(thread: Any) -> bool:
    return "customer" in (str(ci(thread, "createdBy", "type")).lower(), str(ci(thread, "type")).lower())


def _agent_reply(thread: Any) -> bool:
    # Notes are threads by users too; only a "message" thread reaches the buyer.
    return (
        str(ci(thread, "type")).lower() == "message"
        and str(ci(thread, "createdBy", "type")).lower() == "user"
    )


def _mapped(producer: Any, payload: Any) -> Any:
    """The field the producer's mapping names for the order id, e.g. a custom field."""
    path = (producer.mapping or {}).get("order_id_field")
    return ci(payload, *str(path).split(".")) if path else None


def _ticket(kind: str, producer: Any, payload: Any, received: set[str], sent: set[str]) -> Translated:
    event = str(ci(payload, "event") or "")
    ticket = ci(payload, "ticket_id")
    if ticket is None:
        raise Untranslatable(f"a {kind} payload needs ticket_id (see the README's template)")
    message = ci(payload, "message_id") or ci(payload, "comment_id") or ci(payload, "created_at")
    key = f"{ticket}:{event}:{message}"
    if event not in received | sent:
        return Translated(key, event or "unknown")
    subject = ci(payload, "subject")
    body = ci(payload, "body")
    order_id = ci(payload, "order_id") or find_order_id(_mapped(producer, payload), subject, body)
    common = {"thread_id": str(ticket), "message_id": str(message), "subject": subject, "body": body}
    at = ci(payload, "created_at")
    if event in received:
        return Translated(
            key, event, [_envelope(producer, f"{kind}:{key}", "message.received", at, order_id, common)]
        )
    data = {**common, "author": "agent", "agent": ci(payload, "agent")}
    return Translated(key, event, [_envelope(producer, f"{kind}:{key}", "message.sent", at, order_id, data)])


def zendesk(producer: Any, headers: Mapping[str, str], payload: Any) -> Translated:
    return _ticket("zendesk", producer, payload, {"ticket_created", "end_user_comment"}, {"agent_comment"})


def freshdesk(producer: Any, headers: Mapping[str, str], payload: Any) -> Translated:
    return _ticket("freshdesk", producer, payload, {"ticket_created", "customer_reply"}, {"agent_reply"})
