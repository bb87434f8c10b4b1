"""E-mail through the company's own SMTP server (or Amazon SES where it chose SES).

One service for every module that sends e-mail (tests, scheduled messages, documents).
"""

from __future__ import annotations

import smtplib
import ssl
from contextlib import suppress
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import formataddr, formatdate, make_msgid

from shared.errors import ProviderError, ValidationFailed

TIMEOUT = 15


@dataclass
class Attachment:
    filename: str
    content: bytes
    mime_type: str = "application/octet-stream"


@dataclass
class Email:
    to: list[str]
    subject: str
    text: str
    html: str | None = None
    attachments: list[Attachment] = field(default_factory=list)
    reply_to: str | None = None


def _config(tenant_id: str):
    from shared.integrations.service import get_config

    config = get_config(tenant_id, "smtp")
    s = config.settings
    if not config.enabled or not s.from_email or (s.provider == "smtp" and not s.host):
        raise ValidationFailed("Configure o e-mail da empresa em Integrações antes de enviar.")
    return config


def build(config, email: Email) -> EmailMessage:
    s = config.settings
    msg = EmailMessage()
    msg["From"] = formataddr((s.from_name or "", s.from_email))
    msg["To"] = ", ".join(email.to)
    msg["Subject"] = email.subject
    msg["Message-ID"] = make_msgid(domain=s.from_email.split("@")[-1])
    msg["Date"] = formatdate(localtime=False)
    if email.reply_to:
        msg["Reply-To"] = email.reply_to
    msg.set_content(email.text)
    if email.html:
        msg.add_alternative(email.html, subtype="html")
    for item in email.attachments:
        main, _, sub = item.mime_type.partition("/")
        msg.add_attachment(item.content, maintype=main, subtype=sub or "octet-stream", filename=item.filename)
    return msg


def smtp_session(config) -> smtplib.SMTP:
    """An authenticated SMTP session with the company's server (the caller closes it)."""
    s = config.settings
    port = s.port or {"ssl": 465, "starttls": 587}.get(s.tls_mode, 25)
    context = ssl.create_default_context()
    try:
        if s.tls_mode == "ssl":
            session: smtplib.SMTP = smtplib.SMTP_SSL(s.host, port, timeout=TIMEOUT, context=context)
        else:
            session = smtplib.SMTP(s.host, port, timeout=TIMEOUT)
            session.ehlo()
            if s.tls_mode == "starttls":
                session.starttls(context=context)
                session.ehlo()
        password = config.secret("password")
        if s.username and password:
            session.login(s.username, password)
        return session
    except smtplib.SMTPAuthenticationError as exc:
        raise ProviderError(f"O servidor SMTP recusou o usuário ou a senha ({exc.smtp_code}).") from None
    except smtplib.SMTPException as exc:
        raise ProviderError(f"O servidor SMTP recusou a conexão: {exc}.") from None
    except (OSError, ssl.SSLError) as exc:
        reason = exc.strerror or exc
        raise ProviderError(f"Não foi possível conectar ao servidor SMTP {s.host}:{port} ({reason}).") from None


def send(tenant_id: str, email: Email) -> str:
    """Sends and returns the Message-ID."""
    config = _config(tenant_id)
    msg = build(config, email)
    if config.settings.provider == "ses":
        from shared.aws import client

        try:
            client("sesv2").send_email(FromEmailAddress=config.settings.from_email,
                                       Destination={"ToAddresses": email.to},
                                       Content={"Raw": {"Data": msg.as_bytes()}})
        except Exception as exc:  # botocore ClientError and connection errors alike
            raise ProviderError(f"O Amazon SES recusou o envio: {exc}.") from None
        return msg["Message-ID"]
    session = smtp_session(config)
    try:
        session.send_message(msg)
    except smtplib.SMTPRecipientsRefused:
        raise ProviderError("O servidor SMTP recusou o destinatário.") from None
    except smtplib.SMTPException as exc:
        raise ProviderError(f"O servidor SMTP recusou a mensagem: {exc}.") from None
    finally:
        with suppress(smtplib.SMTPException):
            session.quit()
    return msg["Message-ID"]
