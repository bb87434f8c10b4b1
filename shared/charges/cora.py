"""Cora "Integração Direta" client, one company at a time.

Each company's own credentials: its client id and certificate/private key (mTLS on every call, the
pair never leaves this process's memory except in a 0600 temporary file while ssl loads it) and an
OAuth client_credentials token cached per company (keyed by tenant, environment, client id and the
version of the stored secret) until shortly before it expires. A token is never looked up by anything
but the tenant it was issued for, so one company's token cannot act for another.

Errors: `CoraUnavailable` (5xx, timeouts, network: worth retrying; the series state machine retries
it by name) and `CoraRefused` (4xx: Cora's own message, shown to the person). Both are ProviderError.
"""

from __future__ import annotations

import os
import ssl
import tempfile
import threading
import time
import uuid
from contextlib import suppress
from dataclasses import dataclass
from typing import Any

import httpx

from shared.errors import ProviderError, ValidationFailed
from shared.settings import get_settings

TOKEN_MARGIN_SECONDS = 300  # renew 5 minutes before Cora's 24 h expiry
IDEMPOTENCY_NAMESPACE = uuid.UUID("6f1d7c1e-2f0b-4a55-9d0e-3c7b8a4e5f10")
_tokens: dict[tuple[str, str, str, str], tuple[str, float]] = {}
_lock = threading.Lock()


class CoraError(ProviderError):
    def __init__(self, detail: str, *, status: int | None = None, code: str | None = None):
        super().__init__(detail)
        self.status = status
        self.code = code


class CoraUnavailable(CoraError):
    """Cora did not answer properly (5xx, timeout, network): the same request may be retried."""


class CoraRefused(CoraError):
    """Cora refused the request (4xx) with a reason."""


class CoraNotConfigured(ValidationFailed):
    pass


@dataclass(frozen=True)
class Credentials:
    tenant_id: str
    client_id: str
    certificate: str
    private_key: str
    environment: str
    version: str

    @property
    def cache_key(self) -> tuple[str, str, str, str]:
        return (self.tenant_id, self.environment, self.client_id, self.version)


def base_url(environment: str) -> str:
    settings = get_settings()
    return (settings.cora_production_url if environment == "production" else settings.cora_stage_url).rstrip("/")


def is_stage(environment: str) -> bool:
    return environment != "production"


def credentials(tenant_id: str) -> Credentials:
    """The company's saved Cora set-up, or a 422 telling what to do."""
    from shared.integrations.service import get_config

    config = get_config(tenant_id, "cora")
    certificate, private_key = config.secret("certificate"), config.secret("private_key")
    if not config.enabled or not config.settings.client_id or not certificate or not private_key:
        raise CoraNotConfigured("Configure a Cora em Integrações (client id, certificado e chave privada) "
                                "para emitir boletos e PIX.", field="cora")
    return Credentials(tenant_id=tenant_id, client_id=config.settings.client_id, certificate=certificate,
                       private_key=private_key, environment=config.settings.environment,
                       version=config.secrets_version or "")


def idempotency_key(tenant_id: str, charge_id: str, generation: int = 1) -> str:
    """The same UUID for every retry of one issue of a charge (a re-issue after erro is a new one)."""
    return str(uuid.uuid5(IDEMPOTENCY_NAMESPACE, f"{tenant_id}:{charge_id}:{generation}"))


def mtls_context(certificate: str, private_key: str) -> ssl.SSLContext:
    """A TLS context carrying the company's client certificate.

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


def http_client(verify: ssl.SSLContext) -> httpx.Client:
    """The HTTP client of Cora calls (tests swap in one that reaches the sandbox fake)."""
    return httpx.Client(timeout=20, verify=verify)


def reason(resp: httpx.Response) -> tuple[str | None, str]:
    """(code, message) from any of Cora's error bodies."""
    try:
        body = resp.json()
    except ValueError:
        return None, (resp.text[:200] or f"HTTP {resp.status_code}")
    if isinstance(body, dict):
        errors = body.get("errors")
        if isinstance(errors, list) and errors and isinstance(errors[0], dict):
            first = errors[0]
            return first.get("code"), str(first.get("message") or first.get("code") or body)[:300]
        message = body.get("message") or body.get("error_description") or body.get("error")
        if message:
            return body.get("code") or body.get("error"), str(message)[:300]
    return None, str(body)[:300]


def forget_token(creds: Credentials) -> None:
    with _lock:
        _tokens.pop(creds.cache_key, None)


class CoraClient:
    """One company's session with Cora. Use as a context manager."""

    def __init__(self, creds: Credentials):
        self.creds = creds
        self.base = base_url(creds.environment)
        try:
            context = mtls_context(creds.certificate, creds.private_key)
        except (ssl.SSLError, OSError, ValueError):
            raise CoraRefused("O certificado ou a chave privada da Cora não são um par PEM válido. "
                              "Confira em Integrações.") from None
        self.http = http_client(context)

    def __enter__(self) -> CoraClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.http.close()

    # --- token -----------------------------------------------------------------------------------------

    def token(self) -> str:
        now = time.time()
        with _lock:
            cached = _tokens.get(self.creds.cache_key)
        if cached and cached[1] - TOKEN_MARGIN_SECONDS > now:
            return cached[0]
        resp = self._send("POST", "/token", data={"grant_type": "client_credentials",
                                                  "client_id": self.creds.client_id})
        if resp.status_code != 200:
            code, message = reason(resp)
            raise CoraRefused(f"A Cora recusou a autenticação ({resp.status_code}): {message}.",
                              status=resp.status_code, code=code)
        body = resp.json()
        token = str(body.get("access_token") or "")
        if not token:
            raise CoraUnavailable("A Cora não devolveu um token de acesso.")
        lifetime = float(body.get("expires_in") or 3600)
        with _lock:
            _tokens[self.creds.cache_key] = (token, now + lifetime)
        return token

    # --- calls -----------------------------------------------------------------------------------------

    def _send(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        try:
            resp = self.http.request(method, self.base + path, **kwargs)
        except httpx.TimeoutException:
            raise CoraUnavailable("A Cora não respondeu a tempo. Tente de novo em instantes.") from None
        except (httpx.HTTPError, OSError) as exc:
            raise CoraUnavailable(f"Não foi possível conectar à Cora ({type(exc).__name__}).") from None
        if resp.status_code >= 500:
            code, message = reason(resp)
            raise CoraUnavailable(f"A Cora está indisponível ({resp.status_code}): {message}",
                                  status=resp.status_code, code=code)
        return resp

    def call(self, method: str, path: str, *, json: Any = None, headers: dict[str, str] | None = None,
             params: dict[str, Any] | None = None) -> httpx.Response:
        """An authenticated call; a 401 (token revoked or expired early) renews the token once."""
        for attempt in (1, 2):
            auth = {"Authorization": f"Bearer {self.token()}", **(headers or {})}
            resp = self._send(method, path, json=json, headers=auth, params=params)
            if resp.status_code == 401 and attempt == 1:
                forget_token(self.creds)
                continue
            if resp.status_code >= 400:
                code, message = reason(resp)
                raise CoraRefused(f"A Cora recusou ({resp.status_code}): {message}", status=resp.status_code,
                                  code=code)
            return resp
        raise AssertionError("unreachable")  # pragma: no cover

    def create_invoice(self, body: dict[str, Any], idempotency_key: str) -> dict[str, Any]:
        return self.call("POST", "/v2/invoices", json=body, headers={"Idempotency-Key": idempotency_key}).json()

    def get_invoice(self, invoice_id: str) -> dict[str, Any]:
        return self.call("GET", f"/v2/invoices/{invoice_id}").json()

    def cancel_invoice(self, invoice_id: str) -> None:
        self.call("DELETE", f"/v2/invoices/{invoice_id}")

    def pay_invoice(self, invoice_id: str) -> dict[str, Any]:
        """Cora's stage-only endpoint that simulates the payer paying."""
        return self.call("POST", "/v2/invoices/pay", json={"id": invoice_id}).json()

    def endpoints(self) -> list[dict[str, Any]]:
        body = self.call("GET", "/endpoints/").json()
        items = body.get("items", body) if isinstance(body, dict) else body
        return [e for e in items if isinstance(e, dict)] if isinstance(items, list) else []

    def register_endpoint(self, url: str, *, resource: str = "invoice", trigger: str = "paid") -> dict[str, Any]:
        """Registers the company's webhook route once (an equal registration is reused)."""
        for existing in self.endpoints():
            if (existing.get("url"), existing.get("resource"), existing.get("trigger")) == (url, resource, trigger):
                return existing
        key = str(uuid.uuid5(IDEMPOTENCY_NAMESPACE, f"{self.creds.tenant_id}:endpoint:{url}:{resource}:{trigger}"))
        return self.call("POST", "/endpoints/", json={"url": url, "resource": resource, "trigger": trigger},
                         headers={"Idempotency-Key": key}).json()


def client_for(tenant_id: str) -> CoraClient:
    return CoraClient(credentials(tenant_id))
