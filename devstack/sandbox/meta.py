"""A fake Meta Graph API (WhatsApp Cloud API) for the local stack, under /sandbox/meta.

It answers the calls `shared.whatsapp.graph` makes (phone lookup, send, templates) the way Meta
does, including its error envelope, and talks back to the product like Meta: the GET verification
handshake when a webhook is registered, then signed webhooks (`X-Hub-Signature-256`) for inbound
messages and for the sent -> delivered -> read statuses of every message sent.

Rules mirrored from Meta (see ../shared/reference/providers.md):
- the Bearer token must be the one registered for the number (else 401, code 190);
- text bodies up to 4096 characters, templates need name + language (else 400, code 100); an
  unknown template answers 404 code 132001, a wrong parameter count 400 code 132000;
- a free-form message to someone who has not written in the last 24 hours is accepted, then
  reported `failed` with code 131047 (Meta's re-engagement rule);
- recipients whose number ends in 999 are "unreachable": `failed` with code 131026.

The fake posts back into the same uvicorn process, so every outgoing call happens on a worker
thread (sync routes run in the thread pool; statuses in a background thread), never on the loop.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from shared.whatsapp.graph import signature

MAX_TEXT = 4096
WINDOW_SECONDS = 24 * 3600
UNREACHABLE_SUFFIX = "999"
MEDIA_TYPES = ("image", "document", "audio", "video", "sticker")
SUPPORTED_TYPES = ("text", "template", "interactive", "location", "contacts", "reaction", *MEDIA_TYPES)

# (name, category, body): what every sandbox WhatsApp Business account has approved.
TEMPLATES: list[dict[str, Any]] = [
    {"name": "retorno_proposta", "category": "MARKETING",
     "body": "Olá {{1}}, tudo bem? Podemos conversar sobre a proposta que enviamos?"},
    {"name": "lembrete_reuniao", "category": "UTILITY",
     "body": "Olá {{1}}, lembrando da nossa reunião em {{2}}. Até lá!"},
    {"name": "boas_vindas", "category": "MARKETING",
     "body": "Seja bem-vindo(a)! Obrigado pelo contato. Em que podemos ajudar?"},
    # a document header: how a PDF reaches someone who has not written in the last 24 hours
    {"name": "envio_documento", "category": "UTILITY", "header": "DOCUMENT",
     "body": "Olá {{1}}, segue o documento que preparamos para você."},
]
# Submitted but not approved yet: the client must leave it out.
PENDING_TEMPLATE = {"name": "promocao_sazonal", "category": "MARKETING",
                    "body": "Oferta especial para você, {{1}}!", "status": "PENDING"}

Poster = Callable[[str, bytes, dict[str, str]], int]


def digits(value: Any) -> str:
    return re.sub(r"\D", "", str(value or ""))


def new_wamid() -> str:
    return "wamid." + secrets.token_urlsafe(24).replace("-", "A").replace("_", "B")


def fbtrace() -> str:
    return "A" + secrets.token_urlsafe(15)


def display_number(phone_number_id: str) -> tuple[str, str]:
    """A stable Brazilian business number per phone number id: ("+55 11 4000-0500", "551140000500")."""
    tail = (digits(phone_number_id) or "0")[-4:].rjust(4, "0")
    return f"+55 11 4000-{tail}", f"55114000{tail}"


def template_params(body: str) -> int:
    return len(set(re.findall(r"\{\{\s*(\d+)\s*\}\}", body)))


def template_list() -> list[dict[str, Any]]:
    """Message templates as the Graph API lists them."""
    out = []
    for i, t in enumerate([*TEMPLATES, PENDING_TEMPLATE]):
        out.append({
            "name": t["name"], "language": "pt_BR", "status": t.get("status", "APPROVED"),
            "category": t["category"], "id": str(900000000000001 + i),
            "components": ([{"type": "HEADER", "format": t["header"]}] if t.get("header") else [])
            + [{"type": "BODY", "text": t["body"]}],
        })
    return out


class GraphFailure(Exception):
    """Answered with Meta's error envelope."""

    def __init__(self, status: int, code: int, message: str, *, type_: str = "OAuthException",
                 subcode: int | None = None, details: str | None = None, title: str | None = None):
        super().__init__(message)
        self.status, self.code, self.message = status, code, message
        self.type, self.subcode, self.details, self.title = type_, subcode, details, title

    def body(self) -> dict[str, Any]:
        error: dict[str, Any] = {"message": self.message, "type": self.type, "code": self.code,
                                 "fbtrace_id": fbtrace()}
        if self.subcode is not None:
            error["error_subcode"] = self.subcode
        if self.title:
            error["error_user_title"] = self.title
        if self.details:
            error["error_data"] = {"messaging_product": "whatsapp", "details": self.details}
        return {"error": error}


def invalid_token() -> GraphFailure:
    return GraphFailure(401, 190, "Invalid OAuth access token - Cannot parse access token")


def unknown_object(object_id: str, method: str = "get") -> GraphFailure:
    return GraphFailure(400, 100, f"Unsupported {method} request. Object with ID '{object_id}' does not exist, "
                        "cannot be loaded due to missing permissions, or does not support this operation.",
                        type_="GraphMethodException", subcode=33)


def param_error(message: str) -> GraphFailure:
    return GraphFailure(400, 100, f"(#100) {message}", details=message)


@dataclass
class Number:
    phone_number_id: str
    waba_id: str
    access_token: str
    app_secret: str
    verify_token: str
    display_phone_number: str
    display_digits: str
    verified_name: str
    webhook_url: str | None = None  # only once the verification handshake succeeded


@dataclass
class Sent:
    id: str
    phone_number_id: str
    to: str
    wa_id: str
    type: str
    payload: dict[str, Any]
    created_at: float
    statuses: list[dict[str, Any]] = field(default_factory=list)


def default_poster(url: str, raw: bytes, headers: dict[str, str]) -> int:
    with httpx.Client(timeout=httpx.Timeout(15.0, connect=5.0)) as client:
        return client.post(url, content=raw, headers=headers).status_code


class FakeMeta:
    """The fake's state (numbers, messages sent, deliveries) and behaviour, framework-free."""

    def __init__(self, poster: Poster = default_poster, status_delay: float | None = None,
                 spawn: Callable[[Callable[[], None]], None] | None = None):
        self.lock = threading.Lock()
        self.numbers: dict[str, Number] = {}
        self.sent: dict[str, Sent] = {}
        self.last_inbound: dict[tuple[str, str], float] = {}
        self.deliveries: list[dict[str, Any]] = []  # every webhook POST made: kind, status code
        self.poster = poster
        self.status_delay = float(os.environ.get("SANDBOX_STATUS_DELAY", "0.5")) if status_delay is None \
            else status_delay
        self.spawn = spawn or (lambda fn: threading.Thread(target=fn, daemon=True, name="meta-statuses").start())

    # --- auth --------------------------------------------------------------------------------------

    def _number_for(self, phone_number_id: str, token: str | None, method: str = "get") -> Number:
        with self.lock:
            number = self.numbers.get(phone_number_id)
            known_token = bool(token) and any(n.access_token == token for n in self.numbers.values())
        if not token:
            raise invalid_token()
        if number is None:
            raise unknown_object(phone_number_id, method) if known_token else invalid_token()
        if not secrets.compare_digest(number.access_token, token):
            raise invalid_token()
        return number

    # --- Graph API -----------------------------------------------------------------------------------

    def phone(self, phone_number_id: str, token: str | None) -> dict[str, Any]:
        n = self._number_for(phone_number_id, token)
        return {"display_phone_number": n.display_phone_number, "verified_name": n.verified_name,
                "quality_rating": "GREEN", "id": n.phone_number_id}

    def templates(self, waba_id: str, token: str | None) -> dict[str, Any]:
        if not token:
            raise invalid_token()
        with self.lock:
            owners = [n for n in self.numbers.values() if n.waba_id == waba_id]
            known_token = any(n.access_token == token for n in self.numbers.values())
        if not owners:
            raise unknown_object(waba_id) if known_token else invalid_token()
        if not any(secrets.compare_digest(n.access_token, token) for n in owners):
            raise invalid_token()
        return {"data": template_list(), "paging": {"cursors": {"before": "QVFIUk", "after": "QVFIUl"}}}

    def send(self, phone_number_id: str, token: str | None, body: Any) -> dict[str, Any]:
        number = self._number_for(phone_number_id, token, "post")
        to = validate_message(body)
        wa_id = digits(to)
        message = Sent(id=new_wamid(), phone_number_id=phone_number_id, to=to, wa_id=wa_id,
                       type=body.get("type") or "text", payload=body, created_at=time.time())
        with self.lock:
            self.sent[message.id] = message
        self.spawn(lambda: self.deliver_statuses(number, message))
        return {"messaging_product": "whatsapp", "contacts": [{"input": to, "wa_id": wa_id}],
                "messages": [{"id": message.id}]}

    # --- webhooks ----------------------------------------------------------------------------------

    def outcome(self, number: Number, message: Sent) -> list[tuple[str, dict | None]]:
        """The statuses Meta would report for this message, in order."""
        if message.wa_id.endswith(UNREACHABLE_SUFFIX):
            return [("failed", {"code": 131026, "title": "Message undeliverable",
                                "message": "Message undeliverable",
                                "error_data": {"details": "Message Undeliverable."}})]
        if message.type != "template":
            with self.lock:
                last = self.last_inbound.get((number.phone_number_id, message.wa_id))
            if last is None or message.created_at - last > WINDOW_SECONDS:
                return [("failed", {"code": 131047, "title": "Re-engagement message",
                                    "message": "Re-engagement message",
                                    "error_data": {"details": "Message failed to send because more than 24 hours "
                                                              "have passed since the customer last replied to this "
                                                              "number."}})]
        return [("sent", None), ("delivered", None), ("read", None)]

    def deliver_statuses(self, number: Number, message: Sent) -> None:
        for status, error in self.outcome(number, message):
            if self.status_delay:
                time.sleep(self.status_delay)
            entry: dict[str, Any] = {"id": message.id, "status": status, "timestamp": str(int(time.time())),
                                     "recipient_id": message.wa_id}
            if status != "failed":
                entry["conversation"] = {"id": secrets.token_hex(16),
                                         "origin": {"type": "marketing" if message.type == "template" else "service"}}
                entry["pricing"] = {"billable": message.type == "template", "pricing_model": "CBP",
                                    "category": "marketing" if message.type == "template" else "service"}
            else:
                entry["errors"] = [error]
            with self.lock:
                message.statuses.append({"status": status, "at": time.time()})
            self.post_webhook(number, {"statuses": [entry]}, kind=f"status:{status}", retries=2)

    def envelope(self, number: Number, value: dict[str, Any]) -> dict[str, Any]:
        return {"object": "whatsapp_business_account", "entry": [{"id": number.waba_id, "changes": [{
            "field": "messages",
            "value": {"messaging_product": "whatsapp",
                      "metadata": {"display_phone_number": number.display_digits,
                                   "phone_number_id": number.phone_number_id},
                      **value}}]}]}

    def post_webhook(self, number: Number, value: dict[str, Any], *, kind: str, retries: int = 0) -> int:
        """Signs and POSTs one webhook to the registered URL; returns the HTTP status (0: unreachable)."""
        if not number.webhook_url:
            self._log(kind, number, 0, "no webhook registered")
            return 0
        raw = json.dumps(self.envelope(number, value), ensure_ascii=False, separators=(",", ":")).encode()
        headers = {"Content-Type": "application/json", "User-Agent": "facebookexternalua",
                   "X-Hub-Signature-256": signature(number.app_secret, raw)}
        status = 0
        for attempt in range(retries + 1):
            try:
                status = self.poster(number.webhook_url, raw, headers)
            except httpx.HTTPError as exc:
                status, note = 0, type(exc).__name__
            else:
                note = ""
            self._log(kind, number, status, note, raw=raw)
            if 200 <= status < 300:
                break
            if attempt < retries:
                time.sleep(max(self.status_delay, 0.2))
        return status

    def _log(self, kind: str, number: Number, status: int, note: str, raw: bytes | None = None) -> None:
        with self.lock:
            self.deliveries.append({"kind": kind, "phone_number_id": number.phone_number_id, "status": status,
                                    "note": note, "at": time.time(), "body": raw.decode() if raw else None})
            del self.deliveries[:-500]

    # --- sandbox controls ------------------------------------------------------------------------------

    def register(self, data: dict[str, Any], verifier: Callable[[str, dict[str, str]], httpx.Response] | None = None
                 ) -> tuple[bool, str]:
        """Like setting the number up in Meta's console: the credentials are stored; the webhook only when
        it answers the verification challenge. Returns (webhook verified, reason)."""
        required = ("phone_number_id", "access_token", "app_secret", "verify_token", "webhook_url")
        missing = [k for k in required if not str(data.get(k) or "").strip()]
        if missing:
            return False, "Campos obrigatórios ausentes: " + ", ".join(missing) + "."
        pnid = str(data["phone_number_id"]).strip()
        if not pnid.isdigit():
            return False, "phone_number_id deve conter apenas dígitos."
        display, display_digits = display_number(pnid)
        with self.lock:
            previous = self.numbers.get(pnid)
        number = Number(phone_number_id=pnid, waba_id=str(data.get("waba_id") or "").strip(),
                        access_token=str(data["access_token"]).strip(), app_secret=str(data["app_secret"]).strip(),
                        verify_token=str(data["verify_token"]).strip(),
                        display_phone_number=str(data.get("display_phone_number") or display),
                        display_digits=digits(data.get("display_phone_number")) or display_digits,
                        verified_name=str(data.get("verified_name") or (previous and previous.verified_name)
                                          or "Empresa Sandbox"))
        url = str(data["webhook_url"]).strip()
        ok, reason = self.verify_webhook(url, number.verify_token, verifier)
        if ok:
            number.webhook_url = url
        elif previous and previous.webhook_url and previous.verify_token == number.verify_token:
            number.webhook_url = previous.webhook_url
        with self.lock:
            self.numbers[pnid] = number
        return ok, reason

    @staticmethod
    def verify_webhook(url: str, verify_token: str, verifier=None) -> tuple[bool, str]:
        challenge = str(secrets.randbelow(9 * 10**9) + 10**9)
        params = {"hub.mode": "subscribe", "hub.verify_token": verify_token, "hub.challenge": challenge}
        try:
            if verifier is not None:
                resp = verifier(url, params)
            else:
                with httpx.Client(timeout=httpx.Timeout(15.0, connect=5.0)) as client:
                    resp = client.get(url, params=params)
        except httpx.HTTPError as exc:
            return False, f"Não foi possível chamar o webhook ({type(exc).__name__})."
        if resp.status_code != 200:
            return False, f"O webhook respondeu {resp.status_code} à verificação (token de verificação confere?)."
        if resp.text.strip() != challenge:
            return False, "O webhook não devolveu o hub.challenge enviado."
        return True, "Webhook verificado."

    def simulate_inbound(self, data: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        """Someone writes to the company's number: builds, signs and POSTs the inbound webhook."""
        pnid = str(data.get("phone_number_id") or "").strip()
        with self.lock:
            number = self.numbers.get(pnid)
        if number is None:
            return 404, {"delivered": False, "detail": "Número não registrado no sandbox."}
        if not number.webhook_url:
            return 409, {"delivered": False, "detail": "O webhook deste número não foi verificado."}
        sender = digits(data.get("from"))
        if not 10 <= len(sender) <= 15:
            return 400, {"delivered": False, "detail": "Telefone de origem inválido (use DDI + DDD + número)."}
        kind = str(data.get("type") or "text")
        text = str(data.get("text") or "").strip()
        if kind == "text" and not text:
            return 400, {"delivered": False, "detail": "Informe o texto da mensagem."}
        if kind not in ("text", "image"):
            return 400, {"delivered": False, "detail": "Tipo não suportado no sandbox (use text ou image)."}
        message = inbound_message(sender, kind, text)
        name = str(data.get("name") or "").strip() or "Contato"
        with self.lock:
            self.last_inbound[(pnid, sender)] = time.time()
        status = self.post_webhook(number, {"contacts": [{"profile": {"name": name}, "wa_id": sender}],
                                            "messages": [message]}, kind="inbound")
        return 200, {"delivered": 200 <= status < 300, "status": status, "message_id": message["id"]}

    def reset(self) -> None:
        with self.lock:
            self.numbers.clear()
            self.sent.clear()
            self.last_inbound.clear()
            self.deliveries.clear()


def inbound_message(sender: str, kind: str, text: str) -> dict[str, Any]:
    message: dict[str, Any] = {"from": sender, "id": new_wamid(), "timestamp": str(int(time.time())), "type": kind}
    if kind == "image":
        message["image"] = {"id": str(secrets.randbelow(10**15)), "mime_type": "image/jpeg",
                            "sha256": secrets.token_hex(32), **({"caption": text} if text else {})}
    else:
        message["text"] = {"body": text}
    return message


def validate_message(body: Any) -> str:
    """Checks a send body like Meta does; returns the recipient."""
    if not isinstance(body, dict):
        raise param_error("The parameter messaging_product is required.")
    if body.get("messaging_product") != "whatsapp":
        raise param_error("The parameter messaging_product is required.")
    to = body.get("to")
    if not isinstance(to, str) or not digits(to):
        raise param_error("The parameter to is required.")
    if not 8 <= len(digits(to)) <= 15:
        raise GraphFailure(400, 131009, "(#131009) Parameter value is not valid",
                           details="Recipient phone number is not a valid WhatsApp number.")
    kind = body.get("type") or "text"
    if kind not in SUPPORTED_TYPES:
        raise param_error(f"Param type must be one of {{{', '.join(SUPPORTED_TYPES)}}} - got \"{kind}\".")
    if kind == "text":
        text = body.get("text")
        value = text.get("body") if isinstance(text, dict) else None
        if not isinstance(value, str) or not value.strip():
            raise param_error("The parameter text['body'] is required.")
        if len(value) > MAX_TEXT:
            raise param_error(f"Param text['body'] must be at most {MAX_TEXT} characters long.")
    elif kind == "template":
        _validate_template(body.get("template"))
    elif kind in MEDIA_TYPES:
        media = body.get(kind)
        if not isinstance(media, dict) or not (media.get("id") or media.get("link")):
            raise param_error(f"Param {kind} must contain either id or link.")
    return to


def _validate_template(template: Any) -> None:
    if not isinstance(template, dict) or not template.get("name"):
        raise param_error("The parameter template['name'] is required.")
    language = template.get("language")
    code = language.get("code") if isinstance(language, dict) else None
    if not code:
        raise param_error("The parameter template['language'] is required.")
    known = next((t for t in TEMPLATES if t["name"] == template["name"]), None)
    if known is None or code != "pt_BR":
        raise GraphFailure(404, 132001, "(#132001) Template name does not exist in the translation",
                           details=f"template name ({template['name']}) does not exist in {code}")
    if known.get("header") == "DOCUMENT":
        headers = [c for c in template.get("components") or []
                   if isinstance(c, dict) and str(c.get("type", "")).lower() == "header"]
        document = (((headers[0].get("parameters") or [{}])[0] or {}).get("document") or {}) if headers else {}
        if not isinstance(document, dict) or not str(document.get("link") or "").startswith(("http://", "https://")):
            raise GraphFailure(400, 132012, "(#132012) Parameter format does not match format in the created template",
                               details="header: Format mismatch, expected DOCUMENT, received UNKNOWN")
    given = 0
    for component in template.get("components") or []:
        if isinstance(component, dict) and str(component.get("type", "")).lower() == "body":
            params = component.get("parameters") or []
            for p in params:
                if not isinstance(p, dict) or p.get("type") != "text" or not str(p.get("text") or "").strip():
                    raise param_error("Parameter of type text is missing text value.")
            given += len(params)
    expected = template_params(known["body"])
    if given != expected:
        raise GraphFailure(400, 132000, "(#132000) Number of parameters does not match the expected number of params",
                           details=f"body: number of localizable_params ({given}) does not match the expected "
                                   f"number of params ({expected})")


# --- HTTP ------------------------------------------------------------------------------------------

def _token(request: Request) -> str | None:
    scheme, _, value = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    return request.query_params.get("access_token") or None


async def _json(request: Request) -> Any:
    try:
        return await request.json()
    except ValueError:
        return None


def _fail(exc: GraphFailure) -> JSONResponse:
    return JSONResponse(exc.body(), status_code=exc.status, headers={"WWW-Authenticate": 'OAuth "Facebook Platform" '
                                                                     '"invalid_token"'} if exc.code == 190 else None)


def router(fake: FakeMeta) -> APIRouter:
    r = APIRouter(prefix="/sandbox/meta", include_in_schema=False)

    # Sandbox controls first: "/sandbox/..." would otherwise match "/{version}/{id}".
    @r.post("/sandbox/register")
    def register(data: dict[str, Any]) -> JSONResponse:
        ok, reason = fake.register(data)
        if not ok:
            return JSONResponse({"registered": False, "detail": reason}, status_code=400)
        return JSONResponse({"registered": True, "detail": reason})

    @r.post("/sandbox/simulate-inbound")
    def simulate_inbound(data: dict[str, Any]) -> JSONResponse:
        status, body = fake.simulate_inbound(data)
        return JSONResponse(body, status_code=status)

    @r.get("/sandbox/messages")
    def sent_messages(phone_number_id: str | None = None) -> JSONResponse:
        with fake.lock:
            items = [{"id": m.id, "phone_number_id": m.phone_number_id, "to": m.to, "type": m.type,
                      "payload": m.payload, "statuses": list(m.statuses)}
                     for m in fake.sent.values() if phone_number_id in (None, m.phone_number_id)]
        return JSONResponse({"items": items[::-1]})

    @r.get("/sandbox/deliveries")
    def deliveries() -> JSONResponse:
        with fake.lock:
            return JSONResponse({"items": list(reversed(fake.deliveries))})

    @r.get("/{version}/{object_id}/message_templates")
    def templates(version: str, object_id: str, request: Request) -> JSONResponse:
        try:
            return JSONResponse(fake.templates(object_id, _token(request)))
        except GraphFailure as exc:
            return _fail(exc)

    @r.post("/{version}/{object_id}/messages")
    async def send(version: str, object_id: str, request: Request) -> JSONResponse:
        body = await _json(request)
        try:
            return JSONResponse(fake.send(object_id, _token(request), body))
        except GraphFailure as exc:
            return _fail(exc)

    @r.get("/{version}/{object_id}")
    def phone(version: str, object_id: str, request: Request) -> JSONResponse:
        try:
            return JSONResponse(fake.phone(object_id, _token(request)))
        except GraphFailure as exc:
            return _fail(exc)

    return r


META = FakeMeta()
