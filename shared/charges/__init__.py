"""Cobranças: pure building blocks for charges issued through Cora (PIX BR Code, boleto, installment
series, Cora status mapping). No I/O here; services and routes use these.

Modules: `pix` (EMV BR Code parse/CRC16), `boleto` (barcode / linha digitável), `series`
(installment split and due dates), `cora_status` (Cora status -> our status, monotonic advance).
"""

from __future__ import annotations

from shared.errors import ValidationFailed


class ChargeInputError(ValidationFailed, ValueError):
    """Malformed charge input (PIX code, boleto, installment plan). A ValueError with a pt-BR `detail`
    and, when it applies, the `field` it refers to; the HTTP layer answers 422."""
