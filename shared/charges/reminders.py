"""Payment reminders: when a charge is issued, the company's rules become scheduled messages
(Agendamentos) carrying the charge's PDF link, linha digitável and PIX copia e cola; when it is paid or
cancelled, the reminders still waiting are cancelled.

Times: 09:00 (São Paulo) N days before the due date, on the due date, and every N days after it while
unpaid (up to the rule's maximum). Reminders in the past are skipped. They are scheduled in the name of
the person who created the charge (the dispatcher sends as that user).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from shared import clock, keys
from shared.br.format import brl, day
from shared.charges.models import ChargeRecord, ReminderRules
from shared.clients.models import ClientRecord
from shared.db.table import ConditionFailed, Table
from shared.errors import AppError
from shared.observability import logger

SEND_AT = time(9, 0)


def send_times(due: date, rules: ReminderRules, now: datetime) -> list[tuple[str, datetime]]:
    """(kind, moment) of every reminder the rules ask for, in order, future ones only."""
    wanted: list[tuple[str, date]] = []
    if rules.days_before:
        wanted.append(("antes", due - timedelta(days=rules.days_before)))
    if rules.on_due_date:
        wanted.append(("no_dia", due))
    if rules.overdue_every_days:
        wanted += [("atraso", due + timedelta(days=rules.overdue_every_days * k))
                   for k in range(1, rules.overdue_max + 1)]
    moments = [(kind, datetime.combine(d, SEND_AT, tzinfo=clock.SAO_PAULO)) for kind, d in wanted]
    return [(kind, m) for kind, m in moments if m > now]


def message(record: ChargeRecord, client: ClientRecord, kind: str) -> tuple[str, str]:
    """(subject, body) of a reminder, in pt-BR, with what the payer needs to pay."""
    when = {"antes": f"vence em {day(record.due_date)}", "no_dia": "vence hoje",
            "atraso": f"venceu em {day(record.due_date)} e ainda consta em aberto"}[kind]
    name = client.first_name or client.display_name
    lines = [f"Olá, {name}! A cobrança \"{_label(record)}\" no valor de {brl(record.amount_cents)} {when}."]
    if record.pdf_url:
        lines.append(f"Boleto (PDF): {record.pdf_url}")
    if record.digitable_line:
        from shared.charges.boleto import format_digitable_line

        lines.append(f"Linha digitável: {format_digitable_line(record.digitable_line)}")
    if record.pix_emv:
        lines.append(f"PIX copia e cola: {record.pix_emv}")
    if kind != "antes":
        lines.append("Se já pagou, desconsidere esta mensagem.")
    subject = f"Cobrança {_label(record)} — vencimento {day(record.due_date)}"
    return subject, "\n\n".join(lines)


def _label(record: ChargeRecord) -> str:
    from shared.charges.payments import label

    return label(record)


def schedule(record: ChargeRecord) -> int:
    """Creates the reminders of a newly issued charge (none when the company has them off). Returns how
    many were scheduled; a reason that prevents them (no WhatsApp for the client...) is logged, never
    raised: the charge stands."""
    from shared.charges.settings import load_settings

    settings = load_settings(record.tenant_id)
    if not settings.reminders_enabled or not record.created_by:
        return 0
    try:
        return _create(record, settings.reminders)
    except AppError as exc:
        logger.warning("charge issued: reminders not scheduled", extra={"reason": exc.detail, "charge_id": record.id})
        return 0


def _create(record: ChargeRecord, rules: ReminderRules) -> int:
    from shared.auth.principal import build_principal, load_account
    from shared.clients import repository as clients
    from shared.schedules import service as schedules
    from shared.schedules.models import ScheduleCreate

    user, tenant, roles, _ = load_account(record.tenant_id, record.created_by or "")
    if user is None:
        return 0
    principal = build_principal(user, tenant, roles, session_id="")
    client = clients.get(record.tenant_id, record.client_id)
    made = 0
    for kind, moment in send_times(record.due_date, rules, clock.now()):
        subject, body = message(record, client, kind)
        fields = {"channel": rules.channel, "client_id": record.client_id, "card_id": record.card_id,
                  "charge_id": record.id, "purpose": "aviso_vencimento", "send_at": moment, "body": body}
        if rules.channel == "email":
            fields["subject"] = subject
        elif rules.whatsapp_template:
            fields.pop("body")
            fields["whatsapp_template"] = _template(record, client, rules.whatsapp_template, kind)
        schedules.create(principal, ScheduleCreate(**fields))
        made += 1
    return made


def _template(record: ChargeRecord, client: ClientRecord, name: str, kind: str) -> dict:
    """An approved template's parameters, in this order: name, description, amount, due date, PDF link,
    linha digitável (as many as the template takes)."""
    from shared.integrations.service import get_config

    config = get_config(record.tenant_id, "whatsapp")
    known = next((t for t in config.settings.templates if t.name == name), None)
    values = [client.first_name or client.display_name, _label(record), brl(record.amount_cents),
              day(record.due_date), record.pdf_url or "", record.digitable_line or ""]
    count = known.parameters if known else 1
    return {"name": name, "language": known.language if known else "pt_BR", "parameters": values[:count]}


def cancel_pending(record: ChargeRecord) -> int:
    """Cancels the charge's reminders that have not gone out yet."""
    from shared.schedules.models import ScheduleRecord

    table = Table()
    pending = table.query_all(keys.schedules_by_client_pk(record.tenant_id, record.client_id), index="GSI2",
                              filter_expression="charge_id = :c AND #s = :waiting", names={"#s": "status"},
                              values={":c": record.id, ":waiting": "agendado"})
    cancelled = 0
    for item in pending:
        old = ScheduleRecord.from_item(item)
        new = old.model_copy(update={"status": "cancelado", "updated_at": clock.now_iso(),
                                     "version": old.version + 1})
        try:
            table.put(new.to_item(), condition="version = :v AND #s = :waiting", names={"#s": "status"},
                      values={":v": old.version, ":waiting": "agendado"})
            cancelled += 1
        except ConditionFailed:  # sent (or being sent) meanwhile
            continue
    return cancelled
