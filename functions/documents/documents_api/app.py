"""Documents function: proposals, contracts, orders and receipts (routes under /api/documents), and the
Task states of the document-generation state machine (events with a "step")."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import Query, Response

from shared.auth.principal import Principal
from shared.documents.models import (
    DocumentCreate,
    DocumentFields,
    DocumentPublic,
    DocumentTemplatePublic,
    DownloadLink,
    SendRequest,
    TemplateFields,
    TemplatesOverview,
)
from shared.http.app import Page, create_app, lambda_handler, new_router
from shared.http.security import requires

# The documents service and workflow (and the clients, catalog and rendering code behind them) load on
# the first request or state-machine step that needs them, not at import: the cold start stays light.
router = new_router(prefix="/api/documents", tags=["documents"])
Reader = Annotated[Principal, requires("documentos:read")]
Writer = Annotated[Principal, requires("documentos:write")]
TemplateEditor = Annotated[Principal, requires("documentos:templates")]
Id = Annotated[str | None, Query(max_length=40)]
Kind = Literal["proposta", "contrato", "pedido", "recibo"]
PDF = {200: {"content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
             "description": "PDF"}}


def _pdf(content: bytes, filename: str) -> Response:
    return Response(content, media_type="application/pdf",
                    headers={"Content-Disposition": f'inline; filename="{filename}"', "Cache-Control": "no-store"})


def _one(caller: Principal, record) -> DocumentPublic:
    from shared.documents import service

    return service.publics(caller, [record])[0]


@router.get("")
def list_documents(caller: Reader, kind: Kind | None = None, client_id: Id = None,
                   status: Literal["rascunho", "gerado", "enviado", "erro"] | None = None,
                   date_from: Annotated[date | None, Query(alias="from")] = None,
                   date_to: Annotated[date | None, Query(alias="to")] = None,
                   cursor: Annotated[str | None, Query(max_length=2000)] = None,
                   limit: Annotated[int, Query(ge=1, le=100)] = 50) -> Page[DocumentPublic]:
    from shared.documents import service

    records, next_cursor = service.list_documents(caller, kind=kind, client_id=client_id, status=status,
                                                  date_from=date_from, date_to=date_to, cursor=cursor, limit=limit)
    return Page(items=service.publics(caller, records), next_cursor=next_cursor)


@router.post("", status_code=201)
def create_document(caller: Writer, body: DocumentCreate) -> DocumentPublic:
    from shared.documents import service

    return _one(caller, service.create(caller, body))


@router.get("/templates")
def list_templates(caller: Reader) -> TemplatesOverview:
    from shared.documents import service

    return service.templates(caller)


@router.put("/templates/{kind}")
def save_template(caller: TemplateEditor, kind: str, body: TemplateFields) -> DocumentTemplatePublic:
    from shared.documents import service

    return service.save_template(caller, kind, body.body)


@router.delete("/templates/{kind}")
def reset_template(caller: TemplateEditor, kind: str) -> DocumentTemplatePublic:
    from shared.documents import service

    return service.reset_template(caller, kind)


@router.post("/templates/{kind}/preview", response_class=Response, responses=PDF)
def preview_template(caller: TemplateEditor, kind: str, body: TemplateFields) -> Response:
    from shared.documents import service

    return _pdf(service.template_preview(caller, kind, body.body), f"modelo-{kind}.pdf")


@router.get("/{document_id}")
def get_document(caller: Reader, document_id: str) -> DocumentPublic:
    from shared.documents import service

    return _one(caller, service.get(caller, document_id))


@router.put("/{document_id}")
def update_document(caller: Writer, document_id: str, body: DocumentFields) -> DocumentPublic:
    from shared.documents import service

    return _one(caller, service.update(caller, document_id, body))


@router.get("/{document_id}/preview", response_class=Response, responses=PDF)
def preview_document(caller: Reader, document_id: str) -> Response:
    from shared.documents import service

    return _pdf(service.preview(caller, document_id), "previa.pdf")


@router.post("/{document_id}/generate", status_code=202)
def generate_document(caller: Writer, document_id: str) -> DocumentPublic:
    from shared.documents import workflow

    return _one(caller, workflow.start(caller, document_id))


@router.post("/{document_id}/send", status_code=202)
def send_document(caller: Writer, document_id: str, body: SendRequest) -> DocumentPublic:
    from shared.documents import workflow

    return _one(caller, workflow.start(caller, document_id, body))


@router.get("/{document_id}/download")
def download_document(caller: Reader, document_id: str) -> DownloadLink:
    from shared.documents import service

    return service.download(caller, document_id)


app = create_app(router)
_http = lambda_handler(app)


def handler(event: dict[str, Any], context: Any) -> Any:
    """HTTP requests through Mangum; the state machine's Task states to the workflow."""
    from shared.documents import workflow

    if workflow.is_step(event):
        return workflow.run_step(event)
    return _http(event, context)
