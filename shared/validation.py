"""Reusable field types whose errors read well in pt-BR."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, create_model

from shared.text import normalize_email


def _email(value: str) -> str:
    import email_validator
    from email_validator import EmailNotValidError, validate_email

    from shared.settings import get_settings

    if get_settings().is_local and "local" in email_validator.SPECIAL_USE_DOMAIN_NAMES:
        # The demo accounts use @demo.local; the library documents editing this list for that.
        email_validator.SPECIAL_USE_DOMAIN_NAMES.remove("local")
    try:
        result = validate_email(normalize_email(value), check_deliverability=False)
    except EmailNotValidError:
        raise ValueError("informe um e-mail válido") from None
    return result.normalized.lower()


def _strip(value: object) -> object:
    return value.strip() if isinstance(value, str) else value


def blank_to_none(value: object) -> object:
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


def optional_text(max_length: int, pattern: str | None = None):
    """Optional text: blank becomes None; length and pattern apply to the text itself, not to None."""
    return Annotated[Annotated[str, Field(max_length=max_length, pattern=pattern)] | None,
                     BeforeValidator(blank_to_none)]


Email = Annotated[str, BeforeValidator(_strip), AfterValidator(_email)]
Name = Annotated[str, BeforeValidator(_strip)]


def partial_model(model: type[BaseModel], name: str) -> type[BaseModel]:
    """The same fields as `model`, all optional and defaulting to None, for partial updates (PATCH).

    Field-level rules (types, lengths, normalizers declared on the field) still apply to what is sent;
    the caller validates the merged result with `model` itself for the cross-field rules.
    """
    fields = {}
    for field_name, info in model.model_fields.items():
        annotation = Annotated[(info.annotation | None, *info.metadata)] if info.metadata else info.annotation | None
        fields[field_name] = (annotation, None)
    return create_model(name, __config__=ConfigDict(extra="forbid"), **fields)
