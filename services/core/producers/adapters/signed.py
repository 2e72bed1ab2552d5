"""Signature checks, each the way its sender signs."""

import base64
import hashlib
import hmac
from collections.abc import Mapping
from datetime import datetime, timedelta

from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from services.core.producers.adapters.common import BadSignature, same

TOLERANCE = timedelta(minutes=5)


def standard(secrets: list[str], headers: Mapping[str, str], body: bytes) -> None:
    """Standard Webhooks: HMAC-SHA256 over id.timestamp.body, 5 minutes either way, several
    signatures allowed so the sender can rotate."""
    for secret in secrets:
        try:
            Webhook(secret).verify(body, dict(headers), json_parse=False)
            return
        except WebhookVerificationError as error:
            failure = str(error)
    raise BadSignature(f"standard webhooks: {failure}")


def helpscout(secrets: list[str], headers: Mapping[str, str], body: bytes) -> None:
    """Help Scout: X-HelpScout-Signature is base64 HMAC-SHA1 of the raw body."""
    presented = headers.get("x-helpscout-signature")
    for secret in secrets:
        expected = base64.b64encode(hmac.new(secret.encode(), body, hashlib.sha1).digest()).decode()
        if same(expected, presented):
            return
    raise BadSignature("X-HelpScout-Signature does not match the body")


def zendesk(secrets: list[str], headers: Mapping[str, str], body: bytes, wall: datetime) -> None:
    """Zendesk: base64 HMAC-SHA256 of timestamp + body; the timestamp must be recent."""
    stamp = headers.get("x-zendesk-webhook-signature-timestamp")
    presented = headers.get("x-zendesk-webhook-signature")
    if not stamp or not presented:
        raise BadSignature("X-Zendesk-Webhook-Signature and its -Timestamp header are required")
    try:
        sent = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError as error:
        raise BadSignature("X-Zendesk-Webhook-Signature-Timestamp is not an ISO 8601 time") from error
    if abs(wall - sent) > TOLERANCE:
        raise BadSignature("the Zendesk signature timestamp is more than 5 minutes off")
    for secret in secrets:
        expected = base64.b64encode(
            hmac.new(secret.encode(), stamp.encode() + body, hashlib.sha256).digest()
        ).decode()
        if same(expected, presented):
            return
    raise BadSignature("X-Zendesk-Webhook-Signature does not match the timestamp and body")


def shared_secret(secrets: list[str], headers: Mapping[str, str], header: str) -> None:
    """Freshdesk automations and relays sign nothing: a secret in a header of the seller's choosing."""
    presented = headers.get(header.lower())
    if not any(same(secret, presented) for secret in secrets):
        raise BadSignature(f"the {header} header does not carry this producer's secret")
