"""The local stack's SMTP sink, fed by the product's own mail code (`shared.email.send`, Testar)."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from devstack.emulator import free_port
from devstack.sandbox import smtp
from shared import email
from shared.errors import ProviderError
from shared.integrations.models import IntegrationUpdate

TENANT = "01JD0000000000000000000000"
PDF = b"%PDF-1.4\n" + b"0" * 2048 + b"\n%%EOF\n"


@pytest.fixture
def sink():
    mailbox = smtp.Mailbox()
    server = smtp.SmtpSink(mailbox, port=free_port()).start()
    yield server
    server.stop()


def configure_smtp(port: int, username: str | None = "demo", password: str | None = "demo") -> None:
    from shared.integrations.service import configure

    settings = {"provider": "smtp", "host": "127.0.0.1", "port": port, "tls_mode": "none",
                "from_name": "Impacte Demo", "from_email": "contato@impactedemo.com.br"}
    if username:
        settings["username"] = username
    configure(TENANT, "smtp", IntegrationUpdate(settings=settings, secrets={"password": password}))


def proposal() -> email.Email:
    return email.Email(to=["cliente@exemplo.com.br"], subject="Sua proposta — Impacte Demo",
                       text="Olá! Segue a proposta em anexo.\nAbraços",
                       attachments=[email.Attachment("proposta.pdf", PDF, "application/pdf")])


def test_the_sink_receives_an_email_sent_by_the_product_with_auth_and_attachment(aws, sink):
    configure_smtp(sink.port)
    message_id = email.send(TENANT, proposal())
    (received,) = sink.mailbox.newest_first()
    assert received.subject == "Sua proposta — Impacte Demo"
    assert received.to == ["cliente@exemplo.com.br"]
    assert received.rcpt_tos == ["cliente@exemplo.com.br"]
    assert "Impacte Demo" in received.from_ and "contato@impactedemo.com.br" in received.from_
    assert received.text.startswith("Olá! Segue a proposta em anexo.")
    assert [(a.filename, a.content_type, a.size) for a in received.attachments] == [
        ("proposta.pdf", "application/pdf", len(PDF))]
    assert received.attachments[0].content == PDF
    assert received.auth_user == "demo"
    assert received.raw_size > len(PDF) and received.received_at
    assert message_id


def test_a_wrong_password_is_refused(aws, sink):
    configure_smtp(sink.port, password="wrong")
    with pytest.raises(ProviderError) as refused:
        email.send(TENANT, proposal())
    assert "usuário ou a senha" in refused.value.detail
    assert sink.mailbox.newest_first() == []


def test_sending_without_login_is_refused(aws, sink):
    configure_smtp(sink.port, username=None, password=None)  # no AUTH at all
    with pytest.raises(ProviderError):
        email.send(TENANT, proposal())
    assert sink.mailbox.newest_first() == []


def test_testar_logs_in_to_the_sink(aws, sink):
    from shared.auth.principal import Principal
    from shared.integrations import testers

    configure_smtp(sink.port)
    caller = Principal.from_context({"user_id": "u", "tenant_id": TENANT, "session_id": "s", "role": "administrador"})
    result = testers.run(caller, "smtp")
    assert result.ok, result.message
    configure_smtp(sink.port, password="other")
    assert not testers.run(caller, "smtp").ok


def test_pages_list_the_received_emails_newest_first(aws, sink):
    configure_smtp(sink.port)
    email.send(TENANT, proposal())
    email.send(TENANT, email.Email(to=["outra@exemplo.com.br"], subject="Lembrete <reunião>", text="Amanhã às 10h"))
    app = FastAPI()
    app.include_router(smtp.router(sink.mailbox))
    client = TestClient(app)

    listing = client.get("/sandbox/emails.json").json()["items"]
    assert [m["subject"] for m in listing] == ["Lembrete <reunião>", "Sua proposta — Impacte Demo"]
    assert listing[1]["attachments"] == [{"filename": "proposta.pdf", "content_type": "application/pdf",
                                          "size": len(PDF)}]

    page = client.get("/sandbox/emails")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert page.text.index("Lembrete &lt;reunião&gt;") < page.text.index("Sua proposta")  # escaped, newest first
    assert "<reunião>" not in page.text

    detail = client.get(f"/sandbox/emails/{listing[1]['id']}")
    assert "Segue a proposta em anexo." in detail.text and "proposta.pdf" in detail.text
    file = client.get(f"/sandbox/emails/{listing[1]['id']}/attachments/0")
    assert file.content == PDF and file.headers["content-type"] == "application/pdf"
    assert client.get("/sandbox/emails/999/attachments/0").status_code == 404
