"""The web shell in a real browser: login, menus per role, Usuários, master area, phone layout."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

PASSWORD = "Demo@2026"
COMPANY_MODULES = ["dashboard", "clientes", "funil", "whatsapp", "agendamentos", "tarefas", "financeiro",
                   "cobrancas", "documentos", "ia", "radar", "relatorios", "integracoes", "suporte"]


def login(page: Page, email: str, password: str = PASSWORD) -> None:
    page.goto("/login")
    form = page.get_by_test_id("login-form")
    form.get_by_label("E-mail").fill(email)
    form.get_by_label("Senha", exact=True).fill(password)
    form.get_by_role("button", name="Entrar").click()


def test_administrador_sees_the_full_menu(page: Page):
    login(page, "admin@demo.local")
    menu = page.get_by_test_id("side-menu")
    expect(page.get_by_test_id("dashboard-welcome")).to_be_visible()
    for module in COMPANY_MODULES:
        expect(menu.get_by_test_id(f"nav-{module}")).to_be_visible()
    expect(menu.get_by_test_id("nav-usuarios")).to_be_visible()
    expect(menu.get_by_test_id("nav-master-empresas")).to_have_count(0)
    expect(page.get_by_test_id("company-name")).to_have_text("Impacte Demo")


def test_vendedor_sees_no_usuarios_nor_master_menu(page: Page):
    login(page, "vendedor@demo.local")
    menu = page.get_by_test_id("side-menu")
    expect(menu.get_by_test_id("nav-clientes")).to_be_visible()
    expect(menu.get_by_test_id("nav-funil")).to_be_visible()
    expect(menu.get_by_test_id("nav-usuarios")).to_have_count(0)
    expect(menu.get_by_test_id("nav-master-empresas")).to_have_count(0)
    expect(menu.get_by_test_id("nav-master-planos")).to_have_count(0)
    expect(menu.get_by_test_id("nav-integracoes")).to_have_count(0)
    # typing the address does not open the page either
    page.goto("/usuarios")
    expect(page.get_by_test_id("forbidden")).to_be_visible()


def test_wrong_password_shows_the_portuguese_error(page: Page):
    login(page, "gerente@demo.local", "SenhaErrada1")
    expect(page.get_by_role("alert")).to_contain_text("E-mail ou senha incorretos.")
    expect(page).to_have_url(re.compile(r"/login"))


def test_master_sees_only_the_master_area(page: Page):
    login(page, "master@impacte.local")
    menu = page.get_by_test_id("side-menu")
    expect(menu.get_by_test_id("nav-master-empresas")).to_be_visible()
    expect(menu.get_by_test_id("nav-master-planos")).to_be_visible()
    expect(menu.get_by_test_id("nav-clientes")).to_have_count(0)
    expect(menu.get_by_test_id("nav-usuarios")).to_have_count(0)
    menu.get_by_test_id("nav-master-empresas").click()
    expect(page.get_by_test_id("tenants-table")).to_contain_text("Impacte Demo")


def test_administrador_creates_a_user_who_can_then_log_in(page: Page, browser, stack_url):
    login(page, "admin@demo.local")
    page.get_by_test_id("side-menu").get_by_test_id("nav-usuarios").click()
    expect(page.get_by_test_id("users-table")).to_contain_text("vendedor@demo.local")
    page.get_by_role("button", name="Novo usuário").click()
    form = page.get_by_test_id("user-form")
    form.get_by_label("Nome").fill("Beatriz Browser")
    form.get_by_label("E-mail").fill("beatriz@demo.local")
    form.get_by_label("Papel").click()
    page.get_by_role("option", name="Atendente").click()
    form.get_by_label("Senha inicial").fill("curta")
    form.get_by_role("button", name="Criar usuário").click()
    expect(form).to_contain_text("8 caracteres")  # the API's pt-BR message, on the field
    form.get_by_label("Senha inicial").fill("Browser2026")
    form.get_by_role("button", name="Criar usuário").click()
    expect(page.get_by_test_id("user-row-beatriz@demo.local")).to_be_visible()

    other = browser.new_context(base_url=stack_url, locale="pt-BR").new_page()
    login(other, "beatriz@demo.local", "Browser2026")
    expect(other.get_by_test_id("side-menu").get_by_test_id("nav-whatsapp")).to_be_visible()
    expect(other.get_by_test_id("side-menu").get_by_test_id("nav-usuarios")).to_have_count(0)
    other.context.close()


def test_phone_layout_opens_the_menu_from_the_burger(phone: Page):
    login(phone, "atendente@demo.local")
    expect(phone.get_by_test_id("dashboard-welcome")).to_be_visible()
    menu = phone.get_by_test_id("side-menu")
    expect(menu.get_by_test_id("nav-whatsapp")).not_to_be_in_viewport()
    phone.get_by_test_id("burger").click()
    expect(menu.get_by_test_id("nav-whatsapp")).to_be_in_viewport()
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"page scrolls sideways on a phone ({width}px)"
