"""Outbound HTTP to the public internet only (DESIGN.md principle 9).

A receiver's URL is checked when it is registered (`check_receiver`) and again at every call
(`client`): the connection resolves the host itself, refuses the whole name when any of its
addresses is not public, and connects to the address it checked, so a DNS answer that changes
between the check and the connection (rebinding) cannot slip a private address through.
Redirects are never followed, proxies from the environment are never used, and only https is
spoken. `Receivers(allow_private=True)` (AFTERSALES_ALLOW_PRIVATE_RECEIVERS) lifts the address
and scheme rules, not the others, for a self-hosted setup whose receivers live on its own
network, and for the tests.
"""

import asyncio
import ipaddress
import socket
import typing
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import httpcore
import httpx

from services.core.kit.errors import Invalid

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
# host, port -> every address the name resolves to (an address literal resolves to itself).
Resolver = Callable[[str, int], Awaitable[list[Address]]]

RESOLVE_TIMEOUT_SECONDS = 5.0
_CGNAT = ipaddress.IPv4Network("100.64.0.0/10")  # RFC 6598; not in ipaddress's private list
_NAT64 = (ipaddress.IPv6Network("64:ff9b::/96"), ipaddress.IPv6Network("64:ff9b:1::/48"))  # RFC 6052, 8215


def _embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 form reaches: IPv4-mapped, 6to4 or NAT64."""
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if any(address in net for net in _NAT64):
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def refusal(address: Address) -> str | None:
    """Why a connection to this address is refused, or None for a public address."""
    if isinstance(address, ipaddress.IPv6Address):
        address = ipaddress.IPv6Address(address.compressed.split("%")[0])  # drop a zone id
        embedded = _embedded_ipv4(address)
        if embedded is not None:
            reason = refusal(embedded)
            return f"{address} is {embedded} in IPv6 form, and {reason}" if reason else None
    checks = (
        (address.is_unspecified, "the unspecified address"),
        (address.is_loopback, "a loopback address"),
        (address.is_link_local, "a link-local address (cloud metadata services answer there)"),
        (address.is_multicast, "a multicast address"),
        (address.version == 6 and address.is_site_local, "a site-local address"),
        (address.version == 4 and address in _CGNAT, "a carrier-grade NAT address (100.64.0.0/10)"),
        (address.is_private, "a private or special-purpose address"),
        (address.is_reserved, "a reserved address"),
        (not address.is_global, "not a public address"),
    )
    reason = next((why for refused, why in checks if refused), None)
    return f"{address} is {reason}" if reason else None


async def system_resolve(host: str, port: int) -> list[Address]:
    infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    found: dict[Address, None] = {}
    for *_, sockaddr in infos:
        found[ipaddress.ip_address(str(sockaddr[0]).split("%")[0])] = None
    return list(found)


@dataclass(frozen=True)
class Receivers:
    """Where outbound calls may go. `resolve` is the system's DNS unless a test names one."""

    allow_private: bool = False
    resolve: Resolver = field(default=system_resolve)

    async def addresses(self, host: str, port: int) -> list[Address]:
        """The host's addresses, each public, or a refusal naming the first that is not."""
        try:
            found = await asyncio.wait_for(self.resolve(host, port), RESOLVE_TIMEOUT_SECONDS)
        except (OSError, TimeoutError, ValueError) as error:
            raise Unresolved(f"{host} does not resolve ({type(error).__name__})") from error
        if not found:
            raise Unresolved(f"{host} does not resolve")
        for address in [] if self.allow_private else found:
            if (reason := refusal(address)) is not None:
                raise Refused(reason if str(address) == host else f"{host} resolves to {reason}")
        return found

    def scheme_refusal(self, scheme: str) -> str | None:
        if scheme == "https" or (scheme == "http" and self.allow_private):
            return None
        return f"only https receivers are allowed, not {scheme}"


class Refused(httpx.TransportError):
    """An outbound call refused before any byte was sent; the message is the reason.

    An httpx transport error, so a caller that records failed attempts records this one too."""


class Unresolved(httpx.ConnectError):
    """The host has no address we could check, so nothing was sent."""


class ReceiverNotAllowed(Invalid):
    slug = "receiver-not-allowed"

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(f"we do not send to {url}: {reason}", reason=reason)


async def check_receiver(url: str, receivers: Receivers) -> None:
    """Refuse a receiver URL at registration, with the reason; resolves the host."""
    parts = urlsplit(url)
    if (reason := receivers.scheme_refusal(parts.scheme)) is not None:
        raise ReceiverNotAllowed(url, reason)
    if receivers.allow_private:
        return
    if not parts.hostname:
        raise ReceiverNotAllowed(url, "the URL names no host")
    try:
        await receivers.addresses(parts.hostname, parts.port or 443)
    except (Refused, Unresolved) as refused:
        raise ReceiverNotAllowed(url, str(refused)) from refused


class _PublicOnlyBackend(httpcore.AsyncNetworkBackend):
    """Resolves the host, refuses it unless every address is allowed, connects to an address
    it checked. TLS still verifies the certificate against the URL's host name (httpcore passes
    it as server_hostname), so connecting by address loses nothing."""

    def __init__(self, receivers: Receivers) -> None:
        self.receivers = receivers
        self.inner = httpcore.AnyIOBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,  # noqa: ASYNC109 - httpcore's interface
        local_address: str | None = None,
        socket_options: typing.Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        addresses = await self.receivers.addresses(host, port)
        failure: Exception | None = None
        for address in addresses:
            try:
                return await self.inner.connect_tcp(
                    str(address), port, timeout, local_address, socket_options
                )
            except httpcore.ConnectError as error:
                failure = error
        assert failure is not None
        raise failure

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,  # noqa: ASYNC109 - httpcore's interface
        socket_options: typing.Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        raise Refused("unix sockets are not receivers")

    async def sleep(self, seconds: float) -> None:
        await self.inner.sleep(seconds)


class PublicOnlyTransport(httpx.AsyncHTTPTransport):
    """httpx's own transport on a connection pool that connects only where `Receivers` allows.

    httpx takes no network backend of its own, so the pool it built is replaced by one that has
    ours; the pool is httpcore's documented way to choose where connections go."""

    def __init__(self, receivers: Receivers) -> None:
        super().__init__(trust_env=False)
        self.receivers = receivers
        self._pool = httpcore.AsyncConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False),
            network_backend=_PublicOnlyBackend(receivers),
        )

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if (reason := self.receivers.scheme_refusal(request.url.scheme)) is not None:
            raise Refused(reason, request=request)
        return await super().handle_async_request(request)


def client(receivers: Receivers) -> httpx.AsyncClient:
    """The one way to call out: public addresses only, no redirects, no proxies from the env."""
    return httpx.AsyncClient(
        transport=PublicOnlyTransport(receivers), follow_redirects=False, trust_env=False
    )
