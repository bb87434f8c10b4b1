"""One pt-BR line per timeline event, written at read time (the stored event keeps the facts)."""

from __future__ import annotations

from shared.clients.vocab import FIELD_LABELS
from shared.funnel.stages import STAGES
from shared.timeline import TimelineEvent

_FIXED = {
    "created": "Cliente cadastrado",
    "archived": "Cliente arquivado",
    "restored": "Cliente restaurado",
    "imported": "Cliente importado de planilha",
    "anonymized": "Dados pessoais anonimizados (LGPD)",
    "note": "Nota adicionada",
    "task_created": "Tarefa criada",
    "task_updated": "Tarefa alterada",
    "task_completed": "Tarefa concluída",
    "task_reopened": "Tarefa reaberta",
    "task_cancelled": "Tarefa cancelada",
    "email_sent": "E-mail enviado",
    "document_generated": "Documento gerado",
    "document_sent": "Documento enviado",
}


def summary(event: TimelineEvent) -> str:
    if event.kind == "stage_moved":
        text = f"Etapa: {STAGES.get(event.from_stage or '', event.from_stage)} → " \
               f"{STAGES.get(event.to_stage or '', event.to_stage)}"
        return f"{text} (motivo: {event.text})" if event.text else text
    if event.kind == "updated":
        labels = list(dict.fromkeys(_group_label(c.field, c.label) for c in event.changes))
        shown = ", ".join(labels[:4]) + (f" e mais {len(labels) - 4}" if len(labels) > 4 else "")
        return f"Dados alterados: {shown}" if labels else "Dados alterados"
    if event.kind == "merged":
        other = event.data.get("other_name") or event.data.get("other_id")
        return f"Unido com o cliente {other}" if event.data.get("role") == "target" \
            else f"Unido ao cliente {other} (este cadastro foi arquivado)"
    return _FIXED.get(event.kind, event.data.get("summary") or event.kind)


def _group_label(field: str, label: str) -> str:
    """Sub-fields of an address, contract, values or consent read as that group in the summary."""
    top = field.split(".")[0]
    return FIELD_LABELS[top] if top in ("address", "contract", "values", "consent") else label
