"""Integrações and the WhatsApp inbox in a real browser, against the local stack and its sandbox
(fake Meta Graph API with signed webhooks, SMTP sink)."""

from __future__ import annotations

import random
import re

import httpx
import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import sandbox_status
from tests.e2e.test_shell import login

DEMO_SECRETS = ("sandbox-token-demo", "sandbox-app-secret", "sandbox-verify-token")


@pytest.fixture
def sandbox(stack_url):
    """The sandbox is ready and the demo number's webhook verified (Testar ran)."""
    status = sandbox_status(stack_url)
    demo = [n for n in status["numbers"] if n["phone_number_id"] == "100200300400500"]
    assert demo and demo[0]["webhook_verified"], status
    return stack_url


def new_phone() -> tuple[str, str]:
    """(typed, E.164) of a fresh mobile number (never ending in 999: the sandbox's undeliverable numbers)."""
    rest = f"{random.randint(0, 9999_9998):08d}"
    return f"(11) 9{rest[:4]}-{rest[4:]}", f"+55119{rest}"


def new_name() -> str:
    """A unique contact name without digits (a query with 3+ digits searches documents and phones)."""
    return "Lead " + "".join(random.choice("bcdfghjklmnprstvz") + random.choice("aeiou") for _ in range(3)).title()


def page_text_and_values(page: Page) -> str:
    values = page.evaluate("Array.from(document.querySelectorAll('input, textarea')).map(e => e.value).join('\\n')")
    return page.content() + "\n" + values


def test_administrador_sees_whatsapp_connected_and_tests_whatsapp_and_email(page: Page, sandbox):
    login(page, "admin@demo.local")
    page.get_by_test_id("side-menu").get_by_test_id("nav-integracoes").click()

    card = page.get_by_test_id("integration-whatsapp")
    expect(card.get_by_test_id("integration-status-whatsapp")).to_have_text("Configurada")
    expect(card.get_by_test_id("setting-whatsapp-phone_number_id")).to_have_value("100200300400500")
    expect(card.get_by_test_id("whatsapp-display-number")).to_have_value("+55 11 4000-0500")
    expect(card.get_by_test_id("whatsapp-templates")).to_contain_text("retorno_proposta")
    # secrets: masked state, empty inputs, the values nowhere on the page
    token = card.get_by_test_id("secret-whatsapp-access_token")
    expect(token).to_have_value("")
    expect(card).to_contain_text(re.compile(r"•••••••• alterado em \d{2}/\d{2}/\d{4} \d{2}:\d{2}"))
    expect(card.get_by_test_id("webhook-url-whatsapp")).to_contain_text("/webhooks/whatsapp/")
    everything = page_text_and_values(page)
    for secret in DEMO_SECRETS:
        assert secret not in everything

    # the API's field errors land on their inputs (nothing is saved)
    phone_id = card.get_by_test_id("setting-whatsapp-phone_number_id")
    phone_id.fill("12ab")
    card.get_by_test_id("integration-save-whatsapp").click()
    expect(phone_id).to_have_attribute("aria-invalid", "true")
    phone_id.fill("100200300400500")

    card.get_by_test_id("integration-test-whatsapp").click()
    result = card.get_by_test_id("integration-test-result-whatsapp")
    expect(result).to_have_attribute("data-ok", "true")
    expect(result).to_contain_text("Conectado: Impacte Demo +55 11 4000-0500")

    email = page.get_by_test_id("integration-smtp")
    expect(email.get_by_test_id("secret-smtp-password")).to_have_value("")
    email.get_by_test_id("integration-test-smtp").click()
    result = email.get_by_test_id("integration-test-result-smtp")
    expect(result).to_have_attribute("data-ok", "true")
    expect(result).to_contain_text("Login no servidor 127.0.0.1 realizado com sucesso")

    # and a real e-mail reaches the sandbox's SMTP sink
    to = f"teste{random.randint(1000, 9999)}@exemplo.com.br"
    email.get_by_test_id("test-email-to").fill(to)
    email.get_by_role("button", name="Enviar e-mail de teste").click()
    expect(email.get_by_test_id("test-email-result")).to_contain_text(f"E-mail de teste enviado para {to}")
    received = httpx.get(f"{sandbox}/sandbox/emails.json", timeout=5).json()["items"]
    assert any(to in m["to"] and m["subject"] == "Teste de e-mail do Impacte+" for m in received)

    for secret in DEMO_SECRETS:
        assert secret not in page_text_and_values(page)


def test_vendedor_answers_a_new_lead_and_sees_it_delivered_and_read(page: Page, sandbox):
    typed, e164 = new_phone()
    name = new_name()
    login(page, "vendedor@demo.local")
    page.get_by_test_id("side-menu").get_by_test_id("nav-whatsapp").click()
    expect(page.get_by_test_id("whatsapp-inbox")).to_be_visible()

    page.get_by_test_id("simulate-inbound").click()
    form = page.get_by_test_id("simulate-form")
    form.get_by_label("Telefone").fill(typed)
    form.get_by_label("Nome").fill(name)
    form.get_by_label("Texto").fill("Olá! Vi o anúncio e quero um orçamento.")
    form.get_by_role("button", name="Simular").click()
    expect(form).to_be_hidden()

    row = page.locator(f"[data-testid^='conversation-'][data-phone='{e164}']")
    expect(row).to_be_visible(timeout=15_000)
    expect(row).to_contain_text(name)
    expect(row).to_contain_text("quero um orçamento")
    row.click()

    thread = page.get_by_test_id("thread")
    expect(thread.get_by_test_id("thread-title")).to_have_text(name)
    expect(thread.locator("[data-direction='in']")).to_contain_text("Vi o anúncio e quero um orçamento.")
    expect(row.locator("[data-testid^='unread-']")).to_have_count(0)  # opening it read it

    reply = "Olá! Claro, já te envio os valores."
    thread.get_by_test_id("reply-text").fill(reply)
    thread.get_by_test_id("reply-text").press("Enter")
    sent = thread.locator("[data-direction='out']").filter(has_text=reply)
    expect(sent).to_be_visible()
    expect(thread.get_by_test_id("reply-text")).to_have_value("")
    # the fake Meta reports sent -> delivered -> read through signed webhooks; the thread polls
    expect(sent).to_have_attribute("data-status", re.compile(r"^(delivered|read)$"), timeout=20_000)
    expect(sent).to_have_attribute("data-status", "read", timeout=20_000)
    expect(sent.get_by_test_id("message-status")).to_have_attribute("title", "Lida")

    # the lead is a client now (owned by the vendedor, the WhatsApp default owner)
    expect(thread.get_by_test_id("thread-client-link")).to_be_visible()
    page.get_by_test_id("side-menu").get_by_test_id("nav-clientes").click()
    page.get_by_test_id("clients-search").fill(name)
    expect(page).to_have_url(re.compile(r"[?&]q="))  # the search applied (debounced)
    expect(page.get_by_test_id("clients-table")).to_contain_text(name, timeout=15_000)

    # and its page opens the same conversation
    page.get_by_test_id("clients-table").get_by_role("link", name=name).click()
    page.get_by_test_id("client-whatsapp").click()
    expect(page).to_have_url(re.compile(r"/whatsapp\?conversa="))
    expect(page.get_by_test_id("thread-title")).to_have_text(name)
    expect(page.get_by_test_id("thread").locator("[data-direction='out']")).to_contain_text(reply)


def test_phone_layout_opens_the_thread_as_its_own_screen(phone: Page, sandbox):
    typed, e164 = new_phone()
    login(phone, "atendente@demo.local")
    expect(phone.get_by_test_id("dashboard-welcome")).to_be_visible()
    phone.goto("/whatsapp")
    phone.get_by_test_id("simulate-inbound").click()
    form = phone.get_by_test_id("simulate-form")
    form.get_by_label("Telefone").fill(typed)
    form.get_by_label("Texto").fill("Bom dia, vocês atendem aos sábados?")
    form.get_by_role("button", name="Simular").click()

    row = phone.locator(f"[data-testid^='conversation-'][data-phone='{e164}']")
    row.click()
    expect(phone.get_by_test_id("conversation-list")).to_have_count(0)
    thread = phone.get_by_test_id("thread")
    expect(thread).to_contain_text("vocês atendem aos sábados?")
    expect(thread.get_by_test_id("composer")).to_have_attribute("data-mode", "text")
    thread.get_by_test_id("thread-back").click()
    expect(phone.get_by_test_id("conversation-list")).to_be_visible()
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"page scrolls sideways on a phone ({width}px)"
