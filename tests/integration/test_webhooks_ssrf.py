"""Webhooks go only to the public internet: refused at registration (422 naming the reason)
and again at each delivery, against the address connected to; redirects are never followed.

The API here runs as in production (AFTERSALES_ALLOW_PRIVATE_RECEIVERS unset). Where a test
needs DNS to answer a name with an address of its choosing, it gives the service a resolver
answering from a table, as /etc/hosts would; the machine has no other DNS to ask.
"""

from collections.abc import AsyncIterator
from dataclasses import replace
from typing import Any

import httpx
import pytest

from services.core.kit import outbound
from services.core.kit.clock import SettableClock
from services.core.kit.config import Settings
from services.core.kit.outbound import Address, Receivers
from services.workers.context import KEY, WorkerContext
from services.workers.deliveries import deliver
from tests.conftest import SellerFixture, own_app
from tests.factories import event, new_order_id
from tests.receiver import Answer, Receiver

PUBLIC = "93.184.215.14"  # example.com's address: global unicast


class Hosts:
    """A DNS that answers from a table the test can change between two lookups."""

    def __init__(self, **names: str) -> None:
        self.names = dict(names)

    async def resolve(self, host: str, port: int) -> list[Address]:
        return await outbound.system_resolve(self.names.get(host, host), port)


@pytest.fixture
async def strict(settings: Settings, clock: SettableClock) -> AsyncIterator[Any]:
    """The app with the production default: public https receivers only."""
    async with own_app(settings, clock, allow_private_receivers=False) as application:
        yield application


@pytest.fixture
async def strict_client(strict: Any) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=strict), base_url="http://t") as c:
        yield c


async def _register(client: httpx.AsyncClient, seller: SellerFixture, url: str) -> httpx.Response:
    return await client.post("/v1/webhook-endpoints", headers=seller.headers, json={"url": url})


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        # IPv4, each class; the issue's own example first.
        ("https://169.254.169.254/latest/meta-data/", "169.254.169.254 is a link-local address"),
        ("https://127.0.0.1:8000/hook", "127.0.0.1 is a loopback address"),
        ("https://2130706433/hook", "127.0.0.1 is a loopback address"),  # 127.0.0.1 as one number
        ("https://10.0.0.5/hook", "10.0.0.5 is a private"),
        ("https://172.16.3.4/hook", "172.16.3.4 is a private"),
        ("https://192.168.1.10/hook", "192.168.1.10 is a private"),
        ("https://100.64.0.1/hook", "100.64.0.1 is a carrier-grade NAT address"),
        ("https://224.0.0.251/hook", "224.0.0.251 is a multicast address"),
        ("https://0.0.0.0/hook", "0.0.0.0 is the unspecified address"),
        # IPv6, each class, and the IPv6 forms that reach an IPv4 address.
        ("https://[::1]/hook", "::1 is a loopback address"),
        ("https://[fe80::1]/hook", "fe80::1 is a link-local address"),
        ("https://[fd00:ec2::254]/hook", "fd00:ec2::254 is a private"),  # AWS's IPv6 metadata
        ("https://[ff02::1]/hook", "ff02::1 is a multicast address"),
        ("https://[::]/hook", ":: is the unspecified address"),
        ("https://[::ffff:169.254.169.254]/hook", "and 169.254.169.254 is a link-local address"),
        ("https://[2002:a9fe:a9fe::1]/hook", "and 169.254.169.254 is a link-local address"),  # 6to4
        ("https://[64:ff9b::a00:5]/hook", "and 10.0.0.5 is a private"),  # NAT64
        # A name that resolves to loopback.
        ("https://localhost/hook", "localhost resolves to"),
        # A name with no address to check (.invalid never resolves, RFC 2606).
        ("https://hooks.invalid/hook", "hooks.invalid does not resolve"),
        # Plain http, even to a public address.
        (f"http://{PUBLIC}/hook", "only https receivers are allowed"),
    ],
)
async def test_registration_refuses_what_is_not_public_https(
    strict_client: httpx.AsyncClient, seller: SellerFixture, url: str, reason: str
) -> None:
    response = await _register(strict_client, seller, url)
    assert response.status_code == 422, response.text
    problem = response.json()
    assert problem["type"] == "/problems/receiver-not-allowed"
    assert reason in problem["reason"] and reason in problem["detail"]
    assert (await strict_client.get("/v1/webhook-endpoints", headers=seller.headers)).json() == []


async def test_registration_accepts_a_public_https_receiver(
    strict_client: httpx.AsyncClient, seller: SellerFixture
) -> None:
    response = await _register(strict_client, seller, f"https://{PUBLIC}/hook")
    assert response.status_code == 201, response.text


async def _one_delivery(client: httpx.AsyncClient, seller: SellerFixture) -> dict[str, Any]:
    body = event("cancellation.requested", new_order_id())
    assert (await client.post("/v1/events", headers=seller.headers, json=body)).status_code == 201
    [delivery] = (await client.get("/v1/deliveries", headers=seller.headers)).json()["items"]
    return delivery  # type: ignore[no-any-return]


def _with_http(ctx: dict[str, Any], http: httpx.AsyncClient) -> dict[str, Any]:
    """The worker's context with another outbound client: one that resolves names as the test says."""
    return {**ctx, KEY: replace(WorkerContext.of(ctx), http=http)}


async def test_a_name_that_turns_private_after_registration_is_refused_at_delivery(
    strict: Any, strict_client: httpx.AsyncClient, seller: SellerFixture, worker_ctx: dict[str, Any]
) -> None:
    hosts = Hosts(**{"hooks.example.com": PUBLIC})
    strict.state.receivers = Receivers(resolve=hosts.resolve)
    assert (await _register(strict_client, seller, "https://hooks.example.com/hook")).status_code == 201
    hosts.names["hooks.example.com"] = "169.254.169.254"  # the DNS answer changes (rebinding)
    delivery = await _one_delivery(strict_client, seller)
    async with outbound.client(Receivers(resolve=hosts.resolve)) as http:
        await deliver(_with_http(worker_ctx, http), delivery["id"])
    [after] = (await strict_client.get("/v1/deliveries", headers=seller.headers)).json()["items"]
    assert (after["state"], after["attempt"], after["last_status"]) == ("pending", 1, None)
    assert "hooks.example.com resolves to 169.254.169.254 is a link-local address" in after["last_error"]


async def test_a_private_receiver_is_refused_at_delivery_without_a_request(
    client: httpx.AsyncClient, seller: SellerFixture, worker_ctx: dict[str, Any]
) -> None:
    # Registered while private receivers were allowed; the worker now runs without that setting.
    async with Receiver() as receiver:
        url = receiver.url.replace("http://", "https://")
        assert (await _register(client, seller, url)).status_code == 201
        delivery = await _one_delivery(client, seller)
        async with outbound.client(Receivers()) as http:
            await deliver(_with_http(worker_ctx, http), delivery["id"])
    assert receiver.received == [], "no byte went to the private address"
    [after] = (await client.get("/v1/deliveries", headers=seller.headers)).json()["items"]
    assert after["attempt"] == 1 and after["last_status"] is None
    assert after["last_error"] == "Refused: 127.0.0.1 is a loopback address"


async def test_plain_http_is_refused_at_delivery(
    client: httpx.AsyncClient, seller: SellerFixture, worker_ctx: dict[str, Any]
) -> None:
    async with Receiver() as receiver:
        assert (await _register(client, seller, receiver.url)).status_code == 201
        delivery = await _one_delivery(client, seller)
        async with outbound.client(Receivers()) as http:
            await deliver(_with_http(worker_ctx, http), delivery["id"])
    assert receiver.received == []
    [after] = (await client.get("/v1/deliveries", headers=seller.headers)).json()["items"]
    assert after["last_error"] == "Refused: only https receivers are allowed, not http"


async def test_a_redirect_is_not_followed(
    client: httpx.AsyncClient, seller: SellerFixture, worker_ctx: dict[str, Any]
) -> None:
    async with Receiver() as first, Receiver() as second:
        first.answer_with(Answer(307, {"Location": second.url}))
        assert (await _register(client, seller, first.url)).status_code == 201
        delivery = await _one_delivery(client, seller)
        await deliver(worker_ctx, delivery["id"])
    assert len(first.received) == 1 and second.received == [], "the redirect was not followed"
    [after] = (await client.get("/v1/deliveries", headers=seller.headers)).json()["items"]
    assert (after["state"], after["last_status"]) == ("pending", 307)
