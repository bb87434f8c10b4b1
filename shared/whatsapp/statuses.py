"""Statuses of the messages we send (sent, delivered, read, failed), from Meta's webhook.

A status never moves a message backwards (conditional update on its rank): Meta's deliveries arrive
out of order. A status may also arrive before our own write of the message's wamid (Meta answers the
send, then reports it at once): it is kept pending on the wamid's ref item (expiring after a day, as
do statuses of messages sent outside the CRM) and applied when the send is recorded.
"""

from __future__ import annotations

from typing import Any

from shared import clock, keys
from shared.db.table import ConditionFailed, Table
from shared.whatsapp.inbound import moment
from shared.whatsapp.models import STATUS_RANK, MessageError, MessageRecord

REPORTED = ("sent", "delivered", "read", "failed")
PENDING_SECONDS = 24 * 3600


def meta_error(error: dict[str, Any]) -> MessageError:
    details = (error.get("error_data") or {}).get("details") if isinstance(error.get("error_data"), dict) else None
    code = error.get("code")
    return MessageError(code=code if isinstance(code, int) else None, title=str(error.get("title") or "")[:300] or None,
                        message=str(details or error.get("message") or error.get("title") or "")[:1000] or None)


def apply_status(tenant: str, status: dict[str, Any]) -> bool:
    """One entry of `value.statuses`; True when it changed (or is pending for) one of our messages."""
    name, wamid = status.get("status"), str(status.get("id") or "")[:300]
    if name not in REPORTED or not wamid:
        return False
    errors = status.get("errors") if isinstance(status.get("errors"), list) else []
    error = meta_error(errors[0]).model_dump() if name == "failed" and errors and isinstance(errors[0], dict) else None
    at = moment(status.get("timestamp"))
    ref_key = keys.wa_message_ref(tenant, wamid)
    for _ in range(2):
        ref = Table().get(ref_key, consistent=True)
        if ref and ref.get("message_sk"):
            return ref.get("direction") == "out" and _update(tenant, ref, name, at, error)
        try:
            Table().update(ref_key, "SET pending_status = :s, pending_rank = :r, pending_at = :at, "
                                    "pending_error = :e, tenant_id = :t, entity = :entity, expires_at = :exp",
                           condition="attribute_not_exists(message_sk) AND "
                                     "(attribute_not_exists(pending_rank) OR pending_rank < :r)",
                           values={":s": name, ":r": STATUS_RANK[name], ":at": at, ":e": error, ":t": tenant,
                                   ":entity": "wa_message_ref", ":exp": clock.epoch_seconds() + PENDING_SECONDS},
                           return_new=False)
            return True
        except ConditionFailed:
            continue  # the send was recorded meanwhile (or a later status is already pending)
    return False


def settle_pending(message: MessageRecord) -> None:
    """After recording a sent message: a status Meta reported first is applied now."""
    ref = Table().get(keys.wa_message_ref(message.tenant_id, message.wa_message_id or ""), consistent=True)
    if ref and ref.get("pending_status") in REPORTED and ref.get("message_sk"):
        _update(message.tenant_id, ref, ref["pending_status"], ref.get("pending_at") or clock.now_iso(),
                ref.get("pending_error"))


def _update(tenant: str, ref: dict[str, Any], name: str, at: str, error: dict | None) -> bool:
    update, names = "SET #s = :s, status_rank = :r, status_at = :at", {"#s": "status"}
    values: dict[str, Any] = {":s": name, ":r": STATUS_RANK[name], ":at": at}
    if error:
        update, names["#e"], values[":e"] = update + ", #e = :e", "error", error
    try:
        new = Table().update({"PK": keys.wa_conversation(tenant, ref["conversation_id"]).pk, "SK": ref["message_sk"]},
                             update, condition="attribute_exists(PK) AND status_rank < :r", names=names,
                             values=values, return_new=name == "failed")
    except ConditionFailed:
        return False  # a later status already arrived
    if new and new.get("schedule_id"):
        from shared.schedules.outcomes import provider_failed

        provider_failed(tenant, new["schedule_id"], "whatsapp", MessageError.model_validate(error or {}))
    return True
