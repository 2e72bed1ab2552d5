import pytest

from services.core.domain.marketplaces import MARKETPLACES, normalize


def test_normalize_accepts_case_and_gb() -> None:
    assert normalize(" us ") == "US"
    assert normalize("gb") == "UK"
    assert MARKETPLACES["UK"].region == "GB"


def test_unknown_marketplace_lists_the_known_ones() -> None:
    with pytest.raises(ValueError, match="unknown marketplace 'XX'; known: AE, AU"):
        normalize("XX")
