"""Stands in for the EventBridge rule locally: calls the dispatcher's Lambda handler every 15 seconds
with a real-shaped scheduled event (the same code path as in AWS)."""

from __future__ import annotations

import json
import threading

from devstack.lambda_context import LambdaContext
from devstack.template import ROOT

INTERVAL_SECONDS = 15
EVENT = ROOT / "events" / "dispatcher" / "every-minute.json"


def start(interval: float = INTERVAL_SECONDS) -> threading.Event:
    """Starts the timer thread; set the returned event to stop it."""
    from dispatcher_fn.app import handler

    from shared.observability import logger

    stop = threading.Event()
    event = json.loads(EVENT.read_text(encoding="utf-8"))

    def loop() -> None:
        while not stop.wait(interval):
            try:
                handler(event, LambdaContext(function_name="impacte-local-dispatcher"))
            except Exception:  # keep ticking: one bad run must not stop the schedules
                logger.exception("local dispatcher run failed")

    threading.Thread(target=loop, name="dispatcher-timer", daemon=True).start()
    return stop
