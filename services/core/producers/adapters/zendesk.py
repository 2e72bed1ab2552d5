"""Zendesk's own event webhooks as our message events, and its trigger body.

An event webhook posts `{"type": "zen:event-type:...", "id", "time", "subject": "zen:ticket:N",
"detail": {the ticket}, "event": {what changed}}` (developer.zendesk.com, webhooks, ticket events
and messaging events). A trigger posts the README's template instead.
"""

from collections.abc import Mapping
from typing import Any

from services.core.producers.adapters.common import Hints, Translated, Untranslatable, ci, find_order_id
from services.core.producers.adapters.helpdesks import in_thread, mapped, message, ticket_body, unused

PREFIX = "zen:event-type:"
TICKET_CREATED = "zen:event-type:ticket.created"
COMMENT_ADDED = "zen:event-type:ticket.comment_added"
MESSAGE_ADDED = "zen:event-type:messaging_ticket.message_added"
# Messaging actors: a person on either side, or Zendesk's own automations (answer bot, triggers).
MESSAGING_AUTHORS = {"end_user": None, "agent": "agent", "trigger": "automation", "system": "automation"}


def zendesk(producer: Any, headers: Mapping[str, str], payload: Any, hints: Hints) -> Translated:
    kind = str(ci(payload, "type") or "")
    if not kind.startswith(PREFIX):
        return ticket_body(
            "zendesk", producer, payload, hints, {"ticket_created", "end_user_comment"}, {"agent_comment"}
        )
    key = str(ci(payload, "id") or "")
    if not key:
        raise Untranslatable("a Zendesk event needs its id")
    ticket = ci(payload, "detail", "id") or str(ci(payload, "subject") or "").removeprefix("zen:ticket:")
    if not ticket:
        raise Untranslatable("a Zendesk ticket event needs detail.id or subject zen:ticket:ID")
    # A ticket field the mapping names (e.g. detail.external_id) filled in later, for instance by
    # ticket.external_id_changed, attaches the ticket's messages kept before.
    return in_thread(
        _event(producer, payload, hints, key, kind, str(ticket)), ticket, mapped(producer, payload)
    )


def _event(producer: Any, payload: Any, hints: Hints, key: str, kind: str, ticket: str) -> Translated:
    if kind == COMMENT_ADDED:
        return _comment(producer, payload, hints, key, ticket)
    if kind == MESSAGE_ADDED:
        return _messaging(producer, payload, hints, key, ticket)
    if kind == TICKET_CREATED:
        detail = ci(payload, "detail") or {}
        subject, body = ci(detail, "subject"), ci(detail, "description")
        return message(
            producer,
            hints,
            key,
            kind,
            sent_by=None,
            at=ci(detail, "created_at") or ci(payload, "time"),
            order_id=find_order_id(mapped(producer, payload), subject, body),
            data={
                "thread_id": str(ticket),
                "message_id": f"{ticket}:created",
                "subject": subject,
                "body": body,
            },
            restated=False,
        )
    return unused(key, kind, "not a message to or from the buyer")


def _comment(producer: Any, payload: Any, hints: Hints, key: str, ticket: str) -> Translated:
    comment = ci(payload, "event", "comment") or {}
    if ci(comment, "is_public") is False:
        return unused(key, COMMENT_ADDED, "a private comment is an internal note, not a message to the buyer")
    subject, body = ci(payload, "detail", "subject"), ci(comment, "body")
    staff = bool(ci(comment, "author", "is_staff"))
    data = {"thread_id": ticket, "message_id": str(ci(comment, "id")), "subject": subject, "body": body}
    if staff:
        data["agent"] = ci(comment, "author", "name")
    return message(
        producer,
        hints,
        key,
        COMMENT_ADDED,
        sent_by="agent" if staff else None,
        at=ci(payload, "time"),
        order_id=find_order_id(mapped(producer, payload), subject, body),
        data=data,
        restated=False,
    )


def _messaging(producer: Any, payload: Any, hints: Hints, key: str, ticket: str) -> Translated:
    actor = str(ci(payload, "event", "actor", "type") or "")
    if actor not in MESSAGING_AUTHORS:
        return unused(key, MESSAGE_ADDED, f"a message by a {actor or 'missing'} actor")
    body = ci(payload, "event", "message", "body")
    data = {"thread_id": ticket, "message_id": str(ci(payload, "event", "message", "id")), "body": body}
    if actor == "agent":
        data["agent"] = ci(payload, "event", "actor", "name")
    return message(
        producer,
        hints,
        key,
        MESSAGE_ADDED,
        sent_by=MESSAGING_AUTHORS[actor],
        at=ci(payload, "time"),
        order_id=find_order_id(mapped(producer, payload), body),
        data=data,
        restated=False,
    )
