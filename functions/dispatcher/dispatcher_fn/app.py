"""Dispatcher function: invoked every minute by an EventBridge rule (locally by a 15-second timer, the
same handler); sends the scheduled messages that are due, across companies."""

from __future__ import annotations

from typing import Any

from shared.observability import logger
from shared.schedules.dispatcher import run


@logger.inject_lambda_context(clear_state=True)
def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    report = run()
    logger.info("dispatcher run", extra=report.model_dump())
    return report.model_dump()
