"""Helpdesks as they really send: each fixture is the sender's documented body, changed only where
the scenario needs an order id in it; the comment above each says where it came from."""

import copy
import json
from datetime import UTC, datetime
from typing import Any

import httpx

from tests.conftest import SellerFixture
from tests.factories import new_order_id
from tests.integration.test_producers import helpscout_headers, producer, timeline_events, zendesk_headers


# Help Scout's own test fixture of a v2 conversation object with an embedded thread
# (github.com/helpscout/helpscout-api-php, tests/Payloads/ConversationPayloads.php,
# conversation($id, embedThread: true)); the webhook body is that object (developer.helpscout.com/webhooks).
def helpscout_conversation(conversation_id: int = 123) -> dict[str, Any]:
    return {
        "id": conversation_id,
        "number": 15473,
        "threads": 2,
        "type": "email",
        "folderId": 493,
        "status": "closed",
        "state": "published",
        "subject": "Need Help",
        "preview": "I'm having a hard time resolving this",
        "mailboxId": 85,
        "assignee": {"id": 256, "first": "Mr", "last": "Robot", "email": "none@nowhere.com"},
        "createdBy": {"id": 12, "type": "customer", "email": "bear@acme.com"},
        "createdAt": "2017-04-21T14:39:56Z",
        "closedBy": 17,
        "closedAt": "2017-04-21T14:43:24Z",
        "userUpdatedAt": "2017-04-21T14:43:24Z",
        "customerWaitingSince": {
            "time": "2012-07-24T20:18:33Z",
            "friendly": "20 hours ago",
            "latestReplyFrom": "customer",
        },
        "source": {"type": "email", "via": "customer"},
        "tags": [{"id": 9150, "color": "#929499", "tag": "vip"}],
        "cc": ["bear@normal.com"],
        "bcc": ["bear@secret.com"],
        "primaryCustomer": {"id": 238604},
        "customFields": [{"id": 6688, "name": "Account Type", "value": "33077"}],
        "_links": {"self": {"href": f"https://api.helpscout.net/v2/conversations/{conversation_id}"}},
        "_embedded": {
            "threads": [
                {
                    "id": 1,
                    "type": "customer",
                    "status": "active",
                    "state": "published",
                    "action": {"type": "default", "associatedEntities": []},
                    "body": "This is a test",
                    "source": {"type": "email", "via": "user"},
                    "customer": {
                        "id": 472611182,
                        "first": "John",
                        "last": "Doe",
                        "photoUrl": "https://d33v4339jhl8k0.cloudfront.net/customer-avatar/05.png",
                        "email": "john.doe@example.com",
                    },
                    "createdBy": {
                        "id": 1,
                        "type": "user",
                        "first": "John",
                        "last": "Doe",
                        "email": "john.doe@example.com",
                        "to": [],
                        "cc": [],
                        "bcc": [],
                        "createdAt": "2017-04-21T14:39:56Z",
                    },
                    "assignedTo": {"id": 12, "first": "Help", "last": "Scout", "email": "none@nowhere.com"},
                    "savedReplyId": 0,
                    "_embedded": {"attachments": []},
                    "_links": {"createdByUser": {"href": "https://api.helpscout.net/v2/users/1"}},
                }
            ]
        },
    }


# Zendesk's documented "Comment created" event webhook body (developer.zendesk.com, webhooks,
# event types, ticket events; the same example as copied in github.com/dust-tt/dust,
# front/lib/triggers/built-in-webhooks/zendesk/schemas/ticket_comment_added.ts).
ZENDESK_COMMENT_ADDED: dict[str, Any] = {
    "account_id": 22129848,
    "detail": {
        "actor_id": "8447388090495",
        "assignee_id": "8447388090494",
        "brand_id": "8447346621310",
        "created_at": "2025-01-08T10:12:07Z",
        "custom_status": "8447320465790",
        "description": "Customer is experiencing login issues with the mobile app",
        "external_id": None,
        "form_id": "8646151517822",
        "group_id": "8447320466430",
        "id": "5158",
        "is_public": True,
        "organization_id": "8447346622462",
        "priority": "HIGH",
        "requester_id": "8447388090494",
        "status": "OPEN",
        "subject": "Cannot login to mobile app",
        "submitter_id": "8447388090494",
        "tags": ["mobile", "login", "priority-support"],
        "type": "PROBLEM",
        "updated_at": "2025-01-08T14:25:30Z",
        "via": {"channel": "web_service"},
    },
    "event": {
        "comment": {
            "id": "9876543210",
            "body": "We are investigating this issue and will update you shortly.",
            "is_public": True,
            "author": {"id": "8447388090495", "is_staff": True, "name": "Support Agent"},
        }
    },
    "id": "d4f5c389-8f4a-4c2e-a1b9-8e4f39c71d52",
    "subject": "zen:ticket:5158",
    "time": "2025-01-08T14:25:30.123456789Z",
    "type": "zen:event-type:ticket.comment_added",
    "zendesk_event_version": "2022-11-06",
}

# Zendesk's documented "Status changed" example, from the same page (event: current, previous).
ZENDESK_STATUS_CHANGED: dict[str, Any] = {
    **ZENDESK_COMMENT_ADDED,
    "event": {"current": "SOLVED", "previous": "OPEN"},
    "id": "a8b9c1d2-3e4f-5a6b-7c8d-9e0f1a2b3c4d",
    "time": "2025-01-08T16:45:20.987654321Z",
    "type": "zen:event-type:ticket.status_changed",
}

# Zendesk's documented "Message added" messaging event, verbatim (developer.zendesk.com, webhooks,
# event types, messaging events).
ZENDESK_MESSAGE_ADDED = (
    '{"account_id": 21825834,"detail": {"id": "141"},"event": {"actor": {"id": "zd:answerBot",'
    '"name": "Z3n Tests (ff66ff 403433/1724317083)","type": "system"},"conversation_id": '
    '"67ab5f53a96f98663935c3f2","message": {"body": "Hi there. How can I help you today?",'
    '"id": "67ab5f55155becd183e284cb"}},"id": "01JQMQH83YNAKWSWJ8B1QH2NSC","subject": "zen:ticket:141",'
    '"time": "2025-02-11T14:32:05.254571515Z","type": "zen:event-type:messaging_ticket.message_added",'
    '"zendesk_event_version": "2022-11-06"}'
)

# Freshdesk's "simple" webhook body as Freshdesk posted it (github.com/zulip/zulip,
# zerver/webhooks/freshdesk/fixtures/ticket_created.json and public_note.json).
FRESHDESK_CREATED = """{"freshdesk_webhook":
    {
    "triggered_event":"{ticket_action:created}",
    "ticket_id":"11",
    "ticket_url":"http://test1234zzz.freshdesk.com/helpdesk/tickets/11",
    "ticket_type":"Incident",
    "ticket_subject":"Test ticket subject \u2603",
    "ticket_description":"<div>Test ticket description \u2603.</div>",
    "ticket_status":"Pending",
    "ticket_priority":"High",
    "requester_name":"Requester \u2603 Bob",
    "requester_email":"requester-bob@example.com"
    }
}
"""
FRESHDESK_PUBLIC_NOTE = FRESHDESK_CREATED.replace("{ticket_action:created}", "{note_type:public}")


async def post_helpscout(
    client: httpx.AsyncClient, made: dict[str, Any], body: dict[str, Any], event: str
) -> httpx.Response:
    raw = json.dumps(body).encode()
    return await client.post(made["url"], content=raw, headers=helpscout_headers(made["secret"], raw, event))


async def post_zendesk(client: httpx.AsyncClient, made: dict[str, Any], raw: bytes) -> httpx.Response:
    headers = {
        **zendesk_headers(made["secret"], raw, datetime.now(UTC)),
        "x-zendesk-webhook-id": "01GK8E6BKWMJZD2T8Y5AXJQMG5",
    }
    return await client.post(made["url"], content=raw, headers=headers)


async def test_helpscout_off_topic_conversation_is_kept_not_refused(
    client: httpx.AsyncClient, seller: SellerFixture
) -> None:
    made = await producer(client, seller, "helpscout")
    conversation = helpscout_conversation(7001)
    kept = await post_helpscout(client, made, conversation, "convo.created")
    assert kept.status_code == 202, "Help Scout deactivates a webhook that keeps failing"
    assert kept.json()["unmatched"]["reason"] == "no-order-id"
    again = await post_helpscout(client, made, conversation, "convo.created")
    assert again.status_code == 200 and again.headers["idempotent-replayed"] == "true"
    assert again.json() == kept.json()
    listed = (await client.get("/v1/unmatched", headers=seller.headers)).json()["items"]
    assert [(i["id"], i["kind"], i["reason"]) for i in listed] == [
        (kept.json()["unmatched"]["id"], "convo.created", "no-order-id")
    ]
    assert listed[0]["payload"]["subject"] == "Need Help"


async def test_helpscout_test_event_answers_2xx(client: httpx.AsyncClient, seller: SellerFixture) -> None:
    made = await producer(client, seller, "helpscout")
    # The test event as Help Scout's PHP SDK tests send it (tests/Webhooks/IncomingWebhookTest.php).
    response = await post_helpscout(client, made, {"id": 123}, "helpscout.test")
    assert response.status_code == 202 and response.json()["unmatched"]["reason"] == "test"


async def test_helpscout_order_from_a_custom_field_by_name(
    client: httpx.AsyncClient, seller: SellerFixture
) -> None:
    made = await producer(client, seller, "helpscout", mapping={"order_id_field": "Amazon order"})
    order = new_order_id()
    conversation = helpscout_conversation(7002)
    conversation["customFields"].append({"id": 6689, "name": "Amazon Order", "value": order, "text": order})
    response = await post_helpscout(client, made, conversation, "convo.customer.reply.created")
    assert response.status_code == 201, response.text
    [answer] = response.json()["events"]
    assert answer["order_id"] == order and answer["cases"][0]["status"] == "awaiting_reply"


async def test_helpscout_agent_reply_not_note_and_edits_undo_nothing(
    client: httpx.AsyncClient, seller: SellerFixture
) -> None:
    made = await producer(client, seller, "helpscout")
    order = new_order_id()
    conversation = helpscout_conversation(7003)
    conversation["subject"] = f"Order {order}"
    assert (await post_helpscout(client, made, conversation, "convo.created")).status_code == 201
    thread = conversation["_embedded"]["threads"][0]
    reply = {**copy.deepcopy(thread), "id": 2, "type": "message", "body": "Sorry, a new one ships today"}
    reply["createdBy"] = {"id": 256, "type": "user", "first": "Mr", "email": "none@nowhere.com"}
    reply["createdAt"] = "2017-04-21T15:00:00Z"
    note = {**copy.deepcopy(reply), "id": 3, "type": "note", "body": "internal: check stock"}
    note["createdAt"] = "2017-04-21T15:05:00Z"
    conversation["_embedded"]["threads"] = [thread, reply, note]
    replied = await post_helpscout(client, made, conversation, "convo.agent.reply.created")
    [answer] = replied.json()["events"]
    assert answer["type"] == "message.sent" and answer["cases"][0]["status"] == "answered"
    # The reply edited (or the thread deleted) and the conversation sent again: the fact stands.
    reply["body"] = "Sorry, a new one ships tomorrow"
    restated = await post_helpscout(client, made, conversation, "convo.agent.reply.created")
    assert restated.status_code == 200 and restated.json() == replied.json()
    assert await timeline_events(client, seller, order) == ["message.received", "message.sent"]


async def test_zendesk_event_webhooks(client: httpx.AsyncClient, seller: SellerFixture) -> None:
    made = await producer(
        client,
        seller,
        "zendesk",
        secret="zendesk-signing-secret-0123456789",
        mapping={"order_id_field": "detail.external_id"},
    )
    order = new_order_id()
    asked = copy.deepcopy(ZENDESK_COMMENT_ADDED)
    asked["id"], asked["detail"]["external_id"] = "c8e1d3a2-0000-4c2e-a1b9-8e4f39c71d52", order
    asked["event"]["comment"].update(id="9876543209", is_public=True)
    asked["event"]["comment"]["author"] = {"id": "8447388090494", "is_staff": False, "name": "Buyer"}
    received = await post_zendesk(client, made, json.dumps(asked).encode())
    assert received.status_code == 201, received.text
    assert received.json()["events"][0]["cases"][0]["status"] == "awaiting_reply"
    answered = copy.deepcopy(ZENDESK_COMMENT_ADDED)
    answered["detail"]["external_id"] = order
    replied = await post_zendesk(client, made, json.dumps(answered).encode())
    assert replied.json()["events"][0]["cases"][0]["status"] == "answered"
    private = copy.deepcopy(answered)
    private["id"], private["event"]["comment"]["is_public"] = "f0000000-0000-4000-8000-000000000001", False
    note = await post_zendesk(client, made, json.dumps(private).encode())
    assert note.status_code == 202 and note.json()["unmatched"]["reason"] == "unused-type"
    status = await post_zendesk(client, made, json.dumps(ZENDESK_STATUS_CHANGED).encode())
    assert status.status_code == 202 and status.json()["unmatched"]["reason"] == "unused-type"
    bot = await post_zendesk(client, made, ZENDESK_MESSAGE_ADDED.encode())
    assert bot.status_code == 202 and bot.json()["unmatched"]["reason"] == "no-order-id"
    chat = json.loads(ZENDESK_MESSAGE_ADDED)
    chat["id"], chat["event"]["actor"]["type"] = "01JQMQH83YNAKWSWJ8B1QH2NSD", "end_user"
    chat["event"]["message"]["body"] = f"Where is my order {order}?"
    messaged = await post_zendesk(client, made, json.dumps(chat).encode())
    assert messaged.status_code == 201 and messaged.json()["events"][0]["type"] == "message.received"
    assert await timeline_events(client, seller, order) == [
        "message.received",
        "message.sent",
        "message.received",
    ]


async def test_freshdesk_simple_body(client: httpx.AsyncClient, seller: SellerFixture) -> None:
    made = await producer(client, seller, "freshdesk")
    headers = {"X-Aftersales-Secret": made["secret"], "content-type": "application/json"}
    order = new_order_id()
    created = FRESHDESK_CREATED.replace("Test ticket subject", f"Order {order}")
    response = await client.post(made["url"], content=created.encode(), headers=headers)
    assert response.status_code == 201, response.text
    assert response.json()["events"][0]["cases"][0]["status"] == "awaiting_reply"
    again = await client.post(made["url"], content=created.encode(), headers=headers)
    assert again.status_code == 200 and again.json() == response.json()
    note = await client.post(made["url"], content=FRESHDESK_PUBLIC_NOTE.encode(), headers=headers)
    assert note.status_code == 202 and note.json()["unmatched"]["reason"] == "unused-type"
    off_topic = await client.post(made["url"], content=FRESHDESK_CREATED.encode(), headers=headers)
    assert off_topic.status_code == 202 and off_topic.json()["unmatched"]["reason"] == "no-order-id"
    assert await timeline_events(client, seller, order) == ["message.received"]
