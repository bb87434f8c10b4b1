"""The company logo: checked to be a real PNG or JPEG of sensible size before it is kept."""

from __future__ import annotations

import io
from dataclasses import dataclass

from shared.errors import ValidationFailed

MAX_BYTES = 500 * 1024
MAX_SIDE = 5000  # pixels: documents embed the logo, so it is decoded later
FORMATS = {"png": "image/png", "jpg": "image/jpeg"}


@dataclass(frozen=True)
class CheckedLogo:
    raw: bytes
    extension: str  # png | jpg
    content_type: str


def _sniff(raw: bytes) -> str | None:
    if raw.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if raw.startswith(b"\xff\xd8\xff"):
        return "jpg"
    return None


def check(raw: bytes | None) -> CheckedLogo:
    if not raw:
        raise ValidationFailed("Envie o arquivo do logo (PNG ou JPEG, até 500 KB).", field="file")
    if len(raw) > MAX_BYTES:
        raise ValidationFailed("O logo passa de 500 KB. Reduza a imagem e envie de novo.", field="file")
    extension = _sniff(raw)
    if extension is None:
        raise ValidationFailed("O logo deve ser uma imagem PNG ou JPEG.", field="file")
    _decode(raw, extension)
    return CheckedLogo(raw, extension, FORMATS[extension])


def _decode(raw: bytes, extension: str) -> None:
    """Reads the header (and, for PNG, checks every chunk) without decoding the pixels."""
    try:
        from PIL import Image  # Pillow comes with fpdf2 (the documents' PDF library)
    except ImportError:  # pragma: no cover - the magic bytes were checked
        return
    corrupt = ValidationFailed("O arquivo do logo está corrompido ou não é uma imagem PNG ou JPEG válida.",
                               field="file")
    try:
        with Image.open(io.BytesIO(raw)) as image:
            expected = {"png": "PNG", "jpg": "JPEG"}[extension]
            if image.format != expected:
                raise corrupt
            width, height = image.size
            if not (0 < width <= MAX_SIDE and 0 < height <= MAX_SIDE):
                raise ValidationFailed(f"O logo deve ter no máximo {MAX_SIDE} × {MAX_SIDE} pixels.", field="file")
            image.verify()
    except ValidationFailed:
        raise
    except Exception as exc:  # Pillow raises many kinds for broken files
        raise corrupt from exc
