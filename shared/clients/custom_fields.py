"""Extra client fields each company defines (text, number, date, single choice)."""

from __future__ import annotations

import re
from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, Field, field_validator, model_validator

from shared import clock, keys
from shared.db.table import Table
from shared.errors import ValidationFailed
from shared.text import fold

FieldType = Literal["text", "number", "date", "choice"]
SETTING = "CLIENT_FIELDS"
MAX_FIELDS = 30


class CustomField(BaseModel):
    key: str | None = Field(default=None, max_length=40)
    label: str = Field(min_length=1, max_length=60)
    type: FieldType = "text"
    options: list[str] = Field(default_factory=list)
    required: bool = False

    @field_validator("key")
    @classmethod
    def _key(cls, value: str | None) -> str | None:
        if value is not None and not re.fullmatch(r"[a-z][a-z0-9_]{0,39}", value):
            raise ValueError("chave inválida (use letras minúsculas, números e _)")
        return value

    @model_validator(mode="after")
    def _options(self) -> CustomField:
        self.options = [o.strip() for o in self.options if o.strip()]
        if self.type == "choice" and not self.options:
            raise ValueError("um campo de escolha precisa de opções")
        if self.type != "choice":
            self.options = []
        return self


class CustomFieldList(BaseModel):
    items: list[CustomField]


def slug(label: str) -> str:
    base = re.sub(r"[^a-z0-9]+", "_", fold(label)).strip("_") or "campo"
    return base[:40] if base[0].isalpha() else f"c_{base}"[:40]


def definitions(tenant_id: str) -> list[CustomField]:
    return definitions_from_item(Table().get(keys.tenant_setting(tenant_id, SETTING)))


def definitions_from_item(item: dict | None) -> list[CustomField]:
    return [CustomField.model_validate(f) for f in (item or {}).get("items", [])]


def save_definitions(tenant_id: str, fields: list[CustomField]) -> list[CustomField]:
    if len(fields) > MAX_FIELDS:
        raise ValidationFailed(f"No máximo {MAX_FIELDS} campos personalizados.", field="items")
    seen: set[str] = set()
    final = []
    for field in fields:
        key = field.key or slug(field.label)
        candidate, n = key, 2
        while candidate in seen:
            candidate, n = f"{key[:36]}_{n}", n + 1
        seen.add(candidate)
        final.append(field.model_copy(update={"key": candidate}))
    Table().put({**keys.tenant_setting(tenant_id, SETTING), "items": [f.model_dump() for f in final],
                 "updated_at": clock.now_iso()})
    return final


def validate_values(defs: list[CustomField], values: dict[str, Any]) -> dict[str, Any]:
    """Checks values against the company's definitions; returns them normalized (None drops a key)."""
    by_key = {d.key: d for d in defs}
    clean: dict[str, Any] = {}
    for key, value in values.items():
        field = by_key.get(key)
        if field is None:
            raise ValidationFailed(f"Campo personalizado desconhecido: {key}.", field=f"custom_fields.{key}")
        if value is None or value == "":
            continue
        clean[key] = _coerce(field, value)
    for field in defs:
        if field.required and clean.get(field.key or "") in (None, ""):
            raise ValidationFailed(f"{field.label}: campo obrigatório.", field=f"custom_fields.{field.key}")
    return clean


def _coerce(field: CustomField, value: Any) -> Any:
    where = f"custom_fields.{field.key}"
    if field.type == "number":
        try:
            number = float(str(value).replace(",", "."))
        except ValueError:
            raise ValidationFailed(f"{field.label}: informe um número.", field=where) from None
        return int(number) if number.is_integer() else number
    if field.type == "date":
        try:
            return date.fromisoformat(str(value)).isoformat()
        except ValueError:
            raise ValidationFailed(f"{field.label}: informe uma data (AAAA-MM-DD).", field=where) from None
    text = str(value).strip()
    if field.type == "choice" and text not in field.options:
        raise ValidationFailed(f"{field.label}: escolha uma das opções ({', '.join(field.options)}).", field=where)
    if len(text) > 500:
        raise ValidationFailed(f"{field.label}: no máximo 500 caracteres.", field=where)
    return text
