"""Sealing secrets at rest: round trips, plaintext from before, key rotation, missing keys."""

import pytest
from cryptography.fernet import Fernet

from services.core.kit.sealed import PREFIX, Sealer, SecretUnreadable


def _key() -> str:
    return Fernet.generate_key().decode()


def test_a_sealed_secret_opens_and_does_not_show() -> None:
    sealer = Sealer(_key())
    stored = sealer.seal("whsec_c2VjcmV0")
    assert stored.startswith(PREFIX) and "c2VjcmV0" not in stored
    assert sealer.open(stored) == "whsec_c2VjcmV0"
    assert sealer.seal("x") != sealer.seal("x"), "a fresh IV each time"


def test_plaintext_from_before_a_key_reads_as_it_is() -> None:
    assert Sealer(_key()).open("plain-secret-from-2025") == "plain-secret-from-2025"


def test_without_a_key_secrets_stay_plaintext_and_sealed_ones_are_unreadable() -> None:
    bare = Sealer(None)
    assert not bare.sealing and bare.seal("s3cret") == "s3cret"
    with pytest.raises(SecretUnreadable, match="no key is set"):
        bare.open(Sealer(_key()).seal("s3cret"))


def test_a_new_key_goes_first_and_the_old_one_still_opens() -> None:
    old, new = _key(), _key()
    before = Sealer(old).seal("s3cret")
    rotated = Sealer(f"{new}, {old}")
    assert rotated.open(before) == "s3cret"
    assert Sealer(new).open(rotated.seal("s3cret")) == "s3cret", "the first key seals"
    with pytest.raises(SecretUnreadable, match="none of the keys"):
        Sealer(new).open(before)


def test_a_malformed_key_is_refused_at_start() -> None:
    with pytest.raises(ValueError, match="AFTERSALES_SECRETS_KEY"):
        Sealer("not-a-fernet-key")
