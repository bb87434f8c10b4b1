"""Domain events (e.g. `funnel.stage_changed`) for the modules that react to them later
(automations, AI, Radar).

In AWS they go to the EventBridge bus; locally and in tests they are delivered in-process to the
subscribers registered here, synchronously, after the change is stored.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from shared import clock
from shared.aws import client
from shared.observability import logger
from shared.settings import get_settings

SOURCE = "impacte.crm"
Handler = Callable[[dict[str, Any]], None]
_subscribers: dict[str, list[Handler]] = defaultdict(list)


def subscribe(detail_type: str, handler: Handler) -> Callable[[], None]:
    """Registers an in-process subscriber; returns a function that removes it."""
    _subscribers[detail_type].append(handler)
    return lambda: _subscribers[detail_type].remove(handler)


def publish(detail_type: str, tenant_id: str, detail: dict[str, Any]) -> None:
    event = {"tenant_id": tenant_id, "occurred_at": clock.now_iso(), **detail}
    if get_settings().is_local:
        for handler in list(_subscribers[detail_type]):
            try:
                handler(event)
            except Exception:  # a subscriber's failure never undoes the change that happened
                logger.exception("event subscriber failed", extra={"detail_type": detail_type})
        return
    client("events").put_events(Entries=[{
        "Source": SOURCE, "DetailType": detail_type, "Detail": json.dumps(event, default=str),
        "EventBusName": get_settings().event_bus_name,
    }])
