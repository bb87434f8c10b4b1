"""CSV export of the client list: the same filters and reads as the list, formatted for people.

Excel pt-BR opens it as is: UTF-8 with BOM, `;` between cells, pt-BR headers, CPF/CNPJ and phones
masked, money as `1.234,56`, dates as dd/mm/aaaa, labels instead of keys, one column per custom
field. Cells that would run as formulas in a spreadsheet are prefixed with `'`.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Callable
from datetime import date

from shared import clock
from shared.auth.principal import Principal
from shared.br.address import mask_cep
from shared.br.documents import mask_document
from shared.br.format import day
from shared.br.format import decimal_brl as money
from shared.br.phones import format_phone
from shared.clients import custom_fields, listing
from shared.clients.models import ClientRecord
from shared.clients.vocab import CONSENT_STATUSES, FIELD_LABELS, ORIGINS
from shared.errors import ValidationFailed
from shared.funnel.stages import STAGES
from shared.users.repository import names as user_names

MAX_ROWS = 10_000  # keeps the answer within Lambda's 6 MB response
PAGE = 100
TYPES = {"pf": "Pessoa física", "pj": "Pessoa jurídica"}
STATUSES = {"active": "Ativo", "archived": "Arquivado", "anonymized": "Anonimizado"}


def _custom(field: custom_fields.CustomField, value) -> str:
    if value is None or value == "":
        return ""
    if field.type == "date":
        return day(date.fromisoformat(str(value)))
    if field.type == "number":
        return str(value).replace(".", ",")
    return str(value)


Column = tuple[str, Callable[[ClientRecord], object]]


def _columns(owners: dict[str, str], defs: list[custom_fields.CustomField]) -> list[Column]:
    label = FIELD_LABELS.get

    def address(part: str) -> Callable[[ClientRecord], object]:
        return lambda c: getattr(c.address, part) if c.address else None

    columns: list[Column] = [
        ("Cliente", lambda c: c.display_name),
        (label("type"), lambda c: TYPES.get(c.type)),
        *[(label(f), lambda c, f=f: getattr(c, f)) for f in ("first_name", "last_name", "trade_name", "legal_name")],
        (label("document"), lambda c: mask_document(c.document)),
        (label("phone"), lambda c: format_phone(c.phone)),
        (label("whatsapp"), lambda c: format_phone(c.whatsapp)),
        (label("email"), lambda c: c.email),
        (label("address.cep"), lambda c: mask_cep(c.address.cep) if c.address else None),
        *[(label(f"address.{p}"), address(p)) for p in ("street", "number", "complement", "district", "city",
                                                          "state")],
        (label("origin"), lambda c: ORIGINS.get(c.origin, c.origin)),
        *[(label(f), lambda c, f=f: getattr(c, f)) for f in ("channel", "campaign", "utm_source", "utm_medium",
                                                              "utm_campaign", "utm_term", "utm_content")],
        (label("owner_id"), lambda c: owners.get(c.owner_id or "")),
        (label("stage"), lambda c: STAGES.get(c.stage, c.stage)),
        (label("values.opportunity_value_cents"), lambda c: money(c.values.opportunity_value_cents)),
        (label("values.monthly_value_cents"), lambda c: money(c.values.monthly_value_cents)),
        (label("values.installments"), lambda c: c.values.installments),
        (label("values.first_due_date"), lambda c: day(c.values.first_due_date)),
        (label("contract.number"), lambda c: c.contract.number if c.contract else None),
        (label("contract.start_date"), lambda c: day(c.contract.start_date) if c.contract else None),
        (label("contract.end_date"), lambda c: day(c.contract.end_date) if c.contract else None),
        (label("next_step"), lambda c: c.next_step),
        (label("tags"), lambda c: ", ".join(c.tags)),
        (label("notes"), lambda c: c.notes),
        (label("consent.whatsapp"), lambda c: CONSENT_STATUSES[c.consent.whatsapp.status]),
        (label("consent.email"), lambda c: CONSENT_STATUSES[c.consent.email.status]),
        (label("status"), lambda c: STATUSES.get(c.status)),
        ("Cadastrado em", lambda c: day(c.created_at)),
        ("Última atividade", lambda c: day(c.last_activity_at)),
    ]
    columns += [(d.label, lambda c, d=d: _custom(d, c.custom_fields.get(d.key or ""))) for d in defs]
    return columns


def export_csv(principal: Principal, filters: listing.ClientFilters) -> bytes:
    """Every client the list shows for these filters (page by page, no scan), as CSV."""
    tenant = principal.tenant_id or ""
    columns = _columns(user_names(tenant), custom_fields.definitions(tenant))
    rows: list[list[str]] = []
    cursor: str | None = None
    while True:
        found, cursor = listing.list_clients(principal, filters, cursor=cursor, limit=PAGE)
        rows += [["" if (v := get(c)) is None else str(v) for _, get in columns] for c in found]
        if len(rows) > MAX_ROWS:
            raise ValidationFailed(f"Mais de {MAX_ROWS:,} clientes neste filtro: refine os filtros para "
                                   "exportar.".replace(",", "."))
        if not cursor:
            break
    return write([h for h, _ in columns], rows)


def file_name() -> str:
    return f"clientes-{clock.to_local(clock.now()).date().isoformat()}.csv"


_FORMULA = re.compile(r"^[=+\-@\t\r]")
_PLAIN_NUMBER = re.compile(r"^[+\-]?[\d\s().,/-]*$")


def _safe(cell: str) -> str:
    """Text that starts like a formula gets a leading `'`, so a spreadsheet shows it instead of running it."""
    return f"'{cell}" if _FORMULA.match(cell) and not _PLAIN_NUMBER.match(cell) else cell


def write(header: list[str], rows: list[list[str]]) -> bytes:
    """UTF-8 with BOM and `;`: what Excel pt-BR opens without an import wizard."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([_safe(c) for c in row] for row in rows)
    return codecs.BOM_UTF8 + out.getvalue().encode("utf-8")
