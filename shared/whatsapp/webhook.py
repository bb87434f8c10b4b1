"""Meta's webhook for one company: `GET` verification and `POST` deliveries.

The route id names the company (its WhatsApp integration); a POST counts only with a valid
X-Hub-Signature-256 of the raw body under the company's app secret (401 otherwise, nothing stored).
Once signed, a delivery is always acknowledged (200): what cannot be used — malformed JSON, other
numbers' entries, unknown shapes — is skipped, so Meta does not retry it forever.
"""

from __future__ import annotations

import hmac
import json
import re
from typing import Any

from shared.errors import AppError, Conflict, Forbidden, NotFound, Unauthorized
from shared.integrations.service import IntegrationConfig, get_config, tenant_for_hook
from shared.observability import logger
from shared.whatsapp import graph, inbound, statuses

UNKNOWN_ROUTE = "Endereço de webhook do WhatsApp não encontrado."
BAD_SIGNATURE = "Assinatura do webhook inválida."
BAD_VERIFY_TOKEN = "Token de verificação do webhook inválido."
UNUSABLE = (AppError, ValueError, TypeError, KeyError, AttributeError)  # what a malformed entry can raise


def _config(hook_id: str) -> IntegrationConfig:
    tenant_id = tenant_for_hook(hook_id, "whatsapp")
    config = get_config(tenant_id, "whatsapp") if tenant_id else None
    if not config or not config.enabled:
        raise NotFound(UNKNOWN_ROUTE)
    logger.append_keys(tenant_id=config.tenant_id)
    return config


def verify(hook_id: str, mode: str | None, token: str | None, challenge: str | None) -> str:
    """Meta's subscription check: echo the challenge when the verify token is the company's."""
    config = _config(hook_id)
    expected = config.secret("verify_token")
    if mode != "subscribe" or not expected or not token or \
            not hmac.compare_digest(token.encode(), expected.encode()):
        raise Forbidden(BAD_VERIFY_TOKEN)
    return re.sub(r"[^\w.-]", "", challenge or "")[:200]


def _list(value: Any, key: str) -> list[dict[str, Any]]:
    found = value.get(key) if isinstance(value, dict) else None
    return [v for v in found if isinstance(v, dict)] if isinstance(found, list) else []


def _values(payload: Any, phone_number_id: str | None) -> list[dict[str, Any]]:
    """The change values about the company's own number (entries of other numbers are ignored)."""
    found = []
    for entry in _list(payload, "entry"):
        for change in _list(entry, "changes"):
            value = change.get("value")
            metadata = value.get("metadata") if isinstance(value, dict) else None
            if phone_number_id and isinstance(metadata, dict) and \
                    str(metadata.get("phone_number_id")) == phone_number_id:
                found.append(value)
    return found


def receive(hook_id: str, raw_body: bytes, signature: str | None) -> dict[str, int]:
    config = _config(hook_id)
    if not graph.valid_signature(config.secret("app_secret"), raw_body, signature):
        logger.warning("whatsapp webhook refused: bad signature")
        raise Unauthorized(BAD_SIGNATURE)
    try:
        payload = json.loads(raw_body)
    except ValueError:
        payload = None
    counts = {"messages": 0, "statuses": 0, "skipped": 0}
    for value in _values(payload, config.settings.phone_number_id):
        names = {str(c.get("wa_id")): str((c.get("profile") or {}).get("name") or "").strip()[:120]
                 for c in _list(value, "contacts") if isinstance(c.get("profile") or {}, dict)}
        names = {k: v for k, v in names.items() if v}
        for message in _list(value, "messages"):
            counts["messages" if _safely(inbound.receive_message, config, message, names) else "skipped"] += 1
        for status in _list(value, "statuses"):
            counts["statuses" if _safely(statuses.apply_status, config.tenant_id, status) else "skipped"] += 1
    logger.info("whatsapp webhook processed", extra=counts)
    return counts


def _safely(fn, *args) -> bool:
    try:
        return bool(fn(*args))
    except Conflict:
        raise  # contention, not a bad entry: Meta retries the delivery
    except UNUSABLE as exc:
        logger.warning("whatsapp webhook entry skipped", extra={"reason": type(exc).__name__})
        return False
