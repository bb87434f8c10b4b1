"""Counts the DynamoDB calls and items a piece of code costs (what AWS bills), on moto."""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field

from shared.aws import client


@dataclass
class DynamoCost:
    calls: int = 0
    items_read: int = 0
    operations: list[str] = field(default_factory=list)


@contextmanager
def measure():
    cost = DynamoCost()
    events = client("dynamodb").meta.events

    def after(http_response, parsed, model, **_):
        cost.calls += 1
        cost.operations.append(model.name)
        if "Item" in parsed:
            cost.items_read += 1
        cost.items_read += len(parsed.get("Items", []))
        for found in parsed.get("Responses", {}).values():
            cost.items_read += len(found)

    events.register("after-call.dynamodb.*", after, unique_id="bench-measure")
    try:
        yield cost
    finally:
        events.unregister("after-call.dynamodb.*", unique_id="bench-measure")
