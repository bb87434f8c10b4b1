"""Message variables, filled at send time. Templates are company-written text: they are rendered
by shared/templating (jinja2's sandbox), and only the variables below exist."""

from __future__ import annotations

from shared import templating
from shared.br.format import brl, day
from shared.clients.models import ClientRecord

VARIABLES = {
    "cliente": "Nome do cliente",
    "nome": "Primeiro nome",
    "nome_comercial": "Nome comercial",
    "valor": "Valor da oportunidade (R$)",
    "vencimento": "Data do 1º vencimento",
    "vendedor": "Responsável pelo cliente",
}


def values(client: ClientRecord | None, owner_names: dict[str, str]) -> dict[str, str]:
    if client is None:
        return dict.fromkeys(VARIABLES, "")
    return {
        "cliente": client.display_name,
        "nome": client.first_name or client.display_name,
        "nome_comercial": client.trade_name or "",
        "valor": brl(client.values.opportunity_value_cents),
        "vencimento": day(client.values.first_due_date),
        "vendedor": owner_names.get(client.owner_id or "", ""),
    }


def render(text: str | None, variables: dict[str, str], *, field: str = "body") -> str:
    return templating.render(text, variables, field=field, wording=templating.MESSAGE)
