"""Clientes and Funil in a real browser: register, search, drag a card, timeline, data scope."""

from __future__ import annotations

import re

from playwright.sync_api import Locator, Page, expect

from tests.e2e.test_shell import login

CPF = "526.018.159-06"  # valid check digits; not used by the demo clients


def brl_to_cents(text: str) -> int:
    """"R$ 1.234,56" -> 123456."""
    return int(re.sub(r"[^0-9]", "", text))


def client_id_from(page: Page) -> str:
    page.wait_for_url(re.compile(r"/clientes/[0-9A-Z]{20,}$"))
    return page.url.rstrip("/").rsplit("/", 1)[-1]


def drag(page: Page, source: Locator, target: Locator) -> None:
    """Press, move in small steps (dnd-kit starts after a few pixels), release over the target."""
    source.scroll_into_view_if_needed()
    box = source.bounding_box()
    assert box, "card not on screen"
    x, y = box["x"] + box["width"] / 2, box["y"] + min(box["height"] / 2, 20)
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + 12, y + 4, steps=4)
    goal = target.bounding_box()
    assert goal, "column not on screen"
    page.mouse.move(goal["x"] + goal["width"] / 2, goal["y"] + 120, steps=15)
    page.mouse.up()


def test_vendedor_registers_finds_and_moves_a_client(page: Page):
    login(page, "vendedor@demo.local")
    page.get_by_test_id("side-menu").get_by_test_id("nav-clientes").click()
    page.get_by_role("link", name="Novo cliente").click()

    form = page.get_by_test_id("client-form")
    form.get_by_label("Nome", exact=True).fill("Carla")
    form.get_by_label("Sobrenome", exact=True).fill("Navegadora")
    form.get_by_label("Nome comercial", exact=True).fill("Doces da Carla")
    form.get_by_label("CPF", exact=True).press_sequentially("52601815906")
    expect(form.get_by_label("CPF", exact=True)).to_have_value(CPF)  # the mask formats while typing
    form.get_by_label("WhatsApp", exact=True).press_sequentially("11976543210")
    expect(form.get_by_label("WhatsApp", exact=True)).to_have_value("(11) 97654-3210")
    form.get_by_label("E-mail", exact=True).fill("carla.navegadora@example.com")
    form.get_by_label("CEP", exact=True).press_sequentially("01310100")
    form.get_by_label("Cidade", exact=True).fill("São Paulo")
    form.get_by_label("Valor da oportunidade", exact=True).press_sequentially("1500,00")
    form.get_by_label("Consentimento WhatsApp").click()
    page.get_by_role("option", name="Concedido").click()
    form.get_by_label("Base legal WhatsApp").click()
    page.get_by_role("option", name="Consentimento", exact=True).click()
    form.get_by_role("button", name="Cadastrar cliente").click()

    client_id = client_id_from(page)
    expect(page.get_by_test_id("client-name")).to_have_text("Carla Navegadora")
    expect(page.get_by_test_id("client-stage")).to_have_text("Novo contato")
    details = page.get_by_test_id("client-details")
    expect(details).to_contain_text(CPF)
    expect(details).to_contain_text("(11) 97654-3210")
    expect(details).to_contain_text("R$ 1.500,00")
    expect(details).to_contain_text("Concedido · Consentimento")

    # found by typing the CPF in the search
    page.get_by_test_id("side-menu").get_by_test_id("nav-clientes").click()
    page.get_by_test_id("clients-search").fill(CPF)
    expect(page).to_have_url(re.compile(r"q=526"))
    expect(page.get_by_test_id(f"client-row-{client_id}")).to_contain_text("Carla Navegadora")

    # the funnel: drag its card from Novo contato to Contato com resposta
    page.get_by_test_id("side-menu").get_by_test_id("nav-funil").click()
    source_column = page.get_by_test_id("funnel-column-novo_contato")
    target_column = page.get_by_test_id("funnel-column-contato_com_resposta")
    card = source_column.locator(f"[data-client-id='{client_id}']")
    expect(card).to_be_visible()
    count = page.get_by_test_id("funnel-count-contato_com_resposta")
    total = page.get_by_test_id("funnel-total-contato_com_resposta")
    count_before, total_before = int(count.inner_text()), brl_to_cents(total.inner_text())
    drag(page, card, target_column)
    moved = target_column.locator(f"[data-client-id='{client_id}']")
    expect(moved).to_be_visible()
    expect(source_column.locator(f"[data-client-id='{client_id}']")).to_have_count(0)
    expect(count).to_have_text(str(count_before + 1))
    assert brl_to_cents(total.inner_text()) == total_before + 150000

    # the move is on the server: after a reload the card is still there
    page.reload()
    expect(page.get_by_test_id("funnel-column-contato_com_resposta").locator(f"[data-client-id='{client_id}']")).to_be_visible()

    # open the client from the card drawer and read the timeline
    page.get_by_test_id("funnel-column-contato_com_resposta").locator(f"[data-client-id='{client_id}']").click()
    drawer = page.get_by_test_id("card-drawer")
    expect(drawer.get_by_test_id("card-drawer-stage")).to_have_text("Contato com resposta")
    drawer.get_by_test_id("card-drawer-client").click()
    expect(page.get_by_test_id("client-stage")).to_have_text("Contato com resposta")
    page.get_by_test_id("tab-timeline").click()
    timeline = page.get_by_test_id("client-timeline")
    expect(timeline.get_by_test_id("timeline-stage-move").first).to_have_text("Novo contato → Contato com resposta")
    expect(timeline.get_by_test_id("timeline-event-created")).to_be_visible()


def test_vendedor_does_not_see_another_sellers_client(page: Page, browser, stack_url):
    login(page, "admin@demo.local")
    page.get_by_test_id("side-menu").get_by_test_id("nav-clientes").click()
    page.get_by_role("link", name="Novo cliente").click()
    form = page.get_by_test_id("client-form")
    form.get_by_label("Nome", exact=True).fill("Otávio")
    form.get_by_label("Sobrenome", exact=True).fill("Dogerente")
    form.get_by_label("Responsável", exact=True).click()
    page.get_by_role("option", name="Gustavo Gerente").click()
    form.get_by_role("button", name="Cadastrar cliente").click()
    client_id_from(page)
    expect(page.get_by_test_id("client-header")).to_contain_text("Responsável: Gustavo Gerente")

    # the administrador finds it
    page.get_by_test_id("side-menu").get_by_test_id("nav-clientes").click()
    page.get_by_test_id("clients-search").fill("Dogerente")
    expect(page.get_by_test_id("clients-table")).to_contain_text("Otávio Dogerente")

    seller = browser.new_context(base_url=stack_url, locale="pt-BR", timezone_id="America/Sao_Paulo").new_page()
    seller.set_default_timeout(15_000)
    login(seller, "vendedor@demo.local")
    seller.get_by_test_id("side-menu").get_by_test_id("nav-clientes").click()
    seller.get_by_test_id("clients-search").fill("Dogerente")
    expect(seller).to_have_url(re.compile(r"q=Dogerente"))
    expect(seller.get_by_test_id("clients-empty")).to_be_visible()
    expect(seller.get_by_text("Otávio Dogerente")).to_have_count(0)
    seller.context.close()
