"""What an inbound WhatsApp message says: its text, or a placeholder for media (not downloaded) with
its type and caption; the short line shown in the inbox and the timeline; the opt-out words."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from shared.text import fold

LABELS = {
    "text": "Mensagem", "image": "Imagem", "audio": "Áudio", "voice": "Áudio", "video": "Vídeo",
    "document": "Documento", "sticker": "Figurinha", "location": "Localização", "contacts": "Contato",
    "reaction": "Reação", "button": "Resposta", "interactive": "Resposta", "order": "Pedido",
    "template": "Modelo", "unsupported": "Mensagem não suportada",
}
MEDIA = ("image", "audio", "voice", "video", "document", "sticker")
OPT_OUT_WORDS = {"sair", "parar", "stop"}


@dataclass
class Content:
    type: str
    text: str | None = None
    caption: str | None = None
    media: dict[str, Any] | None = field(default=None)


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _text(value: Any, limit: int = 4096) -> str | None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return None
    value = value.strip()
    return value[:limit] or None


def extract(message: dict[str, Any]) -> Content:
    """The content of one entry of `value.messages` (any type: unknown ones become a placeholder)."""
    kind = _text(message.get("type"), 40) or "unsupported"
    body = _dict(message.get(kind))
    if kind == "text":
        return Content("text", text=_text(body.get("body")))
    if kind in MEDIA:
        media = {k: _text(body.get(k), 300) for k in ("id", "mime_type", "filename")}
        return Content(kind, caption=_text(body.get("caption"), 1024) or _text(body.get("filename"), 300),
                       media={k: v for k, v in media.items() if v} or None)
    if kind == "location":
        place = " — ".join(p for p in (_text(body.get("name"), 200), _text(body.get("address"), 300)) if p)
        where = f"{body.get('latitude')}, {body.get('longitude')}" if "latitude" in body else None
        return Content(kind, caption=place or where)
    if kind == "contacts":
        contacts = message.get("contacts") if isinstance(message.get("contacts"), list) else []
        names = [_text(_dict(_dict(c).get("name")).get("formatted_name"), 120) for c in contacts]
        return Content(kind, caption=", ".join(n for n in names if n) or None)
    if kind == "reaction":
        return Content(kind, caption=_text(body.get("emoji"), 20))
    if kind == "button":
        return Content(kind, text=_text(body.get("text")))
    if kind == "interactive":
        reply = _dict(body.get("button_reply")) or _dict(body.get("list_reply"))
        return Content(kind, text=_text(reply.get("title")))
    return Content(kind if kind in LABELS else "unsupported")


def preview(kind: str, text: str | None, caption: str | None, limit: int = 160) -> str:
    """`Olá!`, or `[Imagem] legenda` for what has no text of its own."""
    if text and kind in ("text", "button", "interactive", "template"):
        line = text
    else:
        label = f"[{LABELS.get(kind, LABELS['unsupported'])}]"
        line = f"{label} {caption}" if caption else label
    line = " ".join(line.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def is_opt_out(text: str | None) -> bool:
    """The whole message is SAIR, PARAR or STOP, whatever the case, accents and punctuation."""
    return re.sub(r"[\W_]+", "", fold(text or "")) in OPT_OUT_WORDS
