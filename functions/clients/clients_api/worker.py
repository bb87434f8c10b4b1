"""Background work of the clients function (shared.jobs): the CSV import.

`POST /api/clients/imports/{id}/start` queues the "clients.import" job. In AWS the clients function
invokes itself asynchronously with `{"job": ..., "payload": ...}`; app.py's `handler` passes such
events to `handler` here instead of to the HTTP adapter. Each invocation imports rows until a few
seconds before its timeout, then queues the rest. Locally and in tests the job runs in a thread.
"""

from __future__ import annotations

from shared import jobs
from shared.clients import importing
from shared.observability import logger

JOBS = (importing.JOB,)  # registered when their modules are imported
handler = logger.inject_lambda_context(jobs.dispatch, clear_state=True)


def serve(http_handler):
    """The function's Lambda entry: job events here, HTTP events to `http_handler`."""
    return jobs.serve(http_handler, handler)
