"""Clients: the fields people fill in, as validated input, as stored, and as answered."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator, model_validator

from shared import keys
from shared.br.address import UFS, normalize_cep
from shared.br.documents import clean, is_valid_cnpj, is_valid_cpf
from shared.br.phones import InvalidPhone, normalize_phone
from shared.clients.errors import FieldError
from shared.clients.vocab import LEGAL_BASES, ORIGINS
from shared.db.records import Record
from shared.text import fold
from shared.validation import Email, blank_to_none, optional_text, partial_model

ClientType = Literal["pf", "pj"]
ClientStatus = Literal["active", "archived", "anonymized"]


def _phone(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return normalize_phone(value)
    except InvalidPhone as exc:
        raise ValueError(str(exc)) from None


_text = optional_text
Text = _text(120)
LongText = _text(5000)
Phone = Annotated[str | None, BeforeValidator(blank_to_none)]
OptionalEmail = Annotated[Email | None, BeforeValidator(blank_to_none)]
Cents = Annotated[Annotated[int, Field(ge=0, le=10_000_000_000)] | None, Field(default=None)]


class Address(BaseModel):
    model_config = ConfigDict(extra="forbid")

    cep: Text = None
    street: Text = None
    number: _text(20) = None
    complement: Text = None
    district: Text = None
    city: Text = None
    state: Annotated[str | None, BeforeValidator(blank_to_none)] = None

    @field_validator("cep")
    @classmethod
    def _cep(cls, value: str | None) -> str | None:
        return None if value is None else normalize_cep(value)

    @field_validator("state")
    @classmethod
    def _uf(cls, value: str | None) -> str | None:
        if value is None:
            return None
        value = value.upper()
        if value not in UFS:
            raise ValueError("UF inválida (use a sigla, por exemplo SP)")
        return value


class Contract(BaseModel):
    model_config = ConfigDict(extra="forbid")

    number: _text(60) = None
    start_date: date | None = None
    end_date: date | None = None

    @model_validator(mode="after")
    def _period(self) -> Contract:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValueError("o fim do contrato deve ser depois do início")
        return self


class Values(BaseModel):
    model_config = ConfigDict(extra="forbid")

    opportunity_value_cents: Cents = None
    monthly_value_cents: Cents = None
    installments: Annotated[int, Field(ge=1, le=360)] | None = None
    first_due_date: date | None = None


class ConsentEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    status: Literal["granted", "revoked", "unknown"] = "unknown"
    legal_basis: str | None = None
    updated_at: str | None = None  # set by the server when status or basis change

    @field_validator("legal_basis")
    @classmethod
    def _basis(cls, value: str | None) -> str | None:
        if value is not None and value not in LEGAL_BASES:
            raise ValueError(f"base legal inválida (use {', '.join(LEGAL_BASES)})")
        return value


class Consent(BaseModel):
    model_config = ConfigDict(extra="forbid")

    whatsapp: ConsentEntry = Field(default_factory=ConsentEntry)
    email: ConsentEntry = Field(default_factory=ConsentEntry)


def _tags(value: list[str] | None) -> list[str]:
    seen: dict[str, str] = {}
    for tag in value or []:
        tag = " ".join(str(tag).split())
        if not tag:
            continue
        if len(tag) > 40:
            raise ValueError("cada tag deve ter no máximo 40 caracteres")
        seen.setdefault(fold(tag), tag)
    if len(seen) > 30:
        raise ValueError("no máximo 30 tags por cliente")
    return list(seen.values())


class ClientFields(BaseModel):
    """Everything a person may send about a client (create: all of it; update: a subset)."""

    model_config = ConfigDict(extra="forbid", defer_build=True)  # built on first use (cold start)

    type: ClientType = "pf"
    first_name: Text = None
    last_name: Text = None
    trade_name: Text = None
    legal_name: _text(200) = None
    document: Annotated[str | None, BeforeValidator(blank_to_none)] = None
    phone: Phone = None
    whatsapp: Phone = None
    email: OptionalEmail = None
    address: Address | None = None
    origin: str = "cadastro_manual"
    channel: Text = None
    campaign: Text = None
    utm_source: Text = None
    utm_medium: Text = None
    utm_campaign: Text = None
    utm_term: Text = None
    utm_content: Text = None
    owner_id: str | None = None
    contract: Contract | None = None
    values: Values = Field(default_factory=Values)
    tags: list[str] = Field(default_factory=list)
    notes: LongText = None
    consent: Consent = Field(default_factory=Consent)
    custom_fields: dict[str, Any] = Field(default_factory=dict)

    _phones = field_validator("phone", "whatsapp")(classmethod(lambda cls, v: _phone(v)))
    _tag_list = field_validator("tags", mode="before")(classmethod(lambda cls, v: _tags(v)))

    @field_validator("origin")
    @classmethod
    def _origin(cls, value: str) -> str:
        if value not in ORIGINS:
            raise ValueError(f"origem inválida (use {', '.join(ORIGINS)})")
        return value

    @field_validator("document")
    @classmethod
    def _clean_document(cls, value: str | None) -> str | None:
        return None if value is None else clean(value)

    @model_validator(mode="after")
    def _coherent(self) -> ClientFields:
        if self.document:
            if self.type == "pf" and not is_valid_cpf(self.document):
                raise _field_error("document", "CPF inválido: confira os dígitos")
            if self.type == "pj" and not is_valid_cnpj(self.document):
                raise _field_error("document", "CNPJ inválido: confira os dígitos")
        if self.type == "pf" and not self.first_name:
            raise _field_error("first_name", "informe o nome")
        if self.type == "pj" and not (self.trade_name or self.legal_name):
            raise _field_error("trade_name", "informe o nome comercial ou a razão social")
        return self


def _field_error(field: str, message: str) -> FieldError:
    return FieldError(field, message)


class ClientCreate(ClientFields):
    pass


# Partial update: only the fields sent change; `null` clears a field. The merged record is then
# validated as a whole by ClientFields (document vs type, names, phones...). Built on first use
# (`from shared.clients.models import ClientUpdate` works as usual): the functions that import these
# models but never take a client PATCH skip building it at cold start.
def __getattr__(name: str) -> Any:
    if name == "ClientUpdate":
        model = globals()["ClientUpdate"] = partial_model(ClientFields, "ClientUpdate")
        return model
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class ClientRecord(Record):
    """A client as stored. The funnel card's state lives here too; the card item is its projection."""

    entity = "client"

    id: str
    tenant_id: str
    card_id: str
    type: ClientType
    first_name: str | None = None
    last_name: str | None = None
    trade_name: str | None = None
    legal_name: str | None = None
    document: str | None = None
    phone: str | None = None
    whatsapp: str | None = None
    email: str | None = None
    address: Address | None = None
    origin: str
    channel: str | None = None
    campaign: str | None = None
    utm_source: str | None = None
    utm_medium: str | None = None
    utm_campaign: str | None = None
    utm_term: str | None = None
    utm_content: str | None = None
    owner_id: str | None = None
    contract: Contract | None = None
    values: Values = Field(default_factory=Values)
    tags: list[str] = Field(default_factory=list)
    notes: str | None = None
    consent: Consent = Field(default_factory=Consent)
    custom_fields: dict[str, Any] = Field(default_factory=dict)
    status: ClientStatus = "active"
    merged_into: str | None = None
    # funnel state (shown on the card)
    stage: str
    stage_entered_at: str
    last_activity_at: str
    next_step: str | None = None
    next_step_due: date | None = None
    expected_close_date: date | None = None
    loss_reason: str | None = None
    milestones: list[str] = Field(default_factory=list)
    version: int = 1
    created_at: str
    updated_at: str
    created_by: str | None = None

    @property
    def display_name(self) -> str:
        if self.type == "pj":
            return self.trade_name or self.legal_name or "(sem nome)"
        full = " ".join(p for p in (self.first_name, self.last_name) if p)
        return full or self.trade_name or "(sem nome)"

    @property
    def archived(self) -> bool:
        return self.status != "active"

    def keys(self) -> dict[str, str]:
        return {**keys.client(self.tenant_id, self.id),
                **keys.client_list_gsis(self.tenant_id, self.id, self.created_at, archived=self.archived,
                                        stage=self.stage, owner_id=self.owner_id)}

    def to_item(self) -> dict[str, Any]:
        item = super().to_item()
        item["tag_keys"] = [fold(t) for t in self.tags]  # tag filter matches accent/case-insensitively
        return item


class ClientPublic(BaseModel):
    model_config = ConfigDict(defer_build=True)
    id: str
    card_id: str
    type: ClientType
    first_name: str | None
    last_name: str | None
    trade_name: str | None
    legal_name: str | None
    display_name: str
    document: str | None
    phone: str | None
    whatsapp: str | None
    email: str | None
    address: Address | None
    origin: str
    channel: str | None
    campaign: str | None
    utm_source: str | None
    utm_medium: str | None
    utm_campaign: str | None
    utm_term: str | None
    utm_content: str | None
    owner_id: str | None
    owner_name: str | None
    contract: Contract | None
    values: Values
    tags: list[str]
    notes: str | None
    consent: Consent
    custom_fields: dict[str, Any]
    stage: str
    status: ClientStatus
    created_at: str
    updated_at: str

    @classmethod
    def of(cls, record: ClientRecord, owner_names: dict[str, str] | None = None) -> ClientPublic:
        data = record.model_dump()
        return cls(**data, display_name=record.display_name,
                   owner_name=(owner_names or {}).get(record.owner_id or ""))


class DuplicateInfo(BaseModel):
    detail: str
    existing_client_id: str
    errors: list[dict[str, str]]
