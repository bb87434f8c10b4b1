"""Cora's payment webhook (`/webhooks/cora/{hook_id}`).

Cora signs nothing, so the delivery is only a prompt: the secret route names the company, the event id
(`webhook-event-id`) is taken once, and the invoice is re-fetched from Cora with that company's own
credentials; only that answer changes a charge. An invoice id that is not one of the route's company's
charges changes nothing (it is looked up inside that company only).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from shared import clock, keys
from shared.charges import cora, issuing, store
from shared.db.table import ConditionFailed, Table
from shared.errors import AppError, Conflict, NotFound, Unavailable
from shared.integrations.service import tenant_for_hook
from shared.observability import logger

EVENT_TTL_DAYS = 30
_ID = re.compile(r"^[A-Za-z0-9_\-.:]{1,100}$")


def handle(hook_id: str, headers: Mapping[str, str]) -> dict[str, str]:
    tenant = tenant_for_hook(hook_id, "cora")
    if not tenant:
        raise NotFound("Webhook não encontrado.")
    event_id = headers.get("webhook-event-id") or ""
    invoice_id = headers.get("webhook-resource-id") or ""
    if not _ID.match(event_id) or not _ID.match(invoice_id):
        raise AppError("Entrega sem os cabeçalhos webhook-event-id e webhook-resource-id válidos.")
    record = store.charge_for_invoice(tenant, invoice_id)
    if record is None:
        logger.info("cora webhook: invoice not of this company",
                    extra={"event_type": headers.get("webhook-event-type")})
        return {"status": "ignored", "reason": "unknown invoice"}
    marker = keys.cora_event(tenant, event_id)
    try:
        Table().put({**marker, "tenant_id": tenant, "invoice_id": invoice_id, "at": clock.now_iso(),
                     "expires_at": int(clock.now().timestamp()) + EVENT_TTL_DAYS * 86400},
                    condition="attribute_not_exists(PK)")
    except ConditionFailed:
        return {"status": "duplicate"}
    try:
        try:
            updated = issuing.sync(record, actor_name="Cora")
        except Conflict:  # changed meanwhile (a person's sync, another event): read again, apply again
            updated = issuing.sync(store.load(tenant, record.id), actor_name="Cora")
    except (Conflict, cora.CoraError, cora.CoraNotConfigured) as exc:
        Table().delete(marker)  # not processed: Cora's next delivery of this event gets another chance
        logger.warning("cora webhook: invoice not re-fetched", extra={"reason": exc.detail})
        raise Unavailable("Não foi possível confirmar a cobrança na Cora agora.") from None
    return {"status": "processed", "charge_status": updated.status}
