"""Cora invoice statuses -> our charge statuses, and a status that never moves backwards.

| Cora status        | Our status | Meaning for the person                                   |
|--------------------|------------|----------------------------------------------------------|
| DRAFT              | pendente   | rascunho na Cora, ainda sem boleto/PIX                   |
| RECURRENCE_DRAFT   | pendente   | rascunho de recorrência na Cora                          |
| INITIATED          | pendente   | criada na Cora, registro ainda não confirmado            |
| OPEN               | emitida    | boleto/PIX emitido, aguardando pagamento                 |
| IN_PAYMENT         | emitida    | pagamento iniciado, ainda não compensado                 |
| LATE               | vencida    | vencida e não paga                                       |
| PAID               | paga       | paga                                                     |
| CANCELLED          | cancelada  | cancelada                                                |
| (ours only)        | erro       | a Cora recusou a emissão                                 |

Rank (advance() only moves up): pendente 0 < erro 1 < emitida 2 < vencida 3 < paga 4 = cancelada 4.
paga and cancelada are final: nothing replaces them (not even each other). A status of equal or lower
rank is ignored, so a late OPEN after PAID keeps paga, OPEN after LATE keeps vencida, and vencida ->
paga is allowed. erro is left for emitida/vencida/paga/cancelada (the invoice exists after all), but
an error arriving after emission is ignored. Re-trying a failed issue (erro -> pendente) is an explicit
action of the service, not an advance().
"""

from __future__ import annotations

from shared.charges import ChargeInputError

PENDENTE, ERRO, EMITIDA, VENCIDA, PAGA, CANCELADA = "pendente", "erro", "emitida", "vencida", "paga", "cancelada"

CORA_TO_STATUS: dict[str, str] = {
    "DRAFT": PENDENTE,
    "RECURRENCE_DRAFT": PENDENTE,
    "INITIATED": PENDENTE,
    "OPEN": EMITIDA,
    "IN_PAYMENT": EMITIDA,
    "LATE": VENCIDA,
    "PAID": PAGA,
    "CANCELLED": CANCELADA,
}

RANK: dict[str, int] = {PENDENTE: 0, ERRO: 1, EMITIDA: 2, VENCIDA: 3, PAGA: 4, CANCELADA: 4}
FINAL = frozenset({PAGA, CANCELADA})
LABELS: dict[str, str] = {PENDENTE: "Pendente", ERRO: "Erro", EMITIDA: "Emitida", VENCIDA: "Vencida",
                          PAGA: "Paga", CANCELADA: "Cancelada"}


class UnknownStatus(ChargeInputError):
    """A status that is neither ours nor one Cora documents."""


def from_cora(cora_status: str) -> str:
    """Our status for a Cora invoice status (case-insensitive); UnknownStatus for anything else."""
    key = cora_status.strip().upper() if isinstance(cora_status, str) else ""
    if key not in CORA_TO_STATUS:
        raise UnknownStatus(f"Situação da cobrança na Cora desconhecida: {cora_status!r}.", field="status")
    return CORA_TO_STATUS[key]


def _ours(status: str) -> str:
    if isinstance(status, str) and status in RANK:
        return status
    return from_cora(status)


def advance(current: str | None, incoming: str) -> str:
    """The status after `incoming` (ours or a Cora status) arrives for a charge now in `current`
    (None for a charge with no status yet): `incoming` only when it ranks strictly higher and
    `current` is not final; otherwise `current`."""
    new = _ours(incoming)
    if current is None:
        return new
    now = _ours(current)
    if now in FINAL or RANK[new] <= RANK[now]:
        return now
    return new
