"""A lived-in demo company: clients in every stage, with values, tags, notes and moves.

Written through the real services (so counters, timeline and search are what users would produce);
skipped when the company already has clients.
"""

from __future__ import annotations

from contextlib import contextmanager
from datetime import datetime, timedelta

from shared import clock, keys
from shared.auth.principal import build_principal, load_account
from shared.clients import service as clients
from shared.clients.models import ClientCreate
from shared.db.table import Table
from shared.funnel import service as funnel
from shared.funnel.models import CardUpdate, MoveRequest

# (owner e-mail, client data, stages to walk through, next step)
DEMO = [
    ("vendedor@demo.local", {"type": "pf", "first_name": "Juliana", "last_name": "Ribeiro", "document": "52998224725",
                             "whatsapp": "11987654321", "email": "juliana.ribeiro@exemplo.com.br", "origin": "site",
                             "campaign": "Black Friday", "tags": ["quente"], "values": {"opportunity_value_cents": 189000}},
     ["contato_com_resposta", "em_atendimento", "proposta_enviada"], "Retornar sobre a proposta"),
    ("vendedor@demo.local", {"type": "pj", "trade_name": "Padaria Pão Dourado", "legal_name": "Pão Dourado Ltda",
                             "document": "11222333000181", "whatsapp": "21998761234", "origin": "whatsapp",
                             "values": {"opportunity_value_cents": 450000, "installments": 12}},
     ["contato_com_resposta", "em_atendimento", "proposta_enviada", "negociacao"], "Reunião de fechamento"),
    ("vendedor@demo.local", {"type": "pf", "first_name": "Marcos", "last_name": "Andrade", "whatsapp": "31991234567",
                             "origin": "campanha", "campaign": "Black Friday", "utm_source": "instagram"},
     [], None),
    ("vendedor@demo.local", {"type": "pf", "first_name": "Beatriz", "last_name": "Lima", "email": "bia.lima@exemplo.com.br",
                             "origin": "indicacao", "values": {"opportunity_value_cents": 99000}},
     ["contato_com_resposta", "em_atendimento", "proposta_enviada", "negociacao", "fechado"], "Enviar contrato"),
    ("gerente@demo.local", {"type": "pj", "trade_name": "Clínica Sorriso", "document": "12ABC34501DE35",
                            "email": "contato@clinicasorriso.com.br", "origin": "site",
                            "values": {"opportunity_value_cents": 320000, "monthly_value_cents": 32000}},
     ["contato_com_resposta", "em_atendimento", "proposta_enviada", "negociacao", "fechado", "cliente_ativo"], None),
    ("gerente@demo.local", {"type": "pf", "first_name": "Rafael", "last_name": "Souza", "whatsapp": "41988887777",
                            "origin": "whatsapp", "values": {"opportunity_value_cents": 75000}},
     ["contato_com_resposta"], "Enviar catálogo"),
    ("atendente@demo.local", {"type": "pf", "first_name": "Camila", "last_name": "Ferreira", "whatsapp": "51997776666",
                              "origin": "whatsapp", "tags": ["suporte"]},
     ["contato_com_resposta", "em_atendimento"], "Tirar dúvidas sobre planos"),
    ("vendedor@demo.local", {"type": "pf", "first_name": "Diego", "last_name": "Martins", "whatsapp": "61996665555",
                             "origin": "campanha", "campaign": "Google Ads"},
     ["perdido"], None),
    ("gerente@demo.local", {"type": "pf", "first_name": "Fernanda", "last_name": "Alves", "email": "fe.alves@exemplo.com.br",
                            "origin": "outro"},
     ["nao_lead"], None),
]


def _principal(tenant_id: str, email: str):
    guard = Table().get(keys.email_guard(email))
    user, tenant, roles, _ = load_account(tenant_id, guard["user_id"])
    return build_principal(user, tenant, roles, session_id="")


@contextmanager
def _at(moment: datetime):
    """Runs the services as if it were `moment` (boot time, single thread): the demo gets a history."""
    real = clock.now
    clock.now = lambda: moment
    try:
        yield
    finally:
        clock.now = real


def seed_clients(tenant_id: str) -> int:
    if Table().query(keys.clients_pk(tenant_id), index="GSI1", limit=1).items:
        return 0
    start = clock.now() - timedelta(days=3 * len(DEMO))
    for n, (owner_email, data, stages, next_step) in enumerate(DEMO):
        principal = _principal(tenant_id, owner_email)
        moment = start + timedelta(days=3 * n)
        with _at(moment):
            client = clients.create(principal, ClientCreate(**data))
        for step, stage in enumerate(stages, start=1):
            reason = "Preço" if stage == "perdido" else None
            with _at(moment + timedelta(hours=10 * step)):
                funnel.move(principal, client.card_id, MoveRequest(stage=stage, loss_reason=reason))
        if next_step:
            due = (clock.now() + timedelta(days=n % 3 - 1)).date()
            funnel.apply(principal, client.card_id, CardUpdate(next_step=next_step, next_step_due=due))
    return len(DEMO)
