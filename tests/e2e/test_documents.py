"""Catálogo and Documentos in a real browser, against the local stack: a gerente registers two catalog
items, builds a proposal from them for a funnel card ("Gerar proposta"), reviews it beside the PDF preview,
sends it by e-mail (the PDF reaches the sandbox's SMTP sink as an attachment) and the card lands in
"Proposta enviada"."""

from __future__ import annotations

import random
import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import httpx
from playwright.sync_api import Page, expect

from tests.e2e.test_integrations_whatsapp import new_name
from tests.e2e.test_shell import PASSWORD, login
from tests.support.people import masked_cpf, new_cpf

BRASILIA = ZoneInfo("America/Sao_Paulo")
SEND_TIMEOUT_MS = 60_000  # render -> PDF -> store -> SMTP -> record, through the local state machine


def new_client(stack_url: str, email: str) -> dict:
    """A client with CPF and e-mail, set up through the API (the screens under test come after)."""
    first, last = new_name().split(" ", 1)
    cpf = new_cpf()
    token = httpx.post(f"{stack_url}/api/auth/login", json={"email": "gerente@demo.local", "password": PASSWORD},
                       timeout=10).json()["access_token"]
    response = httpx.post(f"{stack_url}/api/clients", headers={"Authorization": f"Bearer {token}"}, timeout=10,
                          json={"first_name": first, "last_name": last, "document": cpf, "email": email})
    assert response.status_code == 201, response.text
    return response.json()


def add_catalog_item(page: Page, name: str, kind: str, price: str, recurrence: str) -> None:
    """Through "Novo item"; the price is typed as digits and a comma (the mask groups the thousands)."""
    page.get_by_test_id("catalog-new").click()
    form = page.get_by_test_id("catalog-form")
    form.get_by_label("Nome", exact=True).fill(name)
    form.get_by_label("Tipo", exact=True).click()
    page.get_by_role("option", name=kind, exact=True).click()
    form.get_by_label("Preço", exact=True).press_sequentially(price.replace(".", ""))
    expect(form.get_by_label("Preço", exact=True)).to_have_value(price)
    form.get_by_label("Recorrência", exact=True).click()
    page.get_by_role("option", name=recurrence, exact=True).click()
    form.get_by_test_id("catalog-save").click()
    expect(form).to_be_hidden()


def pick_from_catalog(page: Page, search: str, option: str) -> None:
    picker = page.get_by_test_id("document-form").get_by_label("Adicionar do catálogo", exact=True)
    picker.fill(search)
    page.get_by_role("option", name=option).click()


def test_gerente_builds_a_proposal_from_the_catalog_and_sends_it_by_email(page: Page, sandbox):
    suffix = "".join(random.choice("bcdfghjklmnprstvz") + random.choice("aeiou") for _ in range(3)).title()
    plan, setup = f"Plano Impulso {suffix}", f"Implantação {suffix}"
    email = f"{suffix.lower()}.{random.randint(1000, 9999)}@example.com"
    client = new_client(sandbox, email)
    name = client["display_name"]
    valid_until = (datetime.now(BRASILIA) + timedelta(days=15)).strftime("%d/%m/%Y")
    login(page, "gerente@demo.local")

    # Catálogo, under Financeiro: two items through the form (money typed with the mask)
    menu = page.get_by_test_id("side-menu")
    menu.get_by_test_id("nav-catalogo").click()
    expect(page).to_have_url(re.compile(r"/financeiro/catalogo$"))
    add_catalog_item(page, plan, "Plano", "199,90", "Mensal")
    add_catalog_item(page, setup, "Serviço", "1.500,00", "Única")
    page.get_by_test_id("catalog-search").fill(suffix)
    rows = page.get_by_test_id("catalog-table").locator("[data-testid^='catalog-row-']")
    expect(rows).to_have_count(2)
    expect(rows.filter(has_text=plan)).to_contain_text("R$ 199,90 / mês")
    expect(rows.filter(has_text=setup)).to_contain_text("R$ 1.500,00")

    # the client's funnel card: "Gerar proposta" opens the builder with the client and the card
    menu.get_by_test_id("nav-funil").click()
    card = page.get_by_test_id("funnel-column-novo_contato").locator(f"[data-client-id='{client['id']}']")
    card.click()
    page.get_by_test_id("card-drawer").get_by_test_id("card-drawer-proposal").click()
    expect(page).to_have_url(re.compile(rf"/documentos/novo\?.*card={client['card_id']}"))
    form = page.get_by_test_id("document-form")
    expect(form.get_by_label("Cliente", exact=True)).to_have_value(name)
    expect(form.get_by_test_id("doc-kind").get_by_role("radio", name="Proposta comercial")).to_be_checked()
    expect(form.get_by_label("Válida até", exact=True)).to_have_value(valid_until)

    # two lines from the catalog; quantity and discount change the totals live
    pick_from_catalog(page, suffix, f"{plan} — R$ 199,90 / mês")
    pick_from_catalog(page, "Implanta", f"{setup} — R$ 1.500,00")
    first, second = form.get_by_test_id("doc-item-1"), form.get_by_test_id("doc-item-2")
    expect(first.get_by_label("Descrição do item 1")).to_have_value(plan)
    expect(second.get_by_label("Preço unitário do item 2")).to_have_value("1.500,00")
    first.get_by_label("Quantidade do item 1").fill("2")
    expect(first.get_by_test_id("doc-item-total")).to_have_text("R$ 399,80")
    second.get_by_label("Desconto do item 2").press_sequentially("100,00")
    expect(second.get_by_test_id("doc-item-total")).to_have_text("R$ 1.400,00")
    expect(form.get_by_test_id("doc-subtotal")).to_have_text("R$ 1.899,80")
    expect(form.get_by_test_id("doc-total")).to_have_text("R$ 1.799,80")
    form.get_by_label("Observações", exact=True).fill("Pagamento via Pix em até 5 dias.")
    form.get_by_test_id("doc-save").click()

    # the review: the client's name and CPF, the total and the validity, beside the PDF preview
    page.wait_for_url(re.compile(r"/documentos/[0-9A-Z]{20,}$"))
    document_id = page.url.rsplit("/", 1)[-1]
    number = page.get_by_test_id("doc-number").inner_text().split()[-1]
    assert re.fullmatch(r"PROP-\d{4}-\d{4}", number), number
    review = page.get_by_test_id("document-review")
    expect(review).to_contain_text("Revise nome, documento, valor e datas antes de gerar")
    expect(review.get_by_test_id("review-client-name")).to_have_text(name)
    expect(review.get_by_test_id("review-client-document")).to_have_text(masked_cpf(client["document"]))
    expect(review.get_by_test_id("review-total")).to_have_text("R$ 1.799,80")
    expect(review.get_by_test_id("review-valid-until")).to_have_text(valid_until)
    expect(page.get_by_test_id("doc-status")).to_have_attribute("data-status", "rascunho")
    preview = page.get_by_test_id("pdf-preview")
    expect(preview).to_have_attribute("data-state", "ready", timeout=30_000)
    expect(preview).to_have_attribute("data-content-type", "application/pdf")
    assert int(preview.get_attribute("data-size") or 0) > 1000
    frame = page.get_by_test_id("pdf-preview-frame")
    assert (frame.get_attribute("src") or "").startswith("blob:")
    assert page.evaluate("async (src) => (await (await fetch(src)).text()).slice(0, 5)", frame.get_attribute("src")) == "%PDF-"

    # Enviar por e-mail: the client's address comes filled in; the PDF is generated and sent
    page.get_by_test_id("doc-send-email").click()
    dialog = page.get_by_test_id("send-dialog")
    expect(dialog.get_by_label("E-mail", exact=True)).to_have_value(email)
    dialog.get_by_label("Mensagem (opcional)").fill(f"Olá! Segue a proposta {number}.")
    dialog.get_by_test_id("send-confirm").click()
    expect(dialog).to_be_hidden()
    status = page.get_by_test_id("doc-status")
    expect(status).to_have_attribute("data-status", "enviado", timeout=SEND_TIMEOUT_MS)
    expect(status).to_have_attribute("data-processing", "false", timeout=SEND_TIMEOUT_MS)
    expect(status).to_have_text("Enviado")
    expect(page.get_by_test_id("doc-sent")).to_contain_text(f"Enviado por e-mail para {email}")
    expect(page.get_by_test_id("doc-download")).to_be_visible()

    # the sandbox's SMTP sink got it, with the PDF attached
    messages = [m for m in httpx.get(f"{sandbox}/sandbox/emails.json", timeout=5).json()["items"] if email in m["to"]]
    assert len(messages) == 1, messages
    message = messages[0]
    assert number in message["subject"]
    assert f"Segue a proposta {number}" in message["text"]
    assert [(a["filename"], a["content_type"]) for a in message["attachments"]] == [(f"{number}.pdf", "application/pdf")]
    attachment = httpx.get(f"{sandbox}/sandbox/emails/{message['id']}/attachments/0", timeout=5)
    assert attachment.content.startswith(b"%PDF-") and message["attachments"][0]["size"] > 1000

    # the Documentos list and the client's tab show it as sent; the card moved to Proposta enviada
    menu.get_by_test_id("nav-documentos").click()
    row = page.get_by_test_id(f"document-row-{document_id}")
    expect(row).to_contain_text(number)
    expect(row).to_contain_text(name)
    expect(row).to_contain_text("R$ 1.799,80")
    expect(row.get_by_test_id(f"document-status-{document_id}")).to_have_text("Enviado")
    page.goto(f"/clientes/{client['id']}?aba=documentos")
    expect(page.get_by_test_id("client-documents").get_by_test_id(f"document-row-{document_id}")).to_contain_text(number)
    menu.get_by_test_id("nav-funil").click()
    moved = page.get_by_test_id("funnel-column-proposta_enviada").locator(f"[data-client-id='{client['id']}']")
    expect(moved).to_be_visible()
    expect(page.get_by_test_id("funnel-column-novo_contato").locator(f"[data-client-id='{client['id']}']")).to_have_count(0)


def test_administrador_edits_the_company_data_and_a_document_template(page: Page, stack_url, tmp_path):
    login(page, "admin@demo.local")
    menu = page.get_by_test_id("side-menu")

    # Dados da empresa: the CNPJ is checked before sending, the API's field errors land on their inputs
    menu.get_by_test_id("nav-empresa").click()
    form = page.get_by_test_id("company-form")
    registration = f"{random.randint(100, 999)}.{random.randint(100, 999)}-{random.randint(0, 9)}"
    cnpj = form.get_by_label("CNPJ", exact=True)
    cnpj.fill("")
    cnpj.press_sequentially("11222333000182")
    expect(cnpj).to_have_value("11.222.333/0001-82")
    page.get_by_test_id("company-save").click()
    expect(form).to_contain_text("CNPJ inválido: confira os dígitos.")
    cnpj.fill("")
    cnpj.press_sequentially("11222333000181")
    form.get_by_label("Razão social", exact=True).fill("Impacte Demo Marketing Digital Ltda")
    form.get_by_label("Inscrição municipal", exact=True).fill(registration)
    site = form.get_by_label("Site", exact=True)
    previous_site = site.input_value()
    site.fill("não é um site")
    page.get_by_test_id("company-save").click()
    expect(form).to_contain_text("www.suaempresa.com.br")  # the API's message, under "Site"
    site.fill(previous_site or "www.impactedemo.com.br")
    page.get_by_test_id("company-save").click()
    expect(page.get_by_text("Dados da empresa salvos.")).to_be_visible()
    page.reload()
    expect(page.get_by_test_id("company-form").get_by_label("Inscrição municipal", exact=True)).to_have_value(registration)

    # the logo: a GIF is refused here, a PNG is sent and shown
    gif, png = tmp_path / "logo.gif", tmp_path / "logo.png"
    gif.write_bytes(b"GIF89a" + b"\0" * 32)
    png.write_bytes(PNG_2X2)
    with page.expect_file_chooser() as chooser:
        page.get_by_test_id("company-logo-upload").click()
    chooser.value.set_files(str(gif))
    expect(page.get_by_test_id("company-logo")).to_contain_text("O logo deve ser uma imagem PNG ou JPEG.")
    with page.expect_file_chooser() as chooser:
        page.get_by_test_id("company-logo-upload").click()
    chooser.value.set_files(str(png))
    expect(page.get_by_text("Logo atualizado.")).to_be_visible()
    expect(page.get_by_test_id("company-logo-preview")).to_be_visible()

    # Documentos > Modelos: a placeholder goes in at the cursor; an unknown one is refused naming the line
    menu.get_by_test_id("nav-documentos").click()
    page.get_by_test_id("documents-templates").click()
    page.get_by_test_id("template-kind-recibo").click()
    editor = page.get_by_test_id("template-editor-recibo")
    expect(editor.get_by_test_id("template-default")).to_be_visible()
    body = editor.get_by_label("Modelo", exact=True)
    body.fill("<h1>Recibo {{ documento.numero }}</h1>\n<p>Recebemos de </p>\n<p>{{ cliente.apelido }}</p>")
    body.evaluate("(el) => { const at = el.value.indexOf('de </p>') + 3; el.setSelectionRange(at, at); }")
    editor.get_by_test_id("placeholder-cliente.nome").click()
    expect(body).to_have_value(re.compile(r"<p>Recebemos de \{\{ cliente\.nome \}\}</p>"))
    editor.get_by_test_id("template-save").click()
    error = editor.get_by_test_id("template-error")
    expect(error).to_contain_text("cliente.apelido (linha 3)")
    expect(editor.get_by_test_id("template-error-line")).to_have_text("Ir para a linha 3")

    # fixed: the sample PDF shows in the page, it is saved, then the default comes back
    body.fill("<h1>Recibo {{ documento.numero }}</h1>\n<p>Recebemos de {{ cliente.nome }} {{ totais.total }}.</p>")
    editor.get_by_test_id("template-preview").click()
    preview = editor.get_by_test_id("template-preview-frame")
    expect(preview).to_have_attribute("data-state", "ready", timeout=30_000)
    expect(preview).to_have_attribute("data-content-type", "application/pdf")
    editor.get_by_test_id("template-save").click()
    expect(editor.get_by_test_id("template-custom")).to_be_visible()
    expect(error).to_have_count(0)
    editor.get_by_test_id("template-reset").click()
    page.get_by_role("dialog", name="Restaurar o modelo padrão").get_by_role("button", name="Restaurar padrão").click()
    expect(editor.get_by_test_id("template-default")).to_be_visible()
    expect(body).to_have_value(re.compile(r"Recebi\(emos\) de"))


# A 2×2 PNG (the API decodes the logo's header and checks its chunks).
PNG_2X2 = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000002000000020802000000fdd49a73"
    "0000001649444154789c6314a938c1c0c0c0c4c0c0c0c0c000000f660158e31dac07"
    "0000000049454e44ae426082"
)
