"""What the local SMTP sink keeps of a message (parsing only; the server is tested in tests/api)."""

from __future__ import annotations

from email.message import EmailMessage

from devstack.sandbox import smtp


def build(subject: str = "Proposta comercial nº 12") -> bytes:
    msg = EmailMessage()
    msg["From"] = "Impacte Demo <contato@impactedemo.com.br>"
    msg["To"] = "Ana <ana@exemplo.com.br>, bruno@exemplo.com.br"
    msg["Subject"] = subject
    msg["Date"] = "Tue, 01 Dec 2026 12:00:00 -0300"
    msg.set_content("Olá, segue a proposta.")
    msg.add_alternative("<p>Olá, segue a proposta.</p>", subtype="html")
    msg.add_attachment(b"x" * 1500, maintype="application", subtype="pdf", filename="proposta-12.pdf")
    msg.add_attachment(b"a,b\n1,2\n", maintype="text", subtype="csv", filename="itens.csv")
    return msg.as_bytes()


def test_parse_keeps_headers_text_and_attachments():
    raw = build()
    e = smtp.parse_email(raw, email_id=7, mail_from="contato@impactedemo.com.br",
                         rcpt_tos=["ana@exemplo.com.br", "bruno@exemplo.com.br"], auth_user="demo")
    assert e.subject == "Proposta comercial nº 12"
    assert e.to == ["ana@exemplo.com.br", "bruno@exemplo.com.br"]
    assert e.text.strip() == "Olá, segue a proposta."
    assert e.html and "<p>" in e.html
    assert [(a.filename, a.content_type, a.size) for a in e.attachments] == [
        ("proposta-12.pdf", "application/pdf", 1500), ("itens.csv", "text/csv", 8)]
    assert e.date == "2026-12-01T12:00:00-03:00"
    assert e.raw_size == len(raw)
    data = e.as_dict()
    assert data["attachments"][0] == {"filename": "proposta-12.pdf", "content_type": "application/pdf", "size": 1500}
    assert data["auth_user"] == "demo" and data["has_html"] is True


def test_mailbox_lists_newest_first_and_keeps_a_bounded_history():
    box = smtp.Mailbox()
    for n in range(smtp.KEEP + 5):
        box.add(build(f"Proposta nº {n}"), "a@b.c", ["d@e.f"], "demo")
    items = box.newest_first()
    assert len(items) == smtp.KEEP
    assert items[0].subject.endswith(f"nº {smtp.KEEP + 4}")
    assert box.get(items[0].id) is items[0] and box.get(1) is None


def test_only_demo_demo_logs_in():
    assert smtp.check_credentials("demo", "demo")
    assert not smtp.check_credentials("demo", "Demo")
    assert not smtp.check_credentials("admin", "demo")
