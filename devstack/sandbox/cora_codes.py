"""Payment codes, request checks and the boleto PDF of the fake Cora (devstack/sandbox/cora.py).

Built with our own validated helpers (shared.charges.boleto / pix), so every code the fake hands out
passes `boleto.validate_barcode`, `boleto.validate_digitable_line` and `pix.is_valid_emv`:

- barcode: bank 403 (Cora) | currency 9 | general DV (mod 11) | due-date factor | amount (10 digits,
  centavos) | campo livre (25 digits: agency 0001, wallet 09, our number 11 digits, account 7, 0);
- PIX: a dynamic BR Code (point of initiation 12) with a location URL in field 26/25, the amount,
  the payee's name and city and the txid in 62/05, closed by its CRC16.

`validate_invoice` checks a POST /v2/invoices body the way Cora does; failures are `CoraFailure`s,
answered as {"errors": [{"code", "message"}]}.
"""

from __future__ import annotations

import re
import uuid
from datetime import date
from typing import Any

from shared.charges import boleto, pix

BANK_CODE = "403"  # Cora SCD
CURRENCY = "9"
AGENCY, WALLET, ACCOUNT = "0001", "09", "1234567"
PAYEE_NAME = "EMPRESA SANDBOX LTDA"  # <= 25 characters (BR Code field 59)
PAYEE_CITY = "SAO PAULO"  # <= 15 characters (BR Code field 60)
PAYEE_DOCUMENT = "12.345.678/0001-95"
PIX_LOCATION_HOST = "pix.sandbox.cora.com.br/qr/v2/cobv"
MAX_AMOUNT = 99_999_999_99  # ten digits of centavos in the barcode
MIN_AMOUNT = 500  # Cora refuses invoices below R$ 5,00
PAYMENT_FORMS = ("BANK_SLIP", "PIX")


class CoraFailure(Exception):
    """Answered as {"errors": [...]} (or `body` as given, e.g. the 401 OAuth shape)."""

    def __init__(self, status: int, code: str, message: str, body: dict[str, Any] | None = None):
        super().__init__(message)
        self.status, self.code, self.message = status, code, message
        self.body = body or {"errors": [{"code": code, "message": message}]}


def invalid(errors: list[tuple[str, str]]) -> CoraFailure:
    failure = CoraFailure(400, errors[0][0], errors[0][1])
    failure.body = {"errors": [{"code": c, "message": m} for c, m in errors]}
    return failure


def not_found(what: str = "Invoice") -> CoraFailure:
    return CoraFailure(404, "NOT_FOUND", f"{what} not found")


def bank_slip(amount_cents: int, due: date, our_number: str) -> tuple[str, str]:
    """(barcode 44 digits, linha digitável 47 digits) of a Cora boleto."""
    if not 0 < amount_cents <= MAX_AMOUNT:
        raise ValueError("amount out of the barcode's range")
    our_number = our_number.rjust(11, "0")[-11:]
    free = f"{AGENCY}{WALLET}{our_number}{ACCOUNT}0"
    assert len(free) == 25
    rest = f"{boleto.due_factor(due):04d}{amount_cents:010d}{free}"
    head = BANK_CODE + CURRENCY
    barcode = f"{head}{boleto.mod11(head + rest)}{rest}"
    return boleto.validate_barcode(barcode), boleto.barcode_to_digitable_line(barcode)


def _tlv(tag: str, value: str) -> str:
    return f"{tag}{len(value):02d}{value}"


def pix_emv(amount_cents: int, txid: str) -> str:
    """A dynamic PIX BR Code ("copia e cola") for this charge."""
    txid = "".join(ch for ch in txid if ch.isalnum())[:25] or "***"
    account = _tlv("00", pix.PIX_GUI) + _tlv("25", f"{PIX_LOCATION_HOST}/{txid}")
    payload = (_tlv("00", "01") + _tlv("01", "12") + _tlv("26", account) + _tlv("52", "0000")
               + _tlv("53", "986") + _tlv("54", f"{amount_cents // 100}.{amount_cents % 100:02d}")
               + _tlv("58", "BR") + _tlv("59", PAYEE_NAME[:25]) + _tlv("60", PAYEE_CITY[:15])
               + _tlv("62", _tlv("05", txid)))
    emv = pix.append_crc(payload)
    assert pix.is_valid_emv(emv)
    return emv


def reais(cents: int) -> str:
    """12345 -> "R$ 123,45"; 123456789 -> "R$ 1.234.567,89"."""
    whole = f"{cents // 100:,}".replace(",", ".")
    return f"R$ {whole},{cents % 100:02d}"


def _latin1(text: Any) -> str:
    return str(text or "").encode("latin-1", "replace").decode("latin-1")


def boleto_pdf(invoice: dict[str, Any]) -> bytes:
    """A one-page PDF of the boleto: payee, payer, amount in R$, due date, linha digitável, barcode."""
    from fpdf import FPDF

    slip = (invoice.get("payment_options") or {}).get("bank_slip") or {}
    customer = invoice.get("customer") or {}
    due = date.fromisoformat(invoice["payment_terms"]["due_date"])
    pdf = FPDF(format="A4")
    pdf.set_title(f"Boleto {invoice['id']}")
    pdf.add_page()
    pdf.set_font("helvetica", "B", 16)
    pdf.cell(0, 10, _latin1(f"Boleto - Banco Cora ({BANK_CODE}) - SANDBOX"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("helvetica", size=11)
    lines = [
        ("Beneficiário", f"{PAYEE_NAME} - CNPJ {PAYEE_DOCUMENT}"),
        ("Pagador", f"{customer.get('name', '')} - {(customer.get('document') or {}).get('identity', '')}"),
        ("Valor", reais(int(invoice["total_amount"]))),
        ("Vencimento", due.strftime("%d/%m/%Y")),
        ("Nosso número", slip.get("our_number", "")),
        ("Fatura", invoice["id"]),
        ("Situação", invoice.get("status", "")),
    ]
    for label, value in lines:
        pdf.set_font("helvetica", "B", 11)
        pdf.cell(40, 8, _latin1(label + ":"))
        pdf.set_font("helvetica", size=11)
        pdf.cell(0, 8, _latin1(value), new_x="LMARGIN", new_y="NEXT")
    if slip.get("digitable"):
        pdf.ln(4)
        pdf.set_font("helvetica", "B", 11)
        pdf.cell(0, 8, _latin1("Linha digitável:"), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("courier", "B", 12)
        pdf.cell(0, 8, boleto.format_digitable_line(slip["digitable"]), new_x="LMARGIN", new_y="NEXT")
        pdf.interleaved2of5(slip["barcode"], x=pdf.l_margin, y=pdf.get_y() + 4, w=0.75, h=13)
        pdf.set_y(pdf.get_y() + 22)
    pdf.set_font("helvetica", "I", 9)
    pdf.multi_cell(0, 5, _latin1("Documento gerado pelo sandbox do ambiente local: não tem valor de pagamento."))
    return bytes(pdf.output())


def idempotency_key(key: str | None) -> str:
    if not key or not key.strip():
        raise CoraFailure(400, "IDEMPOTENCY_KEY_REQUIRED", "Idempotency-Key header is required")
    try:
        return str(uuid.UUID(key.strip()))
    except ValueError:
        raise CoraFailure(400, "INVALID_IDEMPOTENCY_KEY", "Idempotency-Key must be a valid UUID") from None


def is_date(value: Any) -> bool:
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def validate_invoice(body: Any, today: date) -> tuple[dict[str, Any], int]:
    """Checks a POST /v2/invoices body like Cora; returns (payment_terms, total amount in centavos)."""
    if not isinstance(body, dict):
        raise invalid([("MALFORMED_REQUEST", "Request body must be a JSON object")])
    errors: list[tuple[str, str]] = []
    customer = body.get("customer") if isinstance(body.get("customer"), dict) else {}
    name = customer.get("name")
    if not isinstance(name, str) or not name.strip():
        errors.append(("INVALID_CUSTOMER", "customer.name is required"))
    elif len(name) > 60:
        errors.append(("INVALID_CUSTOMER", "customer.name must have at most 60 characters"))
    document = customer.get("document") if isinstance(customer.get("document"), dict) else {}
    identity, kind = document.get("identity"), str(document.get("type") or "").upper()
    size = {"CPF": 11, "CNPJ": 14}.get(kind)
    if size is None:
        errors.append(("INVALID_DOCUMENT", "customer.document.type must be CPF or CNPJ"))
    elif not isinstance(identity, str) or not re.fullmatch(rf"\d{{{size}}}", identity):
        errors.append(("INVALID_DOCUMENT", f"customer.document.identity must be a {kind} with {size} digits"))
    services = body.get("services")
    total, amounts_ok = 0, True
    if not isinstance(services, list) or not services:
        errors.append(("INVALID_SERVICES", "services must have at least one item"))
    else:
        for i, service in enumerate(services):
            s = service if isinstance(service, dict) else {}
            amount = s.get("amount")
            if not isinstance(s.get("name"), str) or not s["name"].strip():
                errors.append(("INVALID_SERVICES", f"services[{i}].name is required"))
            if s.get("description") is not None and (not isinstance(s["description"], str)
                                                     or len(s["description"]) > 100):
                errors.append(("INVALID_SERVICES", f"services[{i}].description must have at most 100 characters"))
            if isinstance(amount, bool) or not isinstance(amount, int) or amount <= 0:
                errors.append(("INVALID_AMOUNT", f"services[{i}].amount must be a positive integer (cents)"))
                amounts_ok = False
            else:
                total += amount
        if amounts_ok and total < MIN_AMOUNT:
            errors.append(("INVALID_AMOUNT", f"amount must be greater than or equal to {MIN_AMOUNT}"))
        if total > MAX_AMOUNT:
            errors.append(("INVALID_AMOUNT", f"amount must be less than or equal to {MAX_AMOUNT}"))
    terms = body.get("payment_terms") if isinstance(body.get("payment_terms"), dict) else {}
    due = terms.get("due_date")
    if not is_date(due):
        errors.append(("INVALID_DUE_DATE", "payment_terms.due_date must be a date in the format YYYY-MM-DD"))
    elif due < today.isoformat():
        errors.append(("INVALID_DUE_DATE", "due_date must be greater than or equal to today"))
    forms = body.get("payment_forms", ["BANK_SLIP"])
    if not isinstance(forms, list) or not forms or any(f not in PAYMENT_FORMS for f in forms):
        errors.append(("INVALID_PAYMENT_FORMS", "payment_forms must be a non-empty list of BANK_SLIP and/or PIX"))
    if body.get("code") is not None and not isinstance(body["code"], str):
        errors.append(("INVALID_CODE", "code must be a string"))
    if errors:
        raise invalid(errors)
    return dict(terms), total
