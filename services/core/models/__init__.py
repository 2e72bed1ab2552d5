"""SQLAlchemy tables, one module per aggregate. Importing this package registers them all."""

from services.core.models.audit import AuditEntry
from services.core.models.backtest import Backtest
from services.core.models.base import Base
from services.core.models.case import Case, CaseNote, Clock, ClockBookmark
from services.core.models.console_session import ConsoleSession
from services.core.models.event import Event
from services.core.models.firing import ClockFiring, Task
from services.core.models.idempotency import IdempotencyKey
from services.core.models.message import BuyerMessage
from services.core.models.order import Order
from services.core.models.outbox import Delivery, OutboundEvent, WebhookEndpoint
from services.core.models.policy import PolicyVersion
from services.core.models.producer import Gap, InboundWebhook, Producer
from services.core.models.reminder import Contact, Reminder
from services.core.models.rollup import OrderDay, OrderDayChange
from services.core.models.seller import ApiKey, Seller
from services.core.models.snapshot import HealthSnapshot
from services.core.models.template import MessageTemplate

__all__ = [
    "ApiKey",
    "AuditEntry",
    "Backtest",
    "Base",
    "BuyerMessage",
    "Case",
    "CaseNote",
    "Clock",
    "ClockBookmark",
    "ConsoleSession",
    "Contact",
    "ClockFiring",
    "Delivery",
    "Event",
    "Gap",
    "HealthSnapshot",
    "IdempotencyKey",
    "InboundWebhook",
    "MessageTemplate",
    "Order",
    "OrderDay",
    "OrderDayChange",
    "OutboundEvent",
    "PolicyVersion",
    "Producer",
    "Reminder",
    "Seller",
    "Task",
    "WebhookEndpoint",
]
