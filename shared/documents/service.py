"""Documents use cases: create and edit drafts (numbered per company, kind and year, with no gaps and
no repeats), list, preview, download, and the company's templates. Generation and sending run as
the Step Functions state machine (`workflow`)."""

from __future__ import annotations

from datetime import date

from shared import clock, keys
from shared.auth.principal import Principal
from shared.catalog import service as catalog
from shared.clients import service as client_service
from shared.clients.repository import get_many
from shared.db.cursor import decode_cursor, encode_cursor
from shared.db.table import ConditionFailed, Table, TransactionFailed, TransactOp
from shared.documents import context as ctx
from shared.documents import render as renderer
from shared.documents import storage
from shared.documents.content import Installment, SellerInfo, totals
from shared.documents.models import (
    DocumentCreate,
    DocumentFields,
    DocumentPublic,
    DocumentRecord,
    DocumentTemplatePublic,
    Placeholder,
    StoredItem,
    TemplatesOverview,
)
from shared.errors import Conflict, NotFound, ValidationFailed
from shared.ids import is_valid_id, new_id
from shared.users.repository import names as user_names

NOT_FOUND = "Documento não encontrado."
ATTEMPTS = 8


def _tenant(principal: Principal) -> str:
    return principal.tenant_id or ""


def load(tenant_id: str, document_id: str) -> DocumentRecord:
    item = Table().get(keys.document(tenant_id, document_id), consistent=True) if is_valid_id(document_id) else None
    if not item:
        raise NotFound(NOT_FOUND)
    return DocumentRecord.from_item(item)


def get(principal: Principal, document_id: str) -> DocumentRecord:
    """The document, if the caller sees its client (404 otherwise: another company's, or not theirs)."""
    record = load(_tenant(principal), document_id)
    try:
        client_service.get(principal, record.client_id)
    except NotFound:
        raise NotFound(NOT_FOUND) from None
    return record


def _items(tenant: str, data: DocumentFields) -> list[StoredItem]:
    wanted = sorted({i.catalog_id for i in data.items if i.catalog_id})
    found = catalog.get_items(tenant, wanted) if wanted else {}
    items = []
    for n, line in enumerate(data.items):
        entry = found.get(line.catalog_id or "")
        if line.catalog_id and entry is None:
            raise ValidationFailed("Item do catálogo não encontrado.", field=f"items.{n}.catalog_id")
        price = line.unit_price_cents if line.unit_price_cents is not None else entry.price_cents
        try:
            items.append(StoredItem(catalog_id=line.catalog_id, description=line.description or entry.name,
                                    quantity=line.quantity, unit_price_cents=price,
                                    discount_cents=line.discount_cents))
        except ValueError as exc:
            raise ValidationFailed(f"Item {n + 1}: o desconto é maior que o valor do item.",
                                   field=f"items.{n}.discount_cents") from exc
    return items


def _installments(data: DocumentFields, total_cents: int) -> list[Installment]:
    if not data.installments:
        return []
    dates = [p.due_date for p in data.installments]
    if dates != sorted(dates):
        raise ValidationFailed("As parcelas devem estar em ordem de vencimento.", field="installments")
    if sum(p.amount_cents for p in data.installments) != total_cents:
        from shared.br.format import brl

        raise ValidationFailed(f"A soma das parcelas deve ser igual ao total do documento ({brl(total_cents)}).",
                               field="installments")
    return [Installment(number=n, due_date=p.due_date, amount_cents=p.amount_cents)
            for n, p in enumerate(data.installments, start=1)]


def _checked(principal: Principal, data: DocumentFields) -> dict:
    client = client_service.get(principal, data.client_id)
    if client.status == "anonymized":
        raise ValidationFailed("Este cliente foi anonimizado (LGPD): não é possível emitir documentos.",
                               field="client_id")
    if data.card_id and data.card_id != client.card_id:
        raise ValidationFailed("O card informado não é deste cliente.", field="card_id")
    items = _items(_tenant(principal), data)
    total = totals(items).total_cents
    if data.kind == "proposta" and data.valid_until and data.valid_until < clock.to_local(clock.now()).date():
        raise ValidationFailed("A validade da proposta já passou.", field="valid_until")
    return {"kind": data.kind, "client_id": client.id, "card_id": data.card_id or client.card_id, "items": items,
            "valid_until": data.valid_until, "installments": _installments(data, total), "notes": data.notes,
            "total_cents": total}


def create(principal: Principal, data: DocumentCreate) -> DocumentRecord:
    """A draft with the next number of its kind this year: the counter moves in the same
    transaction that stores the document, so numbers have no gaps and never repeat."""
    tenant = _tenant(principal)
    fields = _checked(principal, data)
    year = clock.to_local(clock.now()).year
    counter_key = keys.document_counter(tenant, data.kind, year)
    for _ in range(ATTEMPTS):
        current = (Table().get(counter_key, consistent=True) or {}).get("last", 0)
        now = clock.now_iso()
        record = DocumentRecord(**fields, id=new_id(), tenant_id=tenant,
                                number=ctx.document_number(data.kind, year, current + 1),
                                created_by=principal.user_id, created_at=now, updated_at=now)
        counter = TransactOp("Update", key=counter_key, update="SET #last = :next, tenant_id = :t",
                             condition="attribute_not_exists(#last) OR #last = :current", names={"#last": "last"},
                             values={":next": current + 1, ":current": current, ":t": tenant})
        try:
            Table().transact([counter, TransactOp("Put", item=record.to_item(),
                                                  condition="attribute_not_exists(PK)")])
            return record
        except TransactionFailed:
            continue  # someone took this number meanwhile: take the next
    raise Conflict("Muitos documentos sendo criados ao mesmo tempo. Tente de novo.")


def replace(old: DocumentRecord, new: DocumentRecord) -> DocumentRecord:
    new = new.model_copy(update={"version": old.version + 1, "updated_at": clock.now_iso()})
    try:
        Table().put(new.to_item(), condition="version = :v", values={":v": old.version})
    except ConditionFailed:
        raise Conflict("Este documento mudou enquanto você editava. Recarregue e confira.") from None
    return new


def update(principal: Principal, document_id: str, data: DocumentFields) -> DocumentRecord:
    """Edits the content; a generated document goes back to rascunho (its PDF no longer matches)."""
    old = get(principal, document_id)
    if old.processing:
        raise Conflict("O documento está sendo gerado agora. Aguarde terminar para editar.")
    if old.status == "enviado":
        raise Conflict("Este documento já foi enviado ao cliente e não pode ser alterado. Crie um novo.")
    if data.kind != old.kind:
        raise ValidationFailed("O tipo de um documento não muda: crie um novo documento.", field="kind")
    fields = _checked(principal, data)
    return replace(old, old.model_copy(update={**fields, "status": "rascunho", "error": None,
                                               "suggested_stage": None}))


def list_documents(principal: Principal, *, kind: str | None, client_id: str | None, status: str | None,
                   date_from: date | None, date_to: date | None, cursor: str | None,
                   limit: int) -> tuple[list[DocumentRecord], str | None]:
    """Newest first: the company's (GSI1) or one client's (GSI2), filtered on the page."""
    tenant = _tenant(principal)
    low = clock.iso(clock.local_day_start(date_from)) if date_from else "0"
    high = clock.iso(clock.local_day_start(date_to, days_after=1)) if date_to else "9"
    if client_id:
        client_service.get(principal, client_id)
        pk, index = keys.documents_by_client_pk(tenant, client_id), "GSI2"
    else:
        pk, index = keys.documents_pk(tenant), "GSI1"
    seen_all = client_service.sees_all(principal)
    visible_clients: dict[str, bool] = {}
    found: list[DocumentRecord] = []
    start = decode_cursor(cursor, tenant)
    for _ in range(6):
        page = Table().query(pk, index=index, sk_between=(low, high + "~"), limit=limit, start_key=start,
                             forward=False)
        records = [DocumentRecord.from_item(i) for i in page.items]
        if not seen_all:
            unknown = sorted({r.client_id for r in records} - set(visible_clients))
            for c in get_many(tenant, unknown):
                visible_clients[c.id] = client_service.visible(principal, c)
        for record in records:
            if (not kind or record.kind == kind) and (not status or record.status == status) \
                    and (seen_all or visible_clients.get(record.client_id)):
                found.append(record)
        start = page.last_key
        if not start or len(found) >= limit:
            break
    return found, encode_cursor(start, tenant)


def publics(principal: Principal, records: list[DocumentRecord]) -> list[DocumentPublic]:
    tenant = _tenant(principal)
    names = user_names(tenant)
    clients = {c.id: c.display_name for c in get_many(tenant, sorted({r.client_id for r in records}))}
    return [DocumentPublic.of(r, client_name=clients.get(r.client_id), names=names) for r in records]


# --- rendering ------------------------------------------------------------------------------------

def seller(record: DocumentRecord) -> SellerInfo | None:
    from shared.users.repository import get as get_user

    if not record.created_by:
        return None
    try:
        user = get_user(record.tenant_id, record.created_by)
    except NotFound:
        return None
    return SellerInfo(name=user.name, email=user.email)


def template_source(tenant_id: str, kind: str) -> str:
    item = Table().get(keys.document_template(tenant_id, kind))
    return item["body"] if item else renderer.default_template(kind)


def render_html(record: DocumentRecord, *, company=None) -> str:
    from shared.clients import repository as clients
    from shared.company.service import company_info

    client = clients.get(record.tenant_id, record.client_id)
    company = company or company_info(record.tenant_id, with_logo=False)
    context = ctx.build_context(kind=record.kind, number=record.number, company=company, client=client,
                                seller=seller(record), items=record.line_items, installments=record.installments,
                                valid_until=record.valid_until, notes=record.notes,
                                today=clock.to_local(clock.now()).date())
    return renderer.render(template_source(record.tenant_id, record.kind), context)


def pdf_bytes(record: DocumentRecord, html: str, *, company=None) -> bytes:
    from shared.company.service import company_info
    from shared.documents.pdf import build_pdf

    return build_pdf(html, company=company or company_info(record.tenant_id), title=ctx.KINDS[record.kind],
                     number=record.number)


def preview(principal: Principal, document_id: str) -> bytes:
    """The PDF as it would be generated now (the review screen), not stored."""
    from shared.company.service import company_info

    record = get(principal, document_id)
    company = company_info(record.tenant_id)  # read once: placeholders and the page header
    return pdf_bytes(record, render_html(record, company=company), company=company)


def download(principal: Principal, document_id: str):
    record = get(principal, document_id)
    if not record.pdf_key:
        raise Conflict("Este documento ainda não foi gerado.")
    return storage.download_link(record.pdf_key, f"{record.number}.pdf")


# --- the company's templates ----------------------------------------------------------------------

def templates(principal: Principal) -> TemplatesOverview:
    tenant = _tenant(principal)
    stored = {i["kind"]: i for i in Table().query_all(keys.document_templates_pk(tenant))}
    names = user_names(tenant)
    items = [DocumentTemplatePublic(kind=kind, kind_label=label, body=(stored.get(kind) or {}).get("body")
                                    or renderer.default_template(kind), is_default=kind not in stored,
                                    updated_at=(stored.get(kind) or {}).get("updated_at"),
                                    updated_by_name=names.get((stored.get(kind) or {}).get("updated_by") or ""))
             for kind, label in ctx.KINDS.items()]
    return TemplatesOverview(items=items, placeholders=[Placeholder(placeholder=p, description=d, example=e)
                                                         for p, d, e in ctx.catalog()])


def _kind(kind: str) -> str:
    if kind not in ctx.KINDS:
        raise NotFound("Tipo de documento desconhecido.")
    return kind


def save_template(principal: Principal, kind: str, body: str) -> DocumentTemplatePublic:
    tenant = _tenant(principal)
    renderer.validate(body, kind=_kind(kind))
    now = clock.now_iso()
    Table().put({**keys.document_template(tenant, kind), "entity": "document_template", "tenant_id": tenant,
                 "kind": kind, "body": body, "updated_at": now, "updated_by": principal.user_id})
    return DocumentTemplatePublic(kind=kind, kind_label=ctx.KINDS[kind], body=body, is_default=False,
                                  updated_at=now, updated_by_name=principal.name)


def reset_template(principal: Principal, kind: str) -> DocumentTemplatePublic:
    Table().delete(keys.document_template(_tenant(principal), _kind(kind)))
    return DocumentTemplatePublic(kind=kind, kind_label=ctx.KINDS[kind], body=renderer.default_template(kind),
                                  is_default=True)


def template_preview(principal: Principal, kind: str, body: str) -> bytes:
    """The sample PDF of a template being edited (fake client and items, the company's real data)."""
    from shared.company.service import company_info
    from shared.documents.pdf import build_pdf

    company = company_info(_tenant(principal))  # read once: placeholders and the page header
    sample = ctx.sample_context(_kind(kind))
    if company.name:
        sample["empresa"] = ctx.company_placeholders(company)
    html = renderer.render(body, sample)
    return build_pdf(html, company=company, title=ctx.KINDS[kind], number="PREVIA")

