"""Help Scout and Freshdesk payloads, and the trigger body Zendesk and Freshdesk share, as our
message events (Zendesk's own event webhooks are in `zendesk.py`).

Help Scout posts its conversation object. Freshdesk posts its "simple" body (the
`freshdesk_webhook` wrapper) or what the seller's automation template says; Zendesk triggers post
the template the README gives. What names no order or is not a message is kept as unmatched.
"""

import hashlib
import json
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from services.core.producers.adapters.common import (
    Hints,
    Translated,
    Unmatched,
    Untranslatable,
    ci,
    find_order_id,
)

HELPSCOUT_RECEIVED = {"convo.created", "convo.customer.reply.created"}
HELPSCOUT_SENT = {"convo.agent.reply.created"}
HELPSCOUT_TEST = "helpscout.test"
NO_ORDER = "no Amazon order id in the mapped field, the subject or the message; attach one to make it events"
# Freshdesk's {{triggered_event}} for a new ticket; other rules are read from a custom body.
FRESHDESK_CREATED = "{ticket_action:created}"


def message(
    producer: Any,
    hints: Hints,
    key: str,
    kind: str,
    *,
    sent_by: str | None,
    at: Any,
    order_id: str | None,
    data: dict[str, Any],
    restated: bool = True,
) -> Translated:
    """One buyer message (sent_by None) or reply (sent_by "agent" or "automation"), or the
    reason it is kept unmatched. The event id is the same whether the delivery named its order
    or a person attached one later."""
    order = hints.order_id or order_id
    if order is None:
        return Translated(key, kind, unmatched=Unmatched("no-order-id", NO_ORDER), restated=restated)
    if not at:
        return Translated(
            key, kind, unmatched=Unmatched("unreadable", "the payload carries no time for the message")
        )
    if sent_by is not None:
        data = {**data, "author": sent_by}
    envelope = {
        "id": f"{producer.kind}:{key}",
        "type": "message.received" if sent_by is None else "message.sent",
        "occurred_at": at,
        "order_id": order,
        "marketplace": producer.marketplace,
        "data": {k: v for k, v in data.items() if v is not None},
    }
    return Translated(key, kind, [envelope], restated=restated)


def unused(key: str, kind: str, why: str) -> Translated:
    return Translated(
        key, kind or "unknown", unmatched=Unmatched("unused-type", f"{kind or 'unknown'}: {why}")
    )


def digest(payload: Any) -> str:
    """A key for bodies that carry no id of their own: the same body is the same delivery."""
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()[:24]


def mapped(producer: Any, payload: Any) -> Any:
    """The field the producer's mapping names for the order id: a dotted path into the payload
    (`custom_fields.order`), or the name of a Help Scout custom field (`Amazon order`)."""
    name = (producer.mapping or {}).get("order_id_field")
    if not name:
        return None
    for field in ci(payload, "customFields") or []:
        if str(ci(field, "name") or "").lower() == str(name).lower():
            return ci(field, "text") or ci(field, "value")
    return ci(payload, *str(name).split("."))


def in_thread(translated: Translated, thread: Any, order: str | None) -> Translated:
    """The translation with its conversation, and the order a person's field names, if any."""
    return replace(translated, thread=str(thread), names_order=order)


def helpscout(producer: Any, headers: Mapping[str, str], payload: Any, hints: Hints) -> Translated:
    translated = _helpscout(producer, headers, payload, hints)
    if translated.unmatched is not None and translated.unmatched.reason == "test":
        return translated
    # Every conversation event carries the conversation, so filling the custom field
    # (convo.custom-fields) attaches the messages kept before it was filled.
    return in_thread(translated, ci(payload, "id"), find_order_id(mapped(producer, payload)))


def _helpscout(producer: Any, headers: Mapping[str, str], payload: Any, hints: Hints) -> Translated:
    event = headers.get("x-helpscout-event", "")
    conversation = ci(payload, "id")
    if event == HELPSCOUT_TEST:
        why = "Help Scout's test event: the webhook reaches us and its signature checks out"
        return Translated(f"{event}:{digest(payload)}", event, unmatched=Unmatched("test", why))
    if conversation is None:
        raise Untranslatable("a Help Scout conversation object needs its id")
    if event not in HELPSCOUT_RECEIVED | HELPSCOUT_SENT:
        return unused(
            f"{event}:{conversation}:{digest(payload)}", event, "not a message to or from the buyer"
        )
    threads = ci(payload, "_embedded", "threads") or ci(payload, "threads") or []
    pick = _from_customer if event in HELPSCOUT_RECEIVED else _agent_reply
    thread = max(
        (t for t in threads if isinstance(t, Mapping) and pick(t)),
        key=lambda t: str(_thread_at(t) or ""),
        default=None,
    )
    if thread is None:
        return Translated(
            f"{event}:{conversation}:{digest(payload)}",
            event,
            unmatched=Unmatched("unreadable", f"{event} without a matching thread in _embedded.threads"),
        )
    # The key names the thread, not the sending: a later copy of the conversation in which the
    # thread was edited or deleted restates the same fact and changes nothing.
    key = f"{event}:{conversation}:{ci(thread, 'id')}"
    subject = ci(payload, "subject")
    data = {
        "thread_id": str(conversation),
        "message_id": str(ci(thread, "id")),
        "subject": subject,
        "body": ci(thread, "body"),
    }
    if event in HELPSCOUT_SENT:
        data["agent"] = ci(thread, "createdBy", "email") or ci(thread, "createdBy", "first")
    return message(
        producer,
        hints,
        key,
        event,
        sent_by=None if event in HELPSCOUT_RECEIVED else "agent",
        at=_thread_at(thread),
        order_id=find_order_id(mapped(producer, payload), subject, ci(thread, "body")),
        data=data,
    )


def _thread_at(thread: Any) -> Any:
    # Help Scout's own fixtures carry the time inside createdBy as well as on the thread.
    return ci(thread, "createdAt") or ci(thread, "createdBy", "createdAt")


def _from_customer(thread: Any) -> bool:
    return "customer" in (str(ci(thread, "createdBy", "type")).lower(), str(ci(thread, "type")).lower())


def _agent_reply(thread: Any) -> bool:
    # Notes are threads by users too; only a "message" thread reaches the buyer.
    return (
        str(ci(thread, "type")).lower() == "message"
        and str(ci(thread, "createdBy", "type")).lower() == "user"
    )


def ticket_body(
    kind: str, producer: Any, payload: Any, hints: Hints, received: set[str], sent: set[str]
) -> Translated:
    """The body of the README's template, the same for a Zendesk trigger and a Freshdesk rule."""
    event = str(ci(payload, "event") or "")
    ticket = ci(payload, "ticket_id")
    if ticket is None:
        raise Untranslatable(f"a {kind} payload needs ticket_id (see the README's template)")
    comment = ci(payload, "message_id") or ci(payload, "comment_id") or ci(payload, "created_at")
    key = f"{ticket}:{event}:{comment}"
    # The template's order_id is a ticket field as the seller's helpdesk fills it.
    field = ci(payload, "order_id") or find_order_id(mapped(producer, payload))
    if event not in received | sent:
        return in_thread(
            unused(f"{key}:{digest(payload)}", event, "not a message to or from the buyer"), ticket, field
        )
    subject, body = ci(payload, "subject"), ci(payload, "body")
    data = {"thread_id": str(ticket), "message_id": str(comment), "subject": subject, "body": body}
    if event in sent:
        data["agent"] = ci(payload, "agent")
    translated = message(
        producer,
        hints,
        key,
        event,
        sent_by=None if event in received else "agent",
        at=ci(payload, "created_at"),
        order_id=field or find_order_id(subject, body),
        data=data,
    )
    return in_thread(translated, ticket, field)


def freshdesk(producer: Any, headers: Mapping[str, str], payload: Any, hints: Hints) -> Translated:
    simple = ci(payload, "freshdesk_webhook")
    if not isinstance(simple, Mapping):
        return ticket_body(
            "freshdesk", producer, payload, hints, {"ticket_created", "customer_reply"}, {"agent_reply"}
        )
    # The "simple" body names the rule's event but carries no time and no comment id: the body
    # itself is the delivery, and it happened when it reached us.
    ticket = ci(simple, "ticket_id")
    if ticket is None:
        raise Untranslatable("a Freshdesk webhook needs ticket_id among its fields")
    translated = _freshdesk_simple(producer, simple, payload, hints, ticket)
    return in_thread(translated, ticket, find_order_id(mapped(producer, simple)))


def _freshdesk_simple(producer: Any, simple: Any, payload: Any, hints: Hints, ticket: Any) -> Translated:
    event = str(ci(simple, "triggered_event") or "")
    key = f"{ticket}:{event}:{digest(payload)}"
    if event != FRESHDESK_CREATED:
        return unused(key, event, "only a new ticket is read from the simple body; use the custom body")
    subject, body = ci(simple, "ticket_subject"), ci(simple, "ticket_description")
    return message(
        producer,
        hints,
        key,
        event,
        sent_by=None,
        at=hints.received_at.isoformat(),
        order_id=find_order_id(mapped(producer, simple), subject, body),
        data={"thread_id": str(ticket), "message_id": f"{ticket}:created", "subject": subject, "body": body},
        restated=False,
    )
