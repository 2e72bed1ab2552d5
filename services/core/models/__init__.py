"""SQLAlchemy tables, one module per aggregate. Importing this package registers them all."""

from services.core.models.base import Base
from services.core.models.seller import ApiKey, Seller

__all__ = ["ApiKey", "Base", "Seller"]
