"""Sandbox fakes of the providers for the local stack (`make dev`), over real HTTP and SMTP.

Mounted in the local stack's own app under /sandbox (same process and port as the API), so the
product's real client code runs against them:

- /sandbox/meta   fake Meta Graph API (WhatsApp Cloud API): lookups, sends, templates, signed webhooks
- /sandbox/cora   fake Cora token endpoint
- SMTP sink on 127.0.0.1:`SMTP_SINK_PORT` (default 2525), listed at /sandbox/emails

`configure_environment` points the product's settings at them (before the settings are read);
`start` starts the SMTP sink and hooks the WhatsApp registration to `service.on_saved`;
`when_ready` waits for the server to listen and then registers the pending webhooks.
Never part of an AWS deploy: only devstack imports this package.
"""

from __future__ import annotations

import html
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import httpx
from fastapi import APIRouter, FastAPI
from fastapi.responses import HTMLResponse, JSONResponse

from devstack.sandbox import cora, meta, smtp


def enabled() -> bool:
    return os.environ.get("SANDBOX", "1").strip().lower() not in ("0", "false", "no")


def configure_environment(host: str, port: int) -> None:
    """Points the product at the fakes. Call before the settings are first read (clears their cache)."""
    from shared.settings import get_settings

    local = f"http://127.0.0.1:{port}"
    public_host = "127.0.0.1" if host in ("0.0.0.0", "::", "") else host  # a wildcard is no address to call
    os.environ.update({
        "SANDBOX": "1",
        "PUBLIC_API_URL": f"http://{public_host}:{port}",
        "WHATSAPP_GRAPH_URL": f"{local}/sandbox/meta",
        "CORA_STAGE_URL": f"{local}/sandbox/cora",
    })
    get_settings.cache_clear()


@dataclass
class Sandbox:
    port: int  # the API's port (the fakes live on it)
    smtp_port: int = 0
    sink: smtp.SmtpSink | None = None
    listening: threading.Event = field(default_factory=threading.Event)  # the API answers: register at once
    ready: threading.Event = field(default_factory=threading.Event)  # and the demo set-up has run
    pending: dict[tuple[str, str], dict] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)
    after_ready: list[Callable[[], None]] = field(default_factory=list)
    log: list[str] = field(default_factory=list)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def note(self, line: str) -> None:
        with self.lock:
            self.log.append(time.strftime("%H:%M:%S ") + line)
            del self.log[:-100]
        print(f"[sandbox] {line}", flush=True)

    # --- WhatsApp registration (what configuring the webhook in Meta's console does) ----------------

    def on_saved(self, config) -> None:
        if config.kind != "whatsapp":
            return
        payload = registration(config)
        if payload is None:
            return
        with self.lock:
            if not self.listening.is_set():
                self.pending[(config.tenant_id, payload["phone_number_id"])] = payload
                return
        self.register(payload)

    def register(self, payload: dict) -> bool:
        try:
            resp = httpx.post(f"{self.base_url}/sandbox/meta/sandbox/register", json=payload, timeout=30)
            body = resp.json()
        except (httpx.HTTPError, ValueError) as exc:
            self.note(f"WhatsApp {payload['phone_number_id']}: registro falhou ({type(exc).__name__})")
            return False
        ok = resp.status_code == 200 and body.get("registered") is True
        self.note(f"WhatsApp {payload['phone_number_id']}: " + ("webhook verificado" if ok else
                                                                 f"webhook NÃO verificado: {body.get('detail')}"))
        return ok

    def when_ready(self, timeout: float = 120) -> None:
        """Waits (on its own thread) until the API answers, then registers what was saved meanwhile."""
        threading.Thread(target=self._wait_and_flush, args=(timeout,), daemon=True, name="sandbox-ready").start()

    def _wait_and_flush(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{self.base_url}/api/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        else:
            self.note("a API não respondeu: webhooks não registrados")
            return
        with self.lock:
            self.listening.set()
            pending = list(self.pending.values())
            self.pending.clear()
        for payload in pending:
            self.register(payload)
        for hook in self.after_ready:
            try:
                hook()
            except Exception as exc:  # a demo step failing must not stop the stack
                self.note(f"passo de preparação falhou: {type(exc).__name__}: {exc}")
        self.ready.set()
        self.note("pronto")

    def start_smtp(self) -> int:
        requested = os.environ.get("SMTP_SINK_PORT")
        port = int(requested or smtp.DEFAULT_PORT)
        if not requested and not smtp.port_is_free(port):
            from devstack.emulator import free_port

            port = free_port()  # 2525 taken (another stack running): any free port, shown in the banner
        self.sink = smtp.SmtpSink(port=port).start()
        self.smtp_port = port
        return port

    def banner_lines(self) -> list[str]:
        return ["  Sandbox (provedores falsos, nada sai para a internet):",
                f"    WhatsApp (Meta Graph API)  {self.base_url}/sandbox/meta",
                f"    Cora                       {self.base_url}/sandbox/cora",
                f"    SMTP                       127.0.0.1:{self.smtp_port}  (usuário demo, senha demo)",
                f"    E-mails recebidos          {self.base_url}/sandbox/emails",
                f"    Painel do sandbox          {self.base_url}/sandbox"]


def registration(config) -> dict | None:
    """The body of /sandbox/register for a company's saved WhatsApp integration (None: incomplete)."""
    from shared import keys
    from shared.db.table import Table
    from shared.integrations import service

    s = config.settings
    secrets = {name: config.secret(name) for name in ("access_token", "app_secret", "verify_token")}
    if not config.enabled or not s.phone_number_id or not all(secrets.values()):
        return None
    config = service.ensure_hook(config)
    tenant = Table().get(keys.tenant(config.tenant_id)) or {}
    return {"phone_number_id": s.phone_number_id, "waba_id": s.waba_id or "", **secrets,
            "webhook_url": config.webhook_url, "verified_name": tenant.get("name") or "Empresa Sandbox"}


def router(box: Sandbox) -> APIRouter:
    r = APIRouter(prefix="/sandbox", include_in_schema=False)

    @r.get("/status.json")
    def status() -> JSONResponse:
        with meta.META.lock:
            numbers = [{"phone_number_id": n.phone_number_id, "waba_id": n.waba_id,
                        "display_phone_number": n.display_phone_number, "verified_name": n.verified_name,
                        "webhook_verified": n.webhook_url is not None} for n in meta.META.numbers.values()]
        return JSONResponse({"ready": box.ready.is_set(), "smtp_port": box.smtp_port, "numbers": numbers,
                             "cora_invoices": cora.CORA.invoice_counts(), "log": list(box.log)})

    @r.get("")
    def index() -> HTMLResponse:
        with meta.META.lock:
            numbers = "".join(f"<li>{html.escape(n.display_phone_number)} — {html.escape(n.verified_name)} "
                              f"(phone_number_id {n.phone_number_id}; webhook "
                              f"{'verificado' if n.webhook_url else 'não verificado'})</li>"
                              for n in meta.META.numbers.values()) or "<li>nenhum</li>"
        cora_accounts = "".join(f"<li>{html.escape(client_id)}: {count} fatura(s)</li>"
                                for client_id, count in cora.CORA.invoice_counts().items()) or "<li>nenhuma</li>"
        log = html.escape("\n".join(box.log)) or "—"
        return HTMLResponse(
            "<!doctype html><html lang='pt-BR'><head><meta charset='utf-8'><meta name='viewport' "
            "content='width=device-width,initial-scale=1'><title>Sandbox</title></head>"
            "<body style='font-family:system-ui,sans-serif;max-width:900px;padding:16px'>"
            "<h1>Sandbox do ambiente local</h1><p>Provedores falsos usados pelo <code>make dev</code>.</p>"
            "<ul><li><a href='/sandbox/emails'>E-mails recebidos</a> (SMTP 127.0.0.1:" f"{box.smtp_port})</li>"
            "<li><a href='/sandbox/meta/sandbox/messages'>Mensagens enviadas ao WhatsApp</a></li>"
            "<li><a href='/sandbox/meta/sandbox/deliveries'>Webhooks entregues</a></li>"
            "<li><a href='/sandbox/cora/sandbox/deliveries'>Webhooks da Cora entregues</a></li>"
            "<li><a href='/sandbox/status.json'>Estado (JSON)</a></li></ul>"
            f"<h2>Números WhatsApp</h2><ul>{numbers}</ul><h2>Contas Cora</h2><ul>{cora_accounts}</ul>"
            f"<h2>Registro</h2><pre>{log}</pre></body></html>")

    return r


def mount(app: FastAPI, box: Sandbox) -> None:
    """Adds the fakes' routes (before the web app's catch-all)."""
    app.include_router(meta.router(meta.META))
    app.include_router(cora.router())
    app.include_router(smtp.router(smtp.MAILBOX))
    app.include_router(router(box))


def start(port: int) -> Sandbox:
    """Starts the SMTP sink and hooks WhatsApp registrations to the integrations service."""
    from shared.integrations import service

    box = Sandbox(port=port)
    box.start_smtp()
    service.on_saved(box.on_saved)
    return box


__all__ = ["Sandbox", "configure_environment", "enabled", "mount", "registration", "start"]
