"""The company profile as sent, stored and answered, and what documents receive of it."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator

from shared import keys
from shared.br.address import mask_cep
from shared.br.documents import clean, is_valid_cnpj, mask_cnpj
from shared.br.phones import InvalidPhone, format_phone, normalize_phone
from shared.clients.models import Address
from shared.db.records import Record
from shared.validation import Email, blank_to_none, optional_text

Text = optional_text(120)
OptionalEmail = Annotated[Email | None, BeforeValidator(blank_to_none)]


class CompanyProfileUpdate(BaseModel):
    """`PUT /api/company/profile`: the whole profile (the logo has its own routes)."""

    model_config = ConfigDict(extra="forbid")

    legal_name: str = Field(min_length=1, max_length=200)
    trade_name: Text = None
    cnpj: str = Field(min_length=1, max_length=30)
    state_registration: optional_text(30) = None
    municipal_registration: optional_text(30) = None
    address: Address | None = None
    phone: Annotated[str | None, BeforeValidator(blank_to_none)] = None
    email: OptionalEmail = None
    website: optional_text(200) = None
    signature_city: Text = None

    @field_validator("legal_name")
    @classmethod
    def _legal_name(cls, value: str) -> str:
        value = " ".join(value.split())
        if not value:
            raise ValueError("informe a razão social")
        return value

    @field_validator("cnpj")
    @classmethod
    def _cnpj(cls, value: str) -> str:
        if not is_valid_cnpj(value):
            raise ValueError("CNPJ inválido: confira os dígitos")
        return clean(value)

    @field_validator("phone")
    @classmethod
    def _phone(cls, value: str | None) -> str | None:
        if value is None:
            return None
        try:
            return normalize_phone(value)
        except InvalidPhone as exc:
            raise ValueError(str(exc)) from None

    @field_validator("website")
    @classmethod
    def _website(cls, value: str | None) -> str | None:
        if value is not None and not re.fullmatch(r"(https?://)?[^\s/.]+(\.[^\s/.]+)+(/\S*)?", value, re.I):
            raise ValueError("informe um endereço como www.suaempresa.com.br")
        return value

    @field_validator("state_registration", "municipal_registration")
    @classmethod
    def _registration(cls, value: str | None) -> str | None:
        if value is not None and not any(c.isalnum() for c in value):
            raise ValueError("informe a inscrição ou deixe em branco")
        return value


class Logo(BaseModel):
    object_key: str  # in the documents bucket: tenants/<tenant>/branding/logo.<ext>
    content_type: str
    size: int
    uploaded_at: str


class CompanyProfileRecord(Record):
    """One settings item per company. Empty until someone saves the form (or a logo)."""

    entity = "company_profile"

    tenant_id: str
    legal_name: str | None = None
    trade_name: str | None = None
    cnpj: str | None = None  # digits (letters too in the 2026 alphanumeric format), no mask
    state_registration: str | None = None
    municipal_registration: str | None = None
    address: Address | None = None
    phone: str | None = None  # E.164
    email: str | None = None
    website: str | None = None
    signature_city: str | None = None
    logo: Logo | None = None
    updated_at: str | None = None
    updated_by: str | None = None
    version: int = 0

    def keys(self) -> dict[str, str]:
        return dict(keys.company_profile(self.tenant_id))


def one_line_address(address: Address | None) -> str:
    """"Rua X, 100, Sala 2 - Centro, São Paulo/SP, CEP 01001-000" (what is filled in)."""
    if address is None:
        return ""
    street = ", ".join(p for p in (address.street, address.number, address.complement) if p)
    place = "/".join(p for p in (address.city, address.state) if p)
    parts = [" - ".join(p for p in (street, address.district) if p), place,
             f"CEP {mask_cep(address.cep)}" if address.cep else ""]
    return ", ".join(p for p in parts if p)


class CompanyProfilePublic(BaseModel):
    configured: bool  # the form was saved at least once
    company_name: str  # the company's name in Impacte+ (the default trade name)
    legal_name: str | None
    trade_name: str | None
    cnpj: str | None  # masked: 12.345.678/0001-95
    state_registration: str | None
    municipal_registration: str | None
    address: Address | None
    address_line: str
    phone: str | None  # E.164
    phone_display: str | None
    email: str | None
    website: str | None
    signature_city: str | None
    has_logo: bool
    logo_content_type: str | None
    logo_updated_at: str | None
    updated_at: str | None

    @classmethod
    def of(cls, record: CompanyProfileRecord, company_name: str) -> CompanyProfilePublic:
        return cls(configured=bool(record.legal_name), company_name=company_name, legal_name=record.legal_name,
                   trade_name=record.trade_name, cnpj=mask_cnpj(record.cnpj) if record.cnpj else None,
                   state_registration=record.state_registration,
                   municipal_registration=record.municipal_registration, address=record.address,
                   address_line=one_line_address(record.address), phone=record.phone,
                   phone_display=format_phone(record.phone), email=record.email, website=record.website,
                   signature_city=record.signature_city, has_logo=record.logo is not None,
                   logo_content_type=record.logo.content_type if record.logo else None,
                   logo_updated_at=record.logo.uploaded_at if record.logo else None, updated_at=record.updated_at)


class CompanyInfo(BaseModel):
    """Everything a document needs about the issuing company (`shared.company.service.company_info`)."""

    tenant_id: str
    name: str  # trade name, else the company's name in Impacte+
    legal_name: str  # razão social, else `name`
    cnpj: str | None  # digits, no mask
    cnpj_display: str | None  # 12.345.678/0001-95
    state_registration: str | None
    municipal_registration: str | None
    address: Address | None
    address_line: str
    city: str | None  # where documents are signed: signature city, else the address's city
    phone: str | None  # E.164
    phone_display: str | None  # (11) 3456-7890
    email: str | None
    website: str | None
    logo: bytes | None = None
    logo_content_type: str | None = None  # image/png or image/jpeg
    configured: bool
