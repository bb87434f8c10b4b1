"""Background work: `run_async(job, payload)` runs a registered job outside the request that asked.

- In AWS the function invokes a Lambda asynchronously (InvocationType "Event") with
  `{"job": <name>, "payload": {...}}`: the function named by JOBS_FUNCTION_NAME, else itself
  (AWS_LAMBDA_FUNCTION_NAME). Its entry point (`serve`) hands such events to `dispatch`.
- Locally and in tests the job runs in a daemon thread of this process; tests join them with
  `wait_all()` or run them in the caller with `inline()`.

A job receives its payload and `time_left()` (seconds of the invocation left; unlimited locally) and
returns True when finished. False means "stopped to beat the timeout": the same payload is queued
again, so a job keeps its progress in the table and continues from there (which also makes Lambda's
retries and duplicate deliveries harmless). A domain error (AppError) ends the job without a retry.

`claim` / `save_claimed` give a job a lease on the item that holds its progress, so two invocations
of the same work (a retry, a duplicate delivery, a second click) never run it side by side.
"""

from __future__ import annotations

import json
import math
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from shared import clock
from shared.db.table import ConditionFailed, Table
from shared.errors import AppError
from shared.ids import new_id
from shared.observability import logger
from shared.settings import get_settings

Job = Callable[[dict[str, Any], Callable[[], float]], bool]
LambdaHandler = Callable[[dict[str, Any], Any], Any]

LEASE_SECONDS = 15 * 60  # Lambda's longest run
_jobs: dict[str, Job] = {}
_threads: list[threading.Thread] = []
_local = {"inline": False}


def job(name: str) -> Callable[[Job], Job]:
    """Registers a job under `name` (at import of the module that defines it)."""
    def register(fn: Job) -> Job:
        _jobs[name] = fn
        return fn
    return register


def is_job(event: Any) -> bool:
    return isinstance(event, dict) and isinstance(event.get("job"), str) and "payload" in event


def run_async(name: str, payload: dict[str, Any]) -> None:
    if name not in _jobs:
        raise KeyError(f"unknown job {name!r}")
    event = {"job": name, "payload": payload}
    if not get_settings().is_local:
        from shared.aws import client

        function = os.environ.get("JOBS_FUNCTION_NAME") or os.environ["AWS_LAMBDA_FUNCTION_NAME"]
        client("lambda").invoke(FunctionName=function, InvocationType="Event", Payload=json.dumps(event).encode())
        return
    if _local["inline"]:
        dispatch(event)
        return
    thread = threading.Thread(target=dispatch, args=(event,), name=f"job:{name}", daemon=True)
    _threads[:] = [t for t in _threads if t.is_alive()] + [thread]
    thread.start()


def dispatch(event: dict[str, Any], context: Any = None) -> dict[str, Any]:
    """Runs one job event; the answer (HTTP-like, for logs and sample-event replays) is informative only."""
    name = event.get("job", "")
    fn = _jobs.get(name)
    if fn is None:
        return _answer(400, {"detail": f"Tarefa desconhecida: {name}."})
    remaining = getattr(context, "get_remaining_time_in_millis", None)
    time_left: Callable[[], float] = (lambda: remaining() / 1000) if remaining else (lambda: math.inf)
    payload = dict(event.get("payload") or {})
    try:
        finished = fn(payload, time_left)
    except AppError as exc:
        logger.warning("job refused", extra={"job": name, "detail": exc.detail})
        return _answer(exc.status_code, {"detail": exc.detail})
    except Exception:
        if context is not None:
            raise  # Lambda retries the event; the job resumes from its stored progress
        logger.exception("job failed", extra={"job": name})
        return _answer(500, {"detail": "Erro inesperado na tarefa."})
    if not finished:
        run_async(name, payload)
    return _answer(200, {"job": name, "finished": finished})


def _answer(status: int, body: dict[str, Any]) -> dict[str, Any]:
    return {"statusCode": status, "body": json.dumps(body, ensure_ascii=False)}


def serve(http_handler: LambdaHandler, job_handler: LambdaHandler = dispatch) -> LambdaHandler:
    """The Lambda entry of a function that serves HTTP and runs its own jobs."""
    def entry(event: dict[str, Any], context: Any) -> Any:
        return job_handler(event, context) if is_job(event) else http_handler(event, context)
    return entry


def wait_all(timeout: float = 120) -> None:
    """Joins the local job threads (tests); fails if one is still running after `timeout` seconds."""
    while _threads:
        thread = _threads.pop(0)
        thread.join(timeout)
        if thread.is_alive():
            raise TimeoutError(f"{thread.name} still running after {timeout}s")


@contextmanager
def inline() -> Iterator[None]:
    """Runs jobs synchronously in the caller while active (tests)."""
    before = _local["inline"]
    _local["inline"] = True
    try:
        yield
    finally:
        _local["inline"] = before


class LeaseLost(Exception):
    """Another invocation took over the work (this one's lease expired)."""


def claim(key: dict[str, str], time_left: Callable[[], float], *, condition: str, names: dict[str, str],
          values: dict[str, Any]) -> tuple[str, dict[str, Any]] | None:
    """Takes the lease of the item at `key` if `condition` holds and nobody holds it; returns the lease id
    and the item, or None."""
    lease, now = new_id(), clock.epoch_seconds()
    try:
        item = Table().update(key, "SET lease_id = :lease, lease_until = :until",
                              condition=f"({condition}) AND (attribute_not_exists(lease_until) OR lease_until < :now)",
                              names=names, values={**values, ":lease": lease, ":now": now,
                                                   ":until": now + int(min(time_left(), LEASE_SECONDS)) + 60})
    except ConditionFailed:
        return None
    return lease, item or {}


def save_claimed(key: dict[str, str], lease: str, fields: dict[str, Any], *, release: bool = False) -> None:
    """Sets `fields` on the claimed item and renews the lease, or (`release`) gives the lease up."""
    if not release:
        fields = {**fields, "lease_until": clock.epoch_seconds() + LEASE_SECONDS + 60}
    update = "SET " + ", ".join(f"#{name} = :{name}" for name in fields)
    update += " REMOVE lease_id, lease_until" if release else ""
    try:
        Table().update(key, update, condition="lease_id = :lease",
                       names={f"#{name}": name for name in fields}, return_new=False,
                       values={":lease": lease, **{f":{name}": value for name, value in fields.items()}})
    except ConditionFailed:
        raise LeaseLost from None
