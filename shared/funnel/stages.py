"""Funnel stages (fixed keys) and the milestones the Dashboard counts."""

from __future__ import annotations

STAGES: dict[str, str] = {
    "novo_contato": "Novo contato",
    "contato_com_resposta": "Contato com resposta",
    "em_atendimento": "Em atendimento",
    "proposta_enviada": "Proposta enviada",
    "negociacao": "Negociação",
    "fechado": "Fechado",
    "cliente_ativo": "Cliente Ativo",
    "perdido": "Perdido",
    "nao_lead": "Não lead",
}
FIRST_STAGE = "novo_contato"
LOST = "perdido"
CLOSED = "fechado"

# The commercial progression, in order; reaching one stage implies the milestones before it.
PROGRESSION = ["novo_contato", "contato_com_resposta", "em_atendimento", "proposta_enviada", "negociacao",
               "fechado", "cliente_ativo"]

# Dashboard milestone -> the stage that marks it. "lost" is reached only by Perdido itself.
MILESTONES = {
    "replied": "contato_com_resposta",
    "proposals": "proposta_enviada",
    "closed": "fechado",
    "activated": "cliente_ativo",
}
NEGOTIATION_STAGES = ("proposta_enviada", "negociacao")

DEFAULT_LOSS_REASONS = ["Preço", "Escolheu um concorrente", "Sem orçamento no momento", "Sem resposta",
                        "Não tem interesse", "Outro"]
# Days without activity after which a card is "parada" (None: never).
DEFAULT_STALLED_DAYS: dict[str, int | None] = {
    "novo_contato": 2, "contato_com_resposta": 3, "em_atendimento": 5, "proposta_enviada": 5,
    "negociacao": 7, "fechado": 10, "cliente_ativo": None, "perdido": None, "nao_lead": None,
}


def milestones_reached(stage: str) -> set[str]:
    """Milestones a card has reached once it sits in `stage`."""
    if stage == LOST:
        return {"lost"}
    if stage not in PROGRESSION:
        return set()
    position = PROGRESSION.index(stage)
    return {m for m, s in MILESTONES.items() if PROGRESSION.index(s) <= position}
