"""Integrations function: the company's providers (Integrações page): settings, write-only secrets,
Testar, webhook routes, test e-mail and WhatsApp template sync."""

from __future__ import annotations

from typing import Annotated

from fastapi import Request

from shared import email
from shared.auth.principal import Principal
from shared.errors import ProviderError
from shared.http.app import create_app, lambda_handler, new_router
from shared.http.security import requires
from shared.integrations import service, testers
from shared.integrations.models import IntegrationList, IntegrationPublic, IntegrationUpdate, TestEmail, TestResult

router = new_router(prefix="/api/integrations", tags=["integrations"])
Reader = Annotated[Principal, requires("integracoes:read")]
Writer = Annotated[Principal, requires("integracoes:write")]


@router.get("")
def list_integrations(caller: Reader, request: Request) -> IntegrationList:
    return service.list_integrations(caller, str(request.base_url))


@router.post("/smtp/test-email")
def send_test_email(caller: Writer, body: TestEmail) -> TestResult:
    message = email.Email(to=[body.to], subject="Teste de e-mail do Impacte+",
                          text="Este é um e-mail de teste enviado pelo Impacte+ Marketing.\n"
                               "Se você o recebeu, o envio de e-mails da sua empresa está funcionando.")
    try:
        email.send(caller.tenant_id or "", message)
    except ProviderError as exc:
        return TestResult(ok=False, message=exc.detail)
    return TestResult(ok=True, message=f"E-mail de teste enviado para {body.to}.")


@router.post("/whatsapp/templates/sync")
def sync_templates(caller: Writer, request: Request) -> IntegrationPublic:
    testers.run(caller, "whatsapp")  # the test also refreshes the approved templates
    return service.get(caller, "whatsapp", str(request.base_url))


@router.get("/{kind}")
def get_integration(caller: Reader, kind: str, request: Request) -> IntegrationPublic:
    return service.get(caller, kind, str(request.base_url))


@router.put("/{kind}")
def save_integration(caller: Writer, kind: str, body: IntegrationUpdate, request: Request) -> IntegrationPublic:
    return service.save(caller, kind, body, str(request.base_url))


@router.post("/{kind}/test")
def test_integration(caller: Writer, kind: str) -> TestResult:
    return testers.run(caller, kind)


@router.post("/{kind}/rotate-webhook")
def rotate_webhook(caller: Writer, kind: str, request: Request) -> IntegrationPublic:
    return service.rotate_hook(caller, kind, str(request.base_url))


app = create_app(router)
handler = lambda_handler(app)
