"""The Meta Graph API (WhatsApp Cloud API), called with one company's own number and token.

Sending retries with backoff on 5xx and on Meta's rate limits (130429, 131056) and gives up after a
bound; every failure carries Meta's code, title and message so they can be shown and stored.
"""

from __future__ import annotations

import hashlib
import hmac
import time
from typing import TYPE_CHECKING, Any

from shared.settings import get_settings

if TYPE_CHECKING:  # imported when a call is made: keeps the function's cold start short
    import httpx

RETRYABLE_CODES = {130429, 131056, 131000, 2}  # rate limits, "something went wrong", temporary
MAX_ATTEMPTS = 4
BACKOFF_SECONDS = (0.5, 1.0, 2.0)
sleep = time.sleep  # tests replace it


class GraphError(Exception):
    def __init__(self, message: str, *, code: int | None = None, title: str | None = None, status: int = 0):
        super().__init__(message)
        self.message = message
        self.code = code
        self.title = title
        self.status = status

    @property
    def retryable(self) -> bool:
        return self.status >= 500 or self.status == 429 or self.code in RETRYABLE_CODES or self.status == 0

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, "title": self.title, "message": self.message}


def http_client() -> httpx.Client:
    """The HTTP client used for Meta (tests swap in a transport)."""
    import httpx

    return httpx.Client(timeout=httpx.Timeout(10.0, connect=5.0))


def _url(path: str) -> str:
    settings = get_settings()
    return f"{settings.whatsapp_graph_url.rstrip('/')}/{settings.whatsapp_api_version}/{path.lstrip('/')}"


def call(token: str, method: str, path: str, *, json: dict | None = None, params: dict | None = None) -> dict:
    import httpx

    try:
        with http_client() as client:
            resp = client.request(method, _url(path), json=json, params=params,
                                  headers={"Authorization": f"Bearer {token}"})
    except httpx.HTTPError as exc:
        raise GraphError(f"Não foi possível falar com a Meta ({type(exc).__name__}).") from None
    try:
        body = resp.json()
    except ValueError:
        body = {}
    if resp.status_code >= 400 or "error" in body:
        error = body.get("error") or {}
        details = (error.get("error_data") or {}).get("details")
        message = details or error.get("message") or f"HTTP {resp.status_code}"
        raise GraphError(message, code=error.get("code"), title=error.get("title") or error.get("type"),
                         status=resp.status_code)
    return body


def with_retries(fn, *args, **kwargs) -> dict:
    for attempt in range(MAX_ATTEMPTS):
        try:
            return fn(*args, **kwargs)
        except GraphError as exc:
            if not exc.retryable or attempt == MAX_ATTEMPTS - 1:
                raise
            sleep(BACKOFF_SECONDS[min(attempt, len(BACKOFF_SECONDS) - 1)])
    raise AssertionError("unreachable")


def lookup_phone(phone_number_id: str, token: str) -> dict:
    return call(token, "GET", phone_number_id,
                params={"fields": "display_phone_number,verified_name,quality_rating"})


def send_message(phone_number_id: str, token: str, payload: dict) -> str:
    """Sends one message; returns Meta's message id (wamid)."""
    body = {"messaging_product": "whatsapp", "recipient_type": "individual", **payload}
    answer = with_retries(call, token, "POST", f"{phone_number_id}/messages", json=body)
    messages = answer.get("messages") or []
    if not messages or not messages[0].get("id"):
        raise GraphError("A Meta não devolveu o identificador da mensagem.")
    return messages[0]["id"]


def text_payload(to: str, body: str) -> dict:
    """A free-text message (only inside the 24-hour customer-service window)."""
    return {"to": to, "type": "text", "text": {"preview_url": False, "body": body}}


def document_payload(to: str, link: str, filename: str, caption: str | None) -> dict:
    """A document (PDF) Meta fetches from `link` (only inside the 24-hour window)."""
    document: dict[str, Any] = {"link": link, "filename": filename}
    if caption:
        document["caption"] = caption[:1024]
    return {"to": to, "type": "document", "document": document}


def template_payload(to: str, name: str, language: str, parameters: list[str], *,
                     document: dict | None = None) -> dict:
    """An approved template with its body parameters ({{1}}, {{2}}... in order) and, for a template
    with a document header, the document (`{"link", "filename"}`)."""
    template: dict[str, Any] = {"name": name, "language": {"code": language}}
    components: list[dict[str, Any]] = []
    if document:
        components.append({"type": "header", "parameters": [{"type": "document", "document": document}]})
    if parameters:
        components.append({"type": "body", "parameters": [{"type": "text", "text": p} for p in parameters]})
    if components:
        template["components"] = components
    return {"to": to, "type": "template", "template": template}


def approved_templates(waba_id: str, token: str) -> list[dict]:
    answer = call(token, "GET", f"{waba_id}/message_templates", params={"limit": 200})
    return [t for t in answer.get("data", []) if t.get("status", "APPROVED") == "APPROVED"]


def signature(app_secret: str, raw_body: bytes) -> str:
    return "sha256=" + hmac.new(app_secret.encode(), raw_body, hashlib.sha256).hexdigest()


def valid_signature(app_secret: str | None, raw_body: bytes, header: str | None) -> bool:
    """X-Hub-Signature-256 check, constant time."""
    if not app_secret or not header:
        return False
    return hmac.compare_digest(signature(app_secret, raw_body).encode(), header.strip().encode())


def simulate_inbound(phone_number_id: str, from_digits: str, name: str | None, text: str) -> dict:
    """Local sandbox only: asks the fake Graph API to deliver a signed inbound webhook to us."""
    import httpx

    url = f"{get_settings().whatsapp_graph_url.rstrip('/')}/sandbox/simulate-inbound"
    try:
        with http_client() as client:
            resp = client.post(url, json={"phone_number_id": phone_number_id, "from": from_digits,
                                          "name": name or "", "text": text})
    except httpx.HTTPError:
        raise GraphError("O simulador do WhatsApp não respondeu.") from None
    try:
        body = resp.json()
    except ValueError:
        body = None
    body = body if isinstance(body, dict) else {}
    if resp.status_code >= 400:
        reason = str(body.get("detail") or f"HTTP {resp.status_code}")[:300]
        raise GraphError(f"O simulador do WhatsApp recusou: {reason}", status=resp.status_code)
    return body
