"""Phones: normalized to E.164 with Brazil as the default region (library: phonenumbers).

Brazilian mobiles gained a ninth digit (a leading 9) in 2012-2016. Old-style 8-digit mobile numbers
(first digit 6-9) still arrive from forms, spreadsheets and WhatsApp ids; they get the 9 added.
"""

from __future__ import annotations

import re


class InvalidPhone(ValueError):
    pass


def _add_ninth_digit(digits: str) -> str:
    """`digits` without country code: DDD + number. 10 digits with a mobile-looking number -> 11."""
    if len(digits) == 10 and digits[2] in "6789":
        return digits[:2] + "9" + digits[2:]
    return digits


def normalize_phone(value: str) -> str:
    """`(11) 8765-4321`, `11987654321`, `+55 11 98765-4321`, `5511987654321` -> `+5511987654321`."""
    import phonenumbers

    raw = (value or "").strip()
    digits = re.sub(r"\D", "", raw)
    if not digits:
        raise InvalidPhone("informe um telefone")
    if raw.startswith("+") and not digits.startswith("55"):
        candidate = "+" + digits  # a foreign number, taken as given
    else:
        national = digits[2:] if digits.startswith("55") and len(digits) in (12, 13) else digits
        national = national.lstrip("0")
        candidate = "+55" + _add_ninth_digit(national)
    try:
        parsed = phonenumbers.parse(candidate, "BR")
    except phonenumbers.NumberParseException:
        raise InvalidPhone("telefone inválido") from None
    if not phonenumbers.is_valid_number(parsed):
        raise InvalidPhone("telefone inválido: informe DDD e número")
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def format_phone(e164: str | None) -> str | None:
    """`+5511987654321` -> `(11) 98765-4321` (other countries: international format)."""
    if not e164:
        return e164
    if e164.startswith("+55") and len(e164) in (13, 14):
        n = e164[3:]
        return f"({n[:2]}) {n[2:-4]}-{n[-4:]}"
    return e164
