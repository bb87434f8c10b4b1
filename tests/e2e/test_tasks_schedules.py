"""Agendamentos and Tarefas in a real browser, against the local stack: a WhatsApp scheduled through the
form goes out with the dispatcher (15-second timer locally) through the sandbox's fake Meta; a failure
shows its reason; "Criar retorno" from a funnel card becomes a task that is completed in Tarefas."""

from __future__ import annotations

import random
import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import httpx
from playwright.sync_api import Page, expect

from tests.e2e.test_integrations_whatsapp import new_name, new_phone
from tests.e2e.test_shell import PASSWORD, login

BRASILIA = ZoneInfo("America/Sao_Paulo")
DISPATCH_TIMEOUT_MS = 150_000  # the next minute + a dispatcher run (every 15 s) + the list's 10-s polling
TEMPLATE_TEXT = "Olá {nome}, tudo bem? Podemos conversar sobre a proposta que enviamos?"  # sandbox's retorno_proposta


def api_client(stack_url: str, email: str) -> httpx.Client:
    token = httpx.post(f"{stack_url}/api/auth/login", json={"email": email, "password": PASSWORD},
                       timeout=10).json()["access_token"]
    return httpx.Client(base_url=stack_url, headers={"Authorization": f"Bearer {token}"}, timeout=10)


def new_client(stack_url: str, *, whatsapp: str | None = None) -> dict:
    """A fresh client of the vendedor (set up through the API; the screens under test come after)."""
    first, last = new_name().split(" ", 1)
    with api_client(stack_url, "vendedor@demo.local") as api:
        response = api.post("/api/clients", json={"first_name": first, "last_name": last, "whatsapp": whatsapp})
    assert response.status_code == 201, response.text
    return response.json()


def next_minute() -> datetime:
    """The next whole minute in Brasília time (one more when this one is nearly over, so the form
    cannot be late)."""
    now = datetime.now(BRASILIA)
    return now.replace(second=0, microsecond=0) + timedelta(minutes=2 if now.second >= 45 else 1)


def fill_when(form, when: datetime) -> None:
    day = form.get_by_label("Data do envio", exact=True)
    day.fill(when.strftime("%d/%m/%Y"))
    day.press("Tab")  # leaves the field: its calendar closes
    form.get_by_label("Hora", exact=True).fill(when.strftime("%H:%M"))
    expect(form.get_by_label("Hora", exact=True)).to_have_value(when.strftime("%H:%M"))


def schedule_row(page: Page, text: str):
    return page.locator("[data-testid^='schedule-row-']").filter(has_text=text)


def test_vendedor_schedules_a_whatsapp_template_that_goes_out_and_a_failure_shows_why(page: Page, sandbox):
    typed, e164 = new_phone()
    client = new_client(sandbox, whatsapp=e164)
    name, first = client["display_name"], client["display_name"].split(" ")[0]
    login(page, "vendedor@demo.local")
    page.get_by_test_id("side-menu").get_by_test_id("nav-agendamentos").click()

    # a new number has no open 24-h window: an approved template, with its parameter and its preview
    page.get_by_test_id("schedules-new").click()
    form = page.get_by_test_id("schedule-form")
    form.get_by_label("Cliente", exact=True).fill(name)
    page.get_by_role("option", name=name).click()
    expect(form).to_contain_text(f"WhatsApp {typed}")  # the client's contacts under the field
    expect(form.get_by_role("radio", name="WhatsApp")).to_be_checked()
    form.get_by_test_id("schedule-wa-toggle").check()
    form.get_by_label("Modelo aprovado", exact=True).click()
    page.get_by_role("option", name="retorno_proposta (pt_BR)").click()
    form.get_by_label("Parâmetro {{1}}", exact=True).fill(first)
    expect(form.get_by_test_id("schedule-wa-preview")).to_have_text(TEMPLATE_TEXT.format(nome=first))
    form.get_by_label("Finalidade", exact=True).click()
    page.get_by_role("option", name="Retorno de proposta").click()
    when = next_minute()
    fill_when(form, when)
    form.get_by_test_id("schedule-save").click()
    expect(form).to_be_hidden()
    sent_row = schedule_row(page, name)
    expect(sent_row).to_contain_text(when.strftime("%d/%m/%Y %H:%M"))
    expect(sent_row).to_contain_text("Modelo aprovado: retorno_proposta")
    expect(sent_row.locator("[data-testid^='schedule-status-']")).to_have_text("Agendado")

    # free text to a loose number that never wrote: accepted now, refused by WhatsApp at send time
    other_typed, _ = new_phone()
    page.get_by_test_id("schedules-new").click()
    form.get_by_text("Destino avulso", exact=True).click()
    form.get_by_label("Telefone", exact=True).press_sequentially(re.sub(r"\D", "", other_typed))
    expect(form.get_by_label("Telefone", exact=True)).to_have_value(other_typed)
    form.get_by_test_id("message-body").fill("Oi! Tudo certo para amanhã?")
    expect(form.get_by_test_id("message-preview-body")).to_have_text("Oi! Tudo certo para amanhã?")
    fill_when(form, next_minute())
    form.get_by_test_id("schedule-save").click()
    expect(form).to_be_hidden()
    failing_row = schedule_row(page, other_typed)
    expect(failing_row.locator("[data-testid^='schedule-status-']")).to_have_attribute("data-status", "agendado")

    # the dispatcher sends them; the list polls while something is due
    sent_badge = sent_row.locator("[data-testid^='schedule-status-']")
    expect(sent_badge).to_have_attribute("data-status", "enviado", timeout=DISPATCH_TIMEOUT_MS)
    expect(sent_badge).to_have_text("Enviado")
    failed_badge = failing_row.locator("[data-testid^='schedule-status-']")
    expect(failed_badge).to_have_attribute("data-status", "erro", timeout=DISPATCH_TIMEOUT_MS)
    expect(failed_badge).to_have_text("Erro")
    expect(page.get_by_test_id("schedule-error")).to_have_count(0)
    failed_badge.hover()
    reason = page.get_by_test_id("schedule-error")
    expect(reason).to_be_visible()
    expect(reason).to_contain_text("WhatsApp: A janela de 24 horas para mensagens livres está fechada")

    # filtering by status keeps only the failure
    page.get_by_test_id("schedules-filter-status").click()
    page.get_by_role("option", name="Erro").click()
    expect(page).to_have_url(re.compile(r"status=erro"))
    expect(failing_row).to_be_visible()
    expect(sent_row).to_have_count(0)

    # the template reached the client's WhatsApp conversation (through the fake Meta)
    page.goto(f"/clientes/{client['id']}")
    page.get_by_test_id("client-whatsapp").click()
    expect(page).to_have_url(re.compile(r"/whatsapp\?conversa="))
    outgoing = page.get_by_test_id("thread").locator("[data-direction='out']")
    expect(outgoing).to_contain_text(TEMPLATE_TEXT.format(nome=first))


def test_criar_retorno_from_a_funnel_card_then_complete_it_in_tarefas(page: Page, stack_url):
    client = new_client(stack_url)
    name = client["display_name"]
    title = f"Retornar sobre a proposta {random.randint(1000, 9999)}"
    today = datetime.now(BRASILIA).strftime("%d/%m/%Y")
    login(page, "vendedor@demo.local")
    kpi = page.get_by_test_id("kpi-tasks-overdue")
    expect(kpi).to_contain_text("Tarefas atrasadas")
    overdue_before = int(re.sub(r"\D", "", kpi.inner_text()))

    # the card's drawer: "Criar retorno" opens the task form with the client (and its card)
    page.get_by_test_id("side-menu").get_by_test_id("nav-funil").click()
    card = page.get_by_test_id("funnel-column-novo_contato").locator(f"[data-client-id='{client['id']}']")
    card.click()
    drawer = page.get_by_test_id("card-drawer")
    drawer.get_by_test_id("create-followup").click()
    form = page.get_by_test_id("task-form")
    expect(page.get_by_role("dialog", name="Criar retorno")).to_be_visible()
    expect(form.get_by_label("Cliente", exact=True)).to_have_value(name)
    form.get_by_label("Título", exact=True).fill(title)
    form.get_by_label("Prazo", exact=True).fill(today)
    form.get_by_label("Prazo", exact=True).press("Tab")
    form.get_by_label("Hora (opcional)", exact=True).fill("00:00")  # already past: overdue from the start
    form.get_by_label("Prioridade", exact=True).click()
    page.get_by_role("option", name="Alta").click()
    form.get_by_label("Usar como próximo passo do card").check()
    form.get_by_role("button", name="Criar tarefa").click()
    expect(form).to_be_hidden()
    expect(card).to_contain_text(f"Próximo passo: {title}")
    page.get_by_role("dialog", name=name).get_by_role("button", name="Fechar").click()
    expect(drawer).to_be_hidden()

    # the header's bell lists it as overdue and leads to Tarefas > Atrasadas
    page.get_by_test_id("notifications-bell").click()
    panel = page.get_by_test_id("notifications-panel")
    item = panel.locator("[data-testid^='notification-task-']").filter(has_text=title)
    expect(item).to_have_attribute("data-overdue", "true")
    expect(item).to_contain_text(f"Atrasada · Prazo {today} 00:00 · {name}")
    item.click()
    expect(page).to_have_url(re.compile(r"/tarefas\?view=overdue"))
    expect(page.get_by_test_id("tasks-tab-overdue")).to_have_attribute("aria-selected", "true")

    row = page.locator("[data-testid^='task-row-']").filter(has_text=title)
    expect(row).to_have_attribute("data-overdue", "true")
    expect(row.get_by_test_id("task-priority")).to_have_text("Alta")
    expect(row.get_by_test_id("task-client-link")).to_have_text(name)
    expect(row.get_by_test_id("task-due")).to_have_text(f"Atrasada · Prazo {today} 00:00")

    # the Dashboard counts it
    page.get_by_test_id("side-menu").get_by_test_id("nav-dashboard").click()
    expect(kpi).to_have_text(re.compile(rf"atrasadas\s*{overdue_before + 1}$"))
    kpi.click()  # the KPI opens Tarefas > Atrasadas

    # quick complete: the box ticks, the task is concluded and leaves the bell
    complete = row.get_by_role("checkbox", name=f'Concluir "{title}"')
    complete.check()
    expect(row).to_have_attribute("data-status", "concluida")
    expect(row).to_have_attribute("data-overdue", "false")
    expect(row.get_by_role("checkbox", name=f'Reabrir "{title}"')).to_be_checked()
    page.get_by_test_id("notifications-bell").click()
    expect(page.get_by_test_id("notifications-panel")).to_be_visible()
    expect(page.get_by_test_id("notifications-panel").get_by_text(title)).to_have_count(0)
    page.keyboard.press("Escape")

    page.get_by_test_id("tasks-tab-done").click()
    done = page.locator("[data-testid^='task-row-']").filter(has_text=title)
    expect(done).to_have_attribute("data-status", "concluida")

    # and it is on the client's page too, concluded
    page.goto(f"/clientes/{client['id']}?aba=tarefas")
    expect(page.locator("[data-testid^='task-row-']").filter(has_text=title)).to_have_attribute(
        "data-status", "concluida")
    page.get_by_test_id("side-menu").get_by_test_id("nav-dashboard").click()
    expect(kpi).to_have_text(re.compile(rf"atrasadas\s*{overdue_before}$"))
