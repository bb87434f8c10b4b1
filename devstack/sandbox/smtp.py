"""An SMTP sink for the local stack: every e-mail the product sends lands here, nowhere else.

aiosmtpd on 127.0.0.1 (`SMTP_SINK_PORT`, default 2525), plain text (no TLS), AUTH PLAIN/LOGIN
required and accepted only for demo/demo, so a wrong password fails like on a real server. The
messages stay in memory and are listed at /sandbox/emails (HTML) and /sandbox/emails.json.
"""

from __future__ import annotations

import contextlib
import html
import itertools
import logging
import socket
import threading
import time
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import getaddresses, parsedate_to_datetime
from typing import Any

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, JSONResponse, Response

DEFAULT_PORT = 2525
USERNAME = "demo"
PASSWORD = "demo"
KEEP = 200


@dataclass
class Attachment:
    filename: str
    content_type: str
    content: bytes

    @property
    def size(self) -> int:
        return len(self.content)


@dataclass
class ReceivedEmail:
    id: int
    mail_from: str
    rcpt_tos: list[str]
    from_: str
    to: list[str]
    subject: str
    date: str | None
    received_at: float
    text: str
    html: str | None
    attachments: list[Attachment] = field(default_factory=list)
    raw_size: int = 0
    auth_user: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "mail_from": self.mail_from, "rcpt_tos": self.rcpt_tos, "from": self.from_,
                "to": self.to, "subject": self.subject, "date": self.date,
                "received_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(self.received_at)),
                "text": self.text, "has_html": self.html is not None,
                "attachments": [{"filename": a.filename, "content_type": a.content_type, "size": a.size}
                                for a in self.attachments],
                "raw_size": self.raw_size, "auth_user": self.auth_user}


def parse_email(raw: bytes, *, email_id: int, mail_from: str, rcpt_tos: list[str],
                auth_user: str | None = None) -> ReceivedEmail:
    """What the sink keeps of one message: headers, text body, attachments."""
    msg: EmailMessage = BytesParser(policy=policy.default).parsebytes(raw)  # type: ignore[assignment]
    text_part = msg.get_body(preferencelist=("plain",))
    html_part = msg.get_body(preferencelist=("html",))
    attachments = []
    for part in msg.iter_attachments():
        payload = part.get_payload(decode=True) or b""
        attachments.append(Attachment(filename=part.get_filename() or "anexo",
                                      content_type=part.get_content_type(), content=payload))
    date = None
    if msg["Date"]:
        with contextlib.suppress(TypeError, ValueError):
            date = parsedate_to_datetime(str(msg["Date"])).isoformat()
    return ReceivedEmail(
        id=email_id, mail_from=mail_from, rcpt_tos=list(rcpt_tos), from_=str(msg["From"] or ""),
        to=[addr for _, addr in getaddresses([str(v) for v in msg.get_all("To", [])])],
        subject=str(msg["Subject"] or ""), date=date, received_at=time.time(),
        text=text_part.get_content() if text_part is not None else "",
        html=html_part.get_content() if html_part is not None and html_part is not text_part else None,
        attachments=attachments, raw_size=len(raw), auth_user=auth_user)


class Mailbox:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.items: list[ReceivedEmail] = []
        self._ids = itertools.count(1)

    def add(self, raw: bytes, mail_from: str, rcpt_tos: list[str], auth_user: str | None) -> ReceivedEmail:
        with self.lock:
            email = parse_email(raw, email_id=next(self._ids), mail_from=mail_from, rcpt_tos=rcpt_tos,
                                auth_user=auth_user)
            self.items.append(email)
            del self.items[:-KEEP]
        return email

    def newest_first(self) -> list[ReceivedEmail]:
        with self.lock:
            return list(reversed(self.items))

    def get(self, email_id: int) -> ReceivedEmail | None:
        with self.lock:
            return next((e for e in self.items if e.id == email_id), None)

    def clear(self) -> None:
        with self.lock:
            self.items.clear()


MAILBOX = Mailbox()


def check_credentials(username: str, password: str) -> bool:
    return username == USERNAME and password == PASSWORD


class SmtpSink:
    """The aiosmtpd server (its own thread and event loop)."""

    def __init__(self, mailbox: Mailbox = MAILBOX, host: str = "127.0.0.1", port: int = DEFAULT_PORT):
        self.mailbox, self.host, self.port = mailbox, host, port
        self.controller = None

    def start(self) -> SmtpSink:
        from aiosmtpd.controller import Controller
        from aiosmtpd.smtp import AuthResult, LoginPassword

        mailbox = self.mailbox

        def authenticator(server, session, envelope, mechanism, auth_data):
            if mechanism not in ("LOGIN", "PLAIN") or not isinstance(auth_data, LoginPassword):
                return AuthResult(success=False, handled=False)
            user = auth_data.login.decode(errors="replace")
            ok = check_credentials(user, auth_data.password.decode(errors="replace"))
            return AuthResult(success=ok, handled=False, auth_data=user if ok else None)

        class Handler:
            async def handle_MAIL(self, server, session, envelope, address, mail_options):
                if not session.authenticated:
                    return "530 5.7.0 Authentication required"
                envelope.mail_from = address
                envelope.mail_options.extend(mail_options)
                return "250 OK"

            async def handle_DATA(self, server, session, envelope):
                raw = envelope.original_content or envelope.content or b""
                if isinstance(raw, str):
                    raw = raw.encode()
                user = session.auth_data if isinstance(session.auth_data, str) else None
                mailbox.add(raw, envelope.mail_from or "", list(envelope.rcpt_tos), user)
                return "250 Message accepted for delivery"

        logging.getLogger("mail.log").setLevel(logging.ERROR)  # no line per SMTP command
        # AUTH is enforced in MAIL FROM (below) rather than with auth_required, which warns about plain text:
        # plain text is the point here (loopback only).
        self.controller = Controller(Handler(), hostname=self.host, port=self.port, authenticator=authenticator,
                                     auth_required=False, auth_require_tls=False, ready_timeout=10)
        self.controller.start()
        return self

    def stop(self) -> None:
        if self.controller is not None:
            with contextlib.suppress(Exception):
                self.controller.stop()
            self.controller = None


def port_is_free(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket() as s:
        try:
            s.bind((host, port))
        except OSError:
            return False
    return True


# --- pages ---------------------------------------------------------------------------------------

_STYLE = """body{font-family:system-ui,sans-serif;margin:0;padding:16px;max-width:960px;color:#1a1b1e}
h1{font-size:1.4rem}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:8px;
text-align:left;vertical-align:top}pre{white-space:pre-wrap;background:#f6f6f6;padding:12px;border-radius:6px}
.muted{color:#666;font-size:.9rem}@media (max-width:600px){td:nth-child(3),th:nth-child(3){display:none}}"""


def _page(title: str, body: str) -> HTMLResponse:
    return HTMLResponse(f"<!doctype html><html lang='pt-BR'><head><meta charset='utf-8'>"
                        f"<meta name='viewport' content='width=device-width,initial-scale=1'>"
                        f"<title>{html.escape(title)}</title><style>{_STYLE}</style></head><body>{body}</body></html>",
                        headers={"Cache-Control": "no-store"})


def _when(email: ReceivedEmail) -> str:
    return time.strftime("%d/%m/%Y %H:%M:%S", time.localtime(email.received_at))


def _size(n: int) -> str:
    return f"{n} bytes" if n < 1024 else f"{n / 1024:.1f} KB".replace(".", ",")


def router(mailbox: Mailbox = MAILBOX) -> APIRouter:
    r = APIRouter(prefix="/sandbox", include_in_schema=False)

    @r.get("/emails.json")
    def emails_json() -> JSONResponse:
        return JSONResponse({"items": [e.as_dict() for e in mailbox.newest_first()]})

    @r.get("/emails")
    def emails_page() -> HTMLResponse:
        rows = "".join(
            f"<tr data-email-id='{e.id}'><td>{_when(e)}</td><td><a href='/sandbox/emails/{e.id}'>"
            f"{html.escape(e.subject or '(sem assunto)')}</a></td><td>{html.escape(e.from_)}</td>"
            f"<td>{html.escape(', '.join(e.to or e.rcpt_tos))}</td>"
            f"<td>{len(e.attachments) or ''}</td></tr>" for e in mailbox.newest_first())
        table = (f"<table><thead><tr><th>Recebido em</th><th>Assunto</th><th>De</th><th>Para</th><th>Anexos</th>"
                 f"</tr></thead><tbody>{rows}</tbody></table>") if rows else "<p>Nenhum e-mail recebido ainda.</p>"
        return _page("E-mails do sandbox", "<h1>E-mails enviados (sandbox)</h1><p class='muted'>Tudo o que o "
                     "Impacte+ envia por SMTP no ambiente local chega aqui; nada sai para a internet. "
                     "<a href='/sandbox/emails.json'>JSON</a></p>" + table)

    @r.get("/emails/{email_id}")
    def email_page(email_id: int) -> HTMLResponse:
        e = mailbox.get(email_id)
        if e is None:
            return _page("E-mail não encontrado", "<h1>E-mail não encontrado</h1><a href='/sandbox/emails'>Voltar</a>")
        files = "".join(f"<li><a href='/sandbox/emails/{e.id}/attachments/{i}'>{html.escape(a.filename)}</a> "
                        f"<span class='muted'>({html.escape(a.content_type)}, {_size(a.size)})</span></li>"
                        for i, a in enumerate(e.attachments))
        body = (f"<p><a href='/sandbox/emails'>← Todos os e-mails</a></p><h1>{html.escape(e.subject or '(sem assunto)')}"
                f"</h1><p class='muted'>De: {html.escape(e.from_)}<br>Para: {html.escape(', '.join(e.to))}<br>"
                f"Recebido em: {_when(e)} · {_size(e.raw_size)} · login SMTP: {html.escape(e.auth_user or '—')}</p>"
                f"<pre>{html.escape(e.text)}</pre>"
                + (f"<h2>Anexos</h2><ul>{files}</ul>" if files else "<p class='muted'>Sem anexos.</p>"))
        return _page(e.subject or "E-mail", body)

    @r.get("/emails/{email_id}/attachments/{index}")
    def attachment(email_id: int, index: int) -> Response:
        e = mailbox.get(email_id)
        if e is None or not 0 <= index < len(e.attachments):
            return JSONResponse({"detail": "Anexo não encontrado."}, status_code=404)
        a = e.attachments[index]
        safe = a.filename.replace('"', "")
        return Response(a.content, media_type=a.content_type,
                        headers={"Content-Disposition": f'attachment; filename="{safe}"'})

    return r
