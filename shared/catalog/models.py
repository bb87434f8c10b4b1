"""Catalog items: what people send, what is stored, what is answered."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator

from shared import keys
from shared.br.format import brl
from shared.db.records import Record
from shared.text import fold
from shared.validation import blank_to_none, optional_text, partial_model

Kind = Literal["plano", "produto", "servico"]
Recurrence = Literal["unica", "mensal", "anual"]
KIND_LABELS: dict[str, str] = {"plano": "Plano", "produto": "Produto", "servico": "Serviço"}
RECURRENCE_LABELS: dict[str, str] = {"unica": "Única", "mensal": "Mensal", "anual": "Anual"}
MAX_PRICE_CENTS = 10_000_000_000  # R$ 100 milhões

_SKU = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/-]{0,39}")


def sku_key(sku: str) -> str:
    """The form SKUs are compared in (unique per company, whatever the case)."""
    return sku.upper()


class CatalogItemFields(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=120)
    description: optional_text(2000) = None
    kind: Kind
    price_cents: Annotated[int, Field(ge=0, le=MAX_PRICE_CENTS, strict=True)]  # centavos; no booleans
    recurrence: Recurrence = "unica"
    active: bool = True
    sku: Annotated[str | None, BeforeValidator(blank_to_none)] = None

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        value = " ".join(value.split())
        if not value:
            raise ValueError("informe o nome")
        return value

    @field_validator("sku")
    @classmethod
    def _sku(cls, value: str | None) -> str | None:
        if value is not None and not _SKU.fullmatch(value):
            raise ValueError("use até 40 letras, números, ponto, hífen, barra ou sublinhado, sem espaços")
        return value


class CatalogItemCreate(CatalogItemFields):
    pass


# PATCH: only the fields sent change; `null` clears description or SKU. The merged item is validated
# again with CatalogItemFields.
CatalogItemUpdate = partial_model(CatalogItemFields, "CatalogItemUpdate")


class CatalogItemRecord(Record):
    entity = "catalog_item"

    id: str
    tenant_id: str
    name: str
    description: str | None = None
    kind: Kind
    price_cents: int
    recurrence: Recurrence = "unica"
    active: bool = True
    sku: str | None = None
    created_by: str | None = None
    updated_by: str | None = None
    created_at: str
    updated_at: str
    version: int = 1

    @property
    def sort_name(self) -> str:
        return fold(self.name)[:100]

    def keys(self) -> dict[str, str]:
        return {**keys.catalog_item(self.tenant_id, self.id),
                **keys.catalog_item_gsis(self.tenant_id, self.id, self.kind, self.sort_name, active=self.active)}

    def fields(self) -> dict:
        return {name: getattr(self, name) for name in CatalogItemFields.model_fields}


class CatalogItemPublic(BaseModel):
    id: str
    name: str
    description: str | None
    kind: Kind
    kind_label: str
    price_cents: int
    price_display: str
    recurrence: Recurrence
    recurrence_label: str
    active: bool
    sku: str | None
    created_at: str
    updated_at: str

    @classmethod
    def of(cls, item: CatalogItemRecord) -> CatalogItemPublic:
        return cls(id=item.id, name=item.name, description=item.description, kind=item.kind,
                   kind_label=KIND_LABELS[item.kind], price_cents=item.price_cents,
                   price_display=brl(item.price_cents), recurrence=item.recurrence,
                   recurrence_label=RECURRENCE_LABELS[item.recurrence], active=item.active, sku=item.sku,
                   created_at=item.created_at, updated_at=item.updated_at)
