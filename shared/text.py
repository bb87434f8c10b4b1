"""Text helpers shared by search keys and validation."""

from __future__ import annotations

import unicodedata


def fold(value: str) -> str:
    """Lower-case, accent-free, single-spaced: the form search keys are stored and matched in."""
    decomposed = unicodedata.normalize("NFKD", value or "")
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.lower().split())


def normalize_email(value: str) -> str:
    return (value or "").strip().lower()
