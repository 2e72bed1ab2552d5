"""New row ids: UUIDv7 (RFC 9562), ordered by the time they are made.

Rows are inserted roughly in the order their ids are made, so each new key lands at the right
edge of its B-tree. A random (v4) key lands on a random page of an index that only grows (the
event log, the outbox, deliveries, buyer messages), and a burst of firings dirtied a different
page, and wrote its WAL, for every row. The ids stay unguessable enough for a key (74 random
bits), and nothing is keyed to their randomness.
"""

import uuid

from uuid_utils.compat import uuid7


def new_id() -> uuid.UUID:
    return uuid7()
