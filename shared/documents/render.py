"""Document templates: the company's own (written in the browser by the Administrador) or the
default we ship for each kind, rendered with shared/templating in HTML mode (every value escaped).

Templates are the small HTML subset fpdf2's `write_html` understands (see `pdf.ALLOWED_TAGS`).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from shared import templating
from shared.documents.context import KINDS, sample_company, sample_context
from shared.errors import ValidationFailed

MAX_TEMPLATE_CHARS = 100_000
_DEFAULTS = Path(__file__).parent / "defaults"


@cache
def default_template(kind: str) -> str:
    """The template we ship for `kind` (proposta, contrato, pedido, recibo)."""
    if kind not in KINDS:
        raise ValidationFailed(f"Tipo de documento inválido (use {', '.join(KINDS)}).", field="kind")
    return (_DEFAULTS / f"{kind}.html").read_text(encoding="utf-8")


def render(template_source: str, context: dict[str, Any], *, field: str = "body") -> str:
    """The document's HTML: `template_source` filled with `context` (from `context.build_context`)."""
    if len(template_source or "") > MAX_TEMPLATE_CHARS:
        raise ValidationFailed(f"O modelo passa de {MAX_TEMPLATE_CHARS:,} caracteres.".replace(",", "."),
                               field=field)
    return templating.render(template_source, context, field=field, html=True, wording=templating.DOCUMENT)


def validate(template_source: str, *, kind: str = "proposta", field: str = "body") -> str:
    """Run when the Administrador saves a template: renders it with the sample data and prints it to
    PDF, so an unknown placeholder, a syntax error or HTML the PDF cannot take is refused now, in
    pt-BR, naming the line, not when a seller issues a document. Returns the sample HTML (a preview)."""
    from shared.documents.pdf import build_pdf

    if kind not in KINDS:
        raise ValidationFailed(f"Tipo de documento inválido (use {', '.join(KINDS)}).", field="kind")
    if not (template_source or "").strip():
        raise ValidationFailed("Escreva o modelo do documento.", field=field)
    sample = sample_context(kind)
    html = render(template_source, sample, field=field)
    build_pdf(html, company=sample_company(), title=KINDS[kind], number=sample["documento"]["numero"], field=field)
    return html
