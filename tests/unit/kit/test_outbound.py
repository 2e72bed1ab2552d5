"""The address classes outbound calls refuse, and the public addresses they allow."""

import ipaddress

import pytest

from services.core.kit.outbound import refusal


@pytest.mark.parametrize(
    "address",
    [
        "8.8.8.8",
        "93.184.215.14",
        "2606:4700:4700::1111",
        "::ffff:8.8.8.8",  # IPv4-mapped public
        "2002:808:808::1",  # 6to4 of a public address
        "64:ff9b::808:808",  # NAT64 of a public address
    ],
)
def test_public_addresses_are_allowed(address: str) -> None:
    assert refusal(ipaddress.ip_address(address)) is None


@pytest.mark.parametrize(
    ("address", "why"),
    [
        ("127.8.9.10", "loopback"),
        ("10.255.0.1", "private"),
        ("172.31.255.255", "private"),
        ("192.168.0.1", "private"),
        ("169.254.170.2", "link-local"),  # the ECS task metadata address
        ("100.127.255.254", "carrier-grade NAT"),
        ("239.255.255.250", "multicast"),
        ("0.0.0.0", "unspecified"),
        ("255.255.255.255", "private or special-purpose"),
        ("192.0.2.1", "private or special-purpose"),  # documentation
        ("::1", "loopback"),
        ("fe80::abcd", "link-local"),
        ("fc00::1", "private"),
        ("fec0::1", "site-local"),
        ("ff05::2", "multicast"),
        ("::", "unspecified"),
        ("::ffff:127.0.0.1", "loopback"),
        ("::ffff:100.64.0.1", "carrier-grade NAT"),
        ("2002:c0a8:0101::1", "private"),  # 6to4 of 192.168.1.1
        ("64:ff9b::7f00:1", "loopback"),  # NAT64 of 127.0.0.1
        ("64:ff9b:1::a9fe:a9fe", "link-local"),  # local-use NAT64 of the metadata address
        ("::7f00:1", "reserved"),  # the deprecated IPv4-compatible form
        ("2001::1", "private"),  # Teredo tunnels
    ],
)
def test_each_refused_class_is_named(address: str, why: str) -> None:
    reason = refusal(ipaddress.ip_address(address))
    assert reason is not None and why in reason
