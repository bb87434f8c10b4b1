"""Structured logging (Powertools Logger). Keys such as tenant_id are appended per request."""

from __future__ import annotations

from aws_lambda_powertools.logging import Logger

logger = Logger(use_rfc3339=True)  # service name from POWERTOOLS_SERVICE_NAME
