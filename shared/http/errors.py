"""Every error leaves as `{"detail": "<pt-BR>", "errors": [{"field", "message"}]}` with a 4xx status.

Validation errors name the field; unexpected failures become a generic pt-BR 500 (and are logged),
never a stack trace.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import ValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException

from shared.clients.vocab import FIELD_LABELS as CLIENT_FIELD_LABELS
from shared.errors import AppError
from shared.observability import logger

FIELD_LABELS = {
    **CLIENT_FIELD_LABELS,
    "email": "E-mail",
    "password": "Senha",
    "current_password": "Senha atual",
    "new_password": "Nova senha",
    "name": "Nome",
    "role": "Papel",
    "refresh_token": "Token de renovação",
    "plan_id": "Plano",
    "admin_name": "Nome do administrador",
    "admin_email": "E-mail do administrador",
    "admin_password": "Senha do administrador",
    "monthly_price_cents": "Preço mensal",
    "user_limit": "Limite de usuários",
    "modules": "Módulos",
    "module_overrides": "Módulos",
    "permissions": "Permissões",
    "data_scope": "Escopo de dados",
    "limit": "Limite",
    "cursor": "Cursor",
    # tasks and scheduled messages
    "title": "Título",
    "notes": "Observações",
    "due_at": "Prazo",
    "priority": "Prioridade",
    "status": "Situação",
    "channel": "Canal",
    "to_phone": "Telefone",
    "to_email": "E-mail",
    "subject": "Assunto",
    "body": "Mensagem",
    "send_at": "Data e hora do envio",
    "purpose": "Finalidade",
    "repeat": "Repetição",
    "template_id": "Modelo",
    "whatsapp_template": "Modelo do WhatsApp",
    # catalog, company profile and documents
    "description": "Descrição",
    "kind": "Tipo",
    "price_cents": "Preço",
    "recurrence": "Recorrência",
    "active": "Ativo",
    "sku": "SKU",
    "cnpj": "CNPJ",
    "state_registration": "Inscrição estadual",
    "municipal_registration": "Inscrição municipal",
    "website": "Site",
    "signature_city": "Cidade de assinatura",
    "file": "Arquivo",
    "items": "Itens",
    "quantity": "Quantidade",
    "unit_price_cents": "Preço unitário",
    "discount_cents": "Desconto",
    "catalog_id": "Item do catálogo",
    "valid_until": "Validade",
    "installments": "Parcelas",
    "due_date": "Vencimento",
    "amount_cents": "Valor",
    "to": "Destino",
    "message": "Mensagem",
}

_HTTP_MESSAGES = {
    404: "Recurso não encontrado.",
    405: "Método não permitido para este endereço.",
    401: "Faça login para continuar.",
    403: "Acesso não permitido.",
}


def _message(error: dict[str, Any]) -> str:
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return "campo obrigatório"
    if kind == "string_too_short":
        return f"deve ter pelo menos {ctx.get('min_length')} caractere(s)"
    if kind == "string_too_long":
        return f"deve ter no máximo {ctx.get('max_length')} caracteres"
    if kind in ("greater_than_equal", "greater_than"):
        return f"deve ser maior ou igual a {ctx.get('ge', ctx.get('gt'))}"
    if kind in ("less_than_equal", "less_than"):
        return f"deve ser menor ou igual a {ctx.get('le', ctx.get('lt'))}"
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return "deve ser um número inteiro"
    if kind in ("float_parsing", "float_type"):
        return "deve ser um número"
    if kind in ("string_type",):
        return "deve ser um texto"
    if kind in ("bool_type", "bool_parsing"):
        return "deve ser verdadeiro ou falso"
    if kind in ("list_type",):
        return "deve ser uma lista"
    if kind in ("dict_type", "model_attributes_type", "model_type"):
        return "formato inválido"
    if kind == "literal_error":
        return f"valor inválido (use {ctx.get('expected', '')})".replace(" or ", " ou ")
    if kind == "json_invalid":
        return "JSON inválido"
    if kind == "value_error":
        return str(error.get("msg", "")).removeprefix("Value error, ")
    if kind == "extra_forbidden":
        return "campo não permitido"
    return "valor inválido"


def _field(loc: tuple | list) -> str:
    """`("body", "items", 0, "quantity")` -> `items.0.quantity`: only the leading request part goes (a
    field may itself be called `body`, as a message's text is)."""
    parts = [str(p) for p in loc]
    if parts and parts[0] in ("body", "query", "path", "header"):
        parts = parts[1:]
    return ".".join(parts)


def validation_payload(errors: list[dict[str, Any]]) -> dict[str, Any]:
    items = []
    for error in errors:
        field = _field(error.get("loc", ()))
        cause = (error.get("ctx") or {}).get("error")
        if getattr(cause, "field", None):  # a cross-field rule that belongs to one field
            field = ".".join(p for p in (field, cause.field) if p)
        items.append({"field": field, "message": _message(error)})
    first = items[0] if items else {"field": "", "message": "dados inválidos"}
    top = first["field"].split(".")[0]
    if first["field"]:
        label = FIELD_LABELS.get(first["field"]) or FIELD_LABELS.get(top, first["field"])
        detail = f"{label}: {first['message']}."
    else:
        detail = "Corpo da requisição inválido: envie um JSON válido." if any(
            e.get("type") in ("json_invalid", "model_attributes_type", "dict_type") for e in errors
        ) else f"Dados inválidos: {first['message']}."
    return {"detail": detail, "errors": items}


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(AppError)
    async def _app_error(_: Request, exc: AppError) -> JSONResponse:
        body: dict[str, Any] = {"detail": exc.detail, **exc.extra}
        if exc.field:
            body["errors"] = [{"field": exc.field, "message": exc.detail}]
        return JSONResponse(body, status_code=exc.status_code, headers=exc.headers or None)

    @app.exception_handler(RequestValidationError)
    async def _validation(_: Request, exc: RequestValidationError) -> JSONResponse:
        return JSONResponse(validation_payload(list(exc.errors())), status_code=422)

    @app.exception_handler(ValidationError)
    async def _domain_validation(_: Request, exc: ValidationError) -> JSONResponse:
        """Services validate merged records (partial updates) with the same models: same answer."""
        return JSONResponse(validation_payload(list(exc.errors())), status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        detail = exc.detail if isinstance(exc.detail, str) and exc.status_code not in _HTTP_MESSAGES \
            else _HTTP_MESSAGES.get(exc.status_code, "Não foi possível atender a requisição.")
        return JSONResponse({"detail": detail}, status_code=exc.status_code, headers=exc.headers)

    @app.exception_handler(Exception)
    async def _unexpected(_: Request, exc: Exception) -> JSONResponse:
        logger.exception("unhandled error")
        return JSONResponse({"detail": "Ocorreu um erro inesperado. Tente novamente em instantes."},
                            status_code=500)
