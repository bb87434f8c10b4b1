"""Cobranças in a real browser, against the local stack and its fake Cora: the financeiro opens a client's card in
the funnel, "Gerar cobranças" pre-fills the opportunity (R$ 300,00 in 3 installments), the live preview splits it,
the series is issued in the background (three charges "Emitida", each with the PIX QR code drawn from its EMV),
"Simular pagamento" (Cora's test environment) pays the first one and the Dashboard's "Recebido no período" grows.
On a phone the client's charges show as cards and a charge opens with its QR code."""

from __future__ import annotations

import random
import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import httpx
from playwright.sync_api import Page, expect

from tests.e2e.test_integrations_whatsapp import new_name
from tests.e2e.test_shell import PASSWORD, login
from tests.support.people import new_cpf, new_mobile

BRASILIA = ZoneInfo("America/Sao_Paulo")
SERIES_TIMEOUT_MS = 60_000  # 202 -> state machine -> one Cora call per installment -> stored


def token(stack_url: str, email: str) -> str:
    response = httpx.post(f"{stack_url}/api/auth/login", json={"email": email, "password": PASSWORD}, timeout=10)
    assert response.status_code == 200, response.text
    return response.json()["access_token"]


def ensure_cora(stack_url: str) -> None:
    """`make dev` connects the demo company to the sandbox's fake Cora and runs Testar (token and payment
    webhook registration) once the server listens."""
    headers = {"Authorization": f"Bearer {token(stack_url, 'admin@demo.local')}"}
    items = httpx.get(f"{stack_url}/api/integrations", headers=headers, timeout=10).json()["items"]
    cora = next(item for item in items if item["kind"] == "cora")
    assert cora["configured"] and cora["settings"]["environment"] == "stage", cora
    assert (cora.get("last_test") or {}).get("ok") is True, cora.get("last_test")
    assert cora["settings"]["endpoint_id"], "Testar registers the payment webhook at the fake Cora"


def new_client_with_opportunity(stack_url: str, total_cents: int, installments: int, first_due: str) -> dict:
    """A client with CPF (Cora needs the payer's document) whose card says how the deal will be paid."""
    first, last = new_name().split(" ", 1)
    headers = {"Authorization": f"Bearer {token(stack_url, 'gerente@demo.local')}"}
    email = f"{first.lower()}.{random.randint(1000, 9999)}@example.com"
    response = httpx.post(f"{stack_url}/api/clients", headers=headers, timeout=10,
                          json={"first_name": first, "last_name": last, "document": new_cpf(), "email": email,
                                "whatsapp": new_mobile()})
    assert response.status_code == 201, response.text
    client = response.json()
    response = httpx.patch(f"{stack_url}/api/funnel/cards/{client['card_id']}", headers=headers, timeout=10,
                           json={"value_cents": total_cents, "installments": installments, "first_due_date": first_due})
    assert response.status_code == 200, response.text
    return client


def received_cents(page: Page) -> int:
    page.get_by_test_id("side-menu").get_by_test_id("nav-dashboard").click()
    kpi = page.get_by_test_id("kpi-charges-received")
    expect(kpi).to_be_visible()
    return int(kpi.get_attribute("data-cents") or "0")


def test_financeiro_makes_a_series_from_the_funnel_and_simulates_a_payment(page: Page, phone: Page, sandbox):
    ensure_cora(sandbox)
    today = datetime.now(BRASILIA).date()
    first_due = today + timedelta(days=5)
    client = new_client_with_opportunity(sandbox, 30_000, 3, first_due.isoformat())
    name = client["display_name"]
    description = f"Plano trimestral {name.split()[-1]}"
    dues = [first_due.strftime("%d/%m/%Y")]

    login(page, "financeiro@demo.local")
    before = received_cents(page)

    # the client's card: "Gerar cobranças" comes pre-filled with the opportunity
    page.get_by_test_id("side-menu").get_by_test_id("nav-funil").click()
    # (read-only on the board: dnd-kit marks the card aria-disabled, for dragging only; a click still opens it)
    page.get_by_test_id("funnel-column-novo_contato").locator(f"[data-client-id='{client['id']}']").click(force=True)
    page.get_by_test_id("card-drawer").get_by_test_id("card-drawer-charges").click()
    dialog = page.get_by_test_id("series-dialog")
    expect(dialog.get_by_test_id("series-client")).to_have_value(name)
    expect(dialog.get_by_role("radio", name="Valor total")).to_be_checked()
    expect(dialog.get_by_label("Valor", exact=True)).to_have_value("300,00")
    expect(dialog.get_by_label("Número de parcelas", exact=True)).to_have_value("3")
    expect(dialog.get_by_label("1º vencimento", exact=True)).to_have_value(dues[0])
    expect(dialog.get_by_label("Intervalo (meses)", exact=True)).to_have_value("1")
    expect(dialog.get_by_role("checkbox", name="Boleto")).to_be_checked()
    expect(dialog.get_by_role("checkbox", name="PIX")).to_be_checked()
    dialog.get_by_label("Descrição", exact=True).fill(description)

    # the live preview: three installments of R$ 100,00, a month apart
    preview = dialog.get_by_test_id("series-preview")
    expect(preview.locator("[data-testid^='series-preview-row-']")).to_have_count(3)
    expect(preview.get_by_test_id("series-preview-total")).to_have_text("R$ 300,00")
    for n in (1, 2, 3):
        expect(preview.get_by_test_id(f"series-preview-row-{n}")).to_contain_text("R$ 100,00")
    expect(preview.get_by_test_id("series-preview-row-1")).to_contain_text(dues[0])
    dialog.get_by_test_id("series-submit").click()

    # issued in the background: the dialog follows the series until each charge is "Emitida"
    result = page.get_by_test_id("series-result")
    expect(result).to_have_attribute("data-status", "concluida", timeout=SERIES_TIMEOUT_MS)
    charges = result.locator("[data-testid^='series-charge-'][data-charge-id]")
    expect(charges).to_have_count(3)
    ids = []
    for n in (1, 2, 3):
        row = result.get_by_test_id(f"series-charge-{n}")
        expect(row).to_have_attribute("data-status", "emitida")
        expect(row).to_contain_text("Emitida")
        expect(row).to_contain_text(f"Parcela {n} de 3")
        ids.append(row.get_attribute("data-charge-id"))
    expect(result.get_by_test_id("series-charges-link")).to_have_attribute("href", f"/cobrancas?cliente={client['id']}")

    # each charge: boleto and the PIX QR code drawn in the browser from its EMV
    for n, charge_id in enumerate(ids, start=1):
        page.goto(f"/cobrancas/{charge_id}")
        detail = page.get_by_test_id("charge-detail")
        expect(detail).to_have_attribute("data-charge-id", charge_id)
        expect(detail.get_by_test_id("charge-status")).to_have_text("Emitida")
        expect(detail.get_by_test_id("charge-series")).to_have_text(f"Parcela {n} de 3")
        expect(detail.get_by_test_id("charge-amount")).to_have_text("R$ 100,00")
        expect(detail.get_by_test_id("charge-client-link")).to_have_text(name)
        expect(detail.get_by_test_id("charge-digitable-line")).to_have_text(re.compile(r"^\d{5}\.\d{5} "))
        expect(detail.get_by_test_id("charge-pdf-link")).to_have_attribute("target", "_blank")
        qr = detail.get_by_test_id("charge-pix-qr")
        expect(qr).to_be_visible()
        assert (qr.get_attribute("src") or "").startswith("data:image/png")
        assert qr.evaluate("(img) => img.complete && img.naturalWidth") > 0
        assert (detail.get_by_test_id("charge-pix-code").inner_text() or "").startswith("000201")
        expect(detail.get_by_test_id("charge-history")).to_contain_text("Cobrança criada")

    # Simular pagamento (Cora's test environment) on the first installment: it is paid
    page.goto(f"/cobrancas/{ids[0]}")
    detail = page.get_by_test_id("charge-detail")
    expect(detail.get_by_test_id("charge-simulate")).to_contain_text("ambiente de testes")
    detail.get_by_test_id("charge-simulate-payment").click()
    expect(detail.get_by_test_id("charge-status")).to_have_text("Paga")
    expect(detail.get_by_test_id("charge-status")).to_have_attribute("data-status", "paga")
    expect(detail.get_by_test_id("charge-paid-amount")).to_have_text("R$ 100,00")
    expect(detail.get_by_test_id("charge-paid-at")).to_contain_text(today.strftime("%d/%m/%Y"))
    expect(detail.get_by_test_id("charge-simulate-payment")).to_have_count(0)

    # Cobranças filtered by the client: totals and the three rows
    page.goto(f"/cobrancas?cliente={client['id']}")
    expect(page.get_by_test_id("charges-table").locator("[data-testid^='charge-row-']")).to_have_count(3)
    expect(page.get_by_test_id(f"charge-status-{ids[0]}")).to_have_text("Paga")
    expect(page.get_by_test_id(f"charge-row-{ids[1]}")).to_contain_text("parcela 2/3")
    expect(page.get_by_test_id("charges-total-paid")).to_have_attribute("data-cents", "10000")
    expect(page.get_by_test_id("charges-total-pending")).to_have_attribute("data-cents", "20000")

    # the Dashboard: "Recebido no período" grew by the payment
    page.get_by_test_id("side-menu").get_by_test_id("nav-dashboard").click()
    expect(page.get_by_test_id("kpi-charges-received")).to_have_attribute("data-cents", str(before + 10_000))

    # on a phone: the client's Financeiro tab lists the charges as cards; a tap opens one with its QR code
    login(phone, "financeiro@demo.local")
    expect(phone.get_by_test_id("burger")).to_be_visible()
    phone.goto(f"/clientes/{client['id']}?aba=financeiro")
    tab = phone.get_by_test_id("client-charges")
    expect(tab.locator("[data-testid^='charge-row-']")).to_have_count(3)
    expect(tab.get_by_test_id("client-charges-totals").get_by_test_id("charges-total-paid")).to_contain_text("R$ 100,00")
    tab.get_by_test_id(f"charge-row-{ids[1]}").get_by_test_id("charge-due").click()
    expect(phone).to_have_url(re.compile(rf"/cobrancas/{ids[1]}$"))
    expect(phone.get_by_test_id("charge-pix-qr")).to_be_visible()
    assert phone.evaluate("() => document.documentElement.scrollWidth") <= 390
