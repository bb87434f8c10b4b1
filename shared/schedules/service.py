"""Scheduling use cases: schedule, edit or cancel while waiting, retry after an error, list, preview,
and the company's message templates."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from shared import clock, keys
from shared.auth.principal import Principal
from shared.br.phones import InvalidPhone, normalize_phone
from shared.clients import service as client_service
from shared.clients.repository import get_many
from shared.db.cursor import decode_cursor, encode_cursor
from shared.db.table import ConditionFailed, Table
from shared.errors import Conflict, NotFound, ValidationFailed
from shared.ids import is_valid_id, new_id
from shared.schedules import render
from shared.schedules.models import (
    MessageTemplate,
    MessageTemplateFields,
    Preview,
    PreviewRequest,
    ScheduleCreate,
    ScheduleFields,
    SchedulePublic,
    ScheduleRecord,
)
from shared.users.repository import names as user_names
from shared.whatsapp import conversations

NOT_FOUND = "Agendamento não encontrado."


def _visible(principal: Principal, record: ScheduleRecord) -> bool:
    return principal.data_scope == "all" or record.created_by == principal.user_id


def get(principal: Principal, schedule_id: str) -> ScheduleRecord:
    item = Table().get(keys.schedule(principal.tenant_id or "", schedule_id)) if is_valid_id(schedule_id) else None
    if not item:
        raise NotFound(NOT_FOUND)
    record = ScheduleRecord.from_item(item)
    if not _visible(principal, record):
        raise NotFound(NOT_FOUND)
    return record


def message_template(tenant_id: str, template_id: str | None, *, as_route: bool = False) -> MessageTemplate | None:
    """The company's template; missing: 404 when it is the route's subject, 422 when a field points to it."""
    if not template_id:
        return None
    item = Table().get(keys.message_template(tenant_id, template_id)) if is_valid_id(template_id) else None
    if not item:
        if as_route:
            raise NotFound("Modelo de mensagem não encontrado.")
        raise ValidationFailed("Modelo de mensagem não encontrado.", field="template_id")
    return MessageTemplate.model_validate(item)


def _checked(principal: Principal, data: ScheduleFields) -> dict:
    """Validates the target and the text now (so errors show in the form, not at send time)."""
    tenant = principal.tenant_id or ""
    now_minute = clock.now().replace(second=0, microsecond=0)
    if data.send_at < now_minute:
        raise ValidationFailed("A data e hora do envio já passaram.", field="send_at")
    if data.repeat and data.repeat.until and data.repeat.until < clock.to_local(data.send_at).date():
        raise ValidationFailed("O fim da repetição deve ser depois do primeiro envio.", field="repeat.until")
    client = client_service.get(principal, data.client_id) if data.client_id else None
    to_phone = data.to_phone
    if to_phone:
        try:
            to_phone = normalize_phone(to_phone)
        except InvalidPhone as exc:
            raise ValidationFailed(f"Telefone: {exc}.", field="to_phone") from None
    if client and data.channel in ("whatsapp", "both") and not (to_phone or client.whatsapp):
        raise ValidationFailed("O cliente não tem WhatsApp cadastrado.", field="client_id")
    if client and data.channel in ("email", "both") and not (data.to_email or client.email):
        raise ValidationFailed("O cliente não tem e-mail cadastrado.", field="client_id")
    if data.whatsapp_template and data.channel in ("whatsapp", "both"):
        _check_whatsapp_template(tenant, data)
    template = message_template(tenant, data.template_id)
    sample = render.values(client, user_names(tenant))
    render.render(data.body or (template.body if template else ""), sample)
    render.render(data.subject or (template.subject if template else ""), sample, field="subject")
    phone = (to_phone or (client.whatsapp if client else None)) if data.channel in ("whatsapp", "both") else None
    return {"client_id": client.id if client else None, "card_id": data.card_id or (client.card_id if client else None),
            "to_phone": to_phone, "conversation_phone": phone,
            "conversation_id": conversations.known_id(tenant, phone) if phone else None}


def _check_whatsapp_template(tenant: str, data: ScheduleFields) -> None:
    """An approved template with all its parameters, checked now against the company's list (when its
    WhatsApp is configured; otherwise sending reports that it is not)."""
    from shared.integrations.service import get_config
    from shared.whatsapp import inbox, sending

    config = get_config(tenant, "whatsapp")
    if not inbox.is_configured(config):
        return
    sending.approved(config, data.whatsapp_template, field="whatsapp_template")


def create(principal: Principal, data: ScheduleCreate) -> ScheduleRecord:
    checked = _checked(principal, data)
    now = clock.now_iso()
    record = ScheduleRecord(**{**data.model_dump(exclude={"send_at"}), **checked}, id=new_id(),
                            tenant_id=principal.tenant_id or "", send_at=clock.iso(data.send_at),
                            created_by=principal.user_id, created_at=now, updated_at=now)
    record = record.model_copy(update={"series_id": record.id})
    Table().put(record.to_item(), condition="attribute_not_exists(PK)")
    return record


def _replace(old: ScheduleRecord, new: ScheduleRecord, *, expect: str = "agendado") -> ScheduleRecord:
    new = new.model_copy(update={"version": old.version + 1, "updated_at": clock.now_iso()})
    try:
        Table().put(new.to_item(), condition="version = :v AND #st = :st", names={"#st": "status"},
                    values={":v": old.version, ":st": expect})
    except ConditionFailed:
        raise Conflict("Este agendamento mudou enquanto você editava (talvez já tenha sido enviado). "
                       "Recarregue e confira.") from None
    return new


def update(principal: Principal, schedule_id: str, data: ScheduleFields) -> ScheduleRecord:
    old = get(principal, schedule_id)
    if old.status != "agendado":
        raise Conflict("Só é possível editar um agendamento que ainda não foi enviado.")
    checked = _checked(principal, data)
    new = old.model_copy(update={**data.model_dump(exclude={"send_at"}), **checked,
                                 "send_at": clock.iso(data.send_at)})
    return _replace(old, ScheduleRecord.model_validate(new.model_dump()))


def cancel(principal: Principal, schedule_id: str) -> ScheduleRecord:
    old = get(principal, schedule_id)
    if old.status == "cancelado":
        return old
    if old.status != "agendado":
        raise Conflict("Este agendamento já foi enviado (ou está sendo enviado) e não pode ser cancelado.")
    return _replace(old, old.model_copy(update={"status": "cancelado"}))


def retry(principal: Principal, schedule_id: str) -> ScheduleRecord:
    """Tentar novamente: back to the queue for the current minute; channels already sent are skipped."""
    old = get(principal, schedule_id)
    if old.status != "erro":
        raise Conflict("Só é possível tentar novamente um agendamento com erro.")
    now = clock.now().replace(second=0, microsecond=0)
    outcomes = {k: v for k, v in old.outcomes.items() if v.status == "enviado"}
    return _replace(old, old.model_copy(update={"status": "agendado", "send_at": clock.iso(now), "error": None,
                                                "outcomes": outcomes, "late": False}), expect="erro")


def list_schedules(principal: Principal, *, status: str | None, channel: str | None, client_id: str | None,
                   date_from: date | None, date_to: date | None, cursor: str | None,
                   limit: int) -> tuple[list[ScheduleRecord], str | None]:
    tenant = principal.tenant_id or ""
    low = clock.iso(datetime.combine(date_from, time.min, tzinfo=clock.SAO_PAULO)) if date_from else "0"
    high = (clock.iso(datetime.combine(date_to + timedelta(days=1), time.min, tzinfo=clock.SAO_PAULO))
            if date_to else "9") + "~"
    if client_id:
        client_service.get(principal, client_id)
        pk, index = keys.schedules_by_client_pk(tenant, client_id), "GSI2"
    else:
        pk, index = keys.schedules_pk(tenant), "GSI1"
    found: list[ScheduleRecord] = []
    start = decode_cursor(cursor, tenant)
    for _ in range(6):
        page = Table().query(pk, index=index, sk_between=(low, high), limit=limit, start_key=start)
        for record in map(ScheduleRecord.from_item, page.items):
            if (not status or record.status == status) and (not channel or record.channel == channel) \
                    and _visible(principal, record):
                found.append(record)
        start = page.last_key
        if not start or len(found) >= limit:
            break
    return found, encode_cursor(start, tenant)


def publics(principal: Principal, records: list[ScheduleRecord]) -> list[SchedulePublic]:
    tenant = principal.tenant_id or ""
    names = user_names(tenant)
    clients = {c.id: c.display_name for c in get_many(tenant, sorted({r.client_id for r in records if r.client_id}))}
    return [SchedulePublic.of(r, names=names, clients=clients) for r in records]


def preview(principal: Principal, data: PreviewRequest) -> Preview:
    tenant = principal.tenant_id or ""
    client = client_service.get(principal, data.client_id) if data.client_id else None
    variables = render.values(client, user_names(tenant))
    return Preview(body=render.render(data.body, variables), variables=variables,
                   subject=render.render(data.subject, variables, field="subject") if data.subject else None)


# --- message templates ------------------------------------------------------------------------------

def templates(principal: Principal) -> list[MessageTemplate]:
    items = Table().query_all(keys.message_templates_pk(principal.tenant_id or ""))
    return sorted((MessageTemplate.model_validate(i) for i in items), key=lambda t: t.name.lower())


def save_template(principal: Principal, data: MessageTemplateFields, template_id: str | None = None) -> MessageTemplate:
    tenant = principal.tenant_id or ""
    if template_id:
        message_template(tenant, template_id, as_route=True)
    sample = render.values(None, {})
    render.render(data.body, sample)
    render.render(data.subject, sample, field="subject")
    template = MessageTemplate(**data.model_dump(), id=template_id or new_id(), updated_at=clock.now_iso())
    Table().put({**keys.message_template(tenant, template.id), **template.model_dump(), "entity": "message_template"})
    return template


def delete_template(principal: Principal, template_id: str) -> None:
    tenant = principal.tenant_id or ""
    message_template(tenant, template_id, as_route=True)
    Table().delete(keys.message_template(tenant, template_id))
