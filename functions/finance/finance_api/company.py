"""Dados da empresa (`/api/company`): what the company's documents print about it, and its logo."""

from __future__ import annotations

from typing import Annotated

from fastapi import File, Response, UploadFile

from shared.auth.permissions import AUTHENTICATED
from shared.auth.principal import Principal
from shared.company import logo as logos
from shared.company import service
from shared.company.models import CompanyProfilePublic, CompanyProfileUpdate
from shared.http.app import new_router
from shared.http.security import requires

router = new_router(prefix="/api/company", tags=["company"])
Member = Annotated[Principal, requires(AUTHENTICATED)]  # any user of the company (documents print it)
Editor = Annotated[Principal, requires("usuarios:empresa")]

_IMAGE = {"content": {t: {"schema": {"type": "string", "format": "binary"}} for t in logos.FORMATS.values()},
          "description": "O logo (PNG ou JPEG)"}


@router.get("/profile")
def get_profile(caller: Member) -> CompanyProfilePublic:
    return service.get_profile(caller)


@router.put("/profile")
def save_profile(caller: Editor, body: CompanyProfileUpdate) -> CompanyProfilePublic:
    return service.save_profile(caller, body)


@router.put("/profile/logo")
def upload_logo(caller: Editor, file: Annotated[UploadFile | None, File()] = None) -> CompanyProfilePublic:
    """Multipart `file`: PNG or JPEG up to 500 KB."""
    raw = file.file.read(logos.MAX_BYTES + 1) if file is not None and hasattr(file, "file") else None
    return service.upload_logo(caller, raw)


@router.get("/profile/logo", response_class=Response, responses={200: _IMAGE})
def get_logo(caller: Member) -> Response:
    raw, content_type = service.get_logo(caller)
    return Response(raw, media_type=content_type, headers={"Cache-Control": "private, no-cache"})


@router.delete("/profile/logo", status_code=204)
def delete_logo(caller: Editor) -> Response:
    service.delete_logo(caller)
    return Response(status_code=204)
