"""Company profile use cases (Dados da empresa) and what documents read of it (`company_info`)."""

from __future__ import annotations

from typing import Any

from shared import clock, keys
from shared.auth.principal import Principal
from shared.aws import client
from shared.br.documents import mask_cnpj
from shared.br.phones import format_phone
from shared.company import logo as logos
from shared.company.models import (
    CompanyInfo,
    CompanyProfilePublic,
    CompanyProfileRecord,
    CompanyProfileUpdate,
    Logo,
    one_line_address,
)
from shared.db.table import Table
from shared.errors import Forbidden, NotFound
from shared.settings import get_settings

NO_LOGO = "A empresa ainda não tem logo. Envie um PNG ou JPEG em Dados da empresa."
FORM_FIELDS = tuple(CompanyProfileUpdate.model_fields)


def _tenant(principal: Principal) -> str:
    if not principal.tenant_id:
        raise Forbidden("A equipe master não acessa dados das empresas por esta área.")
    return principal.tenant_id


def _load(tenant_id: str) -> tuple[CompanyProfileRecord, str]:
    """The profile (empty if never saved) and the company's name, in one BatchGetItem."""
    profile, tenant = Table().batch_get([keys.company_profile(tenant_id), keys.tenant(tenant_id)])
    record = CompanyProfileRecord.from_item(profile) if profile else CompanyProfileRecord(tenant_id=tenant_id)
    return record, (tenant or {}).get("name", "")


def get_profile(principal: Principal) -> CompanyProfilePublic:
    record, name = _load(_tenant(principal))
    return CompanyProfilePublic.of(record, name)


def _set(tenant_id: str, values: dict[str, Any], actor: str | None, remove: tuple[str, ...] = ()) -> dict:
    """Sets (or, for None, removes) top-level attributes of the profile item, creating it if needed."""
    values = {**values, "tenant_id": tenant_id, "entity": CompanyProfileRecord.entity, "updated_at": clock.now_iso(),
              "updated_by": actor}
    names, vals, sets, removes = {}, {":one": 1}, [], []
    for i, (field, value) in enumerate(values.items()):
        names[f"#f{i}"] = field
        if value is None:
            removes.append(f"#f{i}")
        else:
            sets.append(f"#f{i} = :v{i}")
            vals[f":v{i}"] = value
    for j, field in enumerate(remove):
        names[f"#r{j}"] = field
        removes.append(f"#r{j}")
    expression = "SET " + ", ".join(sets) + " ADD #version :one"
    names["#version"] = "version"
    if removes:
        expression += " REMOVE " + ", ".join(removes)
    return Table().update(keys.company_profile(tenant_id), expression, names=names, values=vals) or {}


def save_profile(principal: Principal, data: CompanyProfileUpdate) -> CompanyProfilePublic:
    """Replaces the form's fields (the logo is kept)."""
    tenant = _tenant(principal)
    _set(tenant, data.model_dump(mode="json"), principal.user_id)
    return get_profile(principal)


def upload_logo(principal: Principal, raw: bytes | None) -> CompanyProfilePublic:
    tenant = _tenant(principal)
    checked = logos.check(raw)
    object_key = keys.company_logo_object(tenant, checked.extension)
    s3 = client("s3")
    bucket = get_settings().documents_bucket
    s3.put_object(Bucket=bucket, Key=object_key, Body=checked.raw, ContentType=checked.content_type)
    before, _ = _load(tenant)
    logo = Logo(object_key=object_key, content_type=checked.content_type, size=len(checked.raw),
                uploaded_at=clock.now_iso())
    _set(tenant, {"logo": logo.model_dump()}, principal.user_id)
    if before.logo and before.logo.object_key != object_key:  # PNG replaced by JPEG or the other way round
        s3.delete_object(Bucket=bucket, Key=before.logo.object_key)
    return get_profile(principal)


def _read_logo(record: CompanyProfileRecord) -> bytes | None:
    if record.logo is None:
        return None
    from botocore.exceptions import ClientError

    try:
        body = client("s3").get_object(Bucket=get_settings().documents_bucket, Key=record.logo.object_key)["Body"]
    except ClientError:  # removed meanwhile (or never landed)
        return None
    return body.read()


def get_logo(principal: Principal) -> tuple[bytes, str]:
    record, _ = _load(_tenant(principal))
    raw = _read_logo(record)
    if raw is None or record.logo is None:
        raise NotFound(NO_LOGO)
    return raw, record.logo.content_type


def delete_logo(principal: Principal) -> None:
    tenant = _tenant(principal)
    record, _ = _load(tenant)
    if record.logo is None:
        return
    _set(tenant, {}, principal.user_id, remove=("logo",))
    client("s3").delete_object(Bucket=get_settings().documents_bucket, Key=record.logo.object_key)


# --- for documents ---------------------------------------------------------------------------------

def company_info(tenant_id: str, *, with_logo: bool = True) -> CompanyInfo:
    """Everything a document prints about the issuing company. Never fails for a company that has not
    filled in the form: names fall back to the company's name in Impacte+, the rest is None."""
    record, company_name = _load(tenant_id)
    name = record.trade_name or company_name or record.legal_name or ""
    city = record.signature_city or (record.address.city if record.address else None)
    raw = _read_logo(record) if with_logo else None
    return CompanyInfo(
        tenant_id=tenant_id, name=name, legal_name=record.legal_name or name, cnpj=record.cnpj,
        cnpj_display=mask_cnpj(record.cnpj) if record.cnpj else None,
        state_registration=record.state_registration, municipal_registration=record.municipal_registration,
        address=record.address, address_line=one_line_address(record.address), city=city, phone=record.phone,
        phone_display=format_phone(record.phone), email=record.email,
        website=record.website, logo=raw, logo_content_type=record.logo.content_type if raw and record.logo else None,
        configured=bool(record.legal_name))


# --- demo ----------------------------------------------------------------------------------------

DEMO_PROFILE = {
    "legal_name": "Impacte Demo Marketing Digital Ltda", "trade_name": "Impacte Demo", "cnpj": "11.222.333/0001-81",
    "state_registration": "Isento",
    "address": {"cep": "01310-100", "street": "Avenida Paulista", "number": "1000", "complement": "Conjunto 101",
                "district": "Bela Vista", "city": "São Paulo", "state": "SP"},
    "phone": "(11) 3456-7890", "email": "contato@impactedemo.com.br", "website": "www.impactedemo.com.br",
    "signature_city": "São Paulo",
}


def demo_logo_png(size: int = 96) -> bytes:
    """A small PNG (the demo company's logo): a teal square with a white band, built without Pillow."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    rows = []
    for y in range(size):
        band = size // 3 <= y < 2 * size // 3
        pixel = b"\xff\xff\xff" if band else b"\x0c\x8a\x7e"
        rows.append(b"\x00" + pixel * size)
    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"".join(rows)))
            + chunk(b"IEND", b""))


def seed_demo(tenant_id: str) -> None:
    """The demo company's profile and logo (local stack). Idempotent: a saved profile is left alone."""
    if Table().get(keys.company_profile(tenant_id)):
        return
    _set(tenant_id, CompanyProfileUpdate.model_validate(DEMO_PROFILE).model_dump(mode="json"), None)
    raw = demo_logo_png()
    object_key = keys.company_logo_object(tenant_id, "png")
    client("s3").put_object(Bucket=get_settings().documents_bucket, Key=object_key, Body=raw, ContentType="image/png")
    logo = Logo(object_key=object_key, content_type="image/png", size=len(raw), uploaded_at=clock.now_iso())
    _set(tenant_id, {"logo": logo.model_dump()}, None)
