"""Message variables, filled at send time. Templates are company-written text: they are rendered
in jinja2's sandbox, and only the variables below exist."""

from __future__ import annotations

from functools import cache

from shared.br.format import brl, day
from shared.clients.models import ClientRecord
from shared.errors import ValidationFailed

VARIABLES = {
    "cliente": "Nome do cliente",
    "nome": "Primeiro nome",
    "nome_comercial": "Nome comercial",
    "valor": "Valor da oportunidade (R$)",
    "vencimento": "Data do 1º vencimento",
    "vendedor": "Responsável pelo cliente",
}


@cache
def _env():
    from jinja2 import StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    return SandboxedEnvironment(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=True)


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
    from jinja2 import TemplateError, UndefinedError
    from jinja2.exceptions import SecurityError

    if not text:
        return ""
    try:
        return _env().from_string(text).render(**variables)
    except UndefinedError as exc:
        names = ", ".join("{{ " + v + " }}" for v in VARIABLES)
        unknown = (exc.message or "").split("'")[1] if (exc.message or "").count("'") >= 2 else "?"
        raise ValidationFailed(f"Variável desconhecida na mensagem: {unknown}. Use: {names}.", field=field) from None
    except SecurityError:
        raise ValidationFailed("A mensagem usa um recurso não permitido.", field=field) from None
    except TemplateError as exc:
        line = getattr(exc, "lineno", None)
        where = f" na linha {line}" if line else ""
        raise ValidationFailed(f"A mensagem tem um erro de sintaxe{where}: confira as chaves {{{{ }}}}.",
                               field=field) from None
