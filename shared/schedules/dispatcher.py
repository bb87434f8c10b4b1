"""The dispatcher: every minute (EventBridge in AWS, a 15-second timer locally) it sends what is due.

It walks the due-minute index (GSI3, across companies, sparse: only waiting messages are in it) from
the last minute it completed up to now — so a minute missed during an outage is still sent, late —
and claims each message with a conditional update (agendado -> enviando) before sending, so two
overlapping runs never send twice. A claim is a lease: if the sender dies, the message reappears
10 minutes later. Items read per run: the due messages, plus the dispatcher's own state item.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from dateutil.relativedelta import relativedelta
from pydantic import BaseModel

from shared import clock, email, keys
from shared.auth.principal import build_principal, load_account
from shared.clients import repository as clients
from shared.clients.models import ClientRecord
from shared.db.table import ConditionFailed, Table
from shared.errors import AppError
from shared.ids import new_id
from shared.observability import logger
from shared.schedules import outcomes as outcomes_mod
from shared.schedules import render
from shared.schedules.models import ChannelOutcome, ScheduleRecord
from shared.timeline import append, new_event
from shared.users.repository import names as user_names

LEASE = timedelta(minutes=10)
CATCH_UP = timedelta(days=7)
LATE_AFTER = timedelta(minutes=2)
CONSENT_REVOKED = "O cliente revogou o consentimento para {canal}: a mensagem não foi enviada."


class DispatchReport(BaseModel):
    minutes: int
    found: int
    sent: int
    failed: int
    skipped: int


def _minute(moment: datetime) -> str:
    return clock.iso(moment)[:16]


def run() -> DispatchReport:
    _cache.clear()
    table = Table()
    now = clock.now().replace(second=0, microsecond=0)
    state = table.get(keys.DISPATCHER_STATE) or {}
    last = state.get("last_minute")
    start = datetime.fromisoformat(last + ":00+00:00") if last else now - timedelta(minutes=10)
    start = max(start, now - CATCH_UP)  # the minute it completed last is walked again (late arrivals)
    report = DispatchReport(minutes=0, found=0, sent=0, failed=0, skipped=0)
    minute = start
    while minute <= now:
        for item in table.query_all(keys.due_minute_pk(_minute(minute)), index="GSI3"):
            report.found += 1
            outcome = process(ScheduleRecord.from_item(item))
            if outcome == "enviado":
                report.sent += 1
            elif outcome == "erro":
                report.failed += 1
            else:
                report.skipped += 1
        report.minutes += 1
        minute += timedelta(minutes=1)
    table.put({**keys.DISPATCHER_STATE, "last_minute": _minute(now), "ran_at": clock.now_iso()})
    return report


def _claim(record: ScheduleRecord) -> ScheduleRecord | None:
    now = clock.now()
    claimed = record.model_copy(update={"status": "enviando", "lease_until": clock.iso(now + LEASE),
                                        "version": record.version + 1})
    try:
        Table().put(claimed.to_item(),
                    condition="(#st = :waiting AND version = :v) OR (#st = :sending AND lease_until <= :now)",
                    names={"#st": "status"},
                    values={":waiting": "agendado", ":sending": "enviando", ":v": record.version,
                            ":now": clock.now_iso()})
    except ConditionFailed:
        return None  # another run has it, or it changed (cancelled, edited)
    return claimed


def process(record: ScheduleRecord) -> str:
    """Claims, sends each channel not yet sent, records the outcome; returns the final status."""
    claimed = _claim(record)
    if claimed is None:
        return "pulado"
    outcomes = dict(claimed.outcomes)
    try:
        principal, client = _context(claimed)
    except AppError as exc:
        principal, client, failure = None, None, exc.detail
    else:
        failure = None
    variables = render.values(client, _names(claimed.tenant_id))
    for channel in claimed.channels:
        if channel in outcomes and outcomes[channel].status == "enviado":
            continue
        try:
            if failure:
                raise AppError(failure)
            message_id = _deliver(channel, principal, claimed, client, variables)
            outcomes[channel] = ChannelOutcome(status="enviado", at=clock.now_iso(), message_id=message_id)
        except AppError as exc:
            outcomes[channel] = ChannelOutcome(status="erro", at=clock.now_iso(), error=exc.detail)
    status, error = outcomes_mod.summarize(outcomes)
    now = clock.now()
    final = _save_final(claimed, claimed.model_copy(update={
        "status": status, "outcomes": outcomes, "error": error, "lease_until": None,
        "sent_at": clock.now_iso(), "late": now - datetime.fromisoformat(claimed.send_at) > LATE_AFTER,
        "version": claimed.version + 1, "updated_at": clock.now_iso()}))
    if final.repeat:
        _next_occurrence(final)
    logger.info("scheduled message dispatched", extra={"tenant_id": final.tenant_id, "status": final.status,
                                                       "late": final.late})
    return final.status


def _save_final(claimed: ScheduleRecord, final: ScheduleRecord) -> ScheduleRecord:
    """Writes the outcome over the claimed record. A provider failure reported meanwhile (Meta's
    webhook, see `outcomes.provider_failed`) changed the stored record: its failed channels are kept."""
    for _ in range(3):
        try:
            Table().put(final.to_item(), condition="version = :v", values={":v": claimed.version})
            return final
        except ConditionFailed:
            stored = Table().get(keys.schedule(claimed.tenant_id, claimed.id), consistent=True)
            if not stored:
                return final
            claimed = ScheduleRecord.from_item(stored)
            outcomes = {**final.outcomes, **{c: o for c, o in claimed.outcomes.items() if o.status == "erro"}}
            status, error = outcomes_mod.summarize(outcomes)
            final = final.model_copy(update={"outcomes": outcomes, "status": status, "error": error,
                                             "version": claimed.version + 1})
    raise AppError("O agendamento mudou durante o envio; o resultado não pôde ser registrado.")


_cache: dict[tuple, object] = {}  # per run: what is read once per company (or user, or template)


def _once(key: tuple, load):
    if key not in _cache:
        try:
            _cache[key] = load()
        except AppError as exc:
            _cache[key] = exc
    found = _cache[key]
    if isinstance(found, AppError):
        raise found
    return found


def _names(tenant_id: str) -> dict[str, str]:
    """Company users' names, read once per company per run."""
    return _once(("names", tenant_id), lambda: user_names(tenant_id))


def _principal(tenant_id: str, user_id: str):
    def load():
        user, tenant, roles, _ = load_account(tenant_id, user_id)
        if user is None:
            raise AppError("O usuário que agendou a mensagem não existe mais.")
        return build_principal(user, tenant, roles, session_id="")

    return _once(("principal", tenant_id, user_id), load)


def _context(record: ScheduleRecord):
    """The person who scheduled it (their permissions and scope apply; read once per run) and the
    target client (read fresh: consent and data may have changed since scheduling)."""
    principal = _principal(record.tenant_id, record.created_by)
    client = clients.get(record.tenant_id, record.client_id) if record.client_id else None
    return principal, client


def _message_template(tenant_id: str, template_id: str | None):
    if not template_id:
        return None
    from shared.schedules.service import message_template

    return _once(("template", tenant_id, template_id), lambda: message_template(tenant_id, template_id))


def _deliver(channel: str, principal, record: ScheduleRecord, client: ClientRecord | None, variables: dict) -> str:
    if client and getattr(client.consent, channel).status == "revoked":
        raise AppError(CONSENT_REVOKED.format(canal="WhatsApp" if channel == "whatsapp" else "e-mail"))
    template = _message_template(record.tenant_id, record.template_id)
    body = render.render(record.body or (template.body if template else ""), variables)
    if channel == "whatsapp":
        return _whatsapp(principal, record, client, body)
    subject = render.render(record.subject or (template.subject if template else "") or "", variables, field="subject")
    to = record.to_email or (client.email if client else None)
    if not to:
        raise AppError("Sem e-mail de destino.")
    message_id = email.send(record.tenant_id, email.Email(to=[to], subject=subject, text=body))
    if client:
        append(new_event(record.tenant_id, client.id, "email_sent", _actor(principal), text=subject,
                         data={"schedule_id": record.id, "to": to}))
    return message_id


def _actor(principal):
    from shared.clients.service import actor

    return actor(principal)


def _whatsapp(principal, record: ScheduleRecord, client: ClientRecord | None, body: str) -> str:
    """Through the conversation with the number (recorded when it was scheduled, or opened now); the
    company's WhatsApp settings are read once per run."""
    from shared.integrations.service import get_config
    from shared.whatsapp import conversations, sending
    from shared.whatsapp.models import SendMessage

    phone = record.to_phone or (client.whatsapp if client else None)
    if not phone:
        raise AppError("Sem WhatsApp de destino.")
    conversation_id = record.conversation_id if record.conversation_phone == phone else None
    conversation_id = conversation_id or conversations.id_for(
        record.tenant_id, phone, contact_name=client.display_name if client else None, client=client)
    config = _once(("whatsapp", record.tenant_id), lambda: get_config(record.tenant_id, "whatsapp"))
    message = SendMessage(template=record.whatsapp_template) if record.whatsapp_template else SendMessage(text=body)
    sent = sending.deliver(principal, config, conversation_id, phone, client, message, schedule_id=record.id)
    if sent.status == "failed":
        raise AppError(outcomes_mod.whatsapp_failure(sent.error))
    return sent.wa_message_id or sent.id


def _next_occurrence(record: ScheduleRecord) -> None:
    step = {"daily": relativedelta(days=1), "weekly": relativedelta(weeks=1),
            "monthly": relativedelta(months=1)}[record.repeat.every]
    local = clock.to_local(datetime.fromisoformat(record.send_at)) + step
    if record.repeat.until and local.date() > record.repeat.until:
        return
    now = clock.now_iso()
    following = ScheduleRecord(**{**record.model_dump(), "id": new_id(), "send_at": clock.iso(local),
                                  "status": "agendado", "outcomes": {}, "error": None, "late": False,
                                  "lease_until": None, "sent_at": None, "occurrence": record.occurrence + 1,
                                  "created_at": now, "updated_at": now, "version": 1})
    Table().put(following.to_item(), condition="attribute_not_exists(PK)")
