"""CEP and UF."""

from __future__ import annotations

import re

UFS = ("AC", "AL", "AP", "AM", "BA", "CE", "DF", "ES", "GO", "MA", "MT", "MS", "MG", "PA", "PB", "PR", "PE",
       "PI", "RJ", "RN", "RS", "RO", "RR", "SC", "SP", "SE", "TO")


def normalize_cep(value: str) -> str:
    digits = re.sub(r"\D", "", value or "")
    if len(digits) != 8:
        raise ValueError("CEP deve ter 8 dígitos")
    return digits


def mask_cep(value: str | None) -> str | None:
    return f"{value[:5]}-{value[5:]}" if value and len(value) == 8 else value
