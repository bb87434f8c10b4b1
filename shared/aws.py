"""Lazily created boto3 clients, one per service per process (cold starts stay cheap).

`AWS_ENDPOINT_URL` (read by botocore itself) points every client at the local emulator.
Tests call `reset_clients()` so a new moto mock gets fresh clients.
"""

from __future__ import annotations

from functools import cache
from typing import Any


@cache
def client(service: str) -> Any:
    import boto3  # imported on first use, not at cold start
    from botocore.config import Config

    from shared.settings import get_settings

    config = Config(retries={"max_attempts": 4, "mode": "standard"}, connect_timeout=3, read_timeout=10,
                    # S3: presigned download links signed with SigV4 (expiry enforced by S3, up to 7 days).
                    signature_version="s3v4" if service == "s3" else None)
    return boto3.session.Session().client(service, region_name=get_settings().aws_region, config=config)


def reset_clients() -> None:
    client.cache_clear()
