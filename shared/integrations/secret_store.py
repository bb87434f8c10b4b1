"""Integration secrets in AWS Secrets Manager: one secret per company and integration, JSON inside.

Write-only from the API's point of view: values leave this module only towards the provider they
belong to. Reads are cached per process by version (the integration item records when its secrets
last changed), so a warm function does not call Secrets Manager on every message.
"""

from __future__ import annotations

import json
import threading

from shared.aws import client
from shared.settings import get_settings

_cache: dict[tuple[str, str], dict[str, str]] = {}
_lock = threading.Lock()


def secret_name(tenant_id: str, kind: str) -> str:
    return get_settings().tenant_secret_name(tenant_id, kind)


def read(tenant_id: str, kind: str, version: str | None) -> dict[str, str]:
    if not version:
        return {}
    name = secret_name(tenant_id, kind)
    with _lock:
        cached = _cache.get((name, version))
    if cached is not None:
        return cached
    sm = client("secretsmanager")
    try:
        value = json.loads(sm.get_secret_value(SecretId=name)["SecretString"])
    except sm.exceptions.ResourceNotFoundException:
        value = {}
    with _lock:
        _cache[(name, version)] = value
    return value


def write(tenant_id: str, kind: str, values: dict[str, str]) -> None:
    """Stores the complete set of secret fields of one integration (an empty set deletes the secret)."""
    sm = client("secretsmanager")
    name = secret_name(tenant_id, kind)
    body = json.dumps(values)
    try:
        sm.put_secret_value(SecretId=name, SecretString=body)
    except sm.exceptions.ResourceNotFoundException:
        sm.create_secret(Name=name, SecretString=body,
                         Tags=[{"Key": "tenant_id", "Value": tenant_id}, {"Key": "integration", "Value": kind}])


def clear_cache() -> None:
    with _lock:
        _cache.clear()
