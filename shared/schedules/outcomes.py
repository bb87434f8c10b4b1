"""A scheduled message's outcome per channel, and its final status and error from them.

WhatsApp may fail after Meta accepted the message (an undeliverable number, a template paused):
Meta's later "failed" status then turns the schedule's WhatsApp outcome to erro, with Meta's reason.
"""

from __future__ import annotations

from shared import clock, keys
from shared.db.table import ConditionFailed, Table
from shared.observability import logger
from shared.schedules.models import ChannelOutcome, ScheduleRecord
from shared.whatsapp.models import MessageError

ATTEMPTS = 3
LABELS = {"whatsapp": "WhatsApp", "email": "E-mail"}


def whatsapp_failure(error: MessageError | None) -> str:
    """Meta's reason as the schedule shows it: message (código N)."""
    if error is None:
        return "falha no envio"
    code = f" (código {error.code})" if error.code else ""
    return f"{error.message or error.title or 'falha no envio'}{code}"


def summarize(outcomes: dict[str, ChannelOutcome]) -> tuple[str, str | None]:
    """(status, error): erro when any channel failed, naming each failed channel."""
    errors = [f"{LABELS.get(c, c)}: {o.error}" for c, o in outcomes.items() if o.error]
    return ("erro" if errors else "enviado"), (" | ".join(errors) or None)


def provider_failed(tenant_id: str, schedule_id: str, channel: str, error: MessageError | None) -> bool:
    """Records a failure the provider reported after accepting the message; True when recorded."""
    for _ in range(ATTEMPTS):
        item = Table().get(keys.schedule(tenant_id, schedule_id), consistent=True)
        if not item:
            return False
        record = ScheduleRecord.from_item(item)
        if record.status not in ("enviado", "erro", "enviando"):
            return False
        outcomes = {**record.outcomes, channel: ChannelOutcome(
            status="erro", at=clock.now_iso(), error=whatsapp_failure(error),
            message_id=(record.outcomes.get(channel).message_id if record.outcomes.get(channel) else None))}
        status, text = summarize(outcomes)
        if record.status == "enviando":
            status = "enviando"  # the dispatcher is still recording it: it will read this outcome next
        new = record.model_copy(update={"outcomes": outcomes, "status": status, "error": text,
                                        "version": record.version + 1, "updated_at": clock.now_iso()})
        try:
            Table().put(new.to_item(), condition="version = :v", values={":v": record.version})
        except ConditionFailed:
            continue
        logger.info("scheduled message failed after sending", extra={"tenant_id": tenant_id, "channel": channel})
        return True
    return False
