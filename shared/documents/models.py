"""Documents (proposta, contrato, pedido, recibo): what people send, what is stored, what is answered."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from shared import keys
from shared.clients.models import FieldError
from shared.db.records import Record
from shared.documents.content import Cents, Installment, LineItem, Quantity, totals
from shared.documents.context import KINDS, Kind
from shared.validation import optional_text

Status = Literal["rascunho", "gerado", "enviado", "erro"]
Channel = Literal["email", "whatsapp"]
STATUS_LABELS = {"rascunho": "Rascunho", "gerado": "Gerado", "enviado": "Enviado", "erro": "Erro"}
MAX_ITEMS = 200


class ItemInput(BaseModel):
    """A line from the catalog (its name and price unless given) or a free line."""

    model_config = ConfigDict(extra="forbid")

    catalog_id: Annotated[str | None, Field(max_length=40)] = None
    description: optional_text(300) = None
    quantity: Quantity = Decimal(1)
    unit_price_cents: Cents | None = None
    discount_cents: Cents = 0

    @model_validator(mode="after")
    def _named(self) -> ItemInput:
        if not self.catalog_id and not self.description:
            raise FieldError("description", "escolha um item do catálogo ou descreva o item")
        if not self.catalog_id and self.unit_price_cents is None:
            raise FieldError("unit_price_cents", "informe o preço unitário")
        return self


class InstallmentInput(BaseModel):
    model_config = ConfigDict(extra="forbid")

    due_date: date
    amount_cents: Annotated[int, Field(ge=1, le=10_000_000_000)]


class DocumentFields(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: Kind
    client_id: Annotated[str, Field(min_length=1, max_length=40)]
    card_id: Annotated[str | None, Field(max_length=40)] = None
    items: Annotated[list[ItemInput], Field(max_length=MAX_ITEMS)]
    valid_until: date | None = None
    installments: Annotated[list[InstallmentInput], Field(max_length=360)] = Field(default_factory=list)
    notes: optional_text(4000) = None

    @model_validator(mode="after")
    def _has_items(self) -> DocumentFields:
        if not self.items:
            raise FieldError("items", "inclua pelo menos um item")
        return self


class DocumentCreate(DocumentFields):
    pass


class StoredItem(LineItem):
    """A line as stored and answered (its computed total comes back in, and is recomputed)."""

    model_config = ConfigDict(extra="ignore")

    catalog_id: str | None = None


class SentInfo(BaseModel):
    channel: Channel
    at: str
    to: str
    message_id: str | None = None


class DocumentRecord(Record):
    entity = "document"

    id: str
    tenant_id: str
    kind: Kind
    number: str
    client_id: str
    card_id: str | None = None
    items: list[StoredItem]
    valid_until: date | None = None
    installments: list[Installment] = Field(default_factory=list)
    notes: str | None = None
    status: Status = "rascunho"
    processing: bool = False  # a generation (and maybe a sending) is running
    total_cents: int = 0
    pdf_key: str | None = None
    pdf_size: int | None = None
    generated_at: str | None = None
    sent: SentInfo | None = None
    error: str | None = None
    suggested_stage: str | None = None  # a contract for a card in Negociação: offer Fechado
    created_by: str | None = None
    created_at: str
    updated_at: str
    version: int = 1

    def keys(self) -> dict[str, str]:
        return {**keys.document(self.tenant_id, self.id),
                **keys.document_gsis(self.tenant_id, self.id, self.created_at, self.client_id)}

    @property
    def line_items(self) -> list[LineItem]:
        return [LineItem(description=i.description, quantity=i.quantity, unit_price_cents=i.unit_price_cents,
                         discount_cents=i.discount_cents) for i in self.items]


class DocumentPublic(BaseModel):
    id: str
    kind: Kind
    kind_label: str
    number: str
    client_id: str
    client_name: str | None
    card_id: str | None
    items: list[StoredItem]
    valid_until: date | None
    installments: list[Installment]
    notes: str | None
    status: Status
    processing: bool
    subtotal_cents: int
    discount_cents: int
    total_cents: int
    generated_at: str | None
    sent: SentInfo | None
    error: str | None
    suggested_stage: str | None
    has_pdf: bool
    created_by: str | None
    created_by_name: str | None
    created_at: str
    updated_at: str

    @classmethod
    def of(cls, record: DocumentRecord, *, client_name: str | None, names: dict[str, str]) -> DocumentPublic:
        sums = totals(record.line_items)
        return cls(**record.model_dump(include={
            "id", "kind", "number", "client_id", "card_id", "items", "valid_until", "installments", "notes",
            "status", "processing", "generated_at", "sent", "error", "suggested_stage", "created_by",
            "created_at", "updated_at"}), kind_label=KINDS[record.kind], client_name=client_name,
            subtotal_cents=sums.subtotal_cents, discount_cents=sums.discount_cents, total_cents=sums.total_cents,
            has_pdf=bool(record.pdf_key), created_by_name=names.get(record.created_by or ""))


class SendRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    channel: Channel
    to: optional_text(200) = None  # another e-mail address or WhatsApp number than the client's
    message: optional_text(2000) = None


class DownloadLink(BaseModel):
    url: str
    expires_in: int
    filename: str


class TemplateFields(BaseModel):
    model_config = ConfigDict(extra="forbid")

    body: Annotated[str, Field(min_length=1, max_length=100_000)]


class DocumentTemplatePublic(BaseModel):
    kind: Kind
    kind_label: str
    body: str
    is_default: bool
    updated_at: str | None = None
    updated_by_name: str | None = None


class Placeholder(BaseModel):
    placeholder: str
    description: str
    example: str


class TemplatesOverview(BaseModel):
    items: list[DocumentTemplatePublic]
    placeholders: list[Placeholder]
