"""PIX BR Code ("copia e cola"): EMV TLV parsing and CRC16 validation.

Layout (BR Code manual, see providers.md): each field is id (2 digits) + length (2 digits) + value.
Field 26 (merchant account information) nests sub-fields: 00 GUI "br.gov.bcb.pix", 01 key, 02 info,
25 URL (dynamic payloads). Field 62 nests 05 txid ("***" when none). Field 63 is last: "6304" plus the
CRC16-CCITT-FALSE (poly 0x1021, init 0xFFFF, no reflection, no final xor) of everything before it,
"6304" included, as 4 uppercase hex digits.

Lengths count characters; the CRC runs over the UTF-8 bytes.
"""

from __future__ import annotations

import re

from shared.charges import ChargeInputError

PIX_GUI = "br.gov.bcb.pix"
_CRC_TAG = "6304"
# Mandatory top-level fields of a BR Code (payload format, merchant account, MCC, currency, country,
# name, city, CRC).
_REQUIRED = {"00": "indicador de formato (00)", "26": "dados da conta PIX (26)",
             "52": "categoria do recebedor (52)", "53": "moeda (53)", "58": "país (58)",
             "59": "nome do recebedor (59)", "60": "cidade do recebedor (60)", "63": "CRC (63)"}
_AMOUNT = re.compile(r"^(\d+)(?:\.(\d{1,2}))?$")


class InvalidPixCode(ChargeInputError):
    """The text is not a valid PIX "copia e cola" code."""

    def __init__(self, detail: str):
        super().__init__(detail, field="emv")


def crc16(payload: str) -> str:
    """CRC16-CCITT-FALSE of `payload` (UTF-8) as 4 uppercase hex digits. crc16("123456789") == "29B1"."""
    crc = 0xFFFF
    for byte in payload.encode("utf-8"):
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) & 0xFFFF if crc & 0x8000 else (crc << 1) & 0xFFFF
    return f"{crc:04X}"


def append_crc(payload: str) -> str:
    """Close a payload (everything up to, not including, field 63) with "6304" and its CRC."""
    body = payload + _CRC_TAG
    return body + crc16(body)


def _tlv(text: str, where: str) -> dict[str, str]:
    """Split a TLV string into {id: value}; duplicated ids, non-numeric headers and overruns fail."""
    fields: dict[str, str] = {}
    pos = 0
    while pos < len(text):
        header = text[pos:pos + 4]
        if len(header) < 4 or not header.isdigit() or not header.isascii():
            raise InvalidPixCode(f"Código PIX inválido: cabeçalho de campo malformado {where} na posição {pos + 1}.")
        tag, size = header[:2], int(header[2:])
        value = text[pos + 4:pos + 4 + size]
        if len(value) != size:
            raise InvalidPixCode(f"Código PIX inválido: o campo {tag} {where} declara {size} caracteres, "
                                 f"mas o código termina antes.")
        if tag in fields:
            raise InvalidPixCode(f"Código PIX inválido: o campo {tag} aparece mais de uma vez {where}.")
        fields[tag] = value
        pos += 4 + size
    return fields


def _amount_cents(value: str) -> int:
    match = _AMOUNT.match(value)
    if not match:
        raise InvalidPixCode(f"Código PIX inválido: valor (54) \"{value}\" não é um número como 10.50.")
    reais, decimals = match.group(1), (match.group(2) or "").ljust(2, "0")
    return int(reais) * 100 + int(decimals)


def parse(text: str) -> dict:
    """Parse and validate a PIX BR Code; raises InvalidPixCode (a ValueError) with a pt-BR message.

    Surrounding whitespace is ignored. Returns:
      fields: {id: raw value} of every top-level field;
      payload_format ("01"), point_of_initiation ("11" static, "12" dynamic, or None),
      merchant_account: {gui, key, info, url, fields} (key/info/url None when absent; the sub-fields
        of 26), merchant_category_code, currency ("986"), amount (raw text or None),
      amount_cents (int or None), country ("BR"), merchant_name, merchant_city,
      txid (None when field 62/05 is absent; "***" is returned as is), crc.
    """
    if not isinstance(text, str) or not text.strip():
        raise InvalidPixCode("Informe o código PIX (copia e cola).")
    text = text.strip()
    if not text.startswith("000201"):
        raise InvalidPixCode("Código PIX inválido: deve começar com 000201 (formato EMV BR Code).")
    if len(text) < 8 or text[-8:-4] != _CRC_TAG:
        raise InvalidPixCode("Código PIX inválido: o código deve terminar com o campo CRC (6304 + 4 dígitos).")
    given, expected = text[-4:], crc16(text[:-4])
    if given != expected:
        raise InvalidPixCode("Código PIX inválido: o CRC não confere; o código foi alterado ou copiado pela metade.")
    fields = _tlv(text, "no código")
    if list(fields)[-1] != "63":
        raise InvalidPixCode("Código PIX inválido: o CRC (63) deve ser o último campo.")
    for tag, label in _REQUIRED.items():
        if tag not in fields:
            raise InvalidPixCode(f"Código PIX inválido: falta o campo {label}.")
    if fields["00"] != "01":
        raise InvalidPixCode("Código PIX inválido: indicador de formato (00) deve ser 01.")
    account = _tlv(fields["26"], "dos dados da conta (26)")
    if account.get("00", "").lower() != PIX_GUI:
        raise InvalidPixCode("Código PIX inválido: os dados da conta (26) não identificam um PIX (br.gov.bcb.pix).")
    if not account.get("01") and not account.get("25"):
        raise InvalidPixCode("Código PIX inválido: os dados da conta (26) não têm chave PIX nem URL.")
    if fields["53"] != "986":
        raise InvalidPixCode("Código PIX inválido: a moeda (53) deve ser 986 (real).")
    extra = _tlv(fields["62"], "dos dados adicionais (62)") if "62" in fields else {}
    amount = fields.get("54")
    return {
        "fields": fields,
        "payload_format": fields["00"],
        "point_of_initiation": fields.get("01"),
        "merchant_account": {"gui": account["00"], "key": account.get("01"), "info": account.get("02"),
                             "url": account.get("25"), "fields": account},
        "merchant_category_code": fields["52"],
        "currency": fields["53"],
        "amount": amount,
        "amount_cents": _amount_cents(amount) if amount is not None else None,
        "country": fields["58"],
        "merchant_name": fields["59"],
        "merchant_city": fields["60"],
        "txid": extra.get("05"),
        "crc": given,
    }


def is_valid_emv(text: str) -> bool:
    """True when `text` is a well-formed PIX BR Code whose CRC matches (what parse() accepts)."""
    try:
        parse(text)
    except InvalidPixCode:
        return False
    return True
