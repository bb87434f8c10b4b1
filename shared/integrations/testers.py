"""Testar: one real call per provider, answered in pt-BR with the provider's own reason on failure."""

from __future__ import annotations

import os
import ssl
import tempfile
from contextlib import suppress

import httpx

from shared.auth.principal import Principal
from shared.errors import NotFound, ProviderError
from shared.integrations.models import KINDS, TestResult, WhatsAppTemplate
from shared.integrations.service import IntegrationConfig, get_config, record_test
from shared.settings import get_settings


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


def mtls_context(certificate: str, private_key: str) -> ssl.SSLContext:
    """A TLS context carrying the company's client certificate (Cora's mTLS).

    The ssl module loads the pair only from files: they are written 0600 to a private temporary folder
    and removed as soon as they are loaded.
    """
    context = ssl.create_default_context()
    folder = tempfile.mkdtemp(prefix="mtls-")
    cert, key = os.path.join(folder, "cert.pem"), os.path.join(folder, "key.pem")
    try:
        for path, content in ((cert, certificate), (key, private_key)):
            fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o600)
            with os.fdopen(fd, "w") as handle:
                handle.write(content)
        context.load_cert_chain(cert, key)
    finally:
        for path in (cert, key):
            with suppress(FileNotFoundError):
                os.remove(path)
        os.rmdir(folder)
    return context


def cora_base_url(environment: str) -> str:
    settings = get_settings()
    return settings.cora_production_url if environment == "production" else settings.cora_stage_url


def _cora(config: IntegrationConfig, learned: dict) -> TestResult:
    if missing := _missing(config, "client_id", "certificate", "private_key"):
        return TestResult(ok=False, message=missing)
    url = cora_base_url(config.settings.environment).rstrip("/") + "/token"
    try:
        context = mtls_context(config.secret("certificate") or "", config.secret("private_key") or "")
    except (ssl.SSLError, OSError, ValueError):
        return TestResult(ok=False, message="O certificado ou a chave privada não são um par PEM válido.")
    try:
        with http_client(verify=context) as client:
            resp = client.post(url, data={"grant_type": "client_credentials", "client_id": config.settings.client_id})
    except (httpx.HTTPError, OSError, ValueError) as exc:
        return TestResult(ok=False, message=f"Não foi possível conectar à Cora: {type(exc).__name__} — confira o "
                          "certificado e a chave privada.")
    if resp.status_code != 200:
        reason = _reason(resp)
        return TestResult(ok=False, message=f"A Cora recusou a autenticação ({resp.status_code}): {reason}.")
    return TestResult(ok=True, message="Token obtido na Cora com sucesso.",
                      details={"expires_in": resp.json().get("expires_in")})


def _reason(resp: httpx.Response) -> str:
    try:
        body = resp.json()
    except ValueError:
        return resp.text[:200] or "sem detalhes"
    return str(body.get("error_description") or body.get("error") or body.get("message") or body)[:200]


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
