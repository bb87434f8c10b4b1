"""Testar: one real call per provider, answered in pt-BR with the provider's own reason on failure."""

from __future__ import annotations

from contextlib import suppress

import httpx

from shared.auth.principal import Principal
from shared.errors import NotFound, ProviderError
from shared.integrations.models import KINDS, TestResult, WhatsAppTemplate
from shared.integrations.service import IntegrationConfig, ensure_hook, get_config, record_test


def http_client(**kwargs) -> httpx.Client:
    """HTTP client for Cora and AI calls (tests swap in a transport)."""
    return httpx.Client(timeout=15, **kwargs)


def run(principal: Principal, kind: str) -> TestResult:
    if kind not in KINDS or not KINDS[kind].testable:
        raise NotFound("Esta integração não tem teste.")
    config = get_config(principal.tenant_id or "", kind)
    tester = {"whatsapp": _whatsapp, "smtp": _smtp, "cora": _cora, "ai": _ai}[kind]
    learned: dict = {}
    try:
        result = tester(config, learned)
    except ProviderError as exc:
        result = TestResult(ok=False, message=exc.detail)
    return record_test(config, result, learned if result.ok else None)


def _missing(config: IntegrationConfig, *names: str) -> str | None:
    absent = [n for n in names if not getattr(config.settings, n, None) and not config.secret(n)]
    if absent:
        labels = {**KINDS[config.kind].secrets}
        return "Preencha antes de testar: " + ", ".join(labels.get(n, n) for n in absent) + "."
    return None


def _whatsapp(config: IntegrationConfig, learned: dict) -> TestResult:
    from shared.whatsapp import graph

    if missing := _missing(config, "phone_number_id", "access_token"):
        return TestResult(ok=False, message=missing)
    try:
        phone = graph.lookup_phone(config.settings.phone_number_id, config.secret("access_token") or "")
    except graph.GraphError as exc:
        code = f" (código {exc.code})" if exc.code else ""
        return TestResult(ok=False, message=f"A Meta recusou: {exc.message}{code}", details=exc.as_dict())
    learned["display_phone_number"] = phone.get("display_phone_number")
    if config.settings.waba_id:
        with suppress(graph.GraphError):
            templates = graph.approved_templates(config.settings.waba_id, config.secret("access_token") or "")
            learned["templates"] = [_template(t).model_dump() for t in templates]
    name = phone.get("verified_name") or "número"
    return TestResult(ok=True, message=f"Conectado: {name} {phone.get('display_phone_number', '')}".strip(),
                      details={k: phone.get(k) for k in ("display_phone_number", "verified_name", "quality_rating")})


def _template(raw: dict) -> WhatsAppTemplate:
    body = next((c.get("text") for c in raw.get("components", []) if c.get("type") == "BODY"), None)
    header = next((c.get("format") for c in raw.get("components", []) if c.get("type") == "HEADER"), None)
    return WhatsAppTemplate(name=raw["name"], language=raw.get("language", "pt_BR"), category=raw.get("category"),
                            body=body, parameters=(body or "").count("{{"), header=header)


def _smtp(config: IntegrationConfig, learned: dict) -> TestResult:
    from shared.email import smtp_session

    s = config.settings
    if s.provider == "ses":
        return TestResult(ok=bool(s.from_email), message="Amazon SES: envie um e-mail de teste para confirmar."
                          if s.from_email else "Informe o remetente.")
    if not s.host:
        return TestResult(ok=False, message="Informe o servidor SMTP.")
    session = smtp_session(config)  # raises ProviderError with the server's reason
    with suppress(Exception):
        session.quit()
    return TestResult(ok=True, message=f"Login no servidor {s.host} realizado com sucesso.")


def _cora(config: IntegrationConfig, learned: dict) -> TestResult:
    """A fresh token with the company's own credentials, then its payment webhook registered at Cora."""
    from shared.charges import cora

    if missing := _missing(config, "client_id", "certificate", "private_key"):
        return TestResult(ok=False, message=missing)
    try:
        creds = cora.credentials(config.tenant_id)
        cora.forget_token(creds)  # Testar proves the credentials work now, not a cached token
        with cora.CoraClient(creds) as client:
            client.token()
            hook = ensure_hook(config).webhook_url
            if not hook:
                return TestResult(ok=True, message="Token obtido na Cora com sucesso. Defina PUBLIC_API_URL para "
                                  "registrar o webhook de pagamentos.")
            endpoint = client.register_endpoint(hook)
    except cora.CoraError as exc:
        return TestResult(ok=False, message=exc.detail)
    learned["endpoint_id"] = endpoint.get("id")
    return TestResult(ok=True, message="Token obtido na Cora com sucesso e webhook de pagamentos registrado.",
                      details={"endpoint_id": endpoint.get("id")})


def _reason(resp: httpx.Response) -> str:
    from shared.charges.cora import reason

    return reason(resp)[1]


def _ai(config: IntegrationConfig, learned: dict) -> TestResult:
    if missing := _missing(config, "base_url", "api_key"):
        return TestResult(ok=False, message=missing)
    try:
        with http_client() as client:
            resp = client.get(config.settings.base_url.rstrip("/") + "/models",
                              headers={"Authorization": f"Bearer {config.secret('api_key')}"})
    except httpx.HTTPError as exc:
        return TestResult(ok=False, message=f"Não foi possível conectar ao provedor de IA ({type(exc).__name__}).")
    if resp.status_code != 200:
        return TestResult(ok=False, message=f"O provedor de IA recusou ({resp.status_code}): {_reason(resp)}.")
    return TestResult(ok=True, message="Provedor de IA respondeu com sucesso.")
